package site

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/words"
)

// figureKeyMade is one figure a build makes: a metric, as at the
// partnership it belongs to, of every series ("") or one partner's.
type figureKeyMade struct {
	m       *model.Metric
	partner string
}

// countFigures replaces newFigure, for the test, by one that counts how
// many times each figure is made.
func countFigures(t *testing.T) (made map[figureKeyMade]int, mu *sync.Mutex) {
	made, mu = map[figureKeyMade]int{}, new(sync.Mutex)
	orig := newFigure
	t.Cleanup(func() { newFigure = orig })
	newFigure = func(l *words.Lang, m *model.Metric, partnerID, id string) *chart.Figure {
		mu.Lock()
		made[figureKeyMade{m, partnerID}]++
		mu.Unlock()
		return orig(l, m, partnerID, id)
	}
	return made, mu
}

// TestMetricFigureMadeOncePerAsAt counts how often each metric's chart is
// made in a build: once for the latest figures, however many pages draw it
// (its own page, its embed page, its goal's and its service's), and once
// for each period a report is as at, however many reports share it.
func TestMetricFigureMadeOncePerAsAt(t *testing.T) {
	made, _ := countFigures(t)
	dir, _ := unpack(t, "small.txtar")
	// A second report as at Q2, and one as at Q1: claims is charted as at
	// three periods (the latest, Q2 and Q1), each made once.
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/reports/q2-again.md": "---\ntitle: Q2 again\ndate: 2024-11-02\nperiod: 2024/25 Q2\n---\n{{< chart metric=\"claims\" >}}\n\n{{< chart metric=\"uptime\" >}}\n",
		"content/reports/q1.md":       "---\ntitle: Q1\ndate: 2024-08-01\nperiod: 2024/25 Q1\n---\n{{< chart metric=\"claims\" >}}\n",
	})
	out := build(t, dir, Options{})
	asAt := map[string]int{} // metric id and partner -> partnerships it was made from
	for k, n := range made {
		if n != 1 {
			t.Errorf("%s (partner %q) made %d times from one partnership; want once", k.m.ID, k.partner, n)
		}
		asAt[k.m.ID+"/"+k.partner]++
	}
	for key, want := range map[string]int{
		"claims/":      3, // the latest, as at Q2 (two reports) and as at Q1
		"claims/north": 2, // North's page, and the Q2 report's chart of North
		"claims/south": 1, // South's page
		"uptime/":      2, // the latest (four pages), and as at Q2
		"spend/":       1,
	} {
		if got := asAt[key]; got != want {
			t.Errorf("%s made from %d partnerships; want %d", key, got, want)
		}
	}
	// Made once, it is still drawn on every page that shows it.
	for _, p := range []string{"metrics/uptime/index.html", "embed/uptime/index.html", "goals/resilience/index.html", "services/ict/index.html"} {
		if !strings.Contains(string(out.Files[p]), `id="chart-uptime-option"`) {
			t.Errorf("%s lacks uptime's chart", p)
		}
	}
}

// TestMetricFigureCopies checks that a page changing its copy of a made
// figure, as a report does when it marks the rows its print leaves out,
// changes no other page's.
func TestMetricFigureCopies(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	b, err := load(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := b.p.Metric("uptime")
	first := b.metricFigure(m, "", "chart-uptime")
	first.Table.PrintRecent(period.MustParse("2025/26 Q4"), "elsewhere")
	first.ID, first.Embed = "changed", "changed"
	second := b.metricFigure(m, "", "chart-uptime-2")
	if second.ID != "chart-uptime-2" || second.Embed != "" {
		t.Errorf("second copy has id %q and embed %q", second.ID, second.Embed)
	}
	if second.Table.EarlierNote != "" || slices.ContainsFunc(second.Table.Rows, func(r chart.Row) bool { return r.Earlier }) {
		t.Error("marking one copy's table for print marked another's")
	}
	if !slices.ContainsFunc(first.Table.Rows, func(r chart.Row) bool { return r.Earlier }) {
		t.Error("the first copy's table was not marked: the test tests nothing")
	}
}
