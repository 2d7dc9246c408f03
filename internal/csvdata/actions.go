package csvdata

import (
	"io/fs"
	"strings"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
)

// This file reads the evidence that is not a figure: actions and
// milestones with their dates, and risks with their likelihood and
// impact, as a committee's action log and risk register give them.

// The optional files of actions and risks.
const (
	ActionsFile = "data/actions.csv"
	RisksFile   = "data/risks.csv"
)

// Action is one row of actions.csv: an action as it stood at a period.
// One row an action a period gives its history.
type Action struct {
	Line int
	// Cy holds the row's Welsh twins (title_cy, ...), by column.
	Cy         Texts
	ID         string
	Title      string
	Goal       string
	Service    string // "" for none
	Partner    string // "" for the partnership
	Metric     string // the measure it is meant to move, or ""
	Owner      string
	Due        period.Deadline
	RevisedDue period.Deadline // zero where the date has not moved
	Status     measure.ActionStatus
	Completed  period.Day    // zero when not given
	Period     period.Period // zero: as at the latest period
	Evidence   string
	Note       string
}

// Risk is one row of risks.csv: a risk as it stood at a period.
type Risk struct {
	Line int
	// Cy holds the row's Welsh twins (title_cy, ...), by column.
	Cy         Texts
	ID         string
	Title      string
	Goal       string
	Service    string
	Owner      string
	Likelihood int
	Impact     int
	Period     period.Period // zero: as at the latest period
	Mitigation string
	Note       string
}

// deadlineCell is a date, month or period cell.
type deadlineCell struct {
	value    period.Deadline
	set, bad bool
}

func (d *deadlineCell) UnmarshalCSV(s string) error {
	*d = deadlineCell{}
	if s = strings.TrimSpace(s); s != "" {
		v, err := period.ParseDeadline(s)
		*d = deadlineCell{value: v, set: true, bad: err != nil}
	}
	return nil
}

// deadline reads a date, month or period cell.
func (c *checker) deadline(col string, v deadlineCell, required bool) period.Deadline {
	if required && !c.required(col, c.raw(col)) {
		return period.Deadline{}
	}
	if v.bad {
		_, err := period.ParseDeadline(c.raw(col))
		c.errorf(col, "%s %v", col, err)
	}
	return v.value
}

// day reads an optional date cell.
func (c *checker) day(col string, v date) period.Day {
	if v.bad {
		_, err := period.ParseDay(c.raw(col))
		c.errorf(col, "%s %q is not a date: %v", col, short(c.raw(col)), err)
	}
	return v.value
}

// score reads a likelihood or impact: a whole number from 1 to 5.
func (c *checker) score(col string, v number) int {
	n, ok := c.number(col, v, true)
	if !ok {
		return 0
	}
	if n != float64(int(n)) || n < 1 || n > 5 {
		c.errorf(col, "%s %q must be a whole number from 1 to 5", col, short(c.raw(col)))
		return 0
	}
	return int(n)
}

type actionRow struct {
	ID, Title, Goal, Service, Partner, Metric, Owner text
	Due, RevisedDue                                  deadlineCell
	Status                                           text
	Completed                                        date
	Period                                           periodCell
	Evidence, Note                                   text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *actionRow) UnmarshalCSVWithFields(col, v string) error { return actionFields.set(r, col, v) }

