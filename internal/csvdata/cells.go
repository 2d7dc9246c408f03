package csvdata

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/partnersite/partnersite/internal/period"
)

// The cell types below are what a row is read into, by gocsv or by
// decodeEach. Each implements gocsv's UnmarshalCSV hook and never returns
// an error from it: gocsv would stop at the first bad cell and report a
// line number that drifts after blank rows and multi-line cells. Instead a
// cell keeps its raw text and its parse error, and the checks in this
// package report every bad cell at the line that encoding/csv says it is
// on.

// text is a trimmed text cell.
type text string

func (t *text) UnmarshalCSV(s string) error {
	*t = text(strings.TrimSpace(s))
	return nil
}

// The cells keep only what was parsed; the raw text stays in the table
// row, where the checks find it for their messages. Small cells matter:
// gocsv allocates every row of the small files twice, and a performance
// file's half a million rows are each read into one and copied out.

// number is a numeric cell in any of the forms councils write.
type number struct {
	value    float64
	set, bad bool // not empty; not a number
}

func (n *number) UnmarshalCSV(s string) error {
	*n = number{}
	if s = strings.TrimSpace(s); s != "" {
		v, err := ParseNumber(s)
		*n = number{value: v, set: true, bad: err != nil}
	}
	return nil
}

// date is a date cell, YYYY-MM-DD or DD/MM/YYYY.
type date struct {
	value    period.Day
	set, bad bool
}

func (d *date) UnmarshalCSV(s string) error {
	*d = date{}
	if s = strings.TrimSpace(s); s != "" {
		v, err := period.ParseDay(s)
		*d = date{value: v, set: true, bad: err != nil}
	}
	return nil
}

// periodCell is a financial year, quarter or month cell. An ambiguous
// cell ("2010-11") holds its month reading until the file's other rows
// decide which it is.
type periodCell struct {
	value         period.Period
	set, bad, amb bool
}

func (p *periodCell) UnmarshalCSV(s string) error {
	*p = periodCell{}
	if s = strings.TrimSpace(s); s != "" {
		v, err := period.Parse(s)
		if a, ok := err.(*period.Ambiguous); ok {
			*p = periodCell{value: a.Month, set: true, amb: true}
			return nil
		}
		*p = periodCell{value: v, set: true, bad: err != nil}
	}
	return nil
}

var (
	digitsRe = regexp.MustCompile(`^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$`)
)

// ParseNumber reads "1234.5", "1,234.5", "£1,234", "12%", "-1234" and
// "(1,234)", the last being how accountants write a negative. Commas must
// sit between thousands, so the continental "12,5" is refused rather than
// read as 125 or 12.5. NaN and infinities are refused: they are not figures.
func ParseNumber(s string) (float64, error) {
	if v, ok := plainNumber(s); ok {
		return v, nil
	}
	d, err := Decimal(s)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(d, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, numberError(s)
	}
	return v, nil
}

// Decimal reads a number as ParseNumber does but returns it as plain
// decimal text, "-1234.5", so that money can be read from it exactly.
func Decimal(s string) (string, error) {
	t := strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		neg = true
		t = strings.TrimSpace(t[1 : len(t)-1])
	}
	for _, minus := range []string{"-", "\u2212"} {
		if strings.HasPrefix(t, minus) {
			if neg {
				return "", numberError(s)
			}
			neg = true
			t = strings.TrimSpace(strings.TrimPrefix(t, minus))
		}
	}
	t = strings.TrimPrefix(t, "£")
	// "-£1,234" and "£-1,234" are both common in spreadsheets.
	if !neg && strings.HasPrefix(t, "-") {
		neg = true
		t = t[1:]
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	if !digitsRe.MatchString(t) {
		return "", numberError(s)
	}
	t = strings.ReplaceAll(t, ",", "")
	if strings.HasPrefix(t, ".") {
		t = "0" + t
	}
	if neg {
		t = "-" + t
	}
	return t, nil
}

// plainNumber is the fast path for the common form, digits with at most one
// point and an optional leading minus, which needs no regular expression.
func plainNumber(s string) (float64, bool) {
	v, _, ok := plainDecimal(s)
	return v, ok
}

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// plainDecimal is plainNumber with the decimal places the number is
// written with, as format.Places counts them. A number of up to 15 digits
// is its digits as an integer over a power of ten: both are exact in a
// float64, so the division rounds once, to the float64 nearest the
// decimal, which is what strconv.ParseFloat returns, at a fraction of its
// cost; half a million figures are read this way.
func plainDecimal(s string) (v float64, places int, ok bool) {
	if s == "" || len(s) > 20 {
		return 0, 0, false
	}
	start, dot := 0, -1
	if s[0] == '-' {
		start = 1
	}
	if start == len(s) {
		return 0, 0, false
	}
	var digits uint64
	for i := start; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = digits*10 + uint64(c-'0') // used only when it cannot overflow
		case c == '.' && dot < 0 && i > start && i < len(s)-1:
			dot = i
		default:
			return 0, 0, false
		}
	}
	n := len(s) - start // digits, and the point if any
	if dot >= 0 {
		places, n = len(s)-dot-1, n-1
	}
	if n > 15 {
		v, err := strconv.ParseFloat(s, 64)
		return v, places, err == nil
	}
	v = float64(digits)
	if start == 1 {
		v = -v
	}
	return v / pow10[places], places, true
}

func numberError(s string) error {
	if strings.Contains(s, ",") {
		return fmt.Errorf("write decimals with a point (12.5) and commas only between thousands (1,234)")
	}
	return fmt.Errorf("write numbers like 1234.5, 1,234, £1,234, 12%%, -1234 or (1,234)")
}

// targetNumber is a target cell: a number, as a committee report may
// write it with its comparison and its unit (">= 95%", "< 23 days").
type targetNumber struct{ number }

func (n *targetNumber) UnmarshalCSV(s string) error { return n.number.UnmarshalCSV(TargetText(s)) }

var targetWords = regexp.MustCompile(`(?i)^(?:>=|=>|≥|<=|=<|≤|>|<|at least|no more than|no less than|not more than|minimum|maximum|min|max|below|above|under|over)?\s*(.*?)\s*(?:days?|hours?|hrs?|minutes?|mins?|fte|points?|pts)?\.?$`)

// TargetText is a target cell's number as ParseNumber reads it, without
// the comparison or the unit a report may write around it: ">= 95%" is
// "95%", "< 23 days" is "23". Which way is better is the metric's
// direction, not the cell's.
func TargetText(s string) string {
	if s == "" || plainTarget(s) {
		return s // the usual cell, decided without the expression
	}
	if m := targetWords.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return m[1]
	}
	return s
}

// plainTarget reports whether a target cell starts and ends as a number
// does ("95", "97.5%", "£1,200"), so has no words around it to remove.
func plainTarget(s string) bool {
	first, last := s[0], s[len(s)-1]
	return (first >= '0' && first <= '9' || first == '-' || first == '.') && (last >= '0' && last <= '9' || last == '%')
}
