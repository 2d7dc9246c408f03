package site

import (
	"github.com/partnersite/partnersite/internal/words"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/theme"
)

// TestFrameKey keeps makeKey in step with Frame: a frame part is drawn
// once for every frame with its key, so a field the key leaves out would
// put one page's frame on another.
func TestFrameKey(t *testing.T) {
	keyed := []string{"Site", "Root", "Home", "Nav", "Footer", "Trail", "Charts", "Embed", "links", "key", "kind", "parts"}
	var fields []string
	for f := range reflect.TypeFor[Frame]().Fields() {
		fields = append(fields, f.Name)
	}
	if !reflect.DeepEqual(fields, keyed) {
		t.Fatalf("Frame has fields %v, makeKey knows %v: put the new field's value in the key, then here", fields, keyed)
	}
	base := func() *Frame {
		return &Frame{Root: "../", Home: "../", Nav: []NavItem{{Title: "Reports", URL: "reports/", Href: "../reports/"}},
			Footer: []NavItem{{Title: "About", URL: "about/", Href: "../about/"}}, Trail: []Crumb{{Title: "Home", Href: "../"}}}
	}
	changes := map[string]func(f *Frame){
		"root":         func(f *Frame) { f.Root = "../../" },
		"home":         func(f *Frame) { f.Home = "../index.html" },
		"root prefix":  func(f *Frame) { f.links.rootPrefix = "/" },
		"portable":     func(f *Frame) { f.links.portable = true },
		"charts":       func(f *Frame) { f.Charts = true },
		"embed":        func(f *Frame) { f.Embed = true },
		"nav current":  func(f *Frame) { f.Nav[0].Current = true },
		"nav title":    func(f *Frame) { f.Nav[0].Title = "Minutes" },
		"nav href":     func(f *Frame) { f.Nav[0].Href = "reports/" },
		"nav item":     func(f *Frame) { f.Nav = append(f.Nav, NavItem{Title: "Data"}) },
		"footer title": func(f *Frame) { f.Footer[0].Title = "About us" },
		"footer moved": func(f *Frame) { f.Nav, f.Footer = append(f.Nav, f.Footer...), nil },
		"trail title":  func(f *Frame) { f.Trail[0].Title = "Start" },
		"trail href":   func(f *Frame) { f.Trail[0].Href = "../../" },
		"no trail":     func(f *Frame) { f.Trail = nil },
		// Quoted values cannot run into each other.
		"title split": func(f *Frame) { f.Nav[0].Title, f.Nav[0].URL = "Reportsreports/", "" },
	}
	want := base().makeKey()
	for name, change := range changes {
		f := base()
		change(f)
		if f.makeKey() == want {
			t.Errorf("%s: the key does not change", name)
		}
	}
}

// TestFrameShared checks that the frame parts, drawn once and spliced,
// give each page its own: links relative to its depth, its own section
// marked current, its own breadcrumb and date, and every title from the
// content escaped.
func TestFrameShared(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/minutes/index.md":      "---\ntitle: Minutes <script>alert(1)</script>\n---\nThe minutes.\n",
		"content/minutes/may.md":        "---\ntitle: May <b>meeting</b>\ndate: 2024-05-02\n---\nMay.\n",
		"content/minutes/june.md":       "---\ntitle: June meeting\ndate: 2024-06-06\n---\nJune.\n",
		"content/minutes/2024/march.md": "---\ntitle: March meeting\n---\nMarch.\n",
		"content/help.md":               "---\ntitle: Help \" onmouseover=\"alert(2)\n---\nHelp.\n",
	})
	out := build(t, dir, Options{})
	page := func(p string) string {
		t.Helper()
		b, ok := out.Files[p]
		if !ok {
			t.Fatalf("no %s", p)
		}
		return string(b)
	}
	checkFiles(t, out, []fileWants{
		{file: "minutes/may/index.html", has: []string{
			`<a href="../../minutes/" aria-current="page">Minutes &lt;script&gt;alert(1)&lt;/script&gt;</a>`,
			`<li><a href="../../minutes/">Minutes &lt;script&gt;alert(1)&lt;/script&gt;</a></li>`,
			`<li><span aria-current="page">May &lt;b&gt;meeting&lt;/b&gt;</span></li>`,
			`<a href="../../help/">Help &#34; onmouseover=&#34;alert(2)</a>`,
			`<link rel="stylesheet" href="../../assets/site.`,
			"Published 2 May 2024</p>",
		}},
		{file: "minutes/june/index.html", has: []string{
			`<a href="../../minutes/" aria-current="page">`,
			`<li><span aria-current="page">June meeting</span></li>`,
			"Published 6 June 2024</p>",
		}, hasnt: []string{"May"}},
		{file: "minutes/2024/march/index.html", has: []string{
			`<a href="../../../minutes/" aria-current="page">`,
			`<link rel="stylesheet" href="../../../assets/site.`,
			`<a href="../../../help/">`,
			`Reports feed (Atom)</a></p>`,
		}},
		{file: "help/index.html", has: []string{
			`<a href="../minutes/">Minutes &lt;script&gt;`,
			`<li><span aria-current="page">Help &#34; onmouseover=&#34;alert(2)</span></li>`,
		}, hasnt: []string{`aria-current="page">Minutes`}},
		{file: "index.html", has: []string{`<a href="./" aria-current="page">Overview</a>`}, hasnt: []string{`class="breadcrumbs"`}},
	})
	// Each page marks its own section in the navigation, and only that.
	current := regexp.MustCompile(`<li><a href="[^"]*" aria-current="page">([^<]*)</a></li>`)
	header := regexp.MustCompile(`(?s)<header.*</header>`)
	for p, want := range map[string]string{
		"index.html": "Overview", "help/index.html": "", "about/index.html": "", "minutes/index.html": "Minutes &lt;script&gt;alert(1)&lt;/script&gt;",
		"minutes/may/index.html": "Minutes &lt;script&gt;alert(1)&lt;/script&gt;", "reports/index.html": "Reports", "reports/q2/index.html": "Reports",
		"metrics/index.html": "Metrics", "metrics/uptime/index.html": "Metrics", "search/index.html": "Search", "data/index.html": "Data",
	} {
		var got []string
		for _, m := range current.FindAllStringSubmatch(header.FindString(page(p)), -1) {
			got = append(got, m[1])
		}
		if want == "" && len(got) != 0 || want != "" && !reflect.DeepEqual(got, []string{want}) {
			t.Errorf("%s marks %q current in its navigation, want %q", p, got, want)
		}
	}
	// Pages of one section at one depth share their frame, byte for byte,
	// apart from what is the page's own.
	own := regexp.MustCompile(`(?s)<title>.*?</head>|<span aria-current="page">.*?</span>|<main.*</main>| · Published [^<]*`)
	may, june := own.ReplaceAllString(page("minutes/may/index.html"), ""), own.ReplaceAllString(page("minutes/june/index.html"), "")
	if may != june {
		t.Errorf("two pages of one section differ in their frame:\n%s\n%s", may, june)
	}
	if !strings.Contains(may, `class="site-footer"`) {
		t.Errorf("no footer in %s", may)
	}
}

