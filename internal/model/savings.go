package model

import (
	"github.com/partnersite/partnersite/internal/measure"
	"slices"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
)

// SavingsYear is one financial year of savings, summed over the rows in
// view and carried forward into cumulative totals. Every amount is exact,
// in pence: a figure here is the figure in the downloads.
type SavingsYear struct {
	Period   period.Period
	Baseline money.Pence // cost without sharing
	Actual   money.Pence // outturn
	Saving   money.Pence // Baseline - Actual
	OneOff   money.Pence // implementation costs
	Net      money.Pence // Saving - OneOff
	Target   *money.Pence
	// Costs is false when some saving in the year was reported without
	// its costs, so Baseline and Actual do not add up to Saving.
	Costs bool
	// Planned is a year with a target and no saving yet: shown as
	// planned, not rated, and not counted in any figure to a year.
	Planned bool
	// Rating compares Saving with Target, direction higher: the targets
	// councils set are for recurring savings, before one-off costs.
	Rating Rating
	// Cumulative figures run over the years in order up to this one.
	CumSaving, CumOneOff, CumNet money.Pence
	CumTarget                    *money.Pence
	Notes                        []string
	// Lines are the lines of savings.csv the year was added up from, so
	// that each figure can be traced to its row.
	Lines []int
}

// Savings is a view of savings.csv: the whole partnership, one service,
// one partner's attributed share, or one service's share for one partner.
type Savings struct {
	Service *Service // nil: every service
	Partner *Partner // nil: the partnership as a whole
	Years   []SavingsYear
}

// Savings builds the view for serviceID and partnerID, either of which may
// be "" for all. A partner's view counts its own rows in full and its part
// of partnership-wide rows, split by cost share so that the partners'
// parts add up to the partnership's figure to the penny.
func (p *Partnership) Savings(serviceID, partnerID string) *Savings {
	v := &Savings{Service: p.Service(serviceID), Partner: p.Partner(partnerID)}
	idx := slices.Index(p.Partners, v.Partner)
	shares := make([]money.Share, len(p.Partners))
	for i, pt := range p.Partners {
		shares[i] = pt.CostShare
	}
	v.Years = p.sum(func(r csvdata.Saving) func(money.Pence) money.Pence {
		switch {
		case serviceID != "" && r.Service != serviceID:
			return nil
		case partnerID == "" || r.Partner == partnerID:
			return whole
		case r.Partner == "" && idx >= 0:
			return func(a money.Pence) money.Pence { return money.Split(a, shares)[idx] }
		}
		return nil
	})
	return v
}

// whole counts an amount in full.
func whole(a money.Pence) money.Pence { return a }

// OwnSavings is the savings of the rows given for exactly this service and
// partner ("" for the partnership-wide rows), with no attribution: the
// rows as published.
func (p *Partnership) OwnSavings(service, partner string) []SavingsYear {
	return p.sum(func(r csvdata.Saving) func(money.Pence) money.Pence {
		if r.Service == service && r.Partner == partner {
			return whole
		}
		return nil
	})
}

// sum adds up savings.csv by financial year, each row's amounts counted as
// part says (nil leaves the row out), and works out savings, ratings and
// running totals.
func (p *Partnership) sum(part func(csvdata.Saving) func(money.Pence) money.Pence) []SavingsYear {
	byYear := map[period.Period]*SavingsYear{}
	for _, r := range p.savings {
		f := part(r)
		if f == nil {
			continue
		}
		y := byYear[r.Period]
		if y == nil {
			y = &SavingsYear{Period: r.Period, Costs: true, Planned: true}
			byYear[r.Period] = y
		}
		switch {
		case r.Costs:
			b, a := f(r.BaselineCost), f(r.ActualCost)
			y.Baseline += b
			y.Actual += a
			y.Saving += b - a
		case r.Reported != nil:
			y.Saving += f(*r.Reported)
			y.Costs = false
		}
		y.Planned = y.Planned && r.Planned()
		if r.OneOffCost != nil {
			y.OneOff += f(*r.OneOffCost)
		}
		if r.TargetSaving != nil {
			y.Target = add(y.Target, f(*r.TargetSaving))
		}
		y.Lines = append(y.Lines, r.Line)
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
		if y.Planned {
			y.Costs = false
			y.Rating = Rating{Status: PlannedYear}
			y.CumSaving, y.CumOneOff, y.CumNet, y.CumTarget = cum.CumSaving, cum.CumOneOff, cum.CumNet, cum.CumTarget
			continue
		}
		y.Net = y.Saving - y.OneOff
		y.Rating = rateSaving(y.Saving, y.Target)
		cum.CumSaving += y.Saving
		cum.CumOneOff += y.OneOff
		cum.CumNet += y.Net
		if y.Target != nil {
			cum.CumTarget = add(cum.CumTarget, *y.Target)
		}
		y.CumSaving, y.CumOneOff, y.CumNet, y.CumTarget = cum.CumSaving, cum.CumOneOff, cum.CumNet, cum.CumTarget
	}
	return years
}

// add returns a new total of an optional amount and a.
func add(total *money.Pence, a money.Pence) *money.Pence {
	if total != nil {
		a += *total
	}
	return &a
}

// rateSaving rates a saving against its target with the status rule,
// direction higher. Whether the target is met is decided on the exact
// pence; only the amber margin, a proportion, is worked in pounds.
func rateSaving(saving money.Pence, target *money.Pence) Rating {
	if target == nil {
		return Rate(saving.Pounds(), nil, 0, measure.Higher, measure.GBP)
	}
	t := target.Pounds()
	if saving >= *target {
		return Rate(t, &t, 0, measure.Higher, measure.GBP)
	}
	return Rate(saving.Pounds(), &t, DefaultAmber(t), measure.Higher, measure.GBP)
}

// Latest is the most recent year with a saving, or nil when there is
// none: planned years are passed over.
func (s *Savings) Latest() *SavingsYear {
	for i := len(s.Years) - 1; i >= 0; i-- {
		if !s.Years[i].Planned {
			return &s.Years[i]
		}
	}
	return nil
}

// First is the earliest year with a saving, or nil.
func (s *Savings) First() *SavingsYear {
	for i := range s.Years {
		if !s.Years[i].Planned {
			return &s.Years[i]
		}
	}
	return nil
}

// PerHousehold divides an amount by the partner's households, to the
// penny. ok is false for the partnership view or a partner without a
// household count.
func (s *Savings) PerHousehold(v money.Pence) (perHousehold money.Pence, ok bool) {
	if s.Partner == nil || s.Partner.Households <= 0 {
		return 0, false
	}
	return v.Div(int64(s.Partner.Households)), true
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

// Span names the years the view covers, for labels that would otherwise say
// "to date" of figures that stop at the last year entered: "2021/22 to
// 2024/25", or one year alone.
func (s *Savings) Span() string {
	if s.Latest() == nil {
		return ""
	}
	return period.Span(s.First().Period, s.Latest().Period)
}
