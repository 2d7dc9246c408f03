package model

import (
	"fmt"
	"github.com/partnersite/partnersite/internal/measure"
	"math/rand/v2"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
)

func f(v float64) *float64 { return &v }

func TestRate(t *testing.T) {
	H, L := measure.Higher, measure.Lower
	tests := []struct {
		name   string
		v      float64
		target *float64
		amber  float64
		dir    measure.Direction
		unit   measure.Unit
		want   string
	}{
		{"exactly on target", 99.5, f(99.5), 0.5, H, measure.Percent, "On track: at or above the target of 99.5%"},
		{"above target", 99.9, f(99.5), 0.5, H, measure.Percent, "On track: at or above the target of 99.5%"},
		{"exactly on the amber line", 99.0, f(99.5), 0.5, H, measure.Percent, "At risk: within 0.5 points of the target of 99.5%"},
		{"just past the amber line", 98.99, f(99.5), 0.5, H, measure.Percent, "Off track: more than 0.5 points below the target of 99.5%"},
		// 5% of 18 is 0.9; 18 + 0.9 is 18.900000000000002 in binary.
		{"lower, on the default amber line", 18.9, f(18), DefaultAmber(18), L, measure.Days, "At risk: within 0.9 days of the target of 18 days"},
		{"lower, past the amber line", 18.91, f(18), DefaultAmber(18), L, measure.Days, "Off track: more than 0.9 days above the target of 18 days"},
		{"lower, on target", 18, f(18), DefaultAmber(18), L, measure.Days, "On track: at or below the target of 18 days"},
		{"lower, better than target", 12.5, f(18), DefaultAmber(18), L, measure.Days, "On track: at or below the target of 18 days"},
		{"negative target, at risk", -10.5, f(-10), DefaultAmber(-10), H, measure.Count, "At risk: within 0.5 of the target of -10"},
		{"negative target, off track", -10.6, f(-10), DefaultAmber(-10), H, measure.Count, "Off track: more than 0.5 below the target of -10"},
		{"negative target, on track", -9, f(-10), DefaultAmber(-10), H, measure.Count, "On track: at or above the target of -10"},
		{"zero target leaves no amber band", 1, f(0), DefaultAmber(0), L, measure.Count, "Off track: above the target of 0"},
		{"zero target met", 0, f(0), DefaultAmber(0), L, measure.Count, "On track: at or below the target of 0"},
		{"no target", 50, nil, 0, H, measure.Percent, "No target"},
		{"money", 45000, f(50000), 2500, H, measure.GBP, "Off track: more than £2,500 below the target of £50,000"},
		{"one point", 96, f(97), 1, H, measure.Percent, "At risk: within 1 point of the target of 97.0%"},
	}
	for _, tt := range tests {
		if got := Rate(en, tt.v, tt.target, tt.amber, tt.dir, tt.unit).Rule(en); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTrend(t *testing.T) {
	tests := []struct {
		v, prev float64
		dir     measure.Direction
		want    Trend
	}{
		{99.5, 99.0, measure.Higher, Improving},
		{98.0, 99.0, measure.Higher, Worsening},
		{17, 18, measure.Lower, Improving},
		{19, 18, measure.Lower, Worsening},
		{0.1 + 0.2, 0.3, measure.Higher, NoChange}, // binary noise is no change
	}
	for _, tt := range tests {
		if got := TrendOf(tt.v, tt.prev, tt.dir); got != tt.want {
			t.Errorf("TrendOf(%v, %v, %s) = %v, want %v", tt.v, tt.prev, tt.dir, got, tt.want)
		}
	}
}

func testPartnership() *Partnership {
	site := &config.Site{Title: "Test", Goals: config.DefaultGoals}
	q := period.MustParse
	d := &csvdata.Data{
		Partners: []csvdata.Partner{
			{ID: "north", Name: "North Council", ShortName: "North", Households: 40000, CostShare: 600_000},
			{ID: "south", Name: "South Council", ShortName: "South", Households: 30000, CostShare: 400_000},
		},
		Services: []csvdata.Service{{ID: "ict", Name: "ICT", LeadPartner: "north"}, {ID: "rb", Name: "Revenues"}},
		Metrics: []csvdata.Metric{
			{ID: "uptime", Name: "Uptime", Service: "ict", Goal: "resilience", Unit: measure.Percent, Direction: measure.Higher, Target: f(99.5), Amber: f(0.5)},
			{ID: "claims", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: measure.Days, Direction: measure.Lower, Target: f(18)},
		},
		Performance: []csvdata.Performance{
			// Out of order on purpose: the model sorts by period.
			{Metric: "uptime", Period: q("2024/25 Q2"), Value: 99.1},
			{Metric: "uptime", Period: q("2024/25 Q1"), Value: 99.6},
			{Metric: "claims", Period: q("2024/25 Q1"), Partner: "north", Value: 17},
			{Metric: "claims", Period: q("2024/25 Q2"), Partner: "north", Value: 16.5},
			{Metric: "claims", Period: q("2024/25 Q1"), Partner: "south", Value: 19},
			// A row target overrides the metric's; amber is 5% of 20 = 1.
			{Metric: "claims", Period: q("2024/25 Q2"), Partner: "south", Value: 21, Target: f(20)},
		},
		Savings: []csvdata.Saving{
			{Service: "ict", Period: q("2024/25"), Costs: true, BaselineCost: gbp(1_000_000), ActualCost: gbp(900_000), TargetSaving: pgbp(80_000), OneOffCost: pgbp(20_000)},
			{Service: "rb", Period: q("2024/25"), Partner: "north", Costs: true, BaselineCost: gbp(500_000), ActualCost: gbp(450_000), TargetSaving: pgbp(60_000)},
			{Service: "ict", Period: q("2025/26"), Costs: true, BaselineCost: gbp(1_000_000), ActualCost: gbp(850_000), TargetSaving: pgbp(120_000)},
		},
	}
	return New(site, d)
}

func TestMetricStatus(t *testing.T) {
	p := testPartnership()
	up := p.Metric("uptime")
	// Latest is Q2 at 99.1: within 0.5 of 99.5, down from 99.6.
	l := up.SeriesFor("").Latest()
	if l.Rating.Status != AtRisk || l.Trend != Worsening || up.Status() != AtRisk {
		t.Errorf("uptime latest = %+v, status %v", l, up.Status())
	}
	claims := p.Metric("claims")
	north, south := claims.SeriesFor("north").Latest(), claims.SeriesFor("south").Latest()
	if north.Rating.Status != OnTrack || north.Trend != Improving {
		t.Errorf("north = %+v", north)
	}
	// South: 21 days against its own target of 20, amber 1: exactly on the
	// amber line, so At risk; 19 -> 21 days is worse.
	if south.Rating.Rule(en) != "At risk: within 1 day of the target of 20 days" || south.Trend != Worsening {
		t.Errorf("south = %q %v", south.Rating.Rule(en), south.Trend)
	}
	if claims.Status() != AtRisk || claims.Headline().Partner.ID != "south" {
		t.Errorf("claims overall = %v, headline %v; want the worst partner, south", claims.Status(), claims.Headline().Name())
	}
	if got := CountStatuses(p.Metrics); got != (Counts{AtRisk: 2}) {
		t.Errorf("counts = %+v", got)
	}
	if got := p.LatestPeriod().String(); got != "2024/25 Q2" {
		t.Errorf("latest period = %s", got)
	}
	if p.Service("ict").Lead.ID != "north" || len(p.Goal("resilience").Metrics) != 1 {
		t.Error("joins are wrong")
	}
}

// gbp is a whole number of pounds; pgbp points to one.
func gbp(pounds int64) money.Pence { return money.Pence(pounds * 100) }

func pgbp(pounds int64) *money.Pence {
	p := gbp(pounds)
	return &p
}

func TestSavings(t *testing.T) {
	p := testPartnership()
	type want struct {
		year                        string
		saving, oneOff, net, target int64 // pounds
		status                      Status
		cumNet, cumTarget           int64
	}
	tests := []struct {
		name, service, partner string
		years                  []want
		perHousehold           money.Pence // cumulative net per household, 0 for none
	}{
		// 2024/25: ict 100,000 saved with 20,000 one-off; rb 50,000.
		// Saving 150,000 against 80,000 + 60,000 = 140,000.
		{"partnership", "", "", []want{
			{"2024/25", 150_000, 20_000, 130_000, 140_000, OnTrack, 130_000, 140_000},
			{"2025/26", 150_000, 0, 150_000, 120_000, OnTrack, 280_000, 260_000},
		}, 0},
		// North: 60% of ict (60,000 saved, 12,000 one-off, 48,000
		// target) plus all of its own rb row (50,000 against 60,000).
		{"north attributed", "", "north", []want{
			{"2024/25", 110_000, 12_000, 98_000, 108_000, OnTrack, 98_000, 108_000},
			{"2025/26", 90_000, 0, 90_000, 72_000, OnTrack, 188_000, 180_000},
		}, 470}, // £188,000 / 40,000 = £4.70
		{"south attributed", "", "south", []want{
			{"2024/25", 40_000, 8_000, 32_000, 32_000, OnTrack, 32_000, 32_000},
			{"2025/26", 60_000, 0, 60_000, 48_000, OnTrack, 92_000, 80_000},
		}, 307}, // £92,000 / 30,000 = £3.0666… → £3.07
		// rb for north: 50,000 against 60,000, amber 3,000: Off track.
		{"service and partner", "rb", "north", []want{
			{"2024/25", 50_000, 0, 50_000, 60_000, OffTrack, 50_000, 60_000},
		}, 125}, // £1.25
		{"nothing attributed", "rb", "south", nil, 0},
	}
	for _, tt := range tests {
		v := p.Savings(tt.service, tt.partner)
		if len(v.Years) != len(tt.years) {
			t.Errorf("%s: %d years, want %d", tt.name, len(v.Years), len(tt.years))
			continue
		}
		for i, w := range tt.years {
			y := v.Years[i]
			if y.Period.String() != w.year || y.Saving != gbp(w.saving) || y.OneOff != gbp(w.oneOff) || y.Net != gbp(w.net) ||
				*y.Target != gbp(w.target) || y.Rating.Status != w.status || y.CumNet != gbp(w.cumNet) || *y.CumTarget != gbp(w.cumTarget) {
				t.Errorf("%s %s: got %+v (target %v, cum target %v)", tt.name, w.year, y, *y.Target, *y.CumTarget)
			}
		}
		if l := v.Latest(); l != nil {
			ph, ok := v.PerHousehold(l.CumNet)
			if ok != (tt.perHousehold != 0) || ph != tt.perHousehold {
				t.Errorf("%s: per household %v %v, want %v", tt.name, ph, ok, tt.perHousehold)
			}
		}
	}
	// Attribution must neither lose nor invent money.
	all := p.Savings("", "").Latest().CumNet
	n, s := p.Savings("", "north").Latest().CumNet, p.Savings("", "south").Latest().CumNet
	if n+s != all {
		t.Errorf("north %v + south %v != partnership %v", n, s, all)
	}
	if got := p.Savings("rb", "north").Years[0].Rating.Rule(en); got != "Off track: more than £3,000 below the target of £60,000" {
		t.Errorf("rule = %q", got)
	}
	if h, ok := p.Households(); !ok || h != 70_000 {
		t.Errorf("households = %d %v", h, ok)
	}
}

func TestValueFormats(t *testing.T) {
	tests := []struct {
		unit          measure.Unit
		v             float64
		value, prose  string
		margin        string
		marginOfValue float64
	}{
		{measure.Percent, 99.14, "99.1%", "99.1%", "0.5 points", 0.5},
		{measure.GBP, 1234567, "£1,234,567", "£1.2m", "£2,500", 2500},
		{measure.GBP, 350000, "£350,000", "£350,000", "£1", 1},
		{measure.Days, 18.5, "18.5 days", "18.5 days", "0.9 days", 0.9},
		{measure.Days, 1, "1 day", "1 day", "1 day", 1},
		// The unit agrees with the digits shown, not the value behind them.
		{measure.Days, 1.04, "1 day", "1 day", "1 day", 1.04},
		{measure.Days, 0.96, "1 day", "1 day", "1 day", 0.96},
		{measure.Days, 1.05, "1.1 days", "1.1 days", "1.1 days", 1.05},
		{measure.Hours, -1, "-1 hour", "-1 hour", "-1 hour", -1},
		{measure.Percent, 97, "97.0%", "97.0%", "1 point", 1.004},
		{measure.Hours, 1200, "1,200 hours", "1,200 hours", "60 hours", 60},
		{measure.Minutes, 4.25, "4.3 minutes", "4.3 minutes", "0.2 minutes", 0.2},
		{measure.FTE, 12.5, "12.5 FTE", "12.5 FTE", "0.5 FTE", 0.5},
		{measure.Count, 1234, "1,234", "1,234", "1", 1},
		{measure.Score, 7.25, "7.3", "7.3", "0.25 points", 0.25},
	}
	for _, tt := range tests {
		if got := Value(en, tt.unit, tt.v); got != tt.value {
			t.Errorf("Value(%s, %v) = %q, want %q", tt.unit, tt.v, got, tt.value)
		}
		if got := Prose(en, tt.unit, tt.v); got != tt.prose {
			t.Errorf("Prose(%s, %v) = %q, want %q", tt.unit, tt.v, got, tt.prose)
		}
		if got := Margin(en, tt.unit, tt.marginOfValue); got != tt.margin {
			t.Errorf("Margin(%s, %v) = %q, want %q", tt.unit, tt.marginOfValue, got, tt.margin)
		}
	}
}

// TestSavingsInPence is the case: amounts that float64 adds up to
// 601.4999… are £601.50 exactly, shown and attributed as such.
func TestSavingsInPence(t *testing.T) {
	site := &config.Site{Title: "Test", Goals: config.DefaultGoals}
	q := period.MustParse
	d := &csvdata.Data{
		Partners: []csvdata.Partner{
			{ID: "a", Name: "A", ShortName: "A", CostShare: 333_334},
			{ID: "b", Name: "B", ShortName: "B", CostShare: 333_333},
			{ID: "c", Name: "C", ShortName: "C", CostShare: 333_333},
		},
	}
	// One service a row, as rows for one service and year are unique.
	for _, pence := range []money.Pence{10010, 20020, 30030, 90} {
		id := fmt.Sprint("s", pence)
		d.Services = append(d.Services, csvdata.Service{ID: id, Name: id})
		d.Savings = append(d.Savings, csvdata.Saving{Service: id, Period: q("2024/25"), Costs: true, BaselineCost: pence})
	}
	p := New(site, d)
	all := p.Savings("", "").Latest()
	if all.Saving != 60150 || all.Saving.String() != "£601.50" {
		t.Errorf("saving = %d pence, shown %s; want £601.50", all.Saving, all.Saving)
	}
	// Each row is split by largest remainder: £100.10 is 3337p + 3337p +
	// 3336p, and so on; the parts add up to every row, so to the whole.
	var sum money.Pence
	for _, id := range []string{"a", "b", "c"} {
		sum += p.Savings("", id).Latest().Saving
	}
	if sum != all.Saving {
		t.Errorf("partners' savings add to %d, not %d", sum, all.Saving)
	}
	if got := p.Savings("", "a").Latest().Saving; got != 3337+6674+10010+30 {
		t.Errorf("a's part = %d pence, want %d", got, 3337+6674+10010+30)
	}
}

// TestAttributionAddsUp is the property: whatever the rows and shares,
// the partners' attributed figures add up to the partnership's, to the
// penny, for every year and every figure.
func TestAttributionAddsUp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	site := &config.Site{Title: "Test", Goals: config.DefaultGoals}
	for range 300 {
		n := 2 + r.IntN(4)
		d := &csvdata.Data{Services: []csvdata.Service{{ID: "s1"}, {ID: "s2"}}}
		left := int64(money.Whole)
		for i := range n {
			s := r.Int64N(left + 1)
			if i == n-1 {
				s = left
			}
			left -= s
			d.Partners = append(d.Partners, csvdata.Partner{ID: fmt.Sprint("p", i), CostShare: money.Share(s), Households: 1 + r.IntN(90000)})
		}
		for y := range 4 {
			for _, svc := range []string{"s1", "s2"} {
				if r.IntN(4) == 0 {
					continue // a year with no figure, or one a recurring saving is carried to
				}
				row := csvdata.Saving{Service: svc, Period: period.Period{Kind: period.Year, Year: 2020 + y},
					Costs: true, BaselineCost: money.Pence(r.Int64N(1e10)), ActualCost: money.Pence(r.Int64N(1e10)), Recurring: r.IntN(2) == 0}
				if r.IntN(2) == 0 {
					one := money.Pence(r.Int64N(1e8))
					row.OneOffCost = &one
				}
				if r.IntN(2) == 0 {
					tg := money.Pence(r.Int64N(1e9))
					row.TargetSaving = &tg
				}
				d.Savings = append(d.Savings, row)
			}
		}
		p := New(site, d)
		all := p.Savings("", "").Years
		sums := make([]SavingsYear, len(all))
		for _, pt := range p.Partners {
			for i, y := range p.Savings("", pt.ID).Years {
				s := &sums[i]
				s.Baseline += y.Baseline
				s.Actual += y.Actual
				s.Saving += y.Saving
				s.OneOff += y.OneOff
				s.Net += y.Net
				s.CumNet += y.CumNet
				if y.Target != nil {
					s.Target = add(s.Target, *y.Target)
				}
			}
		}
		for i, w := range all {
			g := sums[i]
			if g.Baseline != w.Baseline || g.Actual != w.Actual || g.Saving != w.Saving || g.OneOff != w.OneOff ||
				g.Net != w.Net || g.CumNet != w.CumNet || (w.Target == nil) != (g.Target == nil) || w.Target != nil && *w.Target != *g.Target {
				t.Fatalf("%s: partners add to %+v, partnership is %+v", w.Period, g, w)
			}
		}
	}
}

// TestPrecision: a metric is shown with as many places as its figures were
// written with, as set, or more where a figure would round onto its target.
func TestPrecision(t *testing.T) {
	site := &config.Site{Title: "Test", Goals: config.DefaultGoals}
	q := period.MustParse
	two := 2
	one := 1
	d := &csvdata.Data{
		Services: []csvdata.Service{{ID: "s"}},
		Metrics: []csvdata.Metric{
			{ID: "days", Service: "s", Goal: "efficiency", Unit: measure.Days, Direction: measure.Lower, Target: f(8)},
			{ID: "pct", Service: "s", Goal: "efficiency", Unit: measure.Percent, Direction: measure.Higher, Target: f(99.5), Decimals: &one},
			{ID: "whole", Service: "s", Goal: "efficiency", Unit: measure.Percent, Direction: measure.Higher, Decimals: &two},
			{ID: "written", Service: "s", Goal: "efficiency", Unit: measure.Count, Direction: measure.Higher},
		},
		Performance: []csvdata.Performance{
			{Metric: "days", Period: q("2024/25 Q1"), Value: 7.25},
			{Metric: "days", Period: q("2024/25 Q2"), Value: 8},
			// 99.46 to one place is 99.5, the target: shown as 99.46.
			{Metric: "pct", Period: q("2024/25 Q1"), Value: 99.46},
			{Metric: "whole", Period: q("2024/25 Q1"), Value: 97},
			// Written "12.50": two places, though the value needs one.
			{Metric: "written", Period: q("2024/25 Q1"), Value: 12.5, Places: 2},
		},
	}
	p := New(site, d)
	for _, tt := range []struct {
		id   string
		v    float64
		want string
	}{
		{"days", 7.25, "7.25 days"},
		{"days", 8, "8.00 days"},
		{"pct", 99.46, "99.46%"},
		{"pct", 99.5, "99.50%"},
		{"whole", 97, "97.00%"},
		{"written", 12.5, "12.50"},
	} {
		if got := p.Metric(tt.id).Format(tt.v); got != tt.want {
			t.Errorf("%s: Format(%v) = %q, want %q", tt.id, tt.v, got, tt.want)
		}
	}
}

// TestMarginAsOnItsPage: a margin worked from the default 5% share is
// written exactly in every status's rule, as on the metric's page. By
// hand: 5% of £74 is £3.70, so £77.70 is at risk and £77.80 off track;
// 5% of 5 FTE is 0.25 FTE, so 4.75 is at risk and 4.7 off track.
func TestMarginAsOnItsPage(t *testing.T) {
	q := period.MustParse
	d := &csvdata.Data{
		Services: []csvdata.Service{{ID: "rb", Name: "Revenues"}},
		Metrics: []csvdata.Metric{
			{ID: "cost", Name: "Cost per case", Service: "rb", Goal: "efficiency", Unit: measure.GBP, Direction: measure.Lower, Target: f(74)},
			{ID: "fte", Name: "Staff on development", Service: "rb", Goal: "capacity", Unit: measure.FTE, Direction: measure.Higher, Target: f(5)},
		},
		Performance: []csvdata.Performance{
			{Metric: "cost", Period: q("2024/25 Q1"), Value: 77.7, Places: 2},
			{Metric: "cost", Period: q("2024/25 Q2"), Value: 77.8, Places: 2},
			{Metric: "fte", Period: q("2024/25 Q1"), Value: 4.75, Places: 2},
			{Metric: "fte", Period: q("2024/25 Q2"), Value: 4.7, Places: 1},
		},
	}
	p := New(&config.Site{Goals: config.DefaultGoals}, d)
	for _, tt := range []struct {
		metric, period, rule, page string
	}{
		{"cost", "2024/25 Q1", "At risk: within £3.70 of the target of £74", "Within 5% of the target (£3.70), the default where none is set"},
		{"cost", "2024/25 Q2", "Off track: more than £3.70 above the target of £74", ""},
		{"fte", "2024/25 Q1", "At risk: within 0.25 FTE of the target of 5 FTE", "Within 5% of the target (0.25 FTE), the default where none is set"},
		{"fte", "2024/25 Q2", "Off track: more than 0.25 FTE below the target of 5 FTE", ""},
	} {
		m := p.Metric(tt.metric)
		if got := m.SeriesFor("").At(q(tt.period)).Rating.Rule(en); got != tt.rule {
			t.Errorf("%s %s: rule %q, want %q", tt.metric, tt.period, got, tt.rule)
		}
		if tt.page != "" && m.AmberText() != tt.page {
			t.Errorf("%s: page says %q, want %q", tt.metric, m.AmberText(), tt.page)
		}
	}
}

// TestSaid: a sentence carries the marks its table shows, in words.
func TestSaid(t *testing.T) {
	m := &Metric{Unit: measure.Days, Decimals: 1}
	for _, tt := range []struct {
		pt   Point
		want string
	}{
		{Point{Value: 20.4}, "20.4 days"},
		{Point{Value: 19}, "19.0 days"}, // as its table writes it
		{Point{Value: 20.4, Flag: measure.Provisional}, "20.4 days (provisional)"},
		{Point{Value: 81.7, SinceRevised: true}, "81.7 days (since revised)"},
	} {
		if got := m.Said(&tt.pt); got != tt.want {
			t.Errorf("Said(%+v) = %q, want %q", tt.pt, got, tt.want)
		}
	}
}
