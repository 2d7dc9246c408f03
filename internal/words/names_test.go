package words

import "testing"

func TestNames(t *testing.T) {
	for _, tt := range []struct{ in, lower, possessive string }{
		{"Days to process claims", "days to process claims", "Days to process claims'"},
		{"ICT availability", "ICT availability", "ICT availability's"},
		{"“Right first time” rate", "“Right first time” rate", "“Right first time” rate's"},
		{"€ spent abroad", "€ spent abroad", "€ spent abroad's"},
		{"Ŵyr benefit claims", "ŵyr benefit claims", "Ŵyr benefit claims'"},
		{"East Herts", "east Herts", "East Herts'"},
		{"Working Days Lost per FTE", "Working Days Lost per FTE", "Working Days Lost per FTE's"},
		{"Stevenage", "stevenage", "Stevenage's"},
		{"", "", "'s"},
	} {
		if got := LowerFirst(tt.in); got != tt.lower {
			t.Errorf("LowerFirst(%q) = %q, want %q", tt.in, got, tt.lower)
		}
		if got := Possessive(tt.in); got != tt.possessive {
			t.Errorf("Possessive(%q) = %q, want %q", tt.in, got, tt.possessive)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for _, c := range [][2]string{
		{"Days to process claims", "days to process claims"},
		{"ICT availability", "ICT availability"},
		{"Working Days (per FTE) Lost to Sickness", "Working Days (per FTE) Lost to Sickness"},
		{"Council tax collected (FTE basis)", "council tax collected (FTE basis)"},
		{"Calls to the ICT service desk", "calls to the ICT service desk"},
		{"Preventing Homelessness Cases", "Preventing Homelessness Cases"},
	} {
		if got := LowerFirst(c[0]); got != c[1] {
			t.Errorf("LowerFirst(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
