//go:build unix

package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOnlyRegularFiles reads real files on disk: a named pipe, which
// blocked the read for ever before, a folder, sparse
// files just over and at their caps, and an ordinary file. Each read runs
// under a timeout so that a regression fails the test instead of hanging it.
func TestOnlyRegularFiles(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"content", "data"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(site, "content", "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "index.md"), []byte("# Home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Sparse files: their size is real, but they take no room on disk.
	sized := map[string]int64{
		"content/big.md":   TextCap + 1,
		"site.yaml":        TextCap + 1,
		"data/big.csv":     CSVCap + 1,
		"data/ok.csv":      TextCap + 1, // over the text cap, but a CSV may be
		"themes/logo.png":  OtherCap + 1,
		"content/edge.md":  TextCap, // exactly at the cap: read
		"content/empty.md": 0,
	}
	for name, size := range sized {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		want    error  // nil: read without error
		message string // part of the message
		size    int
	}{
		{"content/pipe.md", ErrNotRegular, "it is a named pipe (FIFO), which is never read; delete it", 0},
		{"content", ErrNotRegular, "it is a folder", 0},
		{"content/big.md", ErrTooLarge, "it is over 16 MB, the most a file of this kind may be", 0},
		{"site.yaml", ErrTooLarge, "over 16 MB", 0},
		{"data/big.csv", ErrTooLarge, "over 512 MB", 0},
		{"themes/logo.png", ErrTooLarge, "over 64 MB", 0},
		{"data/ok.csv", nil, "", TextCap + 1},
		{"content/edge.md", nil, "", TextCap},
		{"content/empty.md", nil, "", 0},
		{"content/index.md", nil, "", 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				b   []byte
				err error
			}
			done := make(chan result, 1)
			go func() {
				b, err := fs.ReadFile(fsys, tc.name)
				done <- result{b, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("ReadFile(%s) did not return within 10s", tc.name)
			}
			if tc.want == nil {
				if r.err != nil || len(r.b) != tc.size {
					t.Fatalf("ReadFile(%s) = %d bytes, %v; want %d bytes", tc.name, len(r.b), r.err, tc.size)
				}
				return
			}
			if !errors.Is(r.err, tc.want) || !strings.Contains(r.err.Error(), tc.message) {
				t.Fatalf("ReadFile(%s) = %v; want %v saying %q", tc.name, r.err, tc.want, tc.message)
			}
		})
	}
}

// TestOpenRefusesPipe checks that Open, which fs.WalkDir's callers may use
// in place of ReadFile, refuses a named pipe rather than blocking on it,
// and still opens folders.
func TestOpenRefusesPipe(t *testing.T) {
	site := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(site, "pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := fsys.Open("pipe.csv")
		if err == nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("Open(pipe.csv) = %v; want ErrNotRegular", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open(pipe.csv) did not return within 10s")
	}
	f, err := fsys.Open(".")
	if err != nil {
		t.Fatalf("Open(.) = %v", err)
	}
	f.Close()
}
