package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/publish"
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
	// Weighed twice: from a server with the brotli copies, and from one
	// with gzip only, as a stock nginx serves (Chromium asks for br even
	// from loopback, so the second server is told it cannot).
	publish.Compress(out.Files) // the copies a build writes beside the files
	compressing := Compressing(out.Files, CSP)
	withBrotli := httptest.NewServer(compressing)
	defer withBrotli.Close()
	gzipOnly := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set("Accept-Encoding", "gzip")
		compressing.ServeHTTP(w, r)
	}))
	defer gzipOnly.Close()
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
		server, path string
		limit        float64
	}{
		{withBrotli.URL, "/metrics/rb-new-claims-days/", 200 << 10},
		{gzipOnly.URL, "/metrics/rb-new-claims-days/", 200 << 10},
		{withBrotli.URL, "/about/", 30 << 10},
		{gzipOnly.URL, "/about/", 30 << 10},
		{gzipOnly.URL, "/data/", 30 << 10},
	} {
		how := "brotli"
		if tt.server == gzipOnly.URL {
			how = "gzip only"
		}
		mu.Lock()
		total = 0
		mu.Unlock()
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := open(pctx, tt.server+tt.path); err != nil {
			cancel()
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond) // let the favicon and the last events land
		cancel()
		mu.Lock()
		got := total
		mu.Unlock()
		t.Logf("%s (%s): %.1f KB transferred", tt.path, how, got/1024)
		if got == 0 || got > tt.limit {
			t.Errorf("%s (%s) transfers %.1f KB, budget %.0f KB", tt.path, how, got/1024, tt.limit/1024)
		}
	}
}
