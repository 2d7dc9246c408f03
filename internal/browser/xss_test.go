package browser

import (
	"context"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestXSSInBrowser opens the site whose every text is script-shaped, served
// without any Content-Security-Policy so that an injected script would
// really run, shows every chart's tooltip (where ECharts puts series names
// into HTML), and fails on any dialog or any element the payloads would
// have created.
func TestXSSInBrowser(t *testing.T) {
	dir, _ := sitetest.Unpack(t, "../site/testdata/xss.txtar")
	out, _, err := site.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, ""))
	defer srv.Close()
	var dialogs atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatal(err)
	}
	const probe = `(() => {
  const cs = [...document.querySelectorAll(".chart[data-option]")];
  for (const c of cs) {
    const chart = echarts.getInstanceByDom(c);
    if (!chart) return -1;
    chart.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0});
  }
  return document.querySelectorAll("img[src=x], b, script:not([src]):not([type='application/json'])").length;
})()`
	charts := 0
	for _, p := range pages(out) {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := open(pctx, srv.URL+p)
		var n, drawn int
		if err == nil {
			drawn, err = chromedp.Run(pctx, chromedp.Evaluate[int](`document.querySelectorAll(".chart svg").length`))
		}
		if err == nil && drawn > 0 {
			n, err = chromedp.Run(pctx, chromedp.Evaluate[int](probe))
		}
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if n != 0 {
			t.Errorf("%s: %d elements injected by the payloads", p, n)
		}
		charts += drawn
	}
	if dialogs.Load() != 0 {
		t.Errorf("%d script dialogs opened: a payload ran", dialogs.Load())
	}
	if charts == 0 {
		t.Error("no chart was drawn, so tooltips were not tested")
	}
}
