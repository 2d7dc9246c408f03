package site

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// EvidenceList is what the "actions" and "risks" partials draw: a table
// of actions or of risks, with its caption, or a sentence when there are
// none and the page should say so.
type EvidenceList struct {
	Caption string
	AsAt    string // the period the list is as at, in a report; "" for the latest
	Actions []*model.Action
	Risks   []*model.Risk
	Page    *Base
	Empty   string // said when the list is empty; "" to say nothing
	// NoMetric leaves out the measure an action is for, on the measure's
	// own page.
	NoMetric bool
	// Change says how each risk's score moved since the last report, by
	// id: "up from 12".
	Change map[string]string
	// Print is the rule a printed report lists its actions and risks by;
	// nil off a report, where every one prints.
	Print *Exceptions
}

// PrintsAction reports whether action a prints in the list: always, but
// in a report only an exception.
func (l EvidenceList) PrintsAction(a *model.Action) bool { return l.Print == nil || l.Print.Action(a) }

// PrintsRisk reports whether risk r prints in the list: always, but in a
// report only an exception.
func (l EvidenceList) PrintsRisk(r *model.Risk) bool { return l.Print == nil || l.Print.Risk(r) }

// PrintsAny reports whether any of the list's actions or risks prints, so
// that a table of which none does leaves its caption off the paper too.
func (l EvidenceList) PrintsAny() bool {
	return slices.ContainsFunc(l.Actions, l.PrintsAction) || slices.ContainsFunc(l.Risks, l.PrintsRisk)
}

// GoalEvidence is one goal's part of a list of every action or risk.
type GoalEvidence struct {
	Goal    *model.Goal
	Verdict model.Verdict
	Actions EvidenceList
	Risks   EvidenceList
}

// EvidencePage is actions/ or risks/: every action, or every risk, by goal.
type EvidencePage struct {
	Base
	Goals []GoalEvidence
	Rule  string
}

// byGoal lists the partnership's actions and risks goal by goal, as at
// the period the builder's partnership stands at.
func (b *builder) byGoal(bs *Base, asAt string) []GoalEvidence {
	var out []GoalEvidence
	for _, g := range b.p.Goals {
		ge := GoalEvidence{Goal: g, Verdict: b.p.VerdictFor(g),
			Actions: EvidenceList{Caption: b.lang.F("site.actions.in-goal", "goal", g.Title), AsAt: asAt, Actions: b.p.ActionsFor(g), Page: bs},
			Risks:   EvidenceList{Caption: b.lang.F("site.risks.in-goal", "goal", g.Title), AsAt: asAt, Risks: b.p.RisksFor(g), Page: bs}}
		out = append(out, ge)
	}
	return out
}

func (b *builder) evidencePage(w *bytes.Buffer, k *pageKind, title, description string) error {
	pg := &EvidencePage{Base: b.pageBase(k, "", title), Rule: b.p.VerdictRule()}
	pg.Description = description
	pg.Goals = b.byGoal(&pg.Base, "")
	if err := b.commentary(&pg.Base, b.content.Find(content.Section, k.Name, "")); err != nil {
		return err
	}
	return b.draw(w, k.Name, &pg.Base, pg)
}

// isURL reports whether an evidence cell is a web address, which the
// loader has checked is http or https.
func isURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// ReportEvidence is a report's actions and risks as they stood at its
// period, goal by goal, and its off-track measures with the actions meant
// to put them right.
type ReportEvidence struct {
	AsAt     string
	Goals    []GoalEvidence
	OffTrack []Corrective
	// Files are the report's actions.csv and risks.csv, as at its period.
	Files []FileLink
	// Unprinted is the print-only note at the head of the section: which
	// actions and risks the paper lists, and how many others the web page
	// has, and where. "" where the paper leaves out none.
	Unprinted string
}

// Corrective is a measure off track at a report's period, with the
// actions that name it; none is "No corrective action recorded".
type Corrective struct {
	Metric  *model.Metric
	Actions []*model.Action
}

// evidenceAt is the partnership a report's actions and risks are shown
// as at: the end of its period, or its date when it names none.
func (b *builder) evidenceAt(pg *content.Page) *model.Partnership {
	switch {
	case pg.PeriodSet:
		return b.partnershipAt(pg.Period.End())
	case !pg.Date.IsZero():
		return b.partnershipAt(pg.Date)
	}
	return b.p
}

// reportEvidence is report pg's actions and risks, or nil for a site
// without them.
func (b *builder) reportEvidence(pg *content.Page, bs *Base) *ReportEvidence {
	if pg.Kind != content.Report || !b.p.HasActions() && !b.p.HasRisks() {
		return nil
	}
	rb := *b
	rb.p = b.evidenceAt(pg)
	re := &ReportEvidence{}
	if pg.PeriodSet {
		re.AsAt = pg.Period.String()
	} else if !pg.Date.IsZero() {
		re.AsAt = b.lang.Date(pg.Date)
	}
	re.Goals = rb.byGoal(bs, re.AsAt)
	re.OffTrack = offTrack(rb.p)
	x := &Exceptions{offTrack: map[string]bool{}, top: rb.p.Site.RiskBands[0].Name, lang: b.lang}
	for _, c := range re.OffTrack {
		x.offTrack[c.Metric.ID] = true
	}
	s := b.since(pg)
	if s != nil {
		x.rose = s.Rose
	}
	var actions []*model.Action
	var risks []*model.Risk
	for i := range re.Goals {
		g := &re.Goals[i]
		if s != nil {
			g.Risks.Change = s.RiskChange
		}
		g.Actions.Print, g.Risks.Print = x, x
		actions, risks = append(actions, g.Actions.Actions...), append(risks, g.Risks.Risks...)
	}
	where := b.lang.T("report.unprinted.on")
	if b.cfg.BaseURL != "" {
		where = b.lang.F("report.unprinted.on-at", "url", b.abs(pg.URL)+"#evidence") // the section's heading
	}
	re.Unprinted = x.note(actions, risks, where)
	return re
}

