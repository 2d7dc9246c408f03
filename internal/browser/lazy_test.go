package browser

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestChartsDrawnAsTheyComeNear opens a page of six charts on a phone: only
// the charts near the screen are drawn at first, a chart is drawn once it
// is scrolled to, and asking for print draws every chart without any
// scrolling, so a printed meeting pack never has a blank figure.
func TestChartsDrawnAsTheyComeNear(t *testing.T) {
	ctx, base := serveExample(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	const page = "/services/ict/"
	const count = `[...document.querySelectorAll(".chart[data-option]")].map(c => !!c.querySelector("svg path"))`
	load := func() []bool {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		// Let the observer report and the first task draw.
		if err := chromedp.Do(ctx, chromedp.Sleep(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		drawn, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](count))
		if err != nil {
			t.Fatal(err)
		}
		return drawn
	}

	drawn := load()
	if len(drawn) < 5 {
		t.Fatalf("%s has %d charts; the test needs a long page", page, len(drawn))
	}
	if drawn[len(drawn)-1] {
		t.Errorf("the last chart, far below the screen, was drawn on load: %v", drawn)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  const cs = document.querySelectorAll(".chart[data-option]");
  cs[cs.length-1].scrollIntoView({block: "center"});
  return true;
})()`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
  const cs = document.querySelectorAll(".chart[data-option]");
  return !!cs[cs.length-1].querySelector("svg path");
})()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("the last chart was not drawn once scrolled to: %v", err)
	}

	// Print, from the top of a fresh page.
	drawn = load()
	if drawn[len(drawn)-1] {
		t.Fatalf("the last chart was drawn on load: %v", drawn)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`[...document.querySelectorAll(".chart[data-option]")].every(c => c.querySelector("svg path"))`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		drawn, _ := chromedp.Run(ctx, chromedp.Evaluate[[]bool](count))
		t.Errorf("in print, not every chart was drawn: %v (%v)", drawn, err)
	}
	if y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollY`)); err != nil || y != 0 {
		t.Errorf("the page scrolled to %v (%v); print should draw in place", y, err)
	}
}
