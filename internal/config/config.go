// Package config reads site.yaml, the settings of one partnership site.
// It walks the YAML node tree rather than decoding into a struct so that
// every problem names the line of the key that is wrong.
package config

import (
	"errors"
	"fmt"
	"github.com/partnersite/partnersite/internal/words"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/slug"
	"github.com/partnersite/partnersite/internal/textfile"
)

// File is where the settings live, relative to the site folder.
const File = "site.yaml"

// Goal is one stated aim of the partnership.
type Goal struct {
	ID      string
	Title   string
	Summary string
	// Cy holds the goal's Welsh title and summary (title_cy, summary_cy).
	Cy   Texts
	Line int // where the goal is in site.yaml; 0 for a default goal
}

// Texts are a setting's texts in Welsh: the _cy twins of its keys.
type Texts struct {
	Title, Description, Notice, Summary string
}

// Contact says who answers questions about the site.
type Contact struct {
	Name  string
	Email string
	URL   string
	// NameCy is the name in Welsh (name_cy); URLCy a Welsh page for it.
	NameCy, URLCy string
	line          int
}

// Licence is the licence the site and its data are published under.
type Licence struct {
	ID          string
	Name        string
	URL         string
	Attribution string // the statement re-users must carry
}

// Site holds the settings of site.yaml with defaults applied.
type Site struct {
	Title       string
	Description string
	Language    string
	BaseURL     string // absolute, ending in "/", or "" when not set
	Licence     Licence
	Theme       string
	Goals       []Goal
	Notice      string
	Contact     Contact
	// RiskBands name the bands of a risk's score, highest first.
	RiskBands []RiskBand
	// Languages are the languages the site is published in, by catalogue
	// code ("en", "cy"), the first at the site's root and each other in a
	// folder of its own (/cy/); empty for a site in one language, Language.
	Languages []string
	// Cy holds the Welsh of title, description and notice (title_cy, ...).
	Cy Texts
	// RiskBandsCy names the risk bands in Welsh (risk_bands_cy), the same
	// scores as RiskBands.
	RiskBandsCy []RiskBand
	// lines are where each setting is, for a problem with its Welsh twin.
	lines map[string]int
}

// RiskBand is a band of a risk's score (likelihood × impact, 1 to 25):
// every score from From up to the next band's is in it.
type RiskBand struct {
	Name string
	From int
}

// DefaultRiskBands are the bands of a five-by-five matrix as councils'
// registers band it: 15 and over High, 5 to 12 Medium, 4 and under Low
// (no product of two numbers from 1 to 5 is 13 or 14).
var DefaultRiskBands = []RiskBand{{"High", 15}, {"Medium", 5}, {"Low", 1}}

// DefaultRiskBandsCy are the default bands in Welsh, as Welsh councils'
// risk registers name them.
var DefaultRiskBandsCy = []RiskBand{{"Uchel", 15}, {"Canolig", 5}, {"Isel", 1}}

// DefaultGoals are the stated aims of a shared-service partnership.
var DefaultGoals = []Goal{
	{ID: "efficiency", Title: "Delivering efficiencies", Summary: "Doing the same or more for less money.",
		Cy: Texts{Title: "Sicrhau arbedion effeithlonrwydd", Summary: "Gwneud yr un faint neu ragor am lai o arian."}},
	{ID: "resilience", Title: "Strengthening resilience", Summary: "Services that keep running when people leave, systems fail or demand peaks.",
		Cy: Texts{Title: "Cryfhau cydnerthedd", Summary: "Gwasanaethau sy’n dal i redeg pan fydd pobl yn gadael, systemau’n methu neu’r galw ar ei anterth."}},
	{ID: "capacity", Title: "Increasing capacity", Summary: "More skills and time to improve services, not only to run them.",
		Cy: Texts{Title: "Cynyddu capasiti", Summary: "Rhagor o sgiliau ac amser i wella gwasanaethau, nid dim ond i’w rhedeg."}},
}

