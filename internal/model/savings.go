package model

import (
	"slices"
	"strings"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// SavingsYear is one financial year of savings, summed over the rows in
// view and carried forward into cumulative totals. Every amount is exact,
// in pence: a figure here is the figure in the downloads.
type SavingsYear struct {
	Period   period.Period
	Baseline money.Pence // cost without sharing
	Actual   money.Pence // outturn
	Saving   money.Pence // Baseline - Actual, or as reported, or carried
	OneOff   money.Pence // implementation costs, those that were reported
	Net      money.Pence // Saving - OneOff
	Target   *money.Pence
	// OneOffMissing is set when some saving counted in the year came with
	// no one-off cost reported (an empty cell, or a carried year): OneOff
	// then holds only the costs that were reported, and Net is not net of
	// the rest. Pages say "not reported", never £0.
	OneOffMissing bool
	// Costs is false when some saving in the year was reported without
	// its costs, so Baseline and Actual do not add up to Saving.
	Costs bool
	// Planned is a year with a target and no saving yet: shown as
	// planned, not rated, and not counted in any figure to a year.
	Planned bool
	// NoFigure is a year inside the span of some service's savings for
	// which nothing in view was published (Missing says whose): said in
	// words, not rated, and not counted in any figure to a year.
	NoFigure bool
	// Recurring is set when a row of the year's own (not carried) is a
	// recurring saving.
	Recurring bool
	// Carried are the recurring savings counted in the year from an
	// earlier year's row, none of them replaced by a row for this year.
	Carried []Carry
	// Missing are the services (and partners) that have savings before
	// and after the year but no figure, own or carried, for it.
	Missing []Gap
	// Rating compares Saving with Target, direction higher: the targets
	// councils set are for recurring savings, before one-off costs.
	Rating Rating
	// Cumulative figures run over the years in order up to this one.
	CumSaving, CumOneOff, CumNet money.Pence
	CumTarget                    *money.Pence
	// CumOneOffMissing is set when some year to this one has
	// OneOffMissing: the cumulative net is then not net of those costs.
	CumOneOffMissing bool
	Notes            []string
	// Lines are the lines of savings.csv the year was added up from
	// (for a carried saving, the line of the row it is carried from), so
	// that each figure can be traced to its row.
	Lines []int
}

// Carry is a recurring saving counted in a year after the one it was
// reported for, because no later row for its service and partner has
// replaced it yet.
type Carry struct {
	lang    *words.Lang // NewIn's; see Name
	Service *Service
	Partner *Partner      // nil for a partnership-wide row
	From    period.Period // the year of the row carried
	Line    int           // the row's line in savings.csv
	Amount  money.Pence   // as counted in the view (a partner's part, for a partner)
}

// Gap is a service, and partner for a per-partner row, with no figure for
// a year between its first and last years of savings.
type Gap struct {
	lang    *words.Lang // NewIn's; see Name
	Service *Service
	Partner *Partner // nil for partnership-wide rows
}

// Name is the gap's service, and partner, for sentences: "ICT", or "Print
// for Stevenage", in the model's language.
func (g Gap) Name() string { return streamName(g.lang, g.Service, g.Partner) }

// Name is the carried saving's service, and partner, for sentences, in
// the model's language.
func (c Carry) Name() string { return streamName(c.lang, c.Service, c.Partner) }

func streamName(l *words.Lang, s *Service, p *Partner) string {
	l = orEnglish(l)
	name := l.T("status.savings.a-service")
	if s != nil {
		name = s.Name
	}
	if p != nil {
		name = l.F("status.savings.for", "service", name, "partner", p.ShortName)
	}
	return name
}

// Savings is a view of savings.csv: the whole partnership, one service,
// one partner's attributed share, or one service's share for one partner.
type Savings struct {
	// lang is the language of the view's words (NewIn's); see Lang.
	lang    *words.Lang
	Service *Service // nil: every service
	Partner *Partner // nil: the partnership as a whole
	Years   []SavingsYear
	// Unshared is set for a partner's view when the partnership has not
	// published cost shares: partnership-wide rows are then not split,
	// so the view holds only the partner's own rows.
	Unshared bool
}

// NoShares is what the site says, in the language l, where it would
// split savings by partner and the partners have not published cost
// shares.
func NoShares(l *words.Lang) string { return l.T("status.savings.no-shares") }

// SharesGiven reports whether partners.csv gives every partner a cost
// share. Without them nothing partnership-wide is split by partner, and no
// partner has a per household figure. The checks allow shares for every
// partner, totalling exactly 100, or for none, so the total tells which.
func (p *Partnership) SharesGiven() bool {
	var total money.Share
	for _, pt := range p.Partners {
		total += pt.CostShare
	}
	return len(p.Partners) > 0 && total == money.Whole
}

// Savings builds the view for serviceID and partnerID, either of which may
// be "" for all. A partner's view counts its own rows in full and its part
// of partnership-wide rows, split by cost share so that the partners'
// parts add up to the partnership's figure to the penny. Without cost
// shares a partner's view counts only its own rows.
func (p *Partnership) Savings(serviceID, partnerID string) *Savings {
	v := &Savings{lang: p.lang, Service: p.Service(serviceID), Partner: p.Partner(partnerID)}
	shared := p.SharesGiven()
	v.Unshared = v.Partner != nil && !shared
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
		case r.Partner == "" && idx >= 0 && shared:
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
// rows as published, and the years their recurring savings are carried to.
func (p *Partnership) OwnSavings(service, partner string) []SavingsYear {
	return p.sum(func(r csvdata.Saving) func(money.Pence) money.Pence {
		if r.Service == service && r.Partner == partner {
			return whole
		}
		return nil
	})
}

// SavingsEnd is the last financial year a recurring saving is carried to:
// the latest year that any row of savings.csv reports a saving for (a
// planned year does not count). Carrying stops there, as no figure is
// invented for a year nobody has reported on yet; ok is false when no row
// reports a saving.
func (p *Partnership) SavingsEnd() (end period.Period, ok bool) {
	for _, r := range p.savings {
		if !r.Planned() && !r.Period.IsZero() && (!ok || period.Compare(r.Period, end) > 0) {
			end, ok = r.Period, true
		}
	}
	return end, ok
}

// overlaps reports whether rows for partners a and b count the same
// money: the same partner, or either partnership-wide (a service's year
// has partnership-wide rows or per-partner rows, never both).
func overlaps(a, b string) bool { return a == b || a == "" || b == "" }

// replacedIn is the year a recurring row r stops being carried: that of
// the next row of savings.csv with a saving for the same service and an
// overlapping partner, or stop when there is none. It reads the whole
// file, not a view's rows, so that every view carries a row to the same
// year and partners' parts still add up to the partnership's.
func (p *Partnership) replacedIn(r csvdata.Saving, stop period.Period) period.Period {
	for _, n := range p.savings {
		if n.Service == r.Service && overlaps(n.Partner, r.Partner) && !n.Planned() &&
			period.Compare(n.Period, r.Period) > 0 && period.Compare(n.Period, stop) < 0 {
			stop = n.Period
		}
	}
	return stop
}

// reported reports whether savings.csv gives a saving for the service in
// year y on a row for an overlapping partner: a partnership-wide stream
// is not missing a year that per-partner rows report, nor the reverse.
func (p *Partnership) reported(service, partner string, y period.Period) bool {
	for _, r := range p.savings {
		if r.Service == service && r.Period == y && overlaps(r.Partner, partner) && !r.Planned() {
			return true
		}
	}
	return false
}

// nextYear is the financial year after y.
func nextYear(y period.Period) period.Period {
	return period.Period{Kind: period.Year, Year: y.Year + 1}
}

// sum adds up savings.csv by financial year, each row's amounts counted as
// part says (nil leaves the row out), and works out savings, ratings and
// running totals. Rows are taken a service and partner at a time, so that
// a recurring saving is carried into the later years until a row for the
// same service and partner replaces it, and a year with no figure inside
// their span is named as a gap.
func (p *Partnership) sum(part func(csvdata.Saving) func(money.Pence) money.Pence) []SavingsYear {
	type stream struct{ service, partner string }
	type counted struct {
		r csvdata.Saving
		f func(money.Pence) money.Pence
	}
	var order []stream
	streams := map[stream][]counted{}
	for _, r := range p.savings {
		f := part(r)
		if f == nil || r.Period.IsZero() {
			continue
		}
		k := stream{r.Service, r.Partner}
		if _, ok := streams[k]; !ok {
			order = append(order, k)
		}
		streams[k] = append(streams[k], counted{r, f})
	}
	end, hasEnd := p.SavingsEnd()
	byYear := map[period.Period]*SavingsYear{}
	year := func(pr period.Period) *SavingsYear {
		y := byYear[pr]
		if y == nil {
			y = &SavingsYear{Period: pr, Costs: true, Planned: true}
			byYear[pr] = y
		}
		return y
	}
	for _, k := range order {
		rows := streams[k]
		slices.SortStableFunc(rows, func(a, b counted) int { return period.Compare(a.r.Period, b.r.Period) })
		// covered holds the years with a saving, own or carried.
		covered := map[period.Period]bool{}
		var first, last period.Period
		for _, c := range rows {
			r, f := c.r, c.f
			y := year(r.Period)
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
			} else if !r.Planned() {
				y.OneOffMissing = true
			}
			if r.TargetSaving != nil {
				y.Target = add(y.Target, f(*r.TargetSaving))
			}
			y.Lines = append(y.Lines, r.Line)
			if r.Note != "" {
				y.Notes = append(y.Notes, r.Note)
			}
			if r.Planned() {
				continue
			}
			y.Recurring = y.Recurring || r.Recurring
			covered[r.Period] = true
			if first.IsZero() {
				first = r.Period
			}
			last = r.Period
			if !r.Recurring || !hasEnd {
				continue
			}
			// Carried until the next row with a saving, which replaces
			// it (a later figure includes the earlier), or to the end.
			stop := p.replacedIn(r, nextYear(end))
			var amount money.Pence
			if r.Costs {
				amount = r.BaselineCost - r.ActualCost
			} else {
				amount = *r.Reported
			}
			for cy := nextYear(r.Period); period.Compare(cy, stop) < 0; cy = nextYear(cy) {
				y := year(cy)
				a := c.f(amount)
				y.Saving += a
				y.Costs = false
				y.Planned = false
				y.OneOffMissing = true // no row, so no one-off cost was reported
				y.Carried = append(y.Carried, Carry{lang: p.lang, Service: p.Service(k.service), Partner: p.Partner(k.partner), From: r.Period, Line: r.Line, Amount: a})
				y.Lines = append(y.Lines, r.Line)
				covered[cy] = true
				last = cy
			}
		}
		if first.IsZero() {
			continue
		}
		for cy := nextYear(first); period.Compare(cy, last) < 0; cy = nextYear(cy) {
			if !covered[cy] && !p.reported(k.service, k.partner, cy) {
				y := year(cy)
				y.Missing = append(y.Missing, Gap{lang: p.lang, Service: p.Service(k.service), Partner: p.Partner(k.partner)})
			}
		}
	}
	var years []SavingsYear
	for _, y := range byYear {
		// A year with no saving in view that some service's span runs
		// through is a year with no figure, not a planned one.
		if y.Planned && len(y.Missing) > 0 {
			y.Planned, y.NoFigure = false, true
		}
		years = append(years, *y)
	}
	slices.SortFunc(years, func(a, b SavingsYear) int { return period.Compare(a.Period, b.Period) })
	var cum SavingsYear
	tp := TargetPlaces(years)
	for i := range years {
		y := &years[i]
		switch {
		case y.Planned:
			y.Costs = false
			y.Rating = Rating{Status: PlannedYear}
		case y.NoFigure:
			y.Costs = false
			y.Rating = Rating{Status: NotRated}
		default:
			y.Net = y.Saving - y.OneOff
			y.Rating = rateSaving(p.Lang(), y.Saving, y.Target, tp)
			cum.CumSaving += y.Saving
			cum.CumOneOff += y.OneOff
			cum.CumNet += y.Net
			cum.CumOneOffMissing = cum.CumOneOffMissing || y.OneOffMissing
			if y.Target != nil {
				cum.CumTarget = add(cum.CumTarget, *y.Target)
			}
		}
		y.CumSaving, y.CumOneOff, y.CumNet, y.CumTarget = cum.CumSaving, cum.CumOneOff, cum.CumNet, cum.CumTarget
		y.CumOneOffMissing = cum.CumOneOffMissing
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
// pence; only the amber margin, a proportion, is worked in pounds. The
// rule writes the target to places, those of the table's target column
// (TargetPlaces), so that the status says what its table says: "at or
// above the target of £870,000", in the language l.
func rateSaving(l *words.Lang, saving money.Pence, target *money.Pence, places int) Rating {
	if target == nil {
		return Rate(l, saving.Pounds(), nil, 0, measure.Higher, measure.GBP)
	}
	t, text := target.Pounds(), target.Format(places)
	amber := DefaultAmber(t)
	if saving >= *target {
		return RateAs(l, t, &t, 0, measure.Higher, measure.GBP, text, Margin(l, measure.GBP, 0))
	}
	return RateAs(l, saving.Pounds(), &t, amber, measure.Higher, measure.GBP, text, Margin(l, measure.GBP, amber))
}

// TargetPlaces is the places (money.Places) of a savings view's target
// column: every year's target, planned years' too.
func TargetPlaces(years []SavingsYear) int {
	var targets []money.Pence
	for _, y := range years {
		if y.Target != nil {
			targets = append(targets, *y.Target)
		}
	}
	return money.Places(targets...)
}

// Counted reports whether the year's figures count in the figures to a
// year: neither planned nor without a figure.
func (y *SavingsYear) Counted() bool { return !y.Planned && !y.NoFigure }

// Latest is the most recent year with a saving, or nil when there is
// none: planned years, and years with no figure, are passed over.
func (s *Savings) Latest() *SavingsYear {
	for i := len(s.Years) - 1; i >= 0; i-- {
		if s.Years[i].Counted() {
			return &s.Years[i]
		}
	}
	return nil
}

// First is the earliest year with a saving, or nil.
func (s *Savings) First() *SavingsYear {
	for i := range s.Years {
		if s.Years[i].Counted() {
			return &s.Years[i]
		}
	}
	return nil
}

// PerHousehold divides an amount by the partner's households, to the
// penny. ok is false for the partnership view, a partner without a
// household count, or any partner when no cost shares are published (its
// share of the partnership's savings is not known).
func (s *Savings) PerHousehold(v money.Pence) (perHousehold money.Pence, ok bool) {
	if s.Partner == nil || s.Partner.Households <= 0 || s.Unshared {
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
// 2024/25", or one year alone. A year inside it with no figure published
// is said, since it is left out of every sum: "2019/20 to 2021/22 (no
// figure was published for 2020/21, so it is not counted)".
func (s *Savings) Span() string {
	if s.Latest() == nil {
		return ""
	}
	l := s.Lang()
	span := period.SpanIn(l, s.First().Period, s.Latest().Period)
	if g := s.GapPhrase(); g != "" {
		span = l.F("status.savings.span-gap", "span", span, "gap", g)
	}
	return span
}

// GapPhrase names the years up to the latest with no figure published, or
// for a service in the view no figure: "no figure was published for
// 2020/21", "no figure was published for ICT in 2020/21 or 2021/22"; ""
// when every year has its figures.
func (s *Savings) GapPhrase() string {
	lang := s.Lang()
	l := s.Latest()
	if l == nil {
		return ""
	}
	var whole []string
	byName := map[string][]string{}
	var names []string
	for _, y := range s.Years {
		if period.Compare(y.Period, l.Period) > 0 {
			break
		}
		if y.NoFigure {
			whole = append(whole, y.Period.String())
			continue
		}
		for _, g := range y.Missing {
			n := g.Name()
			if _, ok := byName[n]; !ok {
				names = append(names, n)
			}
			byName[n] = append(byName[n], y.Period.String())
		}
	}
	var parts []string
	if len(whole) > 0 {
		parts = append(parts, orList(lang, whole))
	}
	for _, n := range names {
		parts = append(parts, lang.F("status.savings.gap-in", "service", n, "years", orList(lang, byName[n])))
	}
	if len(parts) == 0 {
		return ""
	}
	gap := parts[0]
	for _, p := range parts[1:] {
		gap = lang.F("status.savings.gap-or", "first", gap, "next", p)
	}
	return lang.F("status.savings.gap", "gap", gap)
}

// orList joins "2020/21", "2021/22" and "2022/23" as "2020/21, 2021/22 or
// 2022/23", in the language l.
func orList(l *words.Lang, items []string) string {
	if len(items) == 1 {
		return items[0]
	}
	return l.F("status.savings.or", "first", strings.Join(items[:len(items)-1], ", "), "last", items[len(items)-1])
}
