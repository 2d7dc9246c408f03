package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/partnersite/partnersite/internal/measure"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// golden compares got with testdata/name, indented for a readable diff.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, got, "", "  "); err != nil {
		t.Fatalf("%s: option is not valid JSON: %v", name, err)
	}
	pretty.WriteByte('\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/chart -update)", err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("%s differs from its golden file; run go test ./internal/chart -update and review the diff\ngot:\n%s", name, pretty.String())
	}
}

func TestOptionGolden(t *testing.T) {
	q := period.MustParse
	// A metric per partner with a row target override and a gap.
	p := partnership(measure.Days, measure.Lower, f(18),
		csvdata.Performance{Period: q("2024/25 Q1"), Partner: "north", Value: 16},
		csvdata.Performance{Period: q("2024/25 Q2"), Partner: "north", Value: 17.25},
		csvdata.Performance{Period: q("2024/25 Q2"), Partner: "south", Value: 21, Target: f(20)},
	)
	golden(t, "line.json", Metric(en, p.Metric("m"), "", "chart-m").Option)
	golden(t, "line-partner.json", Metric(en, p.Metric("m"), "north", "chart-m-north").Option)

	d := &csvdata.Data{
		Partners: []csvdata.Partner{{ID: "north", Name: "North", ShortName: "North", CostShare: money.Whole}},
		Services: []csvdata.Service{{ID: "ict", Name: "ICT"}},
		Savings: []csvdata.Saving{
			{Service: "ict", Period: q("2023/24"), Costs: true, BaselineCost: gbp(100), ActualCost: gbp(120), OneOffCost: pgbp(10)},
			{Service: "ict", Period: q("2024/25"), Costs: true, BaselineCost: gbp(100), ActualCost: gbp(80), TargetSaving: pgbp(25)},
		},
	}
	sp := model.New(&config.Site{Goals: config.DefaultGoals}, d)
	bar := Savings(en, sp.Savings("", ""), "chart-savings").Option
	golden(t, "bar.json", bar)

	// Golden files can be regenerated without reading them, so the shape
	// that matters is asserted here too.
	for name, tc := range map[string]struct {
		option []byte
		want   string
	}{
		"line": {Metric(en, p.Metric("m"), "", "chart-m").Option, "North:line South:line Target:line"},
		"bar":  {bar, "Saving:bar Net saving after one-off costs:bar Target saving:line"},
	} {
		var v struct {
			Series []struct{ Name, Type string } `json:"series"`
		}
		if err := json.Unmarshal(tc.option, &v); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range v.Series {
			got = append(got, s.Name+":"+s.Type)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s series = %v, want %s", name, got, tc.want)
		}
	}
}

// TestOptionIsInert checks that text from a CSV cannot escape the JSON or
// become a function: go-echarts' "__f__" marker stays a plain string.
func TestOptionIsInert(t *testing.T) {
	p := partnership(measure.Percent, measure.Higher, f(99), csvdata.Performance{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 99.5})
	p.Metric("m").Name = "</script><script>alert(1)</script> __f__alert(2)__f__ <img src=x onerror=alert(3)> \u2028"
	p.Partners[0].ShortName = "</script><b>"
	opt := string(Metric(en, p.Metric("m"), "", "x").Option)
	for _, bad := range []string{"<", ">", "\u2028", "function"} {
		if strings.Contains(opt, bad) {
			t.Errorf("option contains %q:\n%s", bad, opt)
		}
	}
	for _, want := range []string{`\u003c/script\u003e\u003cb\u003e`, `__f__alert(2)__f__`, `\u2028`} {
		if !strings.Contains(opt, want) {
			t.Errorf("option lacks %s", want)
		}
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(opt), &v); err != nil {
		t.Fatal(err)
	}
}

// TestMarshalFailsLoudly: options that cannot be JSON are an error, never a
// chart that silently vanishes.
func TestMarshalFailsLoudly(t *testing.T) {
	if _, err := marshal(map[string]any{"series": []any{math.Inf(1)}}); err == nil {
		t.Error("an infinite value marshalled without an error")
	}
	if b, err := marshal(map[string]any{"series": []any{1.5}}); err != nil || string(b) != `{"series":[1.5],"textStyle":{"color":"#0B0C0C","fontSize":14}}` {
		t.Errorf("marshal = %s, %v", b, err)
	}
}

