package browser

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestPageWeight measures in Chromium the bytes a page and everything it
// loads transfer, compressed: a page with a chart within 200 KB, a page
// without charts within 30 KB.
func TestPageWeight(t *testing.T) {
	out := buildExample(t)
	ctx := browserContext(t)
	if err := chromedp.Do(ctx); err != nil { // start the browser on the test's context
		t.Fatal(err)
	}
	// Every page is weighed as a first visit: nothing from the cache.
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Compressing(out.Files, CSP))
	defer srv.Close()
	var mu sync.Mutex
	total := 0.0
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFinished); ok {
			mu.Lock()
			total += e.EncodedDataLength
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path  string
		limit float64
	}{
		{"/metrics/rb-new-claims-days/", 200 << 10},
		{"/about/", 30 << 10},
		{"/data/", 30 << 10},
	} {
		mu.Lock()
		total = 0
		mu.Unlock()
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := open(pctx, srv.URL+tt.path); err != nil {
			cancel()
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // let the favicon and the last events land
		cancel()
		mu.Lock()
		got := total
		mu.Unlock()
		t.Logf("%s: %.1f KB transferred", tt.path, got/1024)
		if got == 0 || got > tt.limit {
			t.Errorf("%s transfers %.1f KB, budget %.0f KB", tt.path, got/1024, tt.limit/1024)
		}
	}
}
