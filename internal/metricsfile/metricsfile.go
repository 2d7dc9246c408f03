// Package metricsfile writes metrics.csv rows from a council's own
// performance reports, for `partnersite metrics`. An officer with a
// quarterly report of 45 indicators would otherwise type 45 rows by hand,
// when the report already gives each one's code, name, service, unit,
// target and the council's rating.
//
// It writes only what the report tells: the direction (which way is
// better) only where the council's ratings, figures and targets agree on
// it, and the goal only where the site has one. Everything else is left
// empty for the officer, and `partnersite check` then names each empty
// cell, since a guessed direction would rate every figure backwards.
package metricsfile

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/slug"
	"github.com/partnersite/partnersite/internal/textfile"
)

// Columns are the columns written, in order: every one is a column of
// metrics.csv (cumulative being the contract's year-to-date column).
var Columns = []string{"id", "name", "service", "goal", "unit", "scale", "direction", "target", "amber", "cumulative", "description", "source"}

// Row is one metric as written to metrics.csv, each cell as written.
type Row struct {
	ID, Name, Service, Goal, Unit, Scale, Direction, Target, Amber, Cumulative, Description, Source string
}

// cells are the row's cells in the order of Columns.
func (r Row) cells() []string {
	return []string{r.ID, r.Name, r.Service, r.Goal, r.Unit, r.Scale, r.Direction, r.Target, r.Amber, r.Cumulative, r.Description, r.Source}
}

// Site is what the rows are written against.
type Site struct {
	Metrics  map[string]bool // ids already in metrics.csv, lower-case: not written again
	Services []csvdata.Service
	Goals    []string // the site's goal ids, from site.yaml
}

// Result is what Build makes of the reports.
type Result struct {
	Rows []Row
	// Empty counts the required cells left empty, by column.
	Empty map[string]int
}

// metric gathers one metric's rows from every report.
type metric struct {
	row      Row
	evidence []Evidence
	target   *float64 // the written target's value, to compare other files'
	at       string   // where the written target came from: PATH:LINE
	varies   bool     // the reports give different targets: none is written
	// figures are every figure the reports give, by period; path and line
	// where it was first named.
	figures map[period.Period]float64
	path    string
	line    int
}

// buildsUp says why a metric's figures look year to date, or "": a year's
// outturn equal to its last quarter's figure, and the next year's first
// quarter less than 60% of that, as a collection rate or days lost so far
// fall back each April. Both must hold: either alone happens by chance.
func buildsUp(figs map[period.Period]float64) string {
	// In period order, so that the reason given is the same every run.
	for _, p := range slices.SortedFunc(maps.Keys(figs), period.Compare) {
		q4 := figs[p]
		if p.Kind != period.Quarter || p.N != 4 || q4 <= 0 {
			continue
		}
		year, ok := figs[period.Period{Kind: period.Year, Year: p.Year}]
		q1, ok1 := figs[period.Period{Kind: period.Quarter, Year: p.Year + 1, N: 1}]
		if ok && ok1 && year == q4 && q1 < 0.6*q4 {
			return fmt.Sprintf("its %s figure equals %s's, and %s falls back to %s", p, period.Period{Kind: period.Year, Year: p.Year}, period.Period{Kind: period.Quarter, Year: p.Year + 1, N: 1}, strconv.FormatFloat(q1, 'f', -1, 64))
		}
	}
	return ""
}

