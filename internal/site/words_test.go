package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/words"
)

// lang loads a built-in catalogue, failing the test on any problem.
func lang(t *testing.T, code string) *words.Lang {
	t.Helper()
	l, probs := words.Load(code, nil, "")
	if l == nil || len(probs) > 0 {
		t.Fatalf("loading %s: %v", code, probs)
	}
	return l
}

// TestSiteWords writes the sentences the site makes in Go, the page kinds'
// titles and "Since the last report"'s slips and risk moves among them,
// from the real catalogues, against English and Welsh written by hand.
func TestSiteWords(t *testing.T) {
	en, cy := lang(t, "en"), lang(t, "cy")
	// The unprinted note of a report whose paper leaves out three
	// completed actions and one on track.
	left := []*model.Action{{Status: measure.Complete}, {Status: measure.Complete}, {Status: measure.Complete}, {Status: measure.ActionOnTrack}}
	note := func(l *words.Lang) string {
		x := &Exceptions{offTrack: map[string]bool{}, top: "High", lang: l}
		if l == cy {
			x.top = "Uchel"
		}
		return x.note(left, nil, l.T("report.unprinted.on"))
	}
	for _, c := range []struct {
		name    string
		write   func(l *words.Lang) string
		en, cy  string
		welshOK bool // the Welsh is the same as the English, and rightly
	}{
		{name: "home", write: func(l *words.Lang) string { return l.T("kind.home") }, en: "Home", cy: "Hafan"},
		{name: "overview", write: func(l *words.Lang) string { return l.T("kind.overview") }, en: "Overview", cy: "Trosolwg"},
		{name: "goals", write: func(l *words.Lang) string { return l.T("kind.goals") }, en: "Goals", cy: "Nodau"},
		{name: "services", write: func(l *words.Lang) string { return l.T("kind.services") }, en: "Services", cy: "Gwasanaethau"},
		{name: "partners", write: func(l *words.Lang) string { return l.T("kind.partners") }, en: "Partners", cy: "Partneriaid"},
		{name: "metrics", write: func(l *words.Lang) string { return l.T("kind.metrics") }, en: "Metrics", cy: "Mesurau"},
		{name: "reports", write: func(l *words.Lang) string { return l.T("kind.reports") }, en: "Reports", cy: "Adroddiadau"},
		{name: "actions", write: func(l *words.Lang) string { return l.T("kind.actions") }, en: "Actions", cy: "Camau gweithredu"},
		{name: "risks", write: func(l *words.Lang) string { return l.T("kind.risks") }, en: "Risks", cy: "Risgiau"},
		{name: "data", write: func(l *words.Lang) string { return l.T("kind.data") }, en: "Data", cy: "Data", welshOK: true},
		{name: "search", write: func(l *words.Lang) string { return l.T("kind.search") }, en: "Search", cy: "Chwilio"},
		{name: "statement", write: func(l *words.Lang) string { return l.T("kind.accessibility") }, en: "Accessibility statement", cy: "Datganiad hygyrchedd"},
		{name: "404", write: func(l *words.Lang) string { return l.T("kind.not-found") }, en: "Page not found", cy: "Heb ddod o hyd i'r dudalen"},
		{name: "search kind", write: func(l *words.Lang) string { return l.T("kind.search.measure") }, en: "Measure", cy: "Mesur"},
		{name: "list page", write: func(l *words.Lang) string { return l.F("kind.list-page", "section", l.T("kind.metrics"), "n", 2) },
			en: "Metrics, page 2", cy: "Mesurau, tudalen 2"},
		{name: "pager", write: func(l *words.Lang) string { return Pager{Pages: 5, From: 51, To: 100, Total: 230, lang: l}.Of() },
			en: ", 51 to 100 of 230", cy: ", 51 i 100 o 230"},
		{name: "risks to a service", write: func(l *words.Lang) string {
			name := "ICT"
			if l == cy {
				name = "Gwasanaethau TGCh"
			}
			return l.F("site.risks.to", "name", name)
		}, en: "Risks to ICT", cy: "Risgiau i Wasanaethau TGCh"},
		{name: "goal's actions", write: func(l *words.Lang) string { return l.F("site.actions.in-goal", "goal", "Resilience") },
			en: "Actions: Resilience", cy: "Camau gweithredu: Resilience"},
		{name: "overdue", write: func(l *words.Lang) string {
			due := "due 31 July 2026"
			if l == cy {
				due = "erbyn 31 Gorffennaf 2026"
			}
			return l.F("report.since.overdue", "dates", due)
		}, en: "now overdue; due 31 July 2026", cy: "bellach yn hwyr; erbyn 31 Gorffennaf 2026"},
		{name: "slipped", write: func(l *words.Lang) string {
			from, by := "30 September 2026", "3 months"
			if l == cy {
				from, by = "30 Medi 2026", "3 mis"
			}
			return l.F("report.since.later", "to", "2026/27 Q3", "from", from, "by", by)
		}, en: "now due 2026/27 Q3, was 30 September 2026 (3 months later)", cy: "dyddiad newydd 2026/27 Q3, yn lle 30 Medi 2026 (3 mis yn hwyrach)"},
		{name: "risk up a band", write: func(l *words.Lang) string {
			band := "Medium"
			if l == cy {
				band = "Canolig"
			}
			return l.F("report.since.risk-up", "from", l.F("report.since.risk-band", "band", band, "score", "12"))
		}, en: "up from Medium 12", cy: "wedi codi o Ganolig 12"},
		{name: "risk down", write: func(l *words.Lang) string { return l.F("report.since.risk-down", "from", "12") },
			en: "down from 12", cy: "wedi gostwng o 12"},
		{name: "unprinted", write: note,
			en: "This paper lists the actions overdue, delayed, at risk or for a measure off track, and the risks rated High. Also on this report's web page: 3 actions complete and 1 on track.",
			cy: "Mae'r papur hwn yn rhestru'r camau gweithredu sy'n hwyr, wedi'u hoedi, mewn perygl neu ar gyfer mesur nad yw ar y trywydd iawn, a'r risgiau a raddiwyd yn Uchel. Hefyd ar dudalen we'r adroddiad hwn: 3 cham gweithredu wedi'u cwblhau ac 1 ar y trywydd iawn."},
		{name: "two actions", write: func(l *words.Lang) string {
			return l.N("report.unprinted.actions", 2, "what", l.T("report.unprinted.cancelled"))
		},
			en: "2 actions cancelled", cy: "2 gam gweithredu wedi'u canslo"},
		{name: "risks below", write: func(l *words.Lang) string { return l.N("report.unprinted.risks-below", 1, "band", "High") },
			en: "1 risk below High", cy: "1 risg is na'r band High"},
		{name: "scorecard row", write: func(l *words.Lang) string {
			return l.F("site.row.also", "who", "Stevenage", "others", l.List([]string{"East Herts", "Hertford"}), "status", "At risk")
		}, en: "Stevenage; East Herts and Hertford also At risk", cy: "Stevenage; At risk hefyd: East Herts a Hertford"},
		{name: "no figure", write: func(l *words.Lang) string { return l.F("site.data.no-figure-for", "name", "ICT") },
			en: "No figure was published for ICT.", cy: "Ni chyhoeddwyd ffigur ar gyfer ICT."},
		{name: "feed", write: func(l *words.Lang) string { return l.F("site.feed.title", "site", "Shared services") },
			en: "Shared services: reports", cy: "Shared services: adroddiadau"},
	} {
		if got := c.write(en); got != c.en {
			t.Errorf("%s in English: got %q, want %q", c.name, got, c.en)
		}
		if got := c.write(cy); got != c.cy {
			t.Errorf("%s in Welsh: got %q, want %q", c.name, got, c.cy)
		}
		if c.en == c.cy && !c.welshOK {
			t.Errorf("%s: the Welsh is the English", c.name)
		}
	}
}

