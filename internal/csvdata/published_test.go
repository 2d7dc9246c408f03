package csvdata

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// reportMetrics is a metrics.csv for the committee report below, its ids
// written as the council writes them (CS04) and as the site does (hr07).
var reportMetrics = base["metrics.csv"] +
	"CS04,Calls answered in 20 seconds,ict,efficiency,percent,higher,82.5,\n" +
	"hr07,Days lost to sickness per FTE,ict,capacity,days,lower,4.25,\n" +
	"Ws03,Missed bin collections per 100k,ict,efficiency,count,lower,0,\n" +
	"it01,Availability of core ICT systems,ict,resilience,percent,higher,99.5,0.5\n"

// figures lists loaded figures as "FILE:LINE metric partner period value
// [note]", to compare with a hand-written list.
func figures(d *Data, file string) []string {
	var got []string
	for _, p := range d.Performance {
		if p.File == file {
			line := fmt.Sprintf("%d %s %s %s %s %s", p.Line, p.Metric, p.Partner, p.Period, trimFloat(p.Value), p.Note)
			got = append(got, strings.Join(strings.Fields(line), " "))
		}
	}
	return got
}

// TestCommitteeReport reads a council's quarterly report to committee as
// it was saved from Excel: a title, a "Code" column of upper-case codes,
// the report's own Indicator, Service and Unit, a quarter written "2025/26
// Qtr 2", Notes; and the zeros it holds where nothing was agreed.
func TestCommitteeReport(t *testing.T) {
	report := "Quarterly Performance Report 2025/26 Q2,,,,,,,,\n" +
		",,,,,,,,\n" +
		"Code,Indicator,Service,Unit,Q4 2024/25,Q1 2025/26,2025/26 Qtr 2,Target,Notes\n" +
		"CS04,% of calls answered in 20 seconds,Customer Services,%,81.2,79.5,80.4,82.5,\n" +
		"HR07,Days lost to sickness per FTE (cumulative),HR,days,6.3,2.1,4.0,4.25,\n" +
		"WS03,Missed bin collections per 100k,Waste,number,45,0,52,50,Figures not agreed with contractor\n" +
		"IT01,Availability of core ICT systems,ICT,%,99.6,99.7,0.0,99.5,\n"
	d, probs := load(t, map[string]*string{"metrics.csv": s(reportMetrics), "performance/q2.csv": s(report)})
	// By hand: ws03's target of 0 in metrics.csv (line 5, lower is
	// better); ws03's Q1 0 beside 45 and 52; it01's Q2 0.0 beside 99.6
	// and 99.7. hr07 has no zero, and no column is unknown.
	want := []string{
		`data/metrics.csv:5: warning: a target of 0 for metric "ws03", where lower is better, reads as 'none at all'; if no target was set, leave it empty or write Not set`,
		`data/performance/q2.csv:6: warning: value 0 for metric "ws03" in 2025/26 Q1 is far from its other figures (45 to 52): if nothing was published, write [x] or leave the cell empty`,
		`data/performance/q2.csv:7: warning: value 0 for metric "it01" in 2025/26 Q2 is far from its other figures (99.6 to 99.7): if nothing was published, write [x] or leave the cell empty`,
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
	if ids := []string{d.Metrics[1].ID, d.Metrics[3].ID}; !slices.Equal(ids, []string{"cs04", "ws03"}) {
		t.Errorf("metrics.csv ids read as %q, want them in lower case", ids)
	}
	wantFigs := []string{
		"4 cs04 2024/25 Q4 81.2", "4 cs04 2025/26 Q1 79.5", "4 cs04 2025/26 Q2 80.4",
		"5 hr07 2024/25 Q4 6.3", "5 hr07 2025/26 Q1 2.1", "5 hr07 2025/26 Q2 4",
		// The note, like the target and status, is the report's own
		// quarter's: it is not repeated on the columns beside it.
		"6 ws03 2024/25 Q4 45", "6 ws03 2025/26 Q1 0", "6 ws03 2025/26 Q2 52 Figures not agreed with contractor",
		"7 it01 2024/25 Q4 99.6", "7 it01 2025/26 Q1 99.7", "7 it01 2025/26 Q2 0",
	}
	if got := figures(d, "data/performance/q2.csv"); !slices.Equal(got, wantFigs) {
		t.Errorf("figures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFigs, "\n"))
	}
}

// TestCodeColumn: a column headed "code" is a report's metric codes or a
// table's council codes, as its cells say; the other metric headers are
// the metric column.
func TestCodeColumn(t *testing.T) {
	partners := "id,name,code,cost_share\nnorth,North Council,E07000099,60\nsouth,South Council,E07000243,40\n"
	tests := []struct {
		name, file, body string
		figs             []string // FILE's figures, as figures lists them
		probs            []string // every problem, exactly
	}{
		{"codes of metrics", "performance/q.csv", "code,period,value\nUPTIME,2025/26 Q1,99.1\n",
			[]string{"2 uptime 2025/26 Q1 99.1"}, nil},
		{"GSS codes in a file named for its metric", "performance/uptime.csv", "Code,Q1 2025/26\nE07000099,98\ne07000243,97\n",
			[]string{"2 uptime north 2025/26 Q1 98", "3 uptime south 2025/26 Q1 97"}, nil},
		{"partners by name, and no metric column", "performance/q.csv", "\"Table 1\",\nCode,Q1 2025/26\nNorth Council,98\n", nil,
			[]string{`data/performance/q.csv:2: missing column "metric"; add it to the header row (column 1, "Code", names partners, such as "North Council" on line 3, so it is not the metric column) (a file in data/performance/ named for a metric needs no metric column, but "q" is not a metric in data/metrics.csv)`}},
		{"metrics and partners: cannot be told", "performance/q.csv", "Code,period,value\nuptime,2025/26 Q1,99\nsouth,2025/26 Q1,98\n", nil,
			[]string{`data/performance/q.csv:1: column 1, "Code", may hold metric ids or partners, and its cells name both: line 2 names metric "uptime", line 3 partner "south"; head it "metric" if it holds metric ids or "partner" if it names councils`}},
		{"a metric column beside it makes it the partner's", "performance/q.csv", "code,metric,period,value\nnorth,uptime,2025/26 Q1,99\n",
			[]string{"2 uptime north 2025/26 Q1 99"}, nil},
		{"a second partner column is left alone", "performance/uptime.csv", "Local authority,Code,Q1 2025/26\nSouth Council,E07000099,97\n",
			[]string{"2 uptime south 2025/26 Q1 97"}, nil},
		{"a first partner column is the partner column", "performance/uptime.csv", "Code,Local authority,Q1 2025/26\nE07000099,South Council,97\n",
			[]string{"2 uptime north 2025/26 Q1 97"}, nil},
		{"codes that name nothing are metric ids, each unknown one named", "performance/q.csv", "Code,Indicator,Q1 2025/26\nZZ01,Something,5\n",
			[]string{"2 zz01 2025/26 Q1 5"}, []string{`data/performance/q.csv:2: metric "zz01" is not a metric in data/metrics.csv (known: uptime)`}},
		{"PI", "performance/q.csv", "PI,Measure,Service,Unit,Period,Value,Comments\nuptime,Uptime,ICT,%,2025/26 Q1,99,as reported\n",
			[]string{"2 uptime 2025/26 Q1 99 as reported"}, nil},
		{"Ref", "performance/q.csv", "Ref,Description,2025/26 Q1\nUptime,Uptime,99\n",
			[]string{"2 uptime 2025/26 Q1 99"}, nil},
		{"Indicator code", "performance/q.csv", "Indicator code,Indicator,2025/26 Q1\nuptime,Uptime,99\n",
			[]string{"2 uptime 2025/26 Q1 99"}, nil},
		{"a file named in capitals for its metric", "performance/UPTIME.csv", "period,value\n2025/26 Q1,99\n",
			[]string{"2 uptime 2025/26 Q1 99"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"partners.csv": s(partners), tt.file: s(tt.body)})
			if got := figures(d, "data/"+tt.file); !slices.Equal(got, tt.figs) {
				t.Errorf("figures %q, want %q", got, tt.figs)
			}
			if !slices.Equal(probs, tt.probs) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.probs, "\n"))
			}
		})
	}
}

