package model

import (
	"testing"
	"time"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
)

// committee is a partnership whose figures come from two quarterly
// reports: the council's ratings, targets as written, a 1% tolerance, a
// year-to-date measure and a figure the Q2 report revised.
func committee() *Partnership {
	q := period.MustParse
	pct := func(v float64) *float64 { return &v }
	d := &csvdata.Data{
		Services: []csvdata.Service{{ID: "ict", Name: "ICT"}},
		Metrics: []csvdata.Metric{
			{ID: "calls", Name: "Calls answered", Service: "ict", Goal: "efficiency", Unit: measure.Percent, Direction: measure.Higher, AmberShare: pct(0.01)},
			{ID: "sick", Name: "Days lost", Service: "ict", Goal: "capacity", Unit: measure.Days, Direction: measure.Lower, Cumulative: true, ByYear: true},
			{ID: "bench", Name: "Days to decide", Service: "ict", Goal: "efficiency", Unit: measure.Days, Direction: measure.Lower, Amber: pct(0.125), AmberPlaces: 3, Target: pct(18)},
		},
		Performance: []csvdata.Performance{
			// 81.9 against 82.5: 0.6 short, within 1% (0.825): the rule
			// says At risk, as the council's Amber does.
			{Metric: "calls", Period: q("2026/27 Q2"), Value: 81.9, Places: 1, Target: pct(82.5), TargetPlaces: 1, RAG: measure.Amber, File: "q2.csv", Line: 5},
			// Revised in the Q2 report from the Q1 report's 81.7; the
			// council said Green where the rule says At risk.
			{Metric: "calls", Period: q("2026/27 Q1"), Value: 81.8, Places: 1, Flag: measure.Revised, Target: pct(82.5), TargetPlaces: 1, RAG: measure.Green, File: "q2.csv", Line: 5,
				Earlier: &csvdata.Revision{Value: 81.7, Places: 1, File: "q1.csv", Line: 5, PublishedIn: q("2026/27 Q1"), RevisedIn: q("2026/27 Q2")}},
			{Metric: "calls", Period: q("2025/26"), Value: 81.2, Places: 1, Outturn: true, File: "q1.csv", Line: 5},
			// Year to date: Q1 after last year's Q4.
			{Metric: "sick", Period: q("2025/26 Q4"), Value: 8.4, Places: 2},
			{Metric: "sick", Period: q("2026/27 Q1"), Value: 2.1, Places: 2, Target: pct(2.15), TargetPlaces: 2, RAG: measure.Green},
			{Metric: "bench", Period: q("2026/27 Q1"), Value: 18.1, Places: 1, RAG: measure.Unrated},
		},
	}
	return New(&config.Site{Goals: config.DefaultGoals}, d)
}

