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

// String writes the amount as a table shows it: "£1,234,567", "-£1,234",
// and pence only when there are any ("£601.50"), so that a page shows the
// same figure as the download.
func (p Pence) String() string {
	sign := ""
	if p < 0 {
		sign = "-"
	}
	return sign + "£" + p.digits(true)
}

// Decimal writes the amount as plain decimal text for downloads: "1234",
// "-601.50".
func (p Pence) Decimal() string {
	sign := ""
	if p < 0 {
		sign = "-"
	}
	return sign + p.digits(false)
}

// digits writes the magnitude in pounds, with thousands separators if sep,
// and two places of pence when the amount has any.
func (p Pence) digits(sep bool) string {
	u := uint64(p)
	if p < 0 {
		u = uint64(-p)
	}
	s := strconv.FormatUint(u/100, 10)
	if sep {
		s = group(s)
	}
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

// Short writes the amount for prose and headlines: millions as "£1.2m"
// (to a tenth of a million, half up), otherwise as String does, because
// "£1,234,567" in a sentence is harder to read aloud.
func (p Pence) Short() string {
	u := uint64(p)
	sign := ""
	if p < 0 {
		u, sign = uint64(-p), "-"
	}
	const million = 100_000_000 // pence
	if u < million {
		return p.String()
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
// "a net saving of -£85,000".
func (p Pence) Abs() Pence {
	if p < 0 {
		return -p
	}
	return p
}
