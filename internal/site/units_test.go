package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// unitCase is one unit's figures as metrics.csv and performance.csv give
// them, and how its latest figure must read, worked out by hand.
type unitCase struct {
	unit         string
	q1, q2       string // as written in performance.csv
	target       string
	table, prose string // the latest figure in a table and in a sentence
	attrs        string // the chart container's unit attributes
}

// The units with figures whose places decide the metric's precision: the
// most places any figure was written with (a target keeps its own).
var unitCases = []unitCase{
	// 46.5 and 47.5: one place.
	{"percent", "46.5", "47.5", "50", "47.5%", "47.5%",
		`data-unit-prefix="" data-unit-suffix="%" data-axis-places="1 1" data-places="1"`},
	// Whole pounds.
	{"gbp", "1200", "1234", "1500", "£1,234", "£1,234",
		`data-unit-prefix="£" data-unit-suffix="" data-axis-places="0 0" data-places="0"`},
	{"count", "1200", "1234", "1500", "1,234", "1,234",
		`data-unit-prefix="" data-unit-suffix="" data-axis-places="0 1" data-places="0"`},
	// 4.25 has two places, so 4.5 is shown 4.50 in the table.
	{"days", "4.5", "4.25", "5", "4.25 days", "4.25 days",
		`data-unit-prefix="" data-unit-suffix="" data-unit-forms="{&#34;other&#34;:&#34;{n} days&#34;,&#34;one&#34;:&#34;{n} day&#34;}" data-axis-places="0 1" data-places="2"`},
	// Whole hours: the latest, 1, is "1 hour".
	{"hours", "2", "1", "3", "1 hour", "1 hour",
		`data-unit-prefix="" data-unit-suffix="" data-unit-forms="{&#34;other&#34;:&#34;{n} hours&#34;,&#34;one&#34;:&#34;{n} hour&#34;}" data-axis-places="0 1" data-places="0"`},
	{"minutes", "12", "12.5", "10", "12.5 minutes", "12.5 minutes",
		`data-unit-prefix="" data-unit-suffix="" data-unit-forms="{&#34;other&#34;:&#34;{n} minutes&#34;,&#34;one&#34;:&#34;{n} minute&#34;}" data-axis-places="0 1" data-places="1"`},
	{"fte", "12", "12.5", "14", "12.5 FTE", "12.5 FTE",
		`data-unit-prefix="" data-unit-suffix=" FTE" data-unit-forms="{&#34;other&#34;:&#34;{n} FTE&#34;}" data-axis-places="0 1" data-places="1"`},
	{"score", "7", "7.25", "8", "7.25", "7.25",
		`data-unit-prefix="" data-unit-suffix="" data-axis-places="0 1" data-places="2"`},
}

// directionCase says what the pages of a direction's metrics must and
// must not say about which way is better.
type directionCase struct {
	dir     string
	must    []string // on every page of the direction's metrics
	metric  []string // on its metric pages too
	mustNot []string // compared in lower case
}

var directionCases = []directionCase{
	{"higher", []string{"Higher is better.", " before sharing and "}, []string{"<dt>Better is</dt><dd>Higher</dd>"},
		[]string{"lower is better"}},
	{"lower", []string{"Lower is better.", " before sharing and "}, []string{"<dt>Better is</dt><dd>Lower</dd>"},
		[]string{"higher is better"}},
	// A measure of context says no way is better, anywhere.
	{"neither", []string{"Not rated: a measure of context.", "Not rated"}, []string{"<dt>Rated</dt><dd>Not rated: a measure of context</dd>"},
		[]string{"higher is better", "lower is better", "better is", "which is better", "improving", "worsening", "<dt>at risk</dt>"}},
}

