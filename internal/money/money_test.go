package money

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Pence
		err  error
	}{
		{"0", 0, nil},
		{"1234", 123400, nil},
		{"601.5", 60150, nil},
		{"601.50", 60150, nil},
		{"0.1", 10, nil},
		{"-85000", -8500000, nil},
		{"-0.01", -1, nil},
		{"00012.30", 1230, nil},
		{"1.005", 0, ErrPrecision},
		{"1000000000000", 1e14, nil},
		{"1000000000000.01", 0, ErrTooLarge},
		{"1" + string(make([]byte, 0)) + "00000000000000000000000000", 0, ErrTooLarge},
		{"-1000000000001", 0, ErrTooLarge},
	} {
		got, err := ParseDecimal(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseDecimal(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestSumThatFloatsGetWrong is the issue's own case: summed as float64
// these give 601.4999999999999, which a page rounded to £601 while the
// download said 601.5.
func TestSumThatFloatsGetWrong(t *testing.T) {
	var sum Pence
	var fsum float64
	for _, d := range []string{"100.10", "200.20", "300.30", "0.90"} {
		p, err := ParseDecimal(d)
		if err != nil {
			t.Fatal(err)
		}
		sum += p
		fsum += p.Pounds()
	}
	if fsum == 601.5 {
		t.Fatal("float64 got this sum right: the case no longer shows the fault")
	}
	if sum != 60150 || sum.String() != "£601.50" || sum.Decimal() != "601.50" {
		t.Errorf("sum = %d pence, shown %s, downloaded %s", sum, sum, sum.Decimal())
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		p                   Pence
		str, decimal, short string
	}{
		{0, "£0", "0", "£0"},
		{123456700, "£1,234,567", "1234567", "£1.2m"},
		{-123400, "−£1,234", "-1234", "−£1,234"},
		{60150, "£601.50", "601.50", "£602"}, // a headline has no pence: 601.50 to the pound, half up
		{60149, "£601.49", "601.49", "£601"},
		{-5, "−£0.05", "-0.05", "£0"}, // not "−£0"
		{-50, "−£0.50", "-0.50", "−£1"},
		{20839940, "£208,399.40", "208399.40", "£208,399"}, // the headline
		{99999999, "£999,999.99", "999999.99", "£1m"},      // £1,000,000 to the pound
		{99999949, "£999,999.49", "999999.49", "£999,999"},
		{100000000, "£1,000,000", "1000000", "£1m"},
		{104999999, "£1,049,999.99", "1049999.99", "£1m"},
		{105000000, "£1,050,000", "1050000", "£1.1m"},     // half up
		{-105000000, "−£1,050,000", "-1050000", "−£1.1m"}, // half away from zero
		{5501100000, "£55,011,000", "55011000", "£55m"},
		{123456789000, "£1,234,567,890", "1234567890", "£1,234.6m"},
	} {
		if got := tt.p.String(); got != tt.str {
			t.Errorf("%d.String() = %q, want %q", tt.p, got, tt.str)
		}
		if got := tt.p.Decimal(); got != tt.decimal {
			t.Errorf("%d.Decimal() = %q, want %q", tt.p, got, tt.decimal)
		}
		if got := tt.p.Short(); got != tt.short {
			t.Errorf("%d.Short() = %q, want %q", tt.p, got, tt.short)
		}
		if back, err := ParseDecimal(tt.p.Decimal()); err != nil || back != tt.p {
			t.Errorf("%d: Decimal does not read back: %d, %v", tt.p, back, err)
		}
	}
}

// TestPlaces is the rule for a column: one number of places for every
// cell, two when any amount has pence.
func TestPlaces(t *testing.T) {
	for _, tt := range []struct {
		col   []Pence
		want  int
		cells []string
	}{
		{nil, 0, nil},
		{[]Pence{100, 597}, 2, []string{"£1.00", "£5.97"}}, // the per household column
		{[]Pence{68950000, 50610060}, 2, []string{"£689,500.00", "£506,100.60"}},
		{[]Pence{68950000, -21300000}, 0, []string{"£689,500", "−£213,000"}},
		{[]Pence{-1, 0}, 2, []string{"−£0.01", "£0.00"}},
	} {
		if got := Places(tt.col...); got != tt.want {
			t.Errorf("Places(%v) = %d, want %d", tt.col, got, tt.want)
		}
		for i, p := range tt.col {
			if got := p.Format(tt.want); got != tt.cells[i] {
				t.Errorf("%d.Format(%d) = %q, want %q", p, tt.want, got, tt.cells[i])
			}
		}
	}
}

// TestSentenceAndHeadline: a sentence writes an amount exactly, to the
// places of its column, even in millions; only a headline shortens it.
func TestSentenceAndHeadline(t *testing.T) {
	for _, tt := range []struct {
		p          Pence
		places     int
		exact, cap string
	}{
		{50610060, 2, "£506,100.60", "£506,101"},
		{50610060, 0, "£506,101", "£506,101"},
		{68950000, 0, "£689,500", "£689,500"},
		{-21300000, 0, "−£213,000", "−£213,000"},
		// The home page's cumulative savings against targets: equal
		// in millions, £9,000 apart exactly.
		{249600000, 0, "£2,496,000", "£2.5m"},
		{250500000, 0, "£2,505,000", "£2.5m"},
		{130000000, 2, "£1,300,000.00", "£1.3m"},
		{-134999999, 2, "−£1,349,999.99", "−£1.3m"},
		{99999960, 0, "£1,000,000", "£1m"},
		{25, 2, "£0.25", "£0"},
	} {
		if got := tt.p.Format(tt.places); got != tt.exact {
			t.Errorf("%d.Format(%d) = %q, want %q", tt.p, tt.places, got, tt.exact)
		}
		if got := tt.p.Short(); got != tt.cap {
			t.Errorf("%d.Short() = %q, want %q", tt.p, got, tt.cap)
		}
	}
}

func TestDiv(t *testing.T) {
	for _, tt := range []struct {
		p    Pence
		n    int64
		want Pence
	}{
		{100000, 3, 33333}, // £1,000 / 3 = £333.333… → £333.33
		{200000, 3, 66667}, // £666.666… → £666.67
		{5, 2, 3},          // 2.5p → 3p, half up
		{-5, 2, -3},        // half away from zero
		{-100000, 3, -33333},
		{7, 0, 0},
	} {
		if got := tt.p.Div(tt.n); got != tt.want {
			t.Errorf("%d.Div(%d) = %d, want %d", tt.p, tt.n, got, tt.want)
		}
	}
}

func TestParseShare(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Share
		err  error
		str  string
	}{
		{"50", 500000, nil, "50%"},
		{"33.3333", 333333, nil, "33.3333%"},
		{"33.34", 333400, nil, "33.34%"},
		{"100", Whole, nil, "100%"},
		{"0", 0, nil, "0%"},
		{"33.33333", 0, ErrSharePrecision, ""},
		{"100.01", 0, ErrShareRange, ""},
		{"-1", 0, ErrShareRange, ""},
	} {
		got, err := ParseShare(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseShare(%q) = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
		if err == nil && got.String() != tt.str {
			t.Errorf("ParseShare(%q).String() = %q, want %q", tt.in, got.String(), tt.str)
		}
	}
}

func TestSplit(t *testing.T) {
	third := []Share{333334, 333333, 333333}
	for _, tt := range []struct {
		name   string
		amount Pence
		shares []Share
		want   []Pence
	}{
		// £100 in thirds: £33.3334 each by share; whole pounds stay whole,
		// the spare pound to the largest remainder (the first partner's).
		{"pounds in thirds", 10000, third, []Pence{3400, 3300, 3300}},
		{"pence in thirds", 10001, third, []Pence{3334, 3334, 3333}},
		{"halves of an odd pound", 100, []Share{500000, 500000}, []Pence{100, 0}},
		{"a negative amount", -10000, third, []Pence{-3400, -3300, -3300}},
		{"60/40 of whole pounds", 12345600, []Share{600000, 400000}, []Pence{7407400, 4938200}},
		// 52.5% and 47.5% of £1: 52.5p and 47.5p in pence, but a whole
		// pound splits in pounds: £1 and £0.
		{"largest remainder", 100, []Share{525000, 475000}, []Pence{100, 0}},
		{"largest remainder in pence", 101, []Share{525000, 475000}, []Pence{53, 48}},
		{"the limit", Limit * 90000, third, nil},
	} {
		got := Split(tt.amount, tt.shares)
		var sum Pence
		for _, p := range got {
			sum += p
		}
		if sum != tt.amount {
			t.Errorf("%s: parts %v add to %d, not %d", tt.name, got, sum, tt.amount)
		}
		if tt.want != nil && !equal(got, tt.want) {
			t.Errorf("%s: Split(%d, %v) = %v, want %v", tt.name, tt.amount, tt.shares, got, tt.want)
		}
	}
}

func equal(a, b []Pence) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSplitAddsUp is the property: for any amount and any shares that
// total 100%, the parts add up to the amount to the penny, and no part is
// more than a unit away from its exact share.
func TestSplitAddsUp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := 1 + r.IntN(7)
		shares := make([]Share, n)
		left := int64(Whole)
		for i := range n - 1 {
			s := r.Int64N(left + 1)
			shares[i], left = Share(s), left-s
		}
		shares[n-1] = Share(left)
		amount := Pence(r.Int64N(2*int64(Limit)) - int64(Limit))
		if r.IntN(2) == 0 {
			amount = amount / 100 * 100
		}
		parts := Split(amount, shares)
		var sum Pence
		for i, p := range parts {
			sum += p
			exact := float64(amount) * float64(shares[i]) / float64(Whole)
			if d := float64(p) - exact; d > 101 || d < -101 {
				t.Fatalf("Split(%d, %v): part %d is %d, exact %f", amount, shares, i, p, exact)
			}
		}
		if sum != amount {
			t.Fatalf("Split(%d, %v) = %v adds to %d", amount, shares, parts, sum)
		}
	}
}
