// Package publish writes a built site to disk so that the output folder is
// never half-written: files go to a temporary folder beside the target,
// which replaces the target only when every file is written. On any error
// the previous output stays exactly as it was.
//
// A Dir accepts files while the site is still rendering, from many
// goroutines at once, so that a large build neither waits for the disk at
// the end nor holds every page in memory.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is an output folder being written.
type Dir struct {
	target string // the folder to replace
	tmp    string // where files go until Commit
	made   sync.Map
	mu     sync.Mutex
	err    error // the first write error
}

// Begin starts writing the output folder dir for the site folder source.
// dir may not be source or hold it, since replacing dir would delete the
// site, and may not be a folder that does not look like a built site.
func Begin(dir, source string) (*Dir, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return nil, fmt.Errorf("source folder %s: %w", source, err)
	}
	if rel, err := filepath.Rel(absDir, absSrc); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return nil, fmt.Errorf("output folder %s holds the site's own files; choose another --output", dir)
	}
	if err := checkReplaceable(absDir); err != nil {
		return nil, err
	}
	parent := filepath.Dir(absDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(absDir)+".new-")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	return &Dir{target: absDir, tmp: tmp}, nil
}

// Write writes one file, name relative to the output folder with forward
// slashes. It is safe for concurrent use.
func (d *Dir) Write(name string, data []byte) error {
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	if _, ok := d.made.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return d.fail(fmt.Errorf("creating %s: %w", dir, err))
		}
		d.made.Store(dir, true)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return d.fail(fmt.Errorf("writing %s: %w", name, err))
	}
	return nil
}

func (d *Dir) fail(err error) error {
	d.mu.Lock()
	if d.err == nil {
		d.err = err
	}
	d.mu.Unlock()
	return err
}

// Abort removes everything written; the output folder is untouched.
func (d *Dir) Abort() {
	_ = os.RemoveAll(d.tmp)
}

// Commit replaces the output folder with what was written, unless a write
// failed, in which case it aborts and returns that error.
func (d *Dir) Commit() error {
	d.mu.Lock()
	err := d.err
	d.mu.Unlock()
	if err != nil {
		d.Abort()
		return err
	}
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		d.Abort()
		return fmt.Errorf("setting permissions on %s: %w", d.tmp, err)
	}
	return swap(d.tmp, d.target)
}

// Write writes a whole site held in memory to dir, replacing it.
func Write(files map[string][]byte, dir, source string) error {
	d, err := Begin(dir, source)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := d.Write(name, data); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// checkReplaceable refuses to replace a folder that does not look like a
// previous build, so a mistyped --output cannot delete someone's documents.
func checkReplaceable(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("output folder %s is not empty and does not look like a built site (it has no index.html); empty it or choose another --output", dir)
	}
	return nil
}

// swap moves the new folder into place. The old output is first renamed
// aside, so if the second rename fails it can be put back.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			_ = os.RemoveAll(tmp)
			return fmt.Errorf("moving the previous %s aside: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("moving the new site into %s: %w", dir, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the previous output %s: %w", old, err)
		}
	}
	return nil
}
