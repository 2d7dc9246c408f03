// Package model is the partnership as the site presents it: goals, services,
// partners and metrics joined together, with every derived figure (status,
// direction of travel, savings, attribution by cost share, per household).
// It is pure: it reads checked records and does no I/O, so every figure can
// be tested against hand-computed values.
package model

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// Partnership is the whole model of one site.
type Partnership struct {
	// lang is the language the model's words are written in (NewIn).
	lang     *words.Lang
	Site     *config.Site
	Goals    []*Goal
	Services []*Service
	Partners []*Partner
	Metrics  []*Metric
	// savings are the rows of savings.csv in file order.
	savings []csvdata.Saving
	// Actions and Risks are each action and risk as it stood at the
	// period the partnership is as at, in goal order.
	Actions  []*Action
	Risks    []*Risk
	evidence evidence
}

// Goal is one stated aim, with the metrics that measure it.
type Goal struct {
	ID, Title, Summary string
	Metrics            []*Metric
}

// Partner is one council.
type Partner struct {
	ID, Name, ShortName, Website string
	Code                         string // GSS code, or ""
	Households                   int
	CostShare                    money.Share
}

// Service is one shared service.
type Service struct {
	ID, Name, Description string
	Lead                  *Partner // nil when not given
	Started               period.Day
	Metrics               []*Metric
}

// Metric is one performance measure with its history.
type Metric struct {
	// lang is the language of the metric's words: its figures' units and
	// its ratings' rules (NewIn).
	lang                          *words.Lang
	ID, Name, Description, Source string
	SourceURL                     string // where the source is published, or ""
	Service                       *Service
	Goal                          *Goal
	Unit                          measure.Unit
	Direction                     measure.Direction
	ByYear                        bool // travel against the same period a year earlier
	// Cumulative is true for a figure that builds up through the
	// financial year (collection rates, days lost so far): compared with
	// the same period a year earlier, its chart draws each year as its
	// own line, over the quarters or months of a year.
	Cumulative bool
	// Decimals is the precision the metric's figures are shown with.
	Decimals int
	// targetPlaces is the places metrics.csv's target was written with.
	targetPlaces int8
	// decimalsSet is what precision started from, kept
	// so that AsAt can work it out again for fewer figures.
	decimalsSet *int
	Target      *float64
	Amber       *float64 // as set in metrics.csv
	// AmberShare is an amber margin set as a share of the target (0.01
	// for "1%"), or nil.
	AmberShare  *float64
	amberPlaces int
	Kind        period.Kind
	// Series holds the partnership-wide series first, if any, then one
	// per partner in the order of partners.csv.
	Series []*Series
	// Benchmarks are comparisons from outside the partnership, in the
	// order benchmarks.csv first names them. They are kept apart from
	// Series so that nothing that rates or ranks can reach them.
	Benchmarks []*Benchmark
}

// Benchmark is a metric's comparison figures from outside the
// partnership ("England median"): context, never a target.
type Benchmark struct {
	Name string
	// Points hold only Period, Value, Places, Mark, Flag, File and Line,
	// and in Note the row's own source; a benchmark is never rated.
	Points []Point
}

// At returns the benchmark's figure for period p, or nil.
func (b *Benchmark) At(p period.Period) *Point { return pointAt(b.Points, p) }

// LatestBy returns the benchmark's latest figure for a period that ends
// no later than p (any period when p is zero), or nil.
func (b *Benchmark) LatestBy(p period.Period) *Point {
	for i := len(b.Points) - 1; i >= 0; i-- {
		if pt := &b.Points[i]; pt.Has() && (p.IsZero() || !pt.Period.End().After(p.End())) {
			return pt
		}
	}
	return nil
}

// Series is a metric's figures for the partnership or for one partner.
type Series struct {
	// lang is the language of the series' words (NewIn's); see Name.
	lang    *words.Lang
	Partner *Partner // nil for the partnership as a whole
	Points  []Point  // in period order
	// Outturns are whole years' figures of a metric reported by quarter
	// or month: a report's year column. They sit beside the series, in
	// its table, and are never rated against a quarter's target.
	Outturns []Point
}

