// Package money holds amounts of pounds exactly, as whole pence, and the
// shares by which partners split them.
//
// Council savings are published to the pound and read by people who add
// them up. Binary fractions cannot do that: 100.10 + 200.20 + 300.30 + 0.90
// is not 601.5 in float64. So an amount is parsed straight from its decimal
// text into pence, summed as an integer, split between partners so that the
// parts add up to the whole, and rounded once, when it is shown.
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Pence is an amount of money in whole pence.
type Pence int64

// Limit is the largest amount a single figure may be, £1 trillion, a little
// under the whole of UK public spending. It keeps every sum of a site's
// figures far from overflowing.
const Limit Pence = 1e14

// Errors from ParseDecimal, for messages that say how to fix the figure.
var (
	ErrPrecision = errors.New("has more than two decimal places; amounts are in pounds and pence")
	ErrTooLarge  = errors.New("is more than £1,000,000,000,000; check the figure and its scale")
)

// ParseDecimal reads plain decimal text such as "-1234.5", as the CSV
// reader leaves a number once its pound sign, commas and brackets are
// taken away, into pence, exactly.
func ParseDecimal(d string) (Pence, error) {
	n, err := scaled(d, 2)
	if err != nil {
		return 0, err
	}
	if p := Pence(n); p <= Limit && p >= -Limit {
		return p, nil
	}
	return 0, ErrTooLarge
}

// scaled reads decimal text as an integer count of 10^-places, refusing
// digits beyond places rather than rounding them away.
func scaled(d string, places int) (int64, error) {
	neg := strings.HasPrefix(d, "-")
	d = strings.TrimPrefix(d, "-")
	whole, frac, _ := strings.Cut(d, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > places {
		return 0, ErrPrecision
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole)+places > 18 {
		return 0, ErrTooLarge
	}
	digits := whole + frac + strings.Repeat("0", places-len(frac))
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a decimal number", d)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// Pounds is the amount in pounds, for chart axes and for comparisons with
// an amber margin that is itself a proportion. Never sum these.
func (p Pence) Pounds() float64 { return float64(p) / 100 }

// Whole reports whether the amount is whole pounds.
func (p Pence) Whole() bool { return p%100 == 0 }

// Minus is the true minus sign, U+2212, that a page writes before a
// negative amount: "−£213,000". Downloads keep the hyphen, which
// spreadsheets read as a number.
const Minus = "\u2212"

// Places is the number of decimal places a column of amounts is written
// with, so that every cell of it has the same: 2 when any amount has pence
// (£1.00 beside £5.97), 0 when all are whole pounds.
func Places(amounts ...Pence) int {
	for _, a := range amounts {
		if !a.Whole() {
			return 2
		}
	}
	return 0
}

// Format writes the amount as a page shows it, to places decimal places:
// 0 for whole pounds ("£1,234", "−£213,000"), rounding pence half away
// from zero, or 2 for pounds and pence ("£1.00", "−£0.05"); any places above 0
// means 2. It is the one place an amount is written to the pound or the
// penny for a reader: String, Short and Prose come here.
func (p Pence) Format(places int) string {
	u := uint64(p)
	sign := ""
	if p < 0 {
		u, sign = uint64(-p), Minus
	}
	if places < 1 {
		u = (u + 50) / 100 * 100
		if u == 0 {
			sign = "" // −£0.40 to the pound is £0, not −£0
		}
	}
	s := group(strconv.FormatUint(u/100, 10))
	if places >= 1 {
		s += fmt.Sprintf(".%02d", u%100)
	}
	return sign + "£" + s
}

// String writes the amount exactly, on its own: "£1,234,567", "−£1,234",
// and pence only when there are any ("£601.50"). An amount in a column is
// written with Format and the column's Places instead.
func (p Pence) String() string { return p.Format(Places(p)) }

// Decimal writes the amount as plain decimal text for downloads: "1234",
// "-601.50".
func (p Pence) Decimal() string {
	sign := ""
	if p < 0 {
		sign = "-"
	}
	return sign + p.digits()
}

// digits writes the magnitude in pounds, without thousands separators,
// and two places of pence when the amount has any.
func (p Pence) digits() string {
	u := uint64(p)
	if p < 0 {
		u = uint64(-p)
	}
	s := strconv.FormatUint(u/100, 10)
	if pence := u % 100; pence != 0 {
		s += fmt.Sprintf(".%02d", pence)
	}
	return s
}

// group puts commas between thousands in a string of digits.
func group(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Short writes the amount as a headline: millions as "£1.2m" (to a
// tenth of a million, half up), otherwise whole pounds, "£208,399", never
// pence, because "£1,234,567.40" on a card is harder to take in. Only a
// headline is shortened: a sentence that compares or subtracts amounts
// writes them exactly ([Pence.Format]), since "£2.5m against targets of
// £2.5m" would hide a target missed by £9,000.
func (p Pence) Short() string {
	u := uint64(p)
	sign := ""
	if p < 0 {
		u, sign = uint64(-p), Minus
	}
	const million = 100_000_000 // pence
	if u+50 < million {
		// £999,999.60 to the pound is £1m, not "£1,000,000".
		return p.Format(0)
	}
	tenths := (u + million/20) / (million / 10)
	s := group(strconv.FormatUint(tenths/10, 10))
	if tenths%10 != 0 {
		s += "." + strconv.FormatUint(tenths%10, 10)
	}
	return sign + "£" + s + "m"
}

// Div divides the amount by n, rounding half away from zero to the penny:
// the per household figures.
func (p Pence) Div(n int64) Pence {
	if n <= 0 {
		return 0
	}
	q, r := p/Pence(n), p%Pence(n)
	if r < 0 {
		r = -r
	}
	if 2*r >= Pence(n) {
		if p < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// MarshalJSON writes the amount as an exact JSON number of pounds, "601.50".
func (p Pence) MarshalJSON() ([]byte, error) { return []byte(p.Decimal()), nil }

// Abs is the size of the amount, for "a net cost of £85,000" rather than
// "a net saving of −£85,000".
func (p Pence) Abs() Pence {
	if p < 0 {
		return -p
	}
	return p
}
