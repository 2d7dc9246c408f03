package content

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Outline is what a search index keeps of a page: the text of its
// headings, and its first words of prose (up to n bytes, cut at a word and
// marked "…"). Both are taken from the page's body as it renders (parsed,
// sanitised and rendered by the same goldmark as the page), never from the
// markdown source: a search index is published, and must hold nothing the
// page does not show, such as an HTML comment left as an editor's note or
// the address of a link reference definition. Shortcodes render as
// nothing here, since their figures are the site's, not the page's words;
// code blocks are left out too, as words to read rather than to find a page
// by.
//
// pp may be one the site has just rendered, shortcodes filled in: they are
// emptied while the outline is taken, and then put back. rendered, when
// not "", is pp as Render wrote it: for a page without shortcodes that is
// the HTML the outline reads, and it is read from there rather than
// rendered again block by block (FuzzOutlineOfRendered holds the two
// alike).
func (set *Set) Outline(pp *Parsed, n int, rendered template.HTML) (headings []string, prose string, err error) {
	if rendered != "" && !pp.Page.shortcodes {
		headings, prose = outlineOf(string(rendered), n)
		return headings, prose, nil
	}
	filled := make([][]byte, len(pp.Shortcodes))
	for i, sc := range pp.Shortcodes {
		filled[i], sc.HTML = sc.HTML, nil
	}
	defer func() {
		for i, sc := range pp.Shortcodes {
			sc.HTML = filled[i]
		}
	}()
	// Block by block, as the page renders them, until twice what is kept
	// is read (so that taking out the gaps shortcodes leave never makes a
	// text that goes on look as if it ended); after that only headings are
	// rendered, since a long page's prose is most of its rendering.
	limit := 2*n + 1
	r := set.md.Renderer()
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, 1024) // one for every block, which Render flushes
	var body words
	body.Grow(limit + 256)
	render := func(node ast.Node) (string, error) {
		buf.Reset()
		if err := r.Render(w, pp.Page.src, node); err != nil {
			return "", fmt.Errorf("rendering %s for search: %w", pp.Page.Path, err)
		}
		return buf.String(), nil
	}
	for c := pp.doc.FirstChild(); c != nil; c = c.NextSibling() {
		if body.Len() < limit {
			html, err := render(c)
			if err != nil {
				return nil, "", err
			}
			hs, t := visibleText(html, limit-body.Len())
			headings = append(headings, hs...)
			body.space()
			body.write(t)
			continue
		}
		err := ast.Walk(c, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			switch node.(type) {
			case *ast.Heading:
			case *ast.Paragraph, *ast.TextBlock, *east.Table:
				return ast.WalkSkipChildren, nil // words, never a heading
			default:
				return ast.WalkContinue, nil // a list or a quote may hold one
			}
			if !entering {
				return ast.WalkContinue, nil
			}
			html, err := render(node)
			hs, _ := visibleText(html, 0)
			headings = append(headings, hs...)
			return ast.WalkSkipChildren, err
		})
		if err != nil {
			return nil, "", err
		}
	}
	return headings, cut(closeGaps(body.String()), n), nil
}

// outlineOf reads the outline from a page's whole rendered HTML, which
// holds no shortcode: its headings, and its text read until it is at
// least 2n+1 bytes long, then cut to n. Its blocks are separated in the
// HTML by their tags and line ends as Outline separates them by a space.
func outlineOf(rendered string, n int) (headings []string, prose string) {
	headings, text := visibleText(rendered, 2*n+1)
	return headings, cut(closeGaps(text), n)
}

// closeGaps takes out a space before punctuation, as a shortcode left out
// leaves in "took {{< value ... >}}.".
func closeGaps(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && i+1 < len(s) && strings.IndexByte(".,;:!?)", s[i+1]) >= 0 {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// headingText is the text a heading line (without its "# ") shows once
// rendered: marks, raw HTML and comments taken out, entities decoded. A
// title taken from a page's first heading is shown as text on every page
// that lists it, and must show no more than the heading would have, not an
// editor's "<!-- embargoed -->".
func (set *Set) headingText(line string) string {
	if line == "" {
		return ""
	}
	src := []byte("# " + line)
	doc := set.md.Parser().Parse(text.NewReader(src))
	var buf bytes.Buffer
	if err := set.md.Renderer().Render(&buf, src, doc); err != nil {
		return "" // cannot happen writing to memory; never the line unread
	}
	if hs, _ := visibleText(buf.String(), 0); len(hs) > 0 {
		return hs[0]
	}
	return ""
}

// cut shortens s to at most n bytes, at a word, marking the cut with " …".
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	t := s[:n]
	if i := strings.LastIndexByte(t, ' '); i > 0 {
		t = t[:i]
	} else {
		for len(t) > 0 && !utf8.ValidString(t) {
			t = t[:len(t)-1] // never half a character
		}
	}
	return t + " …"
}

// blockTags are the elements goldmark writes that end a run of words, so
// that "<td>a</td><td>b</td>" reads "a b" while "<em>a</em>b" reads "ab",
// as a browser shows them.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "hr": true, "li": true, "ul": true, "ol": true,
	"blockquote": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true,
	"td": true, "pre": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "dl": true, "dt": true, "dd": true, "figure": true, "figcaption": true,
	"section": true, "input": true,
}

