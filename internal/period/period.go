// Package period holds the reporting periods that council performance and
// savings figures are given for: UK financial years (April to March),
// quarters of them, and calendar months.
package period

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/partnersite/partnersite/internal/words"
)

// Kind says which sort of period a value is. A metric uses one kind only.
type Kind int

// The kinds of period, in no particular order.
const (
	Year Kind = iota + 1
	Quarter
	Month
)

// Word names the kind in the language l, for headings: "quarter",
// "chwarter" (catalogue entries period.kind.*).
func (k Kind) Word(l *words.Lang) string {
	switch k {
	case Year, Quarter, Month:
		return l.T("period.kind." + strings.ReplaceAll(k.String(), "financial ", ""))
	}
	return k.String()
}

// String names the kind in plain English, for error messages; Word is a
// page's.
func (k Kind) String() string {
	switch k {
	case Year:
		return "financial year"
	case Quarter:
		return "quarter"
	case Month:
		return "month"
	}
	return "unknown period"
}

// Period is one financial year, quarter or month. The zero value is not a
// valid period.
type Period struct {
	Kind Kind
	// Year is the calendar year in which the financial year starts
	// (2024 for 2024/25), or the calendar year of a month.
	Year int
	// N is the quarter (1-4, Q1 is April to June) or the month (1-12).
	N int
}

