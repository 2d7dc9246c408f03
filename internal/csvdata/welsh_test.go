package csvdata

import (
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
)

// A _cy column gives the Welsh tree its text; a missing twin of a name,
// title or description is an error at its row, while a note without one
// stays as written.
func TestWelsh(t *testing.T) {
	d, probs := load(t, map[string]*string{
		"partners.csv": s("id,name,name_cy,short_name,short_name_cy,cost_share\n" +
			"north,North Council,Cyngor y Gogledd,North,Gogledd,60\n" +
			"south,South Council,,,,40\n"),
		"services.csv": s("id,name,name_cy,description,description_cy\n" +
			"ict,ICT,TGCh,Shared ICT,TGCh a rennir\n"),
		"metrics.csv": s("id,name,name_cy,service,goal,unit,direction,target,amber,source,source_cy\n" +
			"uptime,System availability,Argaeledd systemau,ict,resilience,percent,higher,99.5,0.5,Monitoring,\n"),
		"performance.csv": s("metric,period,partner,value,note,note_cy\n" +
			"uptime,2024/25 Q1,,99.6,Migration weekend,Penwythnos mudo\n" +
			"uptime,2024/25 Q2,,99.1,Untranslated,\n" +
			"uptime,2024/25 Q3,,99.2,,Nodyn Cymraeg yn unig\n" +
			"uptime,2024/25 Q4,,99.3,n/a,n/a\n"),
	})
	if len(probs) != 0 {
		t.Fatalf("twin columns must read without problems: %v", probs)
	}
	var pl problem.List
	cy := d.Welsh(&pl)
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	want := []string{`data/partners.csv:3: name "South Council" has no Welsh twin; the site is in English and Welsh, so give it in a name_cy column`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !cy.English["Untranslated"] || !cy.English["Monitoring"] || cy.English["Penwythnos mudo"] || len(cy.English) != 2 {
		t.Errorf("the texts kept in English: %v", cy.English)
	}
	for _, c := range []struct{ got, want string }{
		{cy.Partners[0].Name, "Cyngor y Gogledd"}, {cy.Partners[0].ShortName, "Gogledd"},
		{cy.Services[0].Name, "TGCh"}, {cy.Services[0].Description, "TGCh a rennir"},
		{cy.Metrics[0].Name, "Argaeledd systemau"}, {cy.Metrics[0].Source, "Monitoring"},
		{cy.Performance[0].Note, "Penwythnos mudo"}, {cy.Performance[1].Note, "Untranslated"},
		// A Welsh note without an English one is kept; "n/a" is no note.
		{cy.Performance[2].Note, "Nodyn Cymraeg yn unig"}, {d.Performance[2].Note, ""}, {cy.Performance[3].Note, ""},
		// The English is untouched.
		{d.Partners[0].Name, "North Council"}, {d.Performance[0].Note, "Migration weekend"}, {d.Metrics[0].Name, "System availability"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
