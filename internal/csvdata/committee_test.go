package csvdata

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
)

// Two consecutive quarterly committee reports, as saved from Excel: a
// title row, last year's outturn, the previous quarter, this quarter, one
// target and one status for the report's own quarter.
const (
	committeeMetrics = "id,name,service,goal,unit,direction,target,amber,cumulative\n" +
		"sick,Days lost to sickness per FTE (cumulative),ict,capacity,days,lower,,,yes\n" +
		"calls,Calls answered in 20 seconds,ict,efficiency,percent,higher,,1%,\n" +
		"uptime,System availability,ict,resilience,percent,higher,99.5,0.5,\n"
	committeeQ1 = "Quarterly performance report: 2025/26 Q1,,,,,\n" +
		",,,,,\n" +
		"metric,2024/25,Q1 2025/26,Target,Status,Notes\n" +
		"sick,8.1,2.6,1.58,Red,\n" +
		"calls,81.2,79.5,82.5,Amber,\n"
	committeeQ2 = "Quarterly performance report: 2025/26 Q2,,,,,,,\n" +
		"metric,2024/25,Q1 2025/26,Q2 2025/26,Q1 2025/26 target,Target,Status,Notes\n" +
		"sick,8.1,2.6,4.0,,3.15,Green,\n" +
		"calls,81.2,79.6,80.4,,47.50,Amber,Revised Q1 figure\n" +
		"uptime,,99.6,99.7,99.0,,,\n"
)

func committee(t *testing.T, extra map[string]*string) (*Data, []string) {
	t.Helper()
	files := map[string]*string{
		"metrics.csv":                s(committeeMetrics),
		"performance.csv":            nil,
		"performance/2025-26-q1.csv": s(committeeQ1),
		"performance/2025-26-q2.csv": s(committeeQ2),
	}
	for k, v := range extra {
		files[k] = v
	}
	return load(t, files)
}

func figureOf(d *Data, metric string, p period.Period) *Performance {
	for i := range d.Performance {
		if f := &d.Performance[i]; f.Metric == metric && f.Period == p {
			return f
		}
	}
	return nil
}

var (
	fy2425 = period.Period{Kind: period.Year, Year: 2024}
	q1     = period.Period{Kind: period.Quarter, Year: 2025, N: 1}
	q2     = period.Period{Kind: period.Quarter, Year: 2025, N: 2}
	q4prev = period.Period{Kind: period.Quarter, Year: 2024, N: 4}
)

