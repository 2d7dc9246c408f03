package csvdata

import (
	"github.com/partnersite/partnersite/internal/format"
	"strings"

	"github.com/partnersite/partnersite/internal/measure"
)

var (
	marks = map[string]measure.Mark{"": measure.NotAvailable, "[x]": measure.NotAvailable, "x": measure.NotAvailable, "..": measure.NotAvailable, "-": measure.NotAvailable,
		"n/a": measure.NotAvailable, "na": measure.NotAvailable, "[z]": measure.NotApplicable, "z": measure.NotApplicable, "[c]": measure.Confidential, "c": measure.Confidential}
	flags = map[string]measure.Flag{"[p]": measure.Provisional, "[r]": measure.Revised, "[e]": measure.Estimated}
)

// figure is a performance value cell: a number, perhaps flagged, or a
// mark in its place.
type figure struct {
	value    float64
	set, bad bool
	mark     measure.Mark
	flag     measure.Flag
	places   int8 // decimal places as written
}

func (f *figure) UnmarshalCSV(s string) error {
	*f = figure{set: true}
	if v, places, ok := plainDecimal(s); ok {
		f.value, f.places = v, int8(places) // the usual cell, read without allocating
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
	f.value, f.bad, f.places = v, err != nil, int8(format.Places(s))
	return nil
}