// Point is one figure with what is derived from it.
type Point struct {
	Period period.Period
	Value  float64      // 0 when Mark says there is no figure
	Places int8         // decimal places it was written with
	Mark   measure.Mark // why there is no figure, if there is none
	Flag   measure.Flag // provisional, revised or estimated
	Target *float64     // the row's override or the metric's target
	// TargetPlaces is how many decimal places the target was written
	// with; it is shown so, whatever the figures' places.
	TargetPlaces int8
	// RAG is the council's own rating from its report, where it gave
	// one: the rating shown.
	RAG    measure.RAG
	Amber  float64
	Note   string
	Rating Rating
	Trend  Trend
	// Compared is the period Trend compares with: the last figure before,
	// or for a metric compared by year, the same period a year earlier.
	Compared period.Period
	byYear   bool
	// File and Line are where the figure was read, so that every figure in
	// the downloads can be traced to its source.
	File string
	Line int
	// Earlier are the figures earlier reports published for its period,
	// which it revised, the latest first; nil when never revised.
	Earlier *csvdata.Revision
	// SinceRevised marks a figure shown as first published, on a report
	// as at a period before a later report revised it: the report says so
	// beside it.
	SinceRevised bool
}

// New is NewIn in the built-in English catalogue, for tests and tools
// that write one language.
func New(site *config.Site, d *csvdata.Data) *Partnership {
	return NewIn(english(), site, d)
}

// NewIn joins checked data into the model, whose words (ratings' rules,
// figures with their units, evidence and savings sentences) are written
// in the language l: a site in two languages builds one model per
// language, each from the names in its language. It assumes d passed
// csvdata's checks; references that do not resolve are skipped, not
// panicked on.
func NewIn(l *words.Lang, site *config.Site, d *csvdata.Data) *Partnership {
	p := &Partnership{lang: l, Site: site, savings: d.Savings}
	goals := map[string]*Goal{}
	for _, g := range site.Goals {
		goal := &Goal{ID: g.ID, Title: g.Title, Summary: g.Summary}
		p.Goals = append(p.Goals, goal)
		goals[g.ID] = goal
	}
	partners := map[string]*Partner{}
	for _, r := range d.Partners {
		pt := &Partner{ID: r.ID, Name: r.Name, ShortName: r.ShortName, Website: r.Website, Code: r.Code, Households: r.Households, CostShare: r.CostShare}
		p.Partners = append(p.Partners, pt)
		partners[r.ID] = pt
	}
	services := map[string]*Service{}
	for _, r := range d.Services {
		s := &Service{ID: r.ID, Name: r.Name, Description: r.Description, Lead: partners[r.LeadPartner], Started: r.Started}
		p.Services = append(p.Services, s)
		services[r.ID] = s
	}
	metrics := map[string]*Metric{}
	for _, r := range d.Metrics {
		m := &Metric{ID: r.ID, Name: r.Name, Description: r.Description, Source: r.Source, SourceURL: r.SourceURL,
			Service: services[r.Service], Goal: goals[r.Goal], Unit: r.Unit, Direction: r.Direction, ByYear: r.ByYear,
			Cumulative: r.Cumulative, Target: r.Target, Amber: r.Amber, AmberShare: r.AmberShare, amberPlaces: r.AmberPlaces, lang: l}
		p.Metrics = append(p.Metrics, m)
		metrics[r.ID] = m
		if m.Service != nil {
			m.Service.Metrics = append(m.Service.Metrics, m)
		}
		if m.Goal != nil {
			m.Goal.Metrics = append(m.Goal.Metrics, m)
		}
	}
	series := map[*Metric]map[string]*Series{}
	written := map[*Metric][]int8{}
	metricTargetPlaces := make(map[string]int8, len(d.Metrics))
	for _, r := range d.Metrics {
		metricTargetPlaces[r.ID] = int8(r.Places)
	}
	for _, r := range d.Performance {
		m := metrics[r.Metric]
		if m == nil {
			continue
		}
		if series[m] == nil {
			series[m] = map[string]*Series{}
		}
		s := series[m][r.Partner]
		if s == nil {
			s = &Series{lang: l, Partner: partners[r.Partner]}
			series[m][r.Partner] = s
		}
		// metrics.csv's target is for every period of the metric's own
		// kind; a year's outturn beside quarters has only its own.
		target, tplaces := m.Target, int8(0)
		if r.Outturn || r.Unset {
			// A committee report's earlier column, or a figure it set no
			// target for: no standing target rates what the council did not.
			target = nil
		}
		if r.Target != nil {
			target, tplaces = r.Target, r.TargetPlaces
		} else if target != nil {
			tplaces = metricTargetPlaces[r.Metric]
		}
		places := writtenPlaces(r.Places, r.Value)
		pt := Point{Period: r.Period, Value: r.Value, Places: places, Mark: r.Mark, Flag: r.Flag, Target: target, TargetPlaces: tplaces,
			RAG: r.RAG, Note: r.Note, File: r.File, Line: r.Line, Earlier: r.Earlier}
		if r.Outturn {
			s.Outturns = append(s.Outturns, pt)
			continue
		}
		if r.Mark == measure.Present {
			written[m] = append(written[m], places)
		}
		s.Points = append(s.Points, pt)
		m.Kind = r.Period.Kind
	}
	for _, r := range d.Benchmarks {
		m := metrics[r.Metric]
		if m == nil {
			continue
		}
		// csvdata gives every row of one benchmark the same spelling.
		i := slices.IndexFunc(m.Benchmarks, func(b *Benchmark) bool { return b.Name == r.Name })
		if i < 0 {
			i = len(m.Benchmarks)
			m.Benchmarks = append(m.Benchmarks, &Benchmark{Name: r.Name})
		}
		b := m.Benchmarks[i]
		b.Points = append(b.Points, Point{Period: r.Period, Value: r.Value, Places: writtenPlaces(r.Places, r.Value),
			Mark: r.Mark, Flag: r.Flag, Note: r.Source, File: csvdata.BenchmarksFile, Line: r.Line})
	}
	for _, m := range p.Metrics {
		for _, b := range m.Benchmarks {
			slices.SortStableFunc(b.Points, func(x, y Point) int { return period.Compare(x.Period, y.Period) })
		}
	}
	for _, m := range p.Metrics {
		byPartner := series[m]
		if s := byPartner[""]; s != nil {
			m.Series = append(m.Series, s)
		}
		for _, pt := range p.Partners {
			if s := byPartner[pt.ID]; s != nil {
				m.Series = append(m.Series, s)
			}
		}
		for _, s := range m.Series {
			m.derive(s)
			m.deriveOutturns(s)
		}
	}
	for i, r := range d.Metrics {
		if i < len(p.Metrics) {
			m := p.Metrics[i]
			m.decimalsSet, m.targetPlaces = r.Decimals, int8(r.Places)
			m.Decimals = m.precision(r.Decimals, written[m])
		}
	}
	p.evidence = evidence{actions: d.Actions, risks: d.Risks, latest: latestOf(p.LatestPeriod(), d)}
	if !p.evidence.latest.IsZero() {
		p.evidenceAt(p.evidence.latest.End())
	}
	return p
}

