package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/partnersite/partnersite/internal/site"
)

// embedPages are the pages whose "Embed this chart" code the test pastes
// into a council's page: a metric's history, a metric by partner and the
// partnership's savings.
var embedPages = []string{"metrics/rb-new-claims-days/index.html", "metrics/ict-availability/index.html", "index.html"}

// buildExampleAt builds the example site as published at base, which ends
// in "/": the embed codes carry full addresses, so the test needs them to
// point at its own server.
func buildExampleAt(t *testing.T, base string) *site.Output {
	t.Helper()
	dir := t.TempDir()
	yaml, err := os.ReadFile("../../site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yaml = regexp.MustCompile(`(?m)^base_url: .*$`).ReplaceAll(yaml, []byte("base_url: "+base))
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"data", "content"} {
		copyTree(t, filepath.Join("../..", d), filepath.Join(dir, d))
	}
	out, _, err := site.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// codeOffered is the embed code a built page shows in "Embed this chart",
// unescaped, as a web team copies it.
func codeOffered(t *testing.T, out *site.Output, p string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<summary>Embed this chart</summary>.*?<pre><code>(.*?)</code></pre>`).FindSubmatch(out.Files[p])
	if m == nil {
		t.Fatalf("%s offers no embed code", p)
	}
	return html.UnescapeString(string(m[1]))
}

// hostPage is a council's page as a CMS writes it: a header, some prose and
// a column, with the codes pasted into it.
func hostPage(codes []string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shared services – Anytown Council</title>
<style>body{margin:0;font:16px/1.5 Arial,sans-serif} header{background:#1d70b8;color:#fff;padding:1rem} .col{max-width:760px;margin:0 auto;padding:0 15px}</style></head>
<body><header><strong>Anytown Council</strong></header><div class="col"><h1>How our shared services perform</h1><p>We share our ICT and revenues services with a neighbouring council. These charts come from the partnership's own site.</p>`)
	for _, c := range codes {
		b.WriteString("\n" + c + "\n<p>Text after the chart.</p>")
	}
	b.WriteString("</div></body></html>")
	return b.String()
}

// TestEmbedFits pastes the embed codes, as offered, into a page on another
// origin, as a council's communications officer would, and looks at it at a
// phone's width and a desktop's: each frame grows to its page, with no
// scrollbar inside, and shows its chart drawn. With the script stripped,
// as some CMSs do, the frame keeps its fixed height and still shows the
// chart's title and chart.
func TestEmbedFits(t *testing.T) {
	var files map[string][]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Handler(files, CSP).ServeHTTP(w, r)
	}))
	defer srv.Close()
	out := buildExampleAt(t, srv.URL+"/")
	files = out.Files

	var codes, stripped []string
	for _, p := range embedPages {
		c := codeOffered(t, out, p)
		if !strings.Contains(c, `src="`+srv.URL+`/embed/`) || !strings.Contains(c, `<script src="`+srv.URL+`/assets/embed.js" defer></script>`) {
			t.Fatalf("%s offers %q", p, c)
		}
		codes = append(codes, c)
		stripped = append(stripped, regexp.MustCompile(`\s*<script[^>]*></script>`).ReplaceAllString(c, ""))
	}
	// The host runs its own strict policy, allowing the site's script and
	// frames and nothing inline.
	hostCSP := "default-src 'self'; script-src 'self' " + srv.URL + "; frame-src " + srv.URL + "; style-src 'self' 'unsafe-inline'"
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", hostCSP)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/stripped/" {
			fmt.Fprint(w, hostPage(stripped))
			return
		}
		fmt.Fprint(w, hostPage(codes))
	}))
	defer host.Close()
	if host.URL == srv.URL {
		t.Fatal("the host page and the site share an origin")
	}

	ctx := browserContext(t)
	shots := os.Getenv("EMBED_SHOTS") // a folder for screenshots, to look at
	for _, width := range []int64{390, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			path  string
			sized bool
		}{{"pasted", "/", true}, {"without its script", "/stripped/", false}} {
			if err := chromedp.Do(ctx, chromedp.Navigate(host.URL+tc.path)); err != nil {
				t.Fatal(err)
			}
			for i, p := range embedPages {
				st, err := frameState(ctx, i, srv.URL, tc.sized)
				if err != nil {
					t.Errorf("%dpx, %s, %s: %v", width, tc.name, p, err)
					continue
				}
				if shots != "" {
					png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("embed-%d-%s-%d.png", width, strings.Fields(tc.name)[0], i)
					if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				t.Logf("%dpx, %s, %s: iframe %dpx (style %q), page %dpx, inner scroll %dpx, chart %d to %dpx down, drawn %v",
					width, tc.name, p, st.Frame, st.Style, st.Scroll, st.Scroll-st.Client, st.ChartTop, st.ChartBottom, st.Drawn)
				if !st.Drawn {
					t.Errorf("%dpx, %s, %s: the chart is not drawn", width, tc.name, p)
				}
				if tc.sized {
					if st.Style == "" || st.Scroll > st.Client {
						t.Errorf("%dpx, %s, %s: the iframe is %dpx (style %q) and its page %dpx: it scrolls inside", width, tc.name, p, st.Frame, st.Style, st.Scroll)
					}
					if i == 0 {
						checkTableOpens(t, ctx, width, st)
					}
				} else {
					if st.Style != "" || st.Frame != site.EmbedHeight {
						t.Errorf("%dpx, %s, %s: the iframe is %dpx (style %q), want its fixed %dpx", width, tc.name, p, st.Frame, st.Style, site.EmbedHeight)
					}
					if st.ChartBottom > st.Client {
						t.Errorf("%dpx, %s, %s: the chart ends %dpx down, below the fixed frame's %dpx", width, tc.name, p, st.ChartBottom, st.Client)
					}
				}
			}
		}
	}
}

