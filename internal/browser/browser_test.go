package browser

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/starter"
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

// serveExample builds the example site, serves it on loopback under the
// strict CSP and starts a browser; it returns the browser's context and the
// server's address.
func serveExample(t *testing.T) (context.Context, string) {
	t.Helper()
	out := buildExample(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	t.Cleanup(srv.Close)
	return ctx, srv.URL
}

// open loads url in the tab and scrolls through it until every chart on
// it is drawn.
func open(ctx context.Context, url string) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return err
	}
	// Chromium may still be replacing the page's JavaScript context when
	// the load event has fired and the poll begins, which fails with
	// "Cannot find context with specified id" under load: that poll is
	// asked again, any other failure is the page's.
	var err error
	for range 3 {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](allChartsDrawn, chromedp.WithPollingTimeout(15*time.Second)))
		if err == nil || !strings.Contains(err.Error(), "Cannot find context with specified id") {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("charts not drawn: %w", err)
	}
	return nil
}

// buildStarter builds the site that `partnersite new` writes.
func buildStarter(t *testing.T) *site.Output {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "starter")
	if err := starter.Write(dir, nil); err != nil {
		t.Fatal(err)
	}
	out, _, err := site.Build(os.DirFS(dir), site.Options{})
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
    navLinks: document.querySelectorAll(".site-nav a[href]").length,
    h1: document.querySelectorAll("h1").length,
    ariaLabels: [...document.querySelectorAll(".chart[role=img]")].filter(c => (c.getAttribute("aria-label") || "").length > 20).length,
  };
})()`

// allChartsDrawn is polled until every chart on the page holds a drawn
// SVG. Charts are drawn as they come near the screen, so each poll
// scrolls to the first chart not yet drawn, as a reader would; once all
// are drawn it scrolls back to the top.
const allChartsDrawn = `(() => {
  const next = [...document.querySelectorAll(".chart[data-option]")].find(c => !c.querySelector("svg path"));
  if (!next) { window.scrollTo(0, 0); return true; }
  next.scrollIntoView({block: "center"});
  return false;
})()`
