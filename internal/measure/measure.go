// Package measure holds the words of a performance measure that every
// part of the program shares: the unit a metric is measured in and how a
// figure is written with it, which way is better, and the Government
// Statistical Service's marks and flags for figures that are missing or
// qualified. The loader reads them from the CSV files; the model, the
// charts and the pages use them; none of them owns them.
package measure

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/textfile"
	"github.com/partnersite/partnersite/internal/words"
)

// Unit is what a metric is measured in. Everything about writing a figure
// of a unit lives in its entry in the table below and the methods on
// Unit: the tables, the sentences, the rules and (through the attributes
// the chart container is given) the browser's tooltips and axis labels.
type Unit string

// The units a metric may have.
const (
	Percent Unit = "percent"
	GBP     Unit = "gbp"
	Count   Unit = "count"
	Days    Unit = "days"
	Hours   Unit = "hours"
	Minutes Unit = "minutes"
	FTE     Unit = "fte"
	Score   Unit = "score"
)

// Units lists every valid unit, in the order the documentation gives them.
var Units = []Unit{Percent, GBP, Count, Days, Hours, Minutes, FTE, Score}

// unitInfo is how a unit is written.
type unitInfo struct {
	prefix, suffix string // written against the digits: "£", "%", " FTE"
	// worded is true for a unit written by its catalogue pattern,
	// "{n} day", rather than by prefix and suffix alone.
	worded bool
	// valueMin and valueMax are the places a figure takes where its
	// metric's precision does not apply (rules, axis labels): percentages
	// to one place exactly, pounds whole, others to at most one.
	valueMin, valueMax int
	minus              string // written before a negative figure; "-" when ""
	points             bool   // differences are "points": "within 0.5 points"
	marginPlaces       int    // the most places a margin is written with
}

var units = map[Unit]unitInfo{
	Percent: {suffix: "%", valueMin: 1, valueMax: 1, points: true, marginPlaces: 2},
	GBP:     {prefix: "£", minus: money.Minus, valueMax: 0, marginPlaces: 0},
	Count:   {valueMax: 1, marginPlaces: 2},
	Days:    {worded: true, valueMax: 1, marginPlaces: 1},
	Hours:   {worded: true, valueMax: 1, marginPlaces: 1},
	Minutes: {worded: true, valueMax: 1, marginPlaces: 1},
	FTE:     {suffix: " FTE", worded: true, valueMax: 1, marginPlaces: 1},
	Score:   {valueMax: 1, points: true, marginPlaces: 2},
}

// info is the unit's entry; an unknown unit is written as a bare number,
// as a count is.
func (u Unit) info() unitInfo {
	if i, ok := units[u]; ok {
		return i
	}
	return units[Count]
}

// known is the unit itself, or Count for a unit the table lacks: the
// name of its catalogue entries.
func (u Unit) known() Unit {
	if _, ok := units[u]; ok {
		return u
	}
	return Count
}

// Label names what the unit measures in the language l: "Percentage",
// "Pounds", "Days" (catalogue entries measure.label.UNIT).
func (u Unit) Label(l *words.Lang) string { return l.T("measure.label." + string(u.known())) }

// Prefix is written before the digits (after a minus sign): "£".
func (u Unit) Prefix() string { return u.info().prefix }

// Suffix is written straight after the digits: "%", " FTE".
func (u Unit) Suffix() string { return u.info().suffix }

// Forms is how a worded unit's figure is written in the language l, for
// the browser's charts: a JSON object of the catalogue's plural forms,
// {"one":"{n} day","other":"{n} days"}, each form given only where it
// differs from other, for the script to pick by Intl.PluralRules for the
// page's language as Write picks by CLDR's; "" for a unit written by
// prefix and suffix alone.
func (u Unit) Forms(l *words.Lang) string {
	if !u.info().worded {
		return ""
	}
	key := "measure.unit." + string(u.known())
	other := l.T(key + ".other")
	quote := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	var sb strings.Builder
	sb.WriteString(`{"other":` + quote(other))
	for _, f := range []string{"zero", "one", "two", "few", "many"} {
		if w := l.T(key + "." + f); l.Has(key+"."+f) && w != other {
			sb.WriteString(`,"` + f + `":` + quote(w))
		}
	}
	sb.WriteString("}")
	return sb.String()
}

// Minus is the sign written before a negative figure: the true minus
// sign, U+2212, for money ("−£213,000", as money.Pence writes it), a
// hyphen for the other units.
func (u Unit) Minus() string {
	if m := u.info().minus; m != "" {
		return m
	}
	return "-"
}

// Places is the precision of the unit's figures where neither the figures
// nor metrics.csv give one: pounds whole, others to one place.
func (u Unit) Places() int { return u.info().valueMax }

// ValueMin and ValueMax are the fewest and most places Value writes, and
// so the places of the browser's axis labels: one and one for
// percentages, none for pounds, up to one for others.
func (u Unit) ValueMin() int { return u.info().valueMin }