// TestZeros: a 0 is questioned only where the series' other figures are
// all at least 10, and a target of 0 only where lower is better. Each
// case's problems are worked by hand.
func TestZeros(t *testing.T) {
	metrics := base["metrics.csv"] +
		"complaints,Complaints,ict,efficiency,count,lower,,\n" +
		"missed,Missed collections,ict,efficiency,count,lower,,\n"
	const zero = ": if nothing was published, write [x] or leave the cell empty"
	const target = ", where lower is better, reads as 'none at all'; if no target was set, leave it empty or write Not set"
	tests := []struct {
		name, perf string
		want       []string
	}{
		{"an uptime of 99.6 then 0.0", "metric,period,value\nuptime,2024/25 Q1,99.6\nuptime,2024/25 Q2,0.0\n",
			[]string{`data/performance.csv:3: warning: value 0 for metric "uptime" in 2024/25 Q2 is far from its other figures (99.6)` + zero}},
		{"a small count is often 0", "metric,period,value\ncomplaints,2024/25 Q1,3\ncomplaints,2024/25 Q2,0\ncomplaints,2024/25 Q3,12\n", nil},
		{"9.9 is not far", "metric,period,value\nmissed,2024/25 Q1,45\nmissed,2024/25 Q2,0\nmissed,2024/25 Q3,9.9\n", nil},
		{"two zeros are a pattern", "metric,period,value\nmissed,2024/25 Q1,45\nmissed,2024/25 Q2,0\nmissed,2024/25 Q3,0\nmissed,2024/25 Q4,52\n", nil},
		{"a 0 with no other figure", "metric,period,value\nmissed,2024/25 Q1,0\nmissed,2024/25 Q2,[x]\n", nil},
		{"each partner is its own series", "metric,period,partner,value\nmissed,2024/25 Q1,north,50\nmissed,2024/25 Q2,north,0\nmissed,2024/25 Q1,south,0\nmissed,2024/25 Q2,south,0\n",
			[]string{`data/performance.csv:3: warning: value 0 for metric "missed" for north in 2024/25 Q2 is far from its other figures (50)` + zero}},
		{"a row's target of 0 where lower is better", "metric,period,value,target\nmissed,2024/25 Q1,4,0\nmissed,2024/25 Q2,3,0\nuptime,2024/25 Q1,99,0\n",
			[]string{
				`data/performance.csv:2: warning: a target of 0 for metric "missed"` + target,
				`data/performance.csv:3: warning: a target of 0 for metric "missed"` + target,
			}},
		{"a wide row's target of 0 is said once", "metric,2024/25 Q1,2024/25 Q2,target\nmissed,4,3,0\n",
			[]string{`data/performance.csv:2: warning: a target of 0 for metric "missed"` + target}},
		{"a target not set", "metric,period,value,target\nmissed,2024/25 Q1,4,Not set\nmissed,2024/25 Q2,3,not set\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"metrics.csv": s(metrics), "performance.csv": s(tt.perf), "savings.csv": nil})
			// Metrics left without figures are another rule's warning.
			probs = slices.DeleteFunc(probs, func(p string) bool { return strings.Contains(p, "has no figures") })
			if !slices.Equal(probs, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, p := range d.Performance {
				if p.Target != nil && strings.Contains(tt.perf, "ot set") {
					t.Errorf("line %d: target %v, want none for Not set", p.Line, *p.Target)
				}
			}
		})
	}
}

