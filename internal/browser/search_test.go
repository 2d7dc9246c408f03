package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSearch searches the example site in Chromium from the keyboard: the
// index comes from the site itself, every word must match, titles rank
// first, and an address with ?q= shows its results. The status, which a
// screen reader announces, says only the count; the list is apart from it.
func TestSearch(t *testing.T) {
	ctx, base := serveExample(t)
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(pctx, chromedp.Navigate(base+"/search/")); err != nil {
		t.Fatal(err)
	}
	results := func() string {
		t.Helper()
		var text string
		for range 50 {
			s, err := chromedp.Run(pctx, chromedp.Evaluate[string](`document.getElementById("search-status").innerText + "\n" + document.getElementById("search-results").innerText`))
			if err != nil {
				t.Fatal(err)
			}
			if text = s; strings.Contains(s, "match") {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		return text
	}
	if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`document.getElementById("q").focus(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(pctx, chromedp.KeyEvent("benefit claims"), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	got := results()
	lines := strings.FieldsFunc(got, func(r rune) bool { return r == '\n' })
	if !strings.Contains(lines[0], "match “benefit claims”") || len(lines) < 2 || !strings.Contains(lines[1], "Days to process new benefit claims") {
		t.Errorf("search for benefit claims:\n%s", got)
	}
	if err := chromedp.Do(pctx, chromedp.Navigate(base+"/search/?q=zebra+crossing")); err != nil {
		t.Fatal(err)
	}
	if got := results(); !strings.Contains(got, "No pages match “zebra crossing”.") {
		t.Errorf("search for a word on no page:\n%s", got)
	}
	// Only the status is live, and it holds one sentence.
	live, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("[aria-live], [role=status], [role=alert]")].map(e => e.id + ": " + e.innerText)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != 1 || live[0] != "search-status: No pages match “zebra crossing”." {
		t.Errorf("live regions %q, want the status alone with its count", live)
	}
}