// Licences are the licences partnersite knows the wording of.
var Licences = map[string]Licence{
	"OGL-UK-3.0": {ID: "OGL-UK-3.0", Name: "Open Government Licence v3.0",
		URL:         "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
		Attribution: "Contains public sector information licensed under the Open Government Licence v3.0."},
	"CC-BY-4.0": {ID: "CC-BY-4.0", Name: "Creative Commons Attribution 4.0 International",
		URL:         "https://creativecommons.org/licenses/by/4.0/",
		Attribution: "Licensed under the Creative Commons Attribution 4.0 International licence."},
	"CC0-1.0": {ID: "CC0-1.0", Name: "Creative Commons Zero v1.0 Universal",
		URL:         "https://creativecommons.org/publicdomain/zero/1.0/",
		Attribution: "Dedicated to the public domain under CC0 1.0."},
}

var (
	langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// Load reads site.yaml from fsys. Problems go to pl; the returned Site
// always has its defaults, so later checks can still run.
func Load(fsys fs.FS, pl *problem.List) *Site {
	s := &Site{Language: "en-GB", Licence: Licences["OGL-UK-3.0"], Theme: "default", Goals: DefaultGoals, RiskBands: DefaultRiskBands, RiskBandsCy: DefaultRiskBandsCy, lines: map[string]int{}}
	raw, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		pl.Errorf(File, 1, "the file is missing; every site needs a site.yaml with at least a title")
		return s
	} else if err != nil {
		pl.Errorf(File, 1, "cannot read the file: %v", err)
		return s
	}
	raw, ok := textfile.Decode(File, raw, pl)
	if !ok {
		return s
	}
	raw = textfile.StripInvisible(File, raw, pl)
	if colonless(raw, pl) {
		return s
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		line, msg := YAMLError(err)
		pl.Errorf(File, line, "%s", msg)
		return s
	}
	if len(doc.Content) == 0 {
		pl.Errorf(File, 1, "the file is empty; it needs at least a title")
		return s
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		pl.Errorf(File, root.Line, "site.yaml must be a list of settings such as \"title: ...\"")
		return s
	}
	hasTitle := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		s.lines[k.Value] = k.Line
		switch k.Value {
		case "title_cy":
			s.Cy.Title = scalar(v, k.Value, pl)
		case "description_cy":
			s.Cy.Description = scalar(v, k.Value, pl)
		case "notice_cy":
			s.Cy.Notice = scalar(v, k.Value, pl)
		case "languages":
			s.Languages = languages(v, pl)
		case "risk_bands_cy":
			s.RiskBandsCy = riskBands(k.Line, v, pl)
		case "title":
			s.Title = scalar(v, k.Value, pl)
			hasTitle = s.Title != ""
		case "description":
			s.Description = scalar(v, k.Value, pl)
		case "language":
			s.Language = scalar(v, k.Value, pl)
			if !langRe.MatchString(s.Language) {
				pl.Errorf(File, v.Line, "language %q is not a language tag such as en-GB or cy", textfile.Short(s.Language))
			}
		case "base_url":
			s.BaseURL = scalar(v, k.Value, pl)
			u, err := url.Parse(s.BaseURL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				pl.Errorf(File, v.Line, "base_url %q must be a full web address starting https://", textfile.Short(s.BaseURL))
			}
			if !strings.HasSuffix(s.BaseURL, "/") {
				s.BaseURL += "/"
			}
		case "licence", "license":
			id := scalar(v, k.Value, pl)
			l, ok := Licences[id]
			if !ok {
				pl.Errorf(File, v.Line, "licence %q is not one partnersite knows the wording of: use OGL-UK-3.0, CC-BY-4.0 or CC0-1.0", textfile.Short(id))
			}
			s.Licence = l
		case "theme":
			s.Theme = scalar(v, k.Value, pl)
			if !slug.Valid(s.Theme) {
				pl.Errorf(File, v.Line, "theme %q must be a folder name under themes/ (lower-case letters, digits and hyphens)", textfile.Short(s.Theme))
			}
		case "notice":
			s.Notice = scalar(v, k.Value, pl)
		case "goals":
			s.Goals = goals(v, pl)
		case "contact":
			s.Contact = contact(v, pl)
		case "risk_bands":
			s.RiskBands = riskBands(k.Line, v, pl)
			if _, cy := s.lines["risk_bands_cy"]; !cy {
				s.RiskBandsCy = nil
			}
		default:
			pl.Warnf(File, k.Line, "unknown setting %q is ignored; the settings are title, description, language, languages, base_url, licence, theme, goals, notice, contact and risk_bands, and title_cy, description_cy, notice_cy and risk_bands_cy for a site in English and Welsh", textfile.Short(k.Value))
		}
	}
	if !hasTitle {
		pl.Errorf(File, root.Line, "title is missing; add a line such as: title: Shared services partnership")
	}
	if _, set := s.lines["language"]; !set && slices.Equal(s.Languages, []string{"cy"}) {
		s.Language = "cy" // a site in Welsh alone
	}
	s.checkWelsh(pl)
	return s
}

