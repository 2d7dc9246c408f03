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

	"github.com/partnersite/partnersite/internal/sitetest"
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
		if err := Write(siteOf(os.Getenv("PUBLISH_CONTENT")), os.Getenv("PUBLISH_OUT"), os.Getenv("PUBLISH_SRC")); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// siteOf is a small site whose every file says content: pages, one of
// them named for content, so that no two such sites have the same files,
// and a search index large enough to get compressed copies.
func siteOf(content string) map[string][]byte {
	return map[string][]byte{
		"index.html":            []byte(content),
		"about/index.html":      []byte("about " + content),
		content + "/index.html": []byte("only in " + content),
		"search.json":           []byte(strings.Repeat(`{"title":"`+content+`"}`+"\n", 100)),
	}
}

// builtOf is every file that publishing siteOf(content) leaves in the
// output folder, by slash path: its files, their copies and the marker.
func builtOf(content string) map[string]string {
	want := map[string]string{}
	files := siteOf(content)
	Compress(files)
	for name, b := range files {
		want[name] = string(b)
	}
	want[Marker] = string(markerText(slices.Sorted(maps.Keys(want))))
	return want
}

// diff names the files in which two sites differ.
func diff(got, want map[string]string) string {
	var d []string
	for name := range maps.Keys(got) {
		if w, ok := want[name]; !ok {
			d = append(d, "extra "+name)
		} else if w != got[name] {
			d = append(d, fmt.Sprintf("%s is %.40q, want %.40q", name, got[name], w))
		}
	}
	for name := range maps.Keys(want) {
		if _, ok := got[name]; !ok {
			d = append(d, "missing "+name)
		}
	}
	slices.Sort(d)
	return strings.Join(d, "; ")
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
	if _, ok := got[swapMark]; ok {
		t.Error("the staging folder's mark is left in the output")
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

// TestSwapRollback makes each rename of the swap fail in turn: a build
// into an empty folder, which it replaces whole.
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
			// An empty folder, told from any other by the empty one in it.
			if err := os.MkdirAll(filepath.Join(out, "keep"), 0o755); err != nil {
				t.Fatal(err)
			}
			failRenames(t, tt.failAt...)
			err := Write(siteOf("two"), out, src)
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
			if got := files(t, out); len(got) != 0 {
				t.Errorf("output holds %v, want the previous, empty folder", got)
			}
			if info, err := os.Stat(filepath.Join(out, "keep")); err != nil || !info.IsDir() {
				t.Errorf("the previous output is not back in place: %v", err)
			}
			if n := names(t, root); !slices.Equal(n, []string{"public"}) {
				t.Errorf("left beside the output: %v", n)
			}
		})
	}
}

// TestUpdateFails makes a rename of an update fail: before its plan is in
// place, the output is left as it was; after, the output is part old and
// part new until the next build, which finishes the update before
// anything else.
func TestUpdateFails(t *testing.T) {
	for _, tt := range []struct {
		name     string
		failAt   int    // which call to rename fails, from 1: the plan's is the first
		wantErr  string // in Commit's error
		finished bool   // the next build finds the new site
	}{
		{"writing the plan", 1, "writing the plan", false},
		{"moving the first file", 2, "the next build finishes the update", true},
		{"moving the second file", 3, "the next build finishes the update", true},
		{"moving the marker", 8, "the next build finishes the update", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			src := filepath.Join(root, "site")
			if err := Write(siteOf("one"), out, src); err != nil {
				t.Fatal(err)
			}
			before := sitetest.Stats(t, out)
			failRenames(t, tt.failAt)
			err := Write(siteOf("two"), out, src)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Commit = %v, want %q", err, tt.wantErr)
			}
			rename = os.Rename
			if !tt.finished {
				if after := sitetest.Stats(t, out); !maps.EqualFunc(before, after, sitetest.Untouched) {
					t.Error("a failed update changed the output")
				}
				if n := names(t, root); !slices.Equal(n, []string{"public"}) {
					t.Errorf("left beside the output: %v", n)
				}
			}
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			d.Abort()
			want := builtOf("one")
			if tt.finished {
				want = builtOf("two")
			}
			if got := files(t, out); !maps.Equal(got, want) {
				t.Errorf("the next build found a site unlike the one it should: %s", diff(got, want))
			}
			if n := names(t, root); !slices.Equal(n, []string{"public"}) {
				t.Errorf("left beside the output: %v", n)
			}
		})
	}
}

