package model

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// This file holds the evidence for the goals that is not a figure:
// actions and milestones, judged by their dates as well as their status,
// and risks, scored and banded; and the verdict on each goal that joins
// them to the measures and the savings.

// Action is an action as it stood at a period: one row of actions.csv,
// the latest for its id at or before the period the partnership is as at.
type Action struct {
	// lang is the language of the action's words (NewIn's); see Lang.
	lang                             *words.Lang
	ID, Title, Owner, Evidence, Note string
	Goal                             *Goal
	Service                          *Service // nil for none
	Partner                          *Partner // nil for the partnership
	Metric                           *Metric  // the measure it is meant to move, or nil
	Due, RevisedDue                  period.Deadline
	Status                           measure.ActionStatus
	Completed                        period.Day
	// Period is the period the row is as at; a row that named none is as
	// at the latest period.
	Period period.Period
	// Overdue is set when the action was not complete (or cancelled) by
	// its date, as at the end of the period the partnership is as at:
	// whatever its status says, it reads Overdue.
	Overdue bool
	File    string
	Line    int
}

// About names the service and partner an action is for: "ICT, North";
// "" for the partnership as a whole.
func (a *Action) About() string {
	var parts []string
	if a.Service != nil {
		parts = append(parts, a.Service.Name)
	}
	if a.Partner != nil {
		parts = append(parts, a.Partner.ShortName)
	}
	return strings.Join(parts, ", ")
}

// Deadline is the date the action is now expected by: its revised date
// where it moved, else its due date.
func (a *Action) Deadline() period.Deadline {
	if !a.RevisedDue.IsZero() {
		return a.RevisedDue
	}
	return a.Due
}

// Lang is the language the action's words are written in: the one NewIn
// was given.
func (a *Action) Lang() *words.Lang { return orEnglish(a.lang) }

// State is where the action stands, in words in the model's language:
// "Overdue" for an action past its date and not done, else its status.
func (a *Action) State() string {
	if a.Overdue {
		return a.Lang().T("evidence.action.overdue")
	}
	return a.Status.Word(a.Lang())
}

// Rank orders actions by how far behind they are, for sorting: overdue
// first, then delayed, at risk, not started, on track, complete and
// cancelled.
func (a *Action) Rank() int {
	if a.Overdue {
		return 0
	}
	return map[measure.ActionStatus]int{measure.Delayed: 1, measure.ActionAtRisk: 2, measure.NotStarted: 3,
		measure.ActionOnTrack: 4, measure.Complete: 5, measure.Cancelled: 6}[a.Status]
}

// SortDate is the date the action is now expected by, as 2026-07-31, so
// that a table of actions sorts by date.
func (a *Action) SortDate() string { return a.Deadline().End().Format("2006-01-02") }

// Slipped reports whether the action's date has moved later.
func (a *Action) Slipped() bool {
	return !a.RevisedDue.IsZero() && a.RevisedDue.End().After(a.Due.End())
}

// Dates says when the action is due in words, with both dates where it
// slipped and by how much: "due 31 March 2025", "due March 2025, now
// September 2025 (6 months later)", "completed 12 May 2025".
func (a *Action) Dates() string {
	l := a.Lang()
	due := l.F("evidence.action.due", "date", a.Due.In(l))
	if !a.RevisedDue.IsZero() && a.RevisedDue != a.Due {
		due = l.F("evidence.action.now", "due", due, "date", a.RevisedDue.In(l))
		if a.Slipped() {
			due = l.F("evidence.action.later", "dates", due, "slip", Slip(l, a.Due.End(), a.RevisedDue.End()))
		}
	}
	if a.Status == measure.Complete && !a.Completed.IsZero() {
		return l.F("evidence.action.completed", "dates", due, "date", a.Completed.In(l))
	}
	return due
}

