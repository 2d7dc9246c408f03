package measure

import (
	"fmt"
	"strings"
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
)

// ragWords are the ways reports write each rating, folded to lower case
// with spaces single.
var ragWords = map[string]RAG{
	"green": Green, "g": Green, "on target": Green, "on track": Green, "achieved": Green, "met": Green,
	"amber": Amber, "a": Amber, "at risk": Amber, "near target": Amber,
	"red": Red, "r": Red, "off track": Red, "off target": Red, "not achieved": Red, "missed": Red,
	"data only": DataOnly, "data": DataOnly, "for information": DataOnly, "info": DataOnly,
	"not set": NotSet, "no target": NotSet, "n/a": NotSet,
}

// ParseRAG reads a status cell. An empty cell is NoRAG.
func ParseRAG(s string) (RAG, error) {
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if k == "" {
		return NoRAG, nil
	}
	if r, ok := ragWords[k]; ok {
		return r, nil
	}
	return NoRAG, fmt.Errorf("status %q is not a rating; write Green, Amber or Red (also G, A, R, On track, At risk, Off track), Data only, or Not set", s)
}

// String is the rating as councils write it.
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
	}
	return ""
}
