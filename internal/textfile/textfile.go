// Package textfile decodes the text files a council saves, CSV and
// markdown alike, into UTF-8, deciding the encoding once per file and
// saying so where it cannot.
//
// Excel on a UK machine writes "CSV" as Windows-1252 (£ is the byte 0xA3),
// "CSV UTF-8" with a byte-order mark, "Unicode Text" as UTF-16 and "CSV
// (Macintosh)" with bare carriage returns between lines. A file is re-read
// as Windows-1252 only when it is not UTF-8 as a whole: a UTF-8 file with
// one stray byte keeps its "£5m" and its Welsh "ŵ", and each stray byte is
// a warning at its line rather than a silent garbling of the whole file.
package textfile

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/partnersite/partnersite/internal/problem"
)

// Decode returns raw as UTF-8 text with "\n" between lines, or false when
// it cannot be read as text, having said why in pl at path.
func Decode(path string, raw []byte, pl *problem.List) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}), bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		// UTF-16 with its byte-order mark, which the decoder reads.
		text, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(raw)
		if err != nil || !utf8.Valid(text) {
			pl.Errorf(path, 1, "the file is UTF-16 text that cannot be read; save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\"")
			return nil, false
		}
		raw = text
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
	case utf16Bare(raw):
		// Without its byte-order mark, UTF-16 is valid UTF-8 with a NUL
		// after every letter, and the reader would complain of quote marks
		// or columns: say what the file is instead.
		pl.Errorf(path, 1, "the file is saved as UTF-16 text without a byte-order mark, which is not read; save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\", or from your editor as UTF-8")
		return nil, false
	}
	if !utf8.Valid(raw) {
		var ok bool
		if raw, ok = notUTF8(path, raw, pl); !ok {
			return nil, false
		}
	}
	if bytes.IndexByte(raw, '\n') < 0 && bytes.IndexByte(raw, '\r') >= 0 {
		// Excel's "CSV (Macintosh)" ends lines with a bare carriage return.
		raw = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
	}
	return raw, true
}

// notUTF8 decides what a file that is not valid UTF-8 is. If no part of it
// is UTF-8 beyond plain ASCII, and it reads cleanly as Windows-1252, it is
// Windows-1252. Otherwise it is UTF-8 with stray bytes: each is replaced
// by U+FFFD and warned of at its line.
func notUTF8(path string, raw []byte, pl *problem.List) ([]byte, bool) {
	if !hasUTF8(raw) {
		text, err := charmap.Windows1252.NewDecoder().Bytes(raw)
		if err == nil && !bytes.ContainsRune(text, utf8.RuneError) {
			return text, true
		}
		pl.Errorf(path, 1, "the file is neither UTF-8 nor Windows-1252 text; save it from your spreadsheet as \"CSV UTF-8\", or from your editor as UTF-8")
		return nil, false
	}
	out := make([]byte, 0, len(raw)+16)
	line, warned := 1, 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			if warned != line {
				pl.Warnf(path, line, "byte 0x%X is not UTF-8 text and is shown as \uFFFD; the rest of the file is UTF-8, so retype the character or save the file as UTF-8 again", raw[i])
				warned = line
			}
			out = utf8.AppendRune(out, utf8.RuneError)
			i++
			continue
		}
		if r == '\n' {
			line++
		}
		out = append(out, raw[i:i+n]...)
		i += n
	}
	return out, true
}

// hasUTF8 reports whether raw holds any valid multi-byte UTF-8 sequence:
// a sign that the file was written as UTF-8, since Windows-1252 text
// almost never forms one by chance.
func hasUTF8(raw []byte) bool {
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if n > 1 && r != utf8.RuneError {
			return true
		}
		i += n
	}
	return false
}

// sniff is how many bytes from the start utf16Bare looks at: enough for
// a header row and a few rows of data.
const sniff = 4096

// utf16Bare reports whether raw looks like UTF-16 without a byte-order
// mark: in the first bytes, NUL at every other position (the high byte of
// each Latin letter, digit and comma) and almost none at the positions
// between. Text in UTF-8 or Windows-1252 has no NUL bytes at all.
func utf16Bare(raw []byte) bool {
	n := min(len(raw), sniff) &^ 1
	if n < 4 || bytes.IndexByte(raw[:n], 0) < 0 {
		return false // no NUL at all, as in every file saved as UTF-8: found at once
	}
	var zeros [2]int
	for i, b := range raw[:n] {
		if b == 0 {
			zeros[i%2]++
		}
	}
	pairs := n / 2
	for p := range 2 {
		// Little-endian text has its NULs at odd positions, big-endian at
		// even ones. Letters outside Latin-1 have no NUL, so half will do.
		if zeros[p] >= pairs/2 && zeros[1-p] <= pairs/10 {
			return true
		}
	}
	return false
}

// Short shortens text from a file for a message: its first 37 bytes and
// "...", never cutting a character in two. The message names what is
// wrong, and a setting or cell of a million characters quoted in full
// would bury it.
func Short(s string) string {
	if len(s) <= 40 {
		return s
	}
	return strings.ToValidUTF8(s[:37], "") + "..."
}
