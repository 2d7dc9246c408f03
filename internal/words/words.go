// Package words holds every fixed word and sentence pattern of the site, one
// catalogue per language, and the grammar that differs between languages
// (plurals, possessives, "and" lists, mutations, dates and months) behind
// one type, Lang.
//
// A catalogue is a plain text file of "key = text" lines (en.txt, cy.txt),
// so that a translator or a Welsh language officer reviews the site's
// wording in one file rather than in Go, templates and scripts. A pattern
// names its parts in braces, "{metric}: {from} to {to}", so that a language
// puts them in its own order; a part may carry a modifier, "{name:soft}",
// for the grammar a language applies to a word it did not write (Welsh
// mutations, the English possessive). A key with plural forms is written
// once per form, "key.one", "key.other" (and, for Welsh, "key.zero",
// "key.two", "key.few", "key.many"), chosen by CLDR's plural rules from
// golang.org/x/text.
//
// A theme may override any entry with themes/NAME/words/LANG.txt, in the
// same form; a key the catalogue does not have is a problem at its line,
// so a misspelt key cannot silently leave the built-in wording in place.
package words

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"github.com/partnersite/partnersite/internal/problem"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed en.txt cy.txt
var builtIn embed.FS

// Codes are the languages a site may be written in, in the order the
// built-in catalogues are kept.
var Codes = []string{"en", "cy"}

// Autonym is a language's name in itself, "Cymraeg" for cy, as the link
// to a page in that language is written on every bilingual site.
func Autonym(code string) string {
	switch code {
	case "cy":
		return "Cymraeg"
	case "en":
		return "English"
	}
	return code
}

// Lang is one language's catalogue and grammar. Its methods are safe for
// use from many goroutines: a Lang never changes once loaded.
type Lang struct {
	// Code is the language's code as site.yaml's languages list writes
	// it: "en" or "cy".
	Code string
	// Tag is the language tag a page's lang attribute carries.
	Tag     language.Tag
	entries map[string]*pattern
	grammar grammar
}

// pattern is a catalogue entry, split at its parts once when loaded so
// that writing it is a walk over pieces rather than a parse.
type pattern struct {
	text  string // as written
	line  int    // where it was written, for problems
	file  string
	parts []piece
}

// piece is literal text, or a named part with its modifier.
type piece struct {
	lit      string
	name     string // "" for literal text
	modifier string
}

// A grammar is what a language does to words it did not write.
type grammar interface {
	// modify applies a named modifier ("soft", "poss", "lower") to a
	// word; unknown is false for a modifier the language lacks.
	modify(modifier, word string) (out string, known bool)
}

// Load returns the built-in catalogue of the language code, overridden by
// the entries of override (a theme's words/CODE.txt, nil for none), read
// from fsys at path. Every entry of override must be a key the built-in
// catalogue has, with the same parts.
func Load(code string, fsys fs.FS, path string) (*Lang, []problem.Problem) {
	l, probs := builtInLang(code)
	if l == nil || fsys == nil {
		return l, probs
	}
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return l, probs
		}
		return l, append(probs, problem.Problem{Path: path, Line: 1, Message: fmt.Sprintf("cannot read the theme's words: %v", err)})
	}
	over, more := parse(path, b)
	probs = append(probs, more...)
	merged := make(map[string]*pattern, len(l.entries))
	for k, v := range l.entries {
		merged[k] = v
	}
	for _, k := range sortedKeys(over) {
		p := over[k]
		was, ok := l.entries[k]
		if !ok {
			probs = append(probs, problem.Problem{Path: path, Line: p.line, Message: fmt.Sprintf("%q is not a word of the site; a theme can change the built-in words listed in docs/words.md, not add new ones", k)})
			continue
		}
		if !sameNames(was, p) {
			probs = append(probs, problem.Problem{Path: path, Line: p.line, Message: fmt.Sprintf("%q must use the parts %s, as the built-in entry does", k, names(was))})
			continue
		}
		merged[k] = p
	}
	return &Lang{Code: l.Code, Tag: l.Tag, entries: merged, grammar: l.grammar}, probs
}

// builtInLang parses the built-in catalogue of code.
func builtInLang(code string) (*Lang, []problem.Problem) {
	var g grammar
	var tag language.Tag
	switch code {
	case "en":
		g, tag = english{}, language.BritishEnglish
	case "cy":
		g, tag = welsh{}, language.MustParse("cy")
	default:
		return nil, []problem.Problem{{Path: "site.yaml", Line: 1, Message: fmt.Sprintf("there are no words for the language %q; partnersite speaks %s", code, strings.Join(Codes, " and "))}}
	}
	name := code + ".txt"
	b, err := builtIn.ReadFile(name)
	if err != nil {
		return nil, []problem.Problem{{Path: name, Line: 1, Message: err.Error()}}
	}
	entries, probs := parse("internal/words/"+name, b)
	return &Lang{Code: code, Tag: tag, entries: entries, grammar: g}, probs
}

