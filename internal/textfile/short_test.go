package textfile

import (
	"strings"
	"testing"
)

func TestShort(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{strings.Repeat("a", 40), strings.Repeat("a", 40)},         // at the limit: whole
		{strings.Repeat("a", 41), strings.Repeat("a", 37) + "..."}, // over: 37 bytes kept
		// ŵ is two bytes: 36 + 6 = 42 bytes, cut at byte 37, inside the
		// first ŵ, which is dropped rather than cut in two.
		{strings.Repeat("a", 36) + "ŵŵŵ", strings.Repeat("a", 36) + "..."},
	}
	for _, tt := range tests {
		if got := Short(tt.in); got != tt.want {
			t.Errorf("Short(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
