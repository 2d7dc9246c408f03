package measure

import (
	"strings"
	"testing"
)

// TestLongCellsShortened: a direction or status cell of a million
// characters is quoted by its first 37 bytes and "..." in the error.
func TestLongCellsShortened(t *testing.T) {
	long := strings.Repeat("z", 1<<20)
	cut := `"` + strings.Repeat("z", 37) + `..."`
	_, derr := ParseDirection(long)
	_, rerr := ParseRAG(long)
	for _, tt := range []struct {
		err  error
		want string
	}{
		{derr, "direction " + cut + " must be"},
		{rerr, "status " + cut + " is not a rating"},
	} {
		if tt.err == nil || !strings.HasPrefix(tt.err.Error(), tt.want) || len(tt.err.Error()) > 300 {
			t.Errorf("error %.120q; want it to start %q and be short", tt.err, tt.want)
		}
	}
}
