package measure

import "testing"

func TestWrite(t *testing.T) {
	for _, tt := range []struct {
		u    Unit
		n    string
		want string
	}{
		{Percent, "99.2", "99.2%"},
		{GBP, "1,234", "£1,234"},
		{GBP, "-1,234.50", "-£1,234.50"},
		{Days, "1", "1 day"},
		{Days, "1.0", "1.0 days"},
		{Days, "7.25", "7.25 days"},
		{Hours, "-1", "-1 hour"},
		{Minutes, "2", "2 minutes"},
		{FTE, "12.5", "12.5 FTE"},
		{Count, "1,234", "1,234"},
		{Score, "7.3", "7.3"},
	} {
		if got := tt.u.Write(tt.n); got != tt.want {
			t.Errorf("%s.Write(%q) = %q, want %q", tt.u, tt.n, got, tt.want)
		}
	}
}

func TestMarksAndFlags(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{NotAvailable.String() + " " + NotAvailable.Symbol(), "not available [x]"},
		{NotApplicable.String() + " " + NotApplicable.Symbol(), "not applicable [z]"},
		{Confidential.String() + " " + Confidential.Symbol(), "confidential [c]"},
		{Provisional.String() + " " + Provisional.Symbol(), "provisional [p]"},
		{Revised.String() + " " + Revised.Symbol(), "revised [r]"},
		{Estimated.String() + " " + Estimated.Symbol(), "estimated [e]"},
		{Present.Symbol() + NoFlag.Symbol(), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
}
