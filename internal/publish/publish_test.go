package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommitReplacesWhole(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := Write(map[string][]byte{"index.html": []byte("one"), "old/index.html": []byte("gone soon")}, out, filepath.Join(root, "site")); err != nil {
		t.Fatal(err)
	}
	d, err := Begin(out, filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 { // from many goroutines, as the renderer does
		wg.Go(func() {
			if err := d.Write(fmt.Sprintf("a/b/page-%d.html", i), []byte("x")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := d.Write("index.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "one" {
		t.Error("the output changed before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "two" {
		t.Error("Commit did not put the new site in place")
	}
	if read(t, filepath.Join(out, "a", "b", "page-19.html")) != "x" {
		t.Error("a file written from another goroutine is missing")
	}
	if _, err := os.Stat(filepath.Join(out, "old")); err == nil {
		t.Error("files of the previous build survived: the output is not replaced whole")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

func TestAbortLeavesOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := Write(map[string][]byte{"index.html": []byte("one")}, out, filepath.Join(root, "site")); err != nil {
		t.Fatal(err)
	}
	d, err := Begin(out, filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Write("index.html", []byte("half"))
	d.Abort()
	if read(t, filepath.Join(out, "index.html")) != "one" {
		t.Error("Abort changed the output")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("Abort left files beside the output: %v", entries)
	}
}

func TestRefusals(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := os.MkdirAll(filepath.Join(site, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(root, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docs, "minutes.docx"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ out, want string }{
		{site, "holds the site's own files"},
		{root, "holds the site's own files"},
		{docs, "does not look like a built site"},
	} {
		if _, err := Begin(tt.out, site); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Begin(%s) = %v, want %q", tt.out, err, tt.want)
		}
	}
}
