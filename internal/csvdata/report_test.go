package csvdata

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
)

// readReport writes body to a real file and reads it as a report.
func readReport(t *testing.T, body string) (*Report, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "q2.csv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var pl problem.List
	rep := ReadReport(os.DirFS(dir), "q2.csv", &pl)
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	return rep, got
}

func fp(v float64) *float64 { return &v }

// TestReadReport reads a committee report as saved from Excel: a title
// row and a blank above the header, last year's outturn and two quarters,
// a section heading, a footnote.
func TestReadReport(t *testing.T) {
	rep, problems := readReport(t, "Quarterly Performance Report 2025/26 Q2,,,,,,,,,\n"+
		",,,,,,,,,\n"+
		"Code,Indicator,Service,Unit,2024/25,Q1 2025/26,Q2 2025/26,Target,Status,Notes\n"+
		"Customer Services,,,,,,,,,\n"+
		"CS04,% of calls answered in 20 seconds,Customer Services,%,81.2,79.5,80.4,82.50,Amber,\n"+
		" HR07 ,Days lost to sickness per FTE (cumulative),HR,days,8.4,2.1,4.0 [p],4.25,Green,\n"+
		"WS03,Missed bin collections per 100k,Waste,number,45,0,[x],50,Red,Figures not agreed\n"+
		"CS 05,Complaints answered in 10 days,Customer Services,%,90,91,92,95,Red,\n"+
		"RB01,Council tax collected (cumulative),Revenues and Benefits,%,98.7,30.5,57.9,,,\n"+
		",,,,,,,,,\n"+
		"Source: council performance system,,,,,,,,,\n")
	if want := []string{`q2.csv:8: warning: code "CS 05" is not a valid id, even in lower case, so the row is left out; metric ids are lower-case letters, digits and hyphens, e.g. "cs-05"`}; !slices.Equal(problems, want) {
		t.Errorf("problems = %q, want %q", problems, want)
	}
	if rep == nil {
		t.Fatal("no report")
	}
	q2 := period.MustParse("2025/26 Q2")
	if rep.Period != q2 {
		t.Errorf("Period = %v, want %v", rep.Period, q2)
	}
	want := []ReportRow{
		{Line: 5, ID: "cs04", Code: "CS04", Name: "% of calls answered in 20 seconds", Service: "Customer Services", Unit: "%",
			Target: "82.50", Rating: "Amber", Period: q2, Figure: fp(80.4), TargetValue: fp(82.5)},
		{Line: 6, ID: "hr07", Code: "HR07", Name: "Days lost to sickness per FTE (cumulative)", Service: "HR", Unit: "days",
			Target: "4.25", Rating: "Green", Period: q2, Figure: fp(4), TargetValue: fp(4.25)},
		{Line: 7, ID: "ws03", Code: "WS03", Name: "Missed bin collections per 100k", Service: "Waste", Unit: "number",
			Target: "50", Rating: "Red", Period: q2, TargetValue: fp(50)},
		{Line: 9, ID: "rb01", Code: "RB01", Name: "Council tax collected (cumulative)", Service: "Revenues and Benefits", Unit: "%",
			Period: q2, Figure: fp(57.9)},
	}
	if len(rep.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rep.Rows), len(want), rep.Rows)
	}
	for i, w := range want {
		if g := rep.Rows[i]; !sameRow(g, w) {
			t.Errorf("row %d = %+v\nwant %+v", i, g, w)
		}
	}
}

func sameRow(a, b ReportRow) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	fa, fb, ta, tb := a.Figure, b.Figure, a.TargetValue, b.TargetValue
	a.Figure, b.Figure, a.TargetValue, b.TargetValue = nil, nil, nil, nil
	// Figures by period are TestBuildsUp's (internal/metricsfile).
	a.Figures, b.Figures = nil, nil
	return reflect.DeepEqual(a, b) && eq(fa, fb) && eq(ta, tb)
}

