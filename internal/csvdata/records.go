package csvdata

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// recordReader is what readLeaving reads records from: encoding/csv's
// reader, or, for a file with no quote mark in it, plainRecords.
type recordReader interface {
	// Read returns the next record, which is the reader's own until the
	// next call, or io.EOF after the last.
	Read() ([]string, error)
	// line is the physical line of the last record's cell i.
	line(i int) int
	// close stops the reader, which need not have reached the end.
	close()
}

// newRecords returns the reader for a file's bytes, and whether it is
// plainRecords, whose records stay as they are after the next is read and
// whose cells are pieces of larger strings (see cloneRow).
func newRecords(raw []byte) (recordReader, bool) {
	if bytes.IndexByte(raw, '"') < 0 {
		return newPlainRecords(raw, plainBlock), true
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1 // widths are checked by the caller, with a better message
	// The caller copies each record's cells into its blocks of rows (see
	// cells), so encoding/csv need not make a slice a record.
	r.ReuseRecord = true
	return csvRecords{r}, false
}

// csvRecords is encoding/csv's reader as a recordReader.
type csvRecords struct{ *csv.Reader }

func (r csvRecords) line(i int) int {
	l, _ := r.FieldPos(i)
	return l
}

func (csvRecords) close() {}

// plainBlock is how much of a file plainRecords reads at a time.
const plainBlock = 1 << 20

// plainRecords reads a file that has no quote mark in it exactly as
// encoding/csv reads it, record for record and line for line, but without
// its copies, and on a goroutine of its own: with no quotes there is no
// quoted cell, so no record spans lines, no cell holds a comma and no
// error can arise; a record is a non-empty line (without its "\r\n" or
// "\n", or, at the end of the file, a last "\r"), and its cells are the
// text between its commas.
//
// encoding/csv copies each line into a buffer, then into a string of its
// own, and makes a slice for its cells; here the file becomes strings a
// block of lines at a time, every cell is a piece of its block's string,
// and a block's records share one slice, so that reading half a million
// rows makes a few hundred allocations, not a million. The blocks are
// split into records on a goroutine while the caller checks the records
// of the block before, since a file of half a million rows is otherwise
// read on one core. Most files have no quotes: a spreadsheet quotes only
// cells with commas, quotes or line breaks in them, and a file that has
// one is read by encoding/csv.
type plainRecords struct {
	blocks <-chan plainRecordsBlock
	stop   chan struct{}
	cur    plainRecordsBlock
	next   int // the record of cur to read next
	record []string
	at     int // the physical line of record
}

// plainRecordsBlock is a block of a file split into records.
type plainRecordsBlock struct {
	cells []string // every record's cells, one record after another
	ends  []int    // where each record's cells end in cells
	lines []int    // each record's physical line
}

// newPlainRecords starts reading raw, size bytes a block, or more for a
// longer line. The caller must close it.
func newPlainRecords(raw []byte, size int) *plainRecords {
	blocks := make(chan plainRecordsBlock, 2) // a block being read, one ready, and one in hand
	r := &plainRecords{blocks: blocks, stop: make(chan struct{})}
	go func() {
		defer close(blocks)
		at := 0
		for len(raw) > 0 {
			var text string
			text, raw = nextBlock(raw, size)
			var b plainRecordsBlock
			b, at = splitBlock(text, at)
			select {
			case blocks <- b:
			case <-r.stop:
				return
			}
		}
	}()
	return r
}

// splitBlock splits a block of whole lines into records, the first line
// being the one after line at.
func splitBlock(text string, at int) (plainRecordsBlock, int) {
	lines := strings.Count(text, "\n") + 1
	b := plainRecordsBlock{cells: make([]string, 0, lines+strings.Count(text, ",")), ends: make([]int, 0, lines), lines: make([]int, 0, lines)}
	for text != "" {
		line := text
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, text = line[:i], line[i+1:]
		} else {
			text = "" // the file's last line, with no line break after it
		}
		at++
		// "\r\n" ends a line as "\n" does, and encoding/csv drops a "\r"
		// that ends the file.
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue // encoding/csv skips empty lines
		}
		for {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				break
			}
			b.cells = append(b.cells, line[:i])
			line = line[i+1:]
		}
		b.cells = append(b.cells, line)
		b.ends = append(b.ends, len(b.cells))
		b.lines = append(b.lines, at)
	}
	return b, at
}

// Read returns the next record. Unlike encoding/csv's with ReuseRecord,
// it stays as it is when the next is read.
func (r *plainRecords) Read() ([]string, error) {
	for r.next == len(r.cur.ends) {
		b, ok := <-r.blocks
		if !ok {
			return nil, io.EOF
		}
		r.cur, r.next = b, 0
	}
	start := 0
	if r.next > 0 {
		start = r.cur.ends[r.next-1]
	}
	end := r.cur.ends[r.next]
	r.record, r.at = r.cur.cells[start:end:end], r.cur.lines[r.next]
	r.next++
	return r.record, nil
}

// nextBlock splits off the first size bytes of raw, or fewer, or more
// for a longer line, ending at a line break or at the end of the file, as
// a string.
func nextBlock(raw []byte, size int) (block string, rest []byte) {
	n := len(raw)
	if n > size {
		if i := bytes.LastIndexByte(raw[:size], '\n'); i >= 0 {
			n = i + 1
		} else if j := bytes.IndexByte(raw[size:], '\n'); j >= 0 {
			n = size + j + 1
		}
	}
	return string(raw[:n]), raw[n:]
}

func (r *plainRecords) line(i int) int {
	if i < 0 || i >= len(r.record) {
		panic("out of range index passed to line") // as csv.Reader.FieldPos does
	}
	return r.at
}

// close stops the goroutine reading blocks.
func (r *plainRecords) close() { close(r.stop) }

// cloneRow gives a row kept from plainRecords cells of its own, so that
// it does not hold its whole block of the file: for a national table, of
// whose rows all but a few hundred are left out as they are read.
func cloneRow(row []string) {
	for i, c := range row {
		row[i] = strings.Clone(c)
	}
}
