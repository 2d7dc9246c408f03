package publish

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestMain lets a test run this binary again as a build that is killed at
// a given step of its commit, as a power cut or Ctrl-C would.
func TestMain(m *testing.M) {
	if step := os.Getenv("PUBLISH_KILL_AT"); step != "" {
		afterStep = func(s string) {
			if s == step {
				p, _ := os.FindProcess(os.Getpid())
				_ = p.Kill()
				select {}
			}
		}
		files := map[string][]byte{"index.html": []byte(os.Getenv("PUBLISH_CONTENT"))}
		if err := Write(files, os.Getenv("PUBLISH_OUT"), os.Getenv("PUBLISH_SRC")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// names lists a folder's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// files reads every file under dir, by slash path.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&os.ModeSymlink != 0 {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = read(t, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCommitReplacesWholeAndMarks(t *testing.T) {
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
			if err := d.Write(fmt.Sprintf("a/b/page-%02d.html", i), []byte("x")); err != nil {
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
	got := files(t, out)
	if got["index.html"] != "two" || got["a/b/page-19.html"] != "x" {
		t.Error("Commit did not put every file of the new site in place")
	}
	if _, ok := got["old/index.html"]; ok {
		t.Error("files of the previous build survived: the output is not replaced whole")
	}
	var want strings.Builder
	want.WriteString(markerHead)
	for i := range 20 {
		fmt.Fprintf(&want, "a/b/page-%02d.html\n", i)
	}
	want.WriteString("index.html\n")
	if got[Marker] != want.String() {
		t.Errorf("marker:\n%s\nwant:\n%s", got[Marker], want.String())
	}
	if n := names(t, root); !slices.Equal(n, []string{"public"}) {
		t.Errorf("left beside the output: %v", n)
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
	if n := names(t, root); !slices.Equal(n, []string{"public"}) {
		t.Errorf("Abort left files beside the output: %v", n)
	}
}

// TestRefusals tries each folder that must not be replaced, shaped as a
// council's folders are: a web root with documents in it, the site's own
// folders under other names.
func TestRefusals(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"data", "content", "themes/mine"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	webroot := filepath.Join(root, "www")
	write(t, filepath.Join(webroot, "index.html"), "the council's home page")
	write(t, filepath.Join(webroot, "minutes-2025.docx"), "precious")
	// A folder built before, with a document copied into it by hand.
	built := filepath.Join(root, "built")
	if err := Write(map[string][]byte{"index.html": []byte("site")}, built, site); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(built, "docs", "minutes.pdf"), "precious")
	afile := filepath.Join(root, "notes.txt")
	write(t, afile, "precious")
	// A source reached through a link whose real parent is the output.
	outer := filepath.Join(root, "outer")
	write(t, filepath.Join(outer, "real-site", "site.yaml"), "title: x")
	link := filepath.Join(root, "site-link")
	if err := os.Symlink(filepath.Join(outer, "real-site"), link); err != nil {
		t.Fatal(err)
	}
	// A source folder whose name starts with two dots, inside the output.
	dotted := filepath.Join(root, "dotted")
	write(t, filepath.Join(dotted, "..site", "site.yaml"), "title: x")

	for _, tt := range []struct{ out, src, want string }{
		{site, site, "holds the site's own files"},
		{root, site, "holds the site's own files"},
		{outer, link, "holds the site's own files"},
		{dotted, filepath.Join(dotted, "..site"), "holds the site's own files"},
		{filepath.Join(site, "content", "out"), site, "inside the site's content/ folder"},
		{filepath.Join(site, "data"), site, "inside the site's data/ folder"},
		{filepath.Join(site, "themes", "mine", "public"), site, "inside the site's themes/ folder"},
		{webroot, site, "already holds files that partnersite did not write (index.html, minutes-2025.docx)"},
		{built, site, "holds files that the last build did not write (docs/minutes.pdf); move them out"},
		{afile, site, "is a file, not a folder"},
	} {
		before := files(t, root)
		_, err := Begin(tt.out, tt.src)
		var r *Refusal
		if !errors.As(err, &r) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Begin(%s, %s) = %v, want a refusal %q", tt.out, tt.src, err, tt.want)
		}
		if after := files(t, root); !maps.Equal(before, after) {
			t.Errorf("Begin(%s) changed files although it refused", tt.out)
		}
	}
}

// TestReplaceable lists the folders a build may replace.
func TestReplaceable(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	empty := filepath.Join(root, "empty")
	if err := os.MkdirAll(filepath.Join(empty, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	inside := filepath.Join(site, "public")
	siblingName := filepath.Join(root, "site-public") // shares a prefix with the source, not a folder
	for _, out := range []string{filepath.Join(root, "new", "deep"), empty, inside, siblingName} {
		for i := range 2 { // the second time over the marked first build
			body := fmt.Sprint("build ", i)
			if err := Write(map[string][]byte{"index.html": []byte(body)}, out, site); err != nil {
				t.Fatalf("build %d into %s: %v", i, out, err)
			}
			if got := read(t, filepath.Join(out, "index.html")); got != body {
				t.Errorf("%s holds %q after build %d", out, got, i)
			}
		}
	}
}

// TestOutputThroughLink builds into a link to a folder: the folder it
// names is replaced, and the link stays a link.
func TestOutputThroughLink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "var-www-shared")
	link := filepath.Join(root, "public")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := Write(map[string][]byte{"index.html": []byte("x")}, link, filepath.Join(root, "site")); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if read(t, filepath.Join(real, "index.html")) != "x" {
		t.Error("the folder the link names was not written")
	}
}

// TestSwapRollback makes each rename of the swap fail in turn.
func TestSwapRollback(t *testing.T) {
	tests := []struct {
		name      string
		failAt    []int  // which calls to rename fail, from 1
		wantErr   string // in Commit's error
		leftAside bool   // the previous output is left aside, to be put back by the next build
	}{
		{"moving aside fails", []int{1}, "moving the previous", false},
		{"moving into place fails", []int{2}, "moving the new site into", false},
		{"putting back fails too", []int{2, 3}, "the previous output is in", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			src := filepath.Join(root, "site")
			if err := Write(map[string][]byte{"index.html": []byte("one")}, out, src); err != nil {
				t.Fatal(err)
			}
			calls := 0
			rename = func(a, b string) error {
				calls++
				if slices.Contains(tt.failAt, calls) {
					return errors.New("injected failure")
				}
				return os.Rename(a, b)
			}
			defer func() { rename = os.Rename }()
			err := Write(map[string][]byte{"index.html": []byte("two")}, out, src)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Commit = %v, want %q", err, tt.wantErr)
			}
			rename = os.Rename
			if tt.leftAside {
				if _, err := os.Stat(out); err == nil {
					t.Fatal("the output is in place although putting it back failed")
				}
				d, err := Begin(out, src)
				if err != nil {
					t.Fatal(err)
				}
				d.Abort()
			}
			if got := read(t, filepath.Join(out, "index.html")); got != "one" {
				t.Errorf("output holds %q, want the previous build's", got)
			}
			if n := names(t, root); !slices.Equal(n, []string{"public"}) {
				t.Errorf("left beside the output: %v", n)
			}
		})
	}
}

