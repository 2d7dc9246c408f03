// Package synth writes large synthetic partnership sites for benchmarks and
// scale tests. Everything is derived from a seed, so the same options give
// byte-identical files: timings compare like with like, run after run.
//
// A site has N report pages of council-report markdown (about 650 words
// each, with headings, lists and a table), and data at scale: partners,
// services, metrics with quarterly figures per partner, and savings.
package synth

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size a synthetic site.
type Options struct {
	Pages    int    // report pages under content/FOLDER/
	Folder   string // where the pages go: "reports" when empty, or a folder of the site's own such as "library"
	Metrics  int    // rows of metrics.csv
	Quarters int    // quarters of figures per metric and partner
	Partners int    // partners, each reporting every metric
	// Figures makes each page a quarterly report with figures: a period
	// (the latest quarter for the first page, the one before for the
	// second, and so on), a scorecard and one metric's chart, as a
	// committee's report has. Without it the pages are prose alone, and
	// the benchmarks of many pages measure the pages, not the figures.
	Figures bool
	Seed    uint64
}

// Default is the data scale the issue names: 200 metrics over 40 quarters
// for 3 partners (24,000 figures).
func Default(pages int) Options {
	return Options{Pages: pages, Metrics: 200, Quarters: 40, Partners: 3, Seed: 2026}
}

// Loader is the 500,000-row performance.csv variant for the loader
// benchmark: 2,500 metrics, 40 quarters, 5 partners.
func Loader() Options {
	return Options{Metrics: 2500, Quarters: 40, Partners: 5, Seed: 2026}
}

// Rows is the number of performance.csv rows a site has.
func (o Options) Rows() int { return o.Metrics * o.Quarters * o.Partners }