// checkTableOpens opens the first frame's table, one click away, and
// waits for the frame to grow to the taller page, still with no scrollbar
// inside.
func checkTableOpens(t *testing.T, ctx context.Context, width int64, before embedState) {
	t.Helper()
	src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("iframe").src`))
	if err != nil {
		t.Fatal(err)
	}
	var opened bool
	if err := evalInFrame(ctx, src, `(() => { const d = document.querySelector("details.embed-table"); d.querySelector("summary").click(); return d.open; })()`, &opened); err != nil || !opened {
		t.Fatalf("%dpx: opening the table: %v, open %v", width, err, opened)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		h, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.round(document.querySelector("iframe").getBoundingClientRect().height)`))
		var st embedState
		if err == nil {
			err = evalInFrame(ctx, src, `({scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight})`, &st)
		}
		if err == nil && h > before.Frame && st.Scroll <= st.Client {
			t.Logf("%dpx: the table opened, the iframe grew from %dpx to %dpx, inner scroll %dpx", width, before.Frame, h, st.Scroll-st.Client)
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%dpx: with the table open the iframe is %dpx (was %dpx) and its page %dpx: %v", width, h, before.Frame, st.Scroll, err)
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// embedState is one frame measured: Frame and Style from the host page
// (the iframe's height and the height its script set), the rest from the
// framed document.
type embedState struct {
	Frame       int    `json:"frame"`
	Style       string `json:"style"`
	Scroll      int    `json:"scroll"` // the framed document's scrollHeight
	Client      int    `json:"client"` // and its clientHeight
	ChartTop    int    `json:"chartTop"`
	ChartBottom int    `json:"chartBottom"`
	Drawn       bool   `json:"drawn"`
}

// hostFrame is an iframe as the host page sees it.
type hostFrame struct {
	Frame int    `json:"frame"`
	Style string `json:"style"`
	Src   string `json:"src"`
}

// frameState scrolls the host page to its i-th iframe, as a reader would,
// and waits until its chart is drawn and, when sized is set, its script has
// sized it to its page. It reads the framed document in an isolated world
// of its frame, which the DevTools protocol opens whatever the origin.
func frameState(ctx context.Context, i int, site string, sized bool) (embedState, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var st embedState
	sel := fmt.Sprintf(`document.querySelectorAll("iframe")[%d]`, i)
	var last string
	for ctx.Err() == nil {
		host, err := chromedp.Run(ctx, chromedp.Evaluate[hostFrame](`(() => { const f = `+sel+`; f.scrollIntoView({block: "start"});
  return {frame: Math.round(f.getBoundingClientRect().height), style: f.style.height, src: f.src}; })()`))
		if err != nil {
			return st, err
		}
		st.Frame, st.Style = host.Frame, host.Style
		if err := evalInFrame(ctx, host.Src, `(() => {
  const d = document.documentElement, c = document.querySelector(".chart"), r = c ? c.getBoundingClientRect() : {top: -1, bottom: -1};
  return {scroll: d.scrollHeight, client: d.clientHeight, chartTop: Math.round(r.top + scrollY), chartBottom: Math.round(r.bottom + scrollY),
    drawn: !!(c && c.querySelector("svg path, canvas"))};
})()`, &st); err != nil {
			last = err.Error()
		} else if st.Drawn && (!sized || st.Style != "" && st.Scroll <= st.Client) {
			return st, nil
		} else {
			last = fmt.Sprintf("%+v", st)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return st, fmt.Errorf("timed out: %s", last)
}

// evalInFrame evaluates expr in the frame showing src and decodes its
// value into v.
func evalInFrame(ctx context.Context, src, expr string, v any) error {
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return err
	}
	var id cdp.FrameID
	var walk func(*page.FrameTree)
	walk = func(f *page.FrameTree) {
		if f.Frame.URL == src && id == "" {
			id = f.Frame.ID
		}
		for _, c := range f.ChildFrames {
			walk(c)
		}
	}
	walk(tree.FrameTree)
	if id == "" {
		return fmt.Errorf("no frame shows %s yet", src)
	}
	world, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: id, WorldName: "embed-test"})
	if err != nil {
		return err
	}
	yes := true
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: "JSON.stringify(" + expr + ")", ContextID: world.ExecutionContextID, ReturnByValue: &yes})
	if err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return fmt.Errorf("in the frame: %s", res.ExceptionDetails.Text)
	}
	var js string
	if err := json.Unmarshal([]byte(res.Result.Value), &js); err != nil {
		return err
	}
	return json.Unmarshal([]byte(js), v)
}
