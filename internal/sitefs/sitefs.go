// Package sitefs opens a site folder as a file system that never leaves
// it. Every input is read through an os.Root, so a symbolic link in
// data/, content/ or a theme that points outside the site folder (to a
// council's other files, or to the system's password file) is refused
// rather than published. Links that stay inside the folder work as usual.
package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// ErrOutside is the error for a link that leads out of the site folder.
var ErrOutside = errors.New("it is a link to a file outside the site folder, which is never read; copy the file into the site folder instead")

// Open returns the site folder dir as a file system rooted there. The
// folder stays open for as long as the file system is used.
func Open(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("site folder %s: %w", dir, err)
	}
	return siteFS{root.FS()}, nil
}

// siteFS turns os.Root's terse refusal into a message that says what to
// do. It keeps the ReadFile, ReadDir and Stat of os.Root's file system.
type siteFS struct{ fs fs.FS }

func (s siteFS) Open(name string) (fs.File, error) {
	f, err := s.fs.Open(name)
	return f, explain(name, err)
}

func (s siteFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(s.fs, name)
	return b, explain(name, err)
}

func (s siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	d, err := fs.ReadDir(s.fs, name)
	return d, explain(name, err)
}

func (s siteFS) Stat(name string) (fs.FileInfo, error) {
	i, err := fs.Stat(s.fs, name)
	return i, explain(name, err)
}

// explain replaces os.Root's "path escapes from parent", which it does not
// export as a value, with ErrOutside.
func explain(name string, err error) error {
	if err != nil && strings.Contains(err.Error(), "path escapes from parent") {
		return &fs.PathError{Op: "read", Path: name, Err: ErrOutside}
	}
	return err
}