// failRenames makes the given calls to rename fail, counted from 1, until
// the test ends or rename is set back to os.Rename.
func failRenames(t *testing.T, at ...int) {
	calls := 0
	rename = func(a, b string) error {
		if calls++; slices.Contains(at, calls) {
			return errors.New("injected failure")
		}
		return os.Rename(a, b)
	}
	t.Cleanup(func() { rename = os.Rename })
}

// TestKilledBuilds kills a real build process at each step of its commit,
// then checks what the next build finds and leaves: an update of a built
// folder, and a build into an empty folder, which replaces it whole.
func TestKilledBuilds(t *testing.T) {
	for _, tt := range []struct {
		step    string
		replace bool // into an empty folder, not over a build
		runs    int  // killed builds in a row, each finding the last one's leftovers
		// What the next build finds: "" for the previous output, else
		// the site of the last killed build.
		want string
		// The killed build leaves the output with a mark in it.
		marked bool
	}{
		{step: stepStaged, runs: 3},
		{step: stepWritten, runs: 3},
		{step: stepPlanned, runs: 3, want: "killed-3"},
		// The next build, finishing the update, is killed at the same
		// step as the first, so the update is finished by the last.
		{step: stepMoved, runs: 3, want: "killed-1"},
		{step: stepApplied, runs: 3, want: "killed-1"},
		{step: stepWritten, replace: true, runs: 3},
		{step: stepMarked, replace: true, runs: 3, marked: true},
		// Killed between the renames: no output at all, until the next
		// build puts the previous one back.
		{step: stepAside, replace: true, runs: 1},
		// Once in place, the new site is a built folder, which the
		// next build updates: it is killed at this step only once.
		{step: stepPlaced, replace: true, runs: 1, want: "killed-1", marked: true},
	} {
		name := tt.step
		if tt.replace {
			name = "replace " + name
		}
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			src := filepath.Join(root, "site")
			previous := builtOf("one")
			if tt.replace {
				previous = map[string]string{}
				if err := os.Mkdir(out, 0o755); err != nil {
					t.Fatal(err)
				}
			} else if err := Write(siteOf("one"), out, src); err != nil {
				t.Fatal(err)
			}
			before := sitetest.Stats(t, out)
			council := plantCouncilFiles(t, root)
			planted := filesOf(t, root, council)
			for i := 1; i <= tt.runs; i++ {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "PUBLISH_KILL_AT="+tt.step, "PUBLISH_OUT="+out, "PUBLISH_SRC="+src, fmt.Sprint("PUBLISH_CONTENT=killed-", i))
				if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() == 3 {
					t.Fatalf("build %d was not killed at %s: %v", i, tt.step, err)
				}
			}
			if _, err := os.Lstat(filepath.Join(out, swapMark)); (err == nil) != tt.marked {
				t.Fatalf("killed at %s, the output's mark: %v", tt.step, err)
			}
			if tt.want == "" && tt.step != stepAside {
				// Until the point of no return, not one file of the
				// output is replaced or written into.
				after := sitetest.Stats(t, out)
				delete(after, swapMark)
				if !maps.EqualFunc(before, after, sitetest.Untouched) {
					t.Errorf("killed at %s, the builds changed the output", tt.step)
				}
			}
			if got := filesOf(t, root, council); !maps.Equal(got, planted) {
				t.Errorf("the killed builds changed files beside the output without the mark:\n%v\nwant:\n%v", got, planted)
			}
			var left []string
			for _, n := range names(t, root) {
				if n != "public" && !slices.Contains(council, n) {
					left = append(left, n)
				}
			}
			if len(left) == 0 {
				t.Fatal("a killed build left nothing beside the output: the test does not test")
			}
			// Someone copies each leftover under another name: the copy
			// carries a mark naming the leftover, not itself, so it is
			// not one and must survive.
			for _, n := range left {
				copyTree(t, filepath.Join(root, n), filepath.Join(root, n+"-copy"))
				council = append(council, n+"-copy")
			}
			slices.Sort(council)
			beside := filesOf(t, root, council)
			d, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			if n := names(t, root); slices.ContainsFunc(left, func(l string) bool { return slices.Contains(n, l) }) {
				t.Errorf("Begin left a marked leftover (%v) beside the output: %v", left, n)
			}
			if _, err := os.Lstat(filepath.Join(out, swapMark)); err == nil {
				t.Error("Begin left a build's mark in the output")
			}
			want := previous
			if tt.want != "" {
				want = builtOf(tt.want)
			}
			if got := files(t, out); !maps.Equal(got, want) {
				t.Errorf("after the kill the output differs from the site it should be: %s", diff(got, want))
			}
			for name, data := range siteOf("three") {
				if err := d.Write(name, data); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			if got := files(t, out); !maps.Equal(got, builtOf("three")) {
				t.Errorf("the next build wrote a site unlike its own: %s", diff(got, builtOf("three")))
			}
			wantNames := append([]string{"public"}, council...)
			slices.Sort(wantNames)
			if n := names(t, root); !slices.Equal(n, wantNames) {
				t.Errorf("beside the output after the next build: %v, want %v", n, wantNames)
			}
			if after := filesOf(t, root, council); !maps.Equal(beside, after) {
				t.Errorf("files beside the output without the mark changed:\n%v\nwant:\n%v", after, beside)
			}
		})
	}
}

