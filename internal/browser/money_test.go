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

// TestChartMoneyHasATrueMinus draws a savings chart with a net cost and
// checks that the browser writes negative pounds as the tables do, with
// the true minus sign U+2212, in the tooltip and on the axis: "−£200,000",
// never "-£200,000". ICT saves 1,000,000 − 900,000 = £100,000 less
// £300,000 one-off: net −£200,000.
func TestChartMoneyHasATrueMinus(t *testing.T) {
	dir, _ := sitetest.Unpack(t, "../site/testdata/small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "savings.csv"), "service,period,partner,baseline_cost,actual_cost,target_saving,one_off_cost,note\n"+
		"ict,2023/24,,1000000,900000,80000,300000,\n")
	out, _, err := site.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserContext(t)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := open(pctx, srv.URL+"/services/ict/"); err != nil {
		t.Fatal(err)
	}
	// The savings chart's series 1 is the net saving after one-off costs.
	text, err := chromedp.Run(pctx, chromedp.Evaluate[string](`(() => {
  const c = document.querySelector(".chart[data-unit='gbp']");
  echarts.getInstanceByDom(c).dispatchAction({type: "showTip", seriesIndex: 1, dataIndex: 0});
  return c.innerText + "\n" + [...c.querySelectorAll("svg text")].map(t => t.textContent).join("\n");
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "−£200,000") {
		t.Errorf("the savings chart lacks −£200,000 in its tooltip:\n%s", text)
	}
	if strings.Contains(text, "-£") {
		t.Errorf("the savings chart writes negative pounds with a hyphen:\n%s", text)
	}
}