var actionFields = declare(
	field[actionRow]{column{"id", []string{"code", "ref", "reference", "action code", "action ref"}, true, "the action's code as the action log writes it (`ICT 01`); the same on the rows of one action, one row a period"}, func(r *actionRow) cell { return &r.ID }},
	field[actionRow]{column{"title", []string{"action", "milestone"}, true, "what is to be done: \"Test the recovery of core systems at the second data centre\""}, func(r *actionRow) cell { return &r.Title }},
	field[actionRow]{column{"goal", nil, true, "the goal it is evidence for: an id of site.yaml's goals"}, func(r *actionRow) cell { return &r.Goal }},
	field[actionRow]{column{"service", nil, false, "the service's id, or blank"}, func(r *actionRow) cell { return &r.Service }},
	field[actionRow]{column{"partner", nil, false, "the partner's id; blank for the partnership"}, func(r *actionRow) cell { return &r.Partner }},
	field[actionRow]{column{"metric", nil, false, "the measure the action is meant to move, a corrective action for it: the metric's id"}, func(r *actionRow) cell { return &r.Metric }},
	field[actionRow]{column{"owner", []string{"lead", "responsible"}, false, "a post, \"Head of ICT\", never a person's name"}, func(r *actionRow) cell { return &r.Owner }},
	field[actionRow]{column{"due", []string{"due date", "target date", "deadline"}, true, "when it is due, as first agreed: a date (`2025-03-31`), a month (`2025-03`) or a period (`2024/25 Q4`)"}, func(r *actionRow) cell { return &r.Due }},
	field[actionRow]{column{"revised_due", []string{"revised date", "revised due date", "revised target date"}, false, "the date now expected, where it moved, in the same forms"}, func(r *actionRow) cell { return &r.RevisedDue }},
	field[actionRow]{column{"status", []string{"rag", "rag status"}, true, "`not started`, `on track`, `at risk`, `delayed`, `complete` or `cancelled` (also `Green`, `Amber`, `Red`, `done`, `completed`, in any case). Past its date and not complete, an action reads Overdue whatever this says"}, func(r *actionRow) cell { return &r.Status }},
	field[actionRow]{column{"completed", []string{"completed date", "date completed"}, false, "the date it was completed"}, func(r *actionRow) cell { return &r.Completed }},
	field[actionRow]{column{"period", []string{"as at"}, false, "the report period this row's status is as at; blank: as at the latest period"}, func(r *actionRow) cell { return &r.Period }},
	field[actionRow]{column{"evidence", nil, false, "what shows it was done: a test report, a committee decision; text, or a web address"}, func(r *actionRow) cell { return &r.Evidence }},
	field[actionRow]{column{"note", []string{"notes", "comments", "commentary"}, false, "a note shown with the action"}, func(r *actionRow) cell { return &r.Note }},
).translated("title", "owner", "evidence", "note")

type riskRow struct {
	ID, Title, Goal, Service, Owner text
	Likelihood, Impact              number
	Period                          periodCell
	Mitigation, Note                text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *riskRow) UnmarshalCSVWithFields(col, v string) error { return riskFields.set(r, col, v) }

var riskFields = declare(
	field[riskRow]{column{"id", []string{"code", "ref", "reference", "risk code", "risk ref"}, true, "the risk's code as the register writes it (`R07`); the same on the rows of one risk, one row a period"}, func(r *riskRow) cell { return &r.ID }},
	field[riskRow]{column{"title", []string{"risk"}, true, "the risk: \"Loss of key ICT staff\""}, func(r *riskRow) cell { return &r.Title }},
	field[riskRow]{column{"goal", nil, true, "the goal it threatens: an id of site.yaml's goals"}, func(r *riskRow) cell { return &r.Goal }},
	field[riskRow]{column{"service", nil, false, "the service's id, or blank"}, func(r *riskRow) cell { return &r.Service }},
	field[riskRow]{column{"owner", []string{"risk owner", "lead"}, false, "a post, never a person's name"}, func(r *riskRow) cell { return &r.Owner }},
	field[riskRow]{column{"likelihood", []string{"probability"}, true, "how likely, 1 (rare) to 5 (almost certain)"}, func(r *riskRow) cell { return &r.Likelihood }},
	field[riskRow]{column{"impact", nil, true, "how much harm, 1 (minor) to 5 (severe); the score is likelihood × impact"}, func(r *riskRow) cell { return &r.Impact }},
	field[riskRow]{column{"period", []string{"as at"}, false, "the report period this row is as at; blank: as at the latest period"}, func(r *riskRow) cell { return &r.Period }},
	field[riskRow]{column{"mitigation", []string{"controls", "mitigations"}, false, "what is being done about it"}, func(r *riskRow) cell { return &r.Mitigation }},
	field[riskRow]{column{"note", []string{"notes", "comments"}, false, "a note shown with the risk"}, func(r *riskRow) cell { return &r.Note }},
).translated("title", "owner", "mitigation", "note")

// asAtPeriod reads a row's period: a year for an ambiguous "2010-11",
// since action logs and registers report by the committee's periods.
func (c *checker) asAtPeriod(v periodCell) period.Period {
	if !v.set {
		return period.Period{}
	}
	p, amb := c.period("period", v)
	if amb {
		p = yearOf(p)
	}
	return p
}