// languages reads the languages list: [en, cy], the first at the root.
func languages(v *yaml.Node, pl *problem.List) []string {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		pl.Errorf(File, v.Line, "languages must be a list such as [en, cy]: the first is published at the site's root, each other in a folder of its own")
		return nil
	}
	var out []string
	for _, item := range v.Content {
		code := strings.ToLower(strings.TrimSpace(item.Value))
		switch {
		case item.Kind != yaml.ScalarNode || !slices.Contains(words.Codes, code):
			pl.Errorf(File, item.Line, "language %q is not one partnersite has the words of; write en (English) and cy (Welsh)", textfile.Short(item.Value))
		case slices.Contains(out, code):
			pl.Errorf(File, item.Line, "language %q is listed twice; list each once", code)
		default:
			out = append(out, code)
		}
	}
	return out
}

// Welsh reports whether the site is published in Welsh beside another
// language, so that every text needs its Welsh twin.
func (s *Site) Welsh() bool { return len(s.Languages) > 1 && slices.Contains(s.Languages, "cy") }

// checkWelsh reports each text that lacks its Welsh twin on a site in
// English and Welsh: a Welsh reader must meet no English of the site's
// own, so a missing twin is an error before anything is published.
func (s *Site) checkWelsh(pl *problem.List) {
	if !s.Welsh() {
		return
	}
	if s.Languages[0] != "en" {
		pl.Errorf(File, s.lines["languages"], "write languages: [en, cy]: English is published at the site's root and Welsh in cy/")
	}
	if primary, _, _ := strings.Cut(strings.ToLower(s.Language), "-"); primary != "en" {
		pl.Errorf(File, s.lines["language"], "language %q would tag the English pages; with languages: [en, cy], language is the English pages' tag, such as en-GB, and the Welsh pages are cy", textfile.Short(s.Language))
	}
	for _, t := range []struct {
		key, text, cy string
	}{{"title", s.Title, s.Cy.Title}, {"description", s.Description, s.Cy.Description}, {"notice", s.Notice, s.Cy.Notice}} {
		if t.text != "" && t.cy == "" {
			pl.Errorf(File, s.lines[t.key], "%s has no Welsh twin; the site is in English and Welsh (languages), so add %s_cy: with the Welsh %s", t.key, t.key, t.key)
		}
	}
	if s.Contact.Name != "" && s.Contact.NameCy == "" {
		pl.Errorf(File, s.Contact.line, "contact name has no Welsh twin; the site is in English and Welsh, so add name_cy: with the Welsh name under contact")
	}
	for _, g := range s.Goals {
		if g.Title != "" && g.Cy.Title == "" {
			pl.Errorf(File, g.Line, "goal %q has no title_cy; the site is in English and Welsh, so give each goal its Welsh title (and summary_cy)", g.ID)
		}
		if g.Summary != "" && g.Cy.Summary == "" {
			pl.Errorf(File, g.Line, "goal %q has no summary_cy; the site is in English and Welsh, so give each goal its Welsh summary", g.ID)
		}
	}
	if len(s.RiskBandsCy) != len(s.RiskBands) {
		pl.Errorf(File, s.lines["risk_bands"], "risk_bands has no Welsh twin; add risk_bands_cy with the Welsh name of each band and the same lowest scores")
		return
	}
	for i, b := range s.RiskBands {
		if s.RiskBandsCy[i].From != b.From {
			pl.Errorf(File, s.lines["risk_bands_cy"], "risk_bands_cy must give the bands of risk_bands, with the same lowest scores (%d for %s)", b.From, b.Name)
			return
		}
	}
}

