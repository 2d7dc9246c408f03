package textfile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/partnersite/partnersite/internal/problem"
)

// TestUTF16WithoutMark writes files to disk as an editor would save them
// and decodes what is read back. UTF-16 without its byte-order mark was
// read as UTF-8 with a NUL after every letter, which the CSV reader then
// blamed on quote marks.
func TestUTF16WithoutMark(t *testing.T) {
	bare := func(bo unicode.Endianness, s string) []byte {
		b, err := unicode.UTF16(bo, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const table = "id,name\r\nict,\"ICT, shared\"\r\nprint,Argraffu ŵ £5m\r\n"
	refused := []string{`data/services.csv:1: the file is saved as UTF-16 text without a byte-order mark, which is not read; save it from your spreadsheet as "CSV UTF-8 (Comma delimited)", or from your editor as UTF-8`}
	tests := []struct {
		name  string
		raw   []byte
		ok    bool
		probs []string
	}{
		{"little-endian", bare(unicode.LittleEndian, table), false, refused},
		{"big-endian", bare(unicode.BigEndian, table), false, refused},
		{"little-endian, one short line", bare(unicode.LittleEndian, "id\n"), false, refused},
		{"with its mark, still read", utf16(unicode.LittleEndian, table), true, nil},
		{"UTF-8 with one NUL byte, not UTF-16", []byte("id,name\nict,IC\x00T\nprint,Print\n"), true, nil},
		{"three bytes, too few to tell", []byte("a\x00b"), true, nil},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, "services.csv")
			if err := os.WriteFile(file, tt.raw, 0o644); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var pl problem.List
			_, ok := Decode("data/services.csv", raw, &pl)
			var probs []string
			for _, p := range pl.All() {
				probs = append(probs, p.String())
			}
			if ok != tt.ok || !slices.Equal(probs, tt.probs) {
				t.Errorf("ok %v, problems %q; want %v, %q", ok, probs, tt.ok, tt.probs)
			}
		})
	}
}
