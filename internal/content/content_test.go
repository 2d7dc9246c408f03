package content

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnersite/partnersite/internal/problem"
)

func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadOne(t *testing.T, body string) (*Set, *Parsed, []string) {
	t.Helper()
	dir := write(t, map[string]string{"content/about.md": body})
	var pl problem.List
	set := Load(os.DirFS(dir), Options{}, &pl)
	var pp *Parsed
	if len(set.Pages) == 1 {
		pp = set.Parse(set.Pages[0], &pl)
	}
	var probs []string
	for _, p := range pl.All() {
		probs = append(probs, p.String())
	}
	return set, pp, probs
}

func render(t *testing.T, body string) string {
	t.Helper()
	set, p, probs := loadOne(t, "---\ntitle: T\n---\n"+body)
	if p == nil || len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	for _, sc := range p.Shortcodes {
		sc.HTML = []byte("[" + sc.Name + "]")
	}
	h, err := set.Render(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // substrings of the output
		not      []string // must not appear
	}{
		{"GFM table with scope and alignment classes", "| Year | Saving |\n|---|---:|\n| 2024/25 | £1,000 |\n",
			[]string{`<th scope="col">Year</th>`, `<th scope="col" class="align-right">Saving</th>`, `<td class="align-right">£1,000</td>`}, []string{"style="}},
		{"strikethrough", "~~old~~ new", []string{"<del>old</del> new"}, nil},
		{"autolink", "see www.example.gov.uk today", []string{`<a href="http://www.example.gov.uk">www.example.gov.uk</a>`}, nil},
		{"footnotes", "A claim.[^1]\n\n[^1]: The source.\n", []string{`<sup id="fnref:1">`, `The source.`}, nil},
		{"heading anchors, and # becomes h2", "# Summary\n\n## Costs and savings\n", []string{`<h2 id="summary">Summary</h2>`, `<h2 id="costs-and-savings">`}, []string{"<h1"}},
		{"raw HTML is dropped", "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> more",
			[]string{"<!-- raw HTML omitted -->"}, []string{"<script", "<img", "onerror"}},
		{"javascript links become text", "[click](javascript:alert(1)) and [x](JaVaScRiPt:alert(2)) and <javascript:alert(3)>",
			[]string{"click and x and javascript:alert(3)"}, []string{"<a", "href"}},
		{"other script URLs", "[a](vbscript:msgbox) [b](data:text/html,<script>alert(1)</script>) ![c](javascript:alert(1))",
			[]string{"a b c"}, []string{"<a", "<img", "href", "src="}},
		{"safe links stay", "[gov](https://www.gov.uk) [page](../reports/) [mail](mailto:a@b.gov.uk)",
			[]string{`<a href="https://www.gov.uk">gov</a>`, `<a href="../reports/">page</a>`, `<a href="mailto:a@b.gov.uk">mail</a>`}, nil},
		{"block shortcode leaves the paragraph", "Intro.\n\n{{< chart metric=\"uptime\" >}}\n\nAfter.",
			[]string{"<p>Intro.</p>\n[chart]<p>After.</p>"}, []string{"<p>[chart]"}},
		{"inline shortcode stays in its sentence", `Availability was {{< value metric="uptime" >}} this quarter.`,
			[]string{"<p>Availability was [value] this quarter.</p>"}, nil},
		{"shortcodes in code stay literal", "`{{< chart metric=\"x\" >}}`\n\n```\n{{< scorecard >}}\n```\n",
			[]string{"<code>{{&lt; chart metric=&quot;x&quot; &gt;}}</code>", "{{&lt; scorecard &gt;}}"}, []string{"[chart]", "[scorecard]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.in)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("output has %q:\n%s", n, got)
				}
			}
		})
	}
}

