package site

import (
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/words"
)

// buildExample builds the example site, which is in English and Welsh.
func buildExample(t *testing.T) *Output {
	t.Helper()
	out, pl, err := Build(os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatalf("example site: %v\n%v", err, pl.All())
	}
	return out
}

var (
	inEnglish = regexp.MustCompile(`(?is)<(span|a|p|td|div|blockquote|q)\b[^>]*\blang="en[^"]*"[^>]*>.*?</(span|a|p|td|div|blockquote|q)>`)
	readAloud = regexp.MustCompile(`\b(?:aria-label|alt|title|placeholder)="([^"]*)"`)
	// code is markup to copy (an embed code), not words; addresses are
	// the site's own, in any language.
	code      = regexp.MustCompile(`(?is)<(pre|code|textarea)\b.*?</(pre|code|textarea)>`)
	addresses = regexp.MustCompile(`\S+(?:@|://)\S+|\S+\.(?:csv|json|xml)\b`)
)

// catalogueWords are the words of a catalogue's texts, parts left out.
func catalogueWords(t *testing.T, code string) map[string]bool {
	t.Helper()
	l, probs := words.Load(code, nil, "")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	part := regexp.MustCompile(`\{[^}]*\}`)
	set := map[string]bool{}
	for _, k := range l.Keys() {
		for _, w := range wordsIn(part.ReplaceAllString(l.T(k), " ")) {
			set[w] = true
		}
	}
	return set
}

// TestNoEnglishOnWelshPages reads every Welsh page as a Welsh reader
// meets it, its text and what a screen reader reads aloud (labels, alt and
// title texts), and finds there no word of the English catalogue that
// Welsh does not share (data, a, i, o): a word of the site's own left in
// English. Text marked lang="en", a note the council gave in English only
// and the link to the English page, is English on purpose.
func TestNoEnglishOnWelshPages(t *testing.T) {
	out := buildExample(t)
	en, cy := catalogueWords(t, "en"), catalogueWords(t, "cy")
	// Words Welsh has too, which the Welsh catalogue happens not to use
	// but the example's Welsh prose does.
	alsoWelsh := map[string]bool{"set": true} // "un set o systemau"
	english := map[string]bool{}
	for w := range en {
		if alsoWelsh[w] {
			continue
		}
		// Numbers and one-letter words say nothing about the language.
		if !cy[w] && len(w) > 1 && strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			english[w] = true
		}
	}
	pages := 0
	found := map[string][]string{}
	for _, p := range out.Paths() {
		if !strings.HasPrefix(p, "cy/") || !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		page := code.ReplaceAllString(inEnglish.ReplaceAllString(string(out.Files[p]), " "), " ")
		text := visibleText(page)
		for _, m := range readAloud.FindAllStringSubmatch(page, -1) {
			text += " " + m[1]
		}
		text = addresses.ReplaceAllString(text, " ")
		for _, w := range wordsIn(text) {
			if english[w] && !slices.Contains(found[w], p) {
				found[w] = append(found[w], p)
			}
		}
	}
	if pages < 50 {
		t.Fatalf("only %d Welsh pages", pages)
	}
	for _, w := range slices.Sorted(maps.Keys(found)) {
		ps := found[w]
		t.Errorf("%q, a word of the English catalogue, is on %d Welsh pages, e.g. %s", w, len(ps), ps[0])
	}
}

var counterpartLink = regexp.MustCompile(`<a\b[^>]*\bhreflang="([^"]+)"[^>]*\bhref="([^"]+)"|<a\b[^>]*\bhref="([^"]+)"[^>]*\bhreflang="([^"]+)"`)

