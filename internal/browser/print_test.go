package browser

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
		"days to process new benefit claims in East Herts was 20.4 days against a target of 18 days: Off track",
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
	t.Logf("the latest report prints on %s A4 pages", pages)
}
