package content

import (
	"strings"
	"testing"
	"unicode"

	"github.com/partnersite/partnersite/internal/problem"
)

// TestFrontMatterSplit holds the split of a page into its settings and its
// body, and the line the body starts at, to hand-counted values.
func TestFrontMatterSplit(t *testing.T) {
	tests := []struct {
		name, raw, title, body string
		line                   int
		ok                     bool
	}{
		{"none", "# Heading\nText\n", "", "# Heading\nText\n", 1, true},
		{"empty file", "", "", "", 1, true},
		{"settings", "---\ntitle: A\n---\nBody\n", "A", "Body\n", 4, true},
		{"two settings", "---\ntitle: A\nsummary: S\n---\n\nBody", "A", "\nBody", 5, true},
		{"saved on Windows", "---\r\ntitle: A\r\n---\r\nBody\r\n", "A", "Body\r\n", 4, true},
		{"closed with dots", "---\ntitle: A\n...\nBody\n", "A", "Body\n", 4, true},
		{"closed at the end", "---\ntitle: A\n---", "A", "", 4, true},
		{"spaces round the marks", "--- \ntitle: A\n  ---\nBody\n", "A", "Body\n", 4, true},
		{"nothing between", "---\n---\nBody\n", "", "Body\n", 3, true},
		{"never closed", "---\ntitle: A\nBody\n", "", "---\ntitle: A\nBody\n", 1, false},
		{"a mark alone", "---", "", "---", 1, false},
		{"a mark and a newline", "---\n", "", "---\n", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := &Page{Path: "content/about.md", Kind: Plain}
			var pl problem.List
			body, line, ok := frontMatter(page, []byte(tt.raw), &pl)
			if string(body) != tt.body || line != tt.line || ok != tt.ok || page.Title != tt.title {
				t.Errorf("frontMatter(%q) = %q, line %d, %v, title %q; want %q, line %d, %v, title %q (%v)",
					tt.raw, body, line, ok, page.Title, tt.body, tt.line, tt.ok, tt.title, pl.All())
			}
		})
	}
}

// FuzzWords holds words to what it promises: pieces written one after
// another, with space() between some, read as their text joined and cut
// at every run of white space (by unicode.IsSpace), one space between
// words and none at either end.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"", " ", "a b", "  two\t words \n", "é\u00a0à", "x\u2003y\u0085z", "\xff \xfe", "end. "} {
		f.Add(s, "b ", true)
	}
	f.Fuzz(func(t *testing.T, a, b string, space bool) {
		var w words
		w.write(a)
		joined := a
		if space {
			w.space()
			joined += " "
		}
		w.write(b)
		joined += b
		if want := strings.Join(strings.FieldsFunc(joined, unicode.IsSpace), " "); w.String() != want {
			t.Errorf("writing %q then %q (space between: %v) = %q, want %q", a, b, space, w.String(), want)
		}
	})
}
