package csvdata

import (
	"slices"
	"strings"
	"testing"
)

// TestLongCellsShortened writes files with one cell of a million
// characters to disk and loads them. Every message that quotes the cell
// quotes its first 37 bytes and "...", never the whole of it, which once
// gave a one-million-character warning.
func TestLongCellsShortened(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	want := `"` + strings.Repeat("x", 37) + `..."`
	tests := []struct {
		name  string
		files map[string]*string
		want  string // the start of the message, up to the shortened cell
	}{
		{"an unknown column", map[string]*string{"services.csv": s("id,name," + long + "\nict,ICT,\n")},
			`data/services.csv:1: warning: unknown column ` + want},
		{"two unknown columns", map[string]*string{"services.csv": s("id,name," + long + "," + long + "\nict,ICT,,\n")},
			`data/services.csv:1: warning: unknown column ` + want},
		{"a reference to no partner", map[string]*string{"performance.csv": s("metric,period,partner,value\nuptime,2024/25 Q1," + long + ",99.6\n")},
			`data/performance.csv:2: partner ` + want + ` is not a partner in data/partners.csv`},
		{"a reference to no metric", map[string]*string{"performance.csv": s("metric,period,partner,value\n" + long + ",2024/25 Q1,,99.6\n")},
			`data/performance.csv:2: metric ` + want + ` is not a metric in data/metrics.csv`},
		{"a reference to no service", map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction\nuptime,Up," + long + ",resilience,percent,higher\n")},
			`data/metrics.csv:2: service ` + want + ` is not a service in data/services.csv`},
		{"a goal not of the site", map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction\nuptime,Up,ict," + long + ",percent,higher\n")},
			`data/metrics.csv:2: goal ` + want + ` is not a goal of the site`},
		{"a unit", map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction\nuptime,Up,ict,resilience," + long + ",higher\n")},
			`data/metrics.csv:2: unit ` + want + ` is not one of`},
		{"a period", map[string]*string{"performance.csv": s("metric,period,partner,value\nuptime," + long + ",,99.6\n")},
			`data/performance.csv:2: period "` + strings.Repeat("x", 77) + `..." is 1048576 characters long`},
		{"a figure", map[string]*string{"performance.csv": s("metric,period,partner,value\nuptime,2024/25 Q1,," + long + "\n")},
			`data/performance.csv:2: value ` + want + ` is not a number`},
		{"a date", map[string]*string{"services.csv": s("id,name,lead_partner,started\nict,ICT,north," + long + "\n")},
			`data/services.csv:2: started ` + want + ` is not a date`},
		{"an id", map[string]*string{"services.csv": s("id,name\n" + long + "X,ICT\n")},
			`data/services.csv:2: id ` + want + ` is not a valid id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := load(t, tt.files)
			found := false
			for _, p := range probs {
				if len(p) > 1000 {
					t.Errorf("a message of %d characters: %.120s...", len(p), p)
				}
				found = found || strings.HasPrefix(p, tt.want)
			}
			if !found {
				var heads []string
				for _, p := range probs {
					heads = append(heads, p[:min(len(p), 200)])
				}
				t.Errorf("no message starts %q; got %q", tt.want, heads)
			}
		})
	}
}

// TestSecondTable loads a performance file with a second table stacked
// under the first, as when two tables are copied from one sheet. Before,
// each row of the second table gave errors of its own and none said why;
// now one error names the line where the second table starts, and the
// first table's rows are read.
func TestSecondTable(t *testing.T) {
	const first = "metric,period,partner,value\n" +
		"uptime,2024/25 Q1,,99.6\n" +
		"uptime,2024/25 Q2,,99.1\n"
	tests := []struct {
		name  string
		file  string
		rows  int
		probs []string
	}{
		{"the header repeated", first + "metric,period,partner,value\nuptime,2024/25 Q3,north,98\nuptime,2024/25 Q4,north,97\n", 2,
			[]string{"data/performance.csv:4: a second table starts here; put each table in its own file"}},
		{"a title, a blank row and a header in other words", first + ",,,\n\"Table 2: by council\",,,\n,,,\nMetric,Period,Local authority,Value\nuptime,2024/25 Q3,North Council,98\n", 2,
			[]string{"data/performance.csv:5: a second table starts here; put each table in its own file"}},
		{"a title and its units, with no commas", first + "Table 2: by council\nPercent of hours\nperiod,metric,value\n2024/25 Q3,uptime,98\n", 2,
			[]string{"data/performance.csv:4: a second table starts here; put each table in its own file"}},
		{"a source line between, skipped as before", first + "\"Source: ICT\",,,\nmetric,period,partner,value\nuptime,2024/25 Q3,,98\n", 2,
			[]string{"data/performance.csv:5: a second table starts here; put each table in its own file"}},
		{"a row with one cell, then data: no second table", first + "uptime,,,\nuptime,2024/25 Q3,,98\n", 4,
			[]string{"data/performance.csv:4: period is empty; every row needs one"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"performance.csv": s(tt.file)})
			if len(d.Performance) != tt.rows || !slices.Equal(probs, tt.probs) {
				t.Errorf("%d rows, problems %q; want %d, %q", len(d.Performance), probs, tt.rows, tt.probs)
			}
		})
	}
}

// TestUTF16WithoutMark loads a services file saved as UTF-16 without its
// byte-order mark. It was read as UTF-8 with a NUL after every letter and
// blamed on a quote mark; now one error says how it was saved.
func TestUTF16WithoutMark(t *testing.T) {
	var b []byte
	for _, r := range "id,name\r\nict,\"ICT, shared\"\r\n" {
		b = append(b, byte(r), 0) // little-endian, no mark
	}
	_, probs := load(t, map[string]*string{"services.csv": s(string(b))})
	want := `data/services.csv:1: the file is saved as UTF-16 text without a byte-order mark, which is not read; save it from your spreadsheet as "CSV UTF-8 (Comma delimited)", or from your editor as UTF-8`
	if !slices.Contains(probs, want) || slices.ContainsFunc(probs, func(p string) bool { return strings.Contains(p, "quote") }) {
		t.Errorf("problems %q; want %q and none about quote marks", probs, want)
	}
}

// TestSecondWideTable: a published table, one column a quarter, with a
// second table (another year) stacked under it after its source line.
func TestSecondWideTable(t *testing.T) {
	partners := "id,name,short_name,code,cost_share\nnorth,North Hertfordshire District Council,North Herts,E07000099,60\nsouth,South Council,,E07000243,40\n"
	metrics := base["metrics.csv"] + "claims,Days to process new claims,ict,efficiency,days,lower,18,\n"
	wide := "\"Table 3: Housing benefit new claims\",,,\n" +
		"Local authority,ONS code,Q1 2024/25,Q2 2024/25\n" +
		"North Herts,E07000099,17.5,16.25\n" +
		"South Council,E07000243,21,19\n" +
		"\"Source: DWP\",,,\n" +
		",,,\n" +
		"\"Table 4: Housing benefit change of circumstances\",,,\n" + // line 7
		"Local authority,ONS code,Q1 2024/25,Q2 2024/25\n" +
		"North Herts,E07000099,5.5,6\n"
	d, probs := load(t, map[string]*string{"partners.csv": s(partners), "metrics.csv": s(metrics), "performance/claims.csv": s(wide)})
	want := []string{"data/performance/claims.csv:7: a second table starts here; put each table in its own file"}
	claims := 0
	for _, p := range d.Performance {
		if p.Metric == "claims" {
			claims++
		}
	}
	if claims != 4 || !slices.Equal(probs, want) {
		t.Errorf("%d claims figures, problems %q; want 4, %q", claims, probs, want)
	}
}
