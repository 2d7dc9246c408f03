package measure

import "testing"

// TestPoundsFormat checks that pounds are never written past the penny,
// whatever places a caller asks for, while other units keep them.
func TestPoundsFormat(t *testing.T) {
	tests := []struct {
		u      Unit
		v      float64
		places int
		want   string
	}{
		{GBP, 1234.5, 3, "£1,234.50"},
		{GBP, 0, 3, "£0.00"},
		{GBP, -12.5, 6, "−£12.50"},
		{Days, 7.25, 3, "7.250 days"}, // not pounds: as asked
	}
	for _, tt := range tests {
		if got := tt.u.Format(en, tt.v, tt.places); got != tt.want {
			t.Errorf("%s.Format(%v, %d) = %q, want %q", tt.u, tt.v, tt.places, got, tt.want)
		}
	}
}
