package theme

import (
	"html/template"
	"strings"
	"testing"
)

// A fixed word is written into the template's text as the call would
// write it: as it is in text, and left to the call in an attribute and in
// a script, where it is a value to escape or encode as only html/template
// knows, and where it would move a line or is not in the catalogue. Baked
// or not, every template draws the same bytes.
func TestBake(t *testing.T) {
	words := map[string]string{"a": "The partnership's", "q": `Say "hi"`, "nl": "two\nlines", "amp": "A &amp; B + C", "sp": "a b"}
	funcs := template.FuncMap{"t": func(k string) template.HTML {
		if w, ok := words[k]; ok {
			return template.HTML(w)
		}
		return template.HTML("[" + k + "]")
	}}
	for _, tc := range []struct{ in, want string }{
		{`<p>{{t "a"}}</p>`, `<p>The partnership's</p>`},
		{`<p>{{t "q"}}</p>`, `<p>Say "hi"</p>`},
		{`<nav aria-label="{{t "a"}}">`, `<nav aria-label="{{t "a"}}">`},
		{`<a title="{{t "q"}}">`, `<a title="{{t "q"}}">`},
		{`<a title="{{t "amp"}}">`, `<a title="{{t "amp"}}">`},
		{`<a href="/{{t "sp"}}">`, `<a href="/{{t "sp"}}">`},
		{`<a title={{t "sp"}}>`, `<a title={{t "sp"}}>`},
		{`<script type="application/json">{"x":{{t "a"}}}</script>`, `<script type="application/json">{"x":{{t "a"}}}</script>`},
		{`<p>{{t "nl"}}</p>`, `<p>{{t "nl"}}</p>`},
		{`<p>{{t "none"}}</p>`, `<p>{{t "none"}}</p>`},
		{`<p>{{f "a" "x" .X}} {{- t "a"}}</p>`, `<p>{{f "a" "x" .X}} {{- t "a"}}</p>`},
	} {
		if got := bake(tc.in, funcs); got != tc.want {
			t.Errorf("bake(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// What matters: the same page, baked or not.
		draw := func(src string) string {
			var b strings.Builder
			if err := template.Must(template.New("").Funcs(funcs).Funcs(template.FuncMap{"f": func(string, ...any) string { return "" }}).Parse(src)).Execute(&b, map[string]any{"X": 1}); err != nil {
				t.Fatalf("%q: %v", src, err)
			}
			return b.String()
		}
		if baked, called := draw(bake(tc.in, funcs)), draw(tc.in); baked != called {
			t.Errorf("%q draws %q baked, %q by the call", tc.in, baked, called)
		}
	}
	if got := bake(`<p>{{t "a"}}</p>`, template.FuncMap{}); got != `<p>{{t "a"}}</p>` {
		t.Errorf("without a t function: %q", got)
	}
}
