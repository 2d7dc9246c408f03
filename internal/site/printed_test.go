package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestPrintedRecentRows checks which rows of a report's figure tables are
// marked for print to leave out, and the note printed in their place: in
// the second quarter's report, the benefit claims table's quarters before
// 2025/26 Q2, with a note naming the report's address and figures.csv; in
// a later year's report, the savings years before its last five, with a
// note naming the address only, since figures.csv has no savings. A
// metric page, which is no report, marks none.
func TestPrintedRecentRows(t *testing.T) {
	dir := sitetest.CopySite(t, "../..")
	// Two more years of ICT savings: six years, the first before the
	// last five.
	p := filepath.Join(dir, "data", "savings.csv")
	sitetest.Write(t, p, readFile(t, p)+"ict,2026/27,,\"£3,500,000\",\"£3,050,000\",\"£420,000\",£0,\nict,2027/28,,\"£3,600,000\",\"£3,100,000\",\"£450,000\",£0,\n")
	sitetest.Write(t, filepath.Join(dir, "content", "reports", "2027-28-year-end.md"),
		"---\ntitle: Year-end report 2027/28\ndate: 2028-06-15\nperiod: 2027/28\n---\n\n{{< savings service=\"ict\" >}}\n")
	sitetest.Write(t, filepath.Join(dir, "content", "reports", "2027-28-year-end.cy.md"),
		"---\ntitle: Adroddiad diwedd blwyddyn 2027/28\ndate: 2028-06-15\nperiod: 2027/28\n---\n\n{{< savings service=\"ict\" >}}\n")
	out, _, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`<tr( class="earlier")?><th scope="row">([^<]+)</th>`)
	note := regexp.MustCompile(`<p class="table-earlier">([^<]+)</p>`)
	// figure reads the figure with the id on a page: the heads of its
	// rows marked earlier, and of the others, and its notes.
	figure := func(page, id string) (earlier, printed []string, notes []string) {
		html := string(out.Files[page])
		i := strings.Index(html, `id="`+id+`"`)
		if i < 0 {
			t.Fatalf("%s has no figure %s:\n%s", page, id, regexp.MustCompile(`<figure[^>]*>`).FindAllString(html, -1))
		}
		html = html[i:]
		html = html[:strings.Index(html, "</figure>")]
		for _, m := range row.FindAllStringSubmatch(html, -1) {
			if m[1] != "" {
				earlier = append(earlier, m[2])
			} else {
				printed = append(printed, m[2])
			}
		}
		for _, m := range note.FindAllStringSubmatch(html, -1) {
			notes = append(notes, m[1])
		}
		return earlier, printed, notes
	}
	for _, tc := range []struct {
		page, id, earlier, printed, note string
	}{
		{"reports/2026-27-q2/index.html", "chart-rb-new-claims-days",
			"2023/24 Q1|2023/24 Q2|2023/24 Q3|2023/24 Q4|2024/25 Q1|2024/25 Q2|2024/25 Q3|2024/25 Q4|2025/26 Q1",
			"2025/26 Q2|2025/26 Q3|2025/26 Q4|2026/27 Q1|2026/27 Q2",
			"Earlier quarters, from 2023/24 Q1: on this report&#39;s web page, https://shared-services.example.org/reports/2026-27-q2/, and in its figures.csv."},
		{"reports/2027-28-year-end/index.html", "chart-savings-ict",
			"2022/23", "2023/24|2024/25|2025/26|2026/27|2027/28",
			"Earlier years, from 2022/23: on this report&#39;s web page, https://shared-services.example.org/reports/2027-28-year-end/."},
		{"metrics/rb-new-claims-days/index.html", "chart-rb-new-claims-days",
			"", "2023/24 Q1|2023/24 Q2|2023/24 Q3|2023/24 Q4|2024/25 Q1|2024/25 Q2|2024/25 Q3|2024/25 Q4|2025/26 Q1|2025/26 Q2|2025/26 Q3|2025/26 Q4|2026/27 Q1|2026/27 Q2", ""},
	} {
		earlier, printed, notes := figure(tc.page, tc.id)
		if got := strings.Join(earlier, "|"); got != tc.earlier {
			t.Errorf("%s: rows marked earlier %s, want %s", tc.page, got, tc.earlier)
		}
		if got := strings.Join(printed, "|"); got != tc.printed {
			t.Errorf("%s: rows printed %s, want %s", tc.page, got, tc.printed)
		}
		if got := strings.Join(notes, "|"); got != tc.note {
			t.Errorf("%s: note %q, want %q", tc.page, got, tc.note)
		}
	}
}

