package site

import (
	"bytes"
	"compress/gzip"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/partnersite/partnersite/internal/synth"
)

// The weight every page of a site keeps to, however large the site: what
// it transfers, gzipped, and what a browser parses.
const (
	maxPageGzip = 200 << 10
	maxPageRaw  = 1 << 20
)

// TestNoPageGrowsWithTheData builds a site of 1,000 metrics reported by
// 30 partners and holds every page to maxPageGzip and maxPageRaw; the
// goal, service and partner pages chart at most MaxMeasureCharts of their
// measures within MaxChartCells, and say how many more there are.
func TestNoPageGrowsWithTheData(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 1,000 metrics")
	}
	dir := t.TempDir()
	// Two quarters keep the test quick: a goal's, service's or partner's
	// page grows with its measures and partners, which are all here; the
	// periods only lengthen each chart's table, which MaxChartCells bounds.
	if err := synth.Write(dir, synth.Options{Metrics: 1000, Partners: 30, Quarters: 2, Seed: 21}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	largest := map[string][3]int{} // kind -> raw, gzipped, charts of its largest page
	gzips := sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestCompression); return w }}
	// Each page is weighed as it is written, on the goroutine that drew it.
	check := func(p string, page []byte) error {
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		var z bytes.Buffer
		gz := gzips.Get().(*gzip.Writer)
		gz.Reset(&z)
		gz.Write(page)
		gz.Close()
		gzips.Put(gz)
		if len(page) > maxPageRaw || z.Len() > maxPageGzip {
			t.Errorf("%s is %d bytes, %d gzipped; the budget is %d and %d", p, len(page), z.Len(), maxPageRaw, maxPageGzip)
		}
		kind, _, _ := strings.Cut(p, "/")
		if (kind == "goals" || kind == "services" || kind == "partners") && p != kind+"/index.html" {
			checkMeasureCharts(t, p, string(page))
		}
		mu.Lock()
		if len(page) > largest[kind][0] {
			largest[kind] = [3]int{len(page), z.Len(), len(chartIDs(string(page)))}
		}
		mu.Unlock()
		return nil
	}
	made, _ := countFigures(t)
	if _, _, err := Build(os.DirFS(dir), Options{Write: check}); err != nil {
		t.Fatal(err)
	}
	whole, parts := 0, 0
	for k, n := range made {
		if n != 1 {
			t.Errorf("%s (partner %q) made %d times; want once", k.m.ID, k.partner, n)
		}
		if k.partner == "" {
			whole++
		} else {
			parts++
		}
	}
	// Each metric's chart once, and the partner pages' charts of one
	// partner's figures, at most MaxMeasureCharts a page.
	if whole != 1000 || parts > 30*MaxMeasureCharts {
		t.Errorf("%d charts of every partner and %d of one made; want 1,000 and at most %d", whole, parts, 30*MaxMeasureCharts)
	}
	t.Logf("charts made: %d of every partner, %d of one", whole, parts)
	for _, kind := range []string{"index.html", "goals", "services", "partners", "metrics", "embed"} {
		l := largest[kind]
		t.Logf("largest page in %s: %d bytes, %d gzipped, %d charts", kind, l[0], l[1], l[2])
	}
}

var (
	tableRow  = regexp.MustCompile(`<tr><th scope="row">`)
	tableCol  = regexp.MustCompile(`<th scope="col"`)
	scoreRow  = regexp.MustCompile(`<th scope="row"><a href="../../metrics/`)
	moreWords = regexp.MustCompile(`([\d,]+) more measures? (?:is|are) charted on`)
)

// checkMeasureCharts holds a goal's, service's or partner's page to its
// bounds: at most MaxMeasureCharts charts of measures, their tables within
// MaxChartCells, and a sentence counting every measure in its table that
// it does not chart.
func checkMeasureCharts(t *testing.T, p, page string) {
	charts, cells := 0, 0
	for _, fig := range strings.Split(page, `<figure class="figure`)[1:] {
		if strings.Contains(fig[:200], `id="chart-savings"`) {
			continue
		}
		charts++
		table := fig[strings.Index(fig, "<table"):strings.Index(fig, "</table>")]
		head, _, _ := strings.Cut(table, "</thead>")
		cells += len(tableCol.FindAllStringIndex(head, -1)) * len(tableRow.FindAllStringIndex(table, -1))
	}
	if charts == 0 || charts > MaxMeasureCharts || cells > MaxChartCells {
		t.Errorf("%s charts %d measures in %d table cells; at least 1 and at most %d in %d", p, charts, cells, MaxMeasureCharts, MaxChartCells)
	}
	more := 0
	if m := moreWords.FindStringSubmatch(page); m != nil {
		more, _ = strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	}
	if rows := len(scoreRow.FindAllStringIndex(page, -1)); charts+more != rows {
		t.Errorf("%s charts %d measures and says %d more, of %d in its table", p, charts, more, rows)
	}
}
