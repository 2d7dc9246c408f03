// Package publish writes a built site to disk so that the output folder is
// never half-written: files go to a temporary folder beside the target,
// which replaces the target only when every file is written. On any error
// the previous output stays exactly as it was.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Write writes files (path relative to the output folder, with forward
// slashes) to dir, replacing dir whole. source is the site folder: dir may
// not be it or contain it, since replacing dir would delete the site.
func Write(files map[string][]byte, dir, source string) error {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	absSrc, err := filepath.Abs(source)
	if err != nil {
		return fmt.Errorf("source folder %s: %w", source, err)
	}
	if rel, err := filepath.Rel(absDir, absSrc); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("output folder %s holds the site's own files; choose another --output", dir)
	}
	if err := checkReplaceable(absDir); err != nil {
		return err
	}
	parent := filepath.Dir(absDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(absDir)+".new-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	if err := writeAll(tmp, files); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("setting permissions on %s: %w", tmp, err)
	}
	return swap(tmp, absDir)
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

func writeAll(root string, files map[string][]byte) error {
	made := map[string]bool{}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("creating %s: %w", d, err)
			}
			made[d] = true
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
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
