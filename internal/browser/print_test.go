package browser

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pdftotext runs poppler's pdftotext (and pdfinfo for the page count).
func pdfText(t *testing.T, pdf []byte) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed; .ci/run installs poppler-utils")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	p := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	return string(text), string(m[1])
}

// TestPrintMeetingPack prints the latest report of the example site as a
// councillor would, on A4, and checks the PDF's text carries the report's
// figures, its period, the status rules, the licence, the publication date
// and link targets, and none of the navigation.
func TestPrintMeetingPack(t *testing.T) {
	ctx, base := serveExample(t)
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := open(pctx, base+"/reports/2026-27-q2/"); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(pctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
		yes := true
		p.PreferCSSPageSize = &yes // the stylesheet asks for A4
		p.PrintBackground = &yes
		p.GenerateTaggedPDF = &yes
	}))
	if err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, pdf)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Quarter 2 2026/27 performance report",
		"Published 12 November 2026 · Covers July to September 2026 (2026/27 Q2)",
		// The figures of the report, in prose, summaries and tables.
		"New claims took 20.4 days (provisional) on average, against 18 days",
		"days to process new benefit claims in East Herts was 20.4 days (provisional) against a target of 18 days: Off track",
		"2026/27 Q2 17.1 days [p] ✓ On track 20.4 days [p] ✕ Off track 18 days",
		"Key: [p] provisional.",
		"availability of core ICT systems was 99.2% against a target of 99.5%: At risk",
		"£16,900",
		// The rule behind a rating, in the scorecard.
		"within 0.5 points of the target of 99.5%",
		"Contains public sector information licensed under the Open Government Licence v3.0.",
		"(https://www.gov.uk/housing-benefit)",
		"All figures on this site are illustrative.",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed report lacks %q", want)
		}
	}
	for _, not := range []string{"Skip to main content", "Overview Goals Services", "Download the data as CSV"} {
		if strings.Contains(flat, not) {
			t.Errorf("the printed report has navigation chrome: %q", not)
		}
	}
	if !regexp.MustCompile(`Page 1 of ` + pages).MatchString(flat) {
		t.Errorf("no page numbers (want \"Page 1 of %s\")", pages)
	}
	// Six sheets for the measures and their figures (every chart with
	// its table of every quarter), two for the actions and risks by goal,
	// each with its owner, dates and evidence: a councillor's whole
	// evidence. More than that is space wasted.
	if n, _ := strconv.Atoi(pages); n > 8 {
		t.Errorf("the latest report prints on %d A4 pages, more than 8", n)
	}
	t.Logf("the latest report prints on %s A4 pages", pages)
}

// pointSize is the size in points of the type of a word poppler found: its
// box is the font's ascent and descent, 1.164 times the size for the
// sans-serif Chromium prints with (a 10 pt line of body text is a box
// 11.64 pt high).
func (w word) pointSize() float64 { return (w.yMax - w.yMin) / 1.164 }

// TestPrintedMetricPage prints metric pages on A4 as a councillor would:
// each fits on two sheets, its chart starts on the first, the chart's
// words print at 8 pt or more, and no printed word lies on another (as
// the key to a table's symbols once lay over its last row).
func TestPrintedMetricPage(t *testing.T) {
	out := buildExample(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		metric string
		chart  []string // words only the chart prints
		key    bool     // a table with a key to its symbols
	}{
		// The y axis's name, and the legend.
		{"ict-availability", []string{"Percentage", "Partnership"}, false},
		// Two partners, a benchmark, the Shared from mark, and a key.
		{"rb-new-claims-days", []string{"Shared", "median"}, true},
		{"rb-council-tax", nil, false},
	} {
		t.Run(tc.metric, func(t *testing.T) {
			sheets := pdfSheets(t, printPDF(t, ctx, srv.URL+"/metrics/"+tc.metric+"/"))
			if len(sheets) > 2 {
				t.Errorf("the page prints on %d A4 sheets, not 2", len(sheets))
			}
			for _, want := range tc.chart {
				found := false
				for _, w := range sheets[0].words {
					if w.text != want {
						continue
					}
					found = true
					if w.pointSize() < 8 {
						t.Errorf("the chart's %q prints at %.1f pt, under 8 pt", want, w.pointSize())
					}
				}
				if !found {
					t.Errorf("the first sheet lacks the chart's %q: the chart does not start on it", want)
				}
			}
			keys := 0
			for i, s := range sheets {
				// The key to a table's symbols prints under its last
				// row, clear of it: a line above it ends a point or
				// more above the key's top.
				for _, k := range s.words {
					if k.text != "Key:" {
						continue
					}
					keys++
					for _, w := range s.words {
						if w.yMin < k.yMin && w.yMax > k.yMin-1 && w != k {
							t.Errorf("on sheet %d the key reaches up into the row with %q", i+1, w.text)
						}
					}
				}
				for a := range s.words {
					for b := a + 1; b < len(s.words); b++ {
						if p, q := s.words[a], s.words[b]; p.xMin < q.xMax-1 && q.xMin < p.xMax-1 && p.yMin < q.yMax-1 && q.yMin < p.yMax-1 {
							t.Errorf("on sheet %d %q lies over %q", i+1, p.text, q.text)
						}
					}
				}
			}
			if tc.key && keys == 0 {
				t.Error("no key printed: the test saw no key to check")
			}
		})
	}
}
