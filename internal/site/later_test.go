package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestLaterReportsLeaveEarlierOnesAlone adds later reports of every kind
// to a copy of the example site, a year report among them (a year sorts
// before its quarters): every earlier report's page and its figures are
// byte-identical, "Since the last report" included.
func TestLaterReportsLeaveEarlierOnesAlone(t *testing.T) {
	dir := sitetest.CopySite(t, "../..")
	before, _, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Later figures too: a report is a record, so they must not reach it.
	for file, row := range map[string]string{
		"performance.csv": "ict-availability,2026/27 Q3,,99.4,,\n",
		"savings.csv":     "ict,2026/27,,\"£3,500,000\",\"£3,050,000\",\"£420,000\",£0,\n",
	} {
		p := filepath.Join(dir, "data", file)
		sitetest.Write(t, p, readFile(t, p)+row)
	}
	for name, body := range map[string]string{
		"2026-27-year-end.md": "---\ntitle: Year-end report 2026/27\ndate: 2027-06-17\nperiod: 2026/27\n---\n\n{{< scorecard >}}\n",
		"2026-27-q3.md":       "---\ntitle: Quarter 3 2026/27\ndate: 2027-02-10\nperiod: 2026/27 Q3\n---\n\n{{< scorecard >}}\n",
		// Their Welsh pairs, as the example is in English and Welsh.
		"2026-27-year-end.cy.md": "---\ntitle: Adroddiad diwedd blwyddyn 2026/27\ndate: 2027-06-17\nperiod: 2026/27\n---\n\n{{< scorecard >}}\n",
		"2026-27-q3.cy.md":       "---\ntitle: Chwarter 3 2026/27\ndate: 2027-02-10\nperiod: 2026/27 Q3\n---\n\n{{< scorecard >}}\n",
	} {
		sitetest.Write(t, filepath.Join(dir, "content", "reports", name), body)
	}
	after, _, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range before.Paths() {
		if !strings.HasPrefix(p, "reports/") || p == "reports/index.html" || strings.HasPrefix(p, "reports/page/") {
			continue
		}
		checked++
		if string(before.Files[p]) != string(after.Files[p]) {
			t.Errorf("%s changed when later reports were added: %s", p, firstDiff(string(before.Files[p]), string(after.Files[p])))
		}
	}
	if checked < 6 {
		t.Errorf("checked %d report files, want every earlier report's page and figures", checked)
	}
	// The later quarter's section is against the quarter before, never
	// the year report published after it.
	q3 := string(after.Files["reports/2026-27-q3/index.html"])
	if !strings.Contains(q3, "Quarter 2 2026/27 performance report") || strings.Contains(q3, "Compared with <a href=\"../2026-27-year-end/\">") {
		t.Error("the Q3 report's Since the last report is not against the Q2 report")
	}
}
