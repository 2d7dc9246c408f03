package browser

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pdfText reads a PDF's text with poppler's pdftotext, and its page count
// with pdfinfo. The text is in the order Chromium wrote it (-raw), which
// is the page's own: a figure's summary or table printed beside its chart
// reads as one run rather than interleaved, line by line, with the
// chart's words (as -layout would), and a web address broken at a hyphen
// at the end of a line keeps its hyphen (the reading order of the
// default mode drops it, as if the word were hyphenated).
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
	text, err := exec.Command("pdftotext", "-raw", p, "-").Output()
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

// TestPrintMeetingPack prints each report of the example site as a
// councillor would, on A4, and checks the PDF: its text carries the
// report's figures, its period, the status rules, the licence, the
// publication date and link targets, and none of the navigation; each
// figure's table prints its recent rows, with a note saying where the
// earlier ones are, while the page on screen keeps them all; no word
// prints under 8 pt, nor on another; and the report fits its pages.
func TestPrintMeetingPack(t *testing.T) {
	ctx, base, _ := servedExample(t)
	site := "https://shared-services.example.org/"
	for _, tc := range []struct {
		report string
		// pages is the most sheets the report may take: four, a
		// committee's meeting pack, for each report. The front matter
		// and the changes since the last report, a chart to a section
		// with its recent quarters, the scorecard of every measure, and
		// the actions and risks that need a councillor's attention, at
		// 10 pt and tables at 8.5. As councils' exception reports do,
		// the paper lists, goal by goal, only the actions overdue,
		// delayed, at risk or for a measure off track, and the risks in
		// the highest band or whose score rose; a note at the head of
		// the section counts the rest and names the web page that lists
		// them. With its 14 actions and 7 risks in full (a sheet and a
		// half) and each figure moved whole to the next sheet, the
		// second quarter's report took six; each figure now breaks only
		// before its table, and the entries print in two columns.
		pages int
		want  []string // in the printed text
		// earlier is the note under a table whose earlier rows print
		// only on the web, from the period from on; old is the start of
		// such a row, as it would print: the note prints, the row does
		// not.
		earlier, from, old string
		// left is the note on what of the actions and risks prints only
		// on the web; unprinted are words of the entries it counts,
		// which do not print; routine is the title of one such action,
		// which the page shows on screen.
		left, routine string
		unprinted     []string
	}{
		{report: "2025-26-year-end", pages: 4, want: []string{
			"Year-end report 2025/26: three years of sharing",
			"Published 18 June 2026 · Covers April 2025 to March 2026 (2025/26)",
			"In 2025/26 the partnership saved £896,000 against a target of £870,000: On track.",
		},
			earlier: "Earlier quarters, from 2023/24 Q1: on this report's web page, " + site + "reports/2025-26-year-end/, and in its figures.csv.",
			from:    "2023/24 Q1",
			old:     "2023/24 Q1 9 ✕ Off track 2",
		},
		{report: "2026-27-q1", pages: 4, want: []string{
			"Quarter 1 2026/27 performance report",
			"Published 20 August 2026 · Covers April to June 2026 (2026/27 Q1)",
			"2026/27 Q1 81.7% (since revised) ! At risk 82.5%",
		}},
		{report: "2026-27-q2", pages: 4, want: []string{
			"Quarter 2 2026/27 performance report",
			"Published 12 November 2026 · Covers July to September 2026 (2026/27 Q2)",
			// The figures of the report, in prose, summaries and tables.
			"New claims took 20.4 days (provisional) on average, against 18 days",
			"days to process new benefit claims in East Herts was 20.4 days (provisional) against a target of 18 days: Off track",
			"2026/27 Q2 17.1 days [p] ✓ On track 20.4 days [p] ✕ Off track 18 days",
			// The first of the recent rows: the same quarter a year before.
			"2025/26 Q2 16.5 days ✓ On track 17.9 days ✓ On track 18 days",
			"Key: [p] provisional.",
			"availability of core ICT systems was 99.2% against a target of 99.5%: At risk",
			"£16,900",
			// The rule behind a rating, in the scorecard.
			"within 0.5 points of the target of 99.5%",
			"(https://www.gov.uk/housing-benefit)",
			// Of Delivering efficiencies' three actions, the delayed one
			// for the benefit claims alone, the complete and the
			// cancelled left to the web; of Increasing capacity's five,
			// the overdue one alone.
			"Actions: Delivering efficiencies, as at 2026/27 Q2 Clear the backlog of new benefit claims in East Herts (Revenues and benefits, East Herts) · For Days to process new benefit claims · ✕ Delayed · due 30 September 2026, now 2026/27 Q3 (3 months later) · Owner: Head of Revenues and Benefits · Overtime approved and one Stevenage assessor moved across for three months. An action past its date",
			"Actions: Increasing capacity, as at 2026/27 Q2 Skills review of the revenues team (Revenues and benefits) · ✕ Overdue · due 31 July 2026",
		},
			earlier: "Earlier quarters, from 2023/24 Q1: on this report's web page, " + site + "reports/2026-27-q2/, and in its figures.csv.",
			from:    "2023/24 Q1",
			old:     "2023/24 Q1 19.5 days ✕ Off track 21.2 days",
			left: "This paper lists the actions overdue, delayed, at risk or for a measure off track, and the risks rated High or whose score rose since the last report. " +
				"Also on this report's web page (" + site + "reports/2026-27-q2/#evidence): 6 actions complete, 3 on track and 1 cancelled, and 3 risks below High.",
			// Complete, and for no measure off track: the section Since
			// the last report names it ("Completed: New knowledge base
			// for the ICT service desk, due …"), its entry does not print.
			routine: "New knowledge base for the ICT service desk",
			unprinted: []string{
				"New knowledge base for the ICT service desk (ICT)",
				"Knowledge base live from 6 July 2026",
				// A risk of the lowest band, its score down.
				"Contracts with town councils; prices reviewed every year.",
			},
		},
	} {
		t.Run(tc.report, func(t *testing.T) {
			pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
			defer cancel()
			if err := open(pctx, base+"/reports/"+tc.report+"/"); err != nil {
				t.Fatal(err)
			}
			if tc.from != "" {
				// On screen, and so to a screen reader and with
				// JavaScript off, the table has every row, the earliest
				// first and shown, and the note is for paper only.
				got, err := chromedp.Run(pctx, chromedp.Evaluate[string](`(() => {
  const row = document.querySelector(".figure tr.earlier");
  if (!row) { return "no earlier row"; }
  const note = row.closest(".figure").querySelector(".table-earlier");
  return row.querySelector("th").textContent + "|" + (row === row.parentElement.firstElementChild) + "|" +
    getComputedStyle(row).display + "|" + (note ? getComputedStyle(note).display : "no note");
})()`))
				if err != nil {
					t.Fatal(err)
				}
				if want := tc.from + "|true|table-row|none"; got != want {
					t.Errorf("on screen the earlier rows' first, whether it is its table's first, how it shows and how its note shows read %q, want %q", got, want)
				}
			}
			if tc.routine != "" {
				// On screen the action not printed is in its goal's
				// list, shown, and the note on what paper leaves out
				// is not.
				got, err := chromedp.Run(pctx, chromedp.Evaluate[string](`(() => {
  const row = [...document.querySelectorAll("section.evidence table.evidence tbody tr")].find(tr => tr.querySelector("th").textContent.startsWith(`+strconv.Quote(tc.routine)+`));
  const note = document.querySelector("section.evidence .unprinted-note");
  if (!row || !note) { return "no row or no note"; }
  return row.className + "|" + getComputedStyle(row).display + "|" + getComputedStyle(note).display;
})()`))
				if err != nil {
					t.Fatal(err)
				}
				if f := strings.Split(got, "|"); len(f) != 3 || f[0] != "unprinted" || f[1] == "none" || f[2] != "none" {
					t.Errorf("on screen %q's row's class, how it shows and how the note shows read %q, want unprinted, shown, and none", tc.routine, got)
				}
			}
			pdf := printOpen(t, pctx)
			if dir := os.Getenv("SIGNOFF_PDF_DIR"); dir != "" {
				// For a person to look at the sheets: pdftoppm -png -r 60.
				if err := os.WriteFile(filepath.Join(dir, tc.report+".pdf"), pdf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			text, pages := pdfText(t, pdf)
			flat := strings.Join(strings.Fields(text), " ")
			for _, want := range append(tc.want,
				"Contains public sector information licensed under the Open Government Licence v3.0.",
				"All figures on this site are illustrative.") {
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
			if tc.earlier != "" {
				// The note's web address may break over a line, where
				// the text has a space it does not.
				squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
				if !strings.Contains(squeeze(text), squeeze(tc.earlier)) {
					t.Errorf("the printed report lacks the note %q", tc.earlier)
				}
				if strings.Contains(flat, tc.old) {
					t.Errorf("the printed report has the earlier row %q", tc.old)
				}
			}
			if tc.left != "" {
				squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
				if !strings.Contains(squeeze(text), squeeze(tc.left)) {
					t.Errorf("the printed report lacks the note %q", tc.left)
				}
			}
			for _, not := range tc.unprinted {
				if strings.Contains(flat, not) {
					t.Errorf("the printed report lists an action or risk it should leave to the web: %q", not)
				}
			}
			small := word{text: "none", yMax: 100}
			for i, s := range pdfSheets(t, pdf) {
				// A chart beside its table, a key under it: no word
				// lies on another.
				for _, o := range s.overlaps() {
					t.Errorf("on sheet %d %q lies over %q", i+1, o[0].text, o[1].text)
				}
				for _, w := range s.words {
					// To a tenth of a point: an 8 pt word measures 8.00.
					if math.Round(w.pointSize()*10) < 80 {
						t.Errorf("on sheet %d %q prints at %.1f pt, under 8 pt", i+1, w.text, w.pointSize())
					}
					if w.pointSize() < small.pointSize() {
						small = w
					}
				}
			}
			if n, _ := strconv.Atoi(pages); n > tc.pages {
				t.Errorf("the report prints on %d A4 pages, more than %d", n, tc.pages)
			}
			t.Logf("%s prints on %s A4 pages; its smallest word, %q, at %.1f pt", tc.report, pages, small.text, small.pointSize())
		})
	}
}

// overlaps lists the pairs of the sheet's words whose boxes overlap by
// more than a point each way.
func (s sheet) overlaps() [][2]word {
	var out [][2]word
	for a := range s.words {
		for b := a + 1; b < len(s.words); b++ {
			if p, q := s.words[a], s.words[b]; p.xMin < q.xMax-1 && q.xMin < p.xMax-1 && p.yMin < q.yMax-1 && q.yMin < p.yMax-1 {
				out = append(out, [2]word{p, q})
			}
		}
	}
	return out
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
	ctx, base, _ := servedExample(t)
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
			sheets := pdfSheets(t, printPDF(t, ctx, base+"/metrics/"+tc.metric+"/"))
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
					// To a tenth of a point, as the reports are measured:
					// a page that fits one sheet has its footer's words,
					// at 8 pt, on it too ("Shared Services Partnership
					// Team"), and an 8 pt word measures 7.996.
					if math.Round(w.pointSize()*10) < 80 {
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
				for _, o := range s.overlaps() {
					t.Errorf("on sheet %d %q lies over %q", i+1, o[0].text, o[1].text)
				}
			}
			if tc.key && keys == 0 {
				t.Error("no key printed: the test saw no key to check")
			}
		})
	}
}
