package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestSiteFolderComesBack deletes the site folder while it is served, as
// a checkout of another branch or a restore from a backup does, and puts
// a copy back: the preview says the folder is gone, then serves the copy,
// and sees the edits made to it.
func TestSiteFolderComesBack(t *testing.T) {
	h := start(t)
	backup := t.TempDir()
	if err := os.CopyFS(backup, os.DirFS(h.dir)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(h.dir); err != nil {
		t.Fatal(err)
	}
	// The watcher may see the files go first; then the folder is missed.
	for b := h.next(); len(b.problems) != 1 || !strings.Contains(b.problems[0].String(), "the site folder was deleted or moved"); b = h.next() {
		if len(b.problems) == 0 {
			t.Fatal("with the folder gone, the site loaded")
		}
	}
	if code, page := h.get("/about/"); code != 200 || !strings.Contains(page, "the site folder was deleted or moved") {
		t.Errorf("with the folder gone, the last site is not served with the problem over it: %d", code)
	}
	sitetest.Write(t, filepath.Join(backup, "content/about.md"), "---\ntitle: About\n---\nRestored from the backup.\n")
	if err := os.CopyFS(h.dir, os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
	for b := h.next(); len(b.problems) > 0; b = h.next() {
	}
	if _, page := h.get("/about/"); !strings.Contains(page, "Restored from the backup.") {
		t.Fatal("the restored folder is not served")
	}
	h.write("content/about.md", "---\ntitle: About\n---\nEdited after the restore.\n")
	h.next()
	if _, page := h.get("/about/"); !strings.Contains(page, "Edited after the restore.") {
		t.Error("an edit after the restore is not seen")
	}
}

// TestLinkOutOfTheSiteWhileServing makes a link to a file outside the
// site folder while the site is served: the preview shows the error that
// build gives, at the link's path, until the link is removed.
func TestLinkOutOfTheSiteWhileServing(t *testing.T) {
	for _, tt := range []struct{ name, link string }{
		{"a page", "content/secret.md"},
		{"a folder", "content/private"},
		{"a data file", "data/performance/leak.csv"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t)
			outside := t.TempDir()
			target := filepath.Join(outside, "secret.md")
			if !strings.HasSuffix(tt.link, ".md") && !strings.HasSuffix(tt.link, ".csv") {
				sitetest.Write(t, filepath.Join(outside, "notes.md"), "---\ntitle: Embargoed\n---\nEmbargoed until the meeting.\n")
				target = outside
			} else {
				sitetest.Write(t, target, "---\ntitle: Embargoed\n---\nEmbargoed until the meeting.\n")
			}
			link := filepath.Join(h.dir, tt.link)
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			b := h.next()
			found := false
			for _, p := range b.problems {
				found = found || strings.HasPrefix(p.String(), tt.link) && strings.Contains(p.Message, "outside the site folder")
			}
			if !found {
				t.Fatalf("problems %v, want one at %s about a link outside the site folder", b.problems, tt.link)
			}
			for _, path := range []string{"/secret/", "/private/notes/", "/search.json"} {
				if _, page := h.get(path); strings.Contains(page, "Embargoed until") {
					t.Errorf("%s serves the linked file", path)
				}
			}
			if err := os.Remove(link); err != nil {
				t.Fatal(err)
			}
			if b := h.next(); len(b.problems) != 0 {
				t.Errorf("with the link removed: %v", b.problems)
			}
		})
	}
}
