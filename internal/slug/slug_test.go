package slug

import "testing"

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
