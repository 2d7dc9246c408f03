package csvdata

import (
	"reflect"
	"strings"
	"testing"
)

// agree decodes one row with gocsv's whole-row hook, as the small files
// are, and with the plan decodeEach uses for the performance files, and
// reports where they differ. header holds canonical names, as a table's
// header does, and may repeat one or hold names of no field.
func agree[R any](t *testing.T, f *fields[R], header []string, rec []string) {
	t.Helper()
	tb := &table{path: "x.csv", header: header, rows: [][]string{rec}, rowLine: []int{2}}
	old, err := decodeRows[R](tb, 0, 1)
	if err != nil {
		t.Fatalf("gocsv: %v", err)
	}
	var got R
	if err := f.read(&got, f.plan(header), rec); err != nil {
		t.Fatalf("read: %v", err)
	}
	if len(old) != 1 || !reflect.DeepEqual(old[0], got) {
		t.Errorf("header %q, row %q:\ngocsv %+v\nread  %+v", header, rec, old, got)
	}
}

// shape makes a header and a row of its width from fuzzed input: each
// byte of cols picks a declared column's name, or a name no field has.
func shape(cols []column, pick []byte, cells string) (header, rec []string) {
	names := []string{"", "unknown", "Metric"}
	for _, c := range cols {
		names = append(names, c.name)
	}
	for _, b := range pick[:min(len(pick), 16)] {
		header = append(header, names[int(b)%len(names)])
	}
	rec = strings.Split(cells, "|")
	for len(rec) < len(header) {
		rec = append(rec, "")
	}
	return header, rec[:len(header)]
}

// FuzzDecodeRow holds the performance files' decoder to gocsv's: for any
// header of declared (and undeclared, and repeated) columns and any
// cells, both read the same row, for each kind of row.
func FuzzDecodeRow(f *testing.F) {
	f.Add([]byte{3, 4, 5, 6, 7, 8}, "uptime|2024/25 Q1|north|99.5|95|a note")
	f.Add([]byte{3, 3, 4, 6}, "a|b|2010-11|[x]")
	f.Add([]byte{0, 1, 2, 6, 7}, " x |y|z| 57.3 [p] |>= 95%")
	f.Add([]byte{6, 7, 6, 7}, "(1,234)|£1,234|12,5|not set")
	f.Fuzz(func(t *testing.T, pick []byte, cells string) {
		h, rec := shape(performanceFields.columns(), pick, cells)
		agree(t, performanceFields, h, rec)
		h, rec = shape(savingFields.columns(), pick, cells)
		agree(t, savingFields, h, rec)
		h, rec = shape(benchmarkFields.columns(), pick, cells)
		agree(t, benchmarkFields, h, rec)
		h, rec = shape(partnerFields.columns(), pick, cells)
		agree(t, partnerFields, h, rec)
		h, rec = shape(actionFields.columns(), pick, cells)
		agree(t, actionFields, h, rec)
	})
}

// TestDecodeEveryColumn reads, by both decoders, a one-cell row under
// each header the performance files' columns declare, a name or an alias:
// the cell must reach a field, unless the column is one read and kept
// nowhere. A column the plan missed would leave its field empty.
func TestDecodeEveryColumn(t *testing.T) {
	cols := performanceFields.columns()
	for _, fl := range performanceFields.list {
		for _, h := range append([]string{fl.name}, fl.aliases...) {
			header := claims(cols, []string{h})
			if header[0] != fl.name {
				if len(candidates(cols, normaliseHeader(h))) < 2 {
					t.Errorf("header %q reads as column %q, not %q", h, header[0], fl.name)
				}
				continue // "code": the first column that takes it
			}
			rec := []string{"1"}
			agree(t, performanceFields, header, rec)
			var r performanceRow
			if err := performanceFields.read(&r, performanceFields.plan(header), rec); err != nil {
				t.Fatal(err)
			}
			_, unkept := fl.cell(&performanceRow{}).(ignored)
			if filled := r != (performanceRow{}); filled == unkept {
				t.Errorf("header %q: a cell of 1 read as %+v", h, r)
			}
		}
	}
}