// TestOneBuildAtATime: a second build beside a running one is refused
// rather than clearing the first's folder as a leftover, until the first
// has committed and run what it asked to run with the folder still its.
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
	if err := second.Write("index.html", []byte("y")); err != nil {
		t.Fatal(err)
	}
	// What CommitThen's callback sees is this build's folder, still
	// locked against a third build, and with this build's file in place.
	called := false
	err = second.CommitThen(func(err error) {
		called = true
		if err != nil {
			t.Errorf("commit: %v", err)
		}
		if _, err := Begin(out, src); err == nil || !strings.Contains(err.Error(), "another partnersite build") {
			t.Errorf("Begin during CommitThen's callback = %v", err)
		}
		if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "y" {
			t.Errorf("during the callback index.html = %q, %v", b, err)
		}
	})
	if err != nil || !called {
		t.Fatalf("CommitThen = %v, callback called %v", err, called)
	}
	third, err := Begin(out, src)
	if err != nil {
		t.Fatalf("after the second build ended: %v", err)
	}
	third.Abort()
}

// plantCouncilFiles puts beside the output folder public in root what a
// council may keep there under names like a build's own, none of them
// marked as a build's: a file, folders empty and full, a copy of a built
// site, a folder whose mark is nearly right, and a link to a folder marked
// as a leftover of that very name. It returns their names, sorted.
func plantCouncilFiles(t *testing.T, root string) []string {
	t.Helper()
	write(t, filepath.Join(root, ".public.old-notes.txt"), "the council's notes")
	write(t, filepath.Join(root, ".public.new-draft", "page.md"), "a draft page")
	if err := os.Mkdir(filepath.Join(root, ".public.new-empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A build kept by hand: it carries the output's marker, not a swap mark.
	write(t, filepath.Join(root, ".public.old-backup", Marker), markerHead+"index.html\n")
	write(t, filepath.Join(root, ".public.old-backup", "index.html"), "the backup")
	// A mark of the right name whose text is not the program's.
	write(t, filepath.Join(root, ".public.old-fake", swapMark), "old .public.old-fake\n")
	write(t, filepath.Join(root, ".public.old-fake", "keep.txt"), "keep")
	// A link, named and marked as a leftover, to a folder elsewhere.
	elsewhere := filepath.Join(t.TempDir(), "elsewhere")
	write(t, filepath.Join(elsewhere, swapMark), markBody(kindOld, "public", ".public.old-link"))
	write(t, filepath.Join(elsewhere, "index.html"), "not beside the output")
	if err := os.Symlink(elsewhere, filepath.Join(root, ".public.old-link")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if got := files(t, elsewhere); len(got) != 2 || got["index.html"] != "not beside the output" {
			t.Errorf("the folder a link beside the output names was changed: %v", got)
		}
	})
	return []string{".public.new-draft", ".public.new-empty", ".public.old-backup", ".public.old-fake", ".public.old-link", ".public.old-notes.txt"}
}

// filesOf describes the named entries of dir: every file's text, every
// folder (so an empty one counts) and every link's target.
func filesOf(t *testing.T, dir string, entries []string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, n := range entries {
		err := filepath.WalkDir(filepath.Join(dir, n), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			switch {
			case d.Type()&os.ModeSymlink != 0:
				to, err := os.Readlink(p)
				got[rel] = "link to " + to
				return err
			case d.IsDir():
				got[rel+"/"] = "folder"
			default:
				got[rel] = read(t, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return got
}

// copyTree copies the folder from to to, as cp -r would.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	for rel, body := range files(t, from) {
		write(t, filepath.Join(to, filepath.FromSlash(rel)), body)
	}
}

// TestNothingBesideOutputTouched builds twice beside what a council keeps
// there under names like a build's own, with and without a previous
// output: none of it is deleted, changed or moved into the output's place.
func TestNothingBesideOutputTouched(t *testing.T) {
	for _, tt := range []struct {
		name     string
		prebuilt bool // an output exists before the council's files are planted
	}{
		{"no output yet", false},
		{"output built before", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			src := filepath.Join(root, "site")
			if tt.prebuilt {
				if err := Write(map[string][]byte{"index.html": []byte("build 0")}, out, src); err != nil {
					t.Fatal(err)
				}
			}
			council := plantCouncilFiles(t, root)
			planted := filesOf(t, root, council)
			for i := 1; i <= 2; i++ {
				body := fmt.Sprint("build ", i)
				if err := Write(map[string][]byte{"index.html": []byte(body)}, out, src); err != nil {
					t.Fatalf("build %d: %v", i, err)
				}
				if got := files(t, out); len(got) != 2 || got["index.html"] != body {
					t.Errorf("after build %d the output holds %v, want only its index.html %q and the marker", i, got, body)
				}
				if got := filesOf(t, root, council); !maps.Equal(got, planted) {
					t.Errorf("build %d changed files beside the output:\n%v\nwant:\n%v", i, got, planted)
				}
				want := append([]string{"public"}, council...)
				slices.Sort(want)
				if n := names(t, root); !slices.Equal(n, want) {
					t.Errorf("after build %d beside the output: %v, want %v", i, n, want)
				}
			}
		})
	}
}

// TestStagingMarkedFirst: the staging folder holds its mark, naming it,
// before any file of the site goes in, so a kill at any later moment
// leaves it recognisable.
func TestStagingMarkedFirst(t *testing.T) {
	root := t.TempDir()
	d, err := Begin(filepath.Join(root, "public"), filepath.Join(root, "site"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	name := filepath.Base(d.tmp)
	if !strings.HasPrefix(name, ".public.new-") {
		t.Fatalf("staging folder %s", name)
	}
	if n := names(t, d.tmp); !slices.Equal(n, []string{swapMark}) {
		t.Errorf("the new staging folder holds %v, want only its mark", n)
	}
	want := "# partnersite build: the new output being written for public; the next build removes or restores it.\nnew " + name + "\n"
	if got := read(t, filepath.Join(d.tmp, swapMark)); got != want {
		t.Errorf("mark:\n%s\nwant:\n%s", got, want)
	}
	if err := d.Write(swapMark, []byte("x")); err == nil {
		t.Error("a page may overwrite the mark")
	}
}

// TestMarkOf reads marks written on disk: only the program's exact text,
// in a regular file, counts.
func TestMarkOf(t *testing.T) {
	oldMark := "# partnersite build: the previous output moved aside for public; the next build removes or restores it.\nold .public.old-1\n"
	for _, tt := range []struct {
		name, body string
		asDir      bool // the mark is a folder, not a file
		asLink     bool // the mark is a link to a file holding body
		kind, own  string
		ok         bool
	}{
		{name: "old", body: oldMark, kind: "old", own: ".public.old-1", ok: true},
		{name: "new", body: markBody(kindNew, "public", ".public.new-7"), kind: "new", own: ".public.new-7", ok: true},
		{name: "another output's", body: markBody(kindOld, "www", ".www.old-1")},
		{name: "kind and name disagree", body: strings.Replace(oldMark, "old .public.old-1", "new .public.old-1", 1)},
		{name: "empty, as if killed writing it", body: ""},
		{name: "cut short", body: oldMark[:len(oldMark)-1]},
		{name: "text added", body: oldMark + "notes\n"},
		{name: "only the last line", body: "old .public.old-1\n"},
		{name: "a folder", asDir: true},
		{name: "a link to a mark", body: oldMark, asLink: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, swapMark)
			switch {
			case tt.asDir:
				if err := os.Mkdir(p, 0o755); err != nil {
					t.Fatal(err)
				}
			case tt.asLink:
				other := filepath.Join(t.TempDir(), "mark")
				write(t, other, tt.body)
				if err := os.Symlink(other, p); err != nil {
					t.Fatal(err)
				}
			default:
				write(t, p, tt.body)
			}
			kind, own, ok := markOf(dir, "public")
			if kind != tt.kind || own != tt.own || ok != tt.ok {
				t.Errorf("markOf = %q, %q, %v; want %q, %q, %v", kind, own, ok, tt.kind, tt.own, tt.ok)
			}
		})
	}
}