// TestOwnLayout checks that a theme's own layout still draws the page as
// it says, frame parts or none: one that draws .Nav itself, and one that
// overrides a frame part.
func TestOwnLayout(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, map[string]string{
		"site.yaml": "title: Small\ntheme: council\nbase_url: https://example.org/\n",
		"themes/council/layouts/base.html": `{{define "base"}}<nav>{{range .Nav}}<a href="{{.Href}}"{{if .Current}} class="here"{{end}}>{{.Title}}</a>{{end}}</nav>` +
			`<ol>{{range .Breadcrumbs}}<li>{{.Title}}</li>{{end}}</ol>{{block "main" .}}{{end}}{{frame "mine" .Frame}}{{end}}` +
			`{{define "mine"}}<footer>{{.Root}}feed.xml {{.Site.Title}}</footer>{{end}}`,
	})
	out := build(t, dir, Options{})
	checkFiles(t, out, []fileWants{
		{file: "about/index.html", has: []string{`<a href="../">Overview</a>`, `<li>Home</li><li>About</li>`, "<footer>../feed.xml Small</footer>"},
			hasnt: []string{`class="site-header"`}},
		{file: "reports/index.html", has: []string{`<a href="../reports/" class="here">Reports</a>`, "<footer>../feed.xml Small</footer>"}},
	})
}

// TestThemePart draws a template as each page kind would: a page file
// that redefines a partial draws its own, every other kind the partial's.
func TestThemePart(t *testing.T) {
	site := fstest.MapFS{
		"themes/mine/partials/note.html": {Data: []byte(`{{define "note"}}<p>shared {{.}}</p>{{end}}`)},
		"themes/mine/pages/odd.html":     {Data: []byte(`{{define "main"}}odd{{end}}{{define "note"}}<p>odd {{.}}</p>{{end}}`)},
	}
	en, _ := words.Load("en", nil, "")
	th, err := theme.Load(site, "mine", funcsFor(en))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		kind, name string
		defines    bool
		want       string
	}{
		{"odd", "note", true, "<p>odd &lt;b&gt;</p>"},
		{"odd", "main", true, "odd"},
		{"report", "note", false, "<p>shared &lt;b&gt;</p>"},
		{"", "note", false, "<p>shared &lt;b&gt;</p>"},
		{"odd", "base", false, ""},
		{"report", "table", false, ""},
	} {
		if got := th.Defines(c.kind, c.name); got != c.defines {
			t.Errorf("Defines(%q, %q) = %v", c.kind, c.name, got)
		}
		if c.want == "" {
			continue
		}
		out, err := th.Part(c.kind, c.name, "<b>")
		if err != nil || string(out) != c.want {
			t.Errorf("Part(%q, %q) = %q, %v; want %q", c.kind, c.name, out, err, c.want)
		}
	}
}

