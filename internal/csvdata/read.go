package csvdata

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gocarina/gocsv"

	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/textfile"
)

// table is a CSV file read into cells, before gocsv turns rows into structs.
type table struct {
	path       string
	headerLine int
	header     []string        // canonical (lower-case, trimmed) names
	written    []string        // the header's cells as written, trimmed, for messages
	rows       [][]string      // data rows, blank rows removed, padded to the header's width
	rowLine    []int           // the physical line each row starts on
	cellLines  map[int][]int   // for rows that span lines: the line of each cell
	index      map[string]int  // column name to position
	present    map[string]bool // which known columns the header has
	columns    []column        // the file's known columns, in documented order
	// wide is set for files whose figures may stand one column a period
	// (performance files); periods then holds each such column's header.
	wide    bool
	periods map[int]string
	// periodFlags holds the flag a period column's header carries,
	// "[p]" for "2022/23 Q1 [p]" or "2022/23 Q1 (p)": it applies to each
	// figure of the column that has no flag of its own.
	periodFlags map[int]string
	// periodTargets holds the columns headed "PERIOD target" of a wide
	// file: each the target of one period column.
	periodTargets map[period.Period]int
	// own is a wide file's own period, its latest column: the report's
	// quarter, to which its target, status and note columns belong.
	own period.Period
	// yearTargetCol is set when the target column is a "2025/26 target"
	// heading a report of that year's quarters.
	yearTargetCol bool
	hint          string // added to a missing header's error
	// leave, when set, tells a row to leave out as it is read, before it
	// takes any memory: a national table's rows for councils outside the
	// partnership, which may be all but a few hundred of millions.
	leave func(t *table, rec []string) bool
	// left counts the rows leave left out, and the line of the first.
	left leftRows
}

// firstRows is how many rows of a file that may leave rows out are read
// before room is taken for all of them.
const firstRows = 1 << 14

// leftRows counts rows left out of a file, with the line of the first.
type leftRows struct{ First, N int }

// line returns the physical line of a row's cell, or of the row when the
// column is absent. Only rows with a multi-line cell keep a line per cell.
func (t *table) line(row int, col string) int {
	if lines, ok := t.cellLines[row]; ok {
		if i, ok := t.index[col]; ok && i < len(lines) {
			return lines[i]
		}
	}
	return t.rowLine[row]
}

// readShaped reads path from fsys and checks what is common to every
// file: encoding, quoting, header and row widths. When wide is set the file
// may also be wide: one column a period, in place of the period and value
// columns. It returns nil when the file cannot be read at all; every
// problem goes to pl.
//
// hint is added to the error for a file with no header: why a column may
// be required that the author thought was not.
func readShaped(fsys fs.FS, path string, cols []column, wide bool, hint string, pl *problem.List) *table {
	return readLeaving(fsys, path, cols, wide, hint, nil, pl)
}

