// Package problem collects what is wrong with a site's inputs, so that one run
// can report every problem at once as "PATH:LINE: message" lines, the form
// editors and CI logs already know how to jump to.
package problem

import (
	"cmp"
	"fmt"
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
	return out
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
