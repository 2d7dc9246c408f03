package site

import (
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
	c.once.Do(func() { c.fig = newFigure(m, partnerID, "") })
	f := c.fig.Copy()
	f.ID = id
	return f
}