// readLeaving is readShaped, leaving out the data rows that leave, when
// not nil, picks as they are read; t.left counts them.
func readLeaving(fsys fs.FS, path string, cols []column, wide bool, hint string, leave func(t *table, rec []string) bool, pl *problem.List) *table {
	raw, err := fs.ReadFile(fsys, path)
	if err != nil {
		pl.Errorf(path, 1, "cannot read the file: %v", err)
		return nil
	}
	raw, ok := textfile.Decode(path, raw, pl)
	if !ok {
		return nil
	}
	if tabSeparated(raw) {
		pl.Errorf(path, 1, "the file is separated by tabs, as Excel's \"Unicode Text\" is; save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\"")
		return nil
	}
	// A record is the reader's own until the next is read: a record kept
	// as it is (a title row, the header) is cloned, and a data row's cells
	// are copied into a block of rows (see cells), unless plainRecords,
	// which keeps its records, read them.
	r, plain := newRecords(raw)
	defer r.close()
	// A file with no invisible character (one of ASCII alone, as most
	// are, at the cost of a pass over its bytes; a Welsh one with its ŵ
	// and â after one search of the whole) need not be searched for one,
	// cell by cell.
	ascii := isASCII(raw) || !bytes.ContainsFunc(raw, textfile.Invisible)
	lines := bytes.Count(raw, []byte("\n")) + 1 // at least one row per line
	// Room for a row a line, taken at once, unless rows may be left out:
	// then room for the first rows, and for the rest only once those are
	// all kept, since a national table keeps 1 row in 100.
	room := lines
	if leave != nil {
		room = min(lines, firstRows)
	}
	t := &table{path: path, index: map[string]int{}, present: map[string]bool{}, columns: cols, wide: wide, hint: hint,
		rows: make([][]string, 0, room), rowLine: make([]int, 0, room), cellLines: map[int][]int{}, leave: leave}
	var block cells
	var above []candidate // rows before the header: titles, or a header lacking a column
	inv := &invisibles{path: path}
	defer inv.done(pl)
	line := r.line
	// The header's problems wait in headerProbs until the row under it
	// shows that it is the header and not a title above it
	// ("Financial year,2021/22" over "Partner,2021/22 Q1,2021/22 Q2").
	var headerProbs *problem.List
	var headerRec []string
	settle := func() {
		if headerProbs != nil {
			for _, p := range headerProbs.All() {
				pl.Add(p)
			}
			headerProbs = nil
		}
	}
	defer settle()
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pl.Errorf(path, pe.Line, "%s", quoteHint(pe, raw))
			} else {
				pl.Errorf(path, 1, "cannot read the file: %v", err)
			}
			return nil
		}
		if blank(rec) {
			continue
		}
		first := r.line(0)
		if t.header == nil {
			// The header is the first row that names every required
			// column: a table saved from Excel has its title, its units
			// and its source above it.
			if t.isHeader(stripped(rec)) {
				inv.clean(rec, nil, line, pl)
				headerProbs, headerRec = &problem.List{}, slices.Clone(stripped(rec))
				t.readHeader(rec, first, headerProbs)
				continue
			}
			if above = append(above, candidate{slices.Clone(rec), first}); len(above) == maxTitleRows {
				t.noHeader(above, pl)
				return nil
			}
			continue
		}
		if headerProbs != nil {
			h := stripped(rec)
			title := t.isHeader(h) && t.headerScore(h) > t.headerScore(headerRec) && filled(h) > filled(headerRec)
			if title {
				// The row taken for the header was a title: this one,
				// wider and naming more, is the header.
				t.clearHeader()
				inv.clean(rec, nil, line, pl)
				headerProbs = &problem.List{}
				t.readHeader(rec, first, headerProbs)
			}
			settle()
			if title {
				continue
			}
		}
		if footnote(rec) {
			continue
		}
		if t.secondTable(rec, first, pl) {
			break
		}
		if len(rec) > len(t.header) {
			pl.Errorf(path, first, "%s", widthMessage(rec, len(t.header)))
			continue
		}
		if t.leave != nil && t.leave(t, rec) {
			if t.left.N == 0 {
				t.left.First = first
			}
			t.left.N++
			continue
		}
		if last := r.line(len(rec) - 1); last != first {
			lines := make([]int, len(t.header))
			for i := range lines {
				lines[i] = last
				if i < len(rec) {
					lines[i] = r.line(i)
				}
			}
			t.cellLines[len(t.rows)] = lines
		}
		if !ascii {
			inv.clean(rec, t.written, line, pl)
		}
		// Hand-written files often leave trailing empty cells out: the
		// row is as wide as the header all the same.
		// plainRecords' records are its own, and kept as they are while
		// most rows are kept; among more rows left out (a national table),
		// a row's cells are copied, so that the few kept do not hold the
		// whole file.
		var row []string
		hold := plain && t.left.N <= len(t.rows)
		if hold && len(rec) == len(t.header) {
			row = rec
		} else {
			row = block.row(rec, len(t.header), lines-len(t.rows))
			if plain && !hold {
				cloneRow(row)
			}
		}
		if len(t.rows) == firstRows && room < lines && t.left.N == 0 {
			room = lines
			t.rows, t.rowLine = slices.Grow(t.rows, lines-firstRows), slices.Grow(t.rowLine, lines-firstRows)
		}
		t.rows = append(t.rows, row)
		t.rowLine = append(t.rowLine, first)
	}
	if t.header == nil {
		if len(above) > 0 {
			t.noHeader(above, pl)
			return nil
		}
		pl.Errorf(path, 1, "the file is empty; it needs a header row naming its columns (%s)", describe(cols, true))
		return nil
	}
	return t
}

