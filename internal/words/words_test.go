package words

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func lang(t *testing.T, code string) *Lang {
	t.Helper()
	l, probs := Load(code, nil, "")
	if len(probs) > 0 {
		t.Fatalf("built-in %s catalogue: %v", code, probs)
	}
	return l
}

// Every key of the English catalogue has its Welsh entry with the same
// parts, and the other way round, so that no Welsh page falls back to a
// bracketed key or an English word.
func TestCataloguesMatch(t *testing.T) {
	en, cy := lang(t, "en"), lang(t, "cy")
	base := func(l *Lang) map[string]string {
		out := map[string]string{}
		for _, k := range l.Keys() {
			b := k
			for _, f := range []string{".zero", ".one", ".two", ".few", ".many", ".other"} {
				if s, ok := strings.CutSuffix(k, f); ok && (l.Has(s+".other") || l.Has(s+".one")) {
					b = s + ".#"
				}
			}
			ns := names(l.entries[k])
			if was, ok := out[b]; ok && was != ns && ns != "none" && was != "none" {
				t.Errorf("%s %s: plural forms use different parts: %s and %s", l.Code, k, was, ns)
			}
			if ns != "none" || out[b] == "" {
				out[b] = ns
			}
		}
		return out
	}
	e, c := base(en), base(cy)
	for k, ns := range e {
		cns, ok := c[k]
		if !ok {
			t.Errorf("cy.txt lacks %s", strings.TrimSuffix(k, ".#"))
			continue
		}
		if cns != ns {
			t.Errorf("%s: en.txt uses %s, cy.txt %s", k, ns, cns)
		}
		if strings.HasSuffix(k, ".#") && !cy.Has(strings.TrimSuffix(k, "#")+"other") {
			t.Errorf("cy.txt: %s has no .other form", k)
		}
	}
	for k := range c {
		if _, ok := e[k]; !ok {
			t.Errorf("cy.txt has %s, which en.txt lacks", k)
		}
	}
}