// TestTableKey keeps tableKey in step with chart.Table: a table is drawn
// once for every table with its key, so a value the key leaves out would
// put one figure's table on another's page.
func TestTableKey(t *testing.T) {
	exported := func(typ reflect.Type) []string {
		var out []string
		for f := range typ.Fields() {
			if f.IsExported() {
				out = append(out, f.Name)
			}
		}
		return out
	}
	for typ, keyed := range map[reflect.Type][]string{
		reflect.TypeFor[chart.Table](): {"Caption", "Key", "Head", "Rows", "EarlierNote"},
		reflect.TypeFor[chart.Row]():   {"Head", "Cells", "Earlier"},
		reflect.TypeFor[chart.Cell]():  {"Text", "Num", "Status", "StatusClass", "Title", "Label"},
	} {
		if got := exported(typ); !reflect.DeepEqual(got, keyed) {
			t.Errorf("%s has fields %v, tableKey knows %v: put the new field's value in the key, then here", typ, got, keyed)
		}
	}
	on, off := model.OnTrack, model.OffTrack
	base := func() chart.Table {
		return chart.Table{Caption: "Claims", Head: []string{"Period", "North"}, Key: []string{"[p] provisional"},
			Rows: []chart.Row{{Head: "Q1", Cells: []chart.Cell{{Text: "17", Num: true, Status: &on, StatusClass: "on", Title: "rule"}}}}}
	}
	changes := map[string]func(t *chart.Table){
		"caption":      func(t *chart.Table) { t.Caption = "Claims days" },
		"earlier note": func(t *chart.Table) { t.EarlierNote = "Earlier figures are in figures.csv." },
		"key":          func(t *chart.Table) { t.Key = nil },
		"head":         func(t *chart.Table) { t.Head[1] = "South" },
		"key to head":  func(t *chart.Table) { t.Head, t.Key = append(t.Key, t.Head...), nil },
		"row head":     func(t *chart.Table) { t.Rows[0].Head = "Q2" },
		"earlier":      func(t *chart.Table) { t.Rows[0].Earlier = true },
		"no row":       func(t *chart.Table) { t.Rows = nil },
		"cell text":    func(t *chart.Table) { t.Rows[0].Cells[0].Text = "18" },
		"cell num":     func(t *chart.Table) { t.Rows[0].Cells[0].Num = false },
		"status":       func(t *chart.Table) { t.Rows[0].Cells[0].Status = &off },
		"no status":    func(t *chart.Table) { t.Rows[0].Cells[0].Status = nil },
		"class":        func(t *chart.Table) { t.Rows[0].Cells[0].StatusClass = "off" },
		"title":        func(t *chart.Table) { t.Rows[0].Cells[0].Title = "other" },
		"text split":   func(t *chart.Table) { t.Rows[0].Cells[0].Text, t.Rows[0].Cells[0].StatusClass = "17on", "" },
	}
	want := tableKey(base())
	for name, change := range changes {
		tb := base()
		change(&tb)
		if tableKey(tb) == want {
			t.Errorf("%s: the key does not change", name)
		}
	}
}

// TestTableShared checks that a metric's table, drawn once, is the same
// on every page that shows it, figures and all.
func TestTableShared(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	table := regexp.MustCompile(`(?s)<div class="table-wrap" role="region" aria-label="System availability[^"]*".*?</table>`)
	var tables []string
	for _, p := range []string{"metrics/uptime/index.html", "embed/uptime/index.html", "services/ict/index.html", "goals/resilience/index.html"} {
		got := table.FindString(string(out.Files[p]))
		if got == "" {
			t.Fatalf("%s has no table of uptime", p)
		}
		tables = append(tables, got)
	}
	for i, tb := range tables[1:] {
		if tb != tables[0] {
			t.Errorf("page %d's table of uptime differs from its own page's:\n%s\n%s", i+1, tb, tables[0])
		}
	}
	if !strings.Contains(tables[0], "99.1") {
		t.Errorf("the table lacks its figures: %s", tables[0])
	}
}

// TestOwnParts overrides the parts drawn once and shared: a theme's own
// table partial is drawn on every page with a table, and a page file
// that redefines a frame part draws it on its own pages only.
func TestOwnParts(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, map[string]string{
		"site.yaml":                          "title: Small\ntheme: council\nbase_url: https://example.org/\n",
		"themes/council/partials/table.html": `{{define "table"}}<table class="council">{{range .Rows}}<tr><th>{{.Head}}</th></tr>{{end}}</table>{{end}}`,
		"themes/council/pages/page.html":     `{{define "main"}}<h1>{{.Page.Title}}</h1>{{end}}{{define "frame-foot"}}<footer class="council">{{.Site.Title}}{{end}}`,
	})
	out := build(t, dir, Options{})
	checkFiles(t, out, []fileWants{
		{file: "about/index.html", has: []string{`<footer class="council">Small</p>`}, hasnt: []string{`class="site-footer"`}},
		{file: "reports/q2/index.html", has: []string{`<footer class="site-footer">`}, hasnt: []string{`<footer class="council">`}},
		{file: "metrics/uptime/index.html", has: []string{`<table class="council"><tr><th>2024/25 Q1</th></tr>`}, hasnt: []string{`figure-table`}},
		{file: "embed/uptime/index.html", has: []string{`<table class="council"><tr><th>2024/25 Q1</th></tr>`}, hasnt: []string{`figure-table`}},
	})
}
