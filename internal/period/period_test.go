package period

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		kind  Kind
		label string
	}{
		{"2024/25", "2024/25", Year, "April 2024 to March 2025"},
		{"2024-25", "2024/25", Year, "April 2024 to March 2025"},
		{"2024/2025", "2024/25", Year, "April 2024 to March 2025"},
		{"2024/25 Q1", "2024/25 Q1", Quarter, "April to June 2024"},
		{"2024/25 q4", "2024/25 Q4", Quarter, "January to March 2025"},
		{"2024/25Q3", "2024/25 Q3", Quarter, "October to December 2024"},
		{"2024-06", "2024-06", Month, "June 2024"},
		{" 2099/00 ", "2099/00", Year, "April 2099 to March 2100"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if p.String() != tt.want || p.Kind != tt.kind || p.Label() != tt.label {
			t.Errorf("Parse(%q) = %q %v %q, want %q %v %q", tt.in, p, p.Kind, p.Label(), tt.want, tt.kind, tt.label)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024/26", "2024 is followed by 25"},
		{"2024-13", "month 13 does not exist"},
		{"Q1 2024", "is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06)"},
		{"2024/25 Q5", "is not a financial year"},
		{"", "is not a financial year"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	fy := MustParse("2024/25")
	q1 := MustParse("2024/25 Q1")
	q4 := MustParse("2024/25 Q4")
	if Compare(fy, q1) >= 0 || Compare(q1, q4) >= 0 || Compare(q4, fy) <= 0 || Compare(q1, q1) != 0 {
		t.Error("periods are out of order")
	}
	if got := q4.End().Format("2006-01-02"); got != "2025-03-31" {
		t.Errorf("Q4 ends %s, want 2025-03-31", got)
	}
}
