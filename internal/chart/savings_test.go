package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/problem"
)

// loadSavings writes partners.csv, services.csv and savings.csv to a real
// folder and builds the model from them as a build does.
func loadSavings(t *testing.T, partners, savings string) *model.Partnership {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"partners.csv": partners, "services.csv": "id,name\nshared,Shared services\nict,ICT\n", "savings.csv": savings} {
		if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var pl problem.List
	d := csvdata.Load(os.DirFS(dir), []string{"efficiency", "resilience", "capacity"}, &pl)
	for _, p := range pl.All() {
		if !p.Warning && p.Path != csvdata.MetricsFile && p.Path != csvdata.PerformanceFile {
			t.Fatalf("problem: %s", p)
		}
	}
	return model.New(&config.Site{Goals: config.DefaultGoals}, d)
}

// TestSavingsAsPublished is the councillor's case: ">£500,000 a year"
// from 2019/20, "£1.3m a year" by 2021/22 including it, one-off costs
// never published, no split between the councils. Worked by hand: 500,000
// + 500,000 carried + 1,300,000 = £2.3m to 2021/22, never £1.8m a year.
func TestSavingsAsPublished(t *testing.T) {
	p := loadSavings(t, "id,name,short_name,households,cost_share\na,Council A,A,60000,\nb,Council B,B,40000,\n",
		"service,period,saving,one_off_cost,note\n"+
			"shared,2019/20,\"£500,000\",,\">£500,000 a year\"\n"+
			"shared,2021/22,\"£1,300,000\",,£1.3m a year\n")
	fig := Savings(en, p.Savings("", ""), "s")
	want := "In 2021/22 the partnership saved £1,300,000 a year, a recurring saving. One-off costs were not reported, so the net saving is the saving before them. " +
		"From 2019/20 to 2021/22 savings total £2,300,000; one-off costs were not reported, so the net saving is the saving before them. " +
		"The recurring saving of £500,000 for Shared services from 2019/20 is counted in 2020/21 too, as no later figure replaces it there."
	if fig.Summary != want {
		t.Errorf("summary\n%q\nwant\n%q", fig.Summary, want)
	}
	rows := []struct{ head, saving, oneOff, net, cum string }{
		{"2019/20", "£500,000", "Not reported", "£500,000", "£500,000"},
		{"2020/21", "£500,000, carried from 2019/20 (recurring)", "Not reported", "£500,000", "£1,000,000"},
		{"2021/22", "£1,300,000", "Not reported", "£1,300,000", "£2,300,000"},
	}
	if len(fig.Table.Rows) != len(rows) {
		t.Fatalf("%d rows, want %d", len(fig.Table.Rows), len(rows))
	}
	for i, w := range rows {
		r := fig.Table.Rows[i]
		got := struct{ head, saving, oneOff, net, cum string }{r.Head, r.Cells[2].Text, r.Cells[5].Text, r.Cells[6].Text, r.Cells[7].Text}
		if got != w {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	if len(fig.Table.Key) != 2 || !strings.HasPrefix(fig.Table.Key[0], "carried: ") || !strings.HasPrefix(fig.Table.Key[1], "not reported: ") {
		t.Errorf("key %q", fig.Table.Key)
	}
	// No shares: a partner's view has no per household column.
	if a := Savings(en, p.Savings("", "a"), "a"); len(a.Table.Head) != 9 || len(a.Table.Rows) != 0 {
		t.Errorf("unshared partner: head %q, %d rows", a.Table.Head, len(a.Table.Rows))
	}

	// A gap: 2020/21 said in words, in the table, the summary and the key;
	// 500,000 + 600,000 less the 50,000 reported = £1,050,000.
	p = loadSavings(t, "id,name,cost_share\na,A,60\nb,B,40\n",
		"service,period,saving,one_off_cost\nshared,2019/20,\"£500,000\",0\nshared,2021/22,\"£600,000\",\"£50,000\"\n")
	fig = Savings(en, p.Savings("shared", ""), "s")
	want = "In 2021/22 Shared services saved £600,000. After one-off costs of £50,000, that is a net saving of £550,000. " +
		"From 2019/20 to 2021/22 savings total £1,100,000 (no figure was published for 2020/21, so it is not counted); after one-off costs of £50,000 that is a net saving of £1,050,000."
	if fig.Summary != want {
		t.Errorf("gap summary\n%q\nwant\n%q", fig.Summary, want)
	}
	if r := fig.Table.Rows[1]; r.Head != "2020/21" || r.Cells[2].Text != "No figure was published" || r.Cells[7].Text != "–" || r.Cells[4].Text != "Not rated" {
		t.Errorf("gap row %+v", r)
	}
	if fig.Table.Rows[2].Cells[7].Text != "£1,050,000" {
		t.Errorf("to 2021/22: %s, want £1,050,000", fig.Table.Rows[2].Cells[7].Text)
	}
	if k := fig.Table.Key; len(k) != 1 || k[0] != "no figure was published for 2020/21, so it is not counted in the totals" {
		t.Errorf("gap key %q", k)
	}

	// Part of a year's one-off costs reported: the part is shown, and
	// the rest said to be missing. 300 + 200 saved, less the 40 reported.
	p = loadSavings(t, "id,name,cost_share\na,A,60\nb,B,40\n",
		"service,period,saving,one_off_cost\nshared,2021/22,300,40\nict,2021/22,200,\n")
	fig = Savings(en, p.Savings("", ""), "s")
	if c := fig.Table.Rows[0].Cells; c[5].Text != "£40, others not reported" || c[6].Text != "£460" {
		t.Errorf("partly reported: one-off %q, net %q", c[5].Text, c[6].Text)
	}
	if want := "In 2021/22 the partnership saved £500. After the one-off costs reported, £40, that is a net saving of £460; other one-off costs were not reported."; fig.Summary != want {
		t.Errorf("partly reported summary\n%q\nwant\n%q", fig.Summary, want)
	}
}
