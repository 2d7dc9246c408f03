package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// welsh is Welsh's grammar: the mutations a word takes after the word
// before it, applied to words the site did not write (names from the
// data) by the Welsh patterns that need them, "{name:soft}".
type welsh struct{}

// mutations maps each initial that mutates to its soft, nasal and
// aspirate forms; "" means the initial is dropped (soft g: "gardd" to
// "ardd"). Digraphs come first so that "ll" is not read as "l".
var mutations = []struct{ from, soft, nasal, aspirate string }{
	{"ll", "l", "ll", "ll"},
	{"rh", "r", "rh", "rh"},
	{"ch", "ch", "ch", "ch"},
	{"ph", "ph", "ph", "ph"},
	{"th", "th", "th", "th"},
	{"dd", "dd", "dd", "dd"},
	{"c", "g", "ngh", "ch"},
	{"p", "b", "mh", "ph"},
	{"t", "d", "nh", "th"},
	{"g", "", "ng", "g"},
	{"b", "f", "m", "b"},
	{"d", "dd", "n", "d"},
	{"m", "f", "m", "m"},
}

func (welsh) modify(modifier, word string) (string, bool) {
	switch modifier {
	case "soft", "nasal", "aspirate":
		return mutate(modifier, word), true
	case "a":
		// "a" (and) becomes "ac" before a vowel, and causes the aspirate
		// mutation: "a Chaerdydd", "ac Abertawe".
		if startsWithVowel(word) {
			return "ac " + word, true
		}
		return "a " + mutate("aspirate", word), true
	case "poss":
		// Welsh has no possessive ending: the pattern puts the owner
		// after the thing owned, "cyfran Caerdydd".
		return word, true
	}
	return word, false
}

// mutate applies a mutation to a word's initial. An acronym ("SRS", "ICT")
// and a word that does not start with a letter are left as written, as
// Welsh writers leave them.
func mutate(kind, word string) string {
	r, n := utf8.DecodeRuneInString(word)
	if n == 0 || !unicode.IsLetter(r) {
		return word
	}
	if r2, _ := utf8.DecodeRuneInString(word[n:]); unicode.IsUpper(r) && unicode.IsUpper(r2) {
		return word
	}
	lower := strings.ToLower(word)
	for _, m := range mutations {
		if !strings.HasPrefix(lower, m.from) {
			continue
		}
		to := m.soft
		switch kind {
		case "nasal":
			to = m.nasal
		case "aspirate":
			to = m.aspirate
		}
		// "gw" under the soft mutation loses its g as any g does:
		// "Gwynedd" to "Wynedd".
		rest := word[len(m.from):]
		if to == "" {
			return upperIf(unicode.IsUpper(r), rest)
		}
		return upperIf(unicode.IsUpper(r), to) + rest
	}
	return word
}

// upperIf capitalises s's first letter when the word it replaces began
// with a capital.
func upperIf(upper bool, s string) string {
	if !upper {
		return s
	}
	return upperFirst(s)
}

func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.ToLower(s))
	// A figure is read as its Welsh word: "ac 1" (un), "ac 11" (un ar
	// ddeg), "ac 8" and "ac 80" (wyth, wyth deg), but "a 10" (deg) and
	// "a 1,000" (mil).
	d := len(s) - len(strings.TrimLeft(s, "0123456789"))
	switch {
	case d > 0 && s[0] == '8':
		return true
	case (s[:d] == "1" || s[:d] == "11") && !strings.HasPrefix(s[d:], ","):
		return true
	}
	return strings.ContainsRune("aeiouwyâêîôûŵŷ", r)
}
