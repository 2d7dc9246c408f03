package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestUpdateMatchesBuild: after each save, the site updated from the
// paths that changed renders every file byte for byte as a build of the
// folder as it now stands, and has no page the build lacks.
func TestUpdateMatchesBuild(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	live, _, err := Open(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	write := func(rel, body string) { sitetest.Write(t, filepath.Join(dir, rel), body) }
	for _, save := range []struct {
		name string
		do   func()
		path string
	}{
		{"a page's words", func() { write("content/about.md", "---\ntitle: About us\n---\nNew words.\n") }, "content/about.md"},
		{"a new report", func() {
			write("content/reports/q3.md", "---\ntitle: Quarter 3\ndate: 2025-02-01\nperiod: 2024/25 Q3\n---\n{{< value metric=\"uptime\" >}}\n\n{{< chart metric=\"claims\" >}}\n")
		}, "content/reports/q3.md"},
		{"a figure", func() {
			b, err := os.ReadFile(filepath.Join(dir, "data/performance.csv"))
			if err != nil {
				t.Fatal(err)
			}
			write("data/performance.csv", string(bytes.Replace(b, []byte("uptime,2024/25 Q3,,99.7"), []byte("uptime,2024/25 Q3,,98.2"), 1)))
		}, "data/performance.csv"},
		{"commentary deleted", func() {
			if err := os.Remove(filepath.Join(dir, "content/services/ict.md")); err != nil {
				t.Fatal(err)
			}
		}, "content/services/ict.md"},
	} {
		save.do()
		next, _, err := live.Update(os.DirFS(dir), []string{save.path})
		if err != nil {
			t.Fatalf("%s: %v", save.name, err)
		}
		want := build(t, dir, Options{})
		for _, p := range want.Paths() {
			got, probs, ok, err := next.File(p)
			if !ok || err != nil || len(probs) > 0 || !bytes.Equal(got, want.Files[p]) {
				t.Errorf("after %s, %s differs from the build's (ok %v, err %v, problems %v)", save.name, p, ok, err, probs)
			}
		}
		for p := range next.jobs {
			if _, ok := want.Files[p]; !ok {
				t.Errorf("after %s, the updated site has %s, which the build lacks", save.name, p)
			}
		}
		live = next
	}
}