func TestCommitteeReports(t *testing.T) {
	d, probs := committee(t, nil)
	for _, p := range probs {
		if !strings.Contains(p, "warning:") {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	tgt := func(f *Performance) string {
		if f == nil {
			return "no figure"
		}
		if f.Target == nil {
			return "none"
		}
		return trimFloat(*f.Target) + "/" + string(rune('0'+f.TargetPlaces))
	}
	for _, c := range []struct {
		name, metric string
		p            period.Period
		value        float64
		target       string // value/places written, or none
		rag          measure.RAG
		flag         measure.Flag
		outturn      bool
		file         string
	}{
		// The Q2 report's target and status are Q2's alone: the Q1 and
		// 2024/25 columns beside them are not rated against them.
		{"own quarter's target and status", "sick", q2, 4.0, "3.15/2", measure.Green, 0, false, "data/performance/2025-26-q2.csv"},
		// Q1's figure is in both reports, the same: one figure, with the
		// Q1 report's own target and rating.
		{"repeated figure is one, with its own report's target", "sick", q1, 2.6, "1.58/2", measure.Red, 0, false, "data/performance/2025-26-q1.csv"},
		// A cumulative metric's year column is its outturn: Q4's figure.
		{"year-to-date outturn is the last quarter", "sick", q4prev, 8.1, "none", measure.NoRAG, 0, false, "data/performance/2025-26-q1.csv"},
		// Revised in the Q2 report: the later report's figure stands,
		// flagged revised, with the Q1 report's target; the council's
		// rating was of the figure first published, so it is not kept.
		{"revised figure", "calls", q1, 79.6, "82.5/1", measure.NoRAG, measure.Revised, false, "data/performance/2025-26-q2.csv"},
		// Places as written: 47.50 keeps two.
		{"target with its places", "calls", q2, 80.4, "47.5/2", measure.Amber, 0, false, "data/performance/2025-26-q2.csv"},
		// Not cumulative: the year column is the year's outturn, apart.
		{"outturn beside quarters", "calls", fy2425, 81.2, "none", measure.NoRAG, 0, true, "data/performance/2025-26-q1.csv"},
		// A "PERIOD target" column is that period's target.
		{"period target column", "uptime", q1, 99.6, "99/1", measure.NoRAG, 0, false, "data/performance/2025-26-q2.csv"},
		// No target for Q2 in the report, which has a target column: the
		// council set none, so metrics.csv's is not used either. The
		// report rates its figures and leaves this one blank: no rating.
		{"no row target", "uptime", q2, 99.7, "none", measure.Unrated, 0, false, "data/performance/2025-26-q2.csv"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := figureOf(d, c.metric, c.p)
			if f == nil {
				t.Fatalf("no figure for %s %s", c.metric, c.p)
			}
			if f.Value != c.value || tgt(f) != c.target || f.RAG != c.rag || f.Flag != c.flag || f.Outturn != c.outturn || f.File != c.file {
				t.Errorf("got value %v target %s rag %v flag %v outturn %v file %s; want %v %s %v %v %v %s",
					f.Value, tgt(f), f.RAG, f.Flag, f.Outturn, f.File, c.value, c.target, c.rag, c.flag, c.outturn, c.file)
			}
		})
	}
	// The revised figure keeps the one first published, for the
	// downloads and for the Q1 report.
	f := figureOf(d, "calls", q1)
	if r := f.Earlier; r == nil || r.Value != 79.5 || r.File != "data/performance/2025-26-q1.csv" || r.Line != 5 || r.PublishedIn != q1 || r.RevisedIn != q2 || r.Earlier != nil {
		t.Errorf("first published = %+v, want 79.5 at data/performance/2025-26-q1.csv:5, published in %s, revised in %s", f.Earlier, q1, q2)
	}
	// A report's figures without a target of their own are the council's
	// unset ones: no standing target rates them. A long file's are not.
	for _, c := range []struct {
		metric string
		p      period.Period
		unset  bool
	}{{"calls", fy2425, true}, {"uptime", q2, true}, {"sick", q2, false}, {"uptime", q1, false}} {
		if f := figureOf(d, c.metric, c.p); f.Unset != c.unset {
			t.Errorf("%s %s: Unset = %v, want %v", c.metric, c.p, f.Unset, c.unset)
		}
	}
	// Each figure once.
	n := 0
	for _, p := range d.Performance {
		if p.Metric == "sick" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("sick has %d figures, want 3 (2024/25 Q4, 2025/26 Q1 and Q2)", n)
	}
	var calls Metric
	for _, m := range d.Metrics {
		if m.ID == "calls" {
			calls = m
		}
	}
	if calls.AmberShare == nil || *calls.AmberShare != 0.01 || calls.Amber != nil {
		t.Errorf("amber 1%%: share %v, points %v; want a share of 0.01", calls.AmberShare, calls.Amber)
	}
}

func TestCommitteeReportsDisagree(t *testing.T) {
	// Two files that both report up to Q2 and give Q1 different figures:
	// neither revises the other.
	other := strings.Replace(committeeQ2, "sick,8.1,2.6,4.0", "sick,8.1,2.7,4.0", 1)
	_, probs := committee(t, map[string]*string{"performance/2025-26-q2-copy.csv": s(other)})
	want := `data/performance/2025-26-q2.csv:3: metric "sick", period 2025/26 Q1: this file gives 2.6 and data/performance/2025-26-q2-copy.csv:3 gives 2.7, and both files report up to 2025/26 Q2, so neither revises the other; correct the one that is wrong`
	if !slices.Contains(probs, want) {
		t.Errorf("problems %q lack %q", probs, want)
	}
}

func TestTargetsFile(t *testing.T) {
	d, probs := committee(t, map[string]*string{"targets.csv": s("metric,period,partner,target\n" +
		"uptime,2025/26 Q2,,99.25\n" +
		"sick,2025/26 Q2,,5\n" + // the row's own target (3.15) comes first
		"nosuch,2025/26 Q2,,5\n" +
		"uptime,2025/26 Q2,,99\n")})
	if f := figureOf(d, "uptime", q2); f.Target == nil || *f.Target != 99.25 || f.TargetPlaces != 2 {
		t.Errorf("uptime Q2 target = %v (%d places), want 99.25 from targets.csv", f.Target, f.TargetPlaces)
	}
	if f := figureOf(d, "sick", q2); *f.Target != 3.15 {
		t.Errorf("sick Q2 target = %v, want the report's own 3.15", *f.Target)
	}
	for _, w := range []string{
		`data/targets.csv:4: metric "nosuch" is not a metric in data/metrics.csv (known: calls, sick, uptime)`,
		`data/targets.csv:5: duplicate row: metric "uptime", period 2025/26 Q2, partner "" is also on line 2; keep one`,
	} {
		if !slices.Contains(probs, w) {
			t.Errorf("problems %q lack %q", probs, w)
		}
	}
}

func TestYearToDateOutturnTwice(t *testing.T) {
	// A year-to-date report that gives 2024/25 and Q4 2024/25 side by
	// side: the same figure once; different figures, an error.
	report := func(q4 string) *string {
		return s("metric,2024/25,Q4 2024/25,Q1 2025/26,Target,Status\n" +
			"sick,8.1," + q4 + ",2.6,1.58,Red\n")
	}
	sick := s("id,name,service,goal,unit,direction,cumulative\nsick,Days lost to sickness,ict,capacity,days,lower,yes\n")
	d, probs := load(t, map[string]*string{"metrics.csv": sick, "performance.csv": nil, "performance/q1.csv": report("8.1")})
	if len(probs) != 0 {
		t.Errorf("problems: %q", probs)
	}
	if f := figureOf(d, "sick", q4prev); f == nil || f.Value != 8.1 {
		t.Errorf("2024/25 Q4 = %+v, want 8.1", f)
	}
	n := 0
	for _, p := range d.Performance {
		if p.Metric == "sick" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d figures, want 2", n)
	}
	_, probs = load(t, map[string]*string{"metrics.csv": sick, "performance.csv": nil, "performance/q1.csv": report("8.2")})
	want := `data/performance/q1.csv:2: warning: metric "sick" builds up through the year, so its year outturn would be its 2024/25 Q4 figure, but the year column gives 8.1 and the 2024/25 Q4 column 8.2; both are shown, the year's as its outturn (if the metric does not build up through the year, leave cumulative empty in data/metrics.csv)`
	if !slices.Equal(probs, []string{want}) {
		t.Errorf("problems %q, want %q", probs, want)
	}
	d, _ = load(t, map[string]*string{"metrics.csv": sick, "performance.csv": nil, "performance/q1.csv": report("8.2")})
	if f := figureOf(d, "sick", q4prev); f == nil || f.Value != 8.2 || f.Outturn {
		t.Errorf("2024/25 Q4 = %+v, want the quarter's 8.2", f)
	}
	if f := figureOf(d, "sick", period.Period{Kind: period.Year, Year: 2024}); f == nil || f.Value != 8.1 || !f.Outturn {
		t.Errorf("2024/25 = %+v, want the year column's 8.1 as the outturn", f)
	}
}

func TestTargetText(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"95", 95}, {">= 95", 95}, {">95%", 95}, {"≥ 97.5%", 97.5}, {"< 23 days", 23}, {"<=4.25 days", 4.25},
		{"at least 80", 80}, {"Max 10", 10}, {"£1,200", 1200}, {"18 days", 18}, {"2.5 hrs", 2.5},
	} {
		got, err := ParseNumber(TargetText(c.in))
		if err != nil || got != c.want {
			t.Errorf("target %q reads as %v (%v), want %v", c.in, got, err, c.want)
		}
	}
}

