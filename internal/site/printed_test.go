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
