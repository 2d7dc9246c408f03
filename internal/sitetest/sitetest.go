// Package sitetest holds what the test suites share: writing a whole site
// from a txtar archive to a real folder on disk, so that tests read real
// files as the program does.
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Unpack writes the site in the txtar archive at path to a new temporary
// folder and returns the folder. Files whose names start "want-" are not
// written; they are returned by name, as expectations.
func Unpack(t testing.TB, path string) (dir string, want map[string]string) {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	want = map[string]string{}
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "want-") {
			want[f.Name] = string(f.Data)
			continue
		}
		Write(t, filepath.Join(dir, filepath.FromSlash(f.Name)), string(f.Data))
	}
	return dir, want
}

// Write writes a file, making its folder.
func Write(t testing.TB, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// WriteFiles writes each file of files, named by its slash-separated path
// in the site, under dir.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		Write(t, filepath.Join(dir, filepath.FromSlash(name)), body)
	}
}

// CopySite copies the site at src (site.yaml, data/, content/, themes/)
// into a new temporary folder and returns it, so that a test may change a
// copy of the example site and never the example itself.
func CopySite(t testing.TB, src string) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"data", "content", "themes"} {
		if _, err := os.Stat(filepath.Join(src, d)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(src, d))); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(filepath.Join(src, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	Write(t, filepath.Join(dir, "site.yaml"), string(raw))
	return dir
}
