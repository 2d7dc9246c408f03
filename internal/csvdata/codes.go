package csvdata

import (
	"strings"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/slug"
)

// This file reads codes as councils publish them: metric ids in capitals
// (CS04), and a column headed "code" that is a report's indicator codes in
// one table and councils' GSS codes in another.

// foldedID reads an id that may be written in capitals, as a council's
// report writes its indicators' codes: "CS04" is "cs04", the id pages and
// addresses use. An id that is still not valid after folding is reported
// as it was written.
func (c *checker) foldedID(col string, v text, required bool) string {
	folded := text(strings.ToLower(string(v)))
	if folded == v || !slug.Valid(string(folded)) {
		return c.id(col, v, required)
	}
	return c.id(col, folded, required)
}

// codeCells is what tells a column headed "code" apart: the metrics'
// ids, and every name of a partner (as partnerNames gives them).
type codeCells struct {
	metrics  map[string]bool
	partners map[string]string
	// gss holds the partners' GSS codes in capitals, as tables write
	// them, so that a national table's rows are told apart without a
	// copy of each cell.
	gss map[string]bool
	// left counts, by file, the rows left out as they were read, for
	// naming councils by GSS codes that no partner has.
	left map[string]leftRows
}

// outside reports whether a performance file's row names, by its GSS
// code, a council outside the partnership: a national table's row for
// any of the hundreds of other councils, left out as it is read. The
// partner column is the one the header names, or a column headed "code"
// (which decideCode gives to the partners when its cells name them, as
// a GSS code does).
func (codes codeCells) outside(t *table, rec []string) bool {
	col, ok := t.index["partner"]
	if !ok {
		if col, ok = t.index["metric"]; !ok || normaliseHeader(t.written[col]) != "code" {
			return false
		}
	}
	if col >= len(rec) {
		return false
	}
	cell := strings.TrimSpace(rec[col])
	if !isGSS(cell) {
		return false
	}
	if codes.gss[cell] {
		return false
	}
	_, partner := codes.partners[foldName(cell)] // in lower case, say
	return !partner
}

