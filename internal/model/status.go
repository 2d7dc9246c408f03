package model

import (
	"math"

	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/words"
)

// Status is the rating of a figure against its target. The order matters:
// a larger Status is worse, so the overall status of a metric reported per
// partner is the largest of its partners' statuses.
type Status int

// The ratings, from best to worst; NoTarget sorts first because a figure
// without a target cannot make a metric look worse than one with a target.
const (
	NoTarget Status = iota
	OnTrack
	AtRisk
	OffTrack
)

// NotRated is the status of a measure of context (direction neither):
// there is no better way for it to go, so it sorts below every rating.
const NotRated Status = -1

// PlannedYear is the status of a year of savings that has a target and no
// saving yet.
const PlannedYear Status = -2

// Key is the status's catalogue key, "status.on-track", for templates:
// {{t .Status.Key}}.
func (s Status) Key() string {
	switch s {
	case OnTrack:
		return "status.on-track"
	case AtRisk:
		return "status.at-risk"
	case OffTrack:
		return "status.off-track"
	case NotRated:
		return "status.not-rated"
	case PlannedYear:
		return "status.planned"
	}
	return "status.no-target"
}

// Word is the word shown on the page in the language l; status is never
// shown by colour alone.
func (s Status) Word(l *words.Lang) string { return l.T(s.Key()) }

// String is the status's English word: for the build's warnings, the
// downloads' status column (a value a program reads alike in either
// language's download) and the templates that call it without a
// language. A page's words are Word's.
func (s Status) String() string {
	switch s {
	case OnTrack:
		return "On track"
	case AtRisk:
		return "At risk"
	case OffTrack:
		return "Off track"
	case NotRated:
		return "Not rated"
	case PlannedYear:
		return "Planned"
	}
	return "No target"
}

// Class is the CSS class for the status, used only alongside its word.
func (s Status) Class() string {
	switch s {
	case OnTrack:
		return "on-track"
	case AtRisk:
		return "at-risk"
	case OffTrack:
		return "off-track"
	}
	return "no-target"
}

// Rating is a status with the rule that produced it, because councillors
// challenge ratings whose reason they cannot see.
type Rating struct {
	Status Status
	// Reason completes the sentence "Status: ...", e.g. "within 0.5
	// points of the target of 99.5%", in the language of the model that
	// rated it (NewIn), as Rate and RateAs are given it.
	Reason string
	// Council is set when the rating is the council's own, from its
	// report's status column, rather than the site's rule.
	Council bool
}

// Rule is the whole rule as it is shown in the language l: "At risk:
// within 0.5 points of the target of 99.5%". l is the language the
// rating's Reason was written in.
func (r Rating) Rule(l *words.Lang) string {
	if r.Reason == "" {
		return r.Status.Word(l)
	}
	return l.F("status.rule", "status", r.Status.Word(l), "reason", r.Reason)
}

// DefaultAmberShare is the default amber margin as a share of the target.
const DefaultAmberShare = 0.05

// DefaultAmber is the amber margin used when a metric sets none: 5% of the
// size of the target.
func DefaultAmber(target float64) float64 { return math.Abs(target) * DefaultAmberShare }

// Rate applies the contract's status rule. target is nil when there is no
// target. The comparisons allow for binary rounding (a figure typed as
// exactly on the amber line is on it), but no more.
// The rule's words are in the language l.
func Rate(l *words.Lang, v float64, target *float64, amber float64, dir measure.Direction, unit measure.Unit) Rating {
	if target == nil {
		return RateAs(l, v, nil, amber, dir, unit, "", "")
	}
	return RateAs(l, v, target, amber, dir, unit, Value(l, unit, *target), Margin(l, unit, math.Abs(amber)))
}

// RateAs is Rate with the target and the amber margin written as the
// council wrote them ("the target of 4.25 days", "within 1% (0.83 points)").
func RateAs(l *words.Lang, v float64, target *float64, amber float64, dir measure.Direction, unit measure.Unit, targetText, marginText string) Rating {
	if !dir.Rated() {
		return Rating{Status: NotRated, Reason: l.T("status.rule.context")}
	}
	if target == nil {
		// The status's own words say it all: a reason here would read
		// "No target no target is set".
		return Rating{Status: NoTarget, Reason: ""}
	}
	t, a := *target, math.Abs(amber)
	eps := 1e-9 * math.Max(1, math.Max(math.Abs(t), a))
	// Each rule is one whole pattern per direction, since a language's
	// words for the sides of a target need not be one word each.
	d := "." + dir.Key()
	short := dir.Shortfall(v, t)
	switch {
	case short <= eps:
		return Rating{Status: OnTrack, Reason: l.F("status.rule.on-track"+d, "target", targetText)}
	case a > 0 && short <= a+eps:
		return Rating{Status: AtRisk, Reason: l.F("status.rule.at-risk", "margin", marginText, "target", targetText)}
	case a > 0:
		return Rating{Status: OffTrack, Reason: l.F("status.rule.off-track-margin"+d, "margin", marginText, "target", targetText)}
	}
	return Rating{Status: OffTrack, Reason: l.F("status.rule.off-track"+d, "target", targetText)}
}

