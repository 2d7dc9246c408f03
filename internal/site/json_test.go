package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// mapJSON is table.json as it was before writeJSON: each row a map keyed
// by the header, through json.MarshalIndent. It is kept here as the
// reference writeJSON's bytes are held to.
func mapJSON(t *table) ([]byte, error) {
	rows := make([]map[string]string, len(t.rows))
	for i, r := range t.rows {
		rows[i] = map[string]string{}
		for j, h := range t.header {
			rows[i][h] = r[j]
		}
	}
	b, err := json.MarshalIndent(rows, "", "  ")
	return append(b, '\n'), err
}

// sameJSON fails unless writeJSON gives mapJSON's bytes for tb.
func sameJSON(t *testing.T, name string, tb *table) {
	t.Helper()
	want, err := mapJSON(tb)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	tb.writeJSON(&got)
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s: writeJSON differs from MarshalIndent of maps:\n%s", name, firstDiff(string(want), got.String()))
	}
}

// TestTableJSONAsMarshalIndent holds writeJSON to the maps it replaced,
// byte for byte, on every download and every report's figures of the
// example site, on small.txtar's and on cells made to be awkward.
func TestTableJSONAsMarshalIndent(t *testing.T) {
	for _, src := range []string{"../..", "small"} {
		dir := src
		if src == "small" {
			dir, _ = unpack(t, "small.txtar")
		}
		b, err := load(os.DirFS(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		tables := 0
		for _, tb := range b.downloads() {
			sameJSON(t, src+": "+tb.name, tb)
			tables++
		}
		for _, pg := range b.reports {
			if pg.HasShortcodes() {
				tb := b.figuresTable(pg)
				if len(tb.rows) == 0 {
					t.Errorf("%s: %s has no figures", src, pg.Path)
				}
				sameJSON(t, src+": "+pg.Path, tb)
				tables++
			}
		}
		t.Logf("%s: %d tables", src, tables)
		if tables < 5 {
			t.Errorf("%s: only %d tables compared", src, tables)
		}
	}
	awkward := []string{"", "plain", `"quoted"`, `back\slash`, "<script>&amp;</script>", "a > b", "\u2028 and \u2029", "£1,000 — café",
		"tab\there", "line\nbreak", "cr\r", "\b\f\x00\x01\x1f\x7f", "invalid \xff\xfe utf-8", "half \xe2\x80", "emoji 🙂", "'=SUM(A1)"}
	// Each character that must not pass as it is, alone in a cell, so
	// that no test passes on another character's escaping.
	for _, c := range "\"\\<>&\u2028\u2029\x00\x1f\u00e9" {
		awkward = append(awkward, "a"+string(c)+"b")
	}
	tricky := &table{header: []string{"b", "a", "é", "A", "a b", ""}}
	for i, s := range awkward {
		tricky.rows = append(tricky.rows, []string{s, awkward[(i+1)%len(awkward)], s + s, "x", s, s})
	}
	sameJSON(t, "awkward cells", tricky)
	sameJSON(t, "no rows", &table{header: []string{"metric", "period"}})
	sameJSON(t, "no columns", &table{rows: [][]string{{}, {}}})
	sameJSON(t, "a repeated column", &table{header: []string{"x", "y", "x"}, rows: [][]string{{"1", "2", "3"}}})
	sameJSON(t, "awkward keys", &table{header: awkward, rows: [][]string{awkward}})
}

// FuzzTableJSON holds writeJSON to MarshalIndent of maps on any header
// and cells: the header and one row's cells are the fuzzed strings split
// at a separator, the row is repeated with its cells turned round, and
// the same header is tried with no rows.
func FuzzTableJSON(f *testing.F) {
	f.Add("metric|period|value", "claims|2024/25 Q2|<21> & \u2028")
	f.Add("b|a|b", "1|2|3")
	f.Add("", "")
	f.Add("x", "\x00\xff\"\\")
	f.Fuzz(func(t *testing.T, header, cells string) {
		h := strings.Split(header, "|")
		c := strings.Split(cells, "|")
		row := make([]string, len(h))
		for i := range row {
			row[i] = c[i%len(c)]
		}
		turned := make([]string, len(h))
		for i := range turned {
			turned[i] = row[len(row)-1-i]
		}
		for _, tb := range []*table{{header: h, rows: [][]string{row, turned}}, {header: h}} {
			sameJSON(t, fmt.Sprintf("header %q, rows %q", h, tb.rows), tb)
		}
	})
}
