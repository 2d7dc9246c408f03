package measure

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/partnersite/partnersite/internal/textfile"
	"github.com/partnersite/partnersite/internal/words"
)

// RAG is a rating as a council published it in its own report's status
// column: the committee's verdict, which the site shows in place of its
// own rule's where it is given, because a councillor reads the site beside
// that paper.
type RAG byte

// The ratings a report may publish. NoRAG is a row that gives none.
const (
	NoRAG    RAG = iota
	Green        // on target
	Amber        // within the council's tolerance
	Red          // off target
	DataOnly     // reported for information, never rated
	NotSet       // no target has been set
	// Unrated is a figure the council's report leaves unrated: a blank or
	// "n/a" in its status column, or "not due".
	Unrated
)

// ragWords are the ways reports write each rating, folded to lower case
// with spaces single.
var ragWords = map[string]RAG{
	"green": Green, "g": Green, "on target": Green, "on track": Green, "achieved": Green, "met": Green,
	"amber": Amber, "a": Amber, "at risk": Amber, "near target": Amber,
	"red": Red, "r": Red, "off track": Red, "off target": Red, "not achieved": Red, "missed": Red,
	"data only": DataOnly, "data": DataOnly, "for information": DataOnly, "info": DataOnly,
	"not set": NotSet, "no target": NotSet, "target not set": NotSet,
	"n/a": Unrated, "na": Unrated, "not due": Unrated, "not rated": Unrated, "no rating": Unrated, "tbc": Unrated, "not available": Unrated,
	// Five-band ratings, as some councils and programme boards use: the
	// bands between Green and Red are neither, so they read At risk.
	"amber/green": Amber, "green/amber": Amber, "amber-green": Amber, "green-amber": Amber,
	"amber/red": Amber, "red/amber": Amber, "amber-red": Amber, "red-amber": Amber,
}

// footnoteMark is what reports write after a rating to point at a note:
// "Red*", "Green (1)", "Amber [a]".
var footnoteMark = regexp.MustCompile(`\s*(\*+|\(\w{1,2}\)|\[\w{1,2}\]|†)$`)

// ParseRAG reads a status cell. An empty cell is NoRAG.
func ParseRAG(s string) (RAG, error) {
	k := strings.ToLower(strings.Join(strings.Fields(footnoteMark.ReplaceAllString(strings.TrimSpace(s), "")), " "))
	k = strings.ReplaceAll(strings.ReplaceAll(k, " / ", "/"), " - ", "-")
	if k == "" {
		return NoRAG, nil
	}
	if r, ok := ragWords[k]; ok {
		return r, nil
	}
	return NoRAG, fmt.Errorf("status %q is not a rating; write Green, Amber or Red (also G, A, R, On track, At risk, Off track, Amber/Green), Data only, Not set, or leave it empty (or n/a, Not due) where the council gave no rating", textfile.Short(s))
}

// Word is the rating as a page in the language l says it: "Green",
// "Gwyrdd" (catalogue entries measure.rag.*); "" for NoRAG.
func (r RAG) Word(l *words.Lang) string {
	if r == NoRAG {
		return ""
	}
	return l.T("measure.rag." + strings.ReplaceAll(strings.ToLower(r.String()), " ", "-"))
}

// String is the rating as councils write it, in English: for problems
// and the build's warnings.
func (r RAG) String() string {
	switch r {
	case Green:
		return "Green"
	case Amber:
		return "Amber"
	case Red:
		return "Red"
	case DataOnly:
		return "Data only"
	case NotSet:
		return "Not set"
	case Unrated:
		return "no rating"
	}
	return ""
}
