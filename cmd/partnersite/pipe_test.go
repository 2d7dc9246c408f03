//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMetricsRefusesPipe names a real named pipe on the metrics command's
// line. Opening it used to block for ever; now it is an error at its
// name, and the test gives up rather than hang should that regress.
func TestMetricsRefusesPipe(t *testing.T) {
	dir := metricsSite(t)
	pipe := filepath.Join(t.TempDir(), "report.csv")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		code int
		errs string
	}
	done := make(chan result, 1)
	go func() {
		code, _, errs := runCmd("metrics", "--source", dir, pipe)
		done <- result{code, errs}
	}()
	select {
	case r := <-done:
		want := pipe + ":1: cannot read the file: it is not a regular file: it is a named pipe (FIFO), which is never read; delete it and save the data as an ordinary file instead\n"
		if r.code != 1 || !strings.Contains(r.errs, want) {
			t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.errs, want)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("partnersite metrics did not return within 30s")
	}
}
