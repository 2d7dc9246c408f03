package browser

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/partnersite/partnersite/internal/site"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestPrintedEveryPageCarriesTheEdition prints reports of the example
// site to A4 PDFs, as a councillor would, and reads each sheet on its own
// (pdftotext -f N -l N): every one names the report, the partners, its
// page number and the edition mark, whose hash is that of the figures.csv
// the same build wrote, so that a paper copy found loose can be matched to
// the web page. On no sheet does any text lie over other text, the
// running head and foot included.
func TestPrintedEveryPageCarriesTheEdition(t *testing.T) {
	ctx, base, out := servedExample(t)
	partners := "Stevenage Borough Council and East Hertfordshire District Council"
	for _, tc := range []struct {
		report, title, approval string
	}{
		{"2026-27-q2", "Quarter 2 2026/27 performance report", "approved 26 November 2026"},
		{"2026-27-q1", "Quarter 1 2026/27 performance report", "not approved"},
	} {
		t.Run(tc.report, func(t *testing.T) {
			csv, ok := out.Files["reports/"+tc.report+"/figures.csv"]
			if !ok {
				t.Fatal("the report has no figures.csv")
			}
			sum := sha256.Sum256(csv)
			mark := "Edition: " + tc.approval + " · figures " + hex.EncodeToString(sum[:])[:8]
			pdf := printPDF(t, ctx, base+"/reports/"+tc.report+"/")
			sheets := pdfSheets(t, pdf)
			if len(sheets) < 3 {
				t.Fatalf("the report prints on %d pages; the test needs several to show the mark repeats", len(sheets))
			}
			head := tc.title + " · " + partners
			for i, s := range sheets {
				number := fmt.Sprintf("Page %d of %d", i+1, len(sheets))
				flat := strings.Join(strings.Fields(s.text), " ")
				for _, want := range []string{head, mark, number} {
					if !strings.Contains(flat, want) {
						t.Errorf("printed page %d of %d lacks %q:\n%s", i+1, len(sheets), want, s.text)
					}
				}
				// Where they stand: the head alone at the top, the mark
				// alone below everything but the page number, and no
				// other text reaching into their lines.
				if err := s.alone(head, mark, number); err != nil {
					t.Errorf("printed page %d: %v", i+1, err)
				}
			}
			t.Logf("%s prints on %d A4 pages, each marked %q", tc.report, len(sheets), mark)
			if dir := os.Getenv("SIGNOFF_PDF_DIR"); dir != "" {
				// For a person to look at the sheets: pdftoppm -png -r 60.
				if err := os.WriteFile(filepath.Join(dir, tc.report+".pdf"), pdf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// printPDF opens url, waits for its charts, and prints it on A4 as the
// stylesheet asks.
func printPDF(t *testing.T, ctx context.Context, url string) []byte {
	t.Helper()
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := open(pctx, url); err != nil {
		t.Fatal(err)
	}
	return printOpen(t, pctx)
}

// printOpen prints the page open in ctx on A4 as the stylesheet asks,
// tagged as a screen reader's PDF reader would want it.
func printOpen(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(func(p *page.PrintToPDFParams) {
		yes := true
		p.PreferCSSPageSize = &yes
		p.PrintBackground = &yes
		p.GenerateTaggedPDF = &yes
	}))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// servedExample builds the example site, serves it under the strict CSP,
// and starts the browser, whose context must outlive each print's own
// deadline: the first action binds it.
func servedExample(t *testing.T) (context.Context, string, *site.Output) {
	t.Helper()
	out := buildExample(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	t.Cleanup(srv.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return ctx, srv.URL, out
}

// sheet is one printed page: its text, and the box of each word on it.
type sheet struct {
	text  string
	words []word
}

// word is a word poppler found on a page, with its box in points.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// pdfSheets reads each page of pdf on its own, with poppler's pdftotext.
func pdfSheets(t *testing.T, pdf []byte) []sheet {
	t.Helper()
	_, pages := pdfText(t, pdf) // skips or fails without poppler
	n, err := strconv.Atoi(pages)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := make([]sheet, n)
	for i := range out {
		f := strconv.Itoa(i + 1)
		text, err := exec.Command("pdftotext", "-f", f, "-l", f, "-layout", p, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %s: %v", f, err)
		}
		boxes, err := exec.Command("pdftotext", "-f", f, "-l", f, "-bbox", p, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext -bbox page %s: %v", f, err)
		}
		out[i] = sheet{text: string(text), words: words(string(boxes))}
	}
	return out
}

var wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// words reads the word boxes of pdftotext -bbox.
func words(html string) []word {
	var ws []word
	for _, m := range wordRe.FindAllStringSubmatch(html, -1) {
		w := word{text: m[5]}
		for j, v := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
			*v, _ = strconv.ParseFloat(m[j+1], 64)
		}
		ws = append(ws, w)
	}
	return ws
}

// line is the words of one printed line, and the band it fills.
type line struct {
	text       string
	yMin, yMax float64
}

// lines groups the sheet's words into lines by their baselines, top to
// bottom.
func (s sheet) lines() []line {
	ws := slices.Clone(s.words)
	slices.SortStableFunc(ws, func(a, b word) int { return cmp.Compare(a.yMax, b.yMax) })
	var out []line
	for _, w := range ws {
		if n := len(out); n > 0 && w.yMax-out[n-1].yMax < 1 {
			out[n-1].text += " " + w.text
			out[n-1].yMin = min(out[n-1].yMin, w.yMin)
			continue
		}
		out = append(out, line{text: w.text, yMin: w.yMin, yMax: w.yMax})
	}
	return out
}

// alone checks that the sheet's top line is the running head, its last
// two the edition mark and the page number, each whole and with no other
// text reaching into its band: the running head and foot lie clear of
// the report's own text.
func (s sheet) alone(head, mark, number string) error {
	ls := s.lines()
	if len(ls) < 4 {
		return fmt.Errorf("only %d lines of text", len(ls))
	}
	// The words of a line come in order of their baselines; the test's
	// words are compared as sets, so a line read in another order passes.
	same := func(l line, want string) bool {
		a, b := strings.Fields(l.text), strings.Fields(want)
		slices.Sort(a)
		slices.Sort(b)
		return slices.Equal(a, b)
	}
	top, foot, bottom := ls[0], ls[len(ls)-2], ls[len(ls)-1]
	for _, c := range []struct {
		l          line
		want, what string
	}{{top, head, "top line"}, {foot, mark, "last line but one"}, {bottom, number, "last line"}} {
		if !same(c.l, c.want) {
			return fmt.Errorf("the %s reads %q, want %q", c.what, c.l.text, c.want)
		}
	}
	for _, l := range ls[1 : len(ls)-2] {
		if l.yMin < top.yMax || l.yMax > foot.yMin {
			return fmt.Errorf("%q (%.1f to %.1f pt down) reaches into the running head (to %.1f) or foot (from %.1f)", l.text, l.yMin, l.yMax, top.yMax, foot.yMin)
		}
	}
	return nil
}
