// Package sitefs opens a site folder as a file system that never leaves
// it. Every input is read through an os.Root, so a symbolic link in
// data/, content/ or a theme that points outside the site folder (to a
// council's other files, or to the system's password file) is refused
// rather than published. Links that stay inside the folder work as usual.
//
// Only regular files are read, and each only up to a size cap: a named
// pipe saved as content/pipe.md would otherwise hold a check open for
// ever, waiting for a writer that never comes, and a runaway export of
// many gigabytes would fill the memory before any message was shown.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
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
	return siteFS{root, root.FS()}, nil
}

// siteFS turns os.Root's terse refusal into a message that says what to
// do. It keeps the ReadDir and Stat of os.Root's file system.
type siteFS struct {
	root *os.Root
	fs   fs.FS
}

// Open opens a folder or a regular file. Anything else (a named pipe, a
// socket, a device) is refused before it is opened, since opening a named
// pipe blocks until something writes to it.
func (s siteFS) Open(name string) (fs.File, error) {
	if err := s.regular(name, true); err != nil {
		return nil, err
	}
	f, err := s.fs.Open(name)
	return f, explain(name, err)
}

// ReadFile reads a regular file of at most Cap(name) bytes.
//
// Where the system can open a file without waiting for a writer (see
// openRead), it is opened first and asked what it is after; otherwise it
// is asked first, and asked again once open, since the name may have been
// replaced between the two looks. Every page of a site is read here, and
// the look before the open was a third of the system calls a page cost:
// os.Root walks to the file's folder afresh for each. A device would be
// opened before it is refused, which only matters for one whose opening
// does something; making a device at all takes the system's
// administrator, and a site folder, copied or checked out, holds none.
func (s siteFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	if !openWithoutWaiting {
		if err := s.regular(name, false); err != nil {
			return nil, err
		}
	}
	f, err := s.root.OpenFile(name, openRead, 0)
	if err != nil {
		return nil, explain(name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, explain(name, err)
	}
	if err := check(name, info, false); err != nil {
		return nil, err
	}
	limit := Cap(name)
	// Read one byte past the cap, so that a file that grew after Stat is
	// still caught rather than quietly cut short. The buffer is the size
	// Stat gave and a byte more, as os.ReadFile's is: io.ReadAll's growing
	// from 512 bytes copied a 9 KB page five times.
	r := io.LimitReader(f, limit+1)
	b := make([]byte, 0, min(info.Size(), limit)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, explain(name, err)
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // it grew since Stat: room for more
		}
	}
	if int64(len(b)) > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(name)}
	}
	return b, nil
}

func (s siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	d, err := fs.ReadDir(s.fs, name)
	return d, explain(name, err)
}

func (s siteFS) Stat(name string) (fs.FileInfo, error) {
	i, err := fs.Stat(s.fs, name)
	return i, explain(name, err)
}

// ErrNotRegular is the error for a name that is neither a regular file
// nor a folder: a named pipe, a socket or a device.
var ErrNotRegular = errors.New("it is not a regular file")

// ErrTooLarge is the error for a file larger than its Cap.
var ErrTooLarge = errors.New("the file is too large")

// The caps are far above any real council file, yet low enough that a
// runaway (an export that repeated itself, a disk image saved by mistake)
// is refused with a message instead of filling the memory. A CSV of a
// million rows of 200 characters is 200 MB; a markdown page, site.yaml or
// template of 16 MB would be thousands of printed pages; a theme image or
// font of 64 MB would be far too large to publish anyway.
const (
	CSVCap   = 512 << 20 // data/*.csv
	TextCap  = 16 << 20  // markdown, YAML, templates, CSS, scripts
	OtherCap = 64 << 20  // anything else a theme holds: images, fonts
)

// Cap is the largest size, in bytes, that ReadFile reads for name, which
// it decides by the name's extension.
func Cap(name string) int64 {
	switch strings.ToLower(path.Ext(name)) {
	case ".csv":
		return CSVCap
	case ".md", ".markdown", ".yaml", ".yml", ".html", ".htm", ".tmpl", ".css", ".js", ".json", ".txt", ".svg", ".xml":
		return TextCap
	}
	return OtherCap
}

// Check returns an error wrapping ErrNotRegular or ErrTooLarge when info,
// the FileInfo of name, is not a regular file of at most Cap(name) bytes.
// It is for files read outside a site folder, such as the reports the
// metrics command is given, which must not hang or flood it either.
func Check(name string, info fs.FileInfo) error { return check(name, info, false) }

// regular refuses name unless it is a regular file, or a folder when
// dirOK. A name that does not exist passes, so that the read itself
// reports it as usual.
func (s siteFS) regular(name string, dirOK bool) error {
	info, err := fs.Stat(s.fs, name)
	if err != nil {
		return nil // the open that follows says what is wrong
	}
	return check(name, info, dirOK)
}

// check says what info is when it is not a regular file (or an allowed
// folder) or is larger than its cap.
func check(name string, info fs.FileInfo, dirOK bool) error {
	mode := info.Mode()
	if mode.IsDir() {
		if dirOK {
			return nil
		}
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: it is a folder; a file of this name is expected here", ErrNotRegular)}
	}
	if !mode.IsRegular() {
		return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: it is %s, which is never read; delete it and save the data as an ordinary file instead", ErrNotRegular, kind(mode))}
	}
	if info.Size() > Cap(name) {
		return &fs.PathError{Op: "read", Path: name, Err: tooLarge(name)}
	}
	return nil
}

// kind names a file mode that is not a regular file, for a message.
func kind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// tooLarge says what the cap on a file is and what to do.
func tooLarge(name string) error {
	return fmt.Errorf("%w: it is over %d MB, the most a file of this kind may be; check that it is the right file, or split it into smaller files", ErrTooLarge, Cap(name)>>20)
}

// explain replaces os.Root's "path escapes from parent", which it does not
// export as a value, with ErrOutside.
func explain(name string, err error) error {
	if err != nil && strings.Contains(err.Error(), "path escapes from parent") {
		return &fs.PathError{Op: "read", Path: name, Err: ErrOutside}
	}
	return err
}
