package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
)

func load(t *testing.T, yml string) (*Site, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	var pl problem.List
	s := Load(os.DirFS(dir), &pl)
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	return s, got
}

func TestDefaults(t *testing.T) {
	s, probs := load(t, "title: T\n")
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if s.Language != "en-GB" || s.Licence.ID != "OGL-UK-3.0" || s.Theme != "default" || !slices.Equal(s.GoalIDs(), []string{"efficiency", "resilience", "capacity"}) {
		t.Errorf("defaults = %+v", s)
	}
	if s.Licence.Attribution != "Contains public sector information licensed under the Open Government Licence v3.0." {
		t.Errorf("attribution = %q", s.Licence.Attribution)
	}
}

func TestSettings(t *testing.T) {
	s, probs := load(t, "title: T\nbase_url: https://example.org/x\ngoals:\n  - id: speed\n    title: Speed\ncontact:\n  name: Team\n  email: a@example.org\n")
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	if s.BaseURL != "https://example.org/x/" || !slices.Equal(s.GoalIDs(), []string{"speed"}) || s.Contact.Email != "a@example.org" {
		t.Errorf("site = %+v", s)
	}
	s, probs = load(t, "title: T\nrisk_bands:\n  Green: 1\n  Red: 16\n  Amber: 8\n")
	if want := []RiskBand{{"Red", 16}, {"Amber", 8}, {"Green", 1}}; len(probs) != 0 || !slices.Equal(s.RiskBands, want) {
		t.Errorf("risk bands %v, %v; want %v", s.RiskBands, probs, want)
	}
}

// A site in English and Welsh reads each text's Welsh twin, and its Welsh
// tree takes them in place of the English; the default goals and risk
// bands have their Welsh built in.
func TestWelsh(t *testing.T) {
	s, probs := load(t, "title: Shared services\ntitle_cy: Gwasanaethau a rennir\nlanguages: [en, cy]\nnotice: Illustrative.\nnotice_cy: Enghreifftiol.\n")
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	cy := s.InLanguage("cy")
	if cy.Title != "Gwasanaethau a rennir" || cy.Notice != "Enghreifftiol." || cy.Language != "cy" || cy.Goals[1].Title != "Cryfhau cydnerthedd" || cy.RiskBands[0].Name != "Uchel" {
		t.Errorf("Welsh settings: %+v", cy)
	}
	if s.Title != "Shared services" || s.Goals[1].Title != "Strengthening resilience" || s.InLanguage("en") != s {
		t.Errorf("the English settings changed: %+v", s)
	}
	if cyOnly, _ := load(t, "title: T\nlanguages: [cy]\n"); cyOnly.WordsCode() != "cy" || cyOnly.Language != "cy" || cyOnly.Welsh() {
		t.Errorf("a site in Welsh alone: %q %q", cyOnly.WordsCode(), cyOnly.Language)
	}
	one, _ := load(t, "title: T\n")
	if one.Welsh() || one.InLanguage("cy") != one {
		t.Errorf("a site in one language is not Welsh: %+v", one)
	}
}