// AsAt is the partnership as it stood at the end of a day: every figure
// for a period that ends after it is left out, and every derived figure
// (status, direction of travel, precision, savings to a year) follows. A
// report shows its period through it, so that later data never changes
// what the committee was shown.
func (p *Partnership) AsAt(end time.Time) *Partnership {
	q := &Partnership{Site: p.Site, Services: p.Services, Partners: p.Partners, lang: p.lang}
	for _, r := range p.savings {
		if !r.Period.End().After(end) {
			q.savings = append(q.savings, r)
		}
	}
	copies := make(map[*Metric]*Metric, len(p.Metrics))
	for _, m := range p.Metrics {
		c := *m
		c.Series = nil
		var written []int8
		for _, s := range m.Series {
			cs := &Series{lang: s.lang, Partner: s.Partner}
			var revised, outturnRevised bool
			cs.Points, revised = pointsAsAt(s.Points, end)
			cs.Outturns, outturnRevised = pointsAsAt(s.Outturns, end)
			for _, pt := range cs.Points {
				if pt.Has() {
					written = append(written, pt.Places)
				}
			}
			if revised {
				// The figure the committee was shown, rated and compared
				// as it was then.
				c.derive(cs)
			}
			if outturnRevised {
				c.deriveOutturns(cs)
			}
			if len(cs.Points) > 0 || len(cs.Outturns) > 0 {
				c.Series = append(c.Series, cs)
			}
		}
		c.Benchmarks = nil
		for _, b := range m.Benchmarks {
			cb := &Benchmark{Name: b.Name}
			for _, pt := range b.Points {
				if !pt.Period.End().After(end) {
					cb.Points = append(cb.Points, pt)
				}
			}
			if len(cb.Points) > 0 {
				c.Benchmarks = append(c.Benchmarks, cb)
			}
		}
		c.Decimals = c.precision(m.decimalsSet, written)
		copies[m] = &c
		q.Metrics = append(q.Metrics, &c)
	}
	for _, g := range p.Goals {
		cg := *g
		cg.Metrics = make([]*Metric, len(g.Metrics))
		for i, m := range g.Metrics {
			cg.Metrics[i] = copies[m]
		}
		q.Goals = append(q.Goals, &cg)
	}
	q.evidence = p.evidence
	q.evidenceAt(end)
	return q
}

