package model

import "github.com/partnersite/partnersite/internal/period"

// AsAt finds a metric's position at period p: for each series, its latest
// point that ends no later than p, and of those the worst-rated. A zero p
// means the latest figures. It returns nils when there are no such points.
func (m *Metric) AsAt(p period.Period) (*Series, *Point) {
	var hs *Series
	var hp *Point
	for _, s := range m.Series {
		var pt *Point
		for i := range s.Points {
			if p.IsZero() || !s.Points[i].Period.End().After(p.End()) {
				pt = &s.Points[i]
			}
		}
		if pt != nil && (hp == nil || pt.Rating.Status > hp.Rating.Status) {
			hs, hp = s, pt
		}
	}
	return hs, hp
}

// HasPeriod reports whether any metric has a figure for exactly p.
func (p *Partnership) HasPeriod(pr period.Period) bool {
	for _, m := range p.Metrics {
		for _, s := range m.Series {
			if s.At(pr) != nil {
				return true
			}
		}
	}
	return false
}
