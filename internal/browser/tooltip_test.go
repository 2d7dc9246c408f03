package browser

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestTooltipsReadAsTables shows chart tooltips in Chromium and checks that
// they give a figure as its table does: to the metric's places, with a unit
// that agrees with the digits.
func TestTooltipsReadAsTables(t *testing.T) {
	dir, _ := sitetest.Unpack(t, "../site/testdata/small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "performance.csv"), "metric,period,partner,value\n"+
		"uptime,2024/25 Q1,,99.6\nuptime,2024/25 Q2,,[x]\n"+
		"claims,2024/25 Q1,north,7.25\nclaims,2024/25 Q2,north,1\nclaims,2024/25 Q1,south,19\n"+
		"spend,2024/25 Q1,,£72\n")
	sitetest.Write(t, filepath.Join(dir, "content", "reports", "q2.md"), "---\ntitle: Q2\ndate: 2024-11-01\n---\n\nText.\n")
	out, _, err := site.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserContext(t)
	// Start the browser on the test's own context, so that the timeouts
	// below end one page each, not the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	tip := func(path string, series, index int) string {
		t.Helper()
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := open(pctx, srv.URL+path); err != nil {
			t.Fatal(err)
		}
		text, err := chromedp.Run(pctx, chromedp.Evaluate[string](`(() => {
  const c = document.querySelector(".chart[data-option]");
  echarts.getInstanceByDom(c).dispatchAction({type: "showTip", seriesIndex: `+itoa(series)+`, dataIndex: `+itoa(index)+`});
  return c.innerText;
})()`))
		if err != nil {
			t.Fatal(err)
		}
		return text
	}
	for _, tt := range []struct {
		path          string
		series, index int
		want          string
	}{
		{"/metrics/claims/", 0, 0, "7.25 days"},
		{"/metrics/claims/", 0, 1, "1.00 days"},
		{"/metrics/uptime/", 0, 0, "99.6%"},
	} {
		if got := tip(tt.path, tt.series, tt.index); !strings.Contains(got, tt.want) {
			t.Errorf("%s tooltip %d/%d = %q, want it to contain %q", tt.path, tt.series, tt.index, got, tt.want)
		}
	}
}

func itoa(n int) string { return string(rune('0' + n)) }

// TestLatestPeriodLabelled: on a chart of 14 quarters, where ECharts thins
// the axis labels, the latest quarter is still labelled.
func TestLatestPeriodLabelled(t *testing.T) {
	ctx, base := serveExample(t)
	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := open(pctx, base+"/metrics/ict-availability/"); err != nil {
		t.Fatal(err)
	}
	labels, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".chart svg text")].map(t => t.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	last, first := false, false
	for _, l := range labels {
		last = last || l == "2026/27 Q2"
		first = first || l == "2023/24 Q1"
	}
	if !last || !first {
		t.Errorf("the axis labels %q lack the first or the latest quarter", labels)
	}
}
