package site

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// Since is a report's section "Since the last report": what a councillor
// asks first at a meeting.
type Since struct {
	Previous ReportLink // the report before, which the changes are counted from
	Changes  []Change   // measures whose status changed, worst first
	First    []*model.Metric
	// Completed are the actions completed since; Slipped those whose
	// date moved later or that became overdue, with what changed.
	Completed []*model.Action
	Slipped   []Slip
	// NewRisks are the risks first recorded since; RiskChange says how
	// each other risk's score moved, by id ("up from 12").
	NewRisks   []*model.Risk
	RiskChange map[string]string
	Moved      []*model.Risk   // the risks whose score moved, in goal order
	Rose       map[string]bool // the risks whose score rose, by id
}

// Slip is an action that slipped between two reports: its date moved
// later, or it became overdue.
type Slip struct {
	Action *model.Action
	What   string // "now due September 2026, was March 2026 (6 months later)"; "now overdue; due 31 July 2026"
}

// Change is one measure, for the partnership or one partner, whose status
// moved between two reports.
type Change struct {
	Metric   *model.Metric
	Partner  *model.Partner // nil for the partnership as a whole
	From, To model.Rating
}

// since works out the section for report pg: the changes between the
// period of the report before it and its own. It is nil for the first
// report, and for reports that name no period.
func (b *builder) since(pg *content.Page) *Since {
	if pg.Kind != content.Report || !pg.PeriodSet {
		return nil
	}
	// The report before is the latest of the same kind of period (a
	// quarter's is the quarter before, a year's the year before) that
	// came before it: a year report sorts before its own quarters, and a
	// report published later is never the one before, so adding any later
	// report leaves this one as it was.
	var prev *content.Page
	for _, r := range b.reports { // newest first
		if !r.PeriodSet || r.Period.Kind != pg.Period.Kind || period.Compare(r.Period, pg.Period) >= 0 {
			continue
		}
		if !r.Date.IsZero() && !pg.Date.IsZero() && r.Date.After(pg.Date) {
			continue
		}
		if prev == nil || period.Compare(r.Period, prev.Period) > 0 {
			prev = r
		}
	}
	if prev == nil {
		return nil
	}
	s := &Since{Previous: b.reportLink(prev)}
	// Each side as its report stood: the earlier report's figures as first
	// published, never as a later report revised them.
	from, to := prev.Period.End(), pg.Period.End()
	then, current := b.partnershipAt(from), b.partnershipAt(to)
	for _, m := range current.Metrics {
		if !m.Direction.Rated() {
			continue // a measure of context has no status to change
		}
		before, now := false, false
		for _, sr := range m.Series {
			id := ""
			if sr.Partner != nil {
				id = sr.Partner.ID
			}
			var a *model.Point
			z := sr.LatestBy(to)
			if old := then.Metric(m.ID).SeriesFor(id); old != nil {
				a = old.LatestBy(from)
				before = before || a != nil
				if m.Cumulative && z != nil {
					// A year-to-date figure is set against the same period a
					// year earlier, as the last report published it: against
					// last March's, April's would always have fallen.
					if a = old.At(z.Period.YearEarlier()); a != nil && !a.Has() {
						a = nil
					}
				}
			}
			now = now || z != nil
			if a != nil && z != nil && a.Rating.Status != z.Rating.Status {
				s.Changes = append(s.Changes, Change{Metric: m, Partner: sr.Partner, From: a.Rating, To: z.Rating})
			}
		}
		if now && !before {
			s.First = append(s.First, m)
		}
	}
	s.evidenceSince(b.lang, then, current)
	// Worst first: where each ended up, then how far it fell.
	slices.SortStableFunc(s.Changes, func(x, y Change) int {
		return cmp.Or(cmp.Compare(y.To.Status, x.To.Status),
			cmp.Compare(y.To.Status-y.From.Status, x.To.Status-x.From.Status))
	})
	return s
}

// evidenceSince adds the actions and risks that moved between the report
// before, then, and this one, current, saying how each moved in the
// language l.
func (s *Since) evidenceSince(l *words.Lang, then, current *model.Partnership) {
	before := map[string]*model.Action{}
	for _, a := range then.Actions {
		before[a.ID] = a
	}
	for _, a := range current.Actions {
		old := before[a.ID]
		switch {
		case a.Status == measure.Complete && (old == nil || old.Status != measure.Complete):
			s.Completed = append(s.Completed, a)
		case a.Overdue && (old == nil || !old.Overdue):
			s.Slipped = append(s.Slipped, Slip{a, l.F("report.since.overdue", "dates", a.Dates())})
		case old != nil && a.Deadline().End().After(old.Deadline().End()):
			s.Slipped = append(s.Slipped, Slip{a, l.F("report.since.later", "to", a.Deadline().In(l), "from", old.Deadline().In(l),
				"by", model.Slip(l, old.Deadline().End(), a.Deadline().End()))})
		}
	}
	risks := map[string]*model.Risk{}
	for _, r := range then.Risks {
		risks[r.ID] = r
	}
	s.RiskChange, s.Rose = map[string]string{}, map[string]bool{}
	for _, r := range current.Risks {
		old := risks[r.ID]
		switch {
		case old == nil:
			s.NewRisks = append(s.NewRisks, r)
		case r.Score() != old.Score():
			// "up from Medium 12" where the band changed with the score,
			// so that a move into High is never hidden behind a number.
			from := strconv.Itoa(old.Score())
			if old.Band() != r.Band() {
				from = l.F("report.since.risk-band", "band", old.Band(), "score", from)
			}
			way := "report.since.risk-up"
			if r.Score() < old.Score() {
				way = "report.since.risk-down"
			} else {
				s.Rose[r.ID] = true
			}
			s.RiskChange[r.ID] = l.F(way, "from", from)
			s.Moved = append(s.Moved, r)
		}
	}
}
