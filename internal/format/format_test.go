package format

import "testing"

func TestRound(t *testing.T) {
	tests := []struct {
		v      float64
		places int
		want   float64
	}{
		{99.25, 1, 99.3},  // exact in binary; banker's rounding would give 99.2
		{0.125, 2, 0.13},  // stored as 0.12499…; people expect 0.13
		{-2.5, 0, -3},     // away from zero
		{1.05, 1, 1.1},    // stored as 1.0499…
		{18, 1, 18},       // nothing to round
		{99.949, 1, 99.9}, // below the half
		{999.95, 1, 1000}, // carries into a new digit
	}
	for _, tt := range tests {
		if got := Round(tt.v, tt.places); got != tt.want {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.v, tt.places, got, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"money", Money(1234567), "£1,234,567"},
		{"money rounds half up", Money(1234.5), "£1,235"},
		{"money negative", Money(-1234), "−£1,234"},
		{"money small", Money(12), "£12"},
		{"money zero", Money(-0.2), "£0"},
		{"short millions", MoneyShort(1234567), "£1.2m"},
		{"short exact millions", MoneyShort(2000000), "£2m"},
		{"short negative millions", MoneyShort(-1250000), "−£1.3m"},
		{"short under a million", MoneyShort(350000), "£350,000"},
		{"percent", Percent(99.25), "99.3%"},
		{"percent whole", Percent(100), "100.0%"},
		{"fixed thousands", Fixed(1234567.891, 2), "1,234,567.89"},
		{"fixed three digits", Fixed(999, 0), "999"},
		{"fixed four digits", Fixed(1000, 0), "1,000"},
		{"trim", Trim(18, 1), "18"},
		{"trim keeps decimals", Trim(18.25, 1), "18.3"},
		{"plural one", Plural(1, "day", "days"), "day"},
		{"plural many", Plural(1.5, "day", "days"), "days"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestPlaces(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"18", 0}, {"7.25", 2}, {"£1,234.50", 2}, {"57.30 [p]", 2}, {"18.0 days", 1}, {"57.400%", 3}, {"", 0},
	} {
		if got := Places(tt.in); got != tt.want {
			t.Errorf("Places(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
