package problem

import (
	"errors"
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
