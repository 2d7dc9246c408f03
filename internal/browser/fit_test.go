package browser

import (
	"os"

	"context"
	"fmt"
	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/sitetest"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// clipped lists, for the page in the tab, every table caption cut off or
// out of sight, every status tag that cannot be seen without scrolling
// sideways, and (when whole is set) every table wider than its column.
// A thing counts as seen when its box lies inside the viewport and inside
// every scrolling box around it, as it is when the page opens.
const clipped = `((whole) => {
  const bad = [];
  const name = (e) => {
    const f = e.closest("figure[id], section[id], [id]");
    return (f ? "#" + f.id + " " : "") + JSON.stringify(e.textContent.trim().slice(0, 40));
  };
  const inside = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.left < -1 || r.right > window.innerWidth + 1) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX === "visible") continue;
      const q = p.getBoundingClientRect();
      if (r.left < q.left - 1 || r.right > q.right + 1) return false;
    }
    return true;
  };
  for (const c of document.querySelectorAll("table caption, .table-caption")) {
    if (!inside(c)) bad.push("caption out of sight: " + name(c));
    else if (c.scrollWidth > c.clientWidth + 1) bad.push("caption cut: " + name(c));
  }
  for (const s of document.querySelectorAll("table .status")) {
    if (!inside(s)) bad.push("status out of sight: " + name(s.closest("tr")));
  }
  if (whole) {
    for (const w of document.querySelectorAll(".table-wrap")) {
      if (w.scrollWidth > w.clientWidth + 1) bad.push("table wider than its column by " + (w.scrollWidth - w.clientWidth) + "px: " + name(w.querySelector("caption, th") || w));
    }
  }
  return bad;
})`

// TestTablesFit opens every page of the example site on a 390 px phone and
// a 1280 px desktop. On both, every row's status and every table's caption
// is in sight without scrolling sideways; on the desktop, no table is wider
// than its column.
func TestTablesFit(t *testing.T) {
	out := buildExample(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	for _, width := range []int64{390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		problems, pagesWithTables := 0, 0
		for _, p := range pages(out) {
			pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			var bad []string
			var tables int
			err := open(pctx, srv.URL+p)
			if err == nil {
				tables, err = chromedp.Run(pctx, chromedp.Evaluate[int](`document.querySelectorAll("table").length`))
			}
			if err == nil {
				bad, err = chromedp.Run(pctx, chromedp.Evaluate[[]string](fmt.Sprintf("%s(%v)", clipped, width >= 1000)))
			}
			cancel()
			if err != nil {
				t.Fatalf("%s at %dpx: %v", p, width, err)
			}
			if tables > 0 {
				pagesWithTables++
			}
			for _, b := range bad {
				problems++
				if problems <= 40 {
					t.Errorf("%s at %dpx: %s", p, width, b)
				}
			}
		}
		if pagesWithTables < 20 {
			t.Errorf("at %dpx only %d pages had tables: the test looked at too little", width, pagesWithTables)
		}
		t.Logf("%dpx: %d pages with tables, %d problems", width, pagesWithTables, problems)
	}
}

// overlapping lists, for each drawn chart on the page, the pairs of its
// texts (legend entries, axis names, axis labels, mark labels) whose boxes
// overlap, so a legend that wraps onto a second line cannot sit on the
// axis name. It also counts the charts whose legend took more than one
// line, so the test knows it saw one wrap.
const overlapping = `(() => {
  const bad = [];
  let wrapped = 0;
  for (const c of document.querySelectorAll(".chart[data-option]")) {
    const chart = echarts.getInstanceByDom(c);
    if (!chart) continue;
    const names = new Set((chart.getOption().series || []).map(s => s.name));
    const texts = [...c.querySelectorAll("svg text")].filter(t => t.textContent.trim() !== "")
      .map(t => ({t: t.textContent.trim(), r: t.getBoundingClientRect()}));
    const legendTops = new Set(texts.filter(x => names.has(x.t)).map(x => Math.round(x.r.top)));
    if (legendTops.size > 1) wrapped++;
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
          bad.push(c.id + ": " + JSON.stringify(texts[i].t) + " overlaps " + JSON.stringify(texts[j].t));
        }
      }
    }
  }
  return {bad, wrapped};
})()`

// TestChartTextsDoNotOverlap draws every chart of a site whose partners
// have long names at phone widths, where the legend wraps, and at a
// desktop width: no text of a chart sits on another.
func TestChartTextsDoNotOverlap(t *testing.T) {
	dir, _ := sitetest.Unpack(t, "../site/testdata/longnames.txtar")
	out, _, err := site.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	for _, width := range []int64{320, 390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		wrapped := 0
		for _, p := range pages(out) {
			pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			err := open(pctx, srv.URL+p)
			var got struct {
				Bad     []string
				Wrapped int
			}
			if err == nil {
				got, err = chromedp.Run(pctx, chromedp.Evaluate[struct {
					Bad     []string
					Wrapped int
				}](overlapping))
			}
			cancel()
			if err != nil {
				t.Fatalf("%s at %dpx: %v", p, width, err)
			}
			for _, b := range got.Bad {
				t.Errorf("%s at %dpx: %s", p, width, b)
			}
			wrapped += got.Wrapped
		}
		if width < 1000 && wrapped == 0 {
			t.Errorf("at %dpx no legend wrapped: the test saw nothing to push down", width)
		}
	}
}