// pointsAsAt are those of points, a series' figures in period order,
// that stood at the end of a day, each as first published where a later
// report revised it, and whether any was. Where none was and they are
// the first of points, as in period order they are, they are points' own,
// shared and not copied: each report's partnership then costs a slice
// header a series, not a copy of every figure (at 120,000 figures, twenty
// reports' copies were most of a build's memory). Nothing changes a
// point once derived, and the slice's capacity is its length, so that an
// append cannot write into the series either.
func pointsAsAt(points []Point, end time.Time) (_ []Point, revised bool) {
	n, first := 0, true
	for i := range points {
		if pt := &points[i]; !pt.Period.End().After(end) {
			first = first && n == i
			n++
			revised = revised || pt.revisedAfter(end)
		}
	}
	switch {
	case n == 0:
		return nil, false
	case first && !revised:
		return points[:n:n], false
	}
	out := make([]Point, 0, n)
	for _, pt := range points {
		if !pt.Period.End().After(end) {
			pt.asFirstPublished(end)
			out = append(out, pt)
		}
	}
	return out, revised
}

// revisedAfter reports whether a report after the end of a day revised
// the point, so that as at that day it stands as first published: what
// asFirstPublished undoes.
func (pt *Point) revisedAfter(end time.Time) bool {
	return pt.Earlier != nil && pt.Earlier.RevisedIn.End().After(end)
}

// asFirstPublished turns the point back into the figure that stood at
// the end of a day, where a report after it revised the figure: a report
// as at an earlier period shows what it was shown. It reports whether it
// did.
func (pt *Point) asFirstPublished(end time.Time) bool {
	if !pt.revisedAfter(end) {
		return false
	}
	f := pt.Earlier
	for f.Earlier != nil && f.PublishedIn.End().After(end) {
		f = f.Earlier // published after end too: the one before stood then
	}
	pt.Value, pt.Places, pt.Mark, pt.Flag = f.Value, writtenPlaces(f.Places, f.Value), f.Mark, f.Flag
	pt.File, pt.Line, pt.Earlier, pt.SinceRevised = f.File, f.Line, f.Earlier, true
	return true
}

// derive sorts a series and works out each point's amber, rating and trend.
func (m *Metric) derive(s *Series) {
	slices.SortStableFunc(s.Points, func(a, b Point) int { return period.Compare(a.Period, b.Period) })
	var prev *Point // the last figure that is there
	var x wording
	for i := range s.Points {
		pt := &s.Points[i]
		pt.Amber = m.amberFor(pt.Target)
		if !pt.Has() {
			// Not available, not applicable or confidential: no status,
			// no direction, and the next figure compares past it.
			continue
		}
		pt.Rating = m.rate(pt, &x)
		before := prev
		if m.ComparesByYear() {
			// Q4 receipts against Q3 are always down; against last
			// year's Q4 they say something.
			if before = s.At(pt.Period.YearEarlier()); before != nil && !before.Has() {
				before = nil
			}
		}
		pt.byYear = m.ComparesByYear()
		if before != nil {
			pt.Trend, pt.Compared = TrendOf(pt.Value, before.Value, m.Direction), before.Period
		}
		prev = pt
	}
}

// deriveOutturns rates a series' year outturns, each only against a
// target given for its own year.
func (m *Metric) deriveOutturns(s *Series) {
	slices.SortStableFunc(s.Outturns, func(a, b Point) int { return period.Compare(a.Period, b.Period) })
	var x wording
	for i := range s.Outturns {
		pt := &s.Outturns[i]
		pt.Amber = m.amberFor(pt.Target)
		if pt.Has() {
			pt.Rating = m.rate(pt, &x)
		}
	}
}