var (
	yearRe    = regexp.MustCompile(`^(\d{4})[/-](\d{2}|\d{4})$`)
	quarterRe = regexp.MustCompile(`^(\d{4})[/-](\d{2}|\d{4})\s*Q([1-4])$`)
	monthRe   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	namedRe   = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{4})$`)
	// The forms published tables use, read once the canonical ones fail.
	fyRe = regexp.MustCompile(`^FY\s*(\d{4}[/-](?:\d{2}|\d{4}))$`)
	// A quarter written after its year ("2022/23 Qtr 2") or before it
	// ("Quarter 2 2022/23"), by any word starting with Q, so that a
	// misspelt word or a fifth quarter is answered with the form meant
	// rather than with the list of every form.
	qAfterRe   = regexp.MustCompile(`^(\d{4})(?:[/-](\d{2}|\d{4}))?\s*[-,:]?\s*(Q[A-Z]*)\.?\s*(\d{1,2})$`)
	qBeforeRe  = regexp.MustCompile(`^(Q[A-Z]*)\.?\s*(\d{1,2})\s*[-,:]?\s*(\d{4})(?:[/-](\d{2}|\d{4}))?$`)
	monthsRe   = regexp.MustCompile(`^([A-Z]+)\.?\s*(?:-|–|TO)\s*([A-Z]+)\.?\s+(\d{4})$`)
	shortMonRe = regexp.MustCompile(`^([A-Z]+)[-\s](\d{2})$`)
	yearQRe    = regexp.MustCompile(`(\d{4}).*Q(?:UARTER)?\s*([1-4])|Q(?:UARTER)?\s*([1-4]).*?(\d{4})`)
	isoDateRe  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	shortFYRe  = regexp.MustCompile(`(^|[^\d/])(\d{2})/(\d{2})($|[^\d/])`)
	ukDateRe   = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	midnight   = regexp.MustCompile(`^00:00(:00)?$`)
)

// Ambiguous is the error for "2010-11", which is both November 2010 and
// the financial year 2010/11. Every YYYY-MM from 2000-01 to 2011-12 is
// both. The caller may decide by the kind of the other periods beside it.
type Ambiguous struct {
	Text        string
	Year, Month Period
}

func (a *Ambiguous) Error() string {
	return fmt.Sprintf("period %q could be %s or the financial year %s; write %s for the year, or %s for the month",
		a.Text, a.Month.Label(), a.Year, a.Year, a.Month.Written())
}

// MinYear and MaxYear bound the years a period may fall in: wide enough for
// any council's history and plans, narrow enough that every period has a
// four-digit year and formats back to what it was read from.
const (
	MinYear = 1900
	MaxYear = 2199
)

// maxLen is the most bytes Parse reads as a period: far more than the
// longest form ("2024/25 Quarter 1 (April to June)" and the like).
const maxLen = 80

// runeStart is the largest index at most n that starts a character of s,
// so that s is never cut inside one.
func runeStart(s string, n int) int {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// Parse reads "2024/25" (or "2024-25"), "2024/25 Q1", "2024-06" or
// "Jun 2024". The error says what forms are accepted, because the person
// reading it is looking at a spreadsheet, not at this code. "2010-11",
// which could be a month or a year, is an *Ambiguous error.
func Parse(s string) (Period, error) {
	if t := strings.TrimSpace(s); len(t) > maxLen {
		// No period is this long; quoting the cell in full in every
		// message would bury what is wrong under it.
		return Period{}, fmt.Errorf("period %q is %d characters long, far too long to be a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024)", t[:runeStart(t, maxLen-3)]+"...", len(t))
	}
	p, err := parse(s)
	if a, ok := err.(*Ambiguous); ok {
		p = a.Year
	}
	if p.Kind != 0 && (p.Year < MinYear || p.Year > MaxYear) {
		return Period{}, fmt.Errorf("period %q: the year must be from %d to %d", strings.TrimSpace(s), MinYear, MaxYear)
	}
	if err != nil {
		return Period{}, err
	}
	return p, nil
}

func parse(s string) (Period, error) {
	if p, ok := quick(s); ok {
		return p, nil
	}
	// A spreadsheet's non-breaking space ("Q4\u00a02022/23", as Excel
	// and published tables write it) is a space to the reader, but not to
	// the patterns' \s, which is ASCII only.
	s = strings.TrimSpace(strings.Map(spaceRune, s))
	if m := shortFYRe.FindStringSubmatchIndex(s); m != nil {
		// "Q1 14/15", as a report's header may abbreviate 2014/15: two
		// consecutive two-digit years can only be a financial year.
		a, _ := strconv.Atoi(s[m[4]:m[5]])
		b, _ := strconv.Atoi(s[m[6]:m[7]])
		if (a+1)%100 == b {
			s = s[:m[4]] + "20" + s[m[4]:]
		}
	}
	u := strings.ToUpper(s)
	if m := namedRe.FindStringSubmatch(s); m != nil {
		if mo := monthNamed(m[1]); mo > 0 {
			y, _ := strconv.Atoi(m[2])
			return Period{Kind: Month, Year: y, N: mo}, nil
		}
	}
	if p, ok, err := published(s, u); ok || err != nil {
		return p, err
	}
	if m := quarterRe.FindStringSubmatch(u); m != nil {
		y, err := fyStart(m[1], m[2])
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %w", s, err)
		}
		q, _ := strconv.Atoi(m[3])
		return Period{Kind: Quarter, Year: y, N: q}, nil
	}
	// "2024-06" would also match the year form with a two-digit end, so
	// months are tried first: a financial year always ends the year after
	// it starts, and "-06" cannot be that unless the start is 2005.
	if m := monthRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if (y+1)%100 != mo {
			if mo < 1 || mo > 12 {
				return Period{}, fmt.Errorf("period %q: month %d does not exist; write months as YYYY-MM, e.g. 2024-06", s, mo)
			}
			return Period{Kind: Month, Year: y, N: mo}, nil
		}
		if mo >= 1 && mo <= 12 {
			return Period{}, &Ambiguous{Text: s, Year: Period{Kind: Year, Year: y}, Month: Period{Kind: Month, Year: y, N: mo}}
		}
	}
	if m := yearRe.FindStringSubmatch(s); m != nil {
		y, err := fyStart(m[1], m[2])
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %w", s, err)
		}
		return Period{Kind: Year, Year: y}, nil
	}
	return Period{}, fmt.Errorf("period %q is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024)%s", s, suggestion(u))
}

// spaceRune turns the spaces that look like one (no-break, figure,
// narrow no-break and thin spaces) into a plain space.
func spaceRune(r rune) rune {
	switch r {
	case '\u00a0', '\u2007', '\u2009', '\u202f':
		return ' '
	}
	return r
}

// published reads the forms of period that published tables use: "FY
// 2024/25", "Q1 2024/25", "2024/25 Quarter 1", "2022/23 Qtr 2", "Qtr 2
// 2022/23", "Apr-Jun 2024", "April to June 2024" and "Jun-24". s is the
// text trimmed, u the same in upper case. ok is false when none of them
// fits.
func published(s, u string) (p Period, ok bool, err error) {
	if m := fyRe.FindStringSubmatch(u); m != nil {
		p, err := parse(m[1])
		return p, true, err
	}
	if m := qAfterRe.FindStringSubmatch(u); m != nil {
		p, err := quarterWritten(s, m[1], m[2], m[3], m[4])
		return p, true, err
	}
	if m := qBeforeRe.FindStringSubmatch(u); m != nil {
		p, err := quarterWritten(s, m[3], m[4], m[1], m[2])
		return p, true, err
	}
	if m := monthsRe.FindStringSubmatch(u); m != nil {
		from, to := monthNamed(m[1]), monthNamed(m[2])
		y, _ := strconv.Atoi(m[3])
		if from == 0 || to == 0 {
			return Period{}, false, nil
		}
		// A quarter of the financial year: April to June is Q1, January
		// to March is Q4 of the year that began the April before.
		if (from-4+12)%3 != 0 || (to-from+12)%12 != 2 {
			return Period{}, true, fmt.Errorf("period %q is not a quarter of the financial year; quarters are April to June, July to September, October to December and January to March", strings.ToLower(u))
		}
		q := (from-4+12)%12/3 + 1
		if q == 4 {
			y--
		}
		return Period{Kind: Quarter, Year: y, N: q}, true, nil
	}
	if m := shortMonRe.FindStringSubmatch(u); m != nil {
		if mo := monthNamed(m[1]); mo > 0 {
			y, _ := strconv.Atoi(m[2])
			return Period{Kind: Month, Year: 2000 + y, N: mo}, true, nil
		}
	}
	return Period{}, false, nil
}

// quarterWords are the words for a quarter that councils' reports use.
var quarterWords = map[string]bool{"Q": true, "QTR": true, "QUARTER": true}

// NearMiss is the error for text written nearly as a quarter: a year and
// a quarter in a form that is not read ("Quater 2 2022/23", "2022/23 Qtr
// 5", "Q1 2024"). Its message gives the nearest accepted form where there
// is one. A wide table's header cell that is a near miss is a column of
// figures that would otherwise be dropped with only "unknown column".
type NearMiss struct {
	Text string // as written, trimmed
	msg  string
}

func (e *NearMiss) Error() string { return e.msg }

// quarterWritten reads a quarter from its parts as written: the year it
// starts (and, for a financial year, the year it ends: "" for a calendar
// year alone), the word for a quarter and its number. Every part that is
// wrong gets the form meant.
func quarterWritten(s, start, end, word, num string) (Period, error) {
	miss := func(format string, args ...any) error {
		return &NearMiss{Text: s, msg: fmt.Sprintf(format, args...)}
	}
	n, _ := strconv.Atoi(num)
	y, _ := strconv.Atoi(start)
	fy := fmt.Sprintf("%d/%02d", y, (y+1)%100)
	if end != "" {
		if _, err := fyStart(start, end); err != nil {
			return Period{}, miss("period %q: %v", s, err)
		}
	}
	if n < 1 || n > 4 {
		return Period{}, miss("period %q: a financial year has quarters 1 to 4 (Q1 is April to June, Q4 January to March); write e.g. %s Q1", s, fy)
	}
	canonical := fmt.Sprintf("%s Q%d", fy, n)
	if end == "" {
		// "Q1 2024": the calendar quarter or the financial one? The
		// author must say, so the form is shown but not assumed.
		return Period{}, miss("period %q is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024); for a quarter write the financial year and the quarter, e.g. %s", s, canonical)
	}
	if !quarterWords[word] {
		return Period{}, miss("period %q is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024); did you mean %s?", s, canonical)
	}
	return Period{Kind: Quarter, Year: y, N: n}, nil
}

// suggestion offers the accepted form nearest to a period that could not
// be read, when the text has the parts of one: "Q1 2024" has a quarter and
// a year, but which financial year it means is for the author to say.
func suggestion(u string) string {
	if m := yearQRe.FindStringSubmatch(u); m != nil {
		y, q := m[1], m[2]
		if y == "" {
			y, q = m[4], m[3]
		}
		n, _ := strconv.Atoi(y)
		return fmt.Sprintf("; for a quarter write the financial year and the quarter, e.g. %d/%02d Q%s", n, (n+1)%100, q)
	}
	for _, w := range strings.FieldsFunc(u, func(r rune) bool { return r == ' ' || r == '-' || r == '/' }) {
		if mo := monthNamed(w); mo > 0 {
			return fmt.Sprintf("; for a month write e.g. %s 2024 or 2024-%02d", time.Month(mo).String()[:3], mo)
		}
	}
	return ""
}

// quick parses the canonical forms "2024/25" and "2024/25 Q1" without a
// regular expression, since a performance file repeats them on every row.
func quick(s string) (Period, bool) {
	if len(s) != 7 && len(s) != 10 || s[4] != '/' {
		return Period{}, false
	}
	d := func(i int) int { return int(s[i] - '0') }
	for _, i := range []int{0, 1, 2, 3, 5, 6} {
		if s[i] < '0' || s[i] > '9' {
			return Period{}, false
		}
	}
	y := d(0)*1000 + d(1)*100 + d(2)*10 + d(3)
	if (y+1)%100 != d(5)*10+d(6) {
		return Period{}, false
	}
	if len(s) == 7 {
		return Period{Kind: Year, Year: y}, true
	}
	if s[7] != ' ' || s[8] != 'Q' || s[9] < '1' || s[9] > '4' {
		return Period{}, false
	}
	return Period{Kind: Quarter, Year: y, N: d(9)}, true
}

func fyStart(start, end string) (int, error) {
	y, _ := strconv.Atoi(start)
	e, _ := strconv.Atoi(end)
	want := y + 1
	if len(end) == 2 {
		want %= 100
	}
	if e != want {
		return 0, fmt.Errorf("a financial year runs into the next year, so %d is followed by %0*d", y, len(end), want)
	}
	return y, nil
}

// MustParse is Parse for literals in tests and examples; it panics on error.
func MustParse(s string) Period {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Kind == 0 }

// String gives the form pages show: "2024/25", "2024/25 Q1" or
// "2024-06", one form for every month.
func (p Period) String() string {
	switch p.Kind {
	case Year:
		return fmt.Sprintf("%d/%02d", p.Year, (p.Year+1)%100)
	case Quarter:
		return fmt.Sprintf("%d/%02d Q%d", p.Year, (p.Year+1)%100, p.N)
	case Month:
		return fmt.Sprintf("%d-%02d", p.Year, p.N)
	}
	return ""
}

// Written is the form a file is written with, so that it reads back as
// the same period: String, but a month whose number would read as a
// financial year (2010-11 is also 2010/11) by name, "Nov 2010". A page
// shows it beside its neighbours and the words of its label; a file read
// by a program has neither.
func (p Period) Written() string {
	if p.Kind == Month && (p.Year+1)%100 == p.N {
		return fmt.Sprintf("%.3s %d", time.Month(p.N), p.Year)
	}
	return p.String()
}

// monthNamed is the month a name or its three-letter abbreviation gives,
// "Nov" or "November" (and "Sept"), or 0.
func monthNamed(name string) int {
	n := strings.ToLower(name)
	if n == "sept" {
		return 9
	}
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		if n == full || len(n) == 3 && n == full[:3] {
			return int(m)
		}
	}
	return 0
}

// LabelIn is Label in the language l: "April to June 2024", "Ebrill i
// Fehefin 2024", "June 2024", "Mehefin 2024" (catalogue entries
// period.year and period.quarter; months as the catalogue names them).
func (p Period) LabelIn(l *words.Lang) string {
	switch p.Kind {
	case Year:
		return l.F("period.year", "from", l.Month(time.April), "start", p.Year, "to", l.Month(time.March), "end", p.Year+1)
	case Quarter:
		s, e := p.Start(), p.End()
		return l.F("period.quarter", "from", l.Month(s.Month()), "to", l.Month(e.Month()), "year", e.Year())
	case Month:
		return l.MonthYear(time.Month(p.N), p.Year)
	}
	return ""
}

// Label spells the period out in English for residents who do not know
// what "Q1" means in local government: "April to June 2024". It is for
// the templates and problems that call it without a language; a page in
// a language writes LabelIn.
func (p Period) Label() string {
	switch p.Kind {
	case Year:
		return fmt.Sprintf("April %d to March %d", p.Year, p.Year+1)
	case Quarter:
		s := p.Start()
		e := p.End()
		return fmt.Sprintf("%s to %s %d", s.Month(), e.Month(), e.Year())
	case Month:
		return fmt.Sprintf("%s %d", time.Month(p.N), p.Year)
	}
	return ""
}

// Start is the first day of the period.
func (p Period) Start() time.Time {
	switch p.Kind {
	case Year:
		return time.Date(p.Year, time.April, 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(p.Year, time.April+time.Month(3*(p.N-1)), 1, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(p.Year, time.Month(p.N), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End is the last day of the period.
func (p Period) End() time.Time {
	s := p.Start()
	switch p.Kind {
	case Year:
		return s.AddDate(1, 0, -1)
	case Quarter:
		return s.AddDate(0, 3, -1)
	case Month:
		return s.AddDate(0, 1, -1)
	}
	return time.Time{}
}

// Compare orders periods by start date, then by kind so that a year sorts
// before its first quarter; it returns -1, 0 or +1.
func Compare(a, b Period) int {
	if c := a.Start().Compare(b.Start()); c != 0 {
		return c
	}
	switch {
	case a.Kind < b.Kind:
		return -1
	case a.Kind > b.Kind:
		return 1
	}
	return 0
}

// ParseDate reads YYYY-MM-DD or DD/MM/YYYY. Month-first dates are never
// accepted: "04/05/2024" is the 4th of May, as on any UK form.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	// Excel saves a date cell with its time of day: "01/06/2024 00:00".
	if d, t, ok := strings.Cut(s, " "); ok && midnight.MatchString(strings.TrimSpace(t)) {
		s = d
	}
	var y, m, d int
	if p := isoDateRe.FindStringSubmatch(s); p != nil {
		y, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
		d, _ = strconv.Atoi(p[3])
	} else if p := ukDateRe.FindStringSubmatch(s); p != nil {
		d, _ = strconv.Atoi(p[1])
		m, _ = strconv.Atoi(p[2])
		y, _ = strconv.Atoi(p[3])
	} else {
		return time.Time{}, fmt.Errorf("write dates as YYYY-MM-DD or DD/MM/YYYY (day first)")
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, fmt.Errorf("there is no such day; write dates as YYYY-MM-DD or DD/MM/YYYY (day first)")
	}
	return t, nil
}

// YearEarlier is the same period a year before: 2023/24 Q2 for 2024/25
// Q2, 2023-06 for 2024-06.
func (p Period) YearEarlier() Period { return Period{Kind: p.Kind, Year: p.Year - 1, N: p.N} }

// SpanIn is Span in the language l: "2021/22 to 2023/24", "2021/22 i
// 2023/24" (catalogue entry period.span); the periods keep their form.
func SpanIn(l *words.Lang, first, last Period) string {
	if first == last {
		return first.String()
	}
	return l.F("period.span", "first", first.String(), "last", last.String())
}

// Day is a date as a table gives it: a day, or a whole month when the
// table says only "June 2024", which is shown as the month, never as the
// 1st of it.
type Day struct {
	time.Time
	Month bool // only the month is known
}

// ParseDay reads a date as ParseDate does, or a month: "June 2024",
// "Jun 2024", "2024-06".
func ParseDay(s string) (Day, error) {
	t, err := ParseDate(s)
	if err == nil {
		return Day{Time: t}, nil
	}
	if p, perr := Parse(s); perr == nil && p.Kind == Month {
		return Day{Time: p.Start(), Month: true}, nil
	}
	return Day{}, err
}

// In is the date as a page in the language l shows it: "1 April 2024",
// "1 Ebrill 2024", or the month, "June 2024", "Mehefin 2024".
func (d Day) In(l *words.Lang) string {
	if d.Month {
		return l.MonthYear(d.Time.Month(), d.Year())
	}
	return l.Date(d.Time)
}

// String is the date in English: "1 April 2024", or "June 2024"; In is
// a page's in its language.
func (d Day) String() string {
	if d.Month {
		return d.Format("January 2006")
	}
	return d.Format("2 January 2006")
}

// ISO is the date for downloads: "2024-04-01", or "2024-06" for a month.
func (d Day) ISO() string {
	if d.Month {
		return d.Format("2006-01")
	}
	return d.Format("2006-01-02")
}

// Deadline is when an action is due, as an action log gives it: a day, a
// month ("2025-03"), or a period ("2025/26 Q4"), by whose end it is due.
type Deadline struct {
	Day    Day    // a day or a month; zero when Period is set
	Period Period // a quarter or year; zero when Day is set
}

// ParseDeadline reads a date, a month or a period.
func ParseDeadline(s string) (Deadline, error) {
	if d, err := ParseDay(s); err == nil {
		return Deadline{Day: d}, nil
	}
	p, err := Parse(s)
	if err != nil {
		return Deadline{}, fmt.Errorf("%q is not a date, a month or a period; write 2025-03-31, 2025-03 or 2024/25 Q4", s)
	}
	return Deadline{Period: p}, nil
}

// IsZero reports whether no deadline is given.
func (d Deadline) IsZero() bool { return d.Day.IsZero() && d.Period.IsZero() }

// End is the last day the deadline allows: the day itself, or the last
// day of the month or period.
func (d Deadline) End() time.Time {
	switch {
	case !d.Period.IsZero():
		return d.Period.End()
	case d.Day.Month:
		return d.Day.AddDate(0, 1, -1)
	}
	return d.Day.Time
}

// In is the deadline as a page in the language l shows it: "31 March
// 2025", "31 Mawrth 2025", "March 2025" or "2024/25 Q4" (a period keeps
// its form in every language).
func (d Deadline) In(l *words.Lang) string {
	if !d.Period.IsZero() {
		return d.Period.String()
	}
	if d.Day.IsZero() {
		return ""
	}
	return d.Day.In(l)
}

// String is the deadline in English: "31 March 2025", "March 2025" or
// "2024/25 Q4"; In is a page's in its language.
func (d Deadline) String() string {
	if !d.Period.IsZero() {
		return d.Period.String()
	}
	if d.Day.IsZero() {
		return ""
	}
	return d.Day.String()
}

// Written is the deadline as a download writes it: "2025-03-31",
// "2025-03" or "2024/25 Q4".
func (d Deadline) Written() string {
	if !d.Period.IsZero() {
		return d.Period.Written()
	}
	if d.Day.IsZero() {
		return ""
	}
	return d.Day.ISO()
}
