package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/money"
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
	tests := []fileWants{
		{"metrics/spendm/index.html", []string{`class="num">£999,999,990,000</td>`}, []string{"£999,999,990,000.0", "999,999,990,000,"}},
		{"metrics/spendk/index.html", []string{`class="num">£1,234.50</td>`}, []string{"£1,234.500", "£1,234.5<"}},
		{"metrics/calls/index.html", []string{">2009-09<", ">2009-10<", ">2009-11<"}, []string{"Oct 2009"}},
		{"data/performance.csv", []string{"spendm,2009/10,,999999990000,", "spendk,2009/10,,1234.5,", "calls,2009-09,", "calls,Oct 2009,"}, nil},
	}
	checkFiles(t, out, tests)
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

// TestMoneyInOneForm builds savings whose per household figures are £2.25
// and exactly £2 to the penny, with a net cost and a partnership net
// saving with pence, and reads the pages as a resident would: a column of
// amounts with the same places in every cell, headlines in whole pounds, a
// true minus sign in a table, "a net cost of" in a sentence, and the
// downloads in plain decimals.
//
// By hand: ICT saves 1,000,000 − 800,000 = £200,000 against £150,000 with
// no one-off cost. Revenues and benefits saves 200,000 − 100,000.40 =
// £99,999.60 less £150,000 one-off: a net cost of £50,000.40. Together,
// £299,999.60 saved and a net saving of £149,999.60. North's 60%:
// 120,000 − 30,000.24 = £89,999.76, over 40,000 households £2.249994, so
// £2.25; South's 40%: 80,000 − 20,000.16 = £59,999.84, over 30,000
// households £1.9999947, so £2.00 beside North's £2.25 (and £2 in South's
// own table, where it stands alone). The partnership's 70,000 households:
// £2.1428514, to the pound £2.
func TestMoneyInOneForm(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "savings.csv"), "service,period,partner,baseline_cost,actual_cost,target_saving,one_off_cost,note\n"+
		"ict,2023/24,,1000000,800000,150000,0,\n"+
		"rb,2023/24,,200000,100000.40,,150000,\n")
	out := build(t, dir, Options{})
	cell := func(label, s string) string { return `data-label="` + label + `" class="num">` + s + `</td>` }
	tests := []fileWants{
		{"partners/index.html", []string{
			cell("Net saving to 2023/24", "£89,999.76"), cell("Net saving to 2023/24", "£59,999.84"),
			// One column, one number of places: £2.00 beside £2.25, not £2.
			cell("Per household", "£2.25"), cell("Per household", "£2.00"),
		}, []string{cell("Per household", "£2")}},
		{"services/index.html", []string{
			cell("Net saving to 2023/24", "£200,000.00"), cell("Net saving to 2023/24", "−£50,000.40"),
		}, []string{"-£"}},
		{"index.html", []string{
			// The headline card: whole pounds, never pence.
			`<p class="card-figure">£150,000</p>`,
			"savings of £299,999.60 against targets of £150,000, less one-off costs of £150,000.",
			"That is £2 for each household in the partnership.",
			// The table beside it, to the penny, and its sentence as the table.
			cell("Net saving to date", "£149,999.60"),
			"In 2023/24 the partnership saved £299,999.60 against a target of £150,000: On track. After one-off costs of £150,000, that is a net saving of £149,999.60.",
			`title="On track: at or above the target of £150,000"`,
		}, []string{"£149,999.6<", "card-figure\">£149,999.60", "-£"}},
		{"services/rb/index.html", []string{
			cell("Net saving", "−£50,000.40"), cell("Saving", "£99,999.60"),
			"In 2023/24 Revenues and benefits saved £99,999.60. After one-off costs of £150,000, that is a net cost of £50,000.40.",
		}, []string{"-£", "net saving of −", "net saving of -"}},
		{"partners/north/index.html", []string{
			`<p class="card-figure">£90,000</p>`, `<p class="card-figure">£2</p>`,
			cell("Per household to date", "£2.25"),
			"That is £2.25 for each of North&#39;s 40,000 households.",
		}, []string{"-£"}},
		{"partners/south/index.html", []string{
			// South's own table has the one whole amount in its column,
			// so whole pounds there and in its sentence.
			`<p class="card-figure">£60,000</p>`, cell("Per household to date", "£2"),
			"That is £2 for each of South&#39;s 30,000 households.",
		}, nil},
		// Downloads stay machine-readable: plain decimals, a hyphen.
		{"data/savings-by-partner.csv", []string{"north,2023/24,179999.76,90000,90000,no,89999.76,89999.76,2.25,", "south,2023/24,119999.84,60000,60000,no,59999.84,59999.84,2,"}, []string{"£", "−"}},
	}
	checkFiles(t, out, tests)
	for name, b := range out.Files {
		if (strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".json")) && strings.Contains(string(b), money.Minus) {
			t.Errorf("%s has a minus sign; downloads keep the hyphen", name)
		}
	}
}
