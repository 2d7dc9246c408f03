package csvdata

import (
	"reflect"
	"strings"
	"testing"
)

// agree decodes rows with gocsv's whole-row hook, as the small files
// are, and with the plan decodeEach uses for the performance files, each
// row read over the one before as decodeEach reads them, and reports where
// they differ. header holds canonical names, as a table's header does,
// and may repeat one or hold names of no field.
func agree[R any](t *testing.T, f *fields[R], header []string, recs ...[]string) {
	t.Helper()
	tb := &table{path: "x.csv", header: header, rows: recs, rowLine: make([]int, len(recs))}
	old, err := decodeRows[R](tb, 0, len(recs))
	if err != nil {
		t.Fatalf("gocsv: %v", err)
	}
	var got R
	var prev []string
	for i, rec := range recs {
		if err := f.read(&got, f.plan(header), rec, prev); err != nil {
			t.Fatalf("read: %v", err)
		}
		if !reflect.DeepEqual(old[i], got) {
			t.Errorf("header %q, row %q after %q:\ngocsv %+v\nread  %+v", header, rec, prev, old[i], got)
		}
		prev = rec
	}
}

// shape makes a header from fuzzed input, each byte of pick naming a
// declared column or a name no field has, and rows of its width from the
// lines of cells, their cells parted by "|"; a row may be left narrower
// than the header when pick asks.
func shape(cols []column, pick []byte, cells string) (header []string, recs [][]string) {
	names := []string{"", "unknown", "Metric"}
	for _, c := range cols {
		names = append(names, c.name)
	}
	for _, b := range pick[:min(len(pick), 16)] {
		header = append(header, names[int(b)%len(names)])
	}
	for i, line := range strings.Split(cells, "\n") {
		rec := strings.Split(line, "|")
		for len(rec) < len(header) && (len(pick) == 0 || pick[0]>>(i%8)&1 == 0) {
			rec = append(rec, "")
		}
		recs = append(recs, rec[:min(len(rec), len(header))])
	}
	return header, recs
}

// FuzzDecodeRow holds the performance files' decoder to gocsv's: for any
// header of declared (and undeclared, and repeated) columns and any rows,
// both read the same rows, for each kind of row.
func FuzzDecodeRow(f *testing.F) {
	f.Add([]byte{3, 4, 5, 6, 7, 8}, "uptime|2024/25 Q1|north|99.5|95|a note\nuptime|2024/25 Q1|south|99.5||a note")
	f.Add([]byte{3, 3, 4, 6}, "a|b|2010-11|[x]\na|c|2010-11|[x]")
	f.Add([]byte{0, 1, 2, 6, 7}, " x |y|z| 57.3 [p] |>= 95%\n x |y")
	f.Add([]byte{6, 7, 6, 7}, "(1,234)|£1,234|12,5|not set\n(1,234)|£1,234|12,6|not set")
	f.Add([]byte{0xff, 3, 4, 5, 6}, "uptime|2024/25 Q1|north|99.5\nuptime|2024/25 Q1")
	f.Add([]byte{3, 3}, "a|b\nz|b")                                      // metric twice: the later cell is kept
	f.Add([]byte{2, 3, 4, 5, 6}, "uptime|2024/25 Q1|north|99.5\nuptime") // a narrower row after a full one
	f.Fuzz(func(t *testing.T, pick []byte, cells string) {
		h, recs := shape(performanceFields.columns(), pick, cells)
		agree(t, performanceFields, h, recs...)
		h, recs = shape(savingFields.columns(), pick, cells)
		agree(t, savingFields, h, recs...)
		h, recs = shape(benchmarkFields.columns(), pick, cells)
		agree(t, benchmarkFields, h, recs...)
		h, recs = shape(partnerFields.columns(), pick, cells)
		agree(t, partnerFields, h, recs...)
		h, recs = shape(actionFields.columns(), pick, cells)
		agree(t, actionFields, h, recs...)
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
			agree(t, performanceFields, header, rec, rec, []string{""}, rec)
			var r performanceRow
			if err := performanceFields.read(&r, performanceFields.plan(header), rec, nil); err != nil {
				t.Fatal(err)
			}
			_, unkept := fl.cell(&performanceRow{}).(ignored)
			if filled := r != (performanceRow{}); filled == unkept {
				t.Errorf("header %q: a cell of 1 read as %+v", h, r)
			}
		}
	}
}
