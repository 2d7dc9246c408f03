package browser

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/site"
	catalogue "github.com/partnersite/partnersite/internal/words"
)

// buildWelsh builds the example site, which is in English and Welsh: its
// Welsh tree is cy/.
func buildWelsh(t *testing.T, opts site.Options) *site.Output {
	t.Helper()
	out, _, err := site.Build(os.DirFS("../.."), opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Files["cy/index.html"]; !ok {
		t.Fatal("the example has no Welsh tree")
	}
	return out
}

// serveWelsh builds the example site and serves it under the strict
// CSP; the address it returns is its Welsh tree's.
func serveWelsh(t *testing.T) (context.Context, string) {
	t.Helper()
	out := buildWelsh(t, site.Options{})
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	t.Cleanup(srv.Close)
	return ctx, srv.URL + "/cy"
}

// TestScriptsSpeakWelsh builds the example site in Welsh and reads, in
// Chromium, what the scripts write: search's count, its no-result
// sentence and what it says opened from the files, the chart tooltip's
// word for a missing figure, and the sort controls tables.js adds, which
// must hold the page's own header words and none of the script's. The
// expected sentences are written out by hand; the count's form is also
// checked against the catalogue's own plural rules, so that the script's
// Intl.PluralRules and the site's CLDR rules agree.
func TestScriptsSpeakWelsh(t *testing.T) {
	ctx, base := serveWelsh(t)
	pctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	cy, problems := catalogue.Load("cy", nil, "")
	if len(problems) > 0 {
		t.Fatal(problems)
	}

	status := func(url string) (string, int) {
		t.Helper()
		if err := chromedp.Do(pctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		type state struct {
			Status string
			Hits   int
		}
		var s state
		for range 50 {
			var err error
			s, err = chromedp.Run(pctx, chromedp.Evaluate[state](`({status: document.getElementById("search-status").textContent, hits: document.querySelectorAll("#search-results li").length})`))
			if err != nil {
				t.Fatal(err)
			}
			if s.Status != "" {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		return s.Status, s.Hits
	}

	// Opened from the files, search says why it cannot search.
	dir := filepath.Join(t.TempDir(), "pecyn")
	if err := publish.Write(buildWelsh(t, site.Options{Portable: true}).Files, dir, "../.."); err != nil {
		t.Fatal(err)
	}
	if got, _ := status("file://" + filepath.ToSlash(filepath.Join(dir, "cy", "search", "index.html"))); got != "Mae’r chwilio’n gweithio pan fydd y wefan ar weinydd gwe. Os ydych wedi agor y ffeiliau eu hunain, defnyddiwch y rhestr isod." {
		t.Errorf("search opened from the files says %q", got)
	}

	if got, _ := status(base + "/search/?q=zebra+crossing"); got != "Nid oes unrhyw dudalen yn cyfateb i “zebra crossing”." {
		t.Errorf("search for a word on no page says %q", got)
	}
	// A Welsh word with a circumflex is searched for whole: split at the
	// ô it would be "ff" and "n", found on many pages of the example.
	if got, _ := status(base + "/search/?q=ff%C3%B4n"); got != "Nid oes unrhyw dudalen yn cyfateb i “ffôn”." {
		t.Errorf("search for ffôn says %q", got)
	}
	// Words on a few pages of the example's Welsh tree, for counts of
	// each form that Welsh writes differently (when the example was
	// written: 1 for ynglŷn, 2 sgiliau, 3 bwyllgor, 4 systemau, 6 budd, 11
	// wasanaethau); the expectation follows the count found, whatever it
	// is.
	for _, q := range []string{"ynglŷn", "sgiliau", "bwyllgor", "systemau", "budd", "wasanaethau"} {
		got, n := status(base + "/search/?q=" + url.QueryEscape(q))
		if n == 0 {
			t.Errorf("search for %q found nothing: %q", q, got)
			continue
		}
		var want string
		switch {
		case n == 1:
			want = "Mae 1 dudalen yn cyfateb i “" + q + "”."
		case n == 2:
			want = "Mae 2 dudalen yn cyfateb i “" + q + "”."
		case n == 6:
			want = "Mae 6 thudalen yn cyfateb i “" + q + "”."
		case n == 50:
			want = "Mae 50 tudalen yn cyfateb i “" + q + "” (y 50 cyntaf)."
		default:
			want = "Mae " + strconv.Itoa(n) + " tudalen yn cyfateb i “" + q + "”."
		}
		t.Logf("search for %q: %s", q, got)
		if got != want {
			t.Errorf("search for %q (%d pages) says %q, want %q", q, n, got, want)
		}
		if n != 50 {
			if byGo := cy.N("script.search.count", n, "q", q); got != byGo {
				t.Errorf("search for %q: the script chose %q, the catalogue's plural rules %q", q, got, byGo)
			}
		}
	}

	// A chart's tooltip says "Dim ffigur" where a period has no figure.
	if err := open(pctx, base+"/metrics/ict-availability/"); err != nil {
		t.Fatal(err)
	}
	none, err := chromedp.Run(pctx, chromedp.Evaluate[string](`(() => {
  const el = document.querySelector(".chart[data-drawn]");
  const tip = window.echarts.getInstanceByDom(el).getOption().tooltip;
  return (Array.isArray(tip) ? tip[0] : tip).valueFormatter(null);
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if none != "Dim ffigur" {
		t.Errorf("a tooltip's missing figure reads %q, want Dim ffigur", none)
	}

	// A chart of days writes its axis and tooltip figures with the Welsh
	// word in the form the number takes, as the tables do: 2 ddiwrnod, 3
	// diwrnod, and 2.0 ddiwrnod too, since Welsh's rules go by the number
	// (n = 2) where English's go by the digits shown ("1.0 days").
	if err := open(pctx, base+"/metrics/rb-new-claims-days/"); err != nil {
		t.Fatal(err)
	}
	units, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](`(() => {
  const el = document.querySelector(".chart[data-drawn]");
  const o = window.echarts.getInstanceByDom(el).getOption();
  const axis = (Array.isArray(o.yAxis) ? o.yAxis[0] : o.yAxis).axisLabel.formatter;
  const tip = (Array.isArray(o.tooltip) ? o.tooltip[0] : o.tooltip).valueFormatter;
  return [axis(2), axis(3), axis(18), tip(2)];
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2 ddiwrnod", "3 diwrnod", "18 diwrnod", "2.0 ddiwrnod"}; strings.Join(units, "|") != strings.Join(want, "|") {
		t.Errorf("a Welsh chart of days writes %q, want %q", units, want)
	}

	// tables.js writes no words: each sort control holds its header's
	// words as the page wrote them (the Welsh of the templates), and a
	// sort leaves them as they were.
	// The page as served is read again (a plain request, before any
	// script) and each sortable table's header words are set beside its
	// controls' words.
	type table struct {
		Served, Live []string
	}
	tables, err := chromedp.Run(pctx, chromedp.Evaluate[[]table](`(() => {
  const req = new XMLHttpRequest();
  req.open("GET", location.href, false);
  req.send();
  const served = new DOMParser().parseFromString(req.responseText, "text/html");
  const heads = (t) => [...t.querySelectorAll("thead th")].map(th => th.textContent.trim());
  const was = [...served.querySelectorAll(".table-wrap table")];
  const out = [];
  document.querySelectorAll(".table-wrap table").forEach((t, i) => {
    if (!t.classList.contains("sortable")) return;
    const b = t.querySelector("thead th button.sort");
    if (b) b.click();
    out.push({served: heads(was[i]), live: [...t.querySelectorAll("thead th")].map(th => (th.querySelector("button.sort") ? "" : "no button: ") + th.textContent.trim())});
  });
  return out;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) == 0 {
		t.Fatal("no table on the metric page was made sortable")
	}
	for i, tb := range tables {
		if strings.Join(tb.Live, "|") != strings.Join(tb.Served, "|") {
			t.Errorf("sortable table %d: its controls read %q, the page's headers %q", i, tb.Live, tb.Served)
		}
	}
}

// TestScriptWordsBlock reads the words block the scripts take their words
// from, in English and in Welsh, against sentences written out by hand:
// on the search page only search's, with a plural form only where it
// differs from other (an English page carries one and other alone), and
// on a page with charts only the tooltip's word. It needs no browser.
func TestScriptWordsBlock(t *testing.T) {
	block := regexp.MustCompile(`<script type="application/json" id="script-words">(.*)</script>`)
	read := func(out *site.Output, page string) map[string]any {
		t.Helper()
		m := block.FindAllSubmatch(out.Files[page], -1)
		if len(m) != 1 {
			t.Fatalf("%s has %d words blocks, want 1", page, len(m))
		}
		var got map[string]any
		if err := json.Unmarshal(m[0][1], &got); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		return got
	}
	both := buildExample(t)
	for _, tc := range []struct {
		lang, tree    string
		out           *site.Output
		search, chart map[string]any
	}{
		{"en", "", both, map[string]any{
			"search.none": "No pages match “{q}”.",
			"search.count": map[string]any{
				"one":   "{n} page matches “{q}”.",
				"other": "{n} pages match “{q}”.",
			},
			"search.first":      "{n} pages match “{q}” (the first {n}).",
			"search.from-files": "Search works when the site is on a web server. Opened from the files, use the list below.",
		}, map[string]any{"chart.no-figure": "No figure"}},
		{"cy", "cy/", both, map[string]any{
			"search.none": "Nid oes unrhyw dudalen yn cyfateb i “{q}”.",
			"search.count": map[string]any{
				"one":   "Mae {n} dudalen yn cyfateb i “{q}”.",
				"two":   "Mae {n} dudalen yn cyfateb i “{q}”.",
				"many":  "Mae {n} thudalen yn cyfateb i “{q}”.",
				"other": "Mae {n} tudalen yn cyfateb i “{q}”.",
			},
			"search.first":      "Mae {n} tudalen yn cyfateb i “{q}” (y {n} cyntaf).",
			"search.from-files": "Mae’r chwilio’n gweithio pan fydd y wefan ar weinydd gwe. Os ydych wedi agor y ffeiliau eu hunain, defnyddiwch y rhestr isod.",
		}, map[string]any{"chart.no-figure": "Dim ffigur"}},
	} {
		if got := read(tc.out, tc.tree+"search/index.html"); !reflect.DeepEqual(got, tc.search) {
			t.Errorf("%s search page's words:\n got %v\nwant %v", tc.lang, got, tc.search)
		}
		if got := read(tc.out, tc.tree+"metrics/ict-availability/index.html"); !reflect.DeepEqual(got, tc.chart) {
			t.Errorf("%s chart page's words:\n got %v\nwant %v", tc.lang, got, tc.chart)
		}
		if block.Match(tc.out.Files[tc.tree+"about/index.html"]) {
			t.Errorf("%s: about/, a page with no chart, carries a words block", tc.lang)
		}
	}
}

// TestPrintWelsh prints the example's latest report from its Welsh tree,
// as a Welsh councillor prints it before a meeting: on as many A4 sheets
// as the English, numbered in Welsh, with the Welsh licence statement,
// notice and dates, and none of the navigation or the link to the English
// page.
func TestPrintWelsh(t *testing.T) {
	ctx, base, _ := servedExample(t)
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := open(pctx, base+"/cy/reports/2026-27-q2/"); err != nil {
		t.Fatal(err)
	}
	pdf := printOpen(t, pctx)
	if dir := os.Getenv("SIGNOFF_PDF_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "cy-2026-27-q2.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text, pages := pdfText(t, pdf)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Tudalen 1 o " + pages,
		"Cyhoeddwyd 12 Tachwedd 2026",
		"Yn cynnwys gwybodaeth y sector cyhoeddus a drwyddedir o dan y Drwydded Llywodraeth Agored v3.0.",
		"Mae pob ffigur ar y wefan hon yn enghreifftiol.",
		"Ddim ar y trywydd iawn",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed Welsh report lacks %q", want)
		}
	}
	for _, not := range []string{"Page 1", "English", "Skip to main content", "Neidio i'r prif gynnwys", "Published", "Contains public sector information"} {
		if strings.Contains(flat, not) {
			t.Errorf("the printed Welsh report has %q", not)
		}
	}
	if n, _ := strconv.Atoi(pages); n > 4 || n == 0 {
		t.Errorf("the Welsh report prints on %s A4 sheets, more than the English's 4", pages)
	}
	t.Logf("the Welsh report prints on %s sheets", pages)
}