// ComparesByYear reports whether direction of travel compares a figure
// with the same period a year earlier: for a seasonal measure, and always
// for a year-to-date one, whose April figure says nothing against March's.
func (m *Metric) ComparesByYear() bool { return m.ByYear || m.Cumulative }

// rate is a figure's rating: the council's own where its report gave one,
// or else the metric's rule, with the target and margin as written. x
// keeps the last target and margin written, for the series' next figure.
func (m *Metric) rate(pt *Point, x *wording) Rating {
	if m.Direction.Rated() {
		if r, ok := CouncilRating(m.Lang(), pt.RAG, x.target(m, pt)); ok {
			return r
		}
	}
	return m.ruleRatingWith(pt, x)
}

// ruleRating is the rating the metric's own rule gives a figure.
func (m *Metric) ruleRating(pt *Point) Rating { return m.ruleRatingWith(pt, &wording{}) }

func (m *Metric) ruleRatingWith(pt *Point, x *wording) Rating {
	if pt.Target == nil {
		return Rate(m.Lang(), pt.Value, nil, pt.Amber, m.Direction, m.Unit)
	}
	return RateAs(m.Lang(), pt.Value, pt.Target, pt.Amber, m.Direction, m.Unit, x.target(m, pt), x.margin(m, pt.Amber))
}

// wording holds the target and amber margin a series' last figure was
// rated against, as written. A series' figures share one target and one
// margin as a rule, and writing them afresh for each of a site's 24,000
// figures was half the time a CSV save took to show in the preview.
// Each series (each goroutine) has its own.
type wording struct {
	targetBits, marginBits uint64 // math.Float64bits, so that -0 and NaN are their own keys
	targetPlaces           int8
	targetText, marginText string
	hasTarget, hasMargin   bool
}

// target is m.targetText(pt).
func (x *wording) target(m *Metric, pt *Point) string {
	if pt.Target == nil {
		return ""
	}
	bits := math.Float64bits(*pt.Target)
	if !x.hasTarget || x.targetBits != bits || x.targetPlaces != pt.TargetPlaces {
		x.targetBits, x.targetPlaces, x.targetText, x.hasTarget = bits, pt.TargetPlaces, m.targetText(pt), true
	}
	return x.targetText
}

// margin is m.marginText(a).
func (x *wording) margin(m *Metric, a float64) string {
	bits := math.Float64bits(a)
	if !x.hasMargin || x.marginBits != bits {
		x.marginBits, x.marginText, x.hasMargin = bits, m.marginText(a), true
	}
	return x.marginText
}

// StandingTarget writes metrics.csv's target, for every period, as it
// was written there ("90%", "47.5%"); "" when it sets none.
func (m *Metric) StandingTarget() string {
	if m.Target == nil {
		return ""
	}
	return ValueIn(m.Lang(), m.Unit, *m.Target, int(writtenPlaces(m.targetPlaces, *m.Target)))
}

// TargetText writes a figure's target as the council wrote it, with its
// own decimal places: 47.5% is never 48%, whatever the figures' places.
// It is "" when the figure has no target.
func (m *Metric) TargetText(pt *Point) string { return m.targetText(pt) }

func (m *Metric) targetText(pt *Point) string {
	if pt.Target == nil {
		return ""
	}
	return ValueIn(m.Lang(), m.Unit, *pt.Target, int(writtenPlaces(pt.TargetPlaces, *pt.Target)))
}

// marginText writes an amber margin: as a share where the council set
// one ("1% (0.83 points)"), or in the unit.
func (m *Metric) marginText(a float64) string {
	if m.AmberShare != nil {
		return m.Lang().F("status.margin.share", "share", format.Trim(*m.AmberShare*100, 4)+"%", "margin", Margin(m.Lang(), m.Unit, a))
	}
	return m.margin(a)
}

