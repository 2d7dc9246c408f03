package period

import (
	"slices"
	"testing"
)

// TestMonthLabels checks that every month is written one way, by name,
// and reads back as itself. Before, only the months that read as a
// financial year ("2009-10", "2010-11") were written by name, so a table
// showed "Oct 2009" beside "2009-09".
func TestMonthLabels(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2009-09", "Sep 2009"},
		{"2009-10", "Oct 2009"}, // once the only form by name: it reads as 2009/10 too
		{"Nov 2010", "Nov 2010"},
		{"2010-12", "Dec 2010"},
		{"2024-06", "Jun 2024"},
		{"Sept 2024", "Sep 2024"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			// "2009-10" is ambiguous on its own; a cell gives the month.
			a, ok := err.(*Ambiguous)
			if !ok {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			p = a.Month
		}
		if got := p.String(); got != tt.want {
			t.Errorf("%s: String() = %q, want %q", tt.in, got, tt.want)
		}
		if back, err := Parse(p.String()); err != nil || back != p {
			t.Errorf("%s: %q reads back as %v, %v", tt.in, p.String(), back, err)
		}
	}
}

// TestMonthsSortByDate sorts months across the turn of financial years
// with Compare and checks the labels come out in date order, which a sort
// of the labels' text would not give.
func TestMonthsSortByDate(t *testing.T) {
	months := []Period{
		{Kind: Month, Year: 2010, N: 11}, {Kind: Month, Year: 2009, N: 9},
		{Kind: Month, Year: 2010, N: 1}, {Kind: Month, Year: 2009, N: 10},
		{Kind: Month, Year: 2009, N: 12},
	}
	slices.SortFunc(months, Compare)
	var got []string
	for _, m := range months {
		got = append(got, m.String())
	}
	want := []string{"Sep 2009", "Oct 2009", "Dec 2009", "Jan 2010", "Nov 2010"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}
