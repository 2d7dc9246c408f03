package model

import "github.com/partnersite/partnersite/internal/period"

// AsAt finds a metric's position at period p: for each series, its latest
// point that ends no later than p, and of those the worst-rated, the first
// in partners.csv order where several tie. A zero p means the latest
// figures. It returns nils when there are no such points.
func (m *Metric) AsAt(p period.Period) (*Series, *Point) {
	ss, ps := m.WorstAt(p)
	if len(ss) == 0 {
		return nil, nil
	}
	return ss[0], ps[0]
}

// WorstAt is AsAt with every series that shares the worst rating, in
// order, so that a scorecard names every partner with that status rather
// than only the first.
func (m *Metric) WorstAt(p period.Period) (series []*Series, points []*Point) {
	for _, s := range m.Series {
		var pt *Point
		for i := range s.Points {
			if s.Points[i].Has() && (p.IsZero() || !s.Points[i].Period.End().After(p.End())) {
				pt = &s.Points[i]
			}
		}
		switch {
		case pt == nil:
		case len(points) == 0 || pt.Rating.Status > points[0].Rating.Status:
			series, points = []*Series{s}, []*Point{pt}
		case pt.Rating.Status == points[0].Rating.Status:
			series, points = append(series, s), append(points, pt)
		}
	}
	return series, points
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
