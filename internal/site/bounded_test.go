package site

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/words"
)

// chartIDs are the ids of the charts a page draws, in order.
func chartIDs(page string) []string {
	var ids []string
	for _, m := range regexp.MustCompile(`<div class="chart" id="([^"]+)-chart"`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// TestMeasureChartsBounded builds a service of 15 measures, three of them
// off track and one at risk, all placed after the rest: its goal's,
// service's and partner's pages each chart 12, the four that need
// attention and the first eight of the others, in the table's order, and
// say that the other three are charted on their own pages.
func TestMeasureChartsBounded(t *testing.T) {
	dir := measuresSite(t, 15, func(i int) string {
		switch {
		case i == 12:
			return "87" // at risk: within 5 points of 90
		case i > 12:
			return "50" // off track
		}
		return "95" // on track
	})
	out := build(t, dir, Options{})
	var want []string
	for _, i := range []int{1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15} {
		want = append(want, fmt.Sprintf("chart-m%02d", i))
	}
	more := "<p class=\"charts-more\">The charts here are of the measures off track first, then those at risk, then the others in the table's order, as many as this page has room for. 3 more measures are charted on their own pages: see the table above.</p>"
	for _, p := range []string{"goals/efficiency/index.html", "services/svc/index.html", "partners/north/index.html"} {
		page := string(out.Files[p])
		got := slices.DeleteFunc(chartIDs(page), func(id string) bool { return id == "chart-savings" })
		if !slices.Equal(got, want) {
			t.Errorf("%s charts %q; want %q", p, got, want)
		}
		if !strings.Contains(page, more) {
			t.Errorf("%s lacks %q", p, more)
		}
		// Every measure keeps its row and its link.
		for i := 1; i <= 15; i++ {
			if link := fmt.Sprintf(`<a href="../../metrics/m%02d/">Measure %d</a>`, i, i); !strings.Contains(page, link) {
				t.Errorf("%s lacks the row of measure %d", p, i)
			}
		}
	}
	// The savings charts stay.
	for _, p := range []string{"services/svc/index.html", "partners/north/index.html"} {
		if !slices.Contains(chartIDs(string(out.Files[p])), "chart-savings") {
			t.Errorf("%s lost its savings chart", p)
		}
	}
	// Each measure is still charted on its own page.
	for i := 1; i <= 15; i++ {
		if p := fmt.Sprintf("metrics/m%02d/index.html", i); !slices.Equal(chartIDs(string(out.Files[p])), []string{fmt.Sprintf("chart-m%02d", i)}) {
			t.Errorf("%s does not chart its measure", p)
		}
	}
}

// measuresSite writes a site of one partner and one service of n
// measures, m01 to mNN, each of one goal with a target of 90% and an amber
// margin of 5 points, and with the latest value that value(i) gives.
func measuresSite(t *testing.T, n int, value func(i int) string) string {
	dir := t.TempDir()
	metrics := "id,name,service,goal,unit,direction,target,amber,description,source\n"
	perf := "metric,period,partner,value,target,note\n"
	for i := 1; i <= n; i++ {
		metrics += fmt.Sprintf("m%02d,Measure %d,svc,efficiency,percent,higher,90,5,,Test\n", i, i)
		perf += fmt.Sprintf("m%02d,2024/25 Q1,north,93,,\nm%02d,2024/25 Q2,north,%s,,\n", i, i, value(i))
	}
	sitetest.WriteFiles(t, dir, map[string]string{
		"site.yaml":            "title: Bounded\nbase_url: https://example.org/\n",
		"data/partners.csv":    "id,name,short_name,households,cost_share\nnorth,North Council,North,1000,100\n",
		"data/services.csv":    "id,name,lead_partner,started,description\nsvc,Shared service,north,01/04/2024,A service.\n",
		"data/metrics.csv":     metrics,
		"data/performance.csv": perf,
		"data/savings.csv":     "service,period,partner,baseline_cost,actual_cost,target_saving,one_off_cost,note\nsvc,2024/25,,\"£1,000\",\"£900\",\"£50\",,\n",
	})
	return dir
}

// TestHomeScorecardBounded gives one goal 55 measures, the last off
// track: the home page lists 50 of them, that one and the first 49, and
// sends the reader to the goal's page for every one; the goal's page
// lists all 55.
func TestHomeScorecardBounded(t *testing.T) {
	dir := measuresSite(t, 55, func(i int) string {
		if i == 55 {
			return "50"
		}
		return "95"
	})
	out := build(t, dir, Options{})
	rows := regexp.MustCompile(`<th scope="row"><a href="(?:\.\./\.\./)?metrics/(m\d+)/">`)
	listed := func(p string) []string {
		var ids []string
		for _, m := range rows.FindAllStringSubmatch(string(out.Files[p]), -1) {
			ids = append(ids, m[1])
		}
		return ids
	}
	var want, all []string
	for i := 1; i <= 55; i++ {
		if i < 50 || i == 55 {
			want = append(want, fmt.Sprintf("m%02d", i))
		}
		all = append(all, fmt.Sprintf("m%02d", i))
	}
	if got := listed("index.html"); !slices.Equal(got, want) {
		t.Errorf("the home page lists %q; want %q", got, want)
	}
	if got := listed("goals/efficiency/index.html"); !slices.Equal(got, all) {
		t.Errorf("the goal's page lists %q; want every measure", got)
	}
	more := `<p class="scorecard-more">These are 50 of this goal's 55 measures: those off track first, then those at risk, then the others in order. Every one is on the page of <a href="goals/efficiency/">Delivering efficiencies</a>.</p>`
	if !strings.Contains(string(out.Files["index.html"]), more) {
		t.Errorf("the home page lacks %q", more)
	}
}

// TestChartOrder puts the measures needing attention first, each group
// in the table's order, and a measure with no figures among the rest.
func TestChartOrder(t *testing.T) {
	rows := []ScoreRow{
		row(model.OnTrack), row(model.OffTrack), {}, row(model.AtRisk), row(model.NoTarget), row(model.OffTrack), row(model.NotRated), row(model.AtRisk),
	}
	if got, want := chartOrder(rows), []int{1, 5, 3, 7, 0, 2, 4, 6}; !slices.Equal(got, want) {
		t.Errorf("chartOrder = %v; want %v", got, want)
	}
}

func row(s model.Status) ScoreRow { return ScoreRow{HasData: true, Rating: model.Rating{Status: s}} }

// TestMeasureChartsWithinCells makes every measure's chart a table of
// 1,000 cells: a page has room for three, the three off track, and says
// the other twelve are charted on their own pages.
func TestMeasureChartsWithinCells(t *testing.T) {
	orig := newFigure
	t.Cleanup(func() { newFigure = orig })
	newFigure = func(l *words.Lang, m *model.Metric, partnerID, id string) *chart.Figure {
		f := orig(l, m, partnerID, id)
		f.Table.Head = make([]string, 10)
		f.Table.Rows = make([]chart.Row, MaxChartCells/3/10)
		return f
	}
	dir := measuresSite(t, 15, func(i int) string {
		if i > 12 {
			return "50"
		}
		return "95"
	})
	out := build(t, dir, Options{})
	for _, p := range []string{"goals/efficiency/index.html", "services/svc/index.html", "partners/north/index.html"} {
		page := string(out.Files[p])
		got := slices.DeleteFunc(chartIDs(page), func(id string) bool { return id == "chart-savings" })
		if want := []string{"chart-m13", "chart-m14", "chart-m15"}; !slices.Equal(got, want) {
			t.Errorf("%s charts %q; want %q", p, got, want)
		}
		if !strings.Contains(page, " 12 more measures are charted on their own pages: see the table above.</p>") {
			t.Errorf("%s does not say that 12 more are charted on their own pages", p)
		}
	}
}