// cells hands out rows' cells from blocks: one allocation for thousands
// of rows, where encoding/csv would make one a record.
type cells struct{ free []string }

// row copies rec into a row of at least width cells, the rest empty,
// taking a block for up to more rows of its width when the last is used
// up. Each row's capacity is its length, so that a cell appended to one
// (fill, lengthen) moves it rather than overwriting the next.
func (c *cells) row(rec []string, width, more int) []string {
	n := max(len(rec), width)
	if len(c.free) < n {
		c.free = make([]string, n*min(max(more, 1), 4096))
	}
	row := c.free[:n:n]
	c.free = c.free[n:]
	copy(row, rec)
	return row
}

// isASCII reports whether b is all ASCII, eight bytes at a time.
func isASCII(b []byte) bool {
	for ; len(b) >= 8; b = b[8:] {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// clearHeader forgets a header read, for a row under it that is the
// header.
func (t *table) clearHeader() {
	t.header, t.written, t.headerLine = nil, nil, 0
	t.index, t.present = map[string]int{}, map[string]bool{}
	t.periods, t.periodFlags, t.periodTargets = nil, nil, nil
}

// filled counts a row's cells that are not empty.
func filled(rec []string) int {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// maxTitleRows is how many rows may stand above the header: a title, a
// subtitle, the units, a source line, with room to spare.
const maxTitleRows = 20

// candidate is a row read before the header was found.
type candidate struct {
	rec  []string
	line int
}

// isHeader reports whether a row names every required column. In a wide
// file, columns headed by periods stand for the period and value columns.
//
// A row that starts with a period and holds only figures beside it is a
// data row, whatever it names: the one row of a table turned round, with
// councils as its columns ("2024/25 Q1,99.6,99.1").
func (t *table) isHeader(rec []string) bool {
	named, periods := t.names(rec)
	if periods > 0 && transposedRow(rec) {
		return false
	}
	for _, c := range t.columns {
		wideStandIn := t.wide && periods > 0 && (c.name == "period" || c.name == "value")
		if c.required && !named[c.name] && !wideStandIn {
			return false
		}
	}
	return true
}

// transposedRow reports whether a row's first cell is a period and every
// other cell a figure, a mark or empty, with one figure at least: a data
// row of a table with the periods down its side.
func transposedRow(rec []string) bool {
	first := -1
	for i, c := range rec {
		if strings.TrimSpace(c) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return false
	}
	if _, err := headerPeriod(rec[first]); err != nil {
		return false
	}
	figures := 0
	for _, c := range rec[first+1:] {
		var f figure
		_ = f.UnmarshalCSV(c)
		switch v := strings.TrimSpace(c); {
		case v == "":
		case f.bad:
			return false
		case f.mark == 0:
			figures++
		}
	}
	return figures > 0
}

// headerScore counts the cells of a row that read as a header's: known
// columns and periods. Of two rows that both read as headers, one under
// the other, the one with more is the header and the other a title.
func (t *table) headerScore(rec []string) int {
	named, periods := t.names(rec)
	return len(named) + periods
}

// names reads a row as a header: the known columns it names, and how many
// of its cells are periods.
func (t *table) names(rec []string) (named map[string]bool, periods int) {
	named = map[string]bool{}
	for _, h := range rec {
		if c := canonical(t.columns, normaliseHeader(h)); c != "" {
			named[c] = true
		} else if _, err := headerPeriod(h); err == nil && strings.TrimSpace(h) != "" {
			periods++
		}
	}
	return named, periods
}

// matches counts the required columns a row names, to find the row that
// comes closest to a header.
func (t *table) matches(rec []string) int {
	named, _ := t.names(rec)
	n := 0
	for _, c := range t.columns {
		if c.required && named[c.name] {
			n++
		}
	}
	return n
}

// noHeader reports a file in which no row within the first maxTitleRows
// names every required column, at the row that comes closest, with what it
// lacks; the rows above are taken for titles.
func (t *table) noHeader(above []candidate, pl *problem.List) {
	best := 0
	for i, c := range above {
		if t.matches(c.rec) > t.matches(above[best].rec) {
			best = i
		}
	}
	if t.matches(above[best].rec) == 0 {
		pl.Errorf(t.path, above[0].line, "no header row: none of the first %d rows names the columns %s; the header is the first row that names them, and rows above it (a title, a source) are skipped%s",
			len(above), describe(t.columns, true), t.hint)
		return
	}
	t.readHeader(above[best].rec, above[best].line, pl)
	for _, c := range above[best+1:] {
		if transposedRow(stripped(c.rec)) {
			pl.Errorf(t.path, c.line, "this row is a period and figures (%q ...), so the table has its periods down the side and its councils or figures as columns, which is not read; turn it round (in Excel, Paste Special > Transpose) so that each period heads a column and each row is one partner, with a partner column", short(strings.TrimSpace(c.rec[0])))
			return
		}
	}
}

// secondTable reports whether rec, read below the data at line, starts a
// second table stacked under the first, as when two tables are copied
// from one sheet: a row that repeats the header, or a header-like row
// under a title. It says so once, at the title or the header, and drops
// the title rows already read as data, so that the rest of the file does
// not give an error a row for a table it was never meant to be.
func (t *table) secondTable(rec []string, line int, pl *problem.List) bool {
	titled := len(t.rows) > 0 && titleLike(t.rows[len(t.rows)-1])
	if !titled && !t.repeatsHeader(rec) || !t.isHeader(rec) {
		return false // the usual data row, decided without allocating
	}
	for n := 0; n < maxTitleRows && len(t.rows) > 0 && titleLike(t.rows[len(t.rows)-1]); n++ {
		last := len(t.rows) - 1
		line = t.rowLine[last]
		t.rows, t.rowLine = t.rows[:last], t.rowLine[:last]
		delete(t.cellLines, last)
	}
	pl.Errorf(t.path, line, "a second table starts here; put each table in its own file")
	return true
}

// repeatsHeader reports whether rec has the header's first name in the
// header's first named column: the cheap sign of a header written again.
func (t *table) repeatsHeader(rec []string) bool {
	for i, w := range t.written {
		if w != "" {
			return i < len(rec) && strings.EqualFold(strings.TrimSpace(rec[i]), w)
		}
	}
	return false
}

// titleLike reports whether a row holds text in one cell only, as a
// table's title or subtitle does.
func titleLike(rec []string) bool {
	n := 0
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			if n++; n > 1 {
				return false // the usual data row, after two cells
			}
		}
	}
	return n == 1
}

// footnote reports whether a row below the data is a table's footnote: a
// first cell such as "Source: DLUHC" or "* provisional", every other cell
// empty.
func footnote(rec []string) bool {
	first := strings.TrimSpace(rec[0])
	if first == "" || !strings.ContainsRune("sSnN[fF*", rune(first[0])) {
		return false // the usual data row, decided without allocating
	}
	first = strings.ToLower(first)
	if !slices.ContainsFunc([]string{"source", "note", "[note", "footnote", "*"}, func(p string) bool { return strings.HasPrefix(first, p) }) {
		return false
	}
	return blank(rec[1:])
}

// tabSeparated reports whether the file's first lines separate their
// cells by tabs and none by commas: a tab-separated file, which would
// otherwise read as one wide column. A tab or comma inside quotes
// separates nothing, so a quoted title holding a tab is no sign.
func tabSeparated(raw []byte) bool {
	tabs, quoted := false, false
	for i, lines := 0, 0; i < len(raw) && lines < 5; i++ {
		switch c := raw[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			return false
		case c == '\t':
			tabs = true
		case c == '\n':
			lines++
		}
	}
	return tabs
}

// complete reports whether the header has every required column.
func (t *table) complete() bool {
	for _, c := range t.columns {
		if c.required && !t.present[c.name] {
			return false
		}
	}
	return t.header != nil
}

func (t *table) readHeader(rec []string, line int, pl *problem.List) {
	t.headerLine = line
	var unnamed []int // columns that speak of a period without naming it
	t.header = make([]string, len(rec))
	t.written = make([]string, len(rec))
	claimed := claims(t.columns, rec)
	for i, h := range rec {
		name := claimed[i]
		t.header[i], t.written[i] = name, strings.TrimSpace(h)
		if name == "" {
			continue
		}
		if j, dup := t.index[name]; dup {
			if name != normaliseHeader(h) {
				// "Local authority" then "ONS code", as published: the
				// first names the partner and the second is left alone.
				t.header[i] = ""
				continue
			}
			pl.Errorf(t.path, line, "column %q appears twice (columns %d and %d); delete one", short(name), j+1, i+1)
			continue
		}
		if t.wide {
			if p, ok := periodTarget(h); ok {
				if t.periodTargets == nil {
					t.periodTargets = map[period.Period]int{}
				}
				t.periodTargets[p] = i
				t.header[i] = ""
				continue
			}
			p, err := headerPeriod(h)
			if err == nil {
				if t.periods == nil {
					t.periods = map[int]string{}
				}
				t.periods[i] = p.String()
				if _, flag := headerFlag(h); flag != "" {
					if t.periodFlags == nil {
						t.periodFlags = map[int]string{}
					}
					t.periodFlags[i] = flag
				}
				t.header[i] = ""
				continue
			}
			if unnamedPeriod.MatchString(strings.TrimSpace(h)) {
				unnamed = append(unnamed, i)
				t.header[i] = ""
				continue
			}
			if nm, ok := errors.AsType[*period.NearMiss](err); ok {
				// A quarter written nearly right heads a column of
				// figures: dropping it as unknown would lose them.
				pl.Errorf(t.path, line, "column %d is headed like a period but is not read as one, so its figures are not read: %v", i+1, nm)
				t.header[i] = ""
				continue
			}
		}
		t.index[name] = i
		if slices.ContainsFunc(t.columns, func(c column) bool { return c.name == name }) {
			t.present[name] = true
		} else {
			pl.Warnf(t.path, line, "unknown column %q is ignored; the columns are: %s", short(strings.TrimSpace(h)), describe(t.columns, false))
		}
	}
	for _, i := range unnamed {
		h := strings.TrimSpace(rec[i])
		if len(t.periods) > 0 {
			// "This quarter", "Q2 target" beside columns that name their
			// periods: figures whose period only the paper's reader knows.
			pl.Errorf(t.path, line, "column %d (%q) holds figures but does not name their period, so they cannot be read; head it with the period in full, e.g. \"2025/26 Q2\" (or \"2025/26 Q2 target\" for a target)", i+1, short(h))
		} else {
			pl.Warnf(t.path, line, "unknown column %q is ignored; the columns are: %s", short(h), describe(t.columns, false))
		}
	}
	if len(t.periods) > 0 && (t.present["period"] || t.present["value"]) {
		pl.Errorf(t.path, line, "the file has both period and value columns and columns headed by periods; a file is either long (one row a figure, with period and value columns) or wide (one column a period), so split it in two")
		return
	}
	for _, c := range t.columns {
		if c.required && !t.present[c.name] && (len(t.periods) == 0 || c.name != "period" && c.name != "value") {
			hint := ""
			if c.name == "metric" {
				hint = t.hint
			}
			pl.Errorf(t.path, line, "missing column %q; add it to the header row%s", c.name, hint)
		}
	}
}

// periodTarget reads a wide file's header "Q2 2025/26 target" (also
// "Target Q2 2025/26", "Q2 2025/26 (target)"): the target of one period.
func periodTarget(h string) (period.Period, bool) {
	l := strings.ToLower(strings.TrimSpace(h))
	var rest string
	switch {
	case strings.HasSuffix(l, "target"):
		rest = l[:len(l)-len("target")]
	case strings.HasPrefix(l, "target"):
		rest = l[len("target"):]
	default:
		return period.Period{}, false
	}
	rest = strings.Trim(strings.TrimSpace(rest), "()-:")
	p, err := headerPeriod(strings.TrimSpace(rest))
	return p, err == nil && strings.TrimSpace(rest) != ""
}

// outturnWords are what reports write beside a period in a header:
// "2013/14 outturn", "Actual Q1 2014/15".
var outturnWords = regexp.MustCompile(`(?i)^\s*(?:outturn|actuals?|result|performance)\s*[:-]?\s*|\s*[:-]?\s*(?:outturn|actuals?|result|performance)\s*$`)

// unnamedPeriod matches headers that speak of a period without naming
// it: "This quarter", "Previous qtr", "Outturn", "Q2 target".
var unnamedPeriod = regexp.MustCompile(`(?i)^(?:(?:this|current|previous|last|latest|prior)\s+(?:quarter|qtr|month|year)|outturn|actual|ytd|year to date|q[1-4](?:\s+target)?|(?:quarter|qtr)\s*[1-4](?:\s+target)?)$`)

// headerFlagRe matches a flag at the end of a period header, as
// government tables write it: "2022/23 Q1 [p]", "2022/23 Q2 (r)".
var headerFlagRe = regexp.MustCompile(`(?i)\s*[\[(]\s*([pre])\s*[\])]\s*$`)

// headerFlag splits a header into its text and the flag at its end, in
// the form a figure cell writes it ("[p]"), or "" for none.
func headerFlag(h string) (rest, flag string) {
	m := headerFlagRe.FindStringSubmatchIndex(h)
	if m == nil {
		return h, ""
	}
	return h[:m[0]], "[" + strings.ToLower(h[m[2]:m[3]]) + "]"
}

// headerPeriod reads a wide file's header as a period, with the words a
// report may write beside it ("2013/14 outturn" is 2013/14) and a flag
// for the column's figures ("2022/23 Q1 [p]" is 2022/23 Q1).
func headerPeriod(h string) (period.Period, error) {
	if rest, flag := headerFlag(h); flag != "" && strings.TrimSpace(rest) != "" {
		h = rest
	}
	p, err := period.Parse(h)
	if err != nil {
		if bare := outturnWords.ReplaceAllString(h, ""); bare != h && strings.TrimSpace(bare) != "" {
			if q, err2 := period.Parse(bare); err2 == nil {
				return q, nil
			}
		}
	}
	return p, err
}

// latestColumn is the wide file's own period, the report's quarter: the
// latest period column of the kind most columns have (a year column
// beside quarters is the last year's outturn, not the report's period).
// It returns -1 when no header reads as a period.
func (t *table) latestColumn() int {
	kinds := map[period.Kind]int{}
	parsed := map[int]period.Period{}
	for c, h := range t.periods {
		if p, err := period.Parse(h); err == nil {
			parsed[c] = p
			kinds[p.Kind]++
		}
	}
	kind, n := period.Kind(0), 0
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		if kinds[k] >= n {
			kind, n = k, kinds[k]
		}
	}
	latest := -1
	for _, c := range slices.Sorted(maps.Keys(parsed)) {
		if p := parsed[c]; p.Kind == kind && (latest < 0 || period.Compare(p, parsed[latest]) > 0) {
			latest = c
		}
	}
	return latest
}

