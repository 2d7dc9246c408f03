package textfile

import (
	"slices"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/partnersite/partnersite/internal/problem"
)

func utf16(bo unicode.Endianness, s string) []byte {
	b, err := unicode.UTF16(bo, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		want   string
		ok     bool
		probls []string
	}{
		{"UTF-8", []byte("name\nCyngor Gwynedd ŵ £5m\n"), "name\nCyngor Gwynedd ŵ £5m\n", true, nil},
		{"UTF-8 with a byte-order mark", []byte("\xef\xbb\xbfid\n£1\n"), "id\n£1\n", true, nil},
		{"Windows-1252 from Excel", []byte("id,cost\nict,\xa3500\ncaf\xe9,\x80 5\n"), "id,cost\nict,£500\ncafé,€ 5\n", true, nil},
		// One stray byte in a UTF-8 file: the file stays UTF-8, the byte
		// is a warning at its line; nothing else is garbled.
		{"UTF-8 with a stray byte", []byte("name\nCyngor ŵ £5m\nbad \xa3 byte\nŵ again\n"), "name\nCyngor ŵ £5m\nbad \uFFFD byte\nŵ again\n", true,
			[]string{"f.csv:3: warning: byte 0xA3 is not UTF-8 text and is shown as \uFFFD; the rest of the file is UTF-8, so retype the character or save the file as UTF-8 again"}},
		{"UTF-16 little-endian", utf16(unicode.LittleEndian, "id,name\nict,ICT £\n"), "id,name\nict,ICT £\n", true, nil},
		{"UTF-16 big-endian", utf16(unicode.BigEndian, "id\nŵ\n"), "id\nŵ\n", true, nil},
		{"CSV (Macintosh)", []byte("id,name\rict,ICT\r"), "id,name\nict,ICT\n", true, nil},
		{"Windows line endings stay for the CSV reader", []byte("id\r\nict\r\n"), "id\r\nict\r\n", true, nil},
		{"not text", []byte("id\n\x81\x8d\x90\n"), "", false,
			[]string{`f.csv:1: the file is neither UTF-8 nor Windows-1252 text; save it from your spreadsheet as "CSV UTF-8", or from your editor as UTF-8`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pl problem.List
			got, ok := Decode("f.csv", tt.raw, &pl)
			var probs []string
			for _, p := range pl.All() {
				probs = append(probs, p.String())
			}
			if string(got) != tt.want || ok != tt.ok || !slices.Equal(probs, tt.probls) {
				t.Errorf("Decode = %q, %v, %q; want %q, %v, %q", got, ok, probs, tt.want, tt.ok, tt.probls)
			}
		})
	}
}