// TestWelshPageKinds builds a site in Welsh: its navigation, breadcrumbs,
// page titles, search index and feed carry the Welsh catalogue's words,
// and none of the English ones this package writes.
func TestWelshPageKinds(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	y := filepath.Join(dir, "site.yaml")
	sitetest.Write(t, y, "language: cy\n"+readFile(t, y))
	out, _, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, out, []fileWants{
		{file: "index.html", has: []string{">Trosolwg<", ">Nodau<", ">Gwasanaethau<", ">Mesurau<", ">Adroddiadau<", ">Chwilio<", ">Datganiad hygyrchedd<"},
			hasnt: []string{">Overview<", ">Goals<", ">Services<", ">Metrics<", ">Reports<", ">Search<", ">Accessibility statement<"}},
		{file: "metrics/index.html", has: []string{"<title>Mesurau – ", ">Hafan<"}, hasnt: []string{">Home<"}},
		{file: "search/index.html", has: []string{"<title>Chwilio – ", "Chwilio mesurau, gwasanaethau"}},
		{file: "404.html", has: []string{"Heb ddod o hyd i&#39;r dudalen"}},
		{file: "search.json", has: []string{`"t":"Nodau","u":"goals/","k":"Adran"`, `"k":"Mesur"`, `"k":"Adroddiad"`},
			hasnt: []string{`"k":"Section"`, `"k":"Measure"`, `"k":"Report"`}},
		{file: "feed.xml", has: []string{": adroddiadau</title>"}},
		{file: "data/index.html", has: []string{"Y gwasanaethau a rennir.", "Y cyfan uchod mewn un ffeil JSON"}},
	})
	// The downloads' headers stay machine-readable, in English.
	if csv := string(out.Files["data/metrics.csv"]); !strings.HasPrefix(csv, "id,name,service,goal,") {
		t.Errorf("metrics.csv's header changed in Welsh: %.60q", csv)
	}
}