// ValueMax is the most places Value writes; see ValueMin.
func (u Unit) ValueMax() int { return u.info().valueMax }

// MarginPlaces is the most places a margin of the unit is written with
// when nothing says otherwise.
func (u Unit) MarginPlaces() int { return u.info().marginPlaces }

// Write writes a formatted number with its unit: "99.2%", "£1,234",
// "7.25 days". It is the one place a unit is written; the browser writes
// it the same way from the attributes the chart container is given. The
// unit's word agrees with the digits shown, by the plural rules of the
// language l: "1 day", "1.0 days"; Welsh "2 ddiwrnod", "3 diwrnod".
func (u Unit) Write(l *words.Lang, n string) string {
	i := u.info()
	if i.worded {
		// A worded unit has no prefix and a hyphen for its minus, so the
		// pattern's {n} is the figure as written; the form is chosen by
		// the digits alone.
		return l.NWritten("measure.unit."+string(u.known()), n)
	}
	sign, digits := "", n
	if rest, ok := strings.CutPrefix(n, "-"); ok {
		sign, digits = u.Minus(), rest
	}
	return sign + i.prefix + digits + i.suffix
}

// Format writes v to exactly places decimal places with its unit, so that
// a column of figures lines up: "97.00%", "£1,234", "7.25 days", "8.00
// days", "1 day". Pounds have at most the two places of pence: an amount
// is whole pence, so a third place could only be a zero (£1,234.500) or
// a fraction the download does not have.
func (u Unit) Format(l *words.Lang, v float64, places int) string {
	if u == GBP {
		places = min(places, 2)
	}
	return u.Write(l, format.Fixed(v, places))
}

// Trim writes v to at most places decimal places with its unit, without
// trailing zeros, for a sentence: "18 days", "17.25 days".
func (u Unit) Trim(l *words.Lang, v float64, places int) string {
	return u.Write(l, format.Trim(v, places))
}

// Value writes v at the unit's own precision, for a rule or a sentence
// about a figure of no particular metric: "99.2%", "£1,234", "18 days",
// "18.5 days".
func (u Unit) Value(l *words.Lang, v float64) string {
	i := u.info()
	s := format.Fixed(v, i.valueMax)
	if whole, frac, ok := strings.Cut(s, "."); ok {
		frac = strings.TrimRight(frac, "0")
		for len(frac) < i.valueMin {
			frac += "0"
		}
		s = whole
		if frac != "" {
			s += "." + frac
		}
	}
	return u.Write(l, s)
}

// Prose is Value for a sentence read aloud: millions of pounds as "£1.2m".
func (u Unit) Prose(l *words.Lang, v float64) string {
	if u == GBP {
		return format.MoneyShort(v)
	}
	return u.Value(l, v)
}

// ProseIn writes a figure of a metric shown to places for a sentence,
// exactly as the tables write it ("19.0 days against 18 days", "99.0%
// against 99.5%", "£1,234,567"), so that one figure reads the same in its
// sentence, its status and its table.
func (u Unit) ProseIn(l *words.Lang, v float64, places int) string {
	return u.Format(l, v, places)
}

// Mean writes an average of figures shown to places: to a place more, so
// that 17 and 18 days average 17.5 days, not 18; pounds as ProseIn writes
// them.
func (u Unit) Mean(l *words.Lang, v float64, places int) string {
	if u == GBP {
		return u.ProseIn(l, v, places)
	}
	return u.Trim(l, v, places+1)
}

// Margin writes a difference, such as an amber margin, to at most places
// decimal places: percentages and scores in "points", since "within 0.5%
// of 99.5%" would be ambiguous; "0.9 days", "£2,500", "1" for a count.
func (u Unit) Margin(l *words.Lang, a float64, places int) string {
	if u.info().points {
		return l.NWritten("measure.points", format.Trim(a, places))
	}
	if t := u.Trim(l, a, places); u != GBP || !strings.Contains(t, ".") {
		return t
	}
	// Pence in full, as every amount is written: £3.70, never £3.7.
	return u.Format(l, a, 2)
}

// Direction says which way is better for a metric. Callers ask it what
// they need (Rated, Better, Shortfall, Phrase) rather than compare it with
// the constants: a comparison missed in one place once made a measure of
// context read "Higher is better" beside "Not rated".
type Direction string

// The directions.
const (
	Higher  Direction = "higher"
	Lower   Direction = "lower"
	Neither Direction = "neither" // a measure of context, such as receipts: never rated
)

// Directions lists every valid direction, in the order the documentation
// gives them.
var Directions = []Direction{Higher, Lower, Neither}

// ParseDirection reads a direction as metrics.csv writes it, in any case
// and with spaces around it. The error says what the cell may hold.
func ParseDirection(s string) (Direction, error) {
	d := Direction(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Directions, d) {
		return d, nil
	}
	return "", fmt.Errorf("direction %q must be \"higher\" or \"lower\" (which way is better), or \"neither\" for a measure of context", textfile.Short(s))
}