// TestKilledBuilds kills a real build process at each step of its commit,
// then checks what the next build finds and leaves.
func TestKilledBuilds(t *testing.T) {
	for _, step := range []string{stepWritten, stepAside, stepPlaced} {
		t.Run(step, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			src := filepath.Join(root, "site")
			if err := Write(map[string][]byte{"index.html": []byte("one")}, out, src); err != nil {
				t.Fatal(err)
			}
			for range 3 {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "PUBLISH_KILL_AT="+step, "PUBLISH_OUT="+out, "PUBLISH_SRC="+src, "PUBLISH_CONTENT=killed")
				if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() == 3 {
					t.Fatalf("the build was not killed at %s: %v", step, err)
				}
				if step == stepAside {
					// Killed between the renames: no output at all, until
					// the next build puts the previous one back.
					break
				}
			}
			if n := names(t, root); len(n) < 2 {
				t.Fatalf("a killed build left nothing beside the output (%v): the test does not test", n)
			}
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{stepWritten: "one", stepAside: "one", stepPlaced: "killed"}[step]
			if got := read(t, filepath.Join(out, "index.html")); got != want {
				t.Errorf("after the kill the output holds %q, want %q", got, want)
			}
			if err := d.Write("index.html", []byte("three")); err != nil {
				t.Fatal(err)
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := read(t, filepath.Join(out, "index.html")); got != "three" {
				t.Errorf("the next build wrote %q", got)
			}
			if n := names(t, root); !slices.Equal(n, []string{"public"}) {
				t.Errorf("leftovers survive the next build: %v", n)
			}
		})
	}
}

// TestOneBuildAtATime: a second build beside a running one is refused
// rather than clearing the first's folder as a leftover.
func TestOneBuildAtATime(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	src := filepath.Join(root, "site")
	first, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(out, src); err == nil || !strings.Contains(err.Error(), "another partnersite build") {
		t.Errorf("second Begin = %v", err)
	}
	if err := first.Write("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second, err := Begin(out, src)
	if err != nil {
		t.Fatalf("after the first build ended: %v", err)
	}
	second.Abort()
}