// ownSaid reports whether a row says anything in the columns of the
// report's own quarter: a status, a note or a target.
func (t *table) ownSaid(rec []string, own map[string]int) bool {
	for _, i := range own {
		if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
			return true
		}
	}
	return false
}

// yearTargetAsOwn reads a "2025/26 target" column in a report of
// 2025/26's quarters, with no 2025/26 figure column and no plain target
// column, as the report's own target: the year's target, shown against the
// report's own quarter as the committee paper shows it, and against no
// other column.
func (t *table) yearTargetAsOwn(latest int) {
	if latest < 0 || t.present["target"] {
		return
	}
	own, err := period.Parse(t.periods[latest])
	if err != nil {
		return
	}
	for p, c := range t.periodTargets {
		if p.Kind != period.Year || own.Kind == period.Year || p.Year != financialYear(own) {
			continue
		}
		if slices.ContainsFunc(slices.Collect(maps.Values(t.periods)), func(h string) bool { q, err := period.Parse(h); return err == nil && q == p }) {
			continue
		}
		t.header[c] = "target"
		t.index["target"], t.present["target"], t.yearTargetCol = c, true, true
		delete(t.periodTargets, p)
		return
	}
}

// financialYear is the year (2025 for 2025/26) a quarter or month falls in.
func financialYear(p period.Period) int {
	if p.Kind == period.Month && p.N < 4 {
		return p.Year - 1
	}
	return p.Year
}

