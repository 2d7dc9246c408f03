package browser

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/site"
)

// TestPortableFromFiles builds the example site with --portable, writes it
// to disk as a councillor would unzip it, and opens every page from
// file://: every chart is drawn and every link leads to a file that exists.
func TestPortableFromFiles(t *testing.T) {
	out, _, err := site.Build(os.DirFS("../.."), site.Options{Portable: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "meeting-pack")
	if err := publish.Write(out.Files, dir, "../.."); err != nil {
		t.Fatal(err)
	}
	ctx := browserContext(t)
	rec := &recorder{host: ""} // file:// has no host; any http request is foreign
	if err := rec.listen(ctx); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, "index.html") {
			continue
		}
		rec.visit(p)
		pageURL := "file://" + filepath.ToSlash(filepath.Join(dir, p))
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := open(pctx, pageURL)
		var hrefs []string
		if err == nil {
			hrefs, err = chromedp.Run(pctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("a[href]")].map(a => a.href)`))
		}
		cancel()
		if err != nil {
			t.Errorf("%s from file://: %v", p, err)
			continue
		}
		for _, h := range hrefs {
			u, err := url.Parse(h)
			if err != nil || u.Scheme != "file" {
				continue
			}
			if st, err := os.Stat(u.Path); err != nil || st.IsDir() {
				t.Errorf("%s: link %s does not open a file", p, strings.TrimPrefix(u.Path, dir))
			}
			checked++
		}
	}
	for _, p := range rec.take() {
		t.Error(p)
	}
	if checked < 100 {
		t.Errorf("only %d links checked", checked)
	}
}
