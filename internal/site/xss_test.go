package site

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/textfile"
)

// TestXSS builds a site whose every text column, setting and markdown
// construct holds script-shaped text, and checks all of it comes out inert.
func TestXSS(t *testing.T) {
	dir, _ := unpack(t, "xss.txtar")
	out := build(t, dir, Options{})
	var (
		scriptTag = regexp.MustCompile(`(?i)<script\b[^>]*>`)
		allowed   = regexp.MustCompile(`^<script (defer src="[^"]*assets/[a-z0-9.]+\.js"|type="application/json" id="[a-z0-9-]+")>$`)
		// html/template escapes > in attribute values, so a tag ends at the
		// first >; quoted values are removed before looking for on*= names.
		tag        = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
		quoted     = regexp.MustCompile(`"[^"]*"|'[^']*'`)
		handler    = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
		scriptURL  = regexp.MustCompile(`(?i)(href|src)\s*=\s*"\s*(javascript|vbscript|data):`)
		rawPayload = []string{"<img src=x", "</script><script>", "<script>alert"}
	)
	pages := 0
	for _, p := range out.Paths() {
		body := string(out.Files[p])
		switch {
		case strings.HasSuffix(p, ".html"):
			pages++
			for _, tag := range scriptTag.FindAllString(body, -1) {
				if !allowed.MatchString(tag) {
					t.Errorf("%s: unexpected script tag %s", p, tag)
				}
			}
			for _, tg := range tag.FindAllString(body, -1) {
				if handler.MatchString(quoted.ReplaceAllString(tg, `""`)) {
					t.Errorf("%s: event handler in markup: %s", p, tg)
				}
			}
			if m := scriptURL.FindString(body); m != "" {
				t.Errorf("%s: script URL: %s", p, m)
			}
			for _, raw := range rawPayload {
				if strings.Contains(body, raw) {
					t.Errorf("%s: payload %q is not escaped", p, raw)
				}
			}
		case strings.HasSuffix(p, ".xml"):
			for _, raw := range rawPayload {
				if strings.Contains(body, raw) {
					t.Errorf("%s: payload %q is not escaped", p, raw)
				}
			}
		case strings.HasSuffix(p, ".json"):
			var v any
			if err := json.Unmarshal(out.Files[p], &v); err != nil {
				t.Errorf("%s is not valid JSON: %v", p, err)
			}
			if strings.Contains(body, "</script>") || strings.Contains(body, "\u2028") {
				t.Errorf("%s: < or U+2028 not escaped", p)
			}
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
	// The payloads are still there, as text a reader can see.
	if !strings.Contains(string(out.Files["partners/index.html"]), "&lt;/script&gt;&lt;script&gt;alert(6)&lt;/script&gt;") {
		t.Error("partner name not shown as escaped text on the partners page")
	}
	if !strings.Contains(string(out.Files["index.html"]), "click javascript:alert(19)") {
		t.Error("javascript: links were not turned into plain text")
	}
	// CSV downloads neutralise formulas in text cells, and only there.
	csvWant := map[string][]string{
		"data/partners.csv":    {`'=HYPERLINK(""http://evil.example"",""click"")`, "'@SUM(1+1)"},
		"data/metrics.csv":     {"'-2+3+cmd|' /C calc'!A0"},
		"data/performance.csv": {"'+1+1 <img src=x onerror=alert(15)>"},
		"data/savings.csv":     {"'=1+2 </script><script>alert(16)</script>"},
	}
	for file, wants := range csvWant {
		for _, w := range wants {
			if !strings.Contains(string(out.Files[file]), w) {
				t.Errorf("%s lacks neutralised cell %s", file, w)
			}
		}
	}
}

// TestInvisibleCharacters puts a right-to-left override, zero-width
// spaces and an isolate in site.yaml, a page's front matter and its
// prose, and a partner's name: no file of the site holds one, and each
// is a warning at its line.
func TestInvisibleCharacters(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, map[string]string{
		"site.yaml": "title: Small\u200b partnership\ndescription: A test partnership.\nbase_url: https://example.org/small/\n",
		"content/about.md": "---\ntitle: About\u2067 us\u2069\nsummary: Who \u202ewe are\n---\n" +
			"The target is 17.75 \u202edays\u202c a claim.\n\n| Quarter | Days |\n|---|---|\n| Q2 | \u202e17.75 |\n",
	})
	out, pl, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, p := range pl.All() {
		if strings.Contains(p.Message, "invisible character") {
			warned = append(warned, fmt.Sprintf("%s:%d", p.Path, p.Line))
		}
	}
	if want := []string{"content/about.md:2", "content/about.md:3", "content/about.md:5", "content/about.md:9", "site.yaml:1"}; !slices.Equal(warned, want) {
		t.Errorf("warnings at %v, want %v", warned, want)
	}
	for _, p := range out.Paths() {
		if i := strings.IndexFunc(string(out.Files[p]), func(r rune) bool { return r != '\u00ad' && textfile.Invisible(r) }); i >= 0 && !strings.HasPrefix(p, "assets/") {
			t.Errorf("%s holds an invisible character at byte %d", p, i)
		}
	}
	about := string(out.Files["about/index.html"])
	for _, want := range []string{"<title>About us – Small partnership</title>", "17.75 days a claim", ">17.75</td>"} {
		if !strings.Contains(about, want) {
			t.Errorf("the about page lacks %q", want)
		}
	}
}