// Build turns the rows of the reports, in order, into metrics.csv rows
// for every metric site lacks, in the order the reports first name them.
// A metric in more than one report is written once, the later report's
// words filling only what the earlier lacked. Warnings (an unknown unit,
// a service that services.csv lacks, a target that differs between
// reports) go to pl at the report's line.
func Build(reports []*csvdata.Report, site Site, pl *problem.List) Result {
	var order []string
	metrics := map[string]*metric{}
	missing := map[string]bool{}
	for _, rep := range reports {
		for _, r := range rep.Rows {
			if site.Metrics[r.ID] {
				continue
			}
			m, seen := metrics[r.ID]
			if !seen {
				m = &metric{row: Row{ID: r.ID}, figures: map[period.Period]float64{}, path: rep.Path, line: r.Line}
				metrics[r.ID] = m
				order = append(order, r.ID)
			}
			m.evidence = append(m.evidence, Evidence{Rating: r.Rating, Figure: r.Figure, Target: r.TargetValue})
			for p, v := range r.Figures {
				m.figures[p] = v
			}
			m.add(rep.Path, r, site, missing, pl)
		}
	}
	res := Result{Empty: map[string]int{}}
	for _, id := range order {
		m := metrics[id]
		m.row.Direction = Infer(m.evidence)
		if len(site.Goals) == 1 {
			m.row.Goal = site.Goals[0]
		}
		if cumulative.MatchString(m.row.Name) {
			m.row.Cumulative = "yes"
		} else if why := buildsUp(m.figures); why != "" {
			m.row.Cumulative = "yes"
			pl.Warnf(m.path, m.line, "%s looks year to date (%s), so cumulative is yes; if its figure does not build up through the year, leave cumulative empty", m.row.ID, why)
		}
		// No standing target where the reports' own are each quarter's:
		// one that varies, a year-to-date profile, or a measure of
		// context's "target" of 0 beside Data only.
		if m.varies || m.row.Cumulative == "yes" || m.row.Direction == "neither" {
			m.row.Target = ""
		}
		for col, v := range map[string]string{"name": m.row.Name, "service": m.row.Service, "goal": m.row.Goal, "unit": m.row.Unit, "direction": m.row.Direction} {
			if v == "" {
				res.Empty[col]++
			}
		}
		res.Rows = append(res.Rows, m.row)
	}
	return res
}