// Rated reports whether figures of the direction are rated against a
// target and said to improve or worsen: false for a measure of context.
func (d Direction) Rated() bool { return d == Higher || d == Lower }

// Better says which of two figures is better: 1 when a is, -1 when b is,
// and 0 when they are equal or the direction is not rated. Callers round
// first to what they show, so that figures shown alike are equal.
func (d Direction) Better(a, b float64) int {
	switch {
	case !d.Rated() || a == b:
		return 0
	case (a > b) == (d == Higher):
		return 1
	}
	return -1
}

// Shortfall is how far v falls short of target t the way that is worse:
// positive when v is worse than t, negative when better, 0 when on it or
// when the direction is not rated. The status rule compares it with the
// amber margin.
func (d Direction) Shortfall(v, t float64) float64 {
	switch d {
	case Higher:
		return t - v
	case Lower:
		return v - t
	}
	return 0
}

// Key names the direction in catalogue keys: "higher", "lower",
// "neither". A rule's wording is chosen by it (status.rule.on-track.higher),
// since the words for the sides of a target differ by language.
func (d Direction) Key() string {
	if d.Rated() {
		return string(d)
	}
	return string(Neither)
}

// PhraseKey is the catalogue key of the phrase that says which way is
// better: "Higher is better", "Lower is better", or for a measure of
// context "Not rated: a measure of context", so that no page of one ever
// says a way is better (measure.direction.higher, ...).
func (d Direction) PhraseKey() string { return "measure.direction." + d.Key() }

// PhraseIn is the phrase of PhraseKey in the language l.
func (d Direction) PhraseIn(l *words.Lang) string { return l.T(d.PhraseKey()) }

// WordKey is the catalogue key of the answer to "Better is": "Higher" or
// "Lower" (measure.better.higher); "" for a measure of context, whose page
// leaves the row out.
func (d Direction) WordKey() string {
	if !d.Rated() {
		return ""
	}
	return "measure.better." + d.Key()
}

// WordIn is the answer of WordKey in the language l; "" for a measure of
// context.
func (d Direction) WordIn(l *words.Lang) string {
	if !d.Rated() {
		return ""
	}
	return l.T(d.WordKey())
}

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

// markNames are each mark's catalogue key, its English word (for
// problems, and for a template that writes a mark without a language) and
// its symbol as the GSS writes it, in the order of the marks: one row a
// mark, where four methods each had a switch.
var markNames = [...]struct{ key, english, symbol string }{
	Present:       {},
	NotAvailable:  {"measure.mark.not-available", "not available", "[x]"},
	NotApplicable: {"measure.mark.not-applicable", "not applicable", "[z]"},
	Confidential:  {"measure.mark.confidential", "confidential", "[c]"},
}

// names is m's row of markNames, empty for a value outside it.
func (m Mark) names() (n struct{ key, english, symbol string }) {
	if int(m) < len(markNames) {
		n = markNames[m]
	}
	return n
}

// Key is the mark's catalogue key, "measure.mark.not-available"; "" for
// a figure that is there.
func (m Mark) Key() string { return m.names().key }

// Word is the word shown in place of the figure, in the language l.
func (m Mark) Word(l *words.Lang) string {
	if k := m.Key(); k != "" {
		return l.T(k)
	}
	return ""
}

// String is the English word for the figure's absence (Word is the page's).
func (m Mark) String() string { return m.names().english }

// Symbol is the mark as the GSS writes it, for tables' keys and downloads.
func (m Mark) Symbol() string { return m.names().symbol }

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

// flagNames are each flag's catalogue key, English word and symbol, as
// markNames are each mark's.
var flagNames = [...]struct{ key, english, symbol string }{
	NoFlag:      {},
	Provisional: {"measure.flag.provisional", "provisional", "[p]"},
	Revised:     {"measure.flag.revised", "revised", "[r]"},
	Estimated:   {"measure.flag.estimated", "estimated", "[e]"},
}

// names is f's row of flagNames, empty for a value outside it.
func (f Flag) names() (n struct{ key, english, symbol string }) {
	if int(f) < len(flagNames) {
		n = flagNames[f]
	}
	return n
}

// Key is the flag's catalogue key, "measure.flag.provisional"; "" for
// NoFlag.
func (f Flag) Key() string { return f.names().key }

// Word is the flag's word for a table's key, in the language l.
func (f Flag) Word(l *words.Lang) string {
	if k := f.Key(); k != "" {
		return l.T(k)
	}
	return ""
}

// String is the flag's English word (Word is the page's).
func (f Flag) String() string { return f.names().english }

// Symbol is the flag as written beside a figure: "[p]".
func (f Flag) Symbol() string { return f.names().symbol }
