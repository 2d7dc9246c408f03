package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/synth"
)

// BenchmarkReportPage times one synthetic report page on one core, whole
// and part by part, beside goldmark's conversion of the same markdown
// configured as the goldmark-only program is (../shared/bench/goldmark-limit):
// what a report page costs over the floor, and where.
//
//	go test -run '^$' -bench ReportPage -benchmem ./internal/site
func BenchmarkReportPage(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Default(50)); err != nil {
		b.Fatal(err)
	}
	bl, err := load(os.DirFS(dir), Options{})
	if err != nil {
		b.Fatal(err)
	}
	var pg *content.Page
	for _, p := range bl.content.Pages {
		if p.Kind == content.Report {
			pg = p
			break
		}
	}
	if pg == nil {
		b.Fatal("the synthetic site has no report")
	}
	raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pg.Path)))
	if err != nil {
		b.Fatal(err)
	}
	// The body alone, as the limit converts it once it has cut off the
	// front matter.
	if rest, ok := bytes.CutPrefix(raw, []byte("---\n")); ok {
		if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
			raw = rest[i+5:]
		}
	}
	crumbs := []Crumb{{Title: "Reports", URL: "reports/"}}
	var w bytes.Buffer
	cp := &ContentPage{Base: bl.base("page", pg.URL, pg.Title, crumbs...), Page: pg}
	if err := bl.commentary(&cp.Base, pg); err != nil {
		b.Fatal(err)
	}
	pp := bl.content.Parse(pg, &problem.List{})
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	parts := map[string]func() error{}
	for _, part := range []struct {
		name string
		run  func() error
	}{
		{"page", func() error { w.Reset(); return bl.contentPage(&w, "page", pg, crumbs...) }},
		{"parse", func() error { bl.content.Parse(pg, &problem.List{}); return nil }},
		{"render", func() error { _, err := bl.content.Render(pp); return err }},
		{"outline", func() error { _, _, err := bl.content.Outline(pp, SearchText, cp.Body); return err }},
		{"layout", func() error { w.Reset(); return bl.draw(&w, "page", &cp.Base, cp) }},
		{"goldmark-limit", func() error { w.Reset(); return md.Convert(raw, &w) }},
	} {
		parts[part.name] = part.run
		b.Run(part.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := part.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The page against the limit's conversion, turn and turn about, so
	// that a slow patch of a shared machine slows both alike.
	b.Run("page-over-limit", func(b *testing.B) {
		var page, limit time.Duration
		for b.Loop() {
			t0 := time.Now()
			if err := parts["page"](); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if err := parts["goldmark-limit"](); err != nil {
				b.Fatal(err)
			}
			page, limit = page+t1.Sub(t0), limit+time.Since(t1)
		}
		b.ReportMetric(page.Seconds()/limit.Seconds(), "x-limit")
	})
}
