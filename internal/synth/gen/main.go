// Command gen writes a synthetic partnership site for benchmarks, and with
// -hugo the same report pages as a Hugo site, so the two generators can be
// timed side by side on identical markdown (see docs/performance.md).
//
//	go run ./internal/synth/gen -pages 10000 DIR
//	go run ./internal/synth/gen -pages 10000 -hugo DIR
//	go run ./internal/synth/gen -pages 20 -metrics 1000 -figures DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/partnersite/partnersite/internal/synth"
)

func main() {
	pages := flag.Int("pages", 1000, "report pages to write")
	hugo := flag.Bool("hugo", false, "write the pages as a Hugo site instead")
	loader := flag.Bool("loader", false, "write the 500,000-row loader variant instead")
	metrics := flag.Int("metrics", 0, "metrics, each with figures for every partner and quarter (0: the default, 200)")
	figures := flag.Bool("figures", false, "make each page a quarterly report with a scorecard and a chart")
	folder := flag.String("folder", "reports", "the folder under content/ for the pages: reports, or a section of the site's own such as library")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gen [-pages N] [-metrics N] [-figures] [-folder NAME] [-hugo | -loader] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	o := synth.Default(*pages)
	o.Folder = *folder
	o.Figures = *figures
	if *metrics > 0 {
		o.Metrics = *metrics
	}
	if *loader {
		o = synth.Loader()
	}
	if err := synth.Write(dir, o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *hugo {
		if err := hugoSite(dir, *folder); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}

// hugoSite turns the folder into a Hugo site over the same content/:
// minimal layouts comparable to partnersite's pages (a base frame with
// navigation and footer, a page body, a list of reports).
func hugoSite(dir, folder string) error {
	for _, d := range []string{"data", "site.yaml"} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return err
		}
	}
	// In Hugo, content/index.md would make the whole folder one leaf
	// bundle and the reports its resources, never rendered; the home
	// page of a Hugo site is _index.md.
	if err := os.Rename(filepath.Join(dir, "content", "index.md"), filepath.Join(dir, "content", "_index.md")); err != nil {
		return err
	}
	files := map[string]string{
		"hugo.toml": "baseURL = 'https://synthetic.example.org/'\ntitle = 'Synthetic partnership'\ndisableKinds = ['taxonomy', 'term']\nbuildFuture = true\npaginate = 50\n",
		"layouts/_default/baseof.html": `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }} – {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/site.css" | relURL }}"></head><body><a class="skip-link" href="#main">Skip to main content</a>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a><nav><ul><li><a href="{{ "` + folder + `/" | relURL }}">` + folder + `</a></li></ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main><footer><p>Contains public sector information licensed under the Open Government Licence v3.0.</p></footer></body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="meta">Published {{ .Date.Format "2 January 2006" }}</p><p class="lead">{{ .Summary }}</p><div class="prose">{{ .Content }}</div></article>{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}`,
		"layouts/index.html":           `{{ define "main" }}<h1>{{ site.Title }}</h1>{{ .Content }}{{ end }}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