// TestYearToDate draws cumulative metrics: each financial year its own
// line over the quarters or months of a year, with every figure still in
// the table.
func TestYearToDate(t *testing.T) {
	q := period.MustParse
	// Days lost to sickness per FTE, so far this year, lower is better;
	// North over two years, South this year only, with a gap in its Q2.
	p := partnershipOf(csvdata.Metric{ID: "m", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: measure.Days, Direction: measure.Lower, Target: f(4.25), Cumulative: true},
		csvdata.Performance{Period: q("2024/25 Q1"), Partner: "north", Value: 2.1},
		csvdata.Performance{Period: q("2024/25 Q2"), Partner: "north", Value: 4},
		csvdata.Performance{Period: q("2024/25 Q3"), Partner: "north", Value: 6.2},
		csvdata.Performance{Period: q("2024/25 Q4"), Partner: "north", Value: 8.4},
		csvdata.Performance{Period: q("2025/26 Q1"), Partner: "north", Value: 1.9},
		csvdata.Performance{Period: q("2025/26 Q2"), Partner: "north", Value: 3.8},
		csvdata.Performance{Period: q("2025/26 Q1"), Partner: "south", Value: 2.5},
		csvdata.Performance{Period: q("2025/26 Q2"), Partner: "south", Mark: measure.NotAvailable},
	)
	m := p.Metric("m")
	fig := Metric(en, m, "", "chart-m")
	golden(t, "line-cumulative.json", fig.Option)
	north := Metric(en, m, "north", "chart-m-north")

	monthly := partnershipOf(csvdata.Metric{ID: "m", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: measure.Percent, Direction: measure.Higher, Target: f(97), Cumulative: true},
		csvdata.Performance{Period: q("2024-04"), Value: 10.5},
		csvdata.Performance{Period: q("2025-03"), Value: 96.8},
		csvdata.Performance{Period: q("2025-04"), Value: 10.9},
	)
	mm := monthly.Metric("m")
	month := Metric(en, mm, "", "chart-mm")

	type option struct {
		Series []struct {
			Name string `json:"name"`
			Data []struct {
				Value any `json:"value"`
			} `json:"data"`
		} `json:"series"`
		XAxis []struct {
			Data []string `json:"data"`
		} `json:"xAxis"`
	}
	for _, tt := range []struct {
		name     string
		fig      *Figure
		x        string
		series   string // name=values by place
		subtitle string
		summary  string
		rows     int
	}{
		{"per partner", fig, "Q1 Q2 Q3 Q4",
			"North 2024/25=2.1,4,6.2,8.4 North 2025/26=1.9,3.8,-,- South 2025/26=2.5,-,-,- Target, 2025/26=4.25,4.25,-,-",
			"Days, year to date, by quarter, 2024/25 Q1 to 2025/26 Q2. Lower is better.",
			// South's 2025/26 Q1 of 2.5 is the headline's latest with figure; North's is 2025/26 Q2.
			"In April to September 2025 (2025/26 Q2, the year to date), days to process claims in North was 3.8 days",
			6},
		{"one partner", north, "Q1 Q2 Q3 Q4",
			"2024/25=2.1,4,6.2,8.4 2025/26=1.9,3.8,-,- Target, 2025/26=4.25,4.25,-,-",
			"Days, year to date, by quarter, 2024/25 Q1 to 2025/26 Q2. Lower is better.",
			"In April to September 2025 (2025/26 Q2, the year to date), days to process claims in North was 3.8 days",
			6},
		{"monthly", month, "Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar",
			"2024/25=10.5,-,-,-,-,-,-,-,-,-,-,96.8 2025/26=10.9,-,-,-,-,-,-,-,-,-,-,- Target, 2025/26=97,-,-,-,-,-,-,-,-,-,-,-",
			"Percentage, year to date, by month, 2024-04 to 2025-04. Higher is better.",
			"In April 2025 (2025-04, the year to date), days to process claims was 10.9%",
			3},
	} {
		var o option
		if err := json.Unmarshal(tt.fig.Option, &o); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := strings.Join(o.XAxis[0].Data, " "); got != tt.x {
			t.Errorf("%s: x axis %q, want %q", tt.name, got, tt.x)
		}
		var got []string
		for _, s := range o.Series {
			var vs []string
			for _, d := range s.Data {
				vs = append(vs, fmt.Sprint(d.Value))
			}
			got = append(got, s.Name+"="+strings.Join(vs, ","))
		}
		if strings.Join(got, " ") != tt.series {
			t.Errorf("%s: series\n%s\nwant\n%s", tt.name, strings.Join(got, " "), tt.series)
		}
		if tt.fig.Subtitle != tt.subtitle {
			t.Errorf("%s: subtitle %q, want %q", tt.name, tt.fig.Subtitle, tt.subtitle)
		}
		if !strings.HasPrefix(tt.fig.Summary, tt.summary) {
			t.Errorf("%s: summary %q, want it to start %q", tt.name, tt.fig.Summary, tt.summary)
		}
		if len(tt.fig.Table.Rows) != tt.rows {
			t.Errorf("%s: %d table rows, want every period's: %d", tt.name, len(tt.fig.Table.Rows), tt.rows)
		}
		if !strings.Contains(tt.fig.Table.Caption, "year to date") {
			t.Errorf("%s: caption %q does not say year to date", tt.name, tt.fig.Table.Caption)
		}
	}
}