// parse reads "key = text" lines; blank lines and lines starting with #
// are left out. A text may use \n for a line break; a space at its end is
// dropped, since an editor may strip it unseen.
func parse(file string, b []byte) (map[string]*pattern, []problem.Problem) {
	out := map[string]*pattern{}
	var probs []problem.Problem
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, " = ")
		if !ok {
			probs = append(probs, problem.Problem{Path: file, Line: n, Message: "an entry is written key = text, with a space each side of ="})
			continue
		}
		k = strings.TrimSpace(k)
		v = strings.TrimRight(v, " \t")
		if _, dup := out[k]; dup {
			probs = append(probs, problem.Problem{Path: file, Line: n, Message: fmt.Sprintf("%q is written twice; keep one", k)})
			continue
		}
		p, err := compile(v)
		if err != nil {
			probs = append(probs, problem.Problem{Path: file, Line: n, Message: fmt.Sprintf("%s: %v", k, err)})
			continue
		}
		p.line, p.file = n, file
		out[k] = p
	}
	return out, probs
}

// compile splits a text at its {parts}.
func compile(text string) (*pattern, error) {
	text = strings.ReplaceAll(text, `\n`, "\n")
	p := &pattern{text: text}
	rest := text
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			p.parts = append(p.parts, piece{lit: rest})
			break
		}
		if i > 0 {
			p.parts = append(p.parts, piece{lit: rest[:i]})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("a { has no }")
		}
		name, mod, _ := strings.Cut(rest[i+1:i+j], ":")
		if name == "" {
			return nil, fmt.Errorf("{} names no part")
		}
		p.parts = append(p.parts, piece{name: name, modifier: mod})
		rest = rest[i+j+1:]
	}
	return p, nil
}

func sameNames(a, b *pattern) bool { return names(a) == names(b) }