// lengthen turns a wide table into a long one: each figure of a row's
// period columns becomes a row of its own with period and value cells, at
// the line of its cell. An empty cell is no figure. A long table is left
// as it is.
//
// A committee report's single target and status columns belong to its
// own period, the latest column: the previous quarter and last year's
// outturn beside it are figures for their periods, with a target only
// where a "PERIOD target" column gives one. So those cells go with the
// latest column's figure alone, and no figure is rated against another
// period's target.
func (t *table) lengthen() {
	if len(t.periods) == 0 {
		return
	}
	cols := slices.Sorted(maps.Keys(t.periods))
	latest := t.latestColumn()
	if latest >= 0 {
		t.own, _ = period.Parse(t.periods[latest])
	}
	t.yearTargetAsOwn(latest)
	if len(t.periodTargets) > 0 && !t.present["target"] {
		t.index["target"] = len(t.header)
		t.header = append(t.header, "target")
		t.present["target"] = true
		for i := range t.rows {
			t.rows[i] = append(t.rows[i], "")
		}
		for r, cl := range t.cellLines {
			t.cellLines[r] = append(cl, t.rowLine[r])
		}
	}
	own := map[string]int{} // the report's own-period columns: target, status
	for _, name := range []string{"target", "status", "note"} {
		if i, ok := t.index[name]; ok && t.present[name] {
			own[name] = i
		}
	}
	width := len(t.header)
	t.header = append(slices.Clone(t.header), "period", "value")
	t.index["period"], t.index["value"] = width, width+1
	t.present["period"], t.present["value"] = true, true
	var rows [][]string
	var lines []int
	cellLines := map[int][]int{}
	for r, rec := range t.rows {
		for _, c := range cols {
			if c >= len(rec) || strings.TrimSpace(rec[c]) == "" && (c != latest || !t.ownSaid(rec, own)) {
				// An empty cell is no figure; but where the report rates or
				// notes its own quarter's empty cell ("Red: figures not
				// agreed"), the figure is "not available", rating and note
				// kept, rather than the row lost without a word.
				continue
			}
			row := append(slices.Clone(rec[:width]), t.periods[c], flagged(rec[c], t.periodFlags[c]))
			if c != latest {
				for _, i := range own {
					row[i] = ""
				}
			}
			if p, err := period.Parse(t.periods[c]); err == nil {
				if tc, ok := t.periodTargets[p]; ok && tc < len(rec) && strings.TrimSpace(rec[tc]) != "" {
					row[own["target"]] = rec[tc]
				}
			}
			line := t.line(r, "")
			if cl, ok := t.cellLines[r]; ok {
				cellLines[len(rows)] = append(slices.Clone(cl[:width]), cl[c], cl[c])
				line = cl[c]
			}
			rows = append(rows, row)
			lines = append(lines, line)
		}
	}
	t.rows, t.rowLine, t.cellLines = rows, lines, cellLines
}

