package csvdata

import (
	"fmt"
	"slices"
	"strings"
)

// column declares one column of a data file, in the one place that says
// its name, the other headers it is published under, whether a file must
// have it, and what it means. The reader matches headers by it, the checks
// name it, and docs/data.md is tested against it.
type column struct {
	name     string
	aliases  []string // other headers for the same column, as published
	required bool
	doc      string // what it holds, one line, as docs/data.md says it
}

// cell is what a column's text is read into: one of the cell types of
// cells.go, each of which keeps its parse error for the checks.
type cell interface{ UnmarshalCSV(string) error }

// field is a column of the row type R with the cell of R it fills.
type field[R any] struct {
	column
	cell func(*R) cell
}

// fields are a file's columns in documented order.
type fields[R any] struct {
	list []field[R]
	// twins are the text columns a reader sees, each of which may have a
	// Welsh twin column, NAME_cy, on a site in English and Welsh.
	twins []string
}

func declare[R any](list ...field[R]) *fields[R] { return &fields[R]{list: list} }

// translated names the columns of f that have Welsh twins.
func (f *fields[R]) translated(names ...string) *fields[R] {
	f.twins = names
	return f
}

// TwinSuffix ends the name of a column that holds the Welsh of another:
// name_cy beside name.
const TwinSuffix = "_cy"

// columns are the file's columns for the header checks, the Welsh twins
// after them.
func (f *fields[R]) columns() []column {
	out := make([]column, len(f.list), len(f.list)+len(f.twins))
	for i, c := range f.list {
		out[i] = c.column
	}
	for _, n := range f.twins {
		out = append(out, column{n + TwinSuffix, nil, false, "the Welsh of " + n + ", for a site in English and Welsh (`languages: [en, cy]`)"})
	}
	return out
}

// set reads one cell of a row, by the column's canonical name: the body of
// every row type's UnmarshalCSVWithFields, gocsv's whole-row hook, which
// avoids reflection on every cell.
//
// It scans the list rather than hashing the name: a file has at most a
// dozen columns, most names differ in length or first letter, and this
// runs for every cell of half a million rows.
func (f *fields[R]) set(r *R, col, v string) error {
	for i := range f.list {
		if f.list[i].name == col {
			return f.list[i].cell(r).UnmarshalCSV(v)
		}
	}
	return nil
}

// rowPlan is how the rows under one header are read into R.
type rowPlan struct {
	// fields gives each column of the header the field of R that reads
	// it, or -1 for none.
	fields []int
	// once is whether no field is read from two columns.
	once bool
}

// plan makes the rowPlan for a table's header: the match set makes for
// every cell, made once a file. The header holds canonical names, so the
// first field of that name is the one set would find.
func (f *fields[R]) plan(header []string) rowPlan {
	p := rowPlan{fields: make([]int, len(header)), once: true}
	taken := make([]bool, len(f.list))
	for j, h := range header {
		p.fields[j] = -1
		for i := range f.list {
			if f.list[i].name == h {
				p.fields[j] = i
				p.once = p.once && !taken[i]
				taken[i] = true
				break
			}
		}
	}
	return p
}

// read reads one row into r by a plan of its header, as gocsv with the
// whole-row hook would: r starts from its zero value and each cell goes,
// in the header's order, to the field its column names, so that of a
// column written twice the later cell is the one kept.
//
// prev, when not nil, is the row that r was read from last, with r as
// read. Where the plan reads each field from one column and both rows
// are as wide as the header, a cell whose text is the same as prev's is
// not read again: each cell reads its whole value from its text alone, so
// r already holds it. A run of a metric's rows repeats its metric, its
// period once a partner, and its empty cells.
func (f *fields[R]) read(r *R, plan rowPlan, rec, prev []string) error {
	n := len(plan.fields)
	same := plan.once && prev != nil && len(prev) >= n && len(rec) >= n
	if !same {
		var zero R
		*r = zero
	}
	for j, v := range rec[:min(len(rec), n)] {
		if k := plan.fields[j]; k >= 0 && (!same || v != prev[j]) {
			if err := f.list[k].cell(r).UnmarshalCSV(v); err != nil {
				return fmt.Errorf("column %d: %w", j+1, err)
			}
		}
	}
	return nil
}

// canonical returns the column a header names, by its name or one of its
// aliases, matched as normaliseHeader matches them; "" for none.
func canonical(cols []column, header string) string {
	for _, c := range cols {
		if c.name == header {
			return c.name
		}
		for _, a := range c.aliases {
			if normaliseHeader(a) == header {
				return c.name
			}
		}
	}
	return ""
}

// candidates are every column a header names, in declared order: more
// than one for a header two columns accept ("code": a metric's code in a
// council's report, a council's GSS code in a national table).
func candidates(cols []column, header string) []string {
	var out []string
	for _, c := range cols {
		if c.name == header || slices.ContainsFunc(c.aliases, func(a string) bool { return normaliseHeader(a) == header }) {
			out = append(out, c.name)
		}
	}
	return out
}

// claims gives each cell of a header row the column it names, or its
// normalised text where it names none. A header that more than one column
// accepts goes to the first of them that no other cell names as its own:
// "metric,period,code,value" has a partner column, "Code,Indicator,Q1
// 2025/26" a metric column, whose cells may yet say otherwise (see
// decideCode).
func claims(cols []column, rec []string) []string {
	names := make([]string, len(rec))
	taken := map[string]bool{}
	var shared []int
	for i, h := range rec {
		names[i] = normaliseHeader(h)
		switch cs := candidates(cols, names[i]); len(cs) {
		case 0:
		case 1:
			names[i], taken[cs[0]] = cs[0], true
		default:
			shared = append(shared, i)
		}
	}
	for _, i := range shared {
		cs := candidates(cols, names[i])
		names[i] = cs[0]
		for _, c := range cs {
			if !taken[c] {
				names[i] = c
				break
			}
		}
		taken[names[i]] = true
	}
	return names
}

// ignored is the cell of a column that is read without an "unknown
// column" warning but kept nowhere: the words of a council's own report
// (its indicator's name, service and unit), which the loader accepts and
// `partnersite metrics` reads from the file itself.
type ignored struct{}

func (ignored) UnmarshalCSV(string) error { return nil }

// describe lists columns for a message: "id, name, cost_share".
func describe(cols []column, requiredOnly bool) string {
	var out []string
	for _, c := range cols {
		// The Welsh twins go unlisted: the list says which columns a
		// header may have, and each twin is its column's.
		if strings.HasSuffix(c.name, TwinSuffix) {
			continue
		}
		if c.required || !requiredOnly {
			out = append(out, c.name)
		}
	}
	return strings.Join(out, ", ")
}
