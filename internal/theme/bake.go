package theme

import (
	"html/template"
	"regexp"
	"strings"
)

// fixedWord is a template action that writes one fixed word of the
// catalogue, {{t "page.latest-status"}}, as the themes write them.
var fixedWord = regexp.MustCompile(`\{\{t "([A-Za-z0-9._-]+)"\}\}`)

// bake writes each fixed word of a template's text into the text itself
// before it is parsed, from the theme's "t" function: a theme is loaded
// once for each language, so the word is known, and a template writes
// literal text without the call by reflection (and its allocations) that
// html/template makes for every action, on every page, a cost paid 30
// times a page on a report with its edition, scorecard and chart. A word
// inside a tag is left to the call: how html/template escapes it there
// depends on the attribute (quoted or not, a URL or not, and an "&"
// already escaped kept as it is), which only html/template knows. So is a
// word with a line break or template markup in it, so that a theme
// error's line stays where the file has it.
func bake(src string, funcs template.FuncMap) string {
	t, ok := funcs["t"].(func(string) template.HTML)
	if !ok || !strings.Contains(src, `{{t "`) {
		return src
	}
	// In a script or a style the word is a value to encode (a JSON
	// string, quotes and all), which the call does and the text would not.
	coded := scripted.FindAllStringIndex(src, -1)
	var out strings.Builder
	last := 0
	for _, m := range fixedWord.FindAllStringSubmatchIndex(src, -1) {
		w := string(t(src[m[2]:m[3]]))
		inCode := false
		for _, c := range coded {
			inCode = inCode || c[0] <= m[0] && m[1] <= c[1]
		}
		inTag := strings.LastIndexByte(src[:m[0]], '<') > strings.LastIndexByte(src[:m[0]], '>')
		if inCode || inTag || strings.ContainsAny(w, "\n\r") || strings.Contains(w, "{{") || strings.Contains(w, "}}") || strings.HasPrefix(w, "[") {
			continue
		}
		out.WriteString(src[last:m[0]])
		out.WriteString(w)
		last = m[1]
	}
	out.WriteString(src[last:])
	return out.String()
}

// scripted finds the scripts and styles of a template's text, whose words
// are encoded as values rather than written as text.
var scripted = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)>`)
