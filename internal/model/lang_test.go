package model

import (
	"github.com/partnersite/partnersite/internal/words"
)

// en and cy are the built-in catalogues, so that the tests read the
// site's real words rather than a stub's.
var en, cy = lang("en"), lang("cy")

// langT is the type of a catalogue, for the tables of words.
type langT = *words.Lang

func lang(code string) *words.Lang {
	l, probs := words.Load(code, nil, "")
	if len(probs) > 0 {
		panic(probs[0].String())
	}
	return l
}
