package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestUpdateWritesOnlyChanges builds a site, changes it, and builds it
// again over the first: only the files whose bytes changed are replaced,
// with their compressed copies, the files that went away are removed, and
// every other file is the very same file, neither replaced nor written
// into.
func TestUpdateWritesOnlyChanges(t *testing.T) {
	big := strings.Repeat(`{"title":"a report"}`+"\n", 100) // gets copies
	first := map[string][]byte{
		"index.html":                 []byte("home"),
		"reports/one/index.html":     []byte("report one"),
		"reports/two/index.html":     []byte("report two"),
		"reports/two/figures.csv":    []byte("a,b\n1,2\n"),
		"search.json":                []byte(big),
		"assets/site.css":            []byte(strings.Repeat("body{margin:0}\n", 100)),
		"data/deep/folder/notes.txt": []byte("notes"),
	}
	for _, tt := range []struct {
		name string
		edit func(files map[string][]byte, out string) // the change, to the site or by hand to the output
		// The files replaced or added (copies included), and those removed.
		replaced, removed []string
	}{
		{name: "nothing changed"},
		{
			name:     "one page changed",
			edit:     func(f map[string][]byte, _ string) { f["reports/one/index.html"] = []byte("report one, revised") },
			replaced: []string{"reports/one/index.html"},
		},
		{
			name:     "same size, other bytes",
			edit:     func(f map[string][]byte, _ string) { f["index.html"] = []byte("HOME") },
			replaced: []string{"index.html"},
		},
		{
			name:     "the search index changed",
			edit:     func(f map[string][]byte, _ string) { f["search.json"] = []byte(big + `{"title":"another"}` + "\n") },
			replaced: []string{"search.json", "search.json.br", "search.json.gz"},
		},
		{
			name:     "a page added",
			edit:     func(f map[string][]byte, _ string) { f["reports/three/index.html"] = []byte("report three") },
			replaced: []string{"reports/three/index.html", Marker},
		},
		{
			name: "a page removed",
			edit: func(f map[string][]byte, _ string) {
				delete(f, "reports/two/index.html")
				delete(f, "reports/two/figures.csv")
				delete(f, "data/deep/folder/notes.txt")
			},
			replaced: []string{Marker},
			removed:  []string{"reports/two/index.html", "reports/two/figures.csv", "data/deep/folder/notes.txt"},
		},
		{
			name: "a file edited by hand in the output",
			edit: func(_ map[string][]byte, out string) {
				write(t, filepath.Join(out, "reports", "two", "index.html"), "report 2wo")
			},
			replaced: []string{"reports/two/index.html"},
		},
		{
			name: "a copy deleted by hand",
			edit: func(_ map[string][]byte, out string) {
				if err := os.Remove(filepath.Join(out, "assets", "site.css.br")); err != nil {
					t.Fatal(err)
				}
			},
			replaced: []string{"assets/site.css.br", "assets/site.css.gz"},
		},
		{
			name: "a gzip copy of other bytes",
			edit: func(_ map[string][]byte, out string) {
				write(t, filepath.Join(out, "assets", "site.css.gz"), string(gzipped([]byte(strings.Repeat("p{margin:0}\n", 100)))))
			},
			replaced: []string{"assets/site.css.br", "assets/site.css.gz"},
		},
		{
			name: "a brotli copy of other bytes",
			edit: func(_ map[string][]byte, out string) {
				write(t, filepath.Join(out, "search.json.br"), string(brotlied([]byte(big+"\n"))))
			},
			replaced: []string{"search.json.br", "search.json.gz"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			src := filepath.Join(root, "site")
			files := maps.Clone(first)
			if err := Write(files, out, src); err != nil {
				t.Fatal(err)
			}
			if tt.edit != nil {
				tt.edit(files, out)
			}
			before := sitetest.Stats(t, out)
			if err := Write(files, out, src); err != nil {
				t.Fatal(err)
			}
			after := sitetest.Stats(t, out)
			var replaced, removed []string
			for name, b := range before {
				switch a, ok := after[name]; {
				case !ok:
					removed = append(removed, name)
				case !sitetest.Untouched(b, a):
					replaced = append(replaced, name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					replaced = append(replaced, name)
				}
			}
			slices.Sort(replaced)
			slices.Sort(removed)
			slices.Sort(tt.replaced)
			slices.Sort(tt.removed)
			if !slices.Equal(replaced, tt.replaced) {
				t.Errorf("replaced or added %v, want %v", replaced, tt.replaced)
			}
			if !slices.Equal(removed, tt.removed) {
				t.Errorf("removed %v, want %v", removed, tt.removed)
			}
			// The output is what a build into an empty folder writes,
			// marker and all, without the folders that were emptied.
			fresh := filepath.Join(root, "fresh")
			if err := Write(files, fresh, src); err != nil {
				t.Fatal(err)
			}
			if got, want := files2(t, out), files2(t, fresh); !maps.Equal(got, want) {
				t.Errorf("the updated output is not the site built afresh: %s", diff(got, want))
			}
			if n := names(t, root); !slices.Equal(n, []string{"fresh", "public"}) {
				t.Errorf("left beside the output: %v", n)
			}
		})
	}
}

// files2 is files, with every folder listed as well, so that a folder
// left empty counts.
func files2(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := files(t, dir)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)+"/"] = "folder"
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestCompressedCopies: text files of 1 KB and more other than HTML pages
// get gzip copies, and up to 1 MB brotli copies, that unpack to their
// bytes, the same bytes every build; HTML pages and small files get none.
func TestCompressedCopies(t *testing.T) {
	index := bytes.Repeat([]byte(`{"title":"Quarter 2 report","url":"reports/q2/"}`+"\n"), 200)
	site := map[string][]byte{
		"search.json":        index,
		"data/perf.csv":      bytes.Repeat([]byte("metric,period,value\ncs01,2024/25 Q1,12.5\n"), 100),
		"sitemap.xml":        bytes.Repeat([]byte("<url><loc>https://example.org/</loc></url>\n"), 100),
		"assets/big.js":      bytes.Repeat([]byte("function f(a){return a+1}\n"), 20000),  // over 128 KB: brotli's lower quality
		"assets/huge.json":   bytes.Repeat([]byte(`{"x":[1,2,3],"y":"abc"}`+"\n"), 60000), // over 1 MB: gzip's lower level
		"reports/a.html":     bytes.Repeat([]byte("<p>a page</p>\n"), 500),
		"robots.txt":         []byte("User-agent: *\nAllow: /\n"),
		"assets/logo.png":    bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000),
		"assets/favicon.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`),
	}
	want := []string{"assets/big.js", "assets/huge.json", "data/perf.csv", "search.json", "sitemap.xml"}
	root := t.TempDir()
	var built []map[string]string
	for _, out := range []string{"one", "two"} {
		out = filepath.Join(root, out)
		if err := Write(site, out, filepath.Join(root, "site")); err != nil {
			t.Fatal(err)
		}
		built = append(built, files(t, out))
	}
	got := built[0]
	var compressed []string
	for name := range got {
		if orig, ok := strings.CutSuffix(name, ".gz"); ok {
			compressed = append(compressed, orig)
			zr, err := gzip.NewReader(strings.NewReader(got[name]))
			if err != nil {
				t.Fatal(err)
			}
			if zr.Name != "" || !zr.ModTime.IsZero() {
				t.Errorf("%s names a file or time, which would differ between builds", name)
			}
			if b, err := io.ReadAll(zr); err != nil || string(b) != got[orig] {
				t.Errorf("%s does not unpack to %s (%v)", name, orig, err)
			}
			if len(got[name]) >= len(got[orig]) {
				t.Errorf("%s: %d bytes, gzip %d", orig, len(got[orig]), len(got[name]))
			}
			if _, ok := got[orig+".br"]; !ok {
				if len(got[orig]) <= brotliMax {
					t.Errorf("%s has no brotli copy", orig)
				}
				continue
			}
			if len(got[orig]) > brotliMax {
				t.Errorf("%s, over %d bytes, has a brotli copy", orig, brotliMax)
			}
			br, err := io.ReadAll(brotli.NewReader(strings.NewReader(got[orig+".br"])))
			if err != nil || string(br) != got[orig] {
				t.Errorf("%s.br does not unpack to %s (%v)", orig, orig, err)
			}
			if len(got[orig+".br"]) >= len(got[name]) {
				t.Errorf("%s: gzip %d bytes, brotli %d", orig, len(got[name]), len(got[orig+".br"]))
			}
		}
	}
	slices.Sort(compressed)
	if !slices.Equal(compressed, want) {
		t.Errorf("copies of %v, want %v", compressed, want)
	}
	if !maps.Equal(built[0], built[1]) {
		t.Errorf("two builds of the same site differ: %s", diff(built[0], built[1]))
	}
	// The same copies as a site held in memory gets.
	mem := maps.Clone(site)
	Compress(mem)
	for name, b := range mem {
		if got[name] != string(b) {
			t.Errorf("Compress gives another %s than publishing", name)
		}
	}
}