func TestShortcodeLines(t *testing.T) {
	_, p, probs := loadOne(t, "---\ntitle: T\ndate: 2025-07-01\n---\n\nFirst {{< value metric=\"a\" show=\"status\" >}}.\n\n{{< chart metric=\"b\" partner=\"north\" >}}\n\n{{< chart metric=\"c\"\n")
	want := []string{"content/about.md:10: a shortcode opened with {{< must close with >}} on the same line"}
	if !slices.Equal(probs, want) {
		t.Errorf("problems = %q, want %q", probs, want)
	}
	if len(p.Shortcodes) != 3 {
		t.Fatalf("shortcodes = %d", len(p.Shortcodes))
	}
	a, b := p.Shortcodes[0], p.Shortcodes[1]
	if a.Name != "value" || a.Line != 6 || a.Block || a.Arg("show") != "status" {
		t.Errorf("first = %+v", a)
	}
	if b.Name != "chart" || b.Line != 8 || !b.Block || b.Arg("partner") != "north" {
		t.Errorf("second = %+v", b)
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"good", "---\ntitle: About\ndate: 15/07/2025\nperiod: 2025/26 Q1\nsummary: S\n---\nBody", nil},
		{"YAML syntax error names its line", "---\ntitle: About\nsummary: a: b\n---\nBody",
			[]string{"content/about.md:3: front matter: YAML syntax: mapping values are not allowed in this context"}},
		{"bad values name their lines", "---\ntitle: About\ndate: 2025-13-01\nperiod: Q1\ndraft: maybe\ncolour: red\n---\n",
			[]string{
				`content/about.md:3: front matter: date "2025-13-01" is not a date: there is no such day; write dates as YYYY-MM-DD or DD/MM/YYYY (day first)`,
				`content/about.md:4: front matter: period "Q1" is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024)`,
				`content/about.md:5: front matter: draft must be true or false, not "maybe"`,
				`content/about.md:6: warning: front matter: unknown setting "colour" is ignored; the settings are title, date, period, summary and draft, and on a report approved_by and approved`,
			}},
		{"unknown settings of any shape are warnings", "---\ntitle: About\ntags: [a, b]\nauthor:\n  name: Jo\nlayout: post\n---\n",
			[]string{
				`content/about.md:3: warning: front matter: unknown setting "tags" is ignored; the settings are title, date, period, summary and draft, and on a report approved_by and approved`,
				`content/about.md:4: warning: front matter: unknown setting "author" is ignored; the settings are title, date, period, summary and draft, and on a report approved_by and approved`,
				`content/about.md:6: warning: front matter: unknown setting "layout" is ignored; the settings are title, date, period, summary and draft, and on a report approved_by and approved`,
			}},
		{"unclosed", "---\ntitle: About\n", []string{
			"content/about.md:1: front matter opens with --- but never closes; end it with a line of ---",
		}},
		{"title from the first heading", "# About us\n\nText", nil},
		{"no title at all", "Text", []string{`content/about.md:1: the page has no title; add "title: ..." to its front matter`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p, probs := loadOne(t, tt.in)
			if !slices.Equal(probs, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.name == "title from the first heading" && p.Page.Title != "About us" {
				t.Errorf("title = %q", p.Page.Title)
			}
			if tt.name == "good" && (p.Page.Date.Format("2006-01-02") != "2025-07-15" || p.Page.Period.String() != "2025/26 Q1" || p.Page.Summary != "S") {
				t.Errorf("page = %+v", p.Page)
			}
		})
	}
}

