// Package format writes numbers the way UK councils publish them: money as
// "£1,234,567", percentages as "99.2%", durations with their unit. Every
// figure on the site passes through here so that a table, a chart label and
// a sentence of prose never disagree about the same number.
package format

import (
	"math"
	"strconv"
	"strings"
)

// Round rounds v to places decimal places, halves away from zero, working
// on the shortest decimal form of v. Binary floating point stores 99.25
// exactly but 0.125 as 0.1249999…; people reading a council report expect
// the decimal they typed to round the way they were taught at school.
func Round(v float64, places int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if len(frac) <= places {
		return v
	}
	keep := intPart + frac[:places]
	n, err := strconv.ParseFloat(keep, 64)
	if err != nil {
		return v
	}
	if frac[places] >= '5' {
		n++
	}
	r := n / math.Pow(10, float64(places))
	if v < 0 {
		r = -r
	}
	return r
}

// Fixed writes v rounded to places decimals with thousands separators:
// Fixed(1234.56, 1) is "1,234.6". Negative zero is written as "0".
func Fixed(v float64, places int) string {
	r := Round(v, places)
	if r == 0 {
		r = 0 // turns -0 into 0
	}
	s := strconv.FormatFloat(math.Abs(r), 'f', places, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if r < 0 {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Trim is Fixed without a trailing ".0": Trim(18, 1) is "18" and
// Trim(18.25, 1) is "18.3".
func Trim(v float64, places int) string {
	s := Fixed(v, places)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}

// Minus is the true minus sign, U+2212, written before a negative amount
// of money on a page: "−£1,234". It is money.Minus, which this package
// cannot import.
const Minus = "\u2212"

// Money writes whole pounds: "£1,234,567", "−£1,234". It is for figures
// of a metric measured in pounds (spend per case); amounts of savings are
// money.Pence, held and shown exactly.
func Money(v float64) string {
	s := Fixed(v, 0)
	if strings.HasPrefix(s, "-") {
		return Minus + "£" + s[1:]
	}
	return "£" + s
}

// MoneyShort writes money for prose: millions as "£1.2m", otherwise whole
// pounds, because "£1,234,567" in a sentence is harder to read aloud.
func MoneyShort(v float64) string {
	if math.Abs(Round(v, 0)) >= 1e6 {
		s := Trim(v/1e6, 1)
		if strings.HasPrefix(s, "-") {
			return Minus + "£" + s[1:] + "m"
		}
		return "£" + s + "m"
	}
	return Money(v)
}

// Percent writes a 0-100 percentage with one decimal: "99.2%".
func Percent(v float64) string {
	return Fixed(v, 1) + "%"
}

// Plural returns one when n is exactly 1 and many otherwise.
//
// It is English grammar: Welsh has six plural forms and a singular noun
// after a numeral. Words on a page take words.Lang.N, whose catalogue
// entries have every form a language needs; Plural stays for words that
// are not the site's (problems for the web team) and for callers not yet
// moved to the catalogue.
func Plural(n float64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Places counts the decimal places a figure is written with: 2 for
// "7.25", "£1,234.50" or "57.30 [p]", 0 for "18 days". It is how the
// loader knows the places a council wrote and how a sentence matches
// them.
func Places(written string) int {
	i := strings.IndexByte(written, '.')
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range written[i+1:] {
		if c < '0' || c > '9' {
			break
		}
		n++
	}
	return n
}
