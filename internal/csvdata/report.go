package csvdata

import (
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/slug"
)

// This file reads a council's own performance report (a committee paper's
// table, saved from Excel) for what `partnersite metrics` writes into
// metrics.csv: each indicator's code, its name, service and unit as the
// council words them, its target and the council's rating. It has its own
// column declarations rather than the performance file's, because it reads
// the report's words, which the site's loader leaves alone, and because it
// must read a report whatever else the performance columns accept.

// reportColumns are the columns of a report that the metrics command
// reads. Only the metric column is required: a report that names no
// service or unit still gives its codes, and the officer fills in the rest.
var reportColumns = []column{
	{"metric", metricAliases, true, "the indicator's code, e.g. `CS04`"},
	{"name", []string{"indicator", "measure", "indicator name", "measure name"}, false, "what it measures"},
	{"description", []string{"definition"}, false, "what it measures, where there is no indicator column; otherwise its definition"},
	{"service", []string{"service area"}, false, "the service's id or name"},
	{"unit", []string{"units", "unit of measure"}, false, "`%`, `£`, `£000`, `days`, `number`, ..."},
	{"target", nil, false, "the target for the report's own period"},
	{"amber", []string{"tolerance"}, false, "the council's tolerance"},
	{"status", []string{"rag", "rating", "rag status", "rag rating"}, false, "the council's rating: Green, Amber, Red, ..."},
	{"source", []string{"data source"}, false, "where the figures come from"},
	{"partner", slices.DeleteFunc(slices.Clone(partnerAliases), func(a string) bool { return a == "code" }), false, "the council the row is for"},
	{"note", []string{"notes", "comments", "commentary"}, false, "the council's note"},
	{"period", nil, false, "the row's period, in a long report"},
	{"value", nil, false, "the row's figure, in a long report"},
}

// Report is a council's performance report, read for the metrics it
// names.
type Report struct {
	Path string // as given on the command line
	// Period is the report's own period: its latest period column, or in
	// a long report its latest period; zero when it names none.
	Period period.Period
	Rows   []ReportRow
}

// ReportRow is one indicator's row of a report. Text is as written, with
// surrounding spaces trimmed.
type ReportRow struct {
	Line        int
	ID          string // the code, lower-cased: a valid id
	Code        string // the code as written: "CS04"
	Name        string
	Description string
	Service     string
	Unit        string
	Target      string // as written: "82.5", never reformatted
	Amber       string
	Source      string
	Rating      string // the council's rating as written: "Amber"
	// Period is the period Figure is for: the report's own period in a
	// wide report, the row's in a long one. Figure is nil when the row
	// has no figure for it (an empty cell, or "[x]").
	Period period.Period
	Figure *float64
	// TargetValue is Target read as a number; nil when empty or not a
	// number.
	TargetValue *float64
	// Figures are the row's figures by period, every period column's: a
	// year beside its Q4, and Q4 beside the next Q1, say whether a figure
	// builds up through the year.
	Figures map[period.Period]float64
}