// TestReadReportHeaders: the metric column under each of its published
// headers, the name from a description column where there is no
// indicator column, and a long report's own period its latest.
func TestReadReportHeaders(t *testing.T) {
	tests := []struct {
		name, body     string
		id, rowName    string
		desc, rating   string
		period         string
		figure, target *float64
	}{
		{"pi", "PI,Measure,Q1 2025/26\nHR07,Days lost,2.1\n", "hr07", "Days lost", "", "", "2025/26 Q1", fp(2.1), nil},
		{"ref and rag", "Ref,Indicator,Apr-Jun 2025,Jul-Sep 2025,RAG\nhr07,Days lost,2.1,4.0,G\n", "hr07", "Days lost", "", "G", "2025/26 Q2", fp(4), nil},
		{"indicator code", "Indicator code,Description,2025/26 Q2,Target,Rating\nHR07,Days lost,4.0,4.25,Green\n", "hr07", "", "Days lost", "Green", "2025/26 Q2", fp(4), fp(4.25)},
		{"metric with both name and definition", "metric,indicator,definition,2025/26 Q2\nhr07,Days lost,Days per FTE,4\n", "hr07", "Days lost", "Days per FTE", "", "2025/26 Q2", fp(4), nil},
		{"id, long", "id,period,value,target,status\nhr07,2025/26 Q2,4.0,4.25,Green\nhr07,2025/26 Q1,2.1,2.15,Green\n", "hr07", "", "", "Green", "2025/26 Q2", fp(4), fp(4.25)},
	}
	for _, tt := range tests {
		rep, problems := readReport(t, tt.body)
		if rep == nil || len(problems) > 0 || len(rep.Rows) == 0 {
			t.Errorf("%s: report %+v, problems %q", tt.name, rep, problems)
			continue
		}
		r, p := rep.Rows[0], period.MustParse(tt.period)
		if r.ID != tt.id || r.Name != tt.rowName || r.Description != tt.desc || r.Rating != tt.rating || rep.Period != p ||
			!sameRow(ReportRow{Figure: r.Figure, TargetValue: r.TargetValue}, ReportRow{Figure: tt.figure, TargetValue: tt.target}) {
			t.Errorf("%s: period %v, row %+v", tt.name, rep.Period, r)
		}
	}
}

// TestReadReportRefuses: a report the command cannot use is an error at
// its line, saying what the metric column may be headed.
func TestReadReportRefuses(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"no metric column", "Quarterly report,,\nIndicator,Q1 2025/26,Target\nDays lost,2.1,2.15\n",
			"q2.csv:1: no header row: none of the first 3 rows names the columns metric; the header is the first row that names them, and rows above it (a title, a source) are skipped (the metric column may be headed code, indicator code, pi, ref, metric or id)"},
		{"empty", "", "q2.csv:1: the file is empty; it needs a header row naming its columns (metric)"},
	}
	for _, tt := range tests {
		rep, problems := readReport(t, tt.body)
		if rep != nil || !slices.Equal(problems, []string{tt.want}) {
			t.Errorf("%s: report %+v, problems %q, want %q", tt.name, rep, problems, tt.want)
		}
	}
	var pl problem.List
	if rep := ReadReport(os.DirFS(t.TempDir()), "absent.csv", &pl); rep != nil || pl.Errors() != 1 {
		t.Errorf("absent file: report %+v, problems %q", rep, pl.All())
	}
}

// TestReadReportSite: the metrics a site has, by lower-cased id, and its
// services, even when metrics.csv has problems of its own; nothing when
// the files are missing.
func TestReadReportSite(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if s := ReadReportSite(os.DirFS(dir)); len(s.Metrics) != 0 || len(s.Services) != 0 {
		t.Errorf("empty site: %+v", s)
	}
	for name, body := range map[string]string{
		"metrics.csv":  "id,name,service,goal,unit,direction\nWS03,Missed bins,waste,,count,\nit01,Uptime,ict,resilience,percent,higher\n",
		"services.csv": "id,name\nict,ICT\nwaste,Waste\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := ReadReportSite(os.DirFS(dir))
	if !s.Metrics["ws03"] || !s.Metrics["it01"] || len(s.Metrics) != 2 || len(s.Services) != 2 || s.Services[1].Name != "Waste" {
		t.Errorf("site: %+v", s)
	}
}

// TestEmptyMetricCells: check says what to write in each empty required
// cell that `partnersite metrics` leaves for the officer, at its line,
// and says it once.
func TestEmptyMetricCells(t *testing.T) {
	_, got := load(t, map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction,target\n" +
		"uptime,System availability,ict,,,,99.5\n")})
	want := []string{
		`data/metrics.csv:2: direction is empty: write higher or lower (which way is better), or neither for a measure of context`,
		`data/metrics.csv:2: goal is empty: write the goal it measures, one of: efficiency, resilience, capacity (the site's goals, as site.yaml sets them or by default)`,
		`data/metrics.csv:2: unit is empty: write one of percent, gbp, count, days, hours, minutes, fte or score (the unit its figures are in)`,
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%q\nwant\n%q", got, want)
	}
}

// TestMetricColumns: the columns a writer of metrics.csv may use.
func TestMetricColumns(t *testing.T) {
	cols := MetricColumns()
	if len(cols) < 6 || !slices.Equal(cols[:6], []string{"id", "name", "service", "goal", "unit", "direction"}) {
		t.Errorf("MetricColumns = %q", cols)
	}
}