// add fills what the metric still lacks from one report row.
func (m *metric) add(path string, r csvdata.ReportRow, site Site, missing map[string]bool, pl *problem.List) {
	w := &m.row
	name, desc := r.Name, r.Description
	if name == "" {
		// A report with a description column and no indicator column
		// names its indicators there.
		name, desc = desc, ""
	}
	fill(&w.Name, name)
	fill(&w.Description, desc)
	fill(&w.Source, r.Source)
	fill(&w.Amber, r.Amber)
	if w.Service == "" && r.Service != "" {
		w.Service = serviceID(r.Service, site.Services)
		if w.Service == "" {
			id := slug.From(r.Service)
			w.Service = id
			if id != "" && !missing[id] {
				missing[id] = true
				pl.Warnf(path, r.Line, "%s lacks %q: add a row with id %s and name %s", csvdata.ServicesFile, r.Service, id, r.Service)
			}
		}
	}
	if w.Unit == "" && r.Unit != "" {
		u, ok := units[unitKey(r.Unit)]
		if ok {
			w.Unit, w.Scale = u.unit, u.scale
		} else {
			pl.Warnf(path, r.Line, "unit %q of %s is not one partnersite knows, so it is left empty: write one of percent, gbp, count, days, hours, minutes, fte or score", textfile.Short(r.Unit), r.Code)
		}
	}
	switch {
	case r.Target == "":
	case r.TargetValue == nil:
		pl.Warnf(path, r.Line, "target %q of %s is not a number, so it is left out; where there is no target, leave the cell empty", textfile.Short(r.Target), r.Code)
	case w.Target == "":
		w.Target, m.target, m.at = r.Target, r.TargetValue, fmt.Sprintf("%s:%d", path, r.Line)
	case *m.target != *r.TargetValue && !m.varies:
		// A target that changes from report to report (a profiled
		// collection target) is each quarter's own: the reports' target
		// columns rate each quarter, and one in metrics.csv would rate
		// every other period against it.
		pl.Warnf(path, r.Line, "target %s of %s differs from %s at %s: the target changes by period, so metrics.csv leaves it empty and each report's own target column rates its quarter",
			r.Target, r.Code, w.Target, m.at)
		m.varies = true
	}
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// serviceID is the id of the service a report names, by its id or its
// name in any case and spacing ("Revenues and  benefits"); "" for none.
func serviceID(s string, services []csvdata.Service) string {
	f := fold(s)
	for _, sv := range services {
		if fold(sv.ID) == f || fold(sv.Name) == f {
			return sv.ID
		}
	}
	return ""
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// cumulative matches an indicator's name that says its figure builds up
// through the year.
var cumulative = regexp.MustCompile(`(?i)\b(cumulative|year[ -]to[ -]date|ytd)\b`)

type unit struct{ unit, scale string }

// units are the units reports write, by unitKey, as metrics.csv takes them.
var units = map[string]unit{
	"%": {"percent", ""}, "percent": {"percent", ""}, "percentage": {"percent", ""}, "pct": {"percent", ""},
	"£": {"gbp", ""}, "gbp": {"gbp", ""}, "pounds": {"gbp", ""},
	"£000": {"gbp", "thousands"}, "£000s": {"gbp", "thousands"}, "£'000": {"gbp", "thousands"}, "£k": {"gbp", "thousands"}, "£thousands": {"gbp", "thousands"},
	"£m": {"gbp", "millions"}, "£millions": {"gbp", "millions"},
	"days": {"days", ""}, "day": {"days", ""},
	"hours": {"hours", ""}, "hour": {"hours", ""}, "hrs": {"hours", ""},
	"minutes": {"minutes", ""}, "minute": {"minutes", ""}, "mins": {"minutes", ""}, "min": {"minutes", ""},
	"number": {"count", ""}, "no.": {"count", ""}, "no": {"count", ""}, "count": {"count", ""}, "nos": {"count", ""}, "#": {"count", ""},
	"fte": {"fte", ""}, "score": {"score", ""},
}

// unitKey folds a unit cell for units: lower case, no spaces.
func unitKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

// Write writes the rows as metrics.csv, header first.
func Write(w io.Writer, rows []Row) error { return WriteFor(w, rows, nil) }

// WriteFor writes rows under header, the site's own metrics.csv header,
// so that the officer pastes them below it as they are; the columns the
// rows fill that header lacks are added at its end (Lacks says which).
// With no header it writes Columns.
func WriteFor(w io.Writer, rows []Row, header []string) error {
	cols := Layout(rows, header)
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return fmt.Errorf("writing metrics.csv: %w", err)
	}
	for _, r := range rows {
		cells := r.cells()
		out := make([]string, len(cols))
		for i, c := range cols {
			if j := slices.Index(Columns, c); j >= 0 {
				out[i] = cells[j]
			}
		}
		if err := cw.Write(out); err != nil {
			return fmt.Errorf("writing metrics.csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing metrics.csv: %w", err)
	}
	return nil
}

// Layout is the header rows are written under: header as it is, then
// each column of Columns that it lacks and some row fills. With no header,
// it is Columns.
func Layout(rows []Row, header []string) []string {
	if len(header) == 0 {
		return Columns
	}
	return append(slices.Clone(header), Lacks(rows, header)...)
}

// Lacks lists the columns that some row fills and header does not have,
// for the officer to add to data/metrics.csv's header.
func Lacks(rows []Row, header []string) []string {
	var out []string
	for j, c := range Columns {
		if slices.Contains(header, c) {
			continue
		}
		if slices.ContainsFunc(rows, func(r Row) bool { return r.cells()[j] != "" }) {
			out = append(out, c)
		}
	}
	return out
}

// Summary is the line said after the rows: how many were written and
// which cells were left for the officer.
func (r Result) Summary() string {
	n := len(r.Rows)
	s := fmt.Sprintf("partnersite metrics: %d %s", n, plural(n, "metric", "metrics"))
	if n == 0 {
		return s + ": data/metrics.csv already has every metric the files name"
	}
	var parts []string
	for _, c := range []struct{ col, one, many string }{
		{"direction", "direction", "directions"}, {"goal", "goal", "goals"}, {"unit", "unit", "units"},
		{"service", "service", "services"}, {"name", "name", "names"},
	} {
		if k := r.Empty[c.col]; k > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", k, plural(k, c.one, c.many)))
		}
	}
	if len(parts) == 0 {
		return s + "; nothing left empty: add them to data/metrics.csv, then run partnersite check"
	}
	list := strings.Join(parts, ", ")
	if i := strings.LastIndex(list, ", "); i >= 0 {
		list = list[:i] + " and " + list[i+2:]
	}
	return s + "; " + list + " left empty: fill them in, then run partnersite check"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