// margin writes an amber margin in the unit, with at least the places the
// council wrote it with: "within 0.125 points", never "0.13". A margin
// worked from a share is written exactly, to two places at most: 5% of
// £74 is £3.70 and 5% of 5 FTE is 0.25 FTE, in the status's rule as on
// the metric's page, since "within £4" would call £77.80 at risk.
func (m *Metric) margin(a float64) string {
	if m.Amber != nil && a == *m.Amber {
		return m.Unit.Margin(m.Lang(), a, max(m.Unit.MarginPlaces(), m.amberPlaces))
	}
	return m.Unit.Margin(m.Lang(), a, max(m.Unit.MarginPlaces(), min(2, shortest(a))))
}

// Written writes a figure with the places it was written with, whatever
// the metric's: a benchmark of 17.25 days is never 17.3.
func (m *Metric) Written(pt *Point) string {
	return ValueIn(m.Lang(), m.Unit, pt.Value, int(writtenPlaces(pt.Places, pt.Value)))
}

// AmberText says the metric's amber rule for its page: "Within 1% of the
// target (0.83 points), as the council sets it", "Within 0.5 points of the
// target", "Within 5% of the target (0.9 days), the default where none is
// set". It is "" for a measure of context.
func (m *Metric) AmberText() string {
	l := m.Lang()
	share := DefaultAmberShare
	how := "status.amber.default"
	switch {
	case !m.Direction.Rated():
		return ""
	case m.Amber != nil:
		return l.F("status.amber.within", "margin", m.margin(*m.Amber))
	case m.AmberShare != nil:
		share, how = *m.AmberShare, "status.amber.council"
	}
	pct := format.Trim(share*100, 4) + "%"
	out := l.F("status.amber.share", "share", pct)
	if m.Target != nil {
		// 5% of 15 days is 0.75 days, not 0.8, as every rule says it.
		out = l.F("status.amber.share-of", "share", pct, "margin", m.margin(math.Abs(*m.Target)*share))
	}
	return l.F(how, "rule", out)
}

// Disagreement is a figure whose council rating differs from the one the
// metric's own rule gives: the site shows the council's, and the build
// warns, so that an officer can set the rule the council uses.
type Disagreement struct {
	Metric        *Metric
	Point         *Point
	Council, Rule Rating
}

// Disagreements lists every figure whose council rating differs from the
// metric's rule, in metric and series order.
func (p *Partnership) Disagreements() []Disagreement {
	var out []Disagreement
	for _, m := range p.Metrics {
		if !m.Direction.Rated() {
			continue
		}
		for _, s := range m.Series {
			for i := range s.Points {
				pt := &s.Points[i]
				if !pt.Has() || !pt.Rating.Council || pt.Rating.Status == NotRated {
					continue
				}
				if rule := m.ruleRating(pt); rule.Status != pt.Rating.Status {
					out = append(out, Disagreement{Metric: m, Point: pt, Council: pt.Rating, Rule: rule})
				}
			}
		}
	}
	return out
}

// Travel says the direction of travel in words, naming the period it
// compares with when that is a year earlier: "Improving on 2023/24 Q2",
// in the language l.
func (p *Point) Travel(l *words.Lang) string {
	if p.byYear && !p.Compared.IsZero() {
		return l.F("trend.on", "trend", p.Trend.Word(l), "period", p.Compared.String())
	}
	if p.byYear {
		return l.T("trend.no-year-earlier")
	}
	return p.Trend.Word(l)
}

// Has reports whether the point has a figure, rather than a mark.
func (p *Point) Has() bool { return p.Mark == measure.Present }

// Symbol is the GSS symbol published beside the point: its flag ("[p]")
// when there is a figure, or the mark that stands in for it ("[x]").
func (p *Point) Symbol() string {
	if p.Has() {
		return p.Flag.Symbol()
	}
	return p.Mark.Symbol()
}

// amberFor is the amber margin that applies with target t: the metric's
// own margin when it sets one, otherwise 5% of t.
func (m *Metric) amberFor(t *float64) float64 {
	if m.Amber != nil {
		return *m.Amber
	}
	if t == nil {
		return 0
	}
	if m.AmberShare != nil {
		return math.Abs(*t) * *m.AmberShare
	}
	return DefaultAmber(*t)
}

// Latest is the series' most recent figure, or nil when it has none: a
// period marked not available is passed over, so status and headlines
// speak of the last figure there is.
func (s *Series) Latest() *Point {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if s.Points[i].Has() {
			return &s.Points[i]
		}
	}
	return nil
}

