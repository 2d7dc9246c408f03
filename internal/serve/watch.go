package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watched folders, relative to the site folder. The site folder itself is
// watched (not recursively) for site.yaml.
var watched = []string{"data", "content", "themes"}

// ignored reports whether a file name is an editor's temporary or backup
// file. Editors save by writing such a file and renaming it over the real
// one; the rename is the event that matters.
func ignored(name string) bool {
	base := filepath.Base(name)
	switch {
	case base == "4913", // vim's test write
		base == ".DS_Store",
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"), strings.HasSuffix(base, ".swo"),
		strings.HasPrefix(base, ".#"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"),
		strings.HasSuffix(base, ".tmp"),
		strings.HasPrefix(base, "~$"): // Excel's lock file
		return true
	}
	return false
}

// relevant reports whether a change to path can change the site: site.yaml,
// or anything under the watched folders.
func relevant(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	if err != nil || ignored(path) {
		return false
	}
	rel = filepath.ToSlash(rel)
	if rel == "site.yaml" {
		return true
	}
	for _, w := range watched {
		if rel == w || strings.HasPrefix(rel, w+"/") {
			return true
		}
	}
	return false
}

// watcher watches a site's inputs with fsnotify, which is not recursive:
// every folder is added, and folders created or renamed later are added
// when they appear.
type watcher struct {
	root string
	fs   *fsnotify.Watcher

	mu  sync.Mutex
	seq uint64 // counts the relevant events so far
	// pending holds the changed paths, relative to root, that no load
	// published yet, each with the count at its last change.
	pending map[string]uint64
}

// peek returns the paths changed and not yet published, sorted, and the
// count of changes they stand at. A load begun now reads them all.
func (w *watcher) peek() (paths []string, seq uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	paths = make([]string, 0, len(w.pending))
	for p := range w.pending {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths, w.seq
}

// count returns the number of relevant changes so far.
func (w *watcher) count() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seq
}

// done forgets the paths as they stood at seq, once a load begun then is
// published. A path changed again since is kept, for the next load: that
// load read it before the change.
func (w *watcher) done(seq uint64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for p, at := range w.pending {
		if at <= seq {
			delete(w.pending, p)
		}
	}
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw, pending: map[string]uint64{}}
	// Watch folders, not files: a rename-save replaces the file, and a
	// watch on the old file would be lost.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range watched {
		if err := w.addTree(filepath.Join(root, d)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it; a missing dir is fine,
// since the site root watch sees it appear.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return w.fs.Add(p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Quiet is how long the watcher waits after the last change before the
// site is published again, so that a burst of saves (an editor writing a
// temporary file and renaming it, or Excel saving) gives one rebuild of
// the final content. MaxWait caps the wait during a long burst.
//
// Settle is how long it waits before the server starts loading, ahead of
// the quiet time: a save's own events (a truncation and a write, or a
// write and a rename) come within a millisecond, so a load begun after
// Settle has usually read the final content, and when no change follows
// within Quiet it is published as it stands, the load having overlapped
// the wait rather than followed it. A change within Quiet makes the
// server load again, as if nothing had been begun.
const (
	Quiet   = 25 * time.Millisecond
	MaxWait = 500 * time.Millisecond
	Settle  = 4 * time.Millisecond
)

// run signals on settled a short while after each change, and on quiet
// once per batch of relevant events, until ctx ends; peek returns the
// batch's paths. A signal not yet taken stands for any number.
func (w *watcher) run(ctx context.Context, settled, quiet chan<- struct{}, logf func(string, ...any)) {
	defer w.fs.Close()
	var timer, settle <-chan time.Time
	var first time.Time
	signal := func(c chan<- struct{}) {
		select {
		case c <- struct{}{}:
		default: // one is already waiting; it stands for this one
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			logf("watch: %v", err)
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && relevant(w.root, ev.Name) {
					if err := w.addTree(ev.Name); err != nil {
						logf("watch: %v", err)
					}
				}
			}
			if !relevant(w.root, ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if rel, err := filepath.Rel(w.root, ev.Name); err == nil {
				w.mu.Lock()
				w.seq++
				w.pending[filepath.ToSlash(rel)] = w.seq
				w.mu.Unlock()
			}
			now := time.Now()
			if timer == nil {
				first = now
			}
			wait := Quiet
			if left := MaxWait - now.Sub(first); left < wait {
				wait = max(left, 0)
			}
			timer = time.After(wait)
			settle = time.After(min(Settle, wait))
		case <-settle:
			settle = nil
			signal(settled)
		case <-timer:
			timer, settle = nil, nil
			signal(quiet)
		}
	}
}