func TestCouncilRatings(t *testing.T) {
	p := committee()
	calls, sick, bench := p.Metric("calls"), p.Metric("sick"), p.Metric("bench")
	q := period.MustParse
	for _, c := range []struct {
		name string
		pt   *Point
		rule string
	}{
		{"council's Amber, shown as the council's", calls.SeriesFor("").At(q("2026/27 Q2")), "At risk: the council's rating (Amber), against the target of 82.5%"},
		{"council's Green, though the rule says At risk", calls.SeriesFor("").At(q("2026/27 Q1")), "On track: the council's rating (Green), against the target of 82.5%"},
		{"a figure the report left unrated", bench.SeriesFor("").At(q("2026/27 Q1")), "Not rated: the council's report gives it no rating"},
		{"the outturn, against no quarter's target", calls.SeriesFor("").OutturnAt(q("2025/26")), "No target"},
	} {
		if got := c.pt.Rating.Rule(en); got != c.rule {
			t.Errorf("%s: %q, want %q", c.name, got, c.rule)
		}
	}
	ds := p.Disagreements()
	if len(ds) != 1 || ds[0].Point.Period != q("2026/27 Q1") || ds[0].Rule.Rule(en) != "At risk: within 1% (0.83 points) of the target of 82.5%" {
		t.Fatalf("disagreements = %+v, want calls 2026/27 Q1 alone, the rule giving At risk within 1%% (0.83 points)", ds)
	}
	// Year to date: compared with a year earlier (none), never with
	// last year's Q4, which it would be "Improving" on.
	if got := sick.SeriesFor("").At(q("2026/27 Q1")).Travel(en); got != "No figure a year earlier" {
		t.Errorf("sick 2026/27 Q1 travel = %q", got)
	}
	// Targets, margins and benchmarks as written.
	for _, c := range []struct{ got, want string }{
		{sick.TargetText(sick.SeriesFor("").At(q("2026/27 Q1"))), "2.15 days"},
		{calls.TargetText(&Point{Target: f(47.5), TargetPlaces: 1}), "47.5%"},
		{calls.TargetText(&Point{Target: f(4.25)}), "4.25%"}, // never fewer places than its value
		{calls.TargetText(&Point{Target: f(18), TargetPlaces: 1}), "18.0%"},
		{bench.AmberText(), "Within 0.125 days of the target"},
		{calls.AmberText(), "Within 1% of the target, as the council sets it"},
		{bench.Written(&Point{Value: 17.25, Places: 2}), "17.25 days"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	// The Q1 report, as at Q1, shows the figure it was given.
	q1 := p.AsAt(q("2026/27 Q1").End()).Metric("calls").SeriesFor("").At(q("2026/27 Q1"))
	if q1.Value != 81.7 || q1.Flag != measure.NoFlag || !q1.SinceRevised || q1.File != "q1.csv" {
		t.Errorf("as at Q1: %+v, want 81.7 from q1.csv, since revised", q1)
	}
	if now := p.AsAt(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)).Metric("calls").SeriesFor("").At(q("2026/27 Q1")); now.Value != 81.8 || now.SinceRevised {
		t.Errorf("as at Q2: %+v, want the revised 81.8", now)
	}
}

// TestRevisedTwiceAsAt: a figure revised in Q2 and again in Q3 reads, on
// each report, as that report had it.
func TestRevisedTwiceAsAt(t *testing.T) {
	q := period.MustParse
	v1 := &csvdata.Revision{Value: 79.5, File: "q1.csv", Line: 3, PublishedIn: q("2025/26 Q1"), RevisedIn: q("2025/26 Q2")}
	v2 := &csvdata.Revision{Value: 79.6, File: "q2.csv", Line: 3, PublishedIn: q("2025/26 Q2"), RevisedIn: q("2025/26 Q3"), Earlier: v1}
	d := &csvdata.Data{
		Services:    []csvdata.Service{{ID: "ict", Name: "ICT"}},
		Metrics:     []csvdata.Metric{{ID: "calls", Name: "Calls", Service: "ict", Goal: "efficiency", Unit: measure.Percent, Direction: measure.Higher}},
		Performance: []csvdata.Performance{{Metric: "calls", Period: q("2025/26 Q1"), Value: 79.7, Places: 1, Flag: measure.Revised, File: "q3.csv", Line: 3, Earlier: v2}},
	}
	p := New(&config.Site{Goals: config.DefaultGoals}, d)
	for _, c := range []struct {
		at   string
		want float64
		file string
	}{{"2025/26 Q1", 79.5, "q1.csv"}, {"2025/26 Q2", 79.6, "q2.csv"}, {"2025/26 Q3", 79.7, "q3.csv"}} {
		pt := p.AsAt(q(c.at).End()).Metric("calls").SeriesFor("").At(q("2025/26 Q1"))
		if pt.Value != c.want || pt.File != c.file || pt.SinceRevised != (c.file != "q3.csv") {
			t.Errorf("as at %s: %v from %s (since revised %v), want %v from %s", c.at, pt.Value, pt.File, pt.SinceRevised, c.want, c.file)
		}
	}
}

// TestAsAtSharesWhatStood: a partnership as at a day shares each series'
// figures that stood then with the partnership it came from, rather than
// copy them, where none has been revised since; an append to them cannot
// write into the original; and a series with a figure revised since is
// a copy, so the original keeps the revised figure.
func TestAsAtSharesWhatStood(t *testing.T) {
	q := period.MustParse
	v1 := &csvdata.Revision{Value: 79.5, File: "q1.csv", Line: 3, PublishedIn: q("2025/26 Q1"), RevisedIn: q("2025/26 Q2")}
	d := &csvdata.Data{
		Services: []csvdata.Service{{ID: "ict", Name: "ICT"}},
		Metrics: []csvdata.Metric{
			{ID: "calls", Name: "Calls", Service: "ict", Goal: "efficiency", Unit: measure.Percent, Direction: measure.Higher},
			{ID: "uptime", Name: "Uptime", Service: "ict", Goal: "resilience", Unit: measure.Percent, Direction: measure.Higher},
		},
		Performance: []csvdata.Performance{
			{Metric: "calls", Period: q("2025/26 Q1"), Value: 79.7, Places: 1, Flag: measure.Revised, File: "q2.csv", Line: 3, Earlier: v1},
			{Metric: "calls", Period: q("2025/26 Q2"), Value: 80, File: "q2.csv", Line: 4},
			{Metric: "uptime", Period: q("2025/26 Q2"), Value: 99.1},
			{Metric: "uptime", Period: q("2025/26 Q1"), Value: 99.6},
			{Metric: "uptime", Period: q("2025/26 Q3"), Value: 99.7},
		},
	}
	p := New(&config.Site{Goals: config.DefaultGoals}, d)
	up, calls := p.Metric("uptime").SeriesFor(""), p.Metric("calls").SeriesFor("")
	at := p.AsAt(q("2025/26 Q2").End())
	upAt, callsAt := at.Metric("uptime").SeriesFor(""), at.Metric("calls").SeriesFor("")
	if len(upAt.Points) != 2 || &upAt.Points[0] != &up.Points[0] {
		t.Errorf("uptime as at Q2: %d figures, shared %v; want the first 2, shared", len(upAt.Points), len(upAt.Points) > 0 && &upAt.Points[0] == &up.Points[0])
	}
	if grown := append(upAt.Points, Point{Value: -1}); grown[2].Value != -1 || up.Points[2].Value != 99.7 {
		t.Errorf("an append to uptime as at Q2 wrote into the series: Q3 is %v", up.Points[2].Value)
	}
	if at1 := p.AsAt(q("2025/26 Q1").End()).Metric("calls").SeriesFor(""); &at1.Points[0] == &calls.Points[0] || at1.Points[0].Value != 79.5 || calls.Points[0].Value != 79.7 {
		t.Errorf("calls as at Q1 is %v (shared %v), the series %v; want 79.5 in a copy and 79.7 kept", at1.Points[0].Value, &at1.Points[0] == &calls.Points[0], calls.Points[0].Value)
	}
	if len(callsAt.Points) != 2 || &callsAt.Points[0] != &calls.Points[0] {
		t.Errorf("calls as at Q2, after its revision: %d figures, want both, shared", len(callsAt.Points))
	}
	if empty := p.AsAt(q("2024/25 Q4").End()); len(empty.Metrics[0].Series) != 0 {
		t.Errorf("as at 2024/25: %d series, want none", len(empty.Metrics[0].Series))
	}
}
