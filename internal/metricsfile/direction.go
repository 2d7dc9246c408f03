package metricsfile

import "strings"

// Evidence is what one report row says about which way is better: the
// council's rating of a figure against its target.
type Evidence struct {
	Rating         string   // as written: "Green", "R", "Off track", ...
	Figure, Target *float64 // nil when the row has none
}

// rating is a council's rating, by what it says about direction.
type rating int

const (
	unrated  rating = iota // empty, "Not set", or a word not known
	green                  // on target
	amber                  // near it, on either side: says little
	red                    // off target
	dataOnly               // not rated: a measure of context
)

// ratings are the words councils publish, in lower case (contract 3c).
var ratings = map[string]rating{
	"green": green, "g": green, "on target": green, "on track": green,
	"amber": amber, "a": amber, "at risk": amber,
	"red": red, "r": red, "off track": red,
	"data only": dataOnly,
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
		r := ratings[strings.ToLower(strings.Join(strings.Fields(e.Rating), " "))]
		switch {
		case r == dataOnly:
			context = true
			continue
		case strings.TrimSpace(e.Rating) != "":
			rated = true
		}
		if e.Figure == nil || e.Target == nil || *e.Figure == *e.Target {
			continue
		}
		above := *e.Figure > *e.Target
		switch {
		case r == green && above, r == red && !above:
			higher = true
		case r == green, r == red:
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
