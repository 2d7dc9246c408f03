// Package problem collects what is wrong with a site's inputs, so that one run
// can report every problem at once as "PATH:LINE: message" lines, the form
// editors and CI logs already know how to jump to.
package problem

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Problem is one error or warning about an input file.
type Problem struct {
	Path    string // relative to the site folder, with forward slashes
	Line    int    // physical line, counted from 1
	Message string
	Warning bool
}

// String formats the problem as "PATH:LINE: message", or
// "PATH:LINE: warning: message" for a warning.
func (p Problem) String() string {
	line := p.Line
	if line < 1 {
		line = 1
	}
	if p.Warning {
		return fmt.Sprintf("%s:%d: warning: %s", p.Path, line, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s", p.Path, line, p.Message)
}

// List gathers problems. It is safe for concurrent use because content pages
// are checked in parallel.
type List struct {
	mu    sync.Mutex
	items []Problem
}

// Errorf records an error at path:line.
func (l *List) Errorf(path string, line int, format string, args ...any) {
	l.add(Problem{Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line. Warnings never fail a build.
func (l *List) Warnf(path string, line int, format string, args ...any) {
	l.add(Problem{Path: path, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
}

// Add records a problem as it is.
func (l *List) Add(p Problem) { l.add(p) }

func (l *List) add(p Problem) {
	l.mu.Lock()
	l.items = append(l.items, p)
	l.mu.Unlock()
}

// All returns the problems sorted by path and line, so that output is the
// same from run to run whatever order the checks ran in.
func (l *List) All() []Problem {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	// One bad cell of a wide table's row is checked once for each period
	// column it stands beside: say it once.
	seen := make(map[Problem]bool, len(out))
	return slices.DeleteFunc(out, func(p Problem) bool {
		dup := seen[p]
		seen[p] = true
		return dup
	})
}

// Errors counts the problems that are not warnings.
func (l *List) Errors() int {
	n := 0
	for _, p := range l.All() {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Warnings counts the warnings.
func (l *List) Warnings() int {
	return len(l.All()) - l.Errors()
}

// Err returns an *Error holding every problem when any of them is an error,
// and nil otherwise.
func (l *List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return &Error{Problems: l.All()}
}

// Error is the error returned when the inputs have problems. Callers print
// Problems one per line rather than the joined message.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// FoldAt is how many problems of one shape in one file are printed in
// full; beyond FoldOver of them, the rest are counted in one line. A
// published table with a wrong column gives one problem a row, and 68,000
// lines help nobody.
const (
	FoldAt   = 10
	FoldOver = 20
)

// shapeRe finds the parts of a message that differ from row to row: the
// quoted cell and the numbers.
var shapeRe = regexp.MustCompile(`"[^"]*"|\d+(\.\d+)?`)

// Lines returns the problems as lines to print, in order. When more than
// FoldOver problems in one file share a message (its values aside), only
// the first FoldAt are given, then one line "PATH: ... and N more lines
// like LINE", LINE being the first of them. all gives every problem.
func (l *List) Lines(all bool) []string {
	probs := l.All()
	type key struct {
		path, shape string
		warning     bool
	}
	keyOf := func(p Problem) key { return key{p.Path, shapeRe.ReplaceAllString(p.Message, "_"), p.Warning} }
	count := map[key]int{}
	for _, p := range probs {
		count[keyOf(p)]++
	}
	seen := map[key]int{}
	first := map[key]int{}
	var out []string
	for _, p := range probs {
		k := keyOf(p)
		seen[k]++
		if seen[k] == 1 {
			first[k] = p.Line
		}
		if all || count[k] <= FoldOver || seen[k] <= FoldAt {
			out = append(out, p.String())
		}
		if !all && count[k] > FoldOver && seen[k] == FoldAt {
			out = append(out, fmt.Sprintf("%s: ... and %d more lines like %d", p.Path, count[k]-FoldAt, first[k]))
		}
	}
	return out
}
