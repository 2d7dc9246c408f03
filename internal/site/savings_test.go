package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestSavingsAsPublished builds the councillor's case (published.txtar)
// and checks every derived figure against the hand-worked values:
// 500,000 (2019/20) + 500,000 carried (2020/21) + 1,300,000 (2021/22) =
// £2,300,000 to 2021/22, £1.3m a year by 2021/22 and never £1.8m; over
// 100,000 households, £23 each. One-off costs were never reported, and no
// split between the councils was published.
func TestSavingsAsPublished(t *testing.T) {
	dir, _ := unpack(t, "published.txtar")
	out := build(t, dir, Options{})
	page := func(p string) string { return string(out.Files[p]) }
	has := []struct{ file, want string }{
		{"index.html", "Net saving, 2019/20 to 2021/22</p>\n<p class=\"card-figure\">£2.3m</p>"},
		{"index.html", "From 2019/20 to 2021/22: savings of £2,300,000; one-off costs were not reported, so this is the saving before them. That is £23 for each household in the partnership."},
		{"index.html", "<p class=\"card-label\">Savings in 2021/22</p>\n<p class=\"card-figure\">£1.3m</p>\n<p>A recurring saving: made every year from 2021/22 on.</p>"},
		{"index.html", "In 2021/22 the partnership saved £1,300,000 a year, a recurring saving."},
		{"index.html", "The recurring saving of £500,000 for Shared services from 2019/20 is counted in 2020/21 too, as no later figure replaces it there."},
		{"index.html", `<th scope="row">2020/21</th><td data-label="Cost without sharing" class="num">–</td><td data-label="Actual cost" class="num">–</td><td data-label="Saving" class="num">£500,000, carried from 2019/20 (recurring)</td>`},
		{"index.html", `<td data-label="One-off costs" class="num">Not reported</td><td data-label="Net saving" class="num">£1,300,000</td><td data-label="Net saving to date" class="num">£2,300,000</td>`},
		{"partners/west/index.html", "<dt>Share of costs and savings</dt><dd>Not published</dd>"},
		{"partners/west/index.html", "<p>The partners have not published how costs and savings are shared, so no share is shown for each council."},
		{"partners/index.html", "The partners have not published how costs and savings are shared, so no share is shown for each council."},
		{"partners/index.html", `<td data-label="Share of costs and savings" class="num">Not published</td><td data-label="Households" class="num">60,000</td><td data-label="Net saving to 2021/22" class="num">–</td><td data-label="Per household" class="num">–</td>`},
		{"data/index.html", "Each partner&#39;s attributed savings by financial year. The partners have not published how costs and savings are shared, so no share is shown for each council."},
		// savings.csv: the carried year says so and points at line 2.
		{"data/savings.csv", "service,period,partner,baseline_cost,actual_cost,saving,target_saving,status,one_off_cost,net_saving,recurring,carried_from,note,source_file,source_line\n" +
			"shared,2019/20,,,,500000,,No target,,500000,yes,,\">£500,000 a year\",data/savings.csv,2\n" +
			"shared,2020/21,,,,500000,,No target,,500000,yes,2019/20,,data/savings.csv,2\n" +
			"shared,2021/22,,,,1300000,,No target,,1300000,yes,,\"£1.3m a year, including the £500,000 from 2019/20\",data/savings.csv,3\n"},
		{"data/savings-by-partner.csv", "partner,period,saving,target_saving,one_off_cost,one_off_cost_not_reported,net_saving,net_saving_to_date,net_saving_to_date_per_household,carried_saving,note\n"},
		{"data/partners.csv", "west,West Borough Council,West,,,60000,,,\n"},
	}
	for _, tt := range has {
		if !strings.Contains(page(tt.file), tt.want) {
			t.Errorf("%s lacks %q", tt.file, tt.want)
		}
	}
	for _, f := range []string{"index.html", "partners/west/index.html", "partners/index.html", "services/shared/index.html", "data/savings.csv", "data/savings-by-partner.csv"} {
		for _, bad := range []string{"1.8m", "1,800,000", "£0<", ">£0", ",0,"} {
			if strings.Contains(page(f), bad) {
				t.Errorf("%s has %q", f, bad)
			}
		}
	}
	if rows := strings.Count(page("data/savings-by-partner.csv"), "\n"); rows != 1 {
		t.Errorf("savings-by-partner.csv has %d lines, want the header alone", rows)
	}
	var js struct {
		Partners []struct {
			CostShare *json.Number `json:"cost_share"`
			Savings   []any        `json:"attributed_savings"`
		} `json:"partners"`
		Savings []map[string]any `json:"savings"`
	}
	if err := json.Unmarshal(out.Files["data/data.json"], &js); err != nil {
		t.Fatal(err)
	}
	for _, p := range js.Partners {
		if p.CostShare != nil || len(p.Savings) != 0 {
			t.Errorf("data.json partner: cost share %v, %d attributed years; want null and none", p.CostShare, len(p.Savings))
		}
	}
	if len(js.Savings) != 3 {
		t.Fatalf("data.json: %d years of savings, want 3", len(js.Savings))
	}
	carried := js.Savings[1]
	if carried["one_off_cost"] != nil || carried["one_off_cost_not_reported"] != true || carried["net_saving_to_date"] != 1000000.0 {
		t.Errorf("data.json 2020/21: %v", carried)
	}
	if c, ok := carried["carried"].([]any); !ok || len(c) != 1 || c[0].(map[string]any)["source_line"] != 2.0 || c[0].(map[string]any)["from"] != "2019/20" {
		t.Errorf("data.json 2020/21 carried: %v", carried["carried"])
	}

	// With cost shares, 60/40: West has 300,000 + 300,000 + 780,000 =
	// £1,380,000, over 60,000 households £23; East £920,000, £23.
	sitetest.Write(t, filepath.Join(dir, "data", "partners.csv"), "id,name,short_name,households,cost_share\nwest,West Borough Council,West,\"60,000\",60\neast,East District Council,East,\"40,000\",40\n")
	out = build(t, dir, Options{})
	for _, want := range []string{
		"west,2020/21,300000,,,yes,300000,600000,10,300000,Shared services carried from 2019/20 (data/savings.csv line 2)\n",
		"west,2021/22,780000,,,yes,780000,1380000,23,,\n",
		"east,2021/22,520000,,,yes,520000,920000,23,,\n",
	} {
		if !strings.Contains(string(out.Files["data/savings-by-partner.csv"]), want) {
			t.Errorf("savings-by-partner.csv lacks %q:\n%s", want, out.Files["data/savings-by-partner.csv"])
		}
	}
	if p := string(out.Files["partners/index.html"]); !strings.Contains(p, `<td data-label="Share of costs and savings" class="num">60%</td><td data-label="Households" class="num">60,000</td><td data-label="Net saving to 2021/22" class="num">£1,380,000</td><td data-label="Per household" class="num">£23</td>`) {
		t.Errorf("partners page lacks West's £1,380,000 and £23")
	}
}

