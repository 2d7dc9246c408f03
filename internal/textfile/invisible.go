package textfile

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/partnersite/partnersite/internal/problem"
)

// invisibleNames names the invisible format characters met most often, for
// messages; any other is named by its code point.
var invisibleNames = map[rune]string{
	'\u00AD': "soft hyphen",
	'\u061C': "Arabic letter mark",
	'\u200B': "zero-width space",
	'\u200C': "zero-width non-joiner",
	'\u200D': "zero-width joiner",
	'\u200E': "left-to-right mark",
	'\u200F': "right-to-left mark",
	'\u202A': "left-to-right embedding",
	'\u202B': "right-to-left embedding",
	'\u202C': "pop directional formatting",
	'\u202D': "left-to-right override",
	'\u202E': "right-to-left override",
	'\u2060': "word joiner",
	'\u2066': "left-to-right isolate",
	'\u2067': "right-to-left isolate",
	'\u2068': "first strong isolate",
	'\u2069': "pop directional isolate",
	'\uFEFF': "zero-width no-break space (byte order mark)",
}

// Invisible reports a format character (Unicode category Cf): bidi
// overrides, embeddings and isolates, zero-width spaces and joiners, byte
// order marks. None has a place in a council's data, and a right-to-left
// override in a name makes a browser show the figure after it backwards
// ("17.75 days" as ".syad 57.71").
func Invisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// DescribeInvisible names an invisible character for a message: "right-
// to-left override (U+202E)".
func DescribeInvisible(r rune) string {
	if n, ok := invisibleNames[r]; ok {
		return fmt.Sprintf("%s (U+%04X)", n, r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// maxInvisibleLines is how many lines of one file are told of their
// invisible characters one by one; one more warning counts the rest.
const maxInvisibleLines = 10

// StripInvisible returns the text of a page or site.yaml without its
// invisible format characters, each line that had one warned of at its
// line, so that nothing written in a council's prose can reverse a figure
// or hide a difference on the page. A soft hyphen stays: in prose it is a
// hint where a long word may break, and shows nothing else.
func StripInvisible(path string, text []byte, pl *problem.List) []byte {
	if !hasInvisible(text) {
		return text
	}
	out := make([]byte, 0, len(text))
	line, told, more, firstMore, lastWarned := 1, 0, 0, 0, 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		switch {
		case r == '\n':
			line++
		case r != '\u00AD' && Invisible(r):
			i += n
			if line == lastWarned {
				continue
			}
			lastWarned = line
			if told == maxInvisibleLines {
				if more == 0 {
					firstMore = line
				}
				more++
				continue
			}
			told++
			pl.Warnf(path, line, "this line has an invisible character, a %s, which can reverse the figures beside it on the page or hide a difference between two words; it is removed. Delete it in your editor", DescribeInvisible(r))
			continue
		}
		out = append(out, text[i:i+n]...)
		i += n
	}
	if more > 0 {
		pl.Warnf(path, firstMore, "%d more lines from this one on have invisible characters (bidi controls, zero-width spaces), removed as above; delete them in your editor", more)
	}
	return out
}

// hasInvisible reports whether text holds any invisible format character
// but a soft hyphen, at the cost of one pass over its bytes when it is
// ASCII, as nearly every page is.
func hasInvisible(text []byte) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			return bytes.ContainsFunc(text[i:], func(r rune) bool { return r != '\u00AD' && Invisible(r) })
		}
	}
	return false
}