// Write creates the site in dir.
func Write(dir string, o Options) error {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return err
	}
	folder := o.Folder
	if folder == "" {
		folder = "reports"
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", folder), 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"site.yaml":        "title: Synthetic partnership\nbase_url: https://synthetic.example.org/\nnotice: Synthetic data for benchmarks.\n",
		"content/index.md": "A synthetic partnership site used to measure partnersite at scale.\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	if err := writeData(dir, o, r); err != nil {
		return err
	}
	for i := range o.Pages {
		page := Page(r, i)
		if o.Figures {
			page = withFigures(page, o, i)
		}
		if err := os.WriteFile(filepath.Join(dir, "content", folder, fmt.Sprintf("report-%05d.md", i+1)), []byte(page), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// withFigures makes page i a report of a quarter with a scorecard and a
// chart: page 0 reports the latest quarter of the data, page 1 the one
// before, and so on back to the first, then round again.
func withFigures(page string, o Options, i int) string {
	q := o.Quarters - 1 - i%o.Quarters
	startYear := 2026 - (o.Quarters+3)/4
	period := quarter(startYear, q)
	front, body, _ := strings.Cut(strings.TrimPrefix(page, "---\n"), "\n---\n")
	return fmt.Sprintf("---\n%s\nperiod: %s\n---\n\n## Scorecard\n\n{{< scorecard >}}\n\n## Measure %d\n\n{{< chart metric=\"metric-%04d\" >}}\n%s",
		front, period, i%o.Metrics+1, i%o.Metrics+1, body)
}

// quarter is the q'th quarter (from 0) of the financial years from
// startYear: "2016/17 Q1".
func quarter(startYear, q int) string {
	return fmt.Sprintf("%d/%02d Q%d", startYear+q/4, (startYear+q/4+1)%100, q%4+1)
}

var services = []string{"ict", "revenues-benefits", "business-improvement", "print-design", "legal", "procurement", "hr-payroll", "waste"}

func writeData(dir string, o Options, r *rand.Rand) error {
	create := func(name string) (*os.File, *bufio.Writer, error) {
		f, err := os.Create(filepath.Join(dir, "data", name))
		if err != nil {
			return nil, nil, err
		}
		return f, bufio.NewWriterSize(f, 1<<20), nil
	}
	var b strings.Builder
	b.WriteString("id,name,short_name,households,cost_share\n")
	// Shares in ten-thousandths of a percent, the last taking the rest, so
	// that they total exactly 100 as the loader demands.
	share := 1_000_000 / o.Partners
	for p := range o.Partners {
		s := share
		if p == o.Partners-1 {
			s = 1_000_000 - share*(o.Partners-1)
		}
		fmt.Fprintf(&b, "council-%d,Council %d,C%d,%d,%d.%04d\n", p+1, p+1, p+1, 30000+r.IntN(40000), s/10000, s%10000)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "partners.csv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	b.Reset()
	b.WriteString("id,name,lead_partner,started,description\n")
	for _, s := range services {
		fmt.Fprintf(&b, "%s,%s,council-1,01/04/2020,The shared %s service.\n", s, strings.ReplaceAll(s, "-", " "), s)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "services.csv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	goals := []string{"efficiency", "resilience", "capacity"}
	units := []struct{ unit, dir string }{{"percent", "higher"}, {"days", "lower"}, {"gbp", "lower"}, {"count", "higher"}}
	b.Reset()
	b.WriteString("id,name,service,goal,unit,direction,target,description,source\n")
	targets := make([]float64, o.Metrics)
	for m := range o.Metrics {
		u := units[m%len(units)]
		targets[m] = []float64{95, 18, 74, 40}[m%len(units)]
		fmt.Fprintf(&b, "metric-%04d,Measure %d of the shared services,%s,%s,%s,%s,%g,\"A synthetic measure, number %d.\",Synthetic\n",
			m+1, m+1, services[m%len(services)], goals[m%len(goals)], u.unit, u.dir, targets[m], m+1)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "metrics.csv"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	f, w, err := create("performance.csv")
	if err != nil {
		return err
	}
	w.WriteString("metric,period,partner,value,target,note\n")
	startYear := 2026 - (o.Quarters+3)/4
	for m := range o.Metrics {
		for q := range o.Quarters {
			period := quarter(startYear, q)
			for p := range o.Partners {
				v := targets[m] * (0.9 + 0.2*r.Float64())
				if units[m%len(units)].unit == "percent" {
					v = min(v, 100)
				}
				note := ""
				if r.IntN(50) == 0 {
					note = "Figure affected by a system change"
				}
				fmt.Fprintf(w, "metric-%04d,%s,council-%d,%.1f,,%s\n", m+1, period, p+1, v, note)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b.Reset()
	b.WriteString("service,period,partner,baseline_cost,actual_cost,target_saving,one_off_cost,note\n")
	for _, s := range services {
		for y := 2020; y < 2026; y++ {
			base := 1_000_000 + r.IntN(3_000_000)
			fmt.Fprintf(&b, "%s,%d/%02d,,\"£%d\",\"£%d\",\"£%d\",,\n", s, y, (y+1)%100, base, base-r.IntN(base/8), base/12)
		}
	}
	return os.WriteFile(filepath.Join(dir, "data", "savings.csv"), []byte(b.String()), 0o644)
}

var (
	subjects = []string{"The shared ICT service", "The revenues and benefits team", "The partnership board", "Business improvement",
		"The print and design unit", "The joint committee", "Customer services", "The procurement team"}
	verbs   = []string{"delivered", "reviewed", "reduced", "improved", "completed", "agreed", "monitored", "reported on"}
	objects = []string{"the time taken to process new claims", "the availability of core systems", "the number of single points of failure",
		"the cost per case", "the backlog of changes of circumstances", "the council tax collection rate", "the savings plan for the year",
		"the vacancy rate across the shared services", "the roll-out of new laptops", "the migration to the shared data centre"}
	tails = []string{"in line with the plan agreed by both councils", "ahead of the target set in the business case",
		"despite two long-term vacancies in the team", "after consultation with staff and unions", "within the approved budget",
		"following the review by internal audit", "as reported to the joint committee in June"}
)

func sentence(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s %s.", subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))], tails[r.IntN(len(tails))])
}

func paragraph(r *rand.Rand, n int) string {
	s := make([]string, n)
	for i := range s {
		s[i] = sentence(r)
	}
	return strings.Join(s, " ")
}

// Page is one report page of about 650 words of council-report markdown.
func Page(r *rand.Rand, i int) string {
	var b strings.Builder
	year := 2015 + i%11
	q := i%4 + 1
	fmt.Fprintf(&b, "---\ntitle: \"Quarter %d %d/%02d report %d\"\ndate: %d-%02d-%02d\nsummary: %s\n---\n\n",
		q, year, (year+1)%100, i+1, year+1, 1+i%12, 1+i%28, sentence(r))
	fmt.Fprintf(&b, "## Summary\n\n%s\n\n%s\n\n", paragraph(r, 5), paragraph(r, 4))
	b.WriteString("## Key points\n\n")
	for range 6 {
		fmt.Fprintf(&b, "- %s\n", sentence(r))
	}
	b.WriteString("\n## Performance\n\n| Measure | Target | Actual | Status |\n|---|---:|---:|---|\n")
	for j := range 6 {
		t := 90 + r.IntN(10)
		a := t - 3 + r.IntN(6)
		status := "On track"
		if a < t {
			status = "At risk"
		}
		fmt.Fprintf(&b, "| %s | %d%% | %d%% | %s |\n", strings.TrimPrefix(objects[(i+j)%len(objects)], "the "), t, a, status)
	}
	fmt.Fprintf(&b, "\n## Resilience\n\n%s\n\n1. %s\n2. %s\n3. %s\n\n", paragraph(r, 6), sentence(r), sentence(r), sentence(r))
	fmt.Fprintf(&b, "## Next steps\n\n%s\n\n%s\n", paragraph(r, 6), paragraph(r, 5))
	return b.String()
}