// isGSS reports whether s has the form of a GSS code, E07000243, in
// either case, as gssCode does, without the copy that upper-casing every
// partner cell of half a million rows would make.
func isGSS(s string) bool {
	if len(s) != 9 || !strings.ContainsRune("EWSNKewsnk", rune(s[0])) {
		return false
	}
	for i := 1; i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// decideCode settles the column of a performance file headed "code",
// which the header gave to the metric column. Its cells decide:
//   - cells that name partners (an id, name, short name or GSS code of
//     one, or any GSS code, as a national table names every council) and
//     none that names a metric: it is the partner column, or, where the
//     file has another partner column, the first of the two is the
//     partner column and the other is left alone, as for "Local
//     authority,ONS code";
//   - cells that name metrics and none that names a partner, or cells
//     that name neither: it is the metric column, and each id metrics.csv
//     lacks is reported as such (a report's codes before metrics.csv has
//     them; `partnersite metrics` writes their rows);
//   - cells that name both: it cannot be told, and the file is not read.
//
// It reports false when the file cannot be read on: the column cannot be
// told, or, being the partner column, it leaves the file no metric column.
func (t *table) decideCode(codes codeCells, hint string, pl *problem.List) bool {
	col, ok := t.index["metric"]
	if !ok || normaliseHeader(t.written[col]) != "code" {
		return true
	}
	var metricRow, partnerRow = -1, -1
	for r, rec := range t.rows {
		cell := strings.TrimSpace(rec[col])
		if cell == "" {
			continue
		}
		if metricRow < 0 && codes.metrics[strings.ToLower(cell)] {
			metricRow = r
		}
		if _, named := codes.partners[foldName(cell)]; partnerRow < 0 && (named || gssCode.MatchString(strings.ToUpper(cell))) {
			partnerRow = r
		}
		if metricRow >= 0 && partnerRow >= 0 {
			pl.Errorf(t.path, t.headerLine, "column %d, %q, may hold metric ids or partners, and its cells name both: line %d names metric %q, line %d partner %q; head it \"metric\" if it holds metric ids or \"partner\" if it names councils",
				col+1, short(t.written[col]), t.line(metricRow, "metric"), short(strings.TrimSpace(t.rows[metricRow][col])), t.line(partnerRow, "metric"), short(strings.TrimSpace(t.rows[partnerRow][col])))
			return false
		}
	}
	if partnerRow < 0 {
		return true
	}
	delete(t.index, "metric")
	t.present["metric"] = false
	t.header[col] = ""
	if other, ok := t.index["partner"]; !ok || other > col {
		if ok {
			t.header[other] = "" // the first is the partner column
		}
		t.header[col] = "partner"
		t.index["partner"], t.present["partner"] = col, true
	}
	for _, c := range t.columns {
		if c.name == "metric" && c.required {
			pl.Errorf(t.path, t.headerLine, "missing column \"metric\"; add it to the header row (column %d, %q, names partners, such as %q on line %d, so it is not the metric column)%s",
				col+1, short(t.written[col]), short(strings.TrimSpace(t.rows[partnerRow][col])), t.line(partnerRow, "partner"), hint)
			return false
		}
	}
	return true
}

// zeroFar is how far from 0 every other figure of a series must be for a
// figure of 0 in it to read as nothing published: an uptime of 99.6, a
// count of 45 missed collections. Below it, a 0 is a plausible figure for
// a count that is often small (complaints, 3 then 0), so it is not
// questioned.
const zeroFar = 10

// checkZeros warns at figures and targets of 0 that read as "nothing
// published" rather than as a figure: a spreadsheet shows an empty cell
// as 0, and a report copied from one says 0 where the council said
// nothing.
//
// A figure of 0 is questioned where the same metric and partner have
// figures for other periods, every one of them at least zeroFar, and no
// other 0 (two zeros make a pattern, not a slip). A target of 0 is
// questioned on a lower-is-better metric, where it reads as "none at
// all" (no missed collections, no days lost) rather than as no target:
// in metrics.csv, and once a line in the performance files (a wide
// table's row can give its target to more than one figure: its own
// quarter's, and a period-target column's).
func (d *Data) checkZeros(pl *problem.List) {
	lower := map[string]bool{}
	for _, m := range d.Metrics {
		if m.Direction == measure.Lower {
			lower[m.ID] = true
		}
	}
	type series struct{ metric, partner string }
	zeros := map[series][]int{} // the rows of each series' zero figures
	var zeroRows []int          // the same, in the files' order
	lastFile, lastLine := "", 0
	for i := range d.Performance {
		p := &d.Performance[i]
		if p.Target != nil && *p.Target == 0 && lower[p.Metric] && (p.File != lastFile || p.Line != lastLine) {
			lastFile, lastLine = p.File, p.Line
			pl.Warnf(p.File, p.Line, "a target of 0 for metric %q, where lower is better, reads as 'none at all'; if no target was set, leave it empty or write Not set", p.Metric)
		}
		if p.Mark == measure.Present && p.Value == 0 && !p.Period.IsZero() {
			k := series{p.Metric, p.Partner}
			zeros[k] = append(zeros[k], i)
			zeroRows = append(zeroRows, i)
		}
	}
	if len(zeros) == 0 {
		return
	}
	// The other figures of each series with a zero: their range, and
	// whether a zero stands at another period too.
	type spread struct {
		lo, hi float64
		n      int
	}
	others := map[series]*spread{}
	for k := range zeros {
		others[k] = &spread{}
	}
	for i := range d.Performance {
		p := &d.Performance[i]
		if p.Mark != measure.Present || p.Value == 0 || p.Period.IsZero() {
			continue
		}
		if s := others[series{p.Metric, p.Partner}]; s != nil {
			if s.n == 0 || p.Value < s.lo {
				s.lo = p.Value
			}
			if s.n == 0 || p.Value > s.hi {
				s.hi = p.Value
			}
			s.n++
		}
	}
	far := map[series]bool{}
	for k, rows := range zeros {
		s := others[k]
		// The same zero repeated in the next quarter's report is one
		// zero: only a zero at another period makes a second.
		single := true
		for _, r := range rows[1:] {
			single = single && d.Performance[r].Period == d.Performance[rows[0]].Period
		}
		far[k] = single && s.n > 0 && s.lo >= zeroFar
	}
	for _, r := range zeroRows {
		p := &d.Performance[r]
		k := series{p.Metric, p.Partner}
		if !far[k] {
			continue
		}
		s := others[k]
		span := trimFloat(s.lo)
		if s.hi != s.lo {
			span += " to " + trimFloat(s.hi)
		}
		who := ""
		if p.Partner != "" {
			who = " for " + p.Partner
		}
		pl.Warnf(p.File, p.Line, "value 0 for metric %q%s in %s is far from its other figures (%s): if nothing was published, write [x] or leave the cell empty", p.Metric, who, p.Period, span)
	}
}