// Slip is how far apart two dates are, in the unit a committee would use:
// "3 weeks", "6 months", "1 year and 2 months", in the language l.
func Slip(l *words.Lang, from, to time.Time) string {
	days := int(math.Round(to.Sub(from).Hours() / 24))
	months := (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
	if to.Day() < from.Day() && to.AddDate(0, 0, 1).Month() == to.Month() {
		months-- // not a whole month, unless to is a month's last day
	}
	switch {
	case months < 1 && days < 14:
		return l.N("evidence.slip.days", days)
	case months < 1:
		return l.N("evidence.slip.weeks", int(math.Round(float64(days)/7)))
	case months < 12:
		return l.N("evidence.slip.months", months)
	case months%12 == 0:
		return l.N("evidence.slip.years", months/12)
	}
	return l.F("evidence.slip.and", "years", l.N("evidence.slip.years", months/12), "months", l.N("evidence.slip.months", months%12))
}

// Risk is a risk as it stood at a period.
type Risk struct {
	ID, Title, Owner, Mitigation, Note string
	Goal                               *Goal
	Service                            *Service
	Likelihood, Impact                 int
	Period                             period.Period
	File                               string
	Line                               int
	bands                              []config.RiskBand
	lang                               *words.Lang // NewIn's; see Rule
}

// Score is likelihood × impact, 1 to 25.
func (r *Risk) Score() int { return r.Likelihood * r.Impact }

// band is the index of the risk's band, highest first.
func (r *Risk) band() int {
	for i, b := range r.bands {
		if r.Score() >= b.From {
			return i
		}
	}
	return len(r.bands) - 1
}

// Band is the name of the risk's band: "High".
func (r *Risk) Band() string { return r.bands[r.band()].Name }

// Top reports whether the risk is in the highest band.
func (r *Risk) Top() bool { return r.band() == 0 }

// Rule says the score, its sum and the band's bounds in the model's
// language: "High: likelihood 4 × impact 4 = 16; 15 and over is High".
func (r *Risk) Rule() string {
	l := orEnglish(r.lang)
	i := r.band()
	b := r.bands[i]
	var bounds string
	switch {
	case i == 0:
		bounds = l.F("evidence.risk.over", "from", b.From, "band", b.Name)
	case b.From <= 1:
		bounds = l.F("evidence.risk.under", "to", r.bands[i-1].From-1, "band", b.Name)
	default:
		bounds = l.F("evidence.risk.between", "from", b.From, "to", r.bands[i-1].From-1, "band", b.Name)
	}
	return l.F("evidence.risk.rule", "band", b.Name, "likelihood", r.Likelihood, "impact", r.Impact, "score", r.Score(), "bounds", bounds)
}

// evidence holds every row of actions.csv and risks.csv, and the end of
// the period blank rows are as at.
type evidence struct {
	actions []csvdata.Action
	risks   []csvdata.Risk
	latest  period.Period // what a row without a period is as at
}

// latestOf is the latest of the partnership's periods and the rows'.
func latestOf(p period.Period, d *csvdata.Data) period.Period {
	later := func(q period.Period) {
		if !q.IsZero() && (p.IsZero() || q.End().After(p.End())) {
			p = q
		}
	}
	for _, a := range d.Actions {
		later(a.Period)
	}
	for _, r := range d.Risks {
		later(r.Period)
	}
	return p
}

// evidenceAt picks each action's and risk's row as it stood at the end of a
// day: the row of the latest period that ended by then. An action whose
// first row is later did not exist yet.
func (p *Partnership) evidenceAt(end time.Time) {
	ev := p.evidence
	at := func(q period.Period) period.Period {
		if q.IsZero() {
			return ev.latest
		}
		return q
	}
	goals := map[string]*Goal{}
	for _, g := range p.Goals {
		goals[g.ID] = g
	}
	metrics := map[string]*Metric{}
	for _, m := range p.Metrics {
		metrics[m.ID] = m
	}
	in := func(q period.Period, goal string) bool {
		return !q.IsZero() && !q.End().After(end) && goals[goal] != nil
	}
	p.Actions = standing(ev.actions, func(r csvdata.Action) (string, period.Period, *Action) {
		q := at(r.Period)
		if !in(q, r.Goal) {
			return "", q, nil
		}
		a := &Action{lang: p.lang, ID: r.ID, Title: r.Title, Owner: r.Owner, Evidence: r.Evidence, Note: r.Note, Goal: goals[r.Goal],
			Service: p.Service(r.Service), Partner: p.Partner(r.Partner), Metric: metrics[r.Metric],
			Due: r.Due, RevisedDue: r.RevisedDue, Status: r.Status, Completed: r.Completed, Period: q,
			File: csvdata.ActionsFile, Line: r.Line}
		a.Overdue = !a.Status.Closed() && a.Deadline().End().Before(end)
		return r.ID, q, a
	})
	p.Risks = standing(ev.risks, func(r csvdata.Risk) (string, period.Period, *Risk) {
		q := at(r.Period)
		if !in(q, r.Goal) {
			return "", q, nil
		}
		return r.ID, q, &Risk{ID: r.ID, Title: r.Title, Owner: r.Owner, Mitigation: r.Mitigation, Note: r.Note, Goal: goals[r.Goal],
			Service: p.Service(r.Service), Likelihood: r.Likelihood, Impact: r.Impact, Period: q,
			File: csvdata.RisksFile, Line: r.Line, bands: p.Site.RiskBands, lang: p.lang}
	})
	order := map[*Goal]int{}
	for i, g := range p.Goals {
		order[g] = i
	}
	slices.SortStableFunc(p.Actions, func(a, b *Action) int { return order[a.Goal] - order[b.Goal] })
	slices.SortStableFunc(p.Risks, func(a, b *Risk) int { return order[a.Goal] - order[b.Goal] })
}

// standing keeps, of rows, each id's row of the latest period, in the
// order the ids first appear. made turns a row into its item with its id
// and period, or gives a nil item for a row not in force then.
func standing[R, T any](rows []R, made func(R) (string, period.Period, *T)) []*T {
	index := map[string]int{}
	var out []*T
	var periods []period.Period
	for _, r := range rows {
		id, q, item := made(r)
		if item == nil {
			continue
		}
		if i, seen := index[id]; seen {
			if !q.End().Before(periods[i].End()) {
				out[i], periods[i] = item, q
			}
			continue
		}
		index[id] = len(out)
		out = append(out, item)
		periods = append(periods, q)
	}
	return out
}

// ActionsFor are the actions of a goal, service, partner or metric, in
// goal order.
func (p *Partnership) ActionsFor(x any) []*Action {
	var out []*Action
	for _, a := range p.Actions {
		switch x := x.(type) {
		case *Goal:
			if a.Goal == x || a.Goal.ID == x.ID {
				out = append(out, a)
			}
		case *Service:
			if a.Service != nil && a.Service.ID == x.ID {
				out = append(out, a)
			}
		case *Partner:
			if a.Partner != nil && a.Partner.ID == x.ID {
				out = append(out, a)
			}
		case *Metric:
			if a.Metric != nil && a.Metric.ID == x.ID {
				out = append(out, a)
			}
		}
	}
	return out
}

// RisksFor are the risks of a goal or service.
func (p *Partnership) RisksFor(x any) []*Risk {
	var out []*Risk
	for _, r := range p.Risks {
		switch x := x.(type) {
		case *Goal:
			if r.Goal.ID == x.ID {
				out = append(out, r)
			}
		case *Service:
			if r.Service != nil && r.Service.ID == x.ID {
				out = append(out, r)
			}
		}
	}
	return out
}

// HasActions reports whether actions.csv has any row, at any period: the
// site then has an actions page, linked from every page, a report as at
// a period before the first action included.
func (p *Partnership) HasActions() bool { return len(p.evidence.actions) > 0 }

// HasRisks reports whether risks.csv has any row, at any period.
func (p *Partnership) HasRisks() bool { return len(p.evidence.risks) > 0 }

// ActionCounts tallies actions by where they stand.
type ActionCounts struct {
	All, Complete, OnTrack, AtRisk, Delayed, NotStarted, Overdue, Cancelled int
}

// CountActions tallies actions; an overdue action counts as overdue only.
func CountActions(as []*Action) ActionCounts {
	var c ActionCounts
	for _, a := range as {
		c.All++
		switch {
		case a.Overdue:
			c.Overdue++
		case a.Status == measure.Complete:
			c.Complete++
		case a.Status == measure.ActionOnTrack:
			c.OnTrack++
		case a.Status == measure.ActionAtRisk:
			c.AtRisk++
		case a.Status == measure.Delayed:
			c.Delayed++
		case a.Status == measure.NotStarted:
			c.NotStarted++
		case a.Status == measure.Cancelled:
			c.Cancelled++
		}
	}
	return c
}

// Verdict is how a goal stands on every kind of evidence, in words.
type Verdict struct {
	Goal     *Goal
	Measures Counts
	Actions  ActionCounts
	Risks    int // risks in all
	High     int // risks in the highest band
	TopBand  string
	// Savings is the partnership's net saving to date, for efficiency;
	// "" for other goals, or none reported.
	Savings string
	// kind is the verdict as a key, "at-risk", which Word, Why and Class
	// go by.
	kind string
	lang *words.Lang
}

// VerdictRule is the rule a verdict follows, shown beside it.
func (p *Partnership) VerdictRule() string {
	return p.Lang().F("evidence.verdict.rule", "band", p.Site.RiskBands[0].Name)
}

// EfficiencyGoal is the goal the savings are evidence for.
const EfficiencyGoal = "efficiency"

// VerdictFor weighs a goal's measures, actions and risks, and for
// efficiency its savings.
func (p *Partnership) VerdictFor(g *Goal) Verdict {
	v := Verdict{Goal: g, Measures: CountStatuses(g.Metrics), Actions: CountActions(p.ActionsFor(g)), TopBand: p.Site.RiskBands[0].Name, lang: p.Lang()}
	for _, r := range p.RisksFor(g) {
		v.Risks++
		if r.Top() {
			v.High++
		}
	}
	if g.ID == EfficiencyGoal && p.HasSavings() {
		if l := p.Savings("", "").Latest(); l != nil {
			v.Savings = l.CumNet.Short()
		}
	}
	m := v.Measures
	rated := m.OnTrack + m.AtRisk + m.OffTrack
	switch {
	case rated+m.NoTarget+m.NotRated == 0 && v.Actions.All == 0 && v.Risks == 0 && v.Savings == "":
		v.kind = "no-evidence"
	case m.OffTrack > 0 || v.Actions.Overdue > 0 || v.Actions.Delayed > 0 || v.High > 0:
		v.kind = "needs-attention"
	case m.AtRisk > 0 || v.Actions.AtRisk > 0:
		v.kind = "at-risk"
	default:
		v.kind = "on-course"
	}
	return v
}

// Word is the verdict in the model's language: "On course", "At risk",
// "Needs attention" or "No evidence yet", by the rule VerdictRule says.
func (v Verdict) Word() string { return orEnglish(v.lang).T("evidence.verdict." + v.kind) }

// Why says what makes a goal need attention, or be at risk: "1 measure is
// off track and 1 action is overdue"; "" when nothing does.
func (v Verdict) Why() string {
	l := orEnglish(v.lang)
	var parts []string
	add := func(n int, key string) {
		if n > 0 {
			parts = append(parts, l.N("evidence.why."+key, n, "band", strings.ToLower(v.TopBand)))
		}
	}
	if v.kind == "at-risk" {
		add(v.Measures.AtRisk, "measures-at-risk")
		add(v.Actions.AtRisk, "actions-at-risk")
		return l.List(parts)
	}
	add(v.Measures.OffTrack, "measures-off-track")
	add(v.Actions.Overdue, "actions-overdue")
	add(v.Actions.Delayed, "actions-delayed")
	add(v.High, "risks-top")
	return l.List(parts)
}

// Sentence is the verdict as a councillor would read it aloud: "Needs
// attention: 1 measure is off track. Measures: 4 in all, 2 on track, 1 at
// risk, 1 off track. Actions: 5 in all, 2 complete, 2 on track, 1
// overdue. Risks: 3 in all, 1 high. Savings: £1.2m net to date."
func (v Verdict) Sentence() string {
	if why := v.Why(); why != "" {
		return strings.TrimSpace(orEnglish(v.lang).F("evidence.verdict.because", "word", v.Word(), "why", why) + " " + v.tallies())
	}
	return strings.TrimSpace(orEnglish(v.lang).F("evidence.verdict.alone", "word", v.Word()) + " " + v.tallies())
}

// Detail is the sentence after the verdict's word, for a page that shows
// the word as a status: "1 measure is off track. Measures: …".
func (v Verdict) Detail() string {
	if why := v.Why(); why != "" {
		return strings.TrimSpace(orEnglish(v.lang).F("evidence.verdict.detail", "why", why) + " " + v.tallies())
	}
	return v.tallies()
}

// tallies counts each kind of evidence: "Measures: 4 in all, 2 on
// track, 1 off track. Actions: 2, all complete. Risks: 3 in all, none
// high." A count of none is left out, except the highest band of risk,
// whose absence is news.
func (v Verdict) tallies() string {
	l := orEnglish(v.lang)
	var b strings.Builder
	tally := func(label string, all int, rest ...any) {
		if all == 0 {
			return
		}
		var parts []string
		for i := 0; i+1 < len(rest); i += 2 {
			if n := rest[i].(int); n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, rest[i+1].(string)))
			}
		}
		b.WriteString(" ")
		switch {
		case len(parts) == 1 && all == 1:
			// "Actions: 1, complete."
			b.WriteString(l.F("evidence.tally.single", "label", label, "what", strings.TrimPrefix(parts[0], "1 ")))
		case len(parts) == 1:
			// "Measures: 2, all on track."
			b.WriteString(l.F("evidence.tally.all", "label", label, "n", all, "what", strings.TrimPrefix(parts[0], strconv.Itoa(all)+" ")))
		default:
			b.WriteString(l.F("evidence.tally.some", "label", label, "n", all, "parts", strings.Join(parts, ", ")))
		}
	}
	w := func(key string) string { return l.T("evidence.count." + key) }
	m := v.Measures
	tally(l.T("evidence.tally.measures"), m.OnTrack+m.AtRisk+m.OffTrack+m.NoTarget+m.NotRated, m.OnTrack, w("on-track"),
		m.AtRisk, w("at-risk"), m.OffTrack, w("off-track"), m.NoTarget, w("no-target"), m.NotRated, w("not-rated"))
	a := v.Actions
	tally(l.T("evidence.tally.actions"), a.All, a.Complete, w("complete"), a.OnTrack, w("on-track"), a.NotStarted, w("not-started"), a.AtRisk, w("at-risk"),
		a.Delayed, w("delayed"), a.Overdue, w("overdue"), a.Cancelled, w("cancelled"))
	band := strings.ToLower(v.TopBand)
	switch {
	case v.Risks == 0:
	case v.Risks == 1 && v.High == 1:
		b.WriteString(" " + l.F("evidence.tally.risk-top", "band", band))
	case v.Risks == 1:
		b.WriteString(" " + l.F("evidence.tally.risk-not-top", "band", band))
	case v.High == 0:
		b.WriteString(" " + l.F("evidence.tally.risks-none-top", "n", v.Risks, "band", band))
	default:
		b.WriteString(" " + l.F("evidence.tally.risks", "n", v.Risks, "high", v.High, "band", band))
	}
	if v.Savings != "" {
		b.WriteString(" " + l.F("evidence.tally.savings", "amount", v.Savings))
	}
	return strings.TrimSpace(b.String())
}

