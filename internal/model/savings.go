package model

import (
	"slices"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/period"
)

// SavingsYear is one financial year of savings, summed over the rows in
// view and carried forward into cumulative totals.
type SavingsYear struct {
	Period   period.Period
	Baseline float64 // cost without sharing
	Actual   float64 // outturn
	Saving   float64 // Baseline - Actual
	OneOff   float64 // implementation costs
	Net      float64 // Saving - OneOff
	Target   *float64
	// Rating compares Saving with Target, direction higher: the targets
	// councils set are for recurring savings, before one-off costs.
	Rating Rating
	// Cumulative figures run over the years in order up to this one.
	CumSaving, CumOneOff, CumNet float64
	CumTarget                    *float64
	Notes                        []string
}

// Savings is a view of savings.csv: the whole partnership, one service,
// one partner's attributed share, or one service's share for one partner.
type Savings struct {
	Service *Service // nil: every service
	Partner *Partner // nil: the partnership as a whole
	Years   []SavingsYear
}

// Savings builds the view for serviceID and partnerID, either of which may
// be "" for all. A partner's view counts its own rows in full and its
// cost_share of partnership-wide rows.
func (p *Partnership) Savings(serviceID, partnerID string) *Savings {
	v := &Savings{Service: p.Service(serviceID), Partner: p.Partner(partnerID)}
	v.Years = p.sum(func(r csvdata.Saving) float64 {
		switch {
		case serviceID != "" && r.Service != serviceID:
			return 0
		case partnerID == "" || r.Partner == partnerID:
			return 1
		case r.Partner == "" && v.Partner != nil:
			return v.Partner.CostShare / 100
		}
		return 0
	})
	return v
}

// OwnSavings is the savings of the rows given for exactly this service and
// partner ("" for the partnership-wide rows), with no attribution: the
// rows as published.
func (p *Partnership) OwnSavings(service, partner string) []SavingsYear {
	return p.sum(func(r csvdata.Saving) float64 {
		if r.Service == service && r.Partner == partner {
			return 1
		}
		return 0
	})
}

// sum adds up savings.csv by financial year, each row counted at the share
// weight gives it (0 leaves it out), and works out savings, ratings and
// running totals.
func (p *Partnership) sum(weight func(csvdata.Saving) float64) []SavingsYear {
	byYear := map[period.Period]*SavingsYear{}
	for _, r := range p.savings {
		w := weight(r)
		if w == 0 {
			continue
		}
		y := byYear[r.Period]
		if y == nil {
			y = &SavingsYear{Period: r.Period}
			byYear[r.Period] = y
		}
		y.Baseline += w * r.BaselineCost
		y.Actual += w * r.ActualCost
		if r.OneOffCost != nil {
			y.OneOff += w * *r.OneOffCost
		}
		if r.TargetSaving != nil {
			t := w * *r.TargetSaving
			if y.Target != nil {
				t += *y.Target
			}
			y.Target = &t
		}
		if r.Note != "" {
			y.Notes = append(y.Notes, r.Note)
		}
	}
	var years []SavingsYear
	for _, y := range byYear {
		years = append(years, *y)
	}
	slices.SortFunc(years, func(a, b SavingsYear) int { return period.Compare(a.Period, b.Period) })
	var cum SavingsYear
	for i := range years {
		y := &years[i]
		y.Saving = y.Baseline - y.Actual
		y.Net = y.Saving - y.OneOff
		amber := 0.0
		if y.Target != nil {
			amber = DefaultAmber(*y.Target)
		}
		y.Rating = Rate(y.Saving, y.Target, amber, csvdata.Higher, csvdata.GBP)
		cum.CumSaving += y.Saving
		cum.CumOneOff += y.OneOff
		cum.CumNet += y.Net
		if y.Target != nil {
			t := *y.Target
			if cum.CumTarget != nil {
				t += *cum.CumTarget
			}
			cum.CumTarget = &t
		}
		y.CumSaving, y.CumOneOff, y.CumNet, y.CumTarget = cum.CumSaving, cum.CumOneOff, cum.CumNet, cum.CumTarget
	}
	return years
}

// Latest is the most recent year, or nil when there are no savings.
func (s *Savings) Latest() *SavingsYear {
	if len(s.Years) == 0 {
		return nil
	}
	return &s.Years[len(s.Years)-1]
}

// PerHousehold divides v by the partner's households. ok is false for the
// partnership view or a partner without a household count.
func (s *Savings) PerHousehold(v float64) (perHousehold float64, ok bool) {
	if s.Partner == nil || s.Partner.Households <= 0 {
		return 0, false
	}
	return v / float64(s.Partner.Households), true
}

// Households is the partnership's total households, when every partner
// gives a count; it is the divisor for partnership-wide per household
// figures.
func (p *Partnership) Households() (int, bool) {
	n := 0
	for _, pt := range p.Partners {
		if pt.Households <= 0 {
			return 0, false
		}
		n += pt.Households
	}
	return n, n > 0
}

// HasSavings reports whether the site has any savings rows.
func (p *Partnership) HasSavings() bool { return len(p.savings) > 0 }

// HasSavingsPeriod reports whether savings.csv has a row for year p.
func (p *Partnership) HasSavingsPeriod(pr period.Period) bool {
	for _, r := range p.savings {
		if r.Period == pr {
			return true
		}
	}
	return false
}
