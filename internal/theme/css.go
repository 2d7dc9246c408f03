package theme

import "bytes"

// stripCSSComments drops the comments of a stylesheet as it is published:
// they explain the theme to the people who change it and would otherwise
// travel to every reader on every first visit (a third of site.css). A
// comment that opens "/*!" is kept, as a licence is by convention, and so
// is anything inside a quoted string; a line that held only a comment
// goes with it, as do blank lines.
func stripCSSComments(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		switch c := src[i]; {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(src))
			out = append(out, src[i:j]...)
			i = j
		case c == '/' && i+1 < len(src) && src[i+1] == '*' && !(i+2 < len(src) && src[i+2] == '!'):
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return src // an unclosed comment: leave the file as written
			}
			i += 2 + end + 2
		default:
			out = append(out, c)
			i++
		}
	}
	// Drop the lines the comments left empty, and blank lines with them:
	// to a browser a stylesheet's lines are all one.
	var kept [][]byte
	for _, l := range bytes.Split(out, []byte("\n")) {
		if l = bytes.TrimRight(l, " \t\r"); len(bytes.TrimSpace(l)) > 0 {
			kept = append(kept, l)
		}
	}
	return append(bytes.Join(kept, []byte("\n")), '\n')
}
