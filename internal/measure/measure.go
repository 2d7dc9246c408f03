// Package measure holds the words of a performance measure that every
// part of the program shares: the unit a metric is measured in and how a
// figure is written with it, which way is better, and the Government
// Statistical Service's marks and flags for figures that are missing or
// qualified. The loader reads them from the CSV files; the model, the
// charts and the pages use them; none of them owns them.
package measure

import (
	"strings"

	"github.com/partnersite/partnersite/internal/format"
)

// Unit is what a metric is measured in.
type Unit string

// The units a metric may have.
const (
	Percent Unit = "percent"
	GBP     Unit = "gbp"
	Count   Unit = "count"
	Days    Unit = "days"
	Hours   Unit = "hours"
	Minutes Unit = "minutes"
	FTE     Unit = "fte"
	Score   Unit = "score"
)

// Units lists every valid unit, in the order the documentation gives them.
var Units = []Unit{Percent, GBP, Count, Days, Hours, Minutes, FTE, Score}

// Direction says which way is better for a metric.
type Direction string

// The directions.
const (
	Higher  Direction = "higher"
	Lower   Direction = "lower"
	Neither Direction = "neither" // a measure of context, such as receipts: never rated
)

// Write writes a formatted number with its unit: "99.2%", "£1,234",
// "7.25 days". It is the one place a unit is written (assets/charts.js
// mirrors it for tooltips). The unit's word agrees with the digits shown:
// "1 day", "1.0 days".
func (u Unit) Write(n string) string {
	switch u {
	case Percent:
		return n + "%"
	case GBP:
		if strings.HasPrefix(n, "-") {
			return "-£" + n[1:]
		}
		return "£" + n
	case Days:
		return format.Counted(n, "day", "days")
	case Hours:
		return format.Counted(n, "hour", "hours")
	case Minutes:
		return format.Counted(n, "minute", "minutes")
	case FTE:
		return n + " FTE"
	}
	return n
}

// Mark says why a figure is not there, in the shorthand of the Government
// Statistical Service that published tables use. A marked figure is shown
// as its word, leaves a gap in a chart, and is skipped by status and
// direction of travel.
type Mark byte

// The marks. Present is a figure that is there.
const (
	Present       Mark = iota
	NotAvailable       // [x], x, .., -, n/a or an empty cell
	NotApplicable      // [z], z
	Confidential       // [c], c
)

// String is the word shown in place of the figure.
func (m Mark) String() string {
	switch m {
	case NotAvailable:
		return "not available"
	case NotApplicable:
		return "not applicable"
	case Confidential:
		return "confidential"
	}
	return ""
}

// Symbol is the mark as the GSS writes it, for tables' keys and downloads.
func (m Mark) Symbol() string {
	switch m {
	case NotAvailable:
		return "[x]"
	case NotApplicable:
		return "[z]"
	case Confidential:
		return "[c]"
	}
	return ""
}

// Flag qualifies a figure that is there: provisional, revised or
// estimated, written after it as "57.3 [p]".
type Flag byte

// The flags. NoFlag is a figure as final.
const (
	NoFlag Flag = iota
	Provisional
	Revised
	Estimated
)

// String is the flag's word, for keys.
func (f Flag) String() string {
	switch f {
	case Provisional:
		return "provisional"
	case Revised:
		return "revised"
	case Estimated:
		return "estimated"
	}
	return ""
}

// Symbol is the flag as written beside a figure: "[p]".
func (f Flag) Symbol() string {
	switch f {
	case Provisional:
		return "[p]"
	case Revised:
		return "[r]"
	case Estimated:
		return "[e]"
	}
	return ""
}
