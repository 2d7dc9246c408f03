package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestExampleSite builds the repository's own example site, which must have
// no problems at all: it is what a council copies to start.
func TestExampleSite(t *testing.T) {
	out, pl, err := Build(os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pl.All() {
		t.Errorf("example site: %s", p)
	}
	for _, p := range []string{"index.html", "goals/efficiency/index.html", "services/ict/index.html", "partners/east-herts/index.html",
		"metrics/rb-new-claims-days/index.html", "reports/index.html", "reports/2026-27-q2/index.html", "about/index.html",
		"data/index.html", "data/performance.csv", "data/data.json", "sitemap.xml", "feed.xml", "404.html", "assets/site.css"} {
		if _, ok := out.Files[p]; !ok {
			t.Errorf("example site lacks %s", p)
		}
	}
	if !strings.Contains(string(out.Files["feed.xml"]), "<id>https://shared-services.example.org/reports/2026-27-q2/</id>") {
		t.Error("feed lacks the latest report")
	}
	for _, p := range out.Paths() {
		notice := "All figures on this site are illustrative."
		if strings.HasPrefix(p, "cy/") {
			notice = "Mae pob ffigur ar y wefan hon yn enghreifftiol."
		}
		if strings.HasSuffix(p, ".html") && !strings.Contains(string(out.Files[p]), notice) {
			t.Errorf("%s does not say the figures are illustrative", p)
		}
	}
	// docs/data.md's worked example: the DWP table as saved from Excel,
	// its first figure read from line 5, Stevenage named by its GSS code.
	if perf := string(out.Files["data/performance.csv"]); !strings.Contains(perf,
		"rb-new-claims-days,2023/24 Q1,stevenage,19.5,,18,0.9,Off track,Off track: more than 0.9 days above the target of 18 days,First figure,,data/performance/rb-new-claims-days.csv,5\n") {
		t.Error("the example's wide DWP table is not read as docs/data.md says")
	}
}

// TestThemeOverride replaces one template and adds one asset; everything
// else still comes from the built-in theme.
func TestThemeOverride(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	files := map[string]string{
		"themes/council/pages/page.html": `{{define "main"}}<h1>Council: {{.Page.Title}}</h1>{{.Body}}{{end}}`,
		"themes/council/assets/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"site.yaml":                      "title: Small\ntheme: council\nbase_url: https://example.org/\n",
	}
	sitetest.WriteFiles(t, dir, files)
	out := build(t, dir, Options{})
	if !strings.Contains(string(out.Files["about/index.html"]), "<h1>Council: About</h1>") {
		t.Error("the site's page template did not override the default")
	}
	if !strings.Contains(string(out.Files["about/index.html"]), `<a class="skip-link"`) {
		t.Error("the default base layout was lost")
	}
	if _, ok := out.Files["assets/logo.svg"]; !ok {
		t.Error("the theme's asset was not copied")
	}
	if _, ok := out.Files["assets/site.css"]; !ok {
		t.Error("the default stylesheet was not kept")
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: S\ntheme: missing\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Build(os.DirFS(dir), Options{}); err == nil || !strings.Contains(err.Error(), `site.yaml:1: theme "missing": there is no folder themes/missing`) {
		t.Errorf("missing theme: %v", err)
	}
}

// TestStatement checks the accessibility statement: on every site, linked
// from every page, with the date from the input and the contact from
// site.yaml, naming the axe-core version that package.json pins.
func TestStatement(t *testing.T) {
	pkg, err := os.ReadFile("../../package.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pkg), `"axe-core": "`+AxeVersion+`"`) {
		t.Errorf("package.json does not pin axe-core %s, which the statement names", AxeVersion)
	}
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	st := string(out.Files["accessibility/index.html"])
	for _, want := range []string{
		"<h1>Accessibility statement</h1>",
		"axe-core " + AxeVersion,
		"This statement was prepared on 1 November 2024.", // the newest content date in small.txtar
		`contact Test Team by email at <a href="mailto:test@example.org">test@example.org</a>.`,
		"Equality Advisory and Support Service",
	} {
		if !strings.Contains(st, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
	for _, p := range out.Paths() {
		if strings.HasSuffix(p, ".html") && !strings.Contains(string(out.Files[p]), "Accessibility statement</a>") {
			t.Errorf("%s does not link to the accessibility statement", p)
		}
	}
	// The council's own words and date, from content/accessibility.md.
	writeTo := filepath.Join(dir, "content", "accessibility.md")
	if err := os.WriteFile(writeTo, []byte("---\ntitle: Accessibility\ndate: 2026-10-01\n---\nOur PDF archive before 2020 is not accessible.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = build(t, dir, Options{})
	st = string(out.Files["accessibility/index.html"])
	if !strings.Contains(st, "prepared on 1 October 2026") || !strings.Contains(st, "Our PDF archive before 2020 is not accessible.") {
		t.Error("content/accessibility.md did not feed the statement")
	}
}