// names lists a pattern's parts, "{a}, {b}", or "none".
func names(p *pattern) string {
	var ns []string
	for _, pc := range p.parts {
		if pc.name != "" && !slices.Contains(ns, "{"+pc.name+"}") {
			ns = append(ns, "{"+pc.name+"}")
		}
	}
	if len(ns) == 0 {
		return "none"
	}
	slices.Sort(ns)
	return strings.Join(ns, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Keys returns every key of the catalogue, sorted.
func (l *Lang) Keys() []string { return sortedKeys(l.entries) }

// Has reports whether the catalogue has the key.
func (l *Lang) Has(key string) bool { _, ok := l.entries[key]; return ok }

// T returns a fixed word or sentence, one with no parts. A key the
// catalogue lacks comes back in brackets, "[key]", where a test or a
// reader sees it at once; the catalogue tests make sure none does.
func (l *Lang) T(key string) string {
	p, ok := l.entries[key]
	if !ok {
		return "[" + key + "]"
	}
	return p.text
}

// F writes the pattern key with its parts, given as name, value pairs:
// F("since.changed", "metric", name, "from", a, "to", b). A value is a
// string or an int (written with digits).
func (l *Lang) F(key string, args ...any) string {
	p, ok := l.entries[key]
	if !ok {
		return "[" + key + "]"
	}
	return l.write(p, args)
}

func (l *Lang) write(p *pattern, args []any) string {
	if len(p.parts) == 1 && p.parts[0].name == "" {
		return p.text
	}
	var sb strings.Builder
	sb.Grow(len(p.text) + 16*len(args)/2)
	for _, pc := range p.parts {
		if pc.name == "" {
			sb.WriteString(pc.lit)
			continue
		}
		v, ok := arg(args, pc.name)
		if !ok {
			sb.WriteString("{" + pc.name + "}")
			continue
		}
		if pc.modifier != "" {
			if out, known := l.grammar.modify(pc.modifier, v); known {
				v = out
			} else if out, known := common(pc.modifier, v); known {
				v = out
			}
		}
		sb.WriteString(v)
	}
	return sb.String()
}

func arg(args []any, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, _ := args[i].(string); k == name {
			switch v := args[i+1].(type) {
			case string:
				return v, true
			case int:
				return strconv.Itoa(v), true
			case fmt.Stringer:
				return v.String(), true
			default:
				return fmt.Sprint(v), true
			}
		}
	}
	return "", false
}

// N writes the plural pattern key for the count n, choosing the form
// (key.one, key.other, and the others the language has) by the
// language's plural rules; {n} is n in digits unless given. written, when
// not "", is n as shown on the page ("1.0"), since "1.0 days" takes the
// plural in English where "1 day" does not.
func (l *Lang) N(key string, n int, args ...any) string {
	return l.NWritten(key, strconv.Itoa(n), args...)
}

// NWritten is N for a figure already written with its places, "1.5" or
// "-1": the form follows the digits shown, never the value behind them.
func (l *Lang) NWritten(key, written string, args ...any) string {
	p := l.form(key, written)
	if p == nil {
		return "[" + key + "]"
	}
	if _, ok := arg(args, "n"); !ok {
		args = append(args, "n", written)
	}
	return l.write(p, args)
}

// Form returns the plural form's suffix ("one", "few", ...) for a number
// written as s.
func (l *Lang) Form(s string) string { return formName(l.match(s)) }

func (l *Lang) form(key, written string) *pattern {
	if p, ok := l.entries[key+"."+formName(l.match(written))]; ok {
		return p
	}
	return l.entries[key+".other"]
}

// match applies CLDR's cardinal rules to a number written in digits.
func (l *Lang) match(s string) plural.Form {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	intPart, frac, _ := strings.Cut(s, ".")
	i, err := strconv.Atoi(strings.ReplaceAll(intPart, ",", ""))
	if err != nil {
		return plural.Other
	}
	v := len(frac)
	f := 0
	if v > 0 {
		f, _ = strconv.Atoi(frac)
	}
	t := f
	w := len(strings.TrimRight(frac, "0"))
	if w < v && w > 0 {
		t, _ = strconv.Atoi(strings.TrimRight(frac, "0"))
	} else if w == 0 {
		t = 0
	}
	return plural.Cardinal.MatchPlural(l.Tag, i, v, w, f, t)
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// List joins items as the language's prose does: "a, b and c" in English,
// "a, b a c" in Welsh (with "ac" before a vowel, and the mutation "a"
// causes); "" for none.
func (l *Lang) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	head := items[0]
	for _, it := range items[1 : len(items)-1] {
		head = l.F("list.comma", "first", head, "next", it)
	}
	return l.F("list.and", "first", head, "last", items[len(items)-1])
}

// Month returns the month's name: "January", "Ionawr".
func (l *Lang) Month(m time.Month) string { return l.T("month." + strconv.Itoa(int(m))) }

// Date writes a day as the page's language writes it in prose:
// "2 January 2006", "2 Ionawr 2006".
func (l *Lang) Date(t time.Time) string {
	return l.F("date", "day", strconv.Itoa(t.Day()), "month", l.Month(t.Month()), "year", strconv.Itoa(t.Year()))
}

// MonthYear writes a month of a year: "June 2024", "Mehefin 2024".
func (l *Lang) MonthYear(m time.Month, year int) string {
	return l.F("month-year", "month", l.Month(m), "year", strconv.Itoa(year))
}

// common holds the modifiers every language has.
func common(modifier, word string) (string, bool) {
	switch modifier {
	case "lower":
		return LowerFirst(word), true
	case "upper":
		return upperFirst(word), true
	}
	return word, false
}

// LowerFirst lowers the first letter of a name for the middle of a
// sentence ({name:lower}), by rune rather than by byte, so a name that
// opens with a curly quote or "€" is left whole. An acronym ("ICT") and a
// name in title case ("Working Days Lost per FTE") are kept as written:
// "working Days Lost" would read worse than the name.
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	capitals := 0
	for _, w := range strings.Fields(s)[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !isAcronym(w) {
			capitals++
		}
	}
	if capitals >= 2 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// isAcronym reports whether a word is in capitals throughout, as "FTE"
// or "(ICT)" are.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 1
}

// upperFirst raises the first letter, for a word that opens a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// english is English's grammar: the possessive.
type english struct{}

func (english) modify(modifier, word string) (string, bool) {
	switch modifier {
	case "poss":
		return Possessive(word), true
	}
	return word, false
}

// Possessive adds the English possessive to a name: "Stevenage's", but
// "East Herts'" for a name ending in s ({name:poss} in English). It is
// also the template function "possessive", for themes written before the
// catalogue; a pattern with {name:poss} is right in Welsh too, which has no
// possessive ending.
func Possessive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "S") {
		return name + "'"
	}
	return name + "'s"
}
