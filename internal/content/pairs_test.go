package content

import (
	"os"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
)

// On a site in English and Welsh, NAME.cy.md is the Welsh pair of NAME.md
// at the same address in the Welsh tree, and a page without its pair is an
// error at the file that has none; a draft may lack one with --drafts.
func TestPairs(t *testing.T) {
	dir := write(t, map[string]string{
		"content/index.md":                 "Home",
		"content/index.cy.md":              "Hafan",
		"content/about.md":                 "# About\n",
		"content/about.cy.md":              "# Amdanom\n",
		"content/reports/2025-q1.md":       "---\ntitle: Q1\ndate: 2025-07-01\n---\n",
		"content/reports/2025-q1.cy.md":    "---\ntitle: Ch1\ndate: 2025-07-01\n---\n",
		"content/minutes/june.md":          "# June\n",
		"content/goals/resilience.cy.md":   "Cydnerthedd",
		"content/reports/draft.md":         "---\ntitle: D\ndate: 2025-07-01\ndraft: true\n---\n",
		"content/reports/draft-both.md":    "---\ntitle: D\ndate: 2025-07-01\ndraft: true\n---\n",
		"content/reports/draft-both.cy.md": "---\ntitle: D\ndate: 2025-07-01\ndraft: true\n---\n",
	})
	for _, drafts := range []bool{false, true} {
		var pl problem.List
		set := Load(os.DirFS(dir), Options{Languages: []string{"en", "cy"}, Drafts: drafts}, &pl)
		set.CheckPairs(&pl)
		var got []string
		for _, p := range pl.All() {
			got = append(got, p.String())
		}
		want := []string{
			"content/goals/resilience.cy.md:1: this page has no pair in English; the site is published in English and Welsh, so write content/goals/resilience.md too (a draft may lack its pair when built with --drafts)",
			"content/minutes/june.md:1: this page has no pair in Welsh; the site is published in English and Welsh, so write content/minutes/june.cy.md too (a draft may lack its pair when built with --drafts)",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("drafts %v: problems:\n%s\nwant:\n%s", drafts, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		cy := set.InLanguage("cy")
		var urls []string
		for _, pg := range cy.Pages {
			urls = append(urls, pg.URL+" "+pg.Title)
		}
		wantCy := "about/ Amdanom|goals/resilience/ | |reports/2025-q1/ Ch1"
		if drafts {
			wantCy = "about/ Amdanom|goals/resilience/ | |reports/2025-q1/ Ch1|reports/draft-both/ D"
		}
		if strings.Join(urls, "|") != wantCy {
			t.Errorf("drafts %v: the Welsh pages: %q, want %q", drafts, strings.Join(urls, "|"), wantCy)
		}
		if en := set.InLanguage("en"); len(en.Pages)+len(cy.Pages) != len(set.Pages) {
			t.Errorf("every page is in one language: %d + %d of %d", len(en.Pages), len(cy.Pages), len(set.Pages))
		}
	}
	// With one language, the set is the set.
	var pl problem.List
	one := Load(os.DirFS(write(t, map[string]string{"content/about.md": "# About\n"})), Options{}, &pl)
	if one.InLanguage("en") != one {
		t.Error("a site in one language has one set")
	}
}
