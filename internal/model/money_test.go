package model

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/problem"
)

// TestPoundsPlaces writes metrics in pounds to real files, loads them and
// formats their figures as the tables do. Pounds show no places or the two
// of pence, never three: £000 figures written to six places once showed as
// £0.000 and £1,234.500, and decimals 4 in metrics.csv as £12.5000.
func TestPoundsPlaces(t *testing.T) {
	tests := []struct {
		name    string
		metric  string // unit,direction,target,decimals
		values  []string
		want    []string // each value as the table shows it
		decimal int
	}{
		{"thousands to six places, whole pounds", "£000,lower,,", []string{"0.000000", "1.500000"}, []string{"£0", "£1,500"}, 0},
		{"thousands to six places, with pence", "£000,lower,,", []string{"0.000000", "1.234500"}, []string{"£0.00", "£1,234.50"}, 2},
		{"decimals set past the penny", "gbp,lower,,4", []string{"12.5"}, []string{"£12.50"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"partners.csv":    "id,name\nnorth,North Council\n",
				"services.csv":    "id,name,lead_partner\nict,ICT,north\n",
				"metrics.csv":     "id,name,service,goal,unit,direction,target,decimals\ncost,Cost,ict,efficiency," + tt.metric + "\n",
				"performance.csv": "metric,period,partner,value\n",
			}
			for i, v := range tt.values {
				files["performance.csv"] += "cost,202" + string(rune('0'+i)) + "/2" + string(rune('1'+i)) + ",north," + v + "\n"
			}
			if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range files {
				if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var pl problem.List
			d := csvdata.Load(os.DirFS(dir), []string{"efficiency", "resilience", "capacity"}, &pl)
			if pl.Errors() > 0 {
				t.Fatalf("problems: %v", pl.All())
			}
			m := New(&config.Site{Title: "Test", Goals: config.DefaultGoals}, d).Metric("cost")
			if m.Decimals != tt.decimal {
				t.Errorf("decimals = %d, want %d", m.Decimals, tt.decimal)
			}
			var got []string
			for _, pt := range m.Series[0].Points {
				got = append(got, m.Format(pt.Value))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("figures %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("figure %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
