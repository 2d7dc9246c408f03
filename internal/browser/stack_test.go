package browser

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// stackState is what readStacks finds on a page.
type stackState struct {
	Bad     []string `json:"bad"`
	Labels  int      `json:"labels"`  // stacked cells with a drawn label
	Overlap int      `json:"overlap"` // of those, labels on another cell or on their own figure
	Periods int      `json:"periods"` // scorecard period cells seen
}

// readStacks measures, for the page in the tab, every stacked table.
//
// A stacked cell's label is its ::before, drawn from data-label. The box
// of a pseudo-element cannot be asked for directly, so it is worked out
// from its used width and height (which Chromium reports for a drawn
// pseudo-element) and where it sits: at its left and top when it is
// positioned, otherwise at the start of its cell's content. That box must
// lie inside its own cell and clear of every other cell of the table and
// of the cell's own figure.
//
// It also finds every period (in a scorecard, or heading a row of a
// figure's table) that takes more than one line, and
// every stacked table that scrolls sideways (a word too long for it).
const readStacks = `(() => {
  const bad = [];
  let labels = 0, overlap = 0, periods = 0;
  const name = (e) => {
    const f = e.closest("figure[id], section[id], [id]");
    return (f ? "#" + f.id + " " : "") + JSON.stringify((e.closest("tr") || e).textContent.trim().replace(/\s+/g, " ").slice(0, 40));
  };
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const lines = (e) => {
    const r = document.createRange();
    r.selectNodeContents(e);
    return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;
  };
  for (const table of document.querySelectorAll("table.stack")) {
    if (table.getClientRects().length === 0) continue;
    const stacked = getComputedStyle(table).display !== "table";
    const cells = [...table.querySelectorAll("th, td")].filter(c => c.getClientRects().length > 0);
    const boxes = new Map(cells.map(c => [c, c.getBoundingClientRect()]));
    if (stacked) {
      const wrap = table.closest(".table-wrap");
      if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) bad.push("stacked table scrolls sideways by " + (wrap.scrollWidth - wrap.clientWidth) + "px: " + name(table.querySelector("caption") || table));
      for (const td of table.querySelectorAll("td[data-label]")) {
        const s = getComputedStyle(td, "::before");
        if (s.content === "none" || s.display === "none" || !boxes.has(td)) continue;
        labels++;
        const w = parseFloat(s.width), h = parseFloat(s.height);
        if (!(w > 0 && h > 0)) { bad.push("label not measured (" + s.width + " by " + s.height + "): " + name(td)); continue; }
        const c = boxes.get(td), cs = getComputedStyle(td);
        let left, top;
        if (s.position === "absolute" || s.position === "fixed") {
          left = c.left + td.clientLeft + (s.left === "auto" ? parseFloat(cs.paddingLeft) : parseFloat(s.left));
          top = c.top + td.clientTop + (s.top === "auto" ? parseFloat(cs.paddingTop) : parseFloat(s.top));
        } else {
          left = c.left + td.clientLeft + parseFloat(cs.paddingLeft) + parseFloat(s.marginLeft);
          top = c.top + td.clientTop + parseFloat(cs.paddingTop) + parseFloat(s.marginTop);
        }
        const label = {left, top, right: left + w, bottom: top + h};
        const why = [];
        if (label.bottom > c.bottom + 1 || label.right > c.right + 1 || label.left < c.left - 1) why.push("outside its cell");
        for (const [o, b] of boxes) {
          if (o !== td && !o.contains(td) && hit(label, b)) { why.push("over " + o.tagName.toLowerCase() + " " + JSON.stringify(o.textContent.trim().slice(0, 30))); break; }
        }
        const r = document.createRange();
        r.selectNodeContents(td);
        if ([...r.getClientRects()].some(x => x.width > 0 && hit(label, x))) why.push("over its own figure");
        if (why.length) {
          overlap++;
          bad.push("label " + JSON.stringify(td.dataset.label) + " " + why.join(", ") + ": " + name(td));
        }
      }
    }
    // Scorecard periods, and the periods heading each row of a figure's
    // table ("2026/27 Q2", "2025/26 outturn").
    for (const td of table.querySelectorAll(".scoretable td[data-label=Period], .figure-table tbody th")) {
      periods++;
      const n = lines(td);
      if (n > 1) bad.push("period " + JSON.stringify(td.textContent.trim()) + " on " + n + " lines: " + name(td));
    }
  }
  if (document.documentElement.scrollWidth > window.innerWidth) {
    const wide = [...document.querySelectorAll("body *:not(svg *)")].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible")
      .slice(-3).map(e => e.tagName.toLowerCase() + (e.getAttribute("class") ? "." + e.getAttribute("class") : ""));
    bad.push("page scrolls sideways by " + (document.documentElement.scrollWidth - window.innerWidth) + "px: " + wide.join(", "));
  }
  return {bad, labels, overlap, periods};
})()`

// TestStackedTables opens every page of the example site, and of a site
// whose partners have long names and whose notes hold words too long for a
// phone, at 320 and 390 px, where tables stack into "label: figure" lines,
// and at 1280 px, where they are tables. When stacked, no label lies on
// another cell or on its own figure, however long it is, and no table
// scrolls sideways; at every width no page scrolls sideways and no
// period in a scorecard or heading a row of a figure's table breaks over
// two lines.
func TestStackedTables(t *testing.T) {
	t.Run("example", func(t *testing.T) { checkStacks(t, buildExample(t), 500, 10) })
	t.Run("longnames", func(t *testing.T) {
		dir, _ := sitetest.Unpack(t, "../site/testdata/longnames.txtar")
		out, _, err := site.Build(os.DirFS(dir), site.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkStacks(t, out, 100, 1)
	})
}

// checkStacks holds every page of a built site to readStacks at each
// width; the test must see at least minLabels stacked labels at each
// phone width and minPeriods scorecard periods at each width.
func checkStacks(t *testing.T, out *site.Output, minLabels, minPeriods int) {
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	for _, width := range []int64{320, 390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		var labels, overlaps, periods, problems, pagesWithOverlap int
		for _, p := range pages(out) {
			pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			var st stackState
			var err error
			for range 3 { // as visit does, when Chromium replaces the page's context
				if err = open(pctx, srv.URL+p); err == nil {
					st, err = chromedp.Run(pctx, chromedp.Evaluate[stackState](readStacks))
				}
				if err == nil || !contextReplaced(err) {
					break
				}
			}
			cancel()
			if err != nil {
				t.Fatalf("%s at %dpx: %v", p, width, err)
			}
			labels += st.Labels
			overlaps += st.Overlap
			periods += st.Periods
			if st.Overlap > 0 {
				pagesWithOverlap++
			}
			for _, b := range st.Bad {
				problems++
				// Labels on other cells come by the hundred; the first
				// 30 are enough, but every other problem is told.
				if !strings.HasPrefix(b, "label ") || problems <= 30 {
					t.Errorf("%s at %dpx: %s", p, width, b)
				}
			}
		}
		t.Logf("%dpx: %d pages; %d labels, %d on another cell on %d pages; %d periods; %d problems", width, len(pages(out)), labels, overlaps, pagesWithOverlap, periods, problems)
		if width < 1000 && labels < minLabels {
			t.Errorf("at %dpx only %d stacked labels: the test looked at too little", width, labels)
		}
		if width >= 1000 && labels > 0 {
			t.Errorf("at %dpx %d labels drawn: the wide layout should be a table", width, labels)
		}
		if periods < minPeriods {
			t.Errorf("at %dpx only %d scorecard periods: the test looked at too little", width, periods)
		}
	}
}