// Class is the status style of where the action stands: complete and on
// track as on track, at risk as at risk, delayed and overdue as off track.
func (a *Action) Class() string {
	switch {
	case a.Overdue || a.Status == measure.Delayed:
		return OffTrack.Class()
	case a.Status == measure.ActionAtRisk:
		return AtRisk.Class()
	case a.Status == measure.Complete || a.Status == measure.ActionOnTrack:
		return OnTrack.Class()
	}
	return NoTarget.Class()
}

// Class is the status style of the risk's band: the highest as off
// track, the lowest as on track, any between as at risk.
func (r *Risk) Class() string {
	switch i := r.band(); {
	case i == 0:
		return OffTrack.Class()
	case i == len(r.bands)-1:
		return OnTrack.Class()
	}
	return AtRisk.Class()
}

// Class is the status style of the verdict.
func (v Verdict) Class() string {
	switch v.kind {
	case "on-course":
		return OnTrack.Class()
	case "at-risk":
		return AtRisk.Class()
	case "needs-attention":
		return OffTrack.Class()
	}
	return NoTarget.Class()
}

// History is every row of actions.csv and of risks.csv, each as it stood
// at its own period (a row without one, at the latest), in file order:
// the record the downloads publish.
func (p *Partnership) History() ([]*Action, []*Risk) {
	// alone is the partnership with one row of evidence, as at its period.
	alone := func(e evidence, at period.Period) *Partnership {
		q := *p
		e.latest = p.evidence.latest
		q.evidence = e
		if at.IsZero() {
			at = e.latest
		}
		q.evidenceAt(at.End())
		return &q
	}
	var actions []*Action
	var risks []*Risk
	for _, row := range p.evidence.actions {
		actions = append(actions, alone(evidence{actions: []csvdata.Action{row}}, row.Period).Actions...)
	}
	for _, row := range p.evidence.risks {
		risks = append(risks, alone(evidence{risks: []csvdata.Risk{row}}, row.Period).Risks...)
	}
	return actions, risks
}