// flagged gives a figure cell its column header's flag, "57.3" under
// "2022/23 Q1 [p]" being "57.3 [p]"; a cell with a flag of its own keeps
// it, and a mark ("[x]") or an empty cell is no figure to flag.
func flagged(cell, flag string) string {
	v := strings.TrimSpace(cell)
	if flag == "" || v == "" || strings.HasSuffix(v, "]") {
		return cell
	}
	if _, mark := marks[strings.ToLower(v)]; mark {
		return cell
	}
	return v + " " + flag
}

// fill gives every row the value v in column name, which the file lacks:
// the metric of a file named for it.
func (t *table) fill(name, v string) {
	if t.present[name] {
		return
	}
	t.index[name] = len(t.header)
	t.header = append(t.header, name)
	t.present[name] = true
	for i := range t.rows {
		t.rows[i] = append(t.rows[i], v)
	}
	for r, cl := range t.cellLines {
		t.cellLines[r] = append(cl, t.rowLine[r])
	}
}

// normaliseHeader matches headers case-insensitively with spaces trimmed,
// and also takes "Short name" or "short-name" for short_name, since people
// type headers in spreadsheets by hand.
func normaliseHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

var (
	splitStart = regexp.MustCompile(`^\(?[-£]*\(?\d{1,3}$`)
	splitRest  = regexp.MustCompile(`^\d{3}(\.\d+)?%?\)?$`)
)