func loadActions(fsys fs.FS, pl *problem.List) []Action {
	return loadFile(fsys, ActionsFile, actionFields.columns(), pl, func(c *checker, line int, r actionRow) Action {
		// An action's code is a key, never part of an address: it is
		// read as the log writes it ("ICT 01"), not as a slug.
		a := Action{Line: line, ID: c.text("id", r.ID, true), Title: c.text("title", r.Title, true), Goal: c.id("goal", r.Goal, true),
			Service: c.id("service", r.Service, false), Partner: string(r.Partner), Metric: c.foldedID("metric", r.Metric, false),
			Owner: string(r.Owner), Due: c.deadline("due", r.Due, true), RevisedDue: c.deadline("revised_due", r.RevisedDue, false),
			Completed: c.day("completed", r.Completed), Period: c.asAtPeriod(r.Period),
			Evidence: string(r.Evidence), Note: noteText(string(r.Note)), Cy: c.twins()}
		if c.required("status", string(r.Status)) {
			st, err := measure.ParseActionStatus(string(r.Status))
			if err != nil {
				c.errorf("status", "%v", err)
			}
			a.Status = st
		}
		if strings.HasPrefix(strings.ToLower(a.Evidence), "http") || strings.Contains(a.Evidence, "://") {
			a.Evidence = c.webAddress("evidence", a.Evidence)
		}
		switch {
		case a.Status == measure.Complete && a.Evidence == "":
			pl.Warnf(ActionsFile, line, "action %q is complete but gives no evidence; say in the evidence column what shows it was done (a test report, a committee decision)", a.ID)
		case !a.Completed.IsZero() && a.Status != measure.Complete:
			c.errorf("completed", "action %q has a completed date but its status is %s; write complete, or clear the date", a.ID, strings.ToLower(a.Status.String()))
		}
		return a
	})
}

func loadRisks(fsys fs.FS, pl *problem.List) []Risk {
	return loadFile(fsys, RisksFile, riskFields.columns(), pl, func(c *checker, line int, r riskRow) Risk {
		return Risk{Line: line, ID: c.text("id", r.ID, true), Title: c.text("title", r.Title, true), Goal: c.id("goal", r.Goal, true),
			Service: c.id("service", r.Service, false), Owner: string(r.Owner),
			Likelihood: c.score("likelihood", r.Likelihood), Impact: c.score("impact", r.Impact),
			Period: c.asAtPeriod(r.Period), Mitigation: string(r.Mitigation), Note: noteText(string(r.Note)), Cy: c.twins()}
	})
}

// checkEvidence checks that actions and risks name goals, services,
// partners and metrics that exist, and that no id has two rows for one
// period: a row is an action or risk as it stood at its period.
func (d *Data) checkEvidence(goals []string, pl *problem.List) {
	services, partners, metrics := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, s := range d.Services {
		services[s.ID] = true
	}
	names := d.partnerNames()
	for _, p := range d.Partners {
		partners[p.ID] = true
	}
	for _, m := range d.Metrics {
		metrics[m.ID] = true
	}
	goalSet := map[string]bool{}
	for _, g := range goals {
		goalSet[g] = true
	}
	refs := func(file string, line int, goal, service string) {
		if goal != "" && !goalSet[goal] {
			pl.Errorf(file, line, "goal %q is not a goal in site.yaml%s", short(goal), suggest(goal, goalSet))
		}
		if service != "" && !services[service] {
			pl.Errorf(file, line, "service %q is not a service in %s%s", short(service), ServicesFile, suggest(service, services))
		}
	}
	type key struct {
		id string
		p  period.Period
	}
	seen := map[key]int{}
	for i := range d.Actions {
		a := &d.Actions[i]
		refs(ActionsFile, a.Line, a.Goal, a.Service)
		if a.Partner != "" {
			if id, ok := names[foldName(a.Partner)]; ok {
				a.Partner = id
			} else {
				pl.Errorf(ActionsFile, a.Line, "partner %q is not a partner in %s%s", short(a.Partner), PartnersFile, suggest(a.Partner, partners))
			}
		}
		if a.Metric != "" && !metrics[a.Metric] {
			pl.Errorf(ActionsFile, a.Line, "metric %q is not a metric in %s%s", short(a.Metric), MetricsFile, suggest(a.Metric, metrics))
		}
		if first, dup := seen[key{a.ID, a.Period}]; dup && a.ID != "" {
			pl.Errorf(ActionsFile, a.Line, "action %q has a row for %s on line %d already; give each action one row for each period", a.ID, periodWords(a.Period), first)
		} else {
			seen[key{a.ID, a.Period}] = a.Line
		}
	}
	clear(seen)
	for _, r := range d.Risks {
		refs(RisksFile, r.Line, r.Goal, r.Service)
		if first, dup := seen[key{r.ID, r.Period}]; dup && r.ID != "" {
			pl.Errorf(RisksFile, r.Line, "risk %q has a row for %s on line %d already; give each risk one row for each period", r.ID, periodWords(r.Period), first)
		} else {
			seen[key{r.ID, r.Period}] = r.Line
		}
	}
}

// periodWords names a row's period in a message; a blank one is "the
// latest period".
func periodWords(p period.Period) string {
	if p.IsZero() {
		return "the latest period"
	}
	return p.String()
}
