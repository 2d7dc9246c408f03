package measure

import (
	"fmt"
	"strings"

	"github.com/partnersite/partnersite/internal/words"
)

// ActionStatus is where an action stands, as a committee's action log
// says it. Overdue is not among them: it is worked out from the dates, so
// that an action past its date never reads as on track.
type ActionStatus byte

// The statuses of actions.csv. NoActionStatus is an empty cell.
const (
	NoActionStatus ActionStatus = iota
	NotStarted
	ActionOnTrack
	ActionAtRisk
	Delayed
	Complete
	Cancelled
)

// actionWords are the ways action logs write each status, folded to lower
// case with spaces single: the contract's words, the RAG colours, and
// what Pentana and its peers export.
var actionWords = map[string]ActionStatus{
	"not started": NotStarted, "not yet started": NotStarted, "planned": NotStarted,
	"on track": ActionOnTrack, "green": ActionOnTrack, "g": ActionOnTrack, "in progress": ActionOnTrack,
	"at risk": ActionAtRisk, "amber": ActionAtRisk, "a": ActionAtRisk,
	"delayed": Delayed, "red": Delayed, "r": Delayed, "off track": Delayed, "behind": Delayed,
	"complete": Complete, "completed": Complete, "done": Complete, "closed": Complete, "achieved": Complete,
	"cancelled": Cancelled, "canceled": Cancelled, "withdrawn": Cancelled,
}

// ParseActionStatus reads a status cell of actions.csv.
func ParseActionStatus(s string) (ActionStatus, error) {
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if k == "" {
		return NoActionStatus, nil
	}
	if st, ok := actionWords[k]; ok {
		return st, nil
	}
	return NoActionStatus, fmt.Errorf("status %q is not an action's status; write not started, on track, at risk, delayed, complete or cancelled (Green, Amber and Red are read too)", s)
}

// Key is the status's catalogue key, "measure.action.on-track"; "" for
// an empty cell.
func (s ActionStatus) Key() string {
	if s == NoActionStatus {
		return ""
	}
	return "measure.action." + strings.ReplaceAll(strings.ToLower(s.String()), " ", "-")
}

// Word is the status as a page in the language l shows it.
func (s ActionStatus) Word(l *words.Lang) string {
	if k := s.Key(); k != "" {
		return l.T(k)
	}
	return ""
}

// String is the status in English words: for problems, the downloads'
// status column (a value a program reads the same in either language's
// download) and the templates that call it without a language.
func (s ActionStatus) String() string {
	switch s {
	case NotStarted:
		return "Not started"
	case ActionOnTrack:
		return "On track"
	case ActionAtRisk:
		return "At risk"
	case Delayed:
		return "Delayed"
	case Complete:
		return "Complete"
	case Cancelled:
		return "Cancelled"
	}
	return ""
}

// Closed reports whether the action is finished with, done or not.
func (s ActionStatus) Closed() bool { return s == Complete || s == Cancelled }
