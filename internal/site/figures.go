package site

import (
	"cmp"
	"slices"
	"sync"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/model"
)

// figureCache holds the figures of a build's metrics, each made once: a
// metric's chart is drawn on its own page, its embed page, and on its
// goal's, its service's and its partners' pages, and making it (option,
// summary and table, for every partner's series) is the dearest part of
// drawing any of them.
//
// A figure is keyed by the metric it is made from, and a metric belongs
// to one partnership: the latest, or the partnership as it stood at the
// end of a report's period (builder.partnershipAt, itself made once per
// day). So a figure is made once per metric, partner and as-at period,
// and a report never shows a figure made from later data. Pages render
// in parallel, and sync.Once makes a figure exactly once however many of
// them ask for it at the same moment; what they draw does not depend on
// which asked first, so the output stays the same from build to build.
type figureCache struct{ m sync.Map } // figureKey -> *cachedFigure

type figureKey struct {
	m         *model.Metric
	partnerID string // "" for every series
}

type cachedFigure struct {
	once sync.Once
	fig  *chart.Figure
}

// newFigure makes a metric's figure: chart.Metric, which a test replaces
// to count how many times each figure is made.
var newFigure = chart.Metric

// metricFigure is metric m's figure, of every series or the partner's
// alone, with the given id on the page. Each call has its own copy, since
// a page sets the figure's id and embed address and a report marks its
// table's earlier rows.
func (b *builder) metricFigure(m *model.Metric, partnerID, id string) *chart.Figure {
	v, ok := b.figs.m.Load(figureKey{m, partnerID})
	if !ok {
		v, _ = b.figs.m.LoadOrStore(figureKey{m, partnerID}, new(cachedFigure))
	}
	c := v.(*cachedFigure)
	c.once.Do(func() { c.fig = newFigure(b.lang, m, partnerID, "") })
	f := c.fig.Copy()
	f.ID = id
	return f
}

// MaxMeasureCharts is the most charts of its measures a goal, service or
// partner page draws. Every measure keeps its row in the page's table,
// with a link to its own page, where it is charted in full; without a cap
// a partner page at 1,000 measures drew 1,000 charts (15 MB of HTML), and
// no one reads that many on one page. Twelve is a screenful of the charts
// a councillor should look at first (see measureCharts), and more than
// the example site's largest page draws (nine), so a site of that size
// charts every measure where it did.
const MaxMeasureCharts = 12

// MaxChartCells is the most table cells the charts of a page's measures
// may hold between them, since a chart's weight is its table's: each
// figure carries its data as a table, a row a period and a column or two
// a partner. A count alone does not bound a page: twelve charts of 30
// partners over ten years of quarters are 3 MB of HTML. 3,000 cells is
// twelve charts of two partners over ten years (40 rows of 6 columns),
// about 300 KB of HTML and 25 KB on the wire; at 30 partners it is four
// charts over three years, or one over ten.
const MaxChartCells = 3000

// MeasureCharts are the charts a goal, service or partner page draws of
// its measures, under its table of every measure.
type MeasureCharts struct {
	Figures []*chart.Figure // in the order of the table
	// More counts the measures in the table charted only on their own
	// pages.
	More int
	Page *Base
}

// chartOrder is the order in which a page's measures are given a chart
// there: those Off track first, then those At risk, each in the table's
// order, then the rest in the table's order, so that what needs a
// councillor's attention is charted first. It lists indexes of rows.
func chartOrder(rows []ScoreRow) []int {
	rank := func(r ScoreRow) int {
		switch {
		case !r.HasData:
			return 2
		case r.Rating.Status == model.OffTrack:
			return 0
		case r.Rating.Status == model.AtRisk:
			return 1
		}
		return 2
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rank(rows[a]), rank(rows[b])) })
	return order
}

// measureCharts draws on page bs the charts of the measures in its
// table's rows, of every series or of the partner's alone: in chartOrder,
// until MaxMeasureCharts are drawn or the next would take their tables
// past MaxChartCells. So the charted measures are always the first in
// that order, and a page makes at most one figure more than it shows.
// The charts keep the table's order on the page, so that they read in
// step with it.
func (b *builder) measureCharts(bs *Base, rows []ScoreRow, partnerID string) MeasureCharts {
	charted := make([]*chart.Figure, len(rows))
	n, cells := 0, 0
	for _, i := range chartOrder(rows) {
		if n == MaxMeasureCharts {
			break
		}
		m := rows[i].Metric
		f := b.metricFigure(m, partnerID, "chart-"+m.ID)
		c := len(f.Table.Head) * len(f.Table.Rows)
		if cells+c > MaxChartCells {
			break
		}
		charted[i], n, cells = f, n+1, cells+c
	}
	mc := MeasureCharts{Page: bs}
	for _, f := range charted {
		if f == nil {
			mc.More++
			continue
		}
		mc.Figures = append(mc.Figures, bs.figure(f))
	}
	return mc
}

// MaxHomeRows is the most measures of one goal the home page's scorecard
// lists, by the rule that a list longer than PerPage entries is split: at
// 1,000 measures of 30 partners the scorecard alone was 1 MB of HTML.
// Every measure of a goal is on the goal's own page, which the home page
// links; a report's scorecard, a record of what was said, lists them all.
const MaxHomeRows = PerPage

// bound keeps at most max of the goal's rows, the first max in chartOrder
// (those off track, then those at risk, then the rest), in the table's
// order, and counts the rest in More.
func (sg *ScoreGoal) bound(max int) {
	if len(sg.Rows) <= max {
		return
	}
	keep := make([]bool, len(sg.Rows))
	for _, i := range chartOrder(sg.Rows)[:max] {
		keep[i] = true
	}
	rows := make([]ScoreRow, 0, max)
	for i, r := range sg.Rows {
		if keep[i] {
			rows = append(rows, r)
		}
	}
	sg.More, sg.Rows = len(sg.Rows)-max, rows
}
