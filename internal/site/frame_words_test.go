package site

import (
	"html/template"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/words"
)

// TestTemplateWords draws sentences of the built-in theme's templates
// with the real catalogues, in English and Welsh, against hand-written
// expectations: the plural forms, the possessive, the mutations, the
// licence's own wording, and the escaping of the parts a template fills
// in (the catalogue's apostrophe stays as it is, a value's is escaped as
// html/template escapes it).
func TestTemplateWords(t *testing.T) {
	ogl := config.Licences["OGL-UK-3.0"]
	cases := []struct {
		name, tmpl string
		data       any
		en, cy     string
	}{
		{"skip link", `<a href="#main">{{t "frame.skip-link"}}</a>`, nil,
			`<a href="#main">Skip to main content</a>`, `<a href="#main">Neidio i'r prif gynnwys</a>`},
		{"label in an attribute", `<nav aria-label="{{t "frame.nav.footer"}}">`, nil,
			`<nav aria-label="More pages">`, `<nav aria-label="Rhagor o dudalennau">`},
		{"licence", `{{with licence .}}{{.Attribution}} {{t "frame.licence.before"}} <a>{{f "frame.licence.in-sentence" "name" .Name}}</a>{{t "frame.licence.after"}}{{end}}`, ogl,
			`Contains public sector information licensed under the Open Government Licence v3.0. The site and its data are published under the <a>Open Government Licence v3.0</a>, except where otherwise stated.`,
			`Yn cynnwys gwybodaeth y sector cyhoeddus a drwyddedir o dan y Drwydded Llywodraeth Agored v3.0. Cyhoeddir y wefan a'i data o dan y <a>Drwydded Llywodraeth Agored v3.0</a>, ac eithrio lle nodir yn wahanol.`},
		{"one measure", `{{n "page.goal.measures" .}}`, 1, `1 measure for this goal:`, `1 mesur ar gyfer y nod hwn:`},
		{"two measures", `{{n "page.goal.measures" .}}`, 2, `2 measures for this goal:`, `2 fesur ar gyfer y nod hwn:`},
		{"three measures", `{{n "page.goal.measures" .}}`, 3, `3 measures for this goal:`, `3 mesur ar gyfer y nod hwn:`},
		{"charts elsewhere", `{{n "page.charts.more" . "n" "1,200"}}`, 1200,
			`1,200 more measures are charted on their own pages: see the table above.`,
			`Mae 1,200 mesur arall wedi'u siartio ar eu tudalennau eu hunain: gweler y tabl uchod.`},
		{"possessive", `{{fstr "page.partner.share" "partner" .}}`, "East Herts", `East Herts&#39; share`, `Cyfran East Herts`},
		{"possessive with s", `{{fstr "page.partner.share" "partner" .}}`, "Stevenage", `Stevenage&#39;s share`, `Cyfran Stevenage`},
		{"a value's apostrophe escaped, the catalogue's kept", `{{f "page.since.completed" "title" . "dates" "May 2026"}}`, "Members' <b>portal</b>",
			`Completed: Members&#39; &lt;b&gt;portal&lt;/b&gt;, May 2026`, `Wedi'i gwblhau: Members&#39; &lt;b&gt;portal&lt;/b&gt;, May 2026`},
		{"soft mutation of the site's title", `{{t "page.embed.from"}} <a>{{f "page.embed.site" "site" .}}</a>`, "Partneriaeth Gwasanaethau",
			`From <a>Partneriaeth Gwasanaethau</a>`, `O <a>Bartneriaeth Gwasanaethau</a>`},
		{"accessibility contact", `{{f "page.a11y.contact.name" "name" .}}`, "Tîm y Bartneriaeth",
			`If you find a problem, or need information from this site in a different format, contact Tîm y Bartneriaeth`,
			`Os byddwch yn dod o hyd i broblem, neu angen gwybodaeth o'r wefan hon mewn fformat gwahanol, rhowch wybod i Dîm y Bartneriaeth`},
		{"pager", `{{f "page.pager.at" "page" 2 "pages" 4 "from" 51 "to" 100 "total" 200}}`, nil,
			`Page 2 of 4: 51 to 100 of 200.`, `Tudalen 2 o 4: 51 i 100 o 200.`},
	}
	for _, code := range []string{"en", "cy"} {
		l, probs := words.Load(code, nil, "")
		if len(probs) > 0 {
			t.Fatalf("%s: %v", code, probs)
		}
		for _, c := range cases {
			tm, err := template.New(c.name).Funcs(funcsFor(l)).Parse(c.tmpl)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var sb strings.Builder
			if err := tm.Execute(&sb, c.data); err != nil {
				t.Fatalf("%s %s: %v", code, c.name, err)
			}
			want := c.en
			if code == "cy" {
				want = c.cy
			}
			if sb.String() != want {
				t.Errorf("%s %s:\n got %s\nwant %s", code, c.name, sb.String(), want)
			}
		}
	}
}
