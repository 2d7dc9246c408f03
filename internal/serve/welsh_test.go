package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// The preview of a site in English and Welsh serves both trees, a Welsh
// page's edit reaches its page, an address missing from the Welsh tree
// gets the Welsh 404 page, and a page that loses its pair is a problem
// until the pair is back.
func TestBilingualPreview(t *testing.T) {
	h := startIn(t, sitetest.CopySite(t, "../.."))
	for path, want := range map[string]string{"/about/": `<html lang="en-GB"`, "/cy/about/": `<html lang="cy"`} {
		if code, page := h.get(path); code != 200 || !strings.Contains(page, want) {
			t.Errorf("%s: %d, want 200 with %s", path, code, want)
		}
	}
	if code, page := h.get("/cy/tudalen-goll/"); code != 404 || !strings.Contains(page, `<html lang="cy"`) {
		t.Errorf("a missing Welsh page: %d, want 404 in Welsh:\n%.300s", code, page)
	}
	if code, page := h.get("/tudalen-goll/"); code != 404 || !strings.Contains(page, `<html lang="en-GB"`) {
		t.Errorf("a missing English page: %d, want 404 in English:\n%.300s", code, page)
	}
	about := filepath.Join(h.dir, "content", "about.cy.md")
	raw, err := os.ReadFile(about)
	if err != nil {
		t.Fatal(err)
	}
	h.write("content/about.cy.md", string(raw)+"\nGolygwyd gan swyddog gwe.\n")
	h.next()
	if _, page := h.get("/cy/about/"); !strings.Contains(page, "Golygwyd gan swyddog gwe.") {
		t.Error("the Welsh edit is not served")
	}
	if err := os.Remove(about); err != nil {
		t.Fatal(err)
	}
	b := h.next()
	if len(b.problems) == 0 || !strings.Contains(b.problems[0].String(), "content/about.md:1: this page has no pair in Welsh") {
		t.Errorf("a page without its pair: problems %v", b.problems)
	}
	h.write("content/about.cy.md", string(raw))
	if b := h.next(); len(b.problems) != 0 {
		t.Errorf("with the pair back: problems %v", b.problems)
	}
}
