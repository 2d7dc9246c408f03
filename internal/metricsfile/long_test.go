package metricsfile

import (
	"slices"
	"strings"
	"testing"
)

// TestLongCellsShortened reads a report written to disk whose unit and
// target cells are a hundred thousand characters long. Each warning
// quotes the first 37 bytes and "...", not the whole cell.
func TestLongCellsShortened(t *testing.T) {
	long := strings.Repeat("u", 100_000)
	cut := `"` + strings.Repeat("u", 37) + `..."`
	_, problems := build(t, Site{Services: services}, "code,service,unit,target\nx1,ict,"+long+",\nx2,ict,%,"+long+"\n")
	want := []string{
		"a.csv:2: warning: unit " + cut + " of x1 is not one partnersite knows, so it is left empty: write one of percent, gbp, count, days, hours, minutes, fte or score",
		"a.csv:3: warning: target " + cut + " of x2 is not a number, so it is left out; where there is no target, leave the cell empty",
	}
	if !slices.Equal(problems, want) {
		var heads []string
		for _, p := range problems {
			heads = append(heads, p[:min(len(p), 200)])
		}
		t.Errorf("problems %q; want %q", heads, want)
	}
}
