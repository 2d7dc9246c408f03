package browser

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSortableTables sorts a figure's table in Chromium by clicking and by
// the keyboard: figures as numbers, aria-sort announced, and the published
// order back on the third press.
func TestSortableTables(t *testing.T) {
	ctx, base := serveExample(t)
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := open(pctx, base+"/metrics/ict-availability/"); err != nil {
		t.Fatal(err)
	}
	// The figure's table: periods in rows, the value in column 2.
	const state = `(() => {
  const t = document.querySelector("figure .table-wrap table");
  const col = [...t.tBodies[0].rows].map(r => r.cells[0].textContent.trim());
  return {first: col[0], last: col[col.length-1], sort: t.tHead.rows[0].cells[1].getAttribute("aria-sort"),
    values: [...t.tBodies[0].rows].map(r => parseFloat(r.cells[0].textContent))};
})()`
	type view struct {
		First, Last, Sort string
		Values            []float64
	}
	read := func() view {
		t.Helper()
		v, err := chromedp.Run(pctx, chromedp.Evaluate[view](state))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	published := read()
	if published.Sort != "none" {
		t.Fatalf("before sorting, aria-sort is %q, want none: the table was not made sortable", published.Sort)
	}
	// Click the value column's header: ascending by figure.
	const button = `document.querySelector("figure .table-wrap table thead th:nth-child(2) button")`
	if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](button+`.click(), true`)); err != nil {
		t.Fatal(err)
	}
	asc, err := chromedp.Run(pctx, chromedp.Evaluate[[]float64](`[...document.querySelector("figure .table-wrap table").tBodies[0].rows].map(r => parseFloat(r.cells[1].textContent))`))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(asc); i++ {
		if asc[i] < asc[i-1] {
			t.Fatalf("not ascending by figure: %v", asc)
		}
	}
	if s := read().Sort; s != "ascending" {
		t.Errorf("aria-sort %q after one press, want ascending", s)
	}
	// The keyboard: focus the same button and press Enter twice, to
	// descending and back to the published order.
	for _, want := range []string{"descending", "none"} {
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](button+`.focus(), true`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(pctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if s := read().Sort; s != want {
			t.Errorf("aria-sort %q, want %q", s, want)
		}
	}
	if back := read(); back.First != published.First || back.Last != published.Last {
		t.Errorf("the published order did not come back: %v, then %v", published, back)
	}
}

// TestActionsSortByDate sorts the actions page's table in Chromium by its
// dates, which read "due 31 July 2026": by the date now expected, not as
// words, and by status with the overdue first.
func TestActionsSortByDate(t *testing.T) {
	ctx, base := serveExample(t)
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := open(pctx, base+"/actions/"); err != nil {
		t.Fatal(err)
	}
	// The capacity table: its rows' dates and statuses after a sort.
	const state = `(() => {
  const t = [...document.querySelectorAll(".table-wrap table")].find(t => t.caption.textContent.includes("Increasing capacity"));
  return [...t.tBodies[0].rows].map(r => r.cells[2].getAttribute("data-sort") + " " + r.cells[1].textContent.trim());
})()`
	click := func(col int) []string {
		t.Helper()
		js := `(() => { const t = [...document.querySelectorAll(".table-wrap table")].find(t => t.caption.textContent.includes("Increasing capacity"));
  t.tHead.rows[0].cells[` + strconv.Itoa(col) + `].querySelector("button").click(); })()`
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](js+`, true`)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](state))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	dates := click(2)
	for i := 1; i < len(dates); i++ {
		if dates[i] < dates[i-1] {
			t.Errorf("sorted by date, row %d (%s) comes after %s", i+1, dates[i], dates[i-1])
		}
	}
	if len(dates) < 3 {
		t.Fatalf("rows %q", dates)
	}
	byStatus := click(1)
	if !strings.HasSuffix(byStatus[0], "Overdue") {
		t.Errorf("sorted by status, the first row is %q, want the overdue action", byStatus[0])
	}
}