func TestClassifyAndDrafts(t *testing.T) {
	dir := write(t, map[string]string{
		"content/index.md":               "Home",
		"content/reports/index.md":       "Intro",
		"content/reports/2025-q1.md":     "---\ntitle: Q1\n---\n",
		"content/reports/draft.md":       "---\ntitle: D\ndraft: true\n---\n{{< nonsense\n",
		"content/services/ict.md":        "ICT notes",
		"content/guides/how/index.md":    "# How",
		"content/guides/glossary.md":     "# Glossary",
		"content/Bad Name.md":            "# Bad",
		"content/reports/2025/nested.md": "# Nested",
	})
	for _, drafts := range []bool{false, true} {
		var pl problem.List
		set := Load(os.DirFS(dir), Options{Drafts: drafts}, &pl)
		var got []string
		for _, p := range set.Pages {
			got = append(got, p.Path+" "+p.URL)
		}
		want := []string{
			"content/guides/glossary.md guides/glossary/",
			"content/guides/how/index.md guides/how/",
			"content/index.md ",
			"content/reports/2025-q1.md reports/2025-q1/",
			"content/reports/index.md reports/",
			"content/services/ict.md services/ict/",
		}
		if drafts {
			want = slices.Insert(want, 4, "content/reports/draft.md reports/draft/")
		}
		if !slices.Equal(got, want) {
			t.Errorf("drafts=%v pages:\n%s\nwant:\n%s", drafts, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		wantProbs := []string{
			`content/Bad Name.md:1: "Bad Name.md" cannot be part of a web address: name files and folders with lower-case letters, digits and hyphens`,
			"content/reports/2025/nested.md:1: content/reports/ holds pages directly, not in sub-folders; move this file up to content/reports/",
		}
		var probs []string
		for _, p := range pl.All() {
			probs = append(probs, p.String())
		}
		if !slices.Equal(probs, wantProbs) {
			t.Errorf("drafts=%v problems:\n%s", drafts, strings.Join(probs, "\n"))
		}
	}
}

func TestPortableURL(t *testing.T) {
	for in, want := range map[string]string{
		"../data/":            "../data/index.html",
		"reports/q2/#costs":   "reports/q2/index.html#costs",
		"..":                  "../index.html",
		"../data/data.json":   "../data/data.json",
		"https://www.gov.uk/": "https://www.gov.uk/",
		"#summary":            "#summary",
		"/absolute/":          "/absolute/",
		"mailto:a@b.gov.uk":   "mailto:a@b.gov.uk",
	} {
		if got := portableURL(in); got != want {
			t.Errorf("portableURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUpdate(t *testing.T) {
	dir := write(t, map[string]string{
		"content/a.md": "# A\n",
		"content/b.md": "---\ntitle: B\ndate: nonsense\n---\n",
		"content/c.md": "# C\n",
	})
	var pl problem.List
	set := Load(os.DirFS(dir), Options{}, &pl)
	if pl.Errors() != 1 {
		t.Fatalf("problems: %v", pl.All())
	}
	// c changes, a is deleted, d is new; b keeps its problem.
	if err := os.WriteFile(filepath.Join(dir, "content/c.md"), []byte("# C again\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/a.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/d.md"), []byte("# D\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var pl2 problem.List
	next := set.Update(os.DirFS(dir), []string{"content/c.md", "content/a.md", "content/d.md"}, &pl2)
	var got []string
	for _, p := range next.Pages {
		got = append(got, p.Path+"="+p.Title)
	}
	if want := []string{"content/b.md=B", "content/c.md=C again", "content/d.md=D"}; !slices.Equal(got, want) {
		t.Errorf("pages after update = %v, want %v", got, want)
	}
	if pl2.Errors() != 1 || next.Pages[0] != set.Pages[1] {
		t.Errorf("unchanged page b was not shared or lost its problem: %v", pl2.All())
	}
}

// TestWindows1252Markdown: a page saved by an editor as Windows-1252 is
// read as such, never published as invalid UTF-8.
func TestWindows1252Markdown(t *testing.T) {
	set, p, probs := loadOne(t, "---\ntitle: Savings of \xa35m\n---\n\nCaf\xe9 costs fell by \xa3200.\n")
	if len(probs) > 0 || p == nil {
		t.Fatalf("problems: %v", probs)
	}
	html, err := set.Render(p)
	if err != nil {
		t.Fatal(err)
	}
	if p.Page.Title != "Savings of £5m" || !strings.Contains(string(html), "Café costs fell by £200.") || !utf8.Valid([]byte(html)) {
		t.Errorf("title %q, body %q", p.Page.Title, html)
	}
}

// TestLoadInPathOrder: a full load lists pages in path order, as an update
// does, though a walk visits content/about/ before content/about.md.
func TestLoadInPathOrder(t *testing.T) {
	dir := write(t, map[string]string{
		"content/about/index.md": "# About us",
		"content/about.md":       "# About",
		"content/about-us.md":    "# About us too",
	})
	var pl problem.List
	set := Load(os.DirFS(dir), Options{}, &pl)
	var got []string
	for _, p := range set.Pages {
		got = append(got, p.Path)
	}
	if want := []string{"content/about-us.md", "content/about.md", "content/about/index.md"}; !slices.Equal(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}
}

// TestSignOff reads a report's approved_by and approved from files on
// disk: both or neither on a report, in either date form, and every
// mistake at its own front matter line.
func TestSignOff(t *testing.T) {
	tests := []struct {
		name, file, in string
		by             string
		approved       string // as YYYY-MM-DD, "" for zero
		want           []string
	}{
		{"both, ISO date", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\napproved_by: the Joint Committee\napproved: 2025-11-12\n---\nBody\n",
			"the Joint Committee", "2025-11-12", nil},
		{"both, day first", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\napproved: 12/11/2025\napproved_by: Head of Shared Services\n---\nBody\n",
			"Head of Shared Services", "2025-11-12", nil},
		{"neither: not yet approved", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\n---\nBody\n", "", "", nil},
		{"bad date at its line", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\napproved_by: Joint Committee\napproved: 31/11/2025\n---\n",
			"Joint Committee", "", []string{
				`content/reports/q2.md:5: front matter: approved "31/11/2025" is not a date: there is no such day; write dates as YYYY-MM-DD or DD/MM/YYYY (day first)`,
			}},
		{"not a date at all", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\napproved_by: Joint Committee\napproved: next week\n---\n",
			"Joint Committee", "", []string{
				`content/reports/q2.md:5: front matter: approved "next week" is not a date: write dates as YYYY-MM-DD or DD/MM/YYYY (day first)`,
			}},
		{"approved alone", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\napproved: 2025-11-12\n---\n",
			"", "2025-11-12", []string{
				`content/reports/q2.md:4: front matter: approved gives the date the report was approved but not who approved it; add "approved_by: ..." naming the committee or post`,
			}},
		{"approved_by alone", "content/reports/q2.md",
			"---\ntitle: Q2\napproved_by: Joint Committee\ndate: 2025-11-01\n---\n",
			"Joint Committee", "", []string{
				`content/reports/q2.md:3: front matter: approved_by says who approved the report but not when; add "approved: YYYY-MM-DD" with the date it was approved`,
			}},
		{"approved_by empty", "content/reports/q2.md",
			"---\ntitle: Q2\ndate: 2025-11-01\napproved_by: \"\"\napproved: 2025-11-12\n---\n",
			"", "2025-11-12", []string{
				`content/reports/q2.md:4: front matter: approved_by is empty; name the committee or post that approved the report (approved_by: Joint Committee)`,
			}},
		{"on a page that is not a report", "content/minutes/june.md",
			"---\ntitle: Minutes\ndate: 2025-06-01\napproved_by: Joint Committee\napproved: 2025-07-01\n---\n",
			"", "", []string{
				`content/minutes/june.md:4: front matter: approved_by is the sign-off of a report, and only a report (content/reports/NAME.md) shows it; remove it, or say it in the page's text`,
				`content/minutes/june.md:5: front matter: approved is the sign-off of a report, and only a report (content/reports/NAME.md) shows it; remove it, or say it in the page's text`,
			}},
		{"on the reports list's introduction", "content/reports/index.md",
			"---\napproved: 2025-07-01\n---\nIntro\n",
			"", "", []string{
				`content/reports/index.md:2: front matter: approved is the sign-off of a report, and only a report (content/reports/NAME.md) shows it; remove it, or say it in the page's text`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, map[string]string{tt.file: tt.in})
			var pl problem.List
			set := Load(os.DirFS(dir), Options{}, &pl)
			var probs []string
			for _, p := range pl.All() {
				probs = append(probs, p.String())
			}
			if !slices.Equal(probs, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(set.Pages) != 1 {
				t.Fatalf("%d pages", len(set.Pages))
			}
			pg := set.Pages[0]
			approved := ""
			if !pg.Approved.IsZero() {
				approved = pg.Approved.Format("2006-01-02")
			}
			if pg.ApprovedBy != tt.by || approved != tt.approved {
				t.Errorf("approved_by %q, approved %q; want %q, %q", pg.ApprovedBy, approved, tt.by, tt.approved)
			}
		})
	}
}

// TestHasShortcodesUpdate: HasShortcodes answers from the body as last
// read, so a page saved with its first shortcode, or without its last,
// gains or loses its figures files in the preview.
func TestHasShortcodesUpdate(t *testing.T) {
	dir := write(t, map[string]string{
		"content/a.md": "# A\n\nProse.\n",
		"content/b.md": "# B\n\n{{< scorecard >}}\n",
	})
	var pl problem.List
	set := Load(os.DirFS(dir), Options{}, &pl)
	has := func(s *Set) []bool {
		var out []bool
		for _, p := range s.Pages {
			out = append(out, p.HasShortcodes())
		}
		return out
	}
	if got := has(set); !slices.Equal(got, []bool{false, true}) {
		t.Fatalf("HasShortcodes = %v, want [false true]", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/a.md"), []byte("# A\n\n{{< chart metric=\"m\" >}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/b.md"), []byte("# B\n\nProse now.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	next := set.Update(os.DirFS(dir), []string{"content/a.md", "content/b.md"}, &pl)
	if got := has(next); !slices.Equal(got, []bool{true, false}) {
		t.Errorf("HasShortcodes after the saves = %v, want [true false]", got)
	}
}

// TestLoadInParallel reads many files, some of them with problems, on one
// core and on several: files are read at once, and the set and its
// problems must not depend on the order the reads finish in.
func TestLoadInParallel(t *testing.T) {
	files := map[string]string{}
	// What each file must load as, worked out from the file alone: a
	// loader that lost a file's page or problems, or gave it another's,
	// could do so alike on one core and on eight.
	var wantPages []string
	wantProbs := map[string]string{} // by path: the start of its problem
	for i := range 300 {
		path := fmt.Sprintf("content/%s/p%03d.md", []string{"reports", "minutes", "news"}[i%3], i)
		body := fmt.Sprintf("---\ntitle: Page %d\ndate: 2025-01-%02d\n---\nText %d.\n", i, i%28+1, i)
		title := fmt.Sprintf("Page %d", i)
		switch i % 7 {
		case 3:
			body, title = "---\ntitle: [broken\n---\n", ""
			wantProbs[path] = path + ":2: front matter:"
		case 5:
			body, title = fmt.Sprintf("---\ntitle: Draft %d\ndraft: true\n---\n", i), "draft"
		case 6:
			body, title = fmt.Sprintf("---\ntitle: Odd %d\nlayout: post\n---\n", i), fmt.Sprintf("Odd %d", i)
			wantProbs[path] = path + `:3: warning: front matter: unknown setting "layout"`
		}
		files[path] = body
		if title != "draft" {
			wantPages = append(wantPages, path+" "+title)
		}
	}
	slices.Sort(wantPages)
	dir := write(t, files)
	load := func(procs int) ([]string, []string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var pl problem.List
		set := Load(os.DirFS(dir), Options{}, &pl)
		var pages, probs []string
		for _, pg := range set.Pages {
			pages = append(pages, pg.Path+" "+pg.Title)
		}
		for _, p := range pl.All() {
			probs = append(probs, p.String())
		}
		return pages, probs
	}
	pages, probs := load(1)
	// In the order of their paths, whichever read finished first.
	if !slices.Equal(pages, wantPages) {
		t.Fatalf("loaded %d pages from 300 files, want %d, each with its own title, in order:\n%v", len(pages), len(wantPages), pages)
	}
	for _, want := range wantProbs {
		if !slices.ContainsFunc(probs, func(p string) bool { return strings.HasPrefix(p, want) }) {
			t.Errorf("no problem %q among %d", want, len(probs))
		}
	}
	if len(probs) != len(wantProbs) {
		t.Errorf("%d problems from 300 files, want %d: %v", len(probs), len(wantProbs), probs)
	}
	for range 3 {
		if p, q := load(8); !slices.Equal(p, pages) || !slices.Equal(q, probs) {
			t.Fatalf("loaded on 8 cores:\n%v\n%v\nwant\n%v\n%v", p, q, pages, probs)
		}
	}
}
