package publish

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// publishWith writes site into the empty folder out through the copy
// cache cache, and returns what the output folder then holds.
func publishWith(t *testing.T, site map[string][]byte, out, cache string) map[string]string {
	t.Helper()
	d, err := Begin(out, filepath.Join(filepath.Dir(out), "site"))
	if err != nil {
		t.Fatal(err)
	}
	d.KeepCopiesIn(cache)
	for name, b := range site {
		if err := d.Write(name, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return files(t, out)
}

// cacheFiles lists the cache folder's files by name, with their bytes.
func cacheFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		got[e.Name()] = read(t, filepath.Join(dir, e.Name()))
	}
	return got
}

// TestCopyCache holds the copy cache to its promise: a build's copies are
// the same bytes whether the cache held them or not, a damaged copy in the
// cache is never published, large files are not kept, and copies no build
// has used for cacheAge go.
func TestCopyCache(t *testing.T) {
	css := []byte(strings.Repeat("body { margin: 0 auto; } /* a stylesheet */\n", 60)) // 2.7 KB: both copies
	large := []byte(strings.Repeat(`{"title":"a page of the search index"}`+"\n", brotliMax/38+1))
	site := map[string][]byte{"assets/site.css": css, "search.json": large, "index.html": []byte("<p>home</p>")}
	// What publishing with no cache at all writes.
	all := maps.Clone(site)
	Compress(all)
	want := map[string]string{}
	for name, b := range all {
		want[name] = string(b)
	}

	root := t.TempDir()
	cache := filepath.Join(root, "cache", "copies", "this-program")
	build := func(name string) map[string]string {
		got := publishWith(t, site, filepath.Join(root, name), cache)
		delete(got, Marker)
		return got
	}

	// Cold, then warm: the same bytes, and only the small file's copies kept.
	if d := diff(build("cold"), want); d != "" {
		t.Fatalf("a build with an empty cache: %s", d)
	}
	kept := cacheFiles(t, cache)
	if len(kept) != 2 {
		t.Fatalf("the cache holds %d files, want the stylesheet's two copies: %v", len(kept), kept)
	}
	for name, b := range kept {
		if b != want["assets/site.css"+filepath.Ext(name)] {
			t.Errorf("the cache's %s is not the stylesheet's copy", name)
		}
	}
	if d := diff(build("warm"), want); d != "" {
		t.Fatalf("a build from the cache: %s", d)
	}

	// A damaged copy in the cache is made again, and put right there.
	for name := range kept {
		write(t, filepath.Join(cache, name), "not a copy")
	}
	if d := diff(build("damaged"), want); d != "" {
		t.Fatalf("a build with a damaged cache: %s", d)
	}
	for name, b := range cacheFiles(t, cache) {
		if b != kept[name] {
			t.Errorf("the damaged %s was not replaced in the cache", name)
		}
	}

	// A copy no build has used for cacheAge goes, as does an older
	// program's folder of them; one used lately is marked used again.
	old := time.Now().Add(-cacheAge - time.Hour)
	other := filepath.Join(filepath.Dir(cache), "another-program")
	write(t, filepath.Join(other, "stale.gz"), "stale")
	write(t, filepath.Join(cache, "stale.br"), "stale")
	for _, p := range []string{filepath.Join(other, "stale.gz"), filepath.Join(cache, "stale.br")} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	lately := time.Now().Add(-48 * time.Hour)
	for name := range kept {
		if err := os.Chtimes(filepath.Join(cache, name), lately, lately); err != nil {
			t.Fatal(err)
		}
	}
	build("pruned")
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("an older program's folder of stale copies is still there (%v)", err)
	}
	got := cacheFiles(t, cache)
	if _, ok := got["stale.br"]; ok || len(got) != 2 {
		t.Errorf("the cache holds %d files after pruning, want the stylesheet's two", len(got))
	}
	for name := range got {
		if info, err := os.Stat(filepath.Join(cache, name)); err != nil || time.Since(info.ModTime()) > time.Hour {
			t.Errorf("%s, used by this build, is not marked used (%v)", name, err)
		}
	}
}

// TestCopyCacheFolder checks that the cache's folder is in the user's
// cache, one for each program, and that a system without one, or a
// program that cannot say what it is, keeps nothing.
func TestCopyCacheFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	a, b := CopyCache("program a"), CopyCache("program b")
	for _, got := range []string{a, b} {
		if !strings.HasPrefix(got, filepath.Join(home, "partnersite", "copies")+string(filepath.Separator)) {
			t.Errorf("CopyCache = %q, want a folder under %s", got, home)
		}
	}
	if a == b || a != CopyCache("program a") {
		t.Errorf("two programs' folders are %q and %q, want one of its own for each, always the same", a, b)
	}
	if got := CopyCache(""); got != "" {
		t.Errorf("for a program that cannot say what it is, CopyCache = %q, want \"\"", got)
	}
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	if got := CopyCache("program a"); got != "" {
		t.Errorf("with no cache folder, CopyCache = %q, want \"\"", got)
	}
}
