package money

import (
	"errors"
	"math/bits"
	"strconv"
	"strings"
)

// Share is a partner's share of the partnership's costs and savings, in
// millionths of the whole: 33.3333% is 333,333. Held as an integer so that
// shares total exactly 100%.
type Share int64

// Whole is 100%.
const Whole Share = 1_000_000

// ErrSharePrecision and ErrShareRange are ParseShare's errors.
var (
	ErrSharePrecision = errors.New("has more than four decimal places; give shares to at most four, totalling exactly 100")
	ErrShareRange     = errors.New("must be a percentage from 0 to 100")
)

// ParseShare reads plain decimal text, a percentage such as "33.3333",
// exactly.
func ParseShare(d string) (Share, error) {
	n, err := scaled(d, 4)
	switch {
	case errors.Is(err, ErrPrecision):
		return 0, ErrSharePrecision
	case err != nil:
		return 0, ErrShareRange
	case n < 0 || Share(n) > Whole:
		return 0, ErrShareRange
	}
	return Share(n), nil
}

// String writes the share as a percentage with as many places as it
// needs: "50%", "33.3333%".
func (s Share) String() string { return s.Decimal() + "%" }

// Decimal writes the share as a plain percentage for downloads: "33.3333".
func (s Share) Decimal() string {
	neg := s < 0
	if neg {
		s = -s
	}
	out := strconv.FormatInt(int64(s/10000), 10)
	if f := s % 10000; f != 0 {
		out += "." + strings.TrimRight(strconv.FormatInt(int64(f)+10000, 10)[1:], "0")
	}
	if neg {
		out = "-" + out
	}
	return out
}

// Split divides amount between shares, which should total Whole, so that
// the parts add up exactly to amount: each part is its share rounded down,
// and the pence left over go one each to the largest remainders, ties to
// the earlier share (the order of partners.csv). An amount in whole pounds
// is split in whole pounds, so that pounds in give pounds out.
func Split(amount Pence, shares []Share) []Pence {
	unit := Pence(1)
	if amount.Whole() {
		unit = 100
	}
	units := int64(amount / unit)
	neg := units < 0
	if neg {
		units = -units
	}
	parts := make([]Pence, len(shares))
	rems := make([]int64, len(shares))
	var given, total int64
	for i, s := range shares {
		total += int64(s)
		// A sum of many amounts near Limit times a million overflows 64
		// bits, so the product is taken in 128.
		hi, lo := bits.Mul64(uint64(units), uint64(max(s, 0)))
		q, r := bits.Div64(hi, lo, uint64(Whole))
		parts[i], rems[i] = Pence(q), int64(r)
		given += int64(q)
	}
	if total == int64(Whole) {
		for left := units - given; left > 0; left-- {
			best := -1
			for i, r := range rems {
				if best < 0 || r > rems[best] {
					best = i
				}
			}
			parts[best]++
			rems[best] = -1
		}
	}
	for i := range parts {
		parts[i] *= unit
		if neg {
			parts[i] = -parts[i]
		}
	}
	return parts
}

// MarshalJSON writes the share as an exact JSON number, a percentage.
func (s Share) MarshalJSON() ([]byte, error) { return []byte(s.Decimal()), nil }
