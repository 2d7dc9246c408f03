package metricsfile

import (
	"strings"

	"github.com/partnersite/partnersite/internal/measure"
)

// Evidence is what one report row says about which way is better: the
// council's rating of a figure against its target.
type Evidence struct {
	Rating         string   // as written: "Green", "R", "Off track", ...
	Figure, Target *float64 // nil when the row has none
}

// Infer is the direction the rows agree on: "higher", "lower", "neither"
// or "" when they disagree or nothing tells.
//
// A Green figure above its target says higher is better, and below it
// lower; a Red figure says the opposite. Amber says little (a figure just
// short of the target may be on either side of it), and a figure equal to
// its target says nothing, so neither counts. A direction is written only
// when every row that tells agrees: one backwards guess would rate every
// figure of the metric the wrong way. "neither" is written only when the
// council rates every row "Data only".
func Infer(ev []Evidence) string {
	var higher, lower, rated, context bool
	for _, e := range ev {
		// The words are the loader's own (measure.ParseRAG); a word it
		// does not know tells nothing.
		// Any other word ("Not set") says the council would rate it.
		r, _ := measure.ParseRAG(e.Rating)
		switch {
		case r == measure.DataOnly:
			context = true
			continue
		case strings.TrimSpace(e.Rating) != "":
			rated = true
		}
		// A figure of 0 is too often one not yet published (missed
		// collections "0", rated Red: figures not agreed) to tell by.
		if e.Figure == nil || e.Target == nil || *e.Figure == *e.Target || *e.Figure == 0 {
			continue
		}
		above := *e.Figure > *e.Target
		switch {
		case r == measure.Green && above, r == measure.Red && !above:
			higher = true
		case r == measure.Green, r == measure.Red:
			lower = true
		}
	}
	switch {
	case higher && !lower:
		return "higher"
	case lower && !higher:
		return "lower"
	case context && !rated:
		return "neither"
	}
	return ""
}
