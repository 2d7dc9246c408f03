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

// Stats describes every file under dir by slash path, so that a test can
// tell afterwards whether each is still the very same file (Untouched).
func Stats(t testing.TB, dir string) map[string]os.FileInfo {
	t.Helper()
	got := map[string]os.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Lstat(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = info
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Untouched reports whether a file is the very same as before, neither
// replaced nor written into.
func Untouched(before, after os.FileInfo) bool {
	return os.SameFile(before, after) && before.ModTime().Equal(after.ModTime()) && before.Size() == after.Size()
}