// TestSavingsGapInWords: a year with no figure inside a span is said on
// the page and in the download, and left out of the sums with the span
// saying so: 500,000 + 600,000 less the 50,000 reported = £1,050,000.
func TestSavingsGapInWords(t *testing.T) {
	dir, _ := unpack(t, "published.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "savings.csv"), "service,period,saving,one_off_cost,recurring\n"+
		"shared,2019/20,\"£500,000\",0,no\n"+
		"shared,2021/22,\"£600,000\",\"£50,000\",\n")
	out := build(t, dir, Options{})
	home := string(out.Files["index.html"])
	for _, want := range []string{
		"Net saving, 2019/20 to 2021/22 (no figure was published for 2020/21, so it is not counted)</p>\n<p class=\"card-figure\">£1.1m</p>",
		`<th scope="row">2020/21</th><td data-label="Cost without sharing" class="num">–</td><td data-label="Actual cost" class="num">–</td><td data-label="Saving" class="num">No figure was published</td>`,
		`<td data-label="Net saving to date" class="num">£1,050,000</td>`,
		"Key: no figure was published for 2020/21, so it is not counted in the totals.",
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if csv := string(out.Files["data/savings.csv"]); !strings.Contains(csv, "shared,2020/21,,,,,,Not rated,,,,,No figure was published.,,\n") ||
		!strings.Contains(csv, "shared,2019/20,,,,500000,,No target,0,500000,no,,,data/savings.csv,2\n") {
		t.Errorf("savings.csv:\n%s", csv)
	}
}

// TestSavingsShortcodeWithoutShares: asking for a partner's savings where
// no cost shares are published names the file and what to do.
func TestSavingsShortcodeWithoutShares(t *testing.T) {
	dir, _ := unpack(t, "published.txtar")
	sitetest.Write(t, filepath.Join(dir, "content", "reports", "r.md"), "---\ntitle: R\ndate: 2022-05-01\n---\n\n{{< savings partner=\"west\" >}}\n")
	_, pl, _ := Build(os.DirFS(dir), Options{})
	want := `content/reports/r.md:6: shortcode savings: partner "west": cost_share is empty in data/partners.csv, so savings are not split by partner; leave out the partner, or give every partner's cost_share`
	var got []string
	for _, p := range pl.All() {
		if !p.Warning {
			got = append(got, p.String())
		}
	}
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems %q, want %q", got, want)
	}
}
