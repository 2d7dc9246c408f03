package theme

import (
	"html/template"
	"testing"
)

// A fixed word is written into the template's text as the call would
// write it: as it is in text, escaped in an attribute, and left to the
// call in a script, where it is a value to encode, and where it would move
// a line or is not in the catalogue.
func TestBake(t *testing.T) {
	words := map[string]string{"a": "The partnership's", "q": `Say "hi"`, "nl": "two\nlines"}
	funcs := template.FuncMap{"t": func(k string) template.HTML {
		if w, ok := words[k]; ok {
			return template.HTML(w)
		}
		return template.HTML("[" + k + "]")
	}}
	for _, tc := range []struct{ in, want string }{
		{`<p>{{t "a"}}</p>`, `<p>The partnership's</p>`},
		{`<p>{{t "q"}}</p>`, `<p>Say "hi"</p>`},
		{`<nav aria-label="{{t "a"}}">`, `<nav aria-label="The partnership&#39;s">`},
		{`<a title="{{t "q"}}">`, `<a title="Say &#34;hi&#34;">`},
		{`<script type="application/json">{"x":{{t "a"}}}</script>`, `<script type="application/json">{"x":{{t "a"}}}</script>`},
		{`<p>{{t "nl"}}</p>`, `<p>{{t "nl"}}</p>`},
		{`<p>{{t "none"}}</p>`, `<p>{{t "none"}}</p>`},
		{`<p>{{f "a" "x" .X}} {{- t "a"}}</p>`, `<p>{{f "a" "x" .X}} {{- t "a"}}</p>`},
	} {
		if got := bake(tc.in, funcs); got != tc.want {
			t.Errorf("bake(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := bake(`<p>{{t "a"}}</p>`, template.FuncMap{}); got != `<p>{{t "a"}}</p>` {
		t.Errorf("without a t function: %q", got)
	}
}
