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