// widthMessage explains a row with more cells than the header. The usual
// cause is an unquoted "£1,234" that the comma split in two, which
// "wrong number of fields" would never tell a web officer.
func widthMessage(rec []string, want int) string {
	for i := 0; i+1 < len(rec); i++ {
		a, b := strings.TrimSpace(rec[i]), strings.TrimSpace(rec[i+1])
		if splitStart.MatchString(a) && splitRest.MatchString(b) {
			return fmt.Sprintf("this row has %d cells but the header has %d: the number %s,%s looks split at its comma; put it in quotes (\"%s,%s\") or write it without the comma (%s%s)",
				len(rec), want, a, b, a, b, a, b)
		}
	}
	return fmt.Sprintf("this row has %d cells but the header has %d; a cell with a comma in it needs quotes around it", len(rec), want)
}

func quoteHint(pe *csv.ParseError, raw []byte) string {
	cell := cellAt(raw, pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("a quote mark (\") in cell %d is inside a cell that does not start with one; put the whole cell in quotes and double the quote mark (\"\")", cell)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Sprintf("a quoted cell (cell %d) is not closed, or has text after its closing quote mark", cell)
	}
	return pe.Err.Error()
}

// cellAt turns encoding/csv's byte column into the cell number a person
// counts in a spreadsheet, by counting the commas before it outside quotes.
func cellAt(raw []byte, line, col int) int {
	lines := bytes.Split(raw, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	text := lines[line-1]
	cell, quoted := 1, false
	for i := 0; i < col-1 && i < len(text); i++ {
		switch text[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				cell++
			}
		}
	}
	return cell
}