// writeUnitSite writes a site with one metric for each unit and direction:
// a goal, a service and a report for each direction, so that each page of
// those speaks of one direction only.
func writeUnitSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml": "title: Units\nbase_url: https://example.org/\ngoals:\n" +
			"  - id: higher\n    title: Higher goal\n    summary: Higher is the better way.\n" +
			"  - id: lower\n    title: Lower goal\n    summary: Lower is the better way.\n" +
			"  - id: neither\n    title: Context goal\n    summary: Context only.\n",
		"data/partners.csv": "id,name,short_name,website,households,cost_share\nnorth,North Council,North,,40000,60\nsouth,South Council,South,,30000,40\n",
	}
	// Each service became shared between the two quarters, so every
	// summary compares the figure before with the figure since.
	services := "id,name,lead_partner,started,description\n"
	metrics := "id,name,service,goal,unit,direction,target,amber,description,source\n"
	perf := "metric,period,partner,value,target,note\n"
	for _, d := range directionCases {
		services += fmt.Sprintf("%s,Service %s,,01/07/2024,\n", d.dir, d.dir)
		report := fmt.Sprintf("---\ntitle: Report %s\ndate: 2024-11-01\nperiod: 2024/25 Q2\n---\n", d.dir)
		for _, u := range unitCases {
			id := u.unit + "-" + d.dir
			metrics += fmt.Sprintf("%s,Measure %s,%s,%s,%s,%s,%s,,,\n", id, id, d.dir, d.dir, u.unit, d.dir, u.target)
			perf += fmt.Sprintf("%s,2024/25 Q1,,%s,,\n%s,2024/25 Q2,,%s,,\n", id, u.q1, id, u.q2)
			report += fmt.Sprintf("%s is {{< value metric=\"%s\" >}}.\n\n{{< chart metric=\"%s\" >}}\n\n", id, id, id)
		}
		files["content/reports/"+d.dir+".md"] = report
	}
	files["data/services.csv"] = services
	files["data/metrics.csv"] = metrics
	files["data/performance.csv"] = perf
	sitetest.WriteFiles(t, dir, files)
	return dir
}

// TestEveryUnitAndDirection builds a metric of every unit in every
// direction and reads every kind of page that shows them: each unit's
// figures in its format, each direction's words, and no page of a measure
// of context saying a way is better.
func TestEveryUnitAndDirection(t *testing.T) {
	out := build(t, writeUnitSite(t), Options{})
	page := func(p string) string {
		t.Helper()
		b, ok := out.Files[p]
		if !ok {
			t.Fatalf("no page %s", p)
		}
		return string(b)
	}
	cell := func(s string) string { return `class="num">` + s + `</td>` }
	home := page("index.html")
	for _, d := range directionCases {
		service, goal, report := page("services/"+d.dir+"/index.html"), page("goals/"+d.dir+"/index.html"), page("reports/"+d.dir+"/index.html")
		kinds := map[string]string{"service": service, "goal": goal, "report": report}
		for _, u := range unitCases {
			id := u.unit + "-" + d.dir
			metric := page("metrics/" + id + "/index.html")
			kinds["metric "+id] = metric
			for name, body := range map[string]string{"metric": metric, "service": service, "goal": goal, "home": home} {
				if !strings.Contains(body, cell(u.table)) {
					t.Errorf("%s page of %s lacks the latest figure as %q", name, id, cell(u.table))
				}
			}
			for name, body := range map[string]string{"metric": metric, "service": service, "goal": goal, "report": report} {
				if !strings.Contains(body, u.attrs) {
					t.Errorf("%s page of %s lacks the chart attributes %s", name, id, u.attrs)
				}
			}
			if want := id + " is " + u.prose + "."; !strings.Contains(report, want) {
				t.Errorf("report %s lacks %q", d.dir, want)
			}
			for _, want := range d.metric {
				if !strings.Contains(metric, want) {
					t.Errorf("metric page of %s lacks %q", id, want)
				}
			}
		}
		for name, body := range kinds {
			for _, want := range d.must {
				if !strings.Contains(body, want) {
					t.Errorf("%s page (%s) lacks %q", name, d.dir, want)
				}
			}
			lower := strings.ToLower(body)
			for _, bad := range d.mustNot {
				if i := strings.Index(lower, bad); i >= 0 {
					t.Errorf("%s page (%s) says %q: …%s…", name, d.dir, bad, body[max(0, i-80):min(len(body), i+80)])
				}
			}
		}
	}
}
