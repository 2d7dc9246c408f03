package metricsfile

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/problem"
)

// build writes each report to a real file, reads it as the command does,
// and builds the rows against site.
func build(t *testing.T, site Site, reports ...string) (Result, []string) {
	t.Helper()
	dir := t.TempDir()
	var pl problem.List
	var reps []*csvdata.Report
	for i, body := range reports {
		name := []string{"a.csv", "b.csv", "c.csv"}[i]
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		rep := csvdata.ReadReport(os.DirFS(dir), name, &pl)
		if rep == nil {
			t.Fatalf("%s: %q", name, pl.All())
		}
		reps = append(reps, rep)
	}
	res := Build(reps, site, &pl)
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	return res, got
}

var services = []csvdata.Service{{ID: "ict", Name: "ICT"}, {ID: "revenues-benefits", Name: "Revenues and Benefits"}, {ID: "hr", Name: "Human Resources"}}

// TestUnits: each way a report writes a unit, as metrics.csv takes it.
func TestUnits(t *testing.T) {
	tests := []struct{ written, unit, scale string }{
		{"%", "percent", ""}, {"Percent", "percent", ""}, {"percentage", "percent", ""},
		{"£", "gbp", ""}, {"£000", "gbp", "thousands"}, {"£k", "gbp", "thousands"}, {"£ thousands", "gbp", "thousands"}, {"£m", "gbp", "millions"},
		{"Days", "days", ""}, {"hours", "hours", ""}, {"mins", "minutes", ""}, {"Minutes", "minutes", ""},
		{"number", "count", ""}, {"No.", "count", ""}, {"count", "count", ""}, {"FTE", "fte", ""}, {"score", "score", ""},
		{"ratio", "", ""}, {"", "", ""},
	}
	for _, tt := range tests {
		res, problems := build(t, Site{Services: services}, "code,service,unit\nx1,ict,"+tt.written+"\n")
		r := res.Rows[0]
		if r.Unit != tt.unit || r.Scale != tt.scale {
			t.Errorf("unit %q: unit %q scale %q, want %q %q", tt.written, r.Unit, r.Scale, tt.unit, tt.scale)
		}
		unknown := tt.unit == "" && tt.written != ""
		if want := []string{`a.csv:2: warning: unit "ratio" of x1 is not one partnersite knows, so it is left empty: write one of percent, gbp, count, days, hours, minutes, fte or score`}; unknown != (len(problems) > 0) || unknown && !slices.Equal(problems, want) {
			t.Errorf("unit %q: problems %q", tt.written, problems)
		}
	}
}

// TestServices: a service is matched by id or name in any case and
// spacing; one that services.csv lacks gets the slug of its name and one
// line saying which row to add, however many rows name it.
func TestServices(t *testing.T) {
	res, problems := build(t, Site{Services: services},
		// x6 names no service; "HR" alone on its row is a section heading.
		"code,service,indicator\nx1,ICT\nx2,revenues  and BENEFITS\nx3,HR\nx4,Customer Services\nx5,Customer Services\nx6,,Staff turnover\nHR,,\n")
	var got []string
	for _, r := range res.Rows {
		got = append(got, r.Service)
	}
	if want := []string{"ict", "revenues-benefits", "hr", "customer-services", "customer-services", ""}; !slices.Equal(got, want) {
		t.Errorf("services = %q, want %q", got, want)
	}
	if want := []string{`a.csv:5: warning: data/services.csv lacks "Customer Services": add a row with id customer-services and name Customer Services`}; !slices.Equal(problems, want) {
		t.Errorf("problems = %q, want %q", problems, want)
	}
	if res.Empty["service"] != 1 {
		t.Errorf("empty services = %d, want 1", res.Empty["service"])
	}
}

