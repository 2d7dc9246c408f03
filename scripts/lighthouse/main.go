// Command lighthouse measures the example site's pages with Lighthouse,
// as docs/performance.md reports them: it builds the site, serves it on
// loopback as a production server would (pre-compressed assets, gzip for
// the rest, the strict CSP), and runs Lighthouse's mobile preset on one
// page of each kind, printing a Markdown table of the scores.
//
//	go run ./scripts/lighthouse
//
// Lighthouse is run with npm exec at a pinned version (12.x still runs on
// Node.js 20) and drives Debian's chromium; it is a measuring tool, never
// part of the build or the tests, since its scores come from timings.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"

	"github.com/partnersite/partnersite/internal/browser"
	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/site"
)

const version = "lighthouse@12.8.2"

// pages is one page of each kind in the example site.
var pages = []struct{ kind, path string }{
	{"home", "/"},
	{"metric (2 charts)", "/metrics/rb-new-claims-days/"},
	{"service (6 charts)", "/services/ict/"},
	{"goal (6 charts)", "/goals/efficiency/"},
	{"partner", "/partners/east-herts/"},
	{"report", "/reports/2025-26-year-end/"},
	{"embed", "/embed/rb-new-claims-days/"},
	{"metrics list", "/metrics/"},
	{"search", "/search/"},
	{"page", "/about/"},
	{"data", "/data/"},
}

type report struct {
	Categories map[string]struct {
		Score float64 `json:"score"`
	} `json:"categories"`
	Audits map[string]struct {
		NumericValue float64 `json:"numericValue"`
	} `json:"audits"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "lighthouse:", err)
		os.Exit(1)
	}
}

func run() error {
	out, _, err := site.Build(os.DirFS("."), site.Options{})
	if err != nil {
		return fmt.Errorf("building the example site: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	publish.Compress(out.Files) // the copies a build writes beside the files
	go http.Serve(ln, browser.Compressing(out.Files, browser.CSP))
	chrome := os.Getenv("CHROME_PATH")
	if chrome == "" {
		chrome = "/usr/bin/chromium"
	}
	fmt.Println("| page | performance | accessibility | best practices | SEO | total blocking time | largest contentful paint | bytes |")
	fmt.Println("|---|---|---|---|---|---|---|---|")
	only := os.Getenv("PAGES") // e.g. PAGES=/embed/rb-new-claims-days/ to measure one page
	for _, p := range pages {
		if only != "" && only != p.path {
			continue
		}
		cmd := exec.Command("npm", "exec", "--yes", "--package="+version, "--", "lighthouse",
			"http://"+ln.Addr().String()+p.path, "--output=json", "--output-path=stdout", "--quiet",
			"--only-categories=performance,accessibility,best-practices,seo",
			"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run")
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("%s: %w", p.path, err)
		}
		if f := os.Getenv("KEEP"); f != "" { // KEEP=FILE keeps the last whole report
			_ = os.WriteFile(f, b, 0o644)
		}
		var r report
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("%s: reading Lighthouse's report: %w", p.path, err)
		}
		score := func(c string) int { return int(r.Categories[c].Score*100 + 0.5) }
		fmt.Printf("| %s | %d | %d | %d | %d | %.0f ms | %.1f s | %.0f KB |\n", p.kind,
			score("performance"), score("accessibility"), score("best-practices"), score("seo"),
			r.Audits["total-blocking-time"].NumericValue, r.Audits["largest-contentful-paint"].NumericValue/1000,
			r.Audits["total-byte-weight"].NumericValue/1024)
	}
	return nil
}