// TestPrintedExceptions checks which of a report's actions and risks are
// marked for print to leave out, by the rule of councils' exception
// reports, and the note that counts them, worked out by hand. In the
// example's second quarter, with a cancelled action for the benefit
// claims (off track), a new action not started, and the print unit's
// risk raised from 6 to 9 (Medium): of each goal's actions, paper lists
// the overdue, delayed and at risk and those for a measure off track,
// unless cancelled; of its risks, the High and the one whose score rose.
// The year-end report has no report before it, so no risk rose, and its
// note says so by leaving that out. Without base_url the note names the
// page alone; the actions page, no report, marks none.
func TestPrintedExceptions(t *testing.T) {
	build := func(base bool) *Output {
		dir := sitetest.CopySite(t, "../..")
		p := filepath.Join(dir, "data", "actions.csv")
		sitetest.Write(t, p, readFile(t, p)+
			"rb-outsource-claims,Send new claims to an outside processor,Anfon hawliadau newydd at brosesydd allanol,efficiency,revenues-benefits,east-herts,rb-new-claims-days,Head of Revenues and Benefits,Pennaeth Refeniw a Budd-daliadau,2026-12-31,,cancelled,,2026/27 Q2,,,Dropped: the backlog is cleared in house.,Wedi’i ollwng: caiff yr ôl-groniad ei glirio’n fewnol.\n"+
			"pd-website,A website for the print unit,Gwefan i’r uned argraffu,capacity,print-design,,,Print and Design Manager,Rheolwr Argraffu a Dylunio,2027-03-31,,not started,,2026/27 Q2,,,,\n")
		p = filepath.Join(dir, "data", "risks.csv")
		sitetest.Write(t, p, strings.Replace(readFile(t, p),
			"Print and Design Manager,Rheolwr Argraffu a Dylunio,2,2,2026/27 Q2",
			"Print and Design Manager,Rheolwr Argraffu a Dylunio,3,3,2026/27 Q2", 1))
		if !base {
			p = filepath.Join(dir, "site.yaml")
			sitetest.Write(t, p, regexp.MustCompile(`(?m)^base_url: .*\n`).ReplaceAllString(readFile(t, p), ""))
		}
		out, _, err := Build(os.DirFS(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	row := regexp.MustCompile(`<tr( class="unprinted")?><th scope="row">([^<]+?) ?<`)
	note := regexp.MustCompile(`<p class="unprinted-note">([^<]+)</p>`)
	// evidence reads a page's actions and risks: the titles printed and
	// those left out, each joined by "|", and its note.
	evidence := func(out *Output, page string) (printed, left, said string) {
		html := string(out.Files[page])
		if i := strings.Index(html, `<section class="evidence"`); i >= 0 {
			html = html[i:]
		}
		var p, l []string
		for _, m := range row.FindAllStringSubmatch(html, -1) {
			if m[1] != "" {
				l = append(l, m[2])
			} else {
				p = append(p, m[2])
			}
		}
		if m := note.FindStringSubmatch(html); m != nil {
			said = m[1]
		}
		return strings.Join(p, "|"), strings.Join(l, "|"), said
	}
	lists := "This paper lists the actions overdue, delayed, at risk or for a measure off track, and the risks rated High"
	withBase, without := build(true), build(false)
	for _, tc := range []struct {
		out                       *Output
		page, printed, left, note string
	}{
		{withBase, "reports/2026-27-q2/index.html",
			// Delivering efficiencies: the delayed action for the
			// measure off track, and its High risk; Strengthening
			// resilience: the action at risk, the one for the plans
			// tested (off track) though on track, the three High risks;
			// Increasing capacity: the overdue review, the risk that rose.
			"Clear the backlog of new benefit claims in East Herts|New benefit claims are not decided in time|" +
				"Reach level 3 of the disaster recovery maturity model for core systems|Test the four outstanding business continuity plans in the autumn exercise|" +
				"Loss of key ICT staff|Cyber attack takes core systems offline at both councils|Core systems cannot be recovered at the second data centre in the agreed time|" +
				"Skills review of the revenues team|Loss of income from other public bodies",
			"New knowledge base for the ICT service desk|Replace the two production presses with one larger press|Send new claims to an outside processor|" +
				"Test the recovery of core systems at the second data centre|Single business continuity plan for both councils, tested every 12 months|Shared emergency planning rota|Add a second core network switch at Wallfields|" +
				"A service has no tested business continuity plan when an incident happens|" +
				"Single ICT service desk for both councils|Shared director of finance post for both councils|Two apprentices in the shared print unit|A trained deputy for every specialist role in the smaller teams|A website for the print unit|" +
				"The ICT restructure is not agreed, so vacant posts stay unfilled",
			// Complete: the knowledge base, the plan, the rota, the
			// desk, the director, the apprentices; on track: the
			// recovery test, the switch (for a measure at risk), the
			// deputies; not started: the website; cancelled: the
			// presses and the outside processor. Below High: the
			// untested plan (down) and the restructure (new).
			lists + " or whose score rose since the last report. Also on this report&#39;s web page (https://shared-services.example.org/reports/2026-27-q2/#evidence): " +
				"6 actions complete, 3 on track, 1 not started and 2 cancelled, and 2 risks below High."},
		{withBase, "reports/2025-26-year-end/index.html",
			"Cyber attack takes core systems offline at both councils|Core systems cannot be recovered at the second data centre in the agreed time",
			"Replace the two production presses with one larger press|New benefit claims are not decided in time|" +
				"Test the recovery of core systems at the second data centre|Single business continuity plan for both councils, tested every 12 months|Shared emergency planning rota|Loss of key ICT staff|" +
				"Single ICT service desk for both councils|Shared director of finance post for both councils|Skills review of the revenues team|A trained deputy for every specialist role in the smaller teams|Loss of income from other public bodies",
			lists + ". Also on this report&#39;s web page (https://shared-services.example.org/reports/2025-26-year-end/#evidence): " +
				"2 actions complete, 4 on track and 2 not started, and 3 risks below High."},
	} {
		printed, left, said := evidence(tc.out, tc.page)
		if printed != tc.printed {
			t.Errorf("%s prints\n%s\nwant\n%s", tc.page, printed, tc.printed)
		}
		if left != tc.left {
			t.Errorf("%s leaves to the web\n%s\nwant\n%s", tc.page, left, tc.left)
		}
		if said != tc.note {
			t.Errorf("%s notes\n%s\nwant\n%s", tc.page, said, tc.note)
		}
	}
	if _, _, said := evidence(without, "reports/2026-27-q2/index.html"); !strings.Contains(said, ". Also on this report&#39;s web page: 6 actions complete,") {
		t.Errorf("without base_url the note reads %q, want it to name this report's web page alone", said)
	}
	if _, left, said := evidence(withBase, "actions/index.html"); left != "" || said != "" {
		t.Errorf("the actions page marks %q for print to leave out, with the note %q; want none", left, said)
	}
	// A goal whose risks all print only on the web leaves its table's
	// caption off the paper too.
	if html := string(withBase.Files["reports/2026-27-q1/index.html"]); !strings.Contains(html, `<div class="table-wrap unprinted" role="region" aria-label="Risks: Increasing capacity"`) {
		t.Error("the first quarter's report prints the caption of Increasing capacity's risks, none of which it prints")
	}
}