func TestProblems(t *testing.T) {
	tests := []struct{ name, yml, want string }{
		{"missing title", "description: D\n", "site.yaml:1: title is missing; add a line such as: title: Shared services partnership"},
		{"syntax", "title: T\nnotice: a: b\n", "site.yaml:2: YAML syntax: mapping values are not allowed in this context"},
		{"bad values", "title: T\nbase_url: www.example.org\nlicence: MIT\nlanguage: english language\ntheme: My Theme\ncolour: red\ngoals:\n  - id: Speed\n    title: S\n  - id: speed\n    title: S\n  - title: No id\ncontact:\n  email: nobody\n  url: example.org\n",
			strings.Join([]string{
				`site.yaml:2: base_url "www.example.org" must be a full web address starting https://`,
				`site.yaml:3: licence "MIT" is not one partnersite knows the wording of: use OGL-UK-3.0, CC-BY-4.0 or CC0-1.0`,
				`site.yaml:4: language "english language" is not a language tag such as en-GB or cy`,
				`site.yaml:5: theme "My Theme" must be a folder name under themes/ (lower-case letters, digits and hyphens)`,
				`site.yaml:6: warning: unknown setting "colour" is ignored; the settings are title, description, language, languages, base_url, licence, theme, goals, notice, contact and risk_bands, and title_cy, description_cy, notice_cy and risk_bands_cy for a site in English and Welsh`,
				`site.yaml:8: goal id "Speed" is not a valid id: use lower-case letters, digits and hyphens`,
				`site.yaml:12: each goal needs an id and a title`,
				`site.yaml:14: contact email "nobody" is not an email address`,
				`site.yaml:15: contact url "example.org" must be a full web address starting https://`,
			}, "\n")},
		{"duplicate goal", "title: T\ngoals:\n  - id: a\n    title: A\n  - id: a\n    title: B\n", `site.yaml:5: goal id "a" is used twice: line 3 has it already`},
		{"risk bands", "title: T\nrisk_bands:\n  Severe: 30\n  Red: 12\n  Amber: 12\n  Green: 4\n", strings.Join([]string{
			`site.yaml:2: risk_bands has no band from 1, so a score below 4 would have none; start the lowest band at 1`,
			`site.yaml:3: risk band "Severe" must give the lowest score in it, a whole number from 1 to 25`,
			`site.yaml:5: risk band "Amber" starts at 12, as the band on line 4 does; give each band its own lowest score`,
		}, "\n")},
		{"a setting without its colon", "base_url: https://example.org/\ntitle Shared services\nnotice Illustrative figures\n", strings.Join([]string{
			`site.yaml:2: "title Shared services" needs a colon after title; write it as title: Shared services`,
			`site.yaml:3: "notice Illustrative figures" needs a colon after notice; write it as notice: Illustrative figures`,
		}, "\n")},
		{"the first line without its colon", "title Shared services\nbase_url: https://example.org/\n", `site.yaml:1: "title Shared services" needs a colon after title; write it as title: Shared services`},
		{"Welsh twins missing", "title: T\ndescription: D\nlanguages: [en, cy]\ntitle_cy: T cy\ngoals:\n  - id: a\n    title: A\n    summary: S\n    title_cy: A cy\nrisk_bands:\n  High: 10\n  Low: 1\n", strings.Join([]string{
			`site.yaml:2: description has no Welsh twin; the site is in English and Welsh (languages), so add description_cy: with the Welsh description`,
			`site.yaml:6: goal "a" has no summary_cy; the site is in English and Welsh, so give each goal its Welsh summary`,
			`site.yaml:10: risk_bands has no Welsh twin; add risk_bands_cy with the Welsh name of each band and the same lowest scores`,
		}, "\n")},
		{"Welsh tag on the English pages", "title: T\ntitle_cy: T\nlanguage: cy\nlanguages: [en, cy]\n", `site.yaml:3: language "cy" would tag the English pages; with languages: [en, cy], language is the English pages' tag, such as en-GB, and the Welsh pages are cy`},
		{"Welsh first", "title: T\ntitle_cy: T\nlanguages: [cy, en]\n", `site.yaml:3: write languages: [en, cy]: English is published at the site's root and Welsh in cy/`},
		{"languages", "title: T\nlanguages: [en, fr, en]\n", strings.Join([]string{
			`site.yaml:2: language "fr" is not one partnersite has the words of; write en (English) and cy (Welsh)`,
			`site.yaml:2: language "en" is listed twice; list each once`,
		}, "\n")},
		{"risk bands not a list", "title: T\nrisk_bands: 15\n", `site.yaml:2: risk_bands must name each band with the lowest score in it, one a line, e.g. "High: 15", "Medium: 5", "Low: 1"`},
	}
	for _, tt := range tests {
		_, probs := load(t, tt.yml)
		if got := strings.Join(probs, "\n"); got != tt.want {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
	var pl problem.List
	Load(os.DirFS(t.TempDir()), &pl)
	if got := pl.All(); len(got) != 1 || got[0].String() != "site.yaml:1: the file is missing; every site needs a site.yaml with at least a title" {
		t.Errorf("missing file: %v", got)
	}
}
