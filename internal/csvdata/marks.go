package csvdata

import "strings"

// Mark says why a figure is not there, in the shorthand of the Government
// Statistical Service that published tables use. A marked figure is shown
// as its word, leaves a gap in a chart, and is skipped by status and
// direction of travel.
type Mark byte

// The marks. Present is a figure that is there.
const (
	Present       Mark = iota
	NotAvailable       // [x], x, .., -, n/a or an empty cell
	NotApplicable      // [z], z
	Confidential       // [c], c
)

// String is the word shown in place of the figure.
func (m Mark) String() string {
	switch m {
	case NotAvailable:
		return "not available"
	case NotApplicable:
		return "not applicable"
	case Confidential:
		return "confidential"
	}
	return ""
}

// Symbol is the mark as the GSS writes it, for tables' keys and downloads.
func (m Mark) Symbol() string {
	switch m {
	case NotAvailable:
		return "[x]"
	case NotApplicable:
		return "[z]"
	case Confidential:
		return "[c]"
	}
	return ""
}

// Flag qualifies a figure that is there: provisional, revised or
// estimated, written after it as "57.3 [p]".
type Flag byte

// The flags. NoFlag is a figure as final.
const (
	NoFlag Flag = iota
	Provisional
	Revised
	Estimated
)

// String is the flag's word, for keys.
func (f Flag) String() string {
	switch f {
	case Provisional:
		return "provisional"
	case Revised:
		return "revised"
	case Estimated:
		return "estimated"
	}
	return ""
}

// Symbol is the flag as written beside a figure: "[p]".
func (f Flag) Symbol() string {
	switch f {
	case Provisional:
		return "[p]"
	case Revised:
		return "[r]"
	case Estimated:
		return "[e]"
	}
	return ""
}

var (
	marks = map[string]Mark{"": NotAvailable, "[x]": NotAvailable, "x": NotAvailable, "..": NotAvailable, "-": NotAvailable,
		"n/a": NotAvailable, "na": NotAvailable, "[z]": NotApplicable, "z": NotApplicable, "[c]": Confidential, "c": Confidential}
	flags = map[string]Flag{"[p]": Provisional, "[r]": Revised, "[e]": Estimated}
)

// figure is a performance value cell: a number, perhaps flagged, or a
// mark in its place.
type figure struct {
	value    float64
	set, bad bool
	mark     Mark
	flag     Flag
	places   int8 // decimal places as written
}

func (f *figure) UnmarshalCSV(s string) error {
	*f = figure{set: true}
	if v, ok := plainNumber(s); ok {
		f.value, f.places = v, int8(places(s)) // the usual cell, read without allocating
		return nil
	}
	s = strings.TrimSpace(s)
	if m, ok := marks[strings.ToLower(s)]; ok {
		f.mark = m
		return nil
	}
	if i := strings.LastIndexByte(s, '['); i >= 0 && strings.HasSuffix(s, "]") {
		if fl, ok := flags[strings.ToLower(s[i:])]; ok {
			f.flag, s = fl, strings.TrimSpace(s[:i])
		}
	}
	v, err := ParseNumber(s)
	f.value, f.bad, f.places = v, err != nil, int8(places(s))
	return nil
}
