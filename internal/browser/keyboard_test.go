package browser

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusState describes the focused element and whether it can be seen.
type focusState struct {
	Tag     string `json:"tag"`
	Text    string `json:"text"`
	Visible bool   `json:"visible"`
	Shadow  string `json:"shadow"`
	Bg      string `json:"bg"`
}

const readFocus = `(() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), text: (e.textContent || e.getAttribute("aria-label") || "").trim().slice(0, 40),
    visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
    shadow: s.boxShadow, bg: s.backgroundColor};
})()`

// TestKeyboard tabs through the start of a metric page as a keyboard user
// would: the first stop is the skip link, shown on screen when focused;
// following it puts focus on the main content; and each of the next stops
// (navigation, table regions) is visibly marked.
func TestKeyboard(t *testing.T) {
	ctx, base := serveExample(t)
	pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(pctx, chromedp.Navigate(base+"/metrics/rb-new-claims-days/"), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	f, err := chromedp.Run(pctx, chromedp.Evaluate[focusState](readFocus))
	if err != nil {
		t.Fatal(err)
	}
	if f.Tag != "a" || f.Text != "Skip to main content" || !f.Visible {
		t.Fatalf("first Tab focused %+v; want the skip link, on screen", f)
	}
	if f.Bg != "rgb(255, 221, 0)" {
		t.Errorf("the focused skip link is not highlighted: background %s", f.Bg)
	}
	if err := chromedp.Do(pctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if f, err = chromedp.Run(pctx, chromedp.Evaluate[focusState](readFocus)); err != nil || f.Tag != "main" {
		t.Fatalf("after the skip link, focus is on %+v (%v); want main", f, err)
	}
	// The next stops after main, to the end of the page: every one must
	// show where focus is.
	stops := 0
	for i := range 40 {
		if err := chromedp.Do(pctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		f, err := chromedp.Run(pctx, chromedp.Evaluate[focusState](readFocus))
		if err != nil {
			t.Fatal(err)
		}
		if f.Tag == "body" {
			break // focus has left the page's last stop
		}
		stops++
		marked := f.Bg == "rgb(255, 221, 0)" || f.Shadow != "none"
		if !marked {
			t.Errorf("Tab stop %d (%s %q) has no visible focus: background %s, shadow %s", i+1, f.Tag, f.Text, f.Bg, f.Shadow)
		}
	}
	if stops < 8 {
		t.Errorf("only %d Tab stops after the main content", stops)
	}
}
