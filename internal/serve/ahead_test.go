package serve

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitefs"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestRendersAskedPagesAhead: a load made before it is due renders the
// pages asked for last, with the change, and no others; a load already
// due renders none, so as not to hold up its publishing.
func TestRendersAskedPagesAhead(t *testing.T) {
	dir, _ := sitetest.Unpack(t, "../site/testdata/small.txtar")
	s := New(dir, t.Logf)
	src, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.src = src
	s.load()
	s.asked("metrics/uptime/index.html")
	s.asked("about/index.html")
	s.asked("about/index.html")
	if got := s.recentPages(); len(got) != 2 || got[0] != "about/index.html" {
		t.Fatalf("recent pages %v, want about then uptime", got)
	}
	sitetest.Write(t, filepath.Join(dir, "content", "about.md"), "---\ntitle: About\n---\nRendered ahead.\n")
	a := s.begin(1, []string{"content/about.md"}, false)
	s.run(a)
	if a.err != nil {
		t.Fatal(a.err)
	}
	if pg, ok := a.cache["about/index.html"]; !ok || !strings.Contains(string(pg.body), "Rendered ahead.") {
		t.Error("the page asked for last was not rendered ahead with the change")
	}
	if _, ok := a.cache["metrics/uptime/index.html"]; !ok || len(a.cache) != 2 {
		t.Errorf("rendered ahead %d pages, want the 2 asked for", len(a.cache))
	}
	s.finish(a)
	if pg, ok := s.get("about/index.html"); !ok || !strings.Contains(string(pg.body), "Rendered ahead.") {
		t.Error("the published site does not serve the page rendered ahead")
	}
	b := s.begin(2, []string{"content/about.md"}, false)
	b.due.Store(true)
	s.run(b)
	if len(b.cache) != 0 {
		t.Errorf("a load already due rendered %d pages ahead", len(b.cache))
	}
}
