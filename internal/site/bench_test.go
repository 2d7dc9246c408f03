package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/synth"
)

// benchBuild builds a synthetic site of n report pages and writes it to
// disk, as `partnersite build` does. Each build goes into an empty folder,
// unless rebuild is set: then each goes over the last one, with nothing
// changed, as a council building again does. The build before the first
// is not timed.
func benchBuild(b *testing.B, n int, folder string, rebuild bool) {
	dir := b.TempDir()
	o := synth.Default(n)
	o.Folder = folder
	if err := synth.Write(dir, o); err != nil {
		b.Fatal(err)
	}
	outs := b.TempDir()
	out := filepath.Join(outs, "public")
	pages := 0
	build := func() {
		d, err := publish.Begin(out, dir)
		if err != nil {
			b.Fatal(err)
		}
		o, _, err := Build(os.DirFS(dir), Options{Write: d.Write})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			b.Fatal(err)
		}
		pages = o.Pages
	}
	if rebuild {
		build()
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if !rebuild {
			b.StopTimer()
			if err := os.RemoveAll(out); err != nil {
				b.Fatal(err)
			}
			out = filepath.Join(outs, fmt.Sprint(i), "public")
			b.StartTimer()
		}
		build()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
}

func BenchmarkBuild1k(b *testing.B)  { benchBuild(b, 1000, "reports", false) }
func BenchmarkBuild10k(b *testing.B) { benchBuild(b, 10000, "reports", false) }
func BenchmarkBuild50k(b *testing.B) { benchBuild(b, 50000, "reports", false) }

// BenchmarkRebuild10k builds a 10,000-page site over its own last build,
// with nothing changed.
func BenchmarkRebuild10k(b *testing.B) { benchBuild(b, 10000, "reports", true) }

// BenchmarkBuildSection10k puts the pages in a folder of their own, which
// is a section: the case that once gave every page a footer of 10,000
// links.
func BenchmarkBuildSection10k(b *testing.B) { benchBuild(b, 10000, "library", false) }

// TestSyntheticSiteBuilds keeps the generator and the builder in step,
// with pages of prose and with reports of figures.
func TestSyntheticSiteBuilds(t *testing.T) {
	for _, figures := range []bool{false, true} {
		dir := t.TempDir()
		if err := synth.Write(dir, synth.Options{Pages: 30, Metrics: 12, Quarters: 8, Partners: 3, Figures: figures, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		out, pl, err := Build(os.DirFS(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if w := pl.Warnings(); w != 0 {
			t.Errorf("figures %v: %d warnings: %v", figures, w, pl.All())
		}
		if _, ok := out.Files["reports/report-00030/index.html"]; !ok {
			t.Errorf("figures %v: no page for the 30th report among %d files", figures, len(out.Files))
		}
		if _, ok := out.Files["reports/report-00030/figures.csv"]; ok != figures {
			t.Errorf("figures %v: the 30th report has a figures.csv: %v", figures, ok)
		}
	}
}