// TestWrittenTwice: a build that writes one file twice fails, leaving the
// output as it was: the second write would otherwise go into the first.
func TestWrittenTwice(t *testing.T) {
	for _, built := range []bool{false, true} {
		root := t.TempDir()
		out := filepath.Join(root, "public")
		src := filepath.Join(root, "site")
		if built {
			if err := Write(siteOf("one"), out, src); err != nil {
				t.Fatal(err)
			}
		}
		before := files(t, out2(out, built))
		d, err := Begin(out, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, body := range []string{"first", "second"} {
			_ = d.Write("twice.html", []byte(body))
		}
		if err := d.Commit(); err == nil || !strings.Contains(err.Error(), "written twice") {
			t.Errorf("over a build %v: Commit = %v, want an error", built, err)
		}
		if after := files(t, out2(out, built)); !maps.Equal(before, after) {
			t.Errorf("over a build %v: the failed build changed the output", built)
		}
		if n := names(t, root); len(n) > 1 {
			t.Errorf("left beside the output: %v", n)
		}
	}
}

// out2 is the folder to look at for the output out: itself once built,
// else its parent, as out does not exist.
func out2(out string, built bool) string {
	if built {
		return out
	}
	return filepath.Dir(out)
}

// TestFinishingRefusesOthersFiles kills an update once its plan is in
// place, then puts a council's file where the update was to add one: the
// next build refuses to go on rather than replace it, and the file is
// kept.
func TestFinishingRefusesOthersFiles(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	src := filepath.Join(root, "site")
	if err := Write(siteOf("one"), out, src); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PUBLISH_KILL_AT="+stepPlanned, "PUBLISH_OUT="+out, "PUBLISH_SRC="+src, "PUBLISH_CONTENT=two")
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() == 3 {
		t.Fatalf("the build was not killed: %v", err)
	}
	council := filepath.Join(out, "two", "index.html")
	write(t, council, "the council's page")
	if _, err := Begin(out, src); err == nil || !strings.Contains(err.Error(), "in the way") {
		t.Errorf("Begin = %v, want a refusal to replace the council's file", err)
	}
	if got := read(t, council); got != "the council's page" {
		t.Errorf("the council's file holds %q", got)
	}
}

// TestReadPlan reads plans written on disk: only the program's own, whole,
// naming its folder, counts; a plan that is there but not one is an error.
func TestReadPlan(t *testing.T) {
	head := planHead("public", ".public.new-1")
	for _, tt := range []struct {
		name, body string
		ok, err    bool
	}{
		{"whole", head + "remove a/b.html\nput 1 c d.html\nmarker\nend\n", true, false},
		{"empty", head + "end\n", true, false},
		{"cut short", head + "remove a/b.html\n", false, true},
		{"another folder's", planHead("public", ".public.new-2") + "end\n", false, true},
		{"outside the output", head + "remove ../b.html\nend\n", false, true},
		{"a bad line", head + "rename a b\nend\n", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), ".public.new-1")
			write(t, filepath.Join(dir, planName), tt.body)
			pl, ok, err := readPlan(dir, "public")
			if ok != tt.ok || (err != nil) != tt.err {
				t.Fatalf("readPlan = %v, %v; want %v, error %v", ok, err, tt.ok, tt.err)
			}
			if tt.name == "whole" && (!slices.Equal(pl.removes, []string{"a/b.html"}) || !slices.Equal(pl.puts, []put{{1, "c d.html"}}) || !pl.marker) {
				t.Errorf("read %+v", pl)
			}
		})
	}
	if _, ok, err := readPlan(t.TempDir(), "public"); ok || err != nil {
		t.Errorf("no plan: %v, %v", ok, err)
	}
}