// Sharing splits a series' figures at the day its metric's service
// became shared: those for periods that ended before it, and those since.
// ok is false when the service gives no start.
func (m *Metric) Sharing(s *Series) (before, since []Point, ok bool) {
	if m.Service == nil || m.Service.Started.IsZero() {
		return nil, nil, false
	}
	for _, pt := range s.Points {
		switch {
		case !pt.Has():
		case pt.Period.End().Before(m.Service.Started.Time):
			before = append(before, pt)
		default:
			since = append(since, pt)
		}
	}
	return before, since, true
}

// Mean is the average of points' values.
func Mean(pts []Point) float64 {
	sum := 0.0
	for _, pt := range pts {
		sum += pt.Value
	}
	return sum / float64(len(pts))
}

// LatestBy is the series' last figure for a period that ends by end, or
// nil: where it stood at that date.
func (s *Series) LatestBy(end time.Time) *Point {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if pt := &s.Points[i]; pt.Has() && !pt.Period.End().After(end) {
			return pt
		}
	}
	return nil
}

// OutturnAt is the series' year outturn for p, or nil.
func (s *Series) OutturnAt(p period.Period) *Point { return pointAt(s.Outturns, p) }

// At is the series' point for period p, or nil.
func (s *Series) At(p period.Period) *Point { return pointAt(s.Points, p) }

func pointAt(points []Point, p period.Period) *Point {
	for i := range points {
		if points[i].Period == p {
			return &points[i]
		}
	}
	return nil
}

// Name is the partner's short name, or "Partnership" for the whole, in
// the model's language.
func (s *Series) Name() string {
	if s.Partner == nil {
		return orEnglish(s.lang).T("status.series.partnership")
	}
	return s.Partner.ShortName
}

// SeriesFor returns the series of the partner with id ("" for the
// partnership as a whole), or nil.
func (m *Metric) SeriesFor(id string) *Series {
	for _, s := range m.Series {
		if s.Partner == nil && id == "" || s.Partner != nil && s.Partner.ID == id {
			return s
		}
	}
	return nil
}

// Status is the metric's overall status: the worst of its series' latest
// ratings, as the contract says for metrics reported per partner.
func (m *Metric) Status() Status {
	if !m.Direction.Rated() {
		return NotRated
	}
	worst, rated := NoTarget, false
	for _, s := range m.Series {
		if l := s.Latest(); l != nil {
			worst = max(worst, l.Rating.Status)
			rated = rated || l.Rating.Status != NotRated
		}
	}
	if !rated && worst == NoTarget && m.hasFigures() {
		// Every latest figure is one the council left unrated (Data only,
		// or a blank rating): not rated, rather than "No target".
		return NotRated
	}
	return worst
}

// hasFigures reports whether any series has a figure.
func (m *Metric) hasFigures() bool {
	for _, s := range m.Series {
		if s.Latest() != nil {
			return true
		}
	}
	return false
}

// Headline is the series whose latest point decides the overall status:
// the first series with the worst latest rating. It is nil for a metric
// without figures.
func (m *Metric) Headline() *Series { return Headline(m.Series) }

// Headline is the first of series with the worst latest rating, or nil
// when none has figures; a figure for some of a metric's series uses it.
func Headline(series []*Series) *Series {
	var out *Series
	for _, s := range series {
		if l := s.Latest(); l != nil && (out == nil || l.Rating.Status > out.Latest().Rating.Status) {
			out = s
		}
	}
	return out
}

// Periods lists every period the metric has a figure for, in order.
func (m *Metric) Periods() []period.Period { return Periods(m.Series) }

// Periods lists every period any of series has a figure for, in order.
func Periods(series []*Series) []period.Period {
	var out []period.Period
	for _, s := range series {
		for _, pt := range s.Points {
			out = append(out, pt.Period)
		}
	}
	slices.SortFunc(out, period.Compare)
	return slices.Compact(out)
}

// Format writes a value of this metric with its unit, as in tables, at
// the metric's precision.
func (m *Metric) Format(v float64) string { return m.Unit.Format(m.Lang(), v, m.Decimals) }

// Prose writes a value of this metric for a sentence: as its tables write
// it, at the metric's precision ("19.0 days" where a table has 19.0), so a
// reader never meets one figure in two forms; millions of pounds as
// "£1.2m".
func (m *Metric) Prose(v float64) string {
	return m.Unit.ProseIn(m.Lang(), v, m.Decimals)
}