// TestReportHeaders: the ways reports head their period columns, and the
// ones that name no period, whose figures would otherwise be lost.
func TestReportHeaders(t *testing.T) {
	metrics := s("id,name,service,goal,unit,direction,target\n" +
		"calls,Calls answered,ict,efficiency,percent,higher,80\n" +
		"receipts,Receipts,ict,efficiency,count,neither,0\n")
	d, probs := load(t, map[string]*string{"metrics.csv": metrics, "performance.csv": nil,
		"performance/q1.csv": s("Code,Outturn 2013/14,Q1 14/15,Target,Status\ncalls,78,81,>= 80%,Green\nreceipts,120,31,,Data only\n")})
	want := []string{`data/metrics.csv:3: warning: metric "receipts" is a measure of context (direction neither), which is never rated, so its target is not used; leave target empty`}
	if !slices.Equal(probs, want) {
		t.Errorf("problems %q, want %q", probs, want)
	}
	fy1415 := period.Period{Kind: period.Quarter, Year: 2014, N: 1}
	if f := figureOf(d, "calls", fy1415); f == nil || f.Value != 81 || f.Target == nil || *f.Target != 80 || f.RAG != measure.Green {
		t.Errorf("calls 2014/15 Q1 = %+v, want 81 against 80, Green", f)
	}
	if f := figureOf(d, "calls", period.Period{Kind: period.Year, Year: 2013}); f == nil || f.Value != 78 || !f.Outturn {
		t.Errorf("calls 2013/14 = %+v, want the outturn 78", f)
	}
	_, probs = load(t, map[string]*string{"metrics.csv": metrics, "performance.csv": nil,
		"performance/q1.csv": s("Code,2013/14,This Quarter,Q2 Target\ncalls,78,81,80\n")})
	for _, w := range []string{
		`data/performance/q1.csv:1: column 3 ("This Quarter") holds figures but does not name their period, so they cannot be read; head it with the period in full, e.g. "2025/26 Q2" (or "2025/26 Q2 target" for a target)`,
		`data/performance/q1.csv:1: column 4 ("Q2 Target") holds figures but does not name their period, so they cannot be read; head it with the period in full, e.g. "2025/26 Q2" (or "2025/26 Q2 target" for a target)`,
	} {
		if !slices.Contains(probs, w) {
			t.Errorf("problems %q lack %q", probs, w)
		}
	}
}

