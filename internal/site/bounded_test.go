package site

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/sitetest"
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
	dir := t.TempDir()
	metrics := "id,name,service,goal,unit,direction,target,amber,description,source\n"
	perf := "metric,period,partner,value,target,note\n"
	for i := 1; i <= 15; i++ {
		value := "95" // on track
		switch {
		case i == 12:
			value = "87" // at risk: within 5 points of 90
		case i > 12:
			value = "50" // off track
		}
		metrics += fmt.Sprintf("m%02d,Measure %d,svc,efficiency,percent,higher,90,5,,Test\n", i, i)
		perf += fmt.Sprintf("m%02d,2024/25 Q1,north,93,,\nm%02d,2024/25 Q2,north,%s,,\n", i, i, value)
	}
	sitetest.WriteFiles(t, dir, map[string]string{
		"site.yaml":            "title: Bounded\nbase_url: https://example.org/\n",
		"data/partners.csv":    "id,name,short_name,households,cost_share\nnorth,North Council,North,1000,100\n",
		"data/services.csv":    "id,name,lead_partner,started,description\nsvc,Shared service,north,01/04/2024,A service.\n",
		"data/metrics.csv":     metrics,
		"data/performance.csv": perf,
		"data/savings.csv":     "service,period,partner,baseline_cost,actual_cost,target_saving,one_off_cost,note\nsvc,2024/25,,\"£1,000\",\"£900\",\"£50\",,\n",
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
