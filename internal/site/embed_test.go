package site

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// offeredCode is the embed code a built page shows, as a web team would
// copy it: the text of the <pre><code> in "Embed this chart".
func offeredCode(t *testing.T, page string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<summary>Embed this chart</summary>.*?<pre><code>(.*?)</code></pre>`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// TestEmbedCode: the code offered is an iframe with a fixed height to fall
// back on, named by the figure's embed address, and the site's embed.js
// from its plain, unhashed address, both full addresses under base_url.
func TestEmbedCode(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	got := offeredCode(t, string(out.Files["metrics/uptime/index.html"]))
	want := `<iframe src="https://example.org/small/embed/uptime/" title="System availability: just short of the target of 99.5%" data-partnersite-embed="embed/uptime/" width="100%" height="620" style="border: 0; width: 100%; max-width: 100%;" loading="lazy"></iframe>` + "\n" +
		`<script src="https://example.org/small/assets/embed.js" defer></script>`
	if got != want {
		t.Errorf("the code offered is\n%s\nwant\n%s", got, want)
	}
	for _, f := range []string{"assets/embed.js", "assets/framed.js"} {
		if len(out.Files[f]) == 0 {
			t.Errorf("%s is not published under its plain name", f)
		}
	}
	if !strings.Contains(string(out.Files["assets/embed.js"]), `"message"`) {
		t.Error("assets/embed.js does not listen for the framed page's messages")
	}
	savings := offeredCode(t, string(out.Files["index.html"]))
	if !strings.Contains(savings, `src="https://example.org/small/embed/savings/"`) || !strings.Contains(savings, `data-partnersite-embed="embed/savings/"`) {
		t.Errorf("the savings chart offers %q", savings)
	}
}

// TestEmbedCodeWithoutBaseURL: with no base_url no code is offered (a
// relative src breaks once pasted elsewhere); the disclosure says what to
// set, and the build's warning names the embed codes.
func TestEmbedCodeWithoutBaseURL(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	yaml := filepath.Join(dir, "site.yaml")
	b, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(yaml, []byte(strings.Replace(string(b), "base_url: https://example.org/small/\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, pl, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	metric := string(out.Files["metrics/uptime/index.html"])
	if strings.Contains(metric, "&lt;iframe") || offeredCode(t, metric) != "" {
		t.Error("a code is offered without base_url")
	}
	if !strings.Contains(metric, "<summary>Embed this chart</summary>") || !strings.Contains(metric, "Set <code>base_url</code> in <code>site.yaml</code>") {
		t.Error("the disclosure does not say to set base_url")
	}
	warned := false
	for _, p := range pl.All() {
		warned = warned || strings.Contains(p.String(), "base_url is not set") && strings.Contains(p.String(), "embed code")
	}
	if !warned {
		t.Errorf("no warning names the embed codes: %v", pl.All())
	}
	if got, want := string(out.Files["robots.txt"]), "User-agent: *\nAllow: /\n"; got != want {
		t.Errorf("robots.txt without base_url is %q, want %q", got, want)
	}
}

// TestEmbedPagesNotIndexed: embed pages are bare copies of charts, for
// framing: they carry noindex and stay out of the sitemap, which robots.txt
// names; the pages they come from are indexed.
func TestEmbedPagesNotIndexed(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	const noindex = `<meta name="robots" content="noindex">`
	embeds := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		page := string(out.Files[p])
		if strings.HasPrefix(p, "embed/") {
			embeds++
			if !strings.Contains(page, noindex) {
				t.Errorf("%s lacks noindex", p)
			}
			if strings.Contains(page, `rel="canonical"`) {
				t.Errorf("%s has a canonical address beside its noindex", p)
			}
		} else if strings.Contains(page, noindex) {
			t.Errorf("%s carries noindex", p)
		}
	}
	if embeds < 3 {
		t.Errorf("%d embed pages", embeds)
	}
	sm := string(out.Files["sitemap.xml"])
	if strings.Contains(sm, "/embed/") {
		t.Errorf("the sitemap lists embed pages:\n%s", sm)
	}
	if !strings.Contains(sm, "<loc>https://example.org/small/metrics/uptime/</loc>") {
		t.Error("the sitemap lost the metric pages")
	}
	if got, want := string(out.Files["robots.txt"]), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/small/sitemap.xml\n"; got != want {
		t.Errorf("robots.txt is %q, want %q", got, want)
	}
}

// TestEmbedPageLeadsWithTheChart: on the embed page the chart comes
// straight after the figure's title, the table one click away in a
// disclosure, and the page loads the script that reports its height.
func TestEmbedPageLeadsWithTheChart(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	page := string(out.Files["embed/uptime/index.html"])
	h1 := strings.Index(page, `<h1 class="figure-title embed-title">`)
	chart := strings.Index(page, `<div class="chart"`)
	details := strings.Index(page, `<details class="embed-table">`)
	table := strings.Index(page, "<table")
	if h1 < 0 || chart < h1 || details < chart || table < details || strings.Count(page, "<h1") != 1 {
		t.Errorf("the embed page does not lead with its title and chart, the table in a disclosure: h1 %d, chart %d, details %d, table %d", h1, chart, details, table)
	}
	if !regexp.MustCompile(`<script defer src="\.\./\.\./assets/framed\.[0-9a-f]+\.js"></script>`).MatchString(page) {
		t.Error("the embed page does not load framed.js")
	}
	if strings.Contains(string(out.Files["metrics/uptime/index.html"]), "framed.") {
		t.Error("a page that is not an embed loads framed.js")
	}
}

// TestEmbedsDeterministic: two builds give the same embed code, embed
// pages and robots.txt, byte for byte.
func TestEmbedsDeterministic(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	a, b := build(t, dir, Options{}), build(t, dir, Options{})
	for _, p := range []string{"metrics/uptime/index.html", "embed/uptime/index.html", "embed/savings/index.html", "robots.txt", "sitemap.xml", "assets/embed.js"} {
		if string(a.Files[p]) != string(b.Files[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestPreviewServesEmbedFiles: partnersite serve answers robots.txt and
// the plain-named embed.js as a build writes them, and its sitemap leaves
// the embed pages out too.
func TestPreviewServesEmbedFiles(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	s, _, err := Open(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"robots.txt", "assets/embed.js", "sitemap.xml"} {
		live, _, ok, err := s.File(name)
		if err != nil || !ok {
			t.Errorf("the preview does not serve %s: ok %v, %v", name, ok, err)
			continue
		}
		if string(live) != string(out.Files[name]) {
			t.Errorf("the preview's %s differs from a build's:\n%s", name, live)
		}
	}
}
