package period

import (
	"errors"
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
		{"Nov 2010", "2010-11", Month, "November 2010"},
		{"november 2010", "2010-11", Month, "November 2010"},
		{"Sept 2024", "2024-09", Month, "September 2024"},
		{"Jun 2024", "2024-06", Month, "June 2024"},
		{"2012-12", "2012-12", Month, "December 2012"},
		// As published tables write them.
		{"FY 2024/25", "2024/25", Year, "April 2024 to March 2025"},
		{"fy2024-25", "2024/25", Year, "April 2024 to March 2025"},
		{"Q2 2022/23", "2022/23 Q2", Quarter, "July to September 2022"},
		{"Q1 2024-25", "2024/25 Q1", Quarter, "April to June 2024"},
		{"2022/23 Quarter 2", "2022/23 Q2", Quarter, "July to September 2022"},
		{"2024-25 quarter 4", "2024/25 Q4", Quarter, "January to March 2025"},
		{"Apr-Jun 2022", "2022/23 Q1", Quarter, "April to June 2022"},
		{"Jan-Mar 2025", "2024/25 Q4", Quarter, "January to March 2025"},
		{"April to June 2024", "2024/25 Q1", Quarter, "April to June 2024"},
		{"Oct – Dec 2023", "2023/24 Q3", Quarter, "October to December 2023"},
		{"Apr-22", "2022-04", Month, "April 2022"},
		{"Jun 24", "2024-06", Month, "June 2024"},
		// As committee reports write quarters.
		{"2022/23 Qtr 2", "2022/23 Q2", Quarter, "July to September 2022"},
		{"2022/23 Qtr2", "2022/23 Q2", Quarter, "July to September 2022"},
		{"2022/23 qtr. 3", "2022/23 Q3", Quarter, "October to December 2022"},
		{"Qtr 2 2022/23", "2022/23 Q2", Quarter, "July to September 2022"},
		// Two-digit financial years, as report headers abbreviate them.
		{"Q1 14/15", "2014/15 Q1", Quarter, "April to June 2014"},
		{"14/15 Q2", "2014/15 Q2", Quarter, "July to September 2014"},
		{"14/15", "2014/15", Year, "April 2014 to March 2015"},
		{"Quarter 4 2022-23", "2022/23 Q4", Quarter, "January to March 2023"},
		{"Q2 2022-23", "2022/23 Q2", Quarter, "July to September 2022"},
		{"Q1 2025/26", "2025/26 Q1", Quarter, "April to June 2025"},
		{"2022/2023 - Q1", "2022/23 Q1", Quarter, "April to June 2022"},
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
		{"Q1 2024", "is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024)"},
		{"2024/25 Q5", `period "2024/25 Q5": a financial year has quarters 1 to 4 (Q1 is April to June, Q4 January to March); write e.g. 2024/25 Q1`},
		// Near misses get the form meant.
		{"2022/23 Qtr 5", `period "2022/23 Qtr 5": a financial year has quarters 1 to 4 (Q1 is April to June, Q4 January to March); write e.g. 2022/23 Q1`},
		{"Q0 2022/23", "a financial year has quarters 1 to 4"},
		{"Quater 2 2022/23", `period "Quater 2 2022/23" is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024); did you mean 2022/23 Q2?`},
		{"2022/23 Qrt 3", "; did you mean 2022/23 Q3?"},
		{"2022/24 Qtr 1", `period "2022/24 Qtr 1": a financial year runs into the next year, so 2022 is followed by 23`},
		{"Qtr 2 2022", `period "Qtr 2 2022" is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024); for a quarter write the financial year and the quarter, e.g. 2022/23 Q2`},
		{"Q2 2025/26 target", "is not a financial year"},
		{"", "is not a financial year"},
		// Every YYYY-MM from 2000-01 to 2011-12 is also a financial year.
		{"2010-11", `period "2010-11" could be November 2010 or the financial year 2010/11; write 2010/11 for the year, or Nov 2010 for the month`},
		{"2000-01", `could be January 2000 or the financial year 2000/01`},
		{"0999/00", "the year must be from 1900 to 2199"},
		{"0000-01", "the year must be from 1900 to 2199"},
		{"Smarch 2024", "is not a financial year"},
		{"Q1 2024", "; for a quarter write the financial year and the quarter, e.g. 2024/25 Q1"},
		{"2024 Quarter 3", "e.g. 2024/25 Q3"},
		{"Febuary 2024", "is not a financial year"},
		{"Jun/2024", "; for a month write e.g. Jun 2024 or 2024-06"},
		{"May-Jul 2024", `period "may-jul 2024" is not a quarter of the financial year`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

// TestNearMiss: text written nearly as a quarter is told apart from text
// that is no period at all, so that a wide table's header can say which
// of its columns were meant as periods.
func TestNearMiss(t *testing.T) {
	for in, want := range map[string]bool{
		"Quater 2 2022/23": true, "2022/23 Qtr 5": true, "Q1 2024": true, "2024/26 Q1": true,
		"Notes": false, "Q2 2025/26 target": false, "Smarch 2024": false, "": false,
	} {
		_, err := Parse(in)
		var nm *NearMiss
		if got := errors.As(err, &nm); got != want || got && nm.Text != strings.TrimSpace(in) {
			t.Errorf("Parse(%q) error %v: near miss %v, want %v", in, err, got, want)
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

func TestParseDateAsSaved(t *testing.T) {
	for in, want := range map[string]string{
		"01/06/2024 00:00":    "2024-06-01",
		"01/06/2024 00:00:00": "2024-06-01",
		"2024-06-01":          "2024-06-01",
	} {
		d, err := ParseDate(in)
		if err != nil || d.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	if _, err := ParseDate("01/06/2024 14:30"); err == nil {
		t.Error("a date with a time of day other than midnight was read as a day")
	}
}

func TestParseDay(t *testing.T) {
	for in, want := range map[string][2]string{
		"2024-04-01":       {"1 April 2024", "2024-04-01"},
		"01/06/2024 00:00": {"1 June 2024", "2024-06-01"},
		"June 2024":        {"June 2024", "2024-06"},
		"Jun 2024":         {"June 2024", "2024-06"},
	} {
		d, err := ParseDay(in)
		if err != nil || d.String() != want[0] || d.ISO() != want[1] {
			t.Errorf("ParseDay(%q) = %q, %q, %v; want %q, %q", in, d.String(), d.ISO(), err, want[0], want[1])
		}
	}
	if _, err := ParseDay("2024/25"); err == nil {
		t.Error("a financial year was read as a date")
	}
}

func TestWritten(t *testing.T) {
	tests := []struct {
		p              Period
		shown, written string
	}{
		{Period{Kind: Month, Year: 2010, N: 10}, "2010-10", "2010-10"},
		{Period{Kind: Month, Year: 2010, N: 11}, "2010-11", "Nov 2010"}, // 2010-11 is also the year 2010/11
		{Period{Kind: Month, Year: 2005, N: 6}, "2005-06", "Jun 2005"},
		{Period{Kind: Month, Year: 2024, N: 6}, "2024-06", "2024-06"},
		{Period{Kind: Year, Year: 2010}, "2010/11", "2010/11"},
		{Period{Kind: Quarter, Year: 2010, N: 3}, "2010/11 Q3", "2010/11 Q3"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.shown {
			t.Errorf("%#v shown as %q, want %q", tt.p, got, tt.shown)
		}
		got := tt.p.Written()
		if got != tt.written {
			t.Errorf("%#v written as %q, want %q", tt.p, got, tt.written)
		}
		if back, err := Parse(got); err != nil || back != tt.p {
			t.Errorf("%q reads back as %v, %v", got, back, err)
		}
	}
}
