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
}

// newRecords returns the reader for a file's bytes, and whether it is
// plainRecords, whose cells are pieces of larger strings (see cloneRow).
func newRecords(raw []byte) (recordReader, bool) {
	if bytes.IndexByte(raw, '"') < 0 {
		return &plainRecords{raw: raw, size: plainBlock}, true
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

// plainBlock is how much of a file plainRecords turns into one string
// at a time.
const plainBlock = 1 << 20

// plainRecords reads a file that has no quote mark in it exactly as
// encoding/csv reads it, record for record and line for line, but without
// its copies: with no quotes there is no quoted cell, so no record spans
// lines, no cell holds a comma and no error can arise; a record is a
// non-empty line (without its "\r\n" or "\n", or, at the end of the file,
// a last "\r"), and its cells are the text between its commas.
//
// encoding/csv copies each line into a buffer and then into a string of
// its own; here the file becomes strings a block of lines at a time, and
// every cell is a piece of its block's string, so that reading half a
// million rows makes twenty strings, not half a million. Most files have
// no quotes: a spreadsheet quotes only cells with commas, quotes or line
// breaks in them, and a file that has one is read by encoding/csv.
type plainRecords struct {
	raw    []byte // the file not yet in a block
	size   int    // how much of it makes a block
	block  string // the lines of the block not yet read
	at     int    // the physical line of the last record read
	record []string
}

func (r *plainRecords) Read() ([]string, error) {
	for {
		if r.block == "" {
			if len(r.raw) == 0 {
				return nil, io.EOF
			}
			r.block, r.raw = nextBlock(r.raw, r.size)
		}
		line := r.block
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, r.block = line[:i], line[i+1:]
		} else {
			r.block = "" // the file's last line, with no line break after it
		}
		r.at++
		// "\r\n" ends a line as "\n" does, and encoding/csv drops a "\r"
		// that ends the file.
		line = strings.TrimSuffix(line, "\r")
		if line == "" {
			continue // encoding/csv skips empty lines
		}
		r.record = r.record[:0]
		for {
			i := strings.IndexByte(line, ',')
			if i < 0 {
				break
			}
			r.record = append(r.record, line[:i])
			line = line[i+1:]
		}
		r.record = append(r.record, line)
		return r.record, nil
	}
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

// cloneRow gives a row kept from plainRecords cells of its own, so that
// it does not hold its whole block of the file: for a national table, of
// whose rows all but a few hundred are left out as they are read.
func cloneRow(row []string) {
	for i, c := range row {
		row[i] = strings.Clone(c)
	}
}