// InLanguage returns the settings as the tree of the language code reads
// them: for "cy", the Welsh texts and a Welsh lang tag; for any other, s.
func (s *Site) InLanguage(code string) *Site {
	if code != "cy" || !s.Welsh() {
		return s
	}
	c := *s
	c.Language = "cy"
	c.Title, c.Description, c.Notice = s.Cy.Title, s.Cy.Description, s.Cy.Notice
	c.Goals = make([]Goal, len(s.Goals))
	for i, g := range s.Goals {
		g.Title, g.Summary = g.Cy.Title, g.Cy.Summary
		c.Goals[i] = g
	}
	c.RiskBands = s.RiskBandsCy
	c.Contact.Name = s.Contact.NameCy
	if s.Contact.URLCy != "" {
		c.Contact.URL = s.Contact.URLCy
	}
	return &c
}

// settingNames are site.yaml's settings, for telling a line that lost its
// colon.
var settingNames = []string{"title", "description", "language", "languages", "base_url", "licence", "license", "theme", "notice", "goals", "contact", "risk_bands", "title_cy", "description_cy", "notice_cy", "risk_bands_cy"}

// colonless reports a setting written without its colon ("title Shared
// services"), which YAML reads as part of another value and reports, a
// line later, as "mapping values are not allowed in this context": the
// message names the line and the fix instead. It reports whether any was
// found.
func colonless(raw []byte, pl *problem.List) bool {
	found := false
	for i, line := range strings.Split(string(raw), "\n") {
		if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
			continue
		}
		line = strings.TrimRight(line, " \r")
		word, rest, _ := strings.Cut(line, " ")
		if strings.Contains(word, ":") || !slices.Contains(settingNames, word) {
			continue
		}
		if before, _, ok := strings.Cut(rest, ":"); ok && !strings.Contains(before, " ") {
			continue // "title Shared: ..." is odd, but its colon is there
		}
		pl.Errorf(File, i+1, "%q needs a colon after %s; write it as %s: %s", textfile.Short(line), word, word, textfile.Short(strings.TrimSpace(rest)))
		found = true
	}
	return found
}

// WordsCode is the code of the catalogue of words the site (or, with
// languages, its first tree) is written in (package words): the first of
// languages, else "cy" for a Welsh site and "en" for any other. A site in
// a language partnersite has no words for keeps the English words, as
// before languages had catalogues.
func (s *Site) WordsCode() string {
	if len(s.Languages) > 0 {
		return s.Languages[0]
	}
	if primary, _, _ := strings.Cut(strings.ToLower(s.Language), "-"); primary == "cy" {
		return "cy"
	}
	return "en"
}

// GoalIDs lists the ids of the site's goals in order.
func (s *Site) GoalIDs() []string {
	ids := make([]string, len(s.Goals))
	for i, g := range s.Goals {
		ids[i] = g.ID
	}
	return ids
}