// Said writes a figure for a sentence with what its table's marks say of
// it, in words: "20.4 days (provisional)", "81.7% (since revised)", so
// that a sentence never states as final a figure its table marks.
func (m *Metric) Said(pt *Point) string {
	l := m.Lang()
	text := m.Prose(pt.Value)
	if pt.Flag != measure.NoFlag {
		text = l.F("measure.said.flag", "figure", text, "flag", pt.Flag.Word(l))
	}
	if pt.SinceRevised {
		text = l.F("measure.said.since-revised", "figure", text)
	}
	return text
}

// writtenPlaces is the decimal places a figure is shown with: as written
// ("99.50" has 2), and never fewer than the value needs, for figures that
// did not come from a file.
func writtenPlaces(written int8, v float64) int8 { return int8(max(int(written), shortest(v))) }

// shortest is the number of decimal places in the shortest decimal form
// of v.
func shortest(v float64) int {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// precision works out how many decimal places a metric is shown with: as
// set, or as many as its most precise figure was written with (at most
// 3); then more, up to 6, while any figure would round onto its
// target's value without being on it, since "99.5% against 99.5%: At risk"
// would be a contradiction on the page. Pounds never have more than 2.
func (m *Metric) precision(set *int, written []int8) int {
	var d int
	if set != nil {
		d = *set
	} else {
		// The figures' own places: a target keeps its own (47.5% beside
		// 46% and 48%, as the committee paper has them).
		for _, w := range written {
			d = max(d, int(w))
		}
		if len(written) == 0 {
			d = m.Unit.Places()
		}
		d = min(d, 3)
	}
	// Pounds are whole pence (csvdata refuses finer figures): a third
	// place, even one set in metrics.csv, could only show £1,234.500.
	most := 6
	if m.Unit == measure.GBP {
		most = 2
		d = min(d, most)
	}
	for _, s := range m.Series {
		for _, pt := range s.Points {
			// A target is shown as written, so a figure collides with it
			// only when, rounded, it reads as the target's own value.
			for pt.Has() && pt.Target != nil && pt.Value != *pt.Target && d < most &&
				format.Round(pt.Value, d) == *pt.Target {
				d++
			}
		}
	}
	return d
}

// Counts tallies the overall statuses of metrics, in the order On track,
// At risk, Off track, No target.
type Counts struct {
	OnTrack, AtRisk, OffTrack, NoTarget int
	NotRated                            int // measures of context
}

// CountStatuses tallies the statuses of metrics.
func CountStatuses(ms []*Metric) Counts {
	var c Counts
	for _, m := range ms {
		switch m.Status() {
		case OnTrack:
			c.OnTrack++
		case AtRisk:
			c.AtRisk++
		case OffTrack:
			c.OffTrack++
		case NotRated:
			c.NotRated++
		default:
			c.NoTarget++
		}
	}
	return c
}

// Goal returns the goal with id, or nil.
func (p *Partnership) Goal(id string) *Goal {
	return find(p.Goals, id, func(g *Goal) string { return g.ID })
}

// Service returns the service with id, or nil.
func (p *Partnership) Service(id string) *Service {
	return find(p.Services, id, func(s *Service) string { return s.ID })
}

// Partner returns the partner with id, or nil.
func (p *Partnership) Partner(id string) *Partner {
	return find(p.Partners, id, func(pt *Partner) string { return pt.ID })
}

// Metric returns the metric with id, or nil.
func (p *Partnership) Metric(id string) *Metric {
	return find(p.Metrics, id, func(m *Metric) string { return m.ID })
}

func find[T any](xs []*T, id string, key func(*T) string) *T {
	for _, x := range xs {
		if key(x) == id {
			return x
		}
	}
	return nil
}

// LatestPeriod is the most recent period any metric reports, of the most
// common kind; the home page scorecard is "as at" this period.
func (p *Partnership) LatestPeriod() period.Period {
	var latest period.Period
	for _, m := range p.Metrics {
		for _, s := range m.Series {
			if l := s.Latest(); l != nil && (latest.IsZero() || cmp.Compare(l.Period.End().Unix(), latest.End().Unix()) > 0) {
				latest = l.Period
			}
		}
	}
	return latest
}
