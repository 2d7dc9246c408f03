package content

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/partnersite/partnersite/internal/problem"
)

// Outline is what a search index keeps of a page: the text of its
// headings, and its first words of prose (up to n bytes, cut at a word and
// marked "…"). Both are taken from the page's body as it renders (parsed,
// sanitised and rendered by the same goldmark as the page), never from the
// markdown source: a search index is published, and must hold nothing the
// page does not show, such as an HTML comment left as an editor's note or
// the address of a link reference definition. Shortcodes render as
// nothing, since their figures are drawn by the site, and code blocks are
// left out, as words to find a page by rather than to read.
func (set *Set) Outline(page *Page, n int) (headings []string, text string, err error) {
	// The page's own render reports its problems; this one keeps quiet.
	pp := set.Parse(page, &problem.List{})
	body, err := set.Render(pp)
	if err != nil {
		return nil, "", err
	}
	headings, text = visibleText(string(body))
	return headings, cut(text, n), nil
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
// reader sees: the headings' text, and the rest of the text in one string
// with its spaces collapsed. Comments (goldmark's "raw HTML omitted"),
// attributes and code blocks are not read, nor are footnote marks, whose
// numbers would run into the words beside them.
func visibleText(s string) (headings []string, text string) {
	var body, heading strings.Builder
	inHeading := false
	skip := "" // the tag whose content is being skipped, until it closes
	depth := 0 // of skip tags inside the one being skipped
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if chunk := s[:lt]; chunk != "" && skip == "" {
			words := html.UnescapeString(chunk)
			if inHeading {
				heading.WriteString(words)
			} else {
				body.WriteString(words)
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
			body.WriteByte(' ')
			continue
		}
		if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
			if closing && inHeading {
				if h := strings.Join(strings.Fields(heading.String()), " "); h != "" {
					headings = append(headings, h)
				}
				heading.Reset()
			}
			inHeading = !closing
		}
		if blockTags[name] {
			body.WriteByte(' ')
		}
	}
	text = strings.Join(strings.Fields(body.String()), " ")
	// A shortcode left out leaves a gap before the punctuation after it.
	return headings, gapBefore.ReplaceAllString(text, "$1")
}

// gapBefore is a space before punctuation that follows a word.
var gapBefore = regexp.MustCompile(` ([.,;:!?)])`)
