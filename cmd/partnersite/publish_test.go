package main

import (
	"bytes"
	"compress/gzip"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestBuildPublishesCopies: build writes gzip and brotli copies beside the
// search index, the downloads and the theme's scripts and stylesheet, each
// unpacking to its file, and none for HTML pages.
func TestBuildPublishesCopies(t *testing.T) {
	dir := smallSite(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := runCmd("build", "--source", dir, "--output", out); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	files := snapshot(t, out)
	for _, want := range []string{"/search.json", "/data/performance.csv", "/data/data.json"} {
		if _, ok := files[want+".gz"]; !ok {
			t.Errorf("no %s.gz", want)
		}
	}
	brs := 0
	for name, body := range files {
		orig, ok := strings.CutSuffix(name, ".br")
		if !ok {
			if strings.HasSuffix(name, ".html.gz") {
				t.Errorf("a copy of a page: %s", name)
			}
			continue
		}
		brs++
		if strings.HasSuffix(orig, ".html") {
			t.Errorf("a copy of a page: %s", name)
		}
		unbr, err := io.ReadAll(brotli.NewReader(strings.NewReader(body)))
		if err != nil || string(unbr) != files[orig] {
			t.Errorf("%s does not unpack to its file (%v)", name, err)
		}
		zr, err := gzip.NewReader(strings.NewReader(files[orig+".gz"]))
		if err != nil {
			t.Errorf("%s.gz: %v", orig, err)
			continue
		}
		if unz, err := io.ReadAll(zr); err != nil || string(unz) != files[orig] {
			t.Errorf("%s.gz does not unpack to its file (%v)", orig, err)
		}
		if len(body) >= len(files[orig+".gz"]) {
			t.Errorf("%s is %d bytes, its gzip copy %d", name, len(body), len(files[orig+".gz"]))
		}
	}
	// The hashed and plain names of each stylesheet and script, ECharts
	// (compressed at a lower brotli quality) included, and the data.
	if brs < 12 {
		t.Errorf("%d brotli copies; want one for each stylesheet, script and download", brs)
	}
}

// TestRebuildWritesNothing builds a site twice into one folder: the second
// build, with nothing changed, replaces and writes into no file. Once a
// page changes, that page is replaced and the pages that show nothing of it
// stay as they were.
func TestRebuildWritesNothing(t *testing.T) {
	// No build stamp (package stamp), which would skip the second build
	// before publish compares a single file: this is the comparison's test.
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	dir := smallSite(t)
	out := filepath.Join(t.TempDir(), "public")
	build := func() {
		t.Helper()
		if code, _, errs := runCmd("build", "--source", dir, "--output", out); code != 0 {
			t.Fatalf("build: %s", errs)
		}
	}
	build()
	before := sitetest.Stats(t, out)
	time.Sleep(10 * time.Millisecond) // so that a file written again would show a later time
	build()
	after := sitetest.Stats(t, out)
	var changed []string
	for name, b := range before {
		if a, ok := after[name]; !ok || !sitetest.Untouched(b, a) {
			changed = append(changed, name)
		}
	}
	if len(changed) > 0 || len(after) != len(before) {
		t.Errorf("a build with nothing changed wrote %v (%d files, then %d)", changed, len(before), len(after))
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
	// The accessibility statement shows only the site's settings: a
	// report's change leaves it alone.
	reports, _ := filepath.Glob(filepath.Join(dir, "content", "reports", "*.md"))
	if len(reports) == 0 {
		t.Fatal("no report in the small site")
	}
	appendFile(t, reports[0], "\nA sentence added.\n")
	build()
	again := sitetest.Stats(t, out)
	changed = changed[:0]
	for name, a := range after {
		if b, ok := again[name]; !ok || !os.SameFile(a, b) {
			changed = append(changed, name)
		}
	}
	slug := strings.TrimSuffix(filepath.Base(reports[0]), ".md")
	if !slices.Contains(changed, "reports/"+slug+"/index.html") {
		t.Errorf("the changed report's page was not replaced; replaced %v", changed)
	}
	if slices.Contains(changed, "accessibility/index.html") || len(changed) > len(after)/2 {
		t.Errorf("a change to one report replaced %d of %d files: %v", len(changed), len(after), changed)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "reports", slug, "index.html")); !bytes.Contains(b, []byte("A sentence added.")) {
		t.Error("the report's page does not show the change")
	}
}

// TestOnlyPublishingCompresses: the packages that check and serve run, the
// theme's, the site's and the preview server's, import no compressor and
// not the package that publishes, so neither ever makes compressed copies.
// (net/http, which the preview server uses, imports gzip for clients.)
func TestOnlyPublishingCompresses(t *testing.T) {
	for _, pkg := range []string{"theme", "site", "serve"} {
		dir := filepath.Join("..", "..", "internal", pkg)
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(names) == 0 {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range f.Imports {
				p, _ := strconv.Unquote(im.Path.Value)
				if strings.HasPrefix(p, "compress/") || strings.Contains(p, "brotli") || strings.HasSuffix(p, "/internal/publish") {
					t.Errorf("%s imports %s", name, p)
				}
			}
		}
	}
}
