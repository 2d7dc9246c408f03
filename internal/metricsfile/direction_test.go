package metricsfile

import "testing"

func f(v float64) *float64 { return &v }

// TestInfer works through the council's ratings by hand: Green above the
// target is higher, Green below lower, Red the other way about; Amber and
// a figure on its target say nothing; disagreement says nothing.
func TestInfer(t *testing.T) {
	tests := []struct {
		name string
		ev   []Evidence
		want string
	}{
		{"green above target", []Evidence{{"Green", f(80.4), f(78)}}, "higher"},
		{"green below target", []Evidence{{"Green", f(4.0), f(4.25)}}, "lower"},
		{"red above target", []Evidence{{"Red", f(52), f(50)}}, "lower"},
		{"red below target", []Evidence{{"Red", f(90), f(95)}}, "higher"},
		{"letters and phrases", []Evidence{{"G", f(99.7), f(99.5)}, {"off track", f(98), f(99.5)}, {"On Target", f(100), f(99.5)}}, "higher"},
		{"two quarters agree", []Evidence{{"Green", f(2.1), f(2.15)}, {"Red", f(4.6), f(4.25)}}, "lower"},
		{"two quarters disagree", []Evidence{{"Green", f(81), f(80)}, {"Green", f(79), f(80)}}, ""},
		{"green and red disagree", []Evidence{{"Green", f(52), f(50)}, {"Red", f(55), f(50)}}, ""},
		{"only amber", []Evidence{{"Amber", f(80.4), f(82.5)}, {"A", f(57.9), f(58.2)}}, ""},
		{"amber beside green: green tells", []Evidence{{"Amber", f(80.4), f(82.5)}, {"Green", f(83), f(82.5)}}, "higher"},
		{"figure equals target: no evidence", []Evidence{{"Green", f(50), f(50)}}, ""},
		{"equal beside a red: the red tells", []Evidence{{"Green", f(50), f(50)}, {"Red", f(52), f(50)}}, "lower"},
		{"no target", []Evidence{{"Green", f(50), nil}}, ""},
		{"no figure for the report's period", []Evidence{{"Red", nil, f(50)}}, ""},
		{"no rating", []Evidence{{"", f(52), f(50)}}, ""},
		{"unknown rating", []Evidence{{"Blue", f(52), f(50)}}, ""},
		{"every rating data only", []Evidence{{"Data only", f(1200), nil}, {"data  only", f(1310), nil}}, "neither"},
		{"data only beside not set", []Evidence{{"Data only", f(1200), nil}, {"Not set", f(1310), nil}}, ""},
		{"data only beside amber", []Evidence{{"Data only", f(1200), nil}, {"Amber", f(80), f(82)}}, ""},
		{"data only beside an unrated row", []Evidence{{"Data only", f(1200), nil}, {"", f(1310), nil}}, "neither"},
		{"nothing at all", nil, ""},
		// Missed collections "0", rated Red against a target of 40:
		// figures not agreed with the contractor, not "higher is better".
		{"a zero tells nothing", []Evidence{{"Red", f(0), f(40)}}, ""},
		{"a zero beside a figure that tells", []Evidence{{"Red", f(0), f(40)}, {"Green", f(31), f(40)}}, "lower"},
		{"five-band rating", []Evidence{{"Amber/Green", f(80.4), f(82.5)}, {"Red*", f(70), f(82.5)}}, "higher"},
	}
	for _, tt := range tests {
		if got := Infer(tt.ev); got != tt.want {
			t.Errorf("%s: Infer = %q, want %q", tt.name, got, tt.want)
		}
	}
}