// TestCounterparts follows each page's link to its counterpart in the
// other language: every page of both trees has one, and it leads to the
// page at the same address in the other tree, never to its home page
// unless the page is the home page.
func TestCounterparts(t *testing.T) {
	out := buildExample(t)
	checked := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, "index.html") || strings.HasPrefix(p, "embed/") || strings.HasPrefix(p, "cy/embed/") {
			continue
		}
		welsh := strings.HasPrefix(p, "cy/")
		want := "cy/" + p
		if welsh {
			want = strings.TrimPrefix(p, "cy/")
		}
		if _, ok := out.Files[want]; !ok {
			t.Errorf("%s has no counterpart %s", p, want)
			continue
		}
		var links []string
		for _, m := range counterpartLink.FindAllStringSubmatch(string(out.Files[p]), -1) {
			href := m[2] + m[3]
			if strings.HasPrefix(href, "http") {
				continue // the alternates in the head
			}
			links = append(links, href)
		}
		if len(links) != 1 {
			t.Errorf("%s has %d links to its counterpart, want 1: %q", p, len(links), links)
			continue
		}
		got := path.Join(path.Dir(p), links[0])
		if strings.HasSuffix(links[0], "/") || links[0] == "." || strings.HasSuffix(links[0], "..") {
			got = path.Join(got, "index.html")
		}
		if got != want {
			t.Errorf("%s links its counterpart as %q, which is %s, want %s", p, links[0], got, want)
		}
		checked++
	}
	if checked < 80 {
		t.Errorf("only %d pages checked", checked)
	}
}

// TestEnglishUnchangedByWelsh builds the example without its Welsh (no
// languages setting, no Welsh pairs) and finds every English page the
// same, byte for byte, but for the lines that link to the Welsh pages.
func TestEnglishUnchangedByWelsh(t *testing.T) {
	both := buildExample(t)
	dir := sitetest.CopySite(t, "../..")
	yml := dir + "/site.yaml"
	raw, err := os.ReadFile(yml)
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, yml, regexp.MustCompile(`(?m)^languages: .*\n`).ReplaceAllString(string(raw), ""))
	err = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".cy.md") {
			err = os.Remove(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	one, pl, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatalf("%v\n%v", err, pl.All())
	}
	// The lines that name the Welsh pages: the alternates and links, and
	// robots.txt's line for the Welsh sitemap.
	welshLines := regexp.MustCompile(`(?m)^.*(?:hreflang=|/cy/sitemap\.xml).*\n`)
	n := 0
	for _, p := range one.Paths() {
		if p == ".partnersite" {
			continue
		}
		b, ok := both.Files[p]
		if !ok {
			t.Errorf("the bilingual build lacks %s", p)
			continue
		}
		if welshLines.ReplaceAllString(string(b), "") != welshLines.ReplaceAllString(string(one.Files[p]), "") {
			t.Errorf("%s differs with Welsh added, beyond the links to the Welsh page", p)
		}
		n++
	}
	if n < 100 {
		t.Errorf("only %d files compared", n)
	}
}

// The root's robots.txt names both languages' sitemaps, and each tree's
// sitemap, feed and search index are its own language's pages.
func TestEachTreesFiles(t *testing.T) {
	out := buildExample(t)
	robots := string(out.Files["robots.txt"])
	for _, want := range []string{"Sitemap: https://shared-services.example.org/sitemap.xml\n", "Sitemap: https://shared-services.example.org/cy/sitemap.xml\n"} {
		if !strings.Contains(robots, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
	for file, want := range map[string]string{
		"cy/sitemap.xml":    "<loc>https://shared-services.example.org/cy/about/</loc>",
		"cy/feed.xml":       "<title>Adroddiad perfformiad Chwarter 2 2026/27</title>",
		"cy/search.json":    `"t":"Nodau"`,
		"sitemap.xml":       "<loc>https://shared-services.example.org/about/</loc>",
		"cy/data/data.json": `"name": "Cyngor Bwrdeistref Stevenage"`,
	} {
		if !strings.Contains(string(out.Files[file]), want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
	if strings.Contains(string(out.Files["sitemap.xml"]), "/cy/") || strings.Contains(string(out.Files["cy/sitemap.xml"]), "example.org/about/") {
		t.Error("a sitemap lists the other language's pages")
	}
}