func TestNoteText(t *testing.T) {
	for in, want := range map[string]string{"No notes": "", "none": "", "N/A": "", "-": "", "No comment": "", "Figures not agreed": "Figures not agreed", "None of the plans were tested": "None of the plans were tested"} {
		if got := noteText(in); got != want {
			t.Errorf("noteText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRatingsAndTargetsByPeriod: a long file's blank status is no rating
// only for its own (latest) period; a "2025/26 target" beside a year to
// date's quarters rates its last quarter alone.
func TestRatingsAndTargetsByPeriod(t *testing.T) {
	d, _ := load(t, map[string]*string{"metrics.csv": s(committeeMetrics), "performance.csv": s("metric,period,partner,value,target,status\n" +
		"uptime,2025/26 Q1,,99.6,99.5,\n" +
		"uptime,2025/26 Q2,,99.7,99.5,\n" +
		"uptime,2025/26 Q3,,99.1,99.5,Amber\n" +
		"calls,2025/26 Q3,,81,82.5,\n"),
		"performance/ytd.csv": s("metric,Q1 2025/26,Q2 2025/26,2025/26 target\nsick,2.1,4.0,8.5\n")})
	q3 := period.Period{Kind: period.Quarter, Year: 2025, N: 3}
	for _, c := range []struct {
		metric string
		p      period.Period
		want   measure.RAG
	}{{"uptime", q1, measure.NoRAG}, {"uptime", q2, measure.NoRAG}, {"uptime", q3, measure.Amber}, {"calls", q3, measure.Unrated}} {
		if f := figureOf(d, c.metric, c.p); f == nil || f.RAG != c.want {
			t.Errorf("%s %s: %+v, want rating %v", c.metric, c.p, f, c.want)
		}
	}
	// 4.0 days by Q2 against the year's 8.5 would be no rating at all.
	if f := figureOf(d, "sick", q2); f == nil || f.Target != nil || !f.Unset {
		t.Errorf("sick Q2 = %+v, want no target", f)
	}
}

// TestRevisedTwice: a year's outturn in three reports, revised in the
// second and again in the third, keeps each figure as its report had it,
// whatever order the files are read in.
func TestRevisedTwice(t *testing.T) {
	report := func(quarter, value string) *string {
		return s("metric,2024/25," + quarter + ",Target,Status\ncalls," + value + ",80,82.5,Amber\n")
	}
	d, probs := load(t, map[string]*string{"metrics.csv": s(committeeMetrics), "performance.csv": nil,
		// Named so that the latest report is read first.
		"performance/a-q3.csv": report("Q3 2025/26", "79.7"),
		"performance/b-q1.csv": report("Q1 2025/26", "79.5"),
		"performance/c-q2.csv": report("Q2 2025/26", "79.6"),
	})
	for _, p := range probs {
		if !strings.Contains(p, "warning:") {
			t.Errorf("problem: %s", p)
		}
	}
	f := figureOf(d, "calls", fy2425)
	if f == nil || f.Value != 79.7 || f.File != "data/performance/a-q3.csv" {
		t.Fatalf("2024/25 = %+v, want the Q3 report's 79.7", f)
	}
	var got []string
	for r := f.Earlier; r != nil; r = r.Earlier {
		got = append(got, fmt.Sprintf("%v from %s, %s to %s", r.Value, r.File, r.PublishedIn, r.RevisedIn))
	}
	want := []string{"79.6 from data/performance/c-q2.csv, 2025/26 Q2 to 2025/26 Q3", "79.5 from data/performance/b-q1.csv, 2025/26 Q1 to 2025/26 Q2"}
	if !slices.Equal(got, want) {
		t.Errorf("revisions %q, want %q", got, want)
	}
}

// TestRecurringSplitForSome: a partnership-wide recurring saving that a
// later year gives for one partner only leaves the other's unsaid.
func TestRecurringSplitForSome(t *testing.T) {
	head := "service,period,partner,saving,recurring\n" + "ict,2019/20,,\"£500,000\",yes\n"
	_, probs := load(t, map[string]*string{"savings.csv": s(head + "ict,2021/22,north,\"£800,000\",yes\n")})
	want := `data/savings.csv:3: service "ict"'s partnership-wide recurring saving (line 2) is replaced in 2021/22 by rows for only 1 of the 2 partners; give every partner's row for 2021/22, or a partnership-wide one, so that no partner's saving stops unsaid`
	if !slices.Contains(probs, want) {
		t.Errorf("problems %q lack %q", probs, want)
	}
	_, probs = load(t, map[string]*string{"savings.csv": s(head + "ict,2021/22,north,\"£800,000\",yes\nict,2021/22,south,\"£500,000\",yes\n")})
	for _, p := range probs {
		if strings.Contains(p, "recurring saving") {
			t.Errorf("every partner's row given, yet: %s", p)
		}
	}
}
