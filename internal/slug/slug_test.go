package slug

import (
	"fmt"
	"strings"
	"testing"
)

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"ict": true, "revenues-benefits": true, "2024-q1": true, "a": true,
		"": false, "-ict": false, "ict-": false, "rev--ben": false, "ICT": false, "rev ben": false,
		"rev_ben": false, "café": false, "a/b": false,
	} {
		if got := Valid(s); got != want {
			t.Errorf("Valid(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestFrom(t *testing.T) {
	for in, want := range map[string]string{
		"Revenues & Benefits": "revenues-benefits", "  ICT  ": "ict", "Print and Design!": "print-and-design", "£££": "",
	} {
		if got := From(in); got != want || got != "" && !Valid(got) {
			t.Errorf("From(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		in, err string
	}{
		{"ict", ""},
		{"console", ""},
		{"com10", ""},
		{"con", `is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. "con-1"`},
		{"aux", `is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. "aux-1"`},
		{"nul", `is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. "nul-1"`},
		{"com1", `is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. "com1-1"`},
		{"lpt9", `is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. "lpt9-1"`},
		{strings.Repeat("a", MaxLen), ""},
		{strings.Repeat("a", 300), "is 300 characters long; keep it to 100, since it becomes a folder name"},
	} {
		err := Check(tt.in)
		if got := fmt.Sprint(err); tt.err == "" && err != nil || tt.err != "" && got != tt.err {
			t.Errorf("Check(%q) = %v, want %q", tt.in, err, tt.err)
		}
	}
}