// visibleText reads the HTML goldmark rendered, which is well formed and
// escapes every < and > in text and attributes, and returns the text a
// reader sees: the headings' text, and the rest of the text in one string,
// its spaces collapsed, read until it is at least limit bytes long.
// Comments (goldmark's "raw HTML omitted"), attributes and code blocks are
// not read, nor are footnote marks, whose numbers would run into the words
// beside them.
func visibleText(s string, limit int) (headings []string, text string) {
	var body, heading words
	if limit > 0 {
		body.Grow(min(len(s), 2*limit)) // grown once, not word by word
	}
	inHeading := false
	skip := "" // the tag whose content is being skipped, until it closes
	depth := 0 // of skip tags inside the one being skipped
	for len(s) > 0 {
		if !inHeading && skip == "" && body.Len() >= limit {
			// The text is read; only headings are left to find, and the
			// next starts at the next "<h1" to "<h6": goldmark escapes
			// every < in text, so one there starts a tag.
			if s = nextHeading(s); s == "" {
				break
			}
		}
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if chunk := s[:lt]; chunk != "" && skip == "" {
			if inHeading {
				heading.write(html.UnescapeString(chunk))
			} else if body.Len() < limit {
				body.write(html.UnescapeString(chunk))
			}
		}
		s = s[lt:]
		if s == "" {
			break
		}
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			break
		}
		tag := s[1:gt]
		s = s[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimPrefix(tag, "/"))
		if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
			name = name[:i]
		}
		switch {
		case skip != "":
			if name == skip && closing {
				if depth == 0 {
					skip = ""
				} else {
					depth--
				}
			} else if name == skip {
				depth++
			}
			continue
		case !closing && (name == "pre" || name == "a" && strings.Contains(tag, `class="footnote-`)):
			skip = name
			body.space()
			continue
		}
		if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
			if closing && inHeading && heading.Len() > 0 {
				headings = append(headings, heading.String())
			}
			heading.Reset()
			inHeading = !closing
		}
		if blockTags[name] {
			body.space()
		}
	}
	return headings, body.String()
}

// nextHeading is s from its next heading's opening tag, or "".
func nextHeading(s string) string {
	for {
		i := strings.Index(s, "<h")
		if i < 0 || i+2 >= len(s) {
			return ""
		}
		if c := s[i+2]; c >= '1' && c <= '6' {
			return s[i:]
		}
		s = s[i+2:]
	}
}

// words is text with its runs of white space written as one space, and
// none at either end.
type words struct {
	strings.Builder
	gap bool // a space is owed before the next word
}

// write adds s, collapsing its spaces. Every page's outline goes through
// here, so a byte below utf8.RuneSelf is tested as a byte: unicode.IsSpace
// by way of strings.IndexFunc was a quarter of the outline's time.
func (w *words) write(s string) {
	for i := 0; i < len(s); {
		if n := spaceAt(s, i); n > 0 {
			w.gap = true
			i += n
			continue
		}
		j := i
		for j < len(s) && spaceAt(s, j) == 0 {
			if s[j] < utf8.RuneSelf {
				j++
			} else {
				_, n := utf8.DecodeRuneInString(s[j:])
				j += n
			}
		}
		if w.gap && w.Len() > 0 {
			w.WriteByte(' ')
		}
		w.gap = false
		w.WriteString(s[i:j])
		i = j
	}
}

// spaceAt is the length in bytes of the white space (by unicode.IsSpace)
// that starts s[i:], or 0 when none does.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		if c == ' ' || c >= '\t' && c <= '\r' {
			return 1
		}
		return 0
	}
	if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
		return n
	}
	return 0
}

// space ends the word being written.
func (w *words) space() { w.gap = true }

// Reset empties w.
func (w *words) Reset() { w.Builder.Reset(); w.gap = false }