// ReadReport reads the report at path in fsys. It returns nil when the
// file cannot be read or names no metric column within its first rows;
// every problem goes to pl, at path as given.
func ReadReport(fsys fs.FS, path string, pl *problem.List) *Report {
	t := readShaped(fsys, path, reportColumns, true,
		" (the metric column may be headed code, indicator code, pi, ref, metric or id)", pl)
	if t == nil || !t.complete() {
		return nil
	}
	rep := &Report{Path: path}
	// The report's own period is its latest period column: a report
	// repeats the quarter before and last year's outturn beside it.
	latest := -1
	for _, c := range slices.Sorted(maps.Keys(t.periods)) {
		p, err := period.Parse(t.periods[c])
		if err == nil && (latest < 0 || period.Compare(p, rep.Period) > 0) {
			latest, rep.Period = c, p
		}
	}
	// "Target 2014/15" beside the year's quarters, or "Q2 2014/15 target":
	// the report's own target, as the loader reads it.
	t.yearTargetAsOwn(latest)
	if c, ok := t.periodTargets[rep.Period]; ok && !t.present["target"] {
		t.index["target"], t.present["target"] = c, true
	}
	for i, rec := range t.rows {
		cell := func(col string) string {
			if j, ok := t.index[col]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		code := cell("metric")
		if code == "" || blank(slices.Delete(slices.Clone(rec), t.index["metric"], t.index["metric"]+1)) {
			// No indicator to name: a blank or a spacer row, or a section
			// heading ("HR", "Customer Services") in the code column.
			continue
		}
		row := ReportRow{Line: t.rowLine[i], Code: code, ID: strings.ToLower(code),
			Name: cell("name"), Description: cell("description"), Service: cell("service"), Unit: cell("unit"),
			Target: cell("target"), Amber: cell("amber"), Source: cell("source"), Rating: cell("status")}
		if !slug.Valid(row.ID) || slug.Check(row.ID) != nil {
			hint := slug.From(code)
			if hint == "" {
				hint = "my-id"
			}
			pl.Warnf(path, t.line(i, "metric"), "code %q is not a valid id, even in lower case, so the row is left out; metric ids are lower-case letters, digits and hyphens, e.g. %q", short(code), hint)
			continue
		}
		var fig string
		switch {
		case latest >= 0:
			row.Period, fig = rep.Period, rec[latest]
		case t.present["period"]:
			p, err := period.Parse(cell("period"))
			if err != nil {
				break // no period, no figure to rate
			}
			row.Period, fig = p, cell("value")
			if rep.Period.IsZero() || period.Compare(p, rep.Period) > 0 {
				rep.Period = p
			}
		}
		var f figure
		if f.UnmarshalCSV(fig); strings.TrimSpace(fig) != "" && !f.bad && f.mark == measure.Present {
			row.Figure = &f.value
		}
		for c, h := range t.periods {
			p, err := period.Parse(h)
			var g figure
			if err == nil && c < len(rec) && g.UnmarshalCSV(rec[c]) == nil && strings.TrimSpace(rec[c]) != "" && !g.bad && g.mark == measure.Present {
				if row.Figures == nil {
					row.Figures = map[period.Period]float64{}
				}
				row.Figures[p] = g.value
			}
		}
		// ">= 95%" in the report is a target of 95 in metrics.csv.
		row.Target = TargetText(row.Target)
		if v, err := ParseNumber(row.Target); row.Target != "" && err == nil {
			row.TargetValue = &v
		}
		rep.Rows = append(rep.Rows, row)
	}
	return rep
}

// ReportSite is what a site already holds that the metrics command writes
// against: the metrics of data/metrics.csv, by lower-cased id, and the
// services of data/services.csv.
type ReportSite struct {
	Metrics  map[string]bool
	Services []Service
	// Header is data/metrics.csv's header, each column by its declared
	// name ("" for one it does not know), so that rows written for it
	// can be pasted below it; nil when the file is missing or empty.
	Header []string
	// HeaderLine is the line the header is on, below any title rows.
	HeaderLine int
}

// ReadReportSite reads data/metrics.csv and data/services.csv of the site
// in fsys leniently: either may be missing or empty (a new site has
// neither yet), and a row with problems still counts. Their problems are
// for `check` to report, so they are not reported here.
func ReadReportSite(fsys fs.FS) ReportSite {
	var scratch problem.List
	s := ReportSite{Metrics: map[string]bool{}, Services: loadServices(fsys, &scratch)}
	for _, m := range loadMetrics(fsys, &scratch) {
		if m.ID != "" {
			s.Metrics[strings.ToLower(m.ID)] = true
		}
	}
	if _, err := fs.Stat(fsys, MetricsFile); err == nil {
		cols := metricFields.columns()
		if t := readShaped(fsys, MetricsFile, cols, false, "", &scratch); t != nil {
			s.HeaderLine = t.headerLine
			for _, h := range t.header {
				if !slices.ContainsFunc(cols, func(c column) bool { return c.name == h }) {
					h = ""
				}
				s.Header = append(s.Header, h)
			}
		}
	}
	return s
}

// MetricColumns are the columns metrics.csv declares, in documented
// order, for a writer of metrics.csv to check its header against.
func MetricColumns() []string {
	var out []string
	for _, c := range metricFields.columns() {
		out = append(out, c.name)
	}
	return out
}
