package site

import (
	"os"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// writeMoneySite writes a site with a metric in £ millions, one in £
// thousands and one by month, as a finance table heads its columns.
func writeMoneySite(t *testing.T, perf string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":         "title: Money\nbase_url: https://example.org/\n",
		"data/partners.csv": "id,name,short_name,website,households,cost_share\nnorth,North Council,North,,40000,60\nsouth,South Council,South,,30000,40\n",
		"data/services.csv": "id,name,lead_partner,started,description\nict,ICT,north,01/04/2009,\n",
		"data/metrics.csv": "id,name,service,goal,unit,direction,target\n" +
			"spendm,Spend in millions,ict,efficiency,£m,lower,\n" +
			"spendk,Spend in thousands,ict,efficiency,£000,lower,\n" +
			"calls,Calls,ict,capacity,count,higher,\n",
		"data/performance.csv": "metric,period,partner,value\n" + perf,
	}
	sitetest.WriteFiles(t, dir, files)
	return dir
}

// TestMoneyAndMonthsAsDownloaded builds the site and reads each figure on
// its metric page and in the download: the same amount in both, pounds to
// no places or two, and the months in the order of the calendar. Before,
// £000 figures written to six places showed as £1,234.500, and October
// 2009 as "Oct 2009" beside "2009-09". A page shows every month one way;
// the download writes the one month that would read back as a year by
// name, "Oct 2009", so that the file reads back as it was.
func TestMoneyAndMonthsAsDownloaded(t *testing.T) {
	out := build(t, writeMoneySite(t,
		"spendm,2009/10,,\"999,999.99\"\n"+
			"spendk,2009/10,,1.234500\n"+
			"calls,2009-09,,10\ncalls,2009-10,,11\ncalls,2009-11,,12\n"), Options{})
	tests := []struct {
		file       string
		has, hasnt []string
	}{
		{"metrics/spendm/index.html", []string{`class="num">£999,999,990,000</td>`}, []string{"£999,999,990,000.0", "999,999,990,000,"}},
		{"metrics/spendk/index.html", []string{`class="num">£1,234.50</td>`}, []string{"£1,234.500", "£1,234.5<"}},
		{"metrics/calls/index.html", []string{">2009-09<", ">2009-10<", ">2009-11<"}, []string{"Oct 2009"}},
		{"data/performance.csv", []string{"spendm,2009/10,,999999990000,", "spendk,2009/10,,1234.5,", "calls,2009-09,", "calls,Oct 2009,"}, nil},
	}
	for _, tt := range tests {
		b, ok := out.Files[tt.file]
		if !ok {
			t.Errorf("no file %s", tt.file)
			continue
		}
		for _, s := range tt.has {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s lacks %q", tt.file, s)
			}
		}
		for _, s := range tt.hasnt {
			if strings.Contains(string(b), s) {
				t.Errorf("%s has %q", tt.file, s)
			}
		}
	}
}

// TestMoneyBeyondLimit builds a site whose £m figure is more than £1
// trillion: the build fails naming the cell, where before the page showed
// £999,999,999,999,000,064 and the download 999999999999000000.
func TestMoneyBeyondLimit(t *testing.T) {
	_, pl, err := Build(os.DirFS(writeMoneySite(t, "spendm,2009/10,,999999999999\n")), Options{})
	if err == nil {
		t.Fatal("the build did not fail")
	}
	want := `data/performance.csv:2: value "999999999999" in millions is £999999999999000000, more than the £1,000,000,000,000 a figure may be`
	found := false
	for _, p := range pl.All() {
		found = found || strings.HasPrefix(p.String(), want)
	}
	if !found {
		t.Errorf("no problem starts %q; got %v (%v)", want, pl.All(), err)
	}
}