// TestFractions: a percent metric whose every figure lies from 0 to 1
// gets one warning at its first figure, whatever its targets say.
func TestFractions(t *testing.T) {
	const warn = `warning: metric "rate" is a percentage, but every figure lies from 0 to 1: they look like fractions (0.291 for 29.1%); write percentages on a 0 to 100 scale`
	tests := []struct {
		name, target, perf string
		want               []string
	}{
		{"a target of 97 in metrics.csv", "97", "metric,period,value\nrate,2024/25 Q1,0.291\nrate,2024/25 Q2,0.305\n",
			[]string{"data/performance.csv:2: " + warn}},
		{"a row's target of 97, after a figure not available", "", "metric,period,value,target\nrate,2024/25 Q1,[x],97\nrate,2024/25 Q2,0.291,97\nrate,2024/25 Q3,1,97\n",
			[]string{"data/performance.csv:3: " + warn}},
		{"figures of 0 and 1 are whole percentages", "97", "metric,period,value\nrate,2024/25 Q1,0\nrate,2024/25 Q2,1\n", nil},
		{"one figure above 1", "97", "metric,period,value\nrate,2024/25 Q1,0.291\nrate,2024/25 Q2,30.5\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			metrics := "id,name,service,goal,unit,direction,target\nrate,Rate,ict,efficiency,percent,higher," + tt.target + "\n"
			_, probs := load(t, map[string]*string{"metrics.csv": s(metrics), "performance.csv": s(tt.perf), "savings.csv": nil})
			if !slices.Equal(probs, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestPeriodHeaders: a wide table's header cell is a period when
// period.Parse reads it, and one written nearly as a quarter is an error
// that names the form meant, not an unknown column.
func TestPeriodHeaders(t *testing.T) {
	wide := "metric,2022/23 Qtr 2,Qtr 3 2022/23,Q4 2022-23,Quater 1 2023/24,2023/24 Qtr 5\n" +
		"uptime,99.1,99.2,99.3,99.4,99.5\n"
	d, probs := load(t, map[string]*string{"performance/uptime.csv": s(wide)})
	want := []string{
		`data/performance/uptime.csv:1: column 5 is headed like a period but is not read as one, so its figures are not read: period "Quater 1 2023/24" is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024); did you mean 2023/24 Q1?`,
		`data/performance/uptime.csv:1: column 6 is headed like a period but is not read as one, so its figures are not read: period "2023/24 Qtr 5": a financial year has quarters 1 to 4 (Q1 is April to June, Q4 January to March); write e.g. 2023/24 Q1`,
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
	wantFigs := []string{"2 uptime 2022/23 Q2 99.1", "2 uptime 2022/23 Q3 99.2", "2 uptime 2022/23 Q4 99.3"}
	if got := figures(d, "data/performance/uptime.csv"); !slices.Equal(got, wantFigs) {
		t.Errorf("figures %q, want %q", got, wantFigs)
	}
}

// TestBenchmarkCodes: a benchmark names its metric in any case.
func TestBenchmarkCodes(t *testing.T) {
	d, probs := load(t, map[string]*string{"benchmarks.csv": s("metric,period,benchmark,value\nUPTIME,2024/25 Q1,England median,99.2\n")})
	if len(probs) != 0 || len(d.Benchmarks) != 1 || d.Benchmarks[0].Metric != "uptime" {
		t.Errorf("benchmarks %+v, problems %q", d.Benchmarks, probs)
	}
}