func TestWords(t *testing.T) {
	en, cy := lang(t, "en"), lang(t, "cy")
	day := time.Date(2025, time.November, 12, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{en.Date(day), "12 November 2025"},
		{cy.Date(day), "12 Tachwedd 2025"},
		{en.MonthYear(time.June, 2024), "June 2024"},
		{cy.MonthYear(time.June, 2024), "Mehefin 2024"},
		{en.List(nil), ""},
		{en.List([]string{"a"}), "a"},
		{en.List([]string{"a", "b"}), "a and b"},
		{en.List([]string{"a", "b", "c"}), "a, b and c"},
		{cy.List([]string{"Torfaen", "Casnewydd"}), "Torfaen a Chasnewydd"},
		{cy.List([]string{"Torfaen", "Casnewydd", "Abertawe"}), "Torfaen, Casnewydd ac Abertawe"},
		{cy.List([]string{"Torfaen", "SRS"}), "Torfaen a SRS"},
		{en.F("list.and", "first", "x"), "x and {last}"},
		{en.T("no.such.key"), "[no.such.key]"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// CLDR's Welsh cardinal rules, by hand from the CLDR chart: 0 zero, 1 one,
// 2 two, 3 few, 6 many, the rest other. Welsh goes by the number (2.0 is
// two), English by the digits shown too (1.0 is other).
func TestPluralForms(t *testing.T) {
	en, cy := lang(t, "en"), lang(t, "cy")
	for _, tc := range []struct {
		l    *Lang
		n    string
		want string
	}{
		{en, "0", "other"}, {en, "1", "one"}, {en, "2", "other"}, {en, "1.0", "other"}, {en, "-1", "one"}, {en, "1,001", "other"},
		{cy, "0", "zero"}, {cy, "1", "one"}, {cy, "2", "two"}, {cy, "3", "few"}, {cy, "6", "many"},
		{cy, "4", "other"}, {cy, "5", "other"}, {cy, "7", "other"}, {cy, "10", "other"}, {cy, "11", "other"}, {cy, "1.5", "other"}, {cy, "2.0", "two"}, {cy, "1.0", "one"},
	} {
		if got := tc.l.Form(tc.n); got != tc.want {
			t.Errorf("%s %s: form %s, want %s", tc.l.Code, tc.n, got, tc.want)
		}
	}
}

func TestMutations(t *testing.T) {
	for _, tc := range []struct{ kind, word, want string }{
		{"soft", "Caerdydd", "Gaerdydd"},
		{"soft", "Pen-y-bont", "Ben-y-bont"},
		{"soft", "Torfaen", "Dorfaen"},
		{"soft", "Gwynedd", "Wynedd"},
		{"soft", "Blaenau Gwent", "Flaenau Gwent"},
		{"soft", "Dinbych", "Ddinbych"},
		{"soft", "Llanelli", "Lanelli"},
		{"soft", "Mynwy", "Fynwy"},
		{"soft", "Rhondda", "Rondda"},
		{"soft", "Casnewydd", "Gasnewydd"},
		{"soft", "Abertawe", "Abertawe"},
		{"soft", "Chwarae", "Chwarae"},
		{"soft", "Theatr", "Theatr"},
		{"soft", "Ddinas", "Ddinas"},
		{"soft", "SRS", "SRS"},
		{"soft", "ICT", "ICT"},
		{"soft", "2024", "2024"},
		{"soft", "cyngor", "gyngor"},
		{"nasal", "Caerdydd", "Nghaerdydd"},
		{"nasal", "Pen-y-bont", "Mhen-y-bont"},
		{"nasal", "Torfaen", "Nhorfaen"},
		{"nasal", "Bangor", "Mangor"},
		{"nasal", "Dinbych", "Ninbych"},
		{"nasal", "Gwent", "Ngwent"},
		{"aspirate", "Caerdydd", "Chaerdydd"},
		{"aspirate", "Pen-y-bont", "Phen-y-bont"},
		{"aspirate", "Torfaen", "Thorfaen"},
		{"aspirate", "Bangor", "Bangor"},
	} {
		if got := mutate(tc.kind, tc.word); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.kind, tc.word, got, tc.want)
		}
	}
}

func TestModifiers(t *testing.T) {
	en, cy := lang(t, "en"), lang(t, "cy")
	for _, tc := range []struct {
		l                    *Lang
		modifier, word, want string
	}{
		{en, "poss", "Stevenage", "Stevenage's"},
		{en, "poss", "East Herts", "East Herts'"},
		{en, "lower", "Households", "households"},
		{en, "lower", "ICT", "ICT"},
		{en, "upper", "on track", "On track"},
		{cy, "poss", "Caerdydd", "Caerdydd"},
		{cy, "a", "Abertawe", "ac Abertawe"},
		{cy, "a", "Powys", "a Phowys"},
		{en, "soft", "Caerdydd", "Caerdydd"},
	} {
		p, err := compile("{x:" + tc.modifier + "}")
		if err != nil {
			t.Fatal(err)
		}
		if got := tc.l.write(p, []any{"x", tc.word}); got != tc.want {
			t.Errorf("%s %s %q: %q, want %q", tc.l.Code, tc.modifier, tc.word, got, tc.want)
		}
	}
}

// A theme overrides an entry, and a key the site does not have, or a
// pattern with other parts, is a problem at its line.
func TestOverride(t *testing.T) {
	fsys := fstest.MapFS{"themes/t/words/en.txt": {Data: []byte("# mine\nmonth.1 = Jan\nmonth.13 = Smarch\nlist.and = {first} & {other}\nbad line\n")}}
	l, probs := Load("en", fsys, "themes/t/words/en.txt")
	if got := l.Month(time.January); got != "Jan" {
		t.Errorf("overridden month: %q", got)
	}
	if got := l.List([]string{"a", "b"}); got != "a and b" {
		t.Errorf("an override with the wrong parts must be refused: %q", got)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.String())
	}
	want := []string{
		`themes/t/words/en.txt:5: an entry is written key = text, with a space each side of =`,
		`themes/t/words/en.txt:4: "list.and" must use the parts {first}, {last}, as the built-in entry does`,
		`themes/t/words/en.txt:3: "month.13" is not a word of the site; a theme can change the built-in words listed in docs/words.md, not add new ones`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, probs := Load("fr", nil, ""); len(probs) != 1 {
		t.Errorf("an unknown language: %v", probs)
	}
}
