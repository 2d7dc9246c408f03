package stamp

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/sitefs"
)

// site writes a small site folder and an output folder on disk and
// returns them, with the site folder opened as a build opens it.
func site(t *testing.T) (src, out string, fsys fs.FS) {
	t.Helper()
	root := t.TempDir()
	src, out = filepath.Join(root, "site"), filepath.Join(root, "public")
	for name, body := range map[string]string{
		"site.yaml":           "title: Test\n",
		"content/index.md":    "# Home\n",
		"content/about.md":    "# About\n",
		"data/metrics.csv":    "id,name\nm1,One\n",
		"public/index.html":   "<p>home</p>",
		"public/.partnersite": "index.html\n",
	} {
		dir := src
		if filepath.Dir(name) == "public" {
			dir = root
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := sitefs.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	return src, out, fsys
}

// build reads what a small build reads, through the recorder: a file, a
// listing, a Stat, and a file that is not there.
func build(t *testing.T, fsys fs.FS) {
	t.Helper()
	if _, err := fs.ReadFile(fsys, "site.yaml"); err != nil {
		t.Fatal(err)
	}
	es, err := fs.ReadDir(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if _, err := fs.ReadFile(fsys, "content/"+e.Name()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := fs.Stat(fsys, "data/metrics.csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "data/savings.csv"); err == nil {
		t.Fatal("data/savings.csv should not exist")
	}
}

// recorded is a small site and what build read of it, recorded.
func recorded(t *testing.T) (src, out string, fsys fs.FS, rec *Recorder) {
	t.Helper()
	src, out, fsys = site(t)
	rec = Record(fsys)
	build(t, rec)
	return src, out, fsys, rec
}

// TestUnchanged stamps a build and then changes one thing at a time: the
// stamp must hold only while nothing the build read or wrote changed, and
// survive being saved and loaded.
func TestUnchanged(t *testing.T) {
	write := func(p, body string) func(t *testing.T, src, out string) {
		return func(t *testing.T, src, out string) {
			if err := os.WriteFile(filepath.Join(src, p), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, src, out string)
		key    string
		want   bool
	}{
		{"nothing changed", func(*testing.T, string, string) {}, "k", true},
		{"a file read touched, its bytes the same", func(t *testing.T, src, _ string) {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(src, "site.yaml"), later, later); err != nil {
				t.Fatal(err)
			}
		}, "k", true},
		{"a file not read added beside them", write("notes.txt", "mine"), "k", true},
		{"another program or option", func(*testing.T, string, string) {}, "other", false},
		{"a file read edited", write("content/about.md", "# About us\n"), "k", false},
		{"a page added to a folder listed", write("content/new.md", "# New\n"), "k", false},
		{"a file that was missing appears", write("data/savings.csv", "year\n"), "k", false},
		{"a file only looked at grows", write("data/metrics.csv", "id,name\nm1,One\nm2,Two\n"), "k", false},
		{"a file only looked at edited, same size", write("data/metrics.csv", "id,name\nm1,Two\n"), "k", true},
		{"an output file edited by hand", func(t *testing.T, _, out string) {
			if err := os.WriteFile(filepath.Join(out, "index.html"), []byte("<p>mine</p>"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "k", false},
		{"an output file removed", func(t *testing.T, _, out string) {
			if err := os.Remove(filepath.Join(out, "index.html")); err != nil {
				t.Fatal(err)
			}
		}, "k", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, out, fsys, rec := recorded(t)
			warn := problem.Problem{Path: "data/metrics.csv", Line: 2, Message: `unit "days" has no "quoted" target`, Warning: true}
			s := rec.Make("k", 3, 1, []problem.Problem{warn}, out, []string{"index.html", ".partnersite"})
			if s == nil {
				t.Fatal("no stamp made")
			}
			path := filepath.Join(t.TempDir(), "cache", "stamp")
			if err := s.Save(path); err != nil {
				t.Fatal(err)
			}
			loaded := Load(path)
			if loaded == nil || loaded.Pages != 3 || loaded.Charts != 1 || len(loaded.Warnings) != 1 || loaded.Warnings[0] != warn {
				t.Fatalf("loaded %+v", loaded)
			}
			tc.change(t, src, out)
			if got := loaded.Unchanged(tc.key, fsys, out); got != tc.want {
				t.Errorf("Unchanged = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestNoStamp covers the builds that must never be skipped next time, and
// stamps that cannot be trusted.
func TestNoStamp(t *testing.T) {
	src, out, fsys := site(t)
	big := filepath.Join(src, "content", "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, sitefs.TextCap+1); err != nil {
		t.Fatal(err)
	}
	rec := Record(fsys)
	if _, err := rec.ReadFile("content/big.md"); err == nil {
		t.Fatal("a file over the cap was read")
	}
	if s := rec.Make("k", 1, 0, nil, out, []string{"index.html"}); s != nil {
		t.Error("a build that met a read it could not make was stamped")
	}
	rec = Record(fsys)
	if _, err := rec.ReadFile("site.yaml"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: Changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := rec.ReadFile("site.yaml"); err != nil {
		t.Fatal(err)
	}
	if s := rec.Make("k", 1, 0, nil, out, []string{"index.html"}); s != nil {
		t.Error("a build that read a file before and after it changed was stamped")
	}
	rec = Record(fsys)
	if s := rec.Make("k", 1, 0, nil, out, []string{"missing.html"}); s != nil {
		t.Error("a build whose output file is missing was stamped")
	}
	if s := rec.Make("", 1, 0, nil, out, nil); s != nil {
		t.Error("a build with no key was stamped")
	}
	// A whole stamp, then every cut of it at a line's end.
	_, out2, _, rec := recorded(t)
	whole := filepath.Join(t.TempDir(), "whole")
	if err := rec.Make("k", 1, 0, nil, out2, []string{"index.html"}).Save(whole); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	if Load(whole) == nil {
		t.Fatal("a whole stamp did not load")
	}
	lines := strings.SplitAfter(string(data), "\n")
	for n := 1; n < len(lines)-1; n++ {
		p := filepath.Join(t.TempDir(), "cut")
		if err := os.WriteFile(p, []byte(strings.Join(lines[:n], "")), 0o644); err != nil {
			t.Fatal(err)
		}
		if s := Load(p); s != nil {
			t.Errorf("a stamp cut after line %d of %d loaded", n, len(lines)-1)
		}
	}
	dir := t.TempDir()
	// Each case breaks one rule alone: the smallest whole stamp loads, and
	// each case differs from it by the one thing its name says.
	smallest := head + "\nkey k\nend 0 0 0\n"
	if p := filepath.Join(dir, "smallest"); os.WriteFile(p, []byte(smallest), 0o644) != nil || Load(p) == nil {
		t.Fatalf("the smallest whole stamp did not load: %q", smallest)
	}
	for name, body := range map[string]string{
		"more after its end": string(data) + "pages 1\n",
		"other format":       "partnersite build stamp 0\nkey k\nend 0 0 0\n",
		"cut short":          head + "\nkey k\npages 1\n",
		"no key":             head + "\npages 1\nend 0 0 0\n",
		"unknown line":       head + "\nkey k\nmore 1\nend 0 0 0\n",
		"counts wrong":       head + "\nkey k\nend 1 0 0\n",
	} {
		p := filepath.Join(dir, "stamp")
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if s := Load(p); s != nil {
			t.Errorf("%s: loaded %+v", name, s)
		}
	}
	if Load(filepath.Join(dir, "none")) != nil || (*Stamp)(nil).Unchanged("k", fsys, out) {
		t.Error("no stamp, yet unchanged")
	}
}

// TestKey: the same program and parts give the same key, and any part
// changed another.
func TestKey(t *testing.T) {
	a := Key("/site", "/public", "false false")
	if a == "" || a != Key("/site", "/public", "false false") {
		t.Fatalf("Key is %q, then %q", a, Key("/site", "/public", "false false"))
	}
	for _, parts := range [][]string{
		{"/site", "/public", "true false"},
		{"/other", "/public", "false false"},
		{"/site", "/public2", "false false"},
		{"/site/public", "false false"},
	} {
		if Key(parts...) == a {
			t.Errorf("Key(%q) is the same as for another build", parts)
		}
	}
}

// TestPrune: saving a stamp removes the stamps beside it not written for
// maxAge, and keeps the rest.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	old, recent := filepath.Join(dir, "old"), filepath.Join(dir, "recent")
	for _, p := range []string{old, recent} {
		if err := os.WriteFile(p, []byte(head+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-maxAge - time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	_, out, _, rec := recorded(t)
	if err := rec.Make("k", 1, 0, nil, out, []string{"index.html"}).Save(filepath.Join(dir, "new")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("a stamp older than %v was kept: %v", maxAge, err)
	}
	for _, p := range []string{recent, filepath.Join(dir, "new")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("a recent stamp was removed: %v", err)
		}
	}
}