func scalar(v *yaml.Node, key string, pl *problem.List) string {
	if v.Kind != yaml.ScalarNode {
		pl.Errorf(File, v.Line, "%s must be a single value, not a list or a set of settings", key)
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func goals(v *yaml.Node, pl *problem.List) []Goal {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		pl.Errorf(File, v.Line, "goals must be a list of goals, each with id, title and summary")
		return DefaultGoals
	}
	var out []Goal
	seen := map[string]int{}
	for _, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			pl.Errorf(File, item.Line, "each goal needs id, title and summary, e.g. \"- id: efficiency\"")
			continue
		}
		g := Goal{Line: item.Line}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, val := item.Content[i], item.Content[i+1]
			switch k.Value {
			case "title_cy":
				g.Cy.Title = scalar(val, "title_cy", pl)
			case "summary_cy":
				g.Cy.Summary = scalar(val, "summary_cy", pl)
			case "id":
				g.ID = scalar(val, "id", pl)
				if !slug.Valid(g.ID) {
					pl.Errorf(File, val.Line, "goal id %q is not a valid id: use lower-case letters, digits and hyphens", textfile.Short(g.ID))
				} else if err := slug.Check(g.ID); err != nil {
					pl.Errorf(File, val.Line, "goal id %q %v", textfile.Short(g.ID), err)
				}
				if l, dup := seen[g.ID]; dup {
					pl.Errorf(File, val.Line, "goal id %q is used twice: line %d has it already", textfile.Short(g.ID), l)
				}
				seen[g.ID] = val.Line
			case "title":
				g.Title = scalar(val, "title", pl)
			case "summary":
				g.Summary = scalar(val, "summary", pl)
			default:
				pl.Warnf(File, k.Line, "unknown goal setting %q is ignored; a goal has id, title and summary (and title_cy and summary_cy in Welsh)", textfile.Short(k.Value))
			}
		}
		if g.ID == "" || g.Title == "" {
			pl.Errorf(File, item.Line, "each goal needs an id and a title")
		}
		out = append(out, g)
	}
	return out
}

// riskBands reads risk_bands: each band's name and the lowest score in
// it, "High: 15", one of them from 1 so that every score has a band.
// line is the setting's own line, where a problem of the whole is told.
func riskBands(line int, v *yaml.Node, pl *problem.List) []RiskBand {
	if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
		pl.Errorf(File, line, "risk_bands must name each band with the lowest score in it, one a line, e.g. \"High: 15\", \"Medium: 5\", \"Low: 1\"")
		return DefaultRiskBands
	}
	var out []RiskBand
	seen := map[int]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		name := strings.TrimSpace(k.Value)
		from, err := strconv.Atoi(strings.TrimSpace(val.Value))
		switch {
		case val.Kind != yaml.ScalarNode || err != nil || from < 1 || from > 25:
			pl.Errorf(File, val.Line, "risk band %q must give the lowest score in it, a whole number from 1 to 25", textfile.Short(name))
			continue
		case name == "":
			pl.Errorf(File, k.Line, "a risk band needs a name, such as High")
			continue
		}
		if l, dup := seen[from]; dup {
			pl.Errorf(File, val.Line, "risk band %q starts at %d, as the band on line %d does; give each band its own lowest score", textfile.Short(name), from, l)
			continue
		}
		seen[from] = val.Line
		out = append(out, RiskBand{name, from})
	}
	slices.SortFunc(out, func(a, b RiskBand) int { return b.From - a.From })
	if len(out) > 0 && out[len(out)-1].From != 1 {
		pl.Errorf(File, line, "risk_bands has no band from 1, so a score below %d would have none; start the lowest band at 1", out[len(out)-1].From)
	}
	if len(out) == 0 {
		return DefaultRiskBands
	}
	return out
}

func contact(v *yaml.Node, pl *problem.List) Contact {
	c := Contact{line: v.Line}
	if v.Kind != yaml.MappingNode {
		pl.Errorf(File, v.Line, "contact must have name, email and url settings")
		return c
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		switch k.Value {
		case "name":
			c.Name = scalar(val, "name", pl)
		case "name_cy":
			c.NameCy = scalar(val, "name_cy", pl)
		case "url_cy":
			c.URLCy = scalar(val, "url_cy", pl)
		case "email":
			c.Email = scalar(val, "email", pl)
			if !strings.Contains(c.Email, "@") || strings.ContainsAny(c.Email, " <>\"") {
				pl.Errorf(File, val.Line, "contact email %q is not an email address", textfile.Short(c.Email))
			}
		case "url":
			c.URL = scalar(val, "url", pl)
			if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				pl.Errorf(File, val.Line, "contact url %q must be a full web address starting https://", textfile.Short(c.URL))
			}
		default:
			pl.Warnf(File, k.Line, "unknown contact setting %q is ignored; contact has name, email and url (and name_cy and url_cy in Welsh)", textfile.Short(k.Value))
		}
	}
	return c
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// YAMLError splits a YAML syntax error into its 1-based line and message.
func YAMLError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		return line, "YAML syntax: " + m[2]
	}
	return 1, "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")
}