// chunk is how many rows one goroutine decodes at a time.
const chunk = 16 << 10

// decodeRows turns rows start to end of the table into structs with gocsv.
// Rows come from our reader, with the canonical header, so gocsv's own
// reader (whose line numbers drift) and its package-level settings are
// never used.
func decodeRows[T any](t *table, start, end int) ([]T, error) {
	recs := make([][]string, 0, end-start+1)
	recs = append(append(recs, t.header), t.rows[start:end]...)
	var out []T
	if err := gocsv.UnmarshalDecoder(records(recs), &out); err != nil {
		return nil, fmt.Errorf("%s: %w", t.path, err)
	}
	return out, nil
}

// decodeEach reads the table's rows into R a chunk at a time on every
// core and calls, with each row's index and the row read, a function each
// made for its chunk (so that it may remember what the rows before it in
// the chunk said); each runs on its chunk's goroutine. The table is
// complete before decoding starts, so the goroutines only read it.
// (Decoding while the file is still being read was tried: it saved under
// a tenth of the time and needed every check to work on a snapshot of its
// chunk.)
//
// It is the performance files' path, and it does not go through gocsv:
// gocsv allocates every row twice by reflection (reflect.New for the row
// and again for the copy it stores) and a slice of rows a chunk, which no
// hook of its avoids, and for half a million rows that and the collector
// it wakes cost more than the rest of the load. Here each goroutine reads
// every row into one struct of its own, by the plan f makes of the header
// from the same declaration of columns that gocsv's hook uses, so the
// cells are read exactly as the small files' are.
func decodeEach[R any](t *table, f *fields[R], each func() func(i int, r R)) error {
	plan := f.plan(t.header)
	n := (len(t.rows) + chunk - 1) / chunk
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for c := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			var r R
			var prev []string // the row r holds, for read to leave what it repeats
			fn := each()
			for i := c * chunk; i < min((c+1)*chunk, len(t.rows)); i++ {
				if err := f.read(&r, plan, t.rows[i], prev); err != nil {
					errs[c] = fmt.Errorf("%s:%d: %w", t.path, t.rowLine[i], err)
					return
				}
				prev = t.rows[i]
				fn(i, r) // a copy: r stays as read, for the next row
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// decode is every row of a small table, in order.
func decode[T any](t *table) ([]T, error) {
	if len(t.rows) == 0 {
		return nil, nil
	}
	return decodeRows[T](t, 0, len(t.rows))
}

// records serves already-read rows to gocsv.
type records [][]string

func (r records) GetCSVRows() ([][]string, error) { return r, nil }
