package csvdata

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/textfile"
)

// Names are how a council's figures find their row and how a reader tells
// one series from another, so this file holds the rules that keep two
// names from being taken for one: invisible characters are removed from
// every cell, a name that could mean two partners is an error, and a
// name that only looks like another is a warning.

// maxInvisibleWarnings is how many cells of one file are told of their
// invisible characters one by one; after that one warning says how many
// more there were, so a file exported with them everywhere does not bury
// every other message.
const maxInvisibleWarnings = 10

// stripInvisible returns s without its invisible format characters, and
// the first one it removed (0 when there was none). ASCII text, nearly
// every cell, is returned at the cost of one pass over its bytes.
func stripInvisible(s string) (string, rune) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii || strings.IndexFunc(s, textfile.Invisible) < 0 {
		return s, 0
	}
	var first rune
	out := strings.Map(func(r rune) rune {
		if textfile.Invisible(r) {
			if first == 0 {
				first = r
			}
			return -1
		}
		return r
	}, s)
	return out, first
}

// invisibles removes invisible format characters from every cell of the
// files read, as they are read, with a warning at each cell's line.
type invisibles struct {
	path  string
	told  int // cells warned of
	more  int // cells cleaned past maxInvisibleWarnings
	first int // line of the first cell past maxInvisibleWarnings
}

// clean strips rec's cells in place. header, when not nil, is the file's
// header as written, to name a cell's column; line gives a cell's line.
func (v *invisibles) clean(rec []string, header []string, line func(i int) int, pl *problem.List) {
	for i, cell := range rec {
		out, r := stripInvisible(cell)
		if r == 0 {
			continue
		}
		rec[i] = out
		if v.told == maxInvisibleWarnings {
			if v.more == 0 {
				v.first = line(i)
			}
			v.more++
			continue
		}
		v.told++
		where := fmt.Sprintf("header cell %d", i+1)
		if header != nil && i < len(header) && header[i] != "" {
			where = "column " + header[i]
		} else if header != nil {
			where = fmt.Sprintf("cell %d", i+1)
		}
		pl.Warnf(v.path, line(i), "%s has an invisible character, a %s, which can hide a difference between names or reverse a figure on the page; it is removed: %q. Delete it in the spreadsheet",
			where, textfile.DescribeInvisible(r), short(strings.TrimSpace(out)))
	}
}

// stripped is rec without invisible characters, a copy when any were
// removed: the rows above the header are tried as headers cleaned, but
// only the header itself is warned of.
func stripped(rec []string) []string {
	var out []string
	for i, cell := range rec {
		if c, r := stripInvisible(cell); r != 0 {
			if out == nil {
				out = append([]string(nil), rec...)
			}
			out[i] = c
		}
	}
	if out == nil {
		return rec
	}
	return out
}

// done reports the cells that were cleaned without a warning of their own.
func (v *invisibles) done(pl *problem.List) {
	if v.more > 0 {
		pl.Warnf(v.path, v.first, "%d more cells from this line on have invisible characters (bidi controls, zero-width spaces), removed as above; delete them in the spreadsheet", v.more)
	}
}

// lookalikes maps Cyrillic and Greek letters that look like Latin ones to
// those Latin letters: "Nоrth" with a Cyrillic о reads as North but is not
// it, and would be a second legend entry that no reader can tell apart.
var lookalikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x',
	'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S', 'У': 'Y', 'Ԛ': 'Q', 'Ԝ': 'W',
	// Greek
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
	'ο': 'o', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ρ': 'p', 'α': 'a',
}

// skeleton is a name as it looks: folded as foldName folds it, after
// compatibility forms (fullwidth letters, ligatures) are written plainly
// and look-alike letters are written in Latin. Two names with one
// skeleton cannot be told apart on a page.
func skeleton(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if l, ok := lookalikes[r]; ok {
			return l
		}
		return r
	}, s)
	return foldName(s)
}

// lookalikeIn names the first look-alike letter of s, for a message, or
// returns "" when s has none.
func lookalikeIn(s string) string {
	for _, r := range s {
		if l, ok := lookalikes[r]; ok {
			script := "Cyrillic"
			if unicode.Is(unicode.Greek, r) {
				script = "Greek"
			}
			return fmt.Sprintf("a %s %c (U+%04X) in place of the Latin %c", script, r, r, l)
		}
		if n := norm.NFKC.String(string(r)); n != string(r) {
			return fmt.Sprintf("%c (U+%04X) in place of %s", r, r, n)
		}
	}
	return ""
}

// partnerName is one of the ways a partner may be named: its kind (id,
// code, name, short name) and the text as written.
type partnerName struct {
	kind, written string
	partner       int // index in Data.Partners
}

// namesOf lists a partner's names, each folded spelling once, those
// readers see first: a short name left empty is the name, not a second
// name, and an id written as the short name is named as the short name.
func namesOf(p Partner, i int) []partnerName {
	var out []partnerName
	seen := map[string]bool{}
	for _, n := range []partnerName{{"name", p.Name, i}, {"short name", p.ShortName, i}, {"code", p.Code, i}, {"id", p.ID, i}} {
		if f := foldName(n.written); f != "" && !seen[f] {
			seen[f] = true
			out = append(out, n)
		}
	}
	return out
}

// checkPartnerNames reports any id, code, name or short name that could
// mean two partners, naming both rows: partnerNames would send the figures
// of one to the other without a word. Names that differ only by look-alike
// letters are warned of at the line that has them: they resolve apart, but
// no reader can tell their legend entries or columns apart.
func (d *Data) checkPartnerNames(pl *problem.List) {
	exact := map[string]partnerName{}
	looks := map[string]partnerName{}
	for i, p := range d.Partners {
		for _, n := range namesOf(p, i) {
			f, sk := foldName(n.written), skeleton(n.written)
			if o, ok := exact[f]; ok {
				if q := d.Partners[o.partner]; q.ID != p.ID { // one id twice is reported by uniqueIDs
					pl.Errorf(PartnersFile, p.Line, "%s %q could mean two partners: it is also the %s of partner %q on line %d; give each partner its own id, name, short name and code, or one council's figures go to the other",
						n.kind, n.written, o.kind, q.ID, q.Line)
				}
				continue
			}
			exact[f] = n
			o, ok := looks[sk]
			if !ok {
				looks[sk] = n
				continue
			}
			q := d.Partners[o.partner]
			if q.ID == p.ID {
				continue
			}
			at, other, atLine, otherP := n, o, p.Line, q
			if lookalikeIn(n.written) == "" && lookalikeIn(o.written) != "" {
				at, other, atLine, otherP = o, n, q.Line, p
			}
			pl.Warnf(PartnersFile, atLine, "%s %q looks the same as the %s %q of partner %q on line %d but is written with %s; readers could not tell the two apart, so write it in Latin letters or name the partners differently",
				at.kind, at.written, other.kind, other.written, otherP.ID, otherP.Line, lookDesc(at.written))
		}
	}
}

// partnerLooks maps the skeleton of every name of every partner to it,
// for benchmark names to be checked against.
func (d *Data) partnerLooks() map[string]partnerName {
	out := map[string]partnerName{}
	for i, p := range d.Partners {
		for _, n := range namesOf(p, i) {
			if _, ok := out[skeleton(n.written)]; !ok {
				out[skeleton(n.written)] = n
			}
		}
	}
	return out
}

// lookDesc is lookalikeIn for a message, which must say something even of
// two names that are the same letters encoded two ways.
func lookDesc(s string) string {
	if l := lookalikeIn(s); l != "" {
		return l
	}
	return "characters that look the same as its letters but are others"
}
