package csvdata

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// FuzzPlainRecords holds plainRecords to encoding/csv: for any text with
// no quote mark, read in blocks of any size, both give the same records
// at the same lines, and end together.
func FuzzPlainRecords(f *testing.F) {
	for _, s := range []string{
		"metric,period,value\nuptime,2024/25 Q1,99.5\n",
		"a,b\r\n\r\nc,d\r\n",
		"a,b\r", "a,b\r\r", "a\rb,c\n", "\n\n\n", "\r\n", "\r", ",", "a,,b,\n,\n",
		"x\r\r\n y , z \n\xef\xbb\xbfq", "no line break at the end",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, s string, size uint8) {
		if strings.Contains(s, `"`) {
			return // read by encoding/csv itself
		}
		want := csv.NewReader(strings.NewReader(s))
		want.FieldsPerRecord = -1
		n := plainBlock
		if size > 0 {
			n = int(size) // blocks of a few bytes: lines across their edges
		}
		got := newPlainRecords([]byte(s), n)
		defer got.close()
		for n := 1; ; n++ {
			w, werr := want.Read()
			g, gerr := got.Read()
			if werr != nil || gerr != nil {
				if !errors.Is(werr, io.EOF) || !errors.Is(gerr, io.EOF) {
					t.Fatalf("record %d: encoding/csv %q, %v; plainRecords %q, %v", n, w, werr, g, gerr)
				}
				return
			}
			if !slices.Equal(w, g) {
				t.Fatalf("record %d: encoding/csv %q, plainRecords %q", n, w, g)
			}
			for i := range w {
				if line, _ := want.FieldPos(i); got.line(i) != line {
					t.Fatalf("record %d cell %d: encoding/csv line %d, plainRecords line %d", n, i, line, got.line(i))
				}
			}
		}
	})
}

// TestPlainAndQuoted reads the same table written without quotes and with
// every cell quoted, the one by plainRecords and the other by
// encoding/csv, into the same rows at the same lines.
func TestPlainAndQuoted(t *testing.T) {
	plain := "Title\n\nmetric,period,partner,value\r\nuptime,2024/25 Q1,north,99.5\n\nuptime,2024/25 Q2,, 99.1 \r\nSource: us"
	quoted := "\"Title\"\n\n\"metric\",\"period\",\"partner\",\"value\"\r\n\"uptime\",\"2024/25 Q1\",\"north\",\"99.5\"\n\n\"uptime\",\"2024/25 Q2\",\"\",\" 99.1 \"\r\n\"Source: us\""
	read := func(s string) ([][]string, []int) {
		r, _ := newRecords([]byte(s))
		defer r.close()
		var recs [][]string
		var lines []int
		for {
			rec, err := r.Read()
			if err != nil {
				return recs, lines
			}
			recs, lines = append(recs, slices.Clone(rec)), append(lines, r.line(0))
		}
	}
	if r, plainOne := newRecords([]byte(plain)); !plainOne {
		t.Fatal("a file with no quote mark is not read by plainRecords")
	} else {
		r.close()
	}
	pr, pl := read(plain)
	qr, ql := read(quoted)
	if !slices.EqualFunc(pr, qr, slices.Equal) || !slices.Equal(pl, ql) || len(pr) != 5 {
		t.Errorf("plain %q at %v,\nquoted %q at %v", pr, pl, qr, ql)
	}
}
