package site

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// The example site's two committee KPI reports, as saved from Excel (a
// byte-order mark, CRLF lines, a title row and a footnote).
var committeeReports = []string{
	"data/performance/joint-committee-2026-27-q1.csv",
	"data/performance/joint-committee-2026-27-q2.csv",
}

// councilWords is the council's RAG in the site's words, by hand.
var councilWords = map[string]string{"Green": "On track", "Amber": "At risk", "Red": "Off track", "Data only": "Not rated"}

// TestSiteSaysWhatTheCouncilSaid holds the example site beside its two
// committee reports: for every indicator the report rates, the site's
// rating of the report's own quarter is the council's.
func TestSiteSaysWhatTheCouncilSaid(t *testing.T) {
	out, pl, err := Build(os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pl.All()); n > 0 {
		t.Fatalf("the example has %d problems: %v", n, pl.All())
	}
	type key struct{ metric, period string }
	shown := map[key][]string{}
	rows, err := csv.NewReader(bytes.NewReader(out.Files["data/performance.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		shown[key{r[0], r[1]}] = r
	}
	checked := 0
	for _, file := range committeeReports {
		raw, err := os.ReadFile(filepath.Join("../..", file))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")) || !bytes.Contains(raw, []byte("\r\n")) {
			t.Errorf("%s is not as Excel saves CSV UTF-8 (a byte-order mark and CRLF lines)", file)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := recs[2] // below the title and a blank row
		status, own := slices.Index(head, "Status"), slices.Index(head, "Target")-1
		quarter, err := period.Parse(head[own])
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[3:] {
			if r[0] == "" || strings.HasPrefix(r[0], "Source") {
				continue
			}
			got := shown[key{strings.ToLower(r[0]), quarter.String()}]
			if got == nil {
				t.Errorf("%s: %s %s is not on the site", file, r[0], quarter)
				continue
			}
			if want := councilWords[r[status]]; got[7] != want {
				t.Errorf("%s: %s %s: the site says %q, the council %s (%q)", file, r[0], quarter, got[7], r[status], want)
			}
			checked++
		}
	}
	if checked != 10 {
		t.Errorf("checked %d ratings, want 10 (five indicators in two reports)", checked)
	}

	// Worked by hand from the report files.
	for _, c := range []struct{ file, want string }{
		// SS04's target of 47.5 keeps its place beside figures of 46 and 48.
		{"metrics/ss04/index.html", `<tr><th scope="row">2026/27 Q1</th><td data-label="Value" class="num">46%</td><td data-label="Status"><span class="status off-track" title="Off track: the council&#39;s rating (Red), against the target of 47.5%">Off track</span></td><td data-label="Target" class="num">47.5%</td></tr>`},
		// SS02's Q1 figure, 81.7 in the Q1 report, was revised to 81.8 in
		// the Q2 report: the metric shows the revision, the Q1 report the
		// figure it was given.
		{"metrics/ss02/index.html", `<td data-label="Value" class="num">81.8% [r]</td>`},
		{"reports/2026-27-q1/index.html", `<td data-label="Value" class="num">81.7% (since revised)</td>`},
		{"data/revisions.csv", "ss02,2026/27 Q1,,81.7,,data/performance/joint-committee-2026-27-q1.csv,5,2026/27 Q1,81.8,[r],2026/27 Q2,data/performance/joint-committee-2026-27-q2.csv,5\n"},
		// The report's 2025/26 column beside its quarters is the year's
		// outturn, rated against no quarter's target.
		{"data/performance.csv", "ss02,2025/26,,81.2,,,,No target,No target,,,data/performance/joint-committee-2026-27-q1.csv,5\n"},
		// Days lost so far this year: Q1's 2.10 is never compared with
		// last year's 8.40 at Q4, only with a Q1 a year earlier (none).
		{"data/performance.csv", "ss01,2026/27 Q1,,2.1,,2.15,0.0215,On track,\"On track: the council's rating (Green), against the target of 2.15 days\",No figure a year earlier,,data/performance/joint-committee-2026-27-q1.csv,4\n"},
		// Its year outturn is its last quarter.
		{"data/performance.csv", "ss01,2025/26 Q4,,8.4,,,,No target,No target,No figure a year earlier,,data/performance/joint-committee-2026-27-q1.csv,4\n"},
		// SS05 is "Data only": reported, never rated.
		{"metrics/ss05/index.html", `title="Not rated: a measure of context, with no better way to go">Not rated</span>`},
	} {
		if !strings.Contains(string(out.Files[c.file]), c.want) {
			t.Errorf("%s lacks %q", c.file, c.want)
		}
	}
	for _, p := range []string{"metrics/ss01/index.html", "metrics/ss05/index.html"} {
		if page := string(out.Files[p]); strings.Contains(page, "Worsening") {
			t.Errorf("%s reads Worsening", p)
		}
	}
	if page := string(out.Files["metrics/ss05/index.html"]); strings.Contains(page, "Higher is better") || strings.Contains(page, "Better is") {
		t.Error("a Data only measure says which way is better")
	}
}

// TestCouncilRatingDisagrees changes one of the council's ratings so that
// the metric's own rule (within 1% of the target is At risk) gives
// another: the site shows the council's, and the build says why they differ.
func TestCouncilRatingDisagrees(t *testing.T) {
	dir := sitetest.CopySite(t, "../..")
	q2 := filepath.Join(dir, filepath.FromSlash(committeeReports[1]))
	// 81.9% against 82.5%: 0.6 points short, within 1% (0.825 points), so
	// the rule says At risk; the council says Green.
	sitetest.Write(t, q2, strings.Replace(readFile(t, q2), "81.9,82.5,Amber", "81.9,82.5,Green", 1))
	out, pl, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `data/performance/joint-committee-2026-27-q2.csv:5: warning: the council rates metric "ss02" Green (On track) in 2026/27 Q2, but the metric's rule gives At risk (within 1% (0.83 points) of the target of 82.5%); the site shows the council's rating, marked as the council's. The council counts a figure this near its target as on track; check the target, or the council's rule for Green.`
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	if !slices.Contains(got, want) {
		t.Errorf("problems %q lack %q", got, want)
	}
	if page := string(out.Files["metrics/ss02/index.html"]); !strings.Contains(page, `title="On track: the council&#39;s rating (Green), against the target of 82.5%">On track</span>`) {
		t.Error("the metric page does not show the council's rating as the council's")
	}
	// SS03's Q2: 11 of 12 plans, 8.3% short of the target, rated Amber
	// where the rule (within 1%) says Off track: a tolerance of at least
	// 8.4% would agree (1/12 = 8.33...%, rounded up to a place).
	sitetest.Write(t, q2, strings.Replace(readFile(t, q2), "9,8,11,12,Red", "9,8,11,12,Amber", 1))
	_, pl, err = Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want = `data/performance/joint-committee-2026-27-q2.csv:6: warning: the council rates metric "ss03" Amber (At risk) in 2026/27 Q2, but the metric's rule gives Off track (more than 1% (0.12) below the target of 12); the site shows the council's rating, marked as the council's. The council's tolerance is wider than the metric's amber rule (Within 1% of the target (0.12), as the council sets it): if the council counts a figure 8.4% short of its target as Amber, set amber in data/metrics.csv to its tolerance, at least 8.4%.`
	got = nil
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	if !slices.Contains(got, want) {
		t.Errorf("problems %q lack %q", got, want)
	}
}