// TestMerge: metrics in the order the files first name them, each once;
// the later file fills only what the earlier lacked; metrics the site has
// are left out; a site with one goal gets it written.
func TestMerge(t *testing.T) {
	site := Site{Metrics: map[string]bool{"it01": true}, Services: services, Goals: []string{"efficiency"}}
	res, problems := build(t, site,
		"Code,Indicator,Service,Unit,Q1 2025/26,Target,Status\n"+
			"RB02,Days to process new claims,,days,19.2,20,Green\n"+
			"IT01,Availability,ICT,%,99.7,99.5,Green\n"+
			"RB01,Council tax collected YTD,Revenues and Benefits,,30.5,30.0,Green\n",
		"Code,Indicator,Service,Unit,Description,Q2 2025/26,Target,Status\n"+
			"HR01,Headcount,HR,fte,,512,,Data only\n"+
			"RB01,Council tax collected,Revenues and Benefits,%,Share of the year's bills collected,57.9,30,Amber\n"+
			"RB02,New claims,Revenues and Benefits,days,Calendar days,18.1,20,Green\n")
	if len(problems) > 0 {
		t.Errorf("problems %q", problems)
	}
	want := []Row{
		{ID: "rb02", Name: "Days to process new claims", Service: "revenues-benefits", Goal: "efficiency", Unit: "days", Direction: "lower", Target: "20", Description: "Calendar days"},
		{ID: "rb01", Name: "Council tax collected YTD", Service: "revenues-benefits", Goal: "efficiency", Unit: "percent", Direction: "higher", Cumulative: "yes", Description: "Share of the year's bills collected"},
		{ID: "hr01", Name: "Headcount", Service: "hr", Goal: "efficiency", Unit: "fte", Direction: "neither"},
	}
	if !slices.Equal(res.Rows, want) {
		t.Errorf("rows:\n%+v\nwant\n%+v", res.Rows, want)
	}
	var out bytes.Buffer
	if err := Write(&out, res.Rows); err != nil {
		t.Fatal(err)
	}
	const csv = "id,name,service,goal,unit,scale,direction,target,amber,cumulative,description,source\n" +
		"rb02,Days to process new claims,revenues-benefits,efficiency,days,,lower,20,,,Calendar days,\n" +
		"rb01,Council tax collected YTD,revenues-benefits,efficiency,percent,,higher,,,yes,Share of the year's bills collected,\n" +
		"hr01,Headcount,hr,efficiency,fte,,neither,,,,,\n"
	if out.String() != csv {
		t.Errorf("Write:\n%s\nwant\n%s", out.String(), csv)
	}
	if got, want := res.Summary(), "partnersite metrics: 3 metrics; nothing left empty: add them to data/metrics.csv, then run partnersite check"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

// TestTargets: a target is written as the cell gives it; one that is
// not a number is left out with a warning.
func TestTargets(t *testing.T) {
	res, problems := build(t, Site{}, "code,target\nx1,4.250\nx2,\"£1,250\"\nx3,tbc\nx4,95%\n")
	var got []string
	for _, r := range res.Rows {
		got = append(got, r.Target)
	}
	if want := []string{"4.250", "£1,250", "", "95%"}; !slices.Equal(got, want) {
		t.Errorf("targets = %q, want %q", got, want)
	}
	if want := []string{`a.csv:4: warning: target "tbc" of x3 is not a number, so it is left out; where there is no target, leave the cell empty`}; !slices.Equal(problems, want) {
		t.Errorf("problems = %q, want %q", problems, want)
	}
}

// TestCumulative: the name says whether the figure builds up through the
// year.
func TestCumulative(t *testing.T) {
	for name, want := range map[string]string{
		"Days lost per FTE (cumulative)": "yes", "Spend year to date": "yes", "Spend (year-to-date)": "yes", "YTD income": "yes",
		"Income": "", "Accumulated leave": "", "Cumulatively": "",
	} {
		res, _ := build(t, Site{}, "code,indicator\nx1,"+name+"\n")
		if got := res.Rows[0].Cumulative; got != want {
			t.Errorf("%q: cumulative %q, want %q", name, got, want)
		}
	}
}

// TestSummary: the counts of empty cells, in words.
func TestSummary(t *testing.T) {
	tests := []struct {
		res  Result
		want string
	}{
		{Result{}, "partnersite metrics: 0 metrics: data/metrics.csv already has every metric the files name"},
		{Result{Rows: make([]Row, 1), Empty: map[string]int{"goal": 1}}, "partnersite metrics: 1 metric; 1 goal left empty: fill them in, then run partnersite check"},
		{Result{Rows: make([]Row, 45), Empty: map[string]int{"goal": 45, "direction": 12}}, "partnersite metrics: 45 metrics; 12 directions and 45 goals left empty: fill them in, then run partnersite check"},
		{Result{Rows: make([]Row, 3), Empty: map[string]int{"goal": 3, "direction": 1, "unit": 2, "name": 1}}, "partnersite metrics: 3 metrics; 1 direction, 3 goals, 2 units and 1 name left empty: fill them in, then run partnersite check"},
	}
	for _, tt := range tests {
		if got := tt.res.Summary(); got != tt.want {
			t.Errorf("Summary = %q, want %q", got, tt.want)
		}
	}
}

// TestColumnsAreMetricsColumns: every column written is one metrics.csv
// reads, so check never ignores what the command wrote.
func TestColumnsAreMetricsColumns(t *testing.T) {
	declared := csvdata.MetricColumns()
	for _, c := range Columns {
		if !slices.Contains(declared, c) {
			t.Errorf("column %q is not a column of metrics.csv (%q)", c, declared)
		}
	}
}

// TestTargetColumns: a report's target headed with its year or its own
// quarter is the report's target, as the loader reads it.
func TestTargetColumns(t *testing.T) {
	for _, report := range []string{
		"code,indicator,2013/14,Q1 2014/15,Target 2014/15\nx1,Calls,78,81,80\n",
		"code,indicator,2013/14,Q1 2014/15,Q1 2014/15 target\nx1,Calls,78,81,80\n",
		"code,indicator,2013/14,Q1 2014/15,Target\nx1,Calls,78,81,>= 80\n",
	} {
		res, problems := build(t, Site{Services: services}, report)
		if len(res.Rows) != 1 || res.Rows[0].Target != "80" || len(problems) > 0 {
			t.Errorf("%q: rows %+v, problems %q; want a target of 80", report, res.Rows, problems)
		}
	}
}

// TestBuildsUp: a year equal to its Q4, then a Q1 that falls back, is a
// year-to-date measure; either alone is not.
func TestBuildsUp(t *testing.T) {
	for _, c := range []struct {
		report, cumulative string
		warned             bool
	}{
		{"code,indicator,2013/14,Q4 2013/14,Q1 2014/15\nx1,Council tax collected,98.5,98.5,30.2\n", "yes", true},
		{"code,indicator,2013/14,Q4 2013/14,Q1 2014/15\nx1,Calls answered,81.2,81.2,79.5\n", "", false},  // no fall back
		{"code,indicator,2013/14,Q4 2013/14,Q1 2014/15\nx1,Calls answered,81.2,80.9,30.1\n", "", false},  // year is not its Q4
		{"code,indicator,2013/14,Q4 2013/14,Q1 2014/15\nx1,Days lost (YTD),8.1,8.1,2.1\n", "yes", false}, // the name says so
	} {
		res, problems := build(t, Site{Services: services}, c.report)
		if len(res.Rows) != 1 || res.Rows[0].Cumulative != c.cumulative || (len(problems) > 0) != c.warned {
			t.Errorf("%q: cumulative %q, problems %q; want %q, warned %v", c.report, res.Rows[0].Cumulative, problems, c.cumulative, c.warned)
		}
	}
}
