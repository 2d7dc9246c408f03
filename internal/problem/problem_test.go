package problem

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestList(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	// Checks run in parallel; the list must take problems from all of them.
	for i := range 50 {
		wg.Go(func() { l.Warnf("data/b.csv", 50-i, "w%d", i) })
	}
	wg.Wait()
	l.Errorf("data/a.csv", 3, "value %q is not a number", "x")
	l.Errorf("site.yaml", 0, "missing")
	all := l.All()
	if len(all) != 52 || l.Errors() != 2 || l.Warnings() != 50 {
		t.Fatalf("%d problems, %d errors, %d warnings", len(all), l.Errors(), l.Warnings())
	}
	if got := all[0].String(); got != `data/a.csv:3: value "x" is not a number` {
		t.Errorf("first = %q (sorted by path, then line)", got)
	}
	if got := all[1].String(); got != "data/b.csv:1: warning: w49" {
		t.Errorf("second = %q", got)
	}
	if got := all[51].String(); got != "site.yaml:1: missing" {
		t.Errorf("line 0 is written as line 1: %q", got)
	}
	var pe *Error
	if err := l.Err(); !errors.As(err, &pe) || len(pe.Problems) != 52 {
		t.Errorf("Err() = %v", err)
	}
	var warnOnly List
	warnOnly.Warnf("a", 1, "w")
	if warnOnly.Err() != nil {
		t.Error("warnings alone are an error")
	}
}

func TestLinesFold(t *testing.T) {
	var l List
	// 25 rows with the same fault, values aside, and 2 of another kind.
	for i := range 25 {
		l.Errorf("data/performance.csv", 10+i, "value %q is not a number", fmt.Sprint("n/a", i))
	}
	l.Errorf("data/performance.csv", 5, "metric %q is not a metric", "x")
	l.Errorf("data/performance.csv", 40, "metric %q is not a metric", "y")
	// 20 of a kind in another file: not folded.
	for i := range 20 {
		l.Warnf("data/savings.csv", 2+i, "note %d is long", i)
	}
	lines := l.Lines(false)
	if len(lines) != 10+1+2+20 {
		t.Fatalf("%d lines:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	if lines[0] != `data/performance.csv:5: metric "x" is not a metric` || lines[1] != `data/performance.csv:10: value "n/a0" is not a number` {
		t.Errorf("first lines: %q", lines[:2])
	}
	if lines[10] != `data/performance.csv:19: value "n/a9" is not a number` || lines[11] != "data/performance.csv: ... and 15 more lines like 10" {
		t.Errorf("fold: %q", lines[10:12])
	}
	if lines[12] != `data/performance.csv:40: metric "y" is not a metric` {
		t.Errorf("after the fold: %q", lines[12])
	}
	if all := l.Lines(true); len(all) != 47 {
		t.Errorf("--all gives %d lines, want 47", len(all))
	}
}