// Exceptions is the rule by which a printed report lists, of each goal's
// actions and risks, only those that need a councillor's attention, as
// councils' exception reports do: four sheets hold the paper's story, and
// its section "Since the last report" already names each completion, slip
// and change of risk. The rest print as counts, with the report's web
// page, which lists every one, named. This is the rule's one home: the
// theme asks it of each item and never restates it.
type Exceptions struct {
	offTrack map[string]bool // the measures off track at the report's period, by id
	rose     map[string]bool // the risks whose score rose since the last report, by id
	top      string          // the name of the highest band of risk: "High"
	lang     *words.Lang     // the report's language, for the note
}

// Action reports whether action a is an exception: overdue, delayed or
// at risk, or meant to put right a measure off track (and not cancelled),
// so that every action under "Off track measures and their corrective
// actions" prints under its goal too.
func (x *Exceptions) Action(a *model.Action) bool {
	switch {
	case a.Overdue, a.Status == measure.Delayed, a.Status == measure.ActionAtRisk:
		return true
	}
	return a.Metric != nil && x.offTrack[a.Metric.ID] && a.Status != measure.Cancelled
}

// Risk reports whether risk r is an exception: in the highest band, or
// its score risen since the last report.
func (x *Exceptions) Risk(r *model.Risk) bool { return r.Top() || x.rose[r.ID] }

// note says which actions and risks the paper lists, and what of the
// rest, by where each action stands, and where they are: "This paper
// lists … Also on this report's web page: 3 actions complete and 1 on
// track, and 2 risks below High." where is the "on …" part, in x's
// language. It is "" when every one prints.
func (x *Exceptions) note(actions []*model.Action, risks []*model.Risk, where string) string {
	var left []*model.Action
	for _, a := range actions {
		if !x.Action(a) {
			left = append(left, a)
		}
	}
	// Only these stand among the actions left out: the rest are exceptions.
	c := model.CountActions(left)
	l := x.lang
	var parts []string
	for _, n := range []struct {
		n    int
		what string
	}{{c.Complete, "complete"}, {c.OnTrack, "on-track"}, {c.NotStarted, "not-started"}, {c.Cancelled, "cancelled"},
		{c.All - c.Complete - c.OnTrack - c.NotStarted - c.Cancelled, "no-status"}} {
		if n.n == 0 {
			continue
		}
		what := l.T("report.unprinted." + n.what)
		if len(parts) == 0 {
			parts = append(parts, l.N("report.unprinted.actions", n.n, "what", what))
		} else {
			parts = append(parts, l.F("report.unprinted.more", "n", n.n, "what", what))
		}
	}
	said := l.List(parts)
	lower := 0
	for _, r := range risks {
		if !x.Risk(r) {
			lower++
		}
	}
	if lower > 0 {
		rs := l.N("report.unprinted.risks-below", lower, "band", x.top)
		switch len(parts) {
		case 0:
			said = rs
		case 1:
			said = l.F("report.unprinted.and-risks", "actions", said, "risks", rs)
		default:
			// The actions' list closed off from the risks.
			said = l.F("report.unprinted.and-risks-after-list", "actions", said, "risks", rs)
		}
	}
	if said == "" {
		return ""
	}
	key := "report.unprinted"
	if x.rose != nil {
		key = "report.unprinted.rose"
	}
	return l.F(key, "top", x.top, "where", where, "said", said)
}

// offTrack lists the rated measures off track in p with their corrective
// actions (cancelled ones aside).
func offTrack(p *model.Partnership) []Corrective {
	var out []Corrective
	for _, m := range p.Metrics {
		if m.Status() != model.OffTrack {
			continue
		}
		c := Corrective{Metric: m}
		for _, a := range p.ActionsFor(m) {
			if a.Status != measure.Cancelled {
				c.Actions = append(c.Actions, a)
			}
		}
		out = append(out, c)
	}
	return out
}

// warnUncorrected warns at the latest figure of each measure that is off
// track at a report's period, or now, with no action naming it: a
// committee asks what is being done about a red measure.
func (b *builder) warnUncorrected() {
	if !b.p.HasActions() {
		return
	}
	told := map[string]bool{}
	warn := func(p *model.Partnership, when string) {
		for _, c := range offTrack(p) {
			if len(c.Actions) > 0 {
				continue
			}
			_, pt := c.Metric.AsAt(period.Period{})
			if pt == nil || told[pt.File+":"+strconv.Itoa(pt.Line)] {
				continue
			}
			told[pt.File+":"+strconv.Itoa(pt.Line)] = true
			b.pl.Warnf(pt.File, pt.Line, "metric %q is off track %s and no action in %s names it in its metric column; record the corrective action, or the report says \"No corrective action recorded\"",
				c.Metric.ID, when, csvdata.ActionsFile)
		}
	}
	for _, pg := range b.reports {
		if pg.PeriodSet {
			warn(b.partnershipAt(pg.Period.End()), "in "+pg.Period.String()+", the period of "+pg.Path)
		}
	}
	warn(b.p, "in its latest figures")
}

// reportEvidenceFile writes a report's actions.csv or risks.csv: each
// action or risk as it stood at the report's period, the record beside
// its figures.
func (b *builder) reportEvidenceFile(w *bytes.Buffer, pg *content.Page, name string) error {
	p := b.evidenceAt(pg)
	for _, t := range evidenceRows(b.lang, b.p, p.Actions, p.Risks) {
		if t.name == name {
			data, err := t.bytes()
			w.Write(data)
			return err
		}
	}
	return nil
}