// CouncilRating is the rating a council published (its report's status
// column) in the site's words, with the target it was given against, so
// that the site says what the committee paper says. ok is false for a row
// that gives none. The words are in the language l.
func CouncilRating(l *words.Lang, rag measure.RAG, targetText string) (r Rating, ok bool) {
	rated := func(s Status) (Rating, bool) {
		if targetText != "" {
			return Rating{s, l.F("status.council.rated-against", "rag", rag.Word(l), "target", targetText), true}, true
		}
		return Rating{s, l.F("status.council.rated", "rag", rag.Word(l)), true}, true
	}
	switch rag {
	case measure.Green:
		return rated(OnTrack)
	case measure.Amber:
		return rated(AtRisk)
	case measure.Red:
		return rated(OffTrack)
	case measure.DataOnly:
		return Rating{NotRated, l.T("status.council.data-only"), true}, true
	case measure.NotSet:
		return Rating{NoTarget, l.T("status.council.not-set"), true}, true
	case measure.Unrated:
		return Rating{NotRated, l.T("status.council.unrated"), true}, true
	}
	return Rating{}, false
}

// Trend is the direction of travel against the previous period.
type Trend int

// The directions of travel. First means there is no earlier figure.
const (
	First Trend = iota
	Improving
	Worsening
	NoChange
	Up   // a measure of context went up
	Down // a measure of context went down
)

// Key is the trend's catalogue key, "trend.improving", for templates:
// {{t .Trend.Key}}.
func (t Trend) Key() string {
	switch t {
	case Improving:
		return "trend.improving"
	case Worsening:
		return "trend.worsening"
	case NoChange:
		return "trend.no-change"
	case Up:
		return "trend.up"
	case Down:
		return "trend.down"
	}
	return "trend.first"
}

// Word is the phrase shown beside a status, in the language l.
func (t Trend) Word(l *words.Lang) string { return l.T(t.Key()) }

// String is the trend's English phrase, for the downloads' trend column
// and the templates that call it without a language; Word is a page's.
func (t Trend) String() string {
	switch t {
	case Improving:
		return "Improving"
	case Worsening:
		return "Worsening"
	case NoChange:
		return "No change"
	case Up:
		return "Up"
	case Down:
		return "Down"
	}
	return "First figure"
}

// TrendOf compares v with the previous value prev by the metric's
// direction. Values equal to six decimals are no change: the data is typed
// by people to one or two decimals.
func TrendOf(v, prev float64, dir measure.Direction) Trend {
	a, b := format.Round(v, 6), format.Round(prev, 6)
	switch {
	case a == b:
		return NoChange
	case !dir.Rated() && a > b:
		return Up
	case !dir.Rated():
		return Down
	case dir.Better(a, b) > 0:
		return Improving
	}
	return Worsening
}

// Value formats a figure with its unit for a rule or a sentence: "99.2%",
// "£1,234", "18 days", "18.5 days" (measure.Unit.Value). A metric's own
// figures use Metric.Format, at the metric's precision.
func Value(l *words.Lang, unit measure.Unit, v float64) string { return unit.Value(l, v) }

// ValueIn formats a figure with its unit to exactly places decimal
// places, so that a column of figures lines up: "97.00%", "7.25 days",
// "8.00 days" (measure.Unit.Format).
func ValueIn(l *words.Lang, unit measure.Unit, v float64, places int) string {
	return unit.Format(l, v, places)
}

// Prose formats a figure for a sentence: as Value, but millions of pounds
// as "£1.2m" (measure.Unit.Prose).
func Prose(l *words.Lang, unit measure.Unit, v float64) string { return unit.Prose(l, v) }

// Margin formats a difference at the unit's margin precision:
// percentage differences are "points", since "within 0.5% of 99.5%" would
// be ambiguous (measure.Unit.Margin).
func Margin(l *words.Lang, unit measure.Unit, a float64) string {
	return unit.Margin(l, a, unit.MarginPlaces())
}
