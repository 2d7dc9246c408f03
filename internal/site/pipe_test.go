//go:build unix

package site

import (
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/partnersite/partnersite/internal/sitefs"
)

// TestNamedPipeInSite opens a real site folder in which a named pipe is
// saved as a page and as a data file. Reading either used to block for
// ever, waiting for a writer; now each is an error at its path, and the
// test gives up after a while rather than hang should that regress.
func TestNamedPipeInSite(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	for _, name := range []string{"content/pipe.md", "data/performance/uptime.csv"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []string, 1)
	go func() {
		_, pl, err := Open(src, Options{})
		var got []string
		if err != nil {
			got = append(got, err.Error())
		}
		for _, p := range pl.All() {
			got = append(got, p.String())
		}
		done <- got
	}()
	var got []string
	select {
	case got = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the site did not open within 30s")
	}
	for _, want := range []string{
		"content/pipe.md:1: cannot read the file: read content/pipe.md: it is not a regular file: it is a named pipe (FIFO), which is never read; delete it and save the data as an ordinary file instead",
		"data/performance/uptime.csv:1: cannot read the file: read data/performance/uptime.csv: it is not a regular file: it is a named pipe (FIFO), which is never read; delete it and save the data as an ordinary file instead",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("problems %q lack %q", got, want)
		}
	}
}
