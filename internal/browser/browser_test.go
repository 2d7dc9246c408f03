package browser

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/site"
)

// chromium finds Debian's Chromium, or skips the test outside CI.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; .ci/run installs Debian's chromium package")
	}
	t.Skip("chromium is not installed (apt-get install chromium); the browser tests run in CI")
	return ""
}

// browserContext starts a headless Chromium for the test.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return ctx
}

// buildExample builds the repository's example site in memory.
func buildExample(t *testing.T) *site.Output {
	t.Helper()
	out, _, err := site.Build(os.DirFS("../.."), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// recorder collects what goes wrong on the page being visited.
type recorder struct {
	mu       sync.Mutex
	host     string
	page     string
	problems []string
}

func (r *recorder) visit(page string) {
	r.mu.Lock()
	r.page = page
	r.mu.Unlock()
}

func (r *recorder) add(format string, args ...any) {
	r.mu.Lock()
	r.problems = append(r.problems, r.page+": "+fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.problems
	r.problems = nil
	return p
}

// listen records console errors, exceptions, failed requests and any
// request to another host.
func (r *recorder) listen(ctx context.Context) error {
	return chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				r.add("console error: %v", e.Args)
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			r.add("exception at %s:%d: %s", d.URL, d.LineNumber+1, desc)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				r.add("browser log error: %s (%s)", e.Entry.Text, e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(e.Request.URL); err == nil && u.Scheme != "data" && u.Host != r.host {
				r.add("request to another host: %s", e.Request.URL)
			}
		case *network.EventLoadingFailed:
			r.add("request failed: %s", e.ErrorText)
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				r.add("HTTP %d for %s", e.Response.Status, e.Response.URL)
			}
		}
	})
}

// pages lists the HTML pages of a built site as URL paths.
func pages(out *site.Output) []string {
	var ps []string
	for _, p := range out.Paths() {
		if strings.HasSuffix(p, "index.html") {
			ps = append(ps, "/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	return ps
}

// figureState is what the test reads of each page's figures.
type figureState struct {
	Figures    int `json:"figures"`
	Charts     int `json:"charts"`
	Drawn      int `json:"drawn"`
	Summaries  int `json:"summaries"`
	Tables     int `json:"tables"`
	NavLinks   int `json:"navLinks"`
	H1         int `json:"h1"`
	AriaLabels int `json:"ariaLabels"`
}

const readFigures = `(() => {
  const figs = [...document.querySelectorAll("figure.figure")];
  return {
    figures: figs.length,
    charts: document.querySelectorAll(".chart[data-option]").length,
    drawn: [...document.querySelectorAll(".chart[data-option]")].filter(c => c.querySelector("svg path")).length,
    summaries: figs.filter(f => (f.querySelector(".figure-summary")?.textContent || "").trim().length > 20).length,
    tables: figs.filter(f => f.querySelector("table caption") && f.querySelectorAll("tbody tr").length > 0).length,
    navLinks: document.querySelectorAll("nav[aria-label=Main] a[href]").length,
    h1: document.querySelectorAll("h1").length,
    ariaLabels: [...document.querySelectorAll(".chart[role=img]")].filter(c => (c.getAttribute("aria-label") || "").length > 20).length,
  };
})()`

// allCharts waits until every chart container on the page holds a drawn
// SVG, or the timeout passes.
const allChartsDrawn = `(() => {
  const cs = [...document.querySelectorAll(".chart[data-option]")];
  return cs.every(c => c.querySelector("svg path"));
})()`

func TestEveryPageInChromium(t *testing.T) {
	out := buildExample(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	rec := &recorder{host: u.Host}
	if err := rec.listen(ctx); err != nil {
		t.Fatal(err)
	}
	ps := pages(out)
	totalCharts := 0
	for _, p := range ps {
		rec.visit(p)
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(pctx, chromedp.Navigate(srv.URL+p))
		var ok bool
		if err == nil {
			ok, err = chromedp.Run(pctx, chromedp.Poll[bool](allChartsDrawn, chromedp.WithPollingTimeout(15*time.Second)))
		}
		var st figureState
		if err == nil {
			st, err = chromedp.Run(pctx, chromedp.Evaluate[figureState](readFigures))
		}
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !ok || st.Drawn != st.Charts {
			t.Errorf("%s: %d of %d charts drawn", p, st.Drawn, st.Charts)
		}
		if st.Charts != st.Figures || st.AriaLabels != st.Charts {
			t.Errorf("%s: %d figures, %d charts, %d with an accessible name", p, st.Figures, st.Charts, st.AriaLabels)
		}
		if st.H1 != 1 {
			t.Errorf("%s: %d h1 elements, want 1", p, st.H1)
		}
		totalCharts += st.Charts
	}
	// Give late events (a failed asset, an error in a deferred script) a
	// moment to arrive, then collect them all.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`1`)); err != nil {
		t.Fatal(err)
	}
	for _, p := range rec.take() {
		t.Error(p)
	}
	if totalCharts < 40 {
		t.Errorf("only %d charts across %d pages; the example site should have many", totalCharts, len(ps))
	}
	t.Logf("%d pages, %d charts drawn in Chromium under the strict CSP", len(ps), totalCharts)
}

// TestWithoutJavaScript reloads every page with scripts disabled: every
// figure keeps its summary and table, no chart is drawn, the navigation is
// there, and every link on every page leads to a page that exists.
func TestWithoutJavaScript(t *testing.T) {
	out := buildExample(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{}
	for _, p := range pages(out) {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(pctx, chromedp.Navigate(srv.URL+p))
		var st figureState
		var hrefs []string
		if err == nil {
			// Script execution is off for the page, so read it through the
			// DevTools protocol, which is not the page's own script.
			st, err = chromedp.Run(pctx, chromedp.EvaluateAsDevTools[figureState](readFigures))
		}
		if err == nil {
			hrefs, err = chromedp.Run(pctx, chromedp.EvaluateAsDevTools[[]string](`[...document.querySelectorAll("a[href]")].map(a => a.href)`))
		}
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if st.Drawn != 0 {
			t.Errorf("%s: %d charts drawn with JavaScript off", p, st.Drawn)
		}
		if st.Summaries != st.Figures || st.Tables != st.Figures {
			t.Errorf("%s: of %d figures, %d have a summary and %d a table", p, st.Figures, st.Summaries, st.Tables)
		}
		if st.NavLinks < 5 {
			t.Errorf("%s: navigation has %d links", p, st.NavLinks)
		}
		for _, h := range hrefs {
			if strings.HasPrefix(h, srv.URL) {
				links[strings.SplitN(strings.TrimPrefix(h, srv.URL), "#", 2)[0]] = p
			}
		}
	}
	var broken []string
	for link, from := range links {
		target := strings.TrimPrefix(link, "/")
		if target == "" || strings.HasSuffix(target, "/") {
			target += "index.html"
		}
		if _, ok := out.Files[target]; !ok {
			broken = append(broken, link+" (linked from "+from+")")
		}
	}
	slices.Sort(broken)
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}
}
