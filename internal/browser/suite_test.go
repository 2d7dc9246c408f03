package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/site"
)

// axeTags are the rules the suite holds every page to: WCAG 2.0, 2.1 and
// 2.2 at levels A and AA, as the Public Sector Bodies Accessibility
// Regulations require.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}

// axeSource reads axe-core from node_modules, where .ci/run's npm ci puts
// the version pinned in package.json.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is not installed (%v); .ci/run runs npm ci", err)
		}
		t.Skip("axe-core is not installed; run npm ci (CI does)")
	}
	return string(b)
}

type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// runAxe loads axe into the page through the DevTools protocol (a page
// under script-src 'self' could not load it itself) and runs it.
func runAxe(ctx context.Context, src string) ([]axeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.EvaluateAsDevTools[bool](src+";true")); err != nil {
		return nil, fmt.Errorf("loading axe: %w", err)
	}
	tags, _ := json.Marshal(axeTags)
	return chromedp.Run(ctx, chromedp.EvaluateAsDevTools[[]axeViolation](
		`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`}, resultTypes: ["violations"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
}

func TestSitesInChromium(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build func(*testing.T) *site.Output
	}{{"example", buildExample}, {"starter", buildStarter}} {
		t.Run(tc.name, func(t *testing.T) { checkSite(t, tc.build(t)) })
	}
}

// checkSite opens every page of a built site, served on loopback under the
// strict CSP, and holds each to the suite's checks.
func checkSite(t *testing.T, out *site.Output) {
	axe := axeSource(t)
	ctx := browserContext(t)
	srv := httptest.NewServer(Handler(out.Files, CSP))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	rec := &recorder{host: u.Host}
	if err := rec.listen(ctx); err != nil {
		t.Fatal(err)
	}
	ps := pages(out)
	charts, violations := 0, map[string]int{}
	for _, p := range ps {
		rec.visit(p)
		pctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		st, vs, err := visit(pctx, srv.URL+p, axe)
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if st.Drawn != st.Charts || st.Charts != st.Figures || st.AriaLabels != st.Charts {
			t.Errorf("%s: %d figures, %d charts, %d drawn, %d with an accessible name", p, st.Figures, st.Charts, st.Drawn, st.AriaLabels)
		}
		if st.H1 != 1 {
			t.Errorf("%s: %d h1 elements, want 1", p, st.H1)
		}
		for _, v := range vs {
			violations[v.ID]++
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target))
			}
			t.Errorf("%s: axe %s: %s at %s", p, v.ID, v.Help, strings.Join(where[:min(3, len(where))], ", "))
		}
		charts += st.Charts
	}
	for _, p := range rec.take() {
		t.Error(p)
	}
	t.Logf("%d pages, %d charts drawn, axe violations by rule: %v", len(ps), charts, violations)

	// Reflow: at 320 CSS pixels wide no page scrolls sideways; wide
	// tables scroll inside their own region.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 800)); err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := open(pctx, srv.URL+p)
		var overflow []string
		if err == nil {
			overflow, err = chromedp.Run(pctx, chromedp.Evaluate[[]string](`(() => {
  if (document.documentElement.scrollWidth <= window.innerWidth) return [];
  return [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-wrap"))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
})()`))
		}
		cancel()
		if err != nil {
			t.Errorf("%s at 320px: %v", p, err)
		} else if len(overflow) > 0 {
			t.Errorf("%s: scrolls sideways at 320px wide, because of %v", p, overflow)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
	for _, p := range rec.take() {
		t.Error(p)
	}
	checkWithoutJavaScript(t, ctx, srv.URL, out)
}

// visit opens a page, waits for its charts, reads its figures and runs axe.
//
// On a loaded machine Chromium sometimes replaces a page's JavaScript
// context just after the load event ("Cannot find context with specified
// id"); the page is then opened again, up to three times, rather than the
// test failing on the browser's timing.
func visit(ctx context.Context, url, axe string) (st figureState, vs []axeViolation, err error) {
	for range 3 {
		if err = open(ctx, url); err == nil {
			if st, err = chromedp.Run(ctx, chromedp.Evaluate[figureState](readFigures)); err == nil {
				vs, err = runAxe(ctx, axe)
			}
		}
		if err == nil || !contextReplaced(err) {
			return st, vs, err
		}
	}
	return st, vs, err
}

// contextReplaced reports whether err says the page's JavaScript context
// went away under an evaluation: a navigation or reload in the browser,
// not a fault of the page.
func contextReplaced(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Cannot find context with specified id") ||
		strings.Contains(msg, "Execution context was destroyed") ||
		strings.Contains(msg, "Inspected target navigated or closed")
}

// checkWithoutJavaScript reloads every page with scripts disabled: every
// figure keeps its summary and table, no chart is drawn, the navigation is
// there, and every link on every page leads to a page that exists.
func checkWithoutJavaScript(t *testing.T, ctx context.Context, base string, out *site.Output) {
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	links := map[string]string{}
	for _, p := range pages(out) {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(pctx, chromedp.Navigate(base+p))
		var st figureState
		var hrefs []string
		if err == nil {
			// The page's own scripts are off; the protocol still reads it.
			st, err = chromedp.Run(pctx, chromedp.EvaluateAsDevTools[figureState](readFigures))
		}
		if err == nil {
			hrefs, err = chromedp.Run(pctx, chromedp.EvaluateAsDevTools[[]string](`[...document.querySelectorAll("a[href]")].map(a => a.href)`))
		}
		cancel()
		if err != nil {
			t.Errorf("%s without JavaScript: %v", p, err)
			continue
		}
		if st.Drawn != 0 {
			t.Errorf("%s: %d charts drawn with JavaScript off", p, st.Drawn)
		}
		if st.Summaries != st.Figures || st.Tables != st.Figures {
			t.Errorf("%s without JavaScript: of %d figures, %d have a summary and %d a table", p, st.Figures, st.Summaries, st.Tables)
		}
		if st.NavLinks < 5 && !strings.HasPrefix(p, "/embed/") && !strings.HasPrefix(p, "/cy/embed/") { // an embed is framed in another site's page
			t.Errorf("%s: navigation has %d links", p, st.NavLinks)
		}
		for _, h := range hrefs {
			if strings.HasPrefix(h, base) {
				links[strings.SplitN(strings.TrimPrefix(h, base), "#", 2)[0]] = p
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
