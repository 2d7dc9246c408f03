package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/partnersite/partnersite/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// unpack writes a txtar site from testdata to a real folder on disk.
func unpack(t *testing.T, name string) (string, map[string]string) {
	t.Helper()
	return sitetest.Unpack(t, filepath.Join("testdata", name))
}

// fileWants is what one built file must hold, and must not.
type fileWants struct {
	file       string
	has, hasnt []string
}

// checkFiles holds each file of a build to its wants.
func checkFiles(t *testing.T, out *Output, wants []fileWants) {
	t.Helper()
	for _, w := range wants {
		b, ok := out.Files[w.file]
		if !ok {
			t.Errorf("no file %s", w.file)
			continue
		}
		for _, s := range w.has {
			if !strings.Contains(string(b), s) {
				t.Errorf("%s lacks %q", w.file, s)
			}
		}
		for _, s := range w.hasnt {
			if strings.Contains(string(b), s) {
				t.Errorf("%s has %q", w.file, s)
			}
		}
	}
}

func build(t *testing.T, dir string, opts Options) *Output {
	t.Helper()
	out, pl, err := Build(os.DirFS(dir), opts)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	for _, p := range pl.All() {
		t.Logf("%s", p)
	}
	return out
}

func TestGolden(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	var a txtar.Archive
	a.Comment = []byte("Every file built from small.txtar except assets/. Regenerate with -update.\n")
	for _, p := range out.Paths() {
		if !strings.HasPrefix(p, "assets/") {
			a.Files = append(a.Files, txtar.File{Name: p, Data: out.Files[p]})
		}
	}
	got := txtar.Format(&a)
	golden := filepath.Join("testdata", "small.golden.txtar")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		wa := txtar.Parse(want)
		wantFiles := map[string][]byte{}
		for _, f := range wa.Files {
			wantFiles[f.Name] = f.Data
		}
		for _, f := range a.Files {
			if w, ok := wantFiles[f.Name]; !ok {
				t.Errorf("new file %s", f.Name)
			} else if !bytes.Equal(w, f.Data) {
				t.Errorf("%s differs from the golden file:\n%s", f.Name, firstDiff(string(w), string(f.Data)))
			}
			delete(wantFiles, f.Name)
		}
		for name := range wantFiles {
			t.Errorf("missing file %s", name)
		}
		t.Log("if the change is intended, run go test ./internal/site -run TestGolden -update and review the diff")
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n-want: %s\n+got:  %s", i+1, w, g)
		}
	}
	return ""
}

// TestFigures checks the figures a reader sees on the built pages against
// values worked out by hand from small.txtar.
func TestFigures(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	page := func(p string) string { return string(out.Files[p]) }
	tests := []struct{ file, want string }{
		// Savings: 2023/24 ict 100,000 less 20,000 one-off = 80,000;
		// 2024/25 ict 150,000 plus rb (north) 50,000 = 200,000.
		{"index.html", `<p class="card-figure">£280,000</p>`},
		// Households 70,000: 280,000 / 70,000 = £4 exactly, shown without pence as the download gives it.
		{"index.html", "That is £4 for each household in the partnership."},
		{"index.html", "Availability was 99.0% (<span class=\"status at-risk\" title=\"At risk: within 0.5 points of the target of 99.5%\">At risk</span>)."},
		// North: 60% of ict (48,000 net in 2023/24, 90,000 in 2024/25)
		// plus its own rb 50,000: 188,000; per household / 40,000 = 4.70.
		{"partners/north/index.html", "£188,000"},
		{"partners/north/index.html", "£4.70"},
		// North's share: 188,000 / 280,000 = 67.14% -> 67.1%.
		{"partners/north/index.html", "67.1% of the partnership's net saving to date"},
		// South: 40% of 80,000 + 40% of 150,000 = 92,000; / 30,000 = 3.066… -> £3.07.
		{"partners/index.html", `<td data-label="Net saving to 2024/25" class="num">£92,000</td><td data-label="Per household" class="num">£3.07</td>`},
		{"reports/q2/index.html", "South took 21.0 days against\n20 days."},
		{"reports/q2/index.html", "In July to September 2024 (2024/25 Q2), days to process claims in South was 21.0 days against a target of 20 days: At risk, worsening from 19.0 days in 2024/25 Q1."},
		{"metrics/claims/index.html", `<td data-label="South" class="num">21.0 days</td><td data-label="South target" class="num">20 days</td>`},
		{"metrics/spend/index.html", "No target"},
		// Claims, per partner: the title and the scorecard speak of both.
		// North 17 -> 16.5 days, lower is better: improving, on track
		// against 18; South 19 -> 21: worsening, at risk against 20.
		{"metrics/claims/index.html", `<span class="figure-title">Days to process claims: South just short of the target of 20 days, North meeting the target of 18 days</span>`},
		{"goals/efficiency/index.html", `<td data-label="Direction of travel">North: Improving; South: Worsening</td>`},
		// 2024/25's one-off costs were not reported (empty cells): an empty
		// cell, marked as such, never 0.
		{"data/savings-by-partner.csv", "north,2024/25,140000,132000,,yes,140000,188000,4.70,,\n"},
		{"data/performance.csv", "claims,2024/25 Q2,south,21,,20,1,At risk,At risk: within 1 day of the target of 20 days,Worsening,Staff shortage.,data/performance.csv,9\n"},
	}
	for _, tt := range tests {
		if !strings.Contains(page(tt.file), tt.want) {
			t.Errorf("%s lacks %q", tt.file, tt.want)
		}
	}
}

// TestDeterministic builds the same input twice, on one core and on four,
// and expects identical bytes.
func TestDeterministic(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	prev := runtime.GOMAXPROCS(1)
	a := build(t, dir, Options{})
	runtime.GOMAXPROCS(4)
	b := build(t, dir, Options{})
	runtime.GOMAXPROCS(prev)
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Fatalf("different files: %v vs %v", a.Paths(), b.Paths())
	}
	for _, p := range a.Paths() {
		if !bytes.Equal(a.Files[p], b.Files[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
	// Streaming files to Options.Write gives the same files.
	var mu sync.Mutex
	streamed := map[string][]byte{}
	if _, _, err := Build(os.DirFS(dir), Options{Write: func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		streamed[name] = bytes.Clone(data)
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(streamed, a.Files, bytes.Equal) {
		t.Error("streamed output differs from the output held in memory")
	}
	// So does rendering each file on request, as the preview server does.
	live, _, err := Open(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Paths() {
		got, probs, ok, err := live.File(p)
		if !ok || err != nil || len(probs) > 0 || !bytes.Equal(got, a.Files[p]) {
			t.Errorf("%s rendered on request differs (ok %v, err %v, problems %v)", p, ok, err, probs)
		}
	}
}

func TestPortable(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{Portable: true})
	home := string(out.Files["index.html"])
	for _, want := range []string{`href="reports/index.html"`, `href="index.html"`, `href="metrics/uptime/index.html"`} {
		if !strings.Contains(home, want) {
			t.Errorf("portable home page lacks %s", want)
		}
	}
	metric := string(out.Files["metrics/uptime/index.html"])
	if !strings.Contains(metric, `href="../../index.html"`) || !regexp.MustCompile(`href="../../assets/site\.[0-9a-f]{10}\.css"`).MatchString(metric) {
		t.Error("portable metric page does not link relatively with index.html")
	}
}

// TestLinksAreRelative checks no page links to the site by absolute path
// and nothing is loaded from another host.
func TestLinksAreRelative(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	attr := regexp.MustCompile(`(href|src)="([^"]*)"`)
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		for _, m := range attr.FindAllStringSubmatch(string(out.Files[p]), -1) {
			u := m[2]
			if strings.HasPrefix(u, "/") {
				t.Errorf("%s: root-absolute link %s", p, u)
			}
			if m[1] == "src" && strings.Contains(u, "://") {
				t.Errorf("%s loads %s from another host", p, u)
			}
		}
	}
}

func TestErrors(t *testing.T) {
	dir, want := unpack(t, "errors.txtar")
	_, pl, err := Build(os.DirFS(dir), Options{})
	if err == nil {
		t.Fatal("build succeeded; want errors")
	}
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	wantLines := strings.Split(strings.TrimSpace(want["want-problems"]), "\n")
	if !slices.Equal(got, wantLines) {
		t.Errorf("problems:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"=1+2": "'=1+2", "+1": "'+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "North": "North", "": "", "1-2": "1-2"} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMoneyPageMatchesDownload builds savings whose float64 sum is
// 601.4999…, split between partners in thirds, and checks that the page
// and the downloads give the same figures, and that the partners' parts add
// up to the whole.
func TestMoneyPageMatchesDownload(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "partners.csv"), "id,name,cost_share\nnorth,North,33.3334\nsouth,South,33.3333\neast,East,33.3333\n")
	sitetest.Write(t, filepath.Join(dir, "data", "savings.csv"), "service,period,partner,baseline_cost,actual_cost\n"+
		"ict,2024/25,,£100.10,0\nrb,2024/25,,£200.20,0\nict,2023/24,,£300.30,£300.30\n"+
		"rb,2023/24,,£0.90,0\n")
	// 2023/24: 0 + 0.90 = £0.90; 2024/25: 100.10 + 200.20 = £300.30.
	// Add £300.30 of 2023/24 baseline and actual: no saving, exactly.
	out := build(t, dir, Options{})
	page := string(out.Files["index.html"])
	// The card is a headline, in whole pounds; the table beside it, to
	// the penny, as the download.
	if !strings.Contains(page, `<p class="card-figure">£301</p>`) {
		t.Errorf("home page card lacks the net saving £301 (0.90 + 100.10 + 200.20, to the pound)")
	}
	if !strings.Contains(page, `class="num">£301.20</td>`) {
		t.Errorf("home page table lacks the net saving £301.20 (0.90 + 100.10 + 200.20)")
	}
	// Each row splits by largest remainder, in pence since none is whole
	// pounds: £100.10 → 33.37 + 33.37 + 33.36; £200.20 → 66.74 + 66.73 +
	// 66.73; £0.90 → 0.30 each.
	csv := string(out.Files["data/savings-by-partner.csv"])
	for _, want := range []string{
		"north,2024/25,100.11,,,yes,100.11,100.41,,,\n",
		"south,2024/25,100.10,,,yes,100.10,100.40,,,\n",
		"east,2024/25,100.09,,,yes,100.09,100.39,,,\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("savings-by-partner.csv lacks %q:\n%s", want, csv)
		}
	}
	partners := string(out.Files["partners/index.html"])
	for _, want := range []string{"£100.41", "£100.40", "£100.39"} {
		if !strings.Contains(partners, want) {
			t.Errorf("partners page lacks %s, the download's figure", want)
		}
	}
}

// TestScorecardNamesEveryWorstPartner: when partners tie for the worst
// status, the row names each of them, not only the first in partners.csv.
func TestScorecardNamesEveryWorstPartner(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "partners.csv"), "id,name,short_name,cost_share\nnorth,North Council,North,40\nsouth,South Council,South,30\neast,East Council,East,30\n")
	// Claims against 18 days, amber 0.9: North 17 on track; South 25 and
	// East 30 both off track.
	sitetest.Write(t, filepath.Join(dir, "data", "performance.csv"), "metric,period,partner,value\n"+
		"claims,2024/25 Q2,north,17\nclaims,2024/25 Q2,south,25\nclaims,2024/25 Q2,east,30\n"+
		"uptime,2024/25 Q2,,99.6\nspend,2024/25 Q2,,70\n")
	out := build(t, dir, Options{})
	want := `Days to process claims</a> <span class="who">(South; East also Off track)</span>`
	if page := string(out.Files["metrics/index.html"]); !strings.Contains(page, want) {
		t.Errorf("metrics list lacks %q", want)
	}
}

// TestMarkedAndFlaggedFigures builds figures published with the GSS
// shorthand and checks each place they show, against values by hand.
func TestMarkedAndFlaggedFigures(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	perf := "metric,period,partner,value,target,note\n" +
		"uptime,2024/25 Q1,,99.6,,\nuptime,2024/25 Q2,,[x],,\nuptime,2024/25 Q3,,99.0 [p],,\n" +
		"claims,2024/25 Q1,north,17,,\nclaims,2024/25 Q2,north,..,,\nclaims,2024/25 Q1,south,19,,\nclaims,2024/25 Q2,south,[c],,\n" +
		"spend,2024/25 Q1,,£72,,\nspend,2024/25 Q2,,£70,,\n"
	sitetest.Write(t, filepath.Join(dir, "data", "performance.csv"), perf)
	out := build(t, dir, Options{})
	page := string(out.Files["metrics/uptime/index.html"])
	for _, want := range []string{
		`<tr><th scope="row">2024/25 Q2</th><td data-label="Value" class="num">not available</td><td data-label="Status">–</td>`,
		`<td data-label="Value" class="num">99.0% [p]</td>`,
		`<p class="table-key">Key: [p] provisional.</p>`,
		// Q3 compares with Q1, the last figure there is: 99.6 to 99.0.
		"worsening from 99.6% in 2024/25 Q1",
		// 99.0 against 99.5 with amber 0.5: At risk, "just short".
		"System availability: just short of the target of 99.5%",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("metrics/uptime lacks %q", want)
		}
	}
	if !strings.Contains(page, `"data":[{"value":99.6},{"value":"-"},{"value":99}]`) {
		t.Errorf("the chart does not leave a gap for 2024/25 Q2")
	}
	csv := string(out.Files["data/performance.csv"])
	for _, want := range []string{
		"uptime,2024/25 Q2,,,[x],99.5,0.5,,,,,data/performance.csv,3\n",
		"uptime,2024/25 Q3,,99,[p],99.5,0.5,At risk,At risk: within 0.5 points of the target of 99.5%,Worsening,,data/performance.csv,4\n",
		"claims,2024/25 Q2,south,,[c],18,0.9,",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("performance.csv lacks %q:\n%s", want, csv)
		}
	}
	// Claims' latest figures are Q1 for both partners: South's 19 days
	// against 18, past the amber line at 18.9, is Off track.
	if p := string(out.Files["metrics/index.html"]); !strings.Contains(p, "Days to process claims</a> <span class=\"who\">(South)</span>") {
		t.Errorf("the metrics list does not rate claims on the last figures there are")
	}
}

// TestContextMeasureByYear builds council tax receipts as DLUHC publishes
// them: £ thousands, one column a quarter, saved from Excel with its title;
// a measure of context compared with the same quarter a year earlier.
func TestContextMeasureByYear(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "metrics.csv"), readFile(t, filepath.Join(dir, "data", "metrics.csv"))+
		"receipts,Council tax receipts,rb,capacity,£000,neither,,,Receipts in the quarter.,DLUHC live table 1\n")
	sitetest.Write(t, filepath.Join(dir, "data", "performance", "receipts.csv"),
		"\"Council tax receipts, £ thousands\",,,,,,,,,\n"+
			"Local authority,Q1 2023/24,Q2 2023/24,Q3 2023/24,Q4 2023/24,Q1 2024/25,Q2 2024/25,Q3 2024/25,Q4 2024/25\n"+
			"North Council,\"15,000\",\"14,000\",\"13,500\",\"9,000\",\"15,500\",\"14,600\",\"14,000\",\"9,549\"\n"+
			"\"Source: DLUHC\",,,,,,,,\n")
	// compare is a column of its own: add it to the header and the row.
	m := readFile(t, filepath.Join(dir, "data", "metrics.csv"))
	m = strings.Replace(m, "description,source\n", "description,source,compare\n", 1)
	m = strings.Replace(m, "DLUHC live table 1\n", "DLUHC live table 1,year\n", 1)
	sitetest.Write(t, filepath.Join(dir, "data", "metrics.csv"), m)
	out := build(t, dir, Options{})
	page := string(out.Files["metrics/receipts/index.html"])
	// By hand: 9,549 thousand is £9,549,000, up on 9,000 thousand a year
	// earlier (6.1% up), though down on the quarter before (14,000).
	for _, want := range []string{
		"£9,549,000",
		"Not rated",
		"Up on 2023/24 Q4",
		"up on £9,000,000 a year earlier (2023/24 Q4)",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("metrics/receipts lacks %q", want)
		}
	}
	for _, bad := range []string{"Worsening", "Improving", "Off track", "On track"} {
		if strings.Contains(page[strings.Index(page, "<main"):], bad) {
			t.Errorf("a measure of context reads %q", bad)
		}
	}
	csv := string(out.Files["data/performance.csv"])
	for _, want := range []string{
		"receipts,2023/24 Q1,north,15000000,,,,Not rated,\"Not rated: a measure of context, with no better way to go\",No figure a year earlier,,data/performance/receipts.csv,3\n",
		"receipts,2024/25 Q4,north,9549000,,,,Not rated,\"Not rated: a measure of context, with no better way to go\",Up on 2023/24 Q4,,data/performance/receipts.csv,3\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("performance.csv lacks %q", want)
		}
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSavingsAsReported builds savings as councils report them: costs in
// one year, a saving with no costs in another, and a plan, worked by hand.
func TestSavingsAsReported(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "savings.csv"), "service,period,partner,baseline_cost,actual_cost,saving,target_saving\n"+
		"ict,2023/24,,\"£1,000,000\",\"£900,000\",,\"£80,000\"\n"+
		"rb,2023/24,,,,\"£200,000\",\n"+
		"ict,2024/25,,,,\"£150,000\",\"£120,000\"\n"+
		"ict,2025/26,,,,,\"£173,000\"\n")
	sitetest.Write(t, filepath.Join(dir, "content", "reports", "q2.md"), "---\ntitle: Q2\ndate: 2024-11-01\nperiod: 2024/25 Q2\n---\n\nText.\n")
	out := build(t, dir, Options{})
	home := string(out.Files["index.html"])
	// Saved: 100,000 + 200,000 in 2023/24, 150,000 in 2024/25: £450,000
	// to 2024/25; the £173,000 planned for 2025/26 is not counted.
	for _, want := range []string{
		"Net saving, 2023/24 to 2024/25</p>\n<p class=\"card-figure\">£450,000</p>",
		"Savings of £173,000 in 2025/26 are planned.",
		`<tr><th scope="row">2025/26</th><td data-label="Cost without sharing" class="num">–</td><td data-label="Actual cost" class="num">–</td><td data-label="Saving" class="num">–</td><td data-label="Target saving" class="num">£173,000</td><td data-label="Status"><span class="status no-target" title="Planned">Planned</span></td>`,
		// 2023/24 mixes costs and a reported saving: its costs are not all known.
		`<tr><th scope="row">2023/24</th><td data-label="Cost without sharing" class="num">–</td><td data-label="Actual cost" class="num">–</td><td data-label="Saving" class="num">£300,000</td>`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// North: 60% of everything: 60,000 + 120,000 + 90,000 = £270,000.
	if p := string(out.Files["partners/index.html"]); !strings.Contains(p, `<td data-label="Net saving to 2024/25" class="num">£270,000</td>`) {
		t.Error("partners page lacks North's £270,000")
	}
	csv := string(out.Files["data/savings.csv"])
	// The file has no one_off_cost column: not reported, an empty cell.
	for _, want := range []string{"ict,2023/24,,1000000,900000,100000,80000,On track,,100000,no,,,data/savings.csv,2\n", "ict,2024/25,,,,150000,120000,On track,,150000,no,,,data/savings.csv,4\n", "ict,2025/26,,,,,173000,Planned,,,,,,data/savings.csv,5\n"} {
		if !strings.Contains(csv, want) {
			t.Errorf("savings.csv lacks %q:\n%s", want, csv)
		}
	}
	// Each way a row can be short of figures says what to give.
	sitetest.Write(t, filepath.Join(dir, "data", "savings.csv"), "service,period,baseline_cost,actual_cost,saving,target_saving\n"+
		"ict,2023/24,100,90,10,\nict,2024/25,100,,,\nrb,2024/25,,,,\n")
	_, pl, _ := Build(os.DirFS(dir), Options{})
	var got []string
	for _, p := range pl.All() {
		if strings.HasPrefix(p.Path, "data/savings.csv") {
			got = append(got, p.String())
		}
	}
	want := []string{
		"data/savings.csv:2: the row gives both saving and costs; give either the saving as reported, or baseline_cost and actual_cost, so it is counted once",
		"data/savings.csv:3: the row gives only one of baseline_cost and actual_cost; the saving is the one less the other, so give both, or the saving as reported",
		"data/savings.csv:4: the row gives no figures; give the saving (or baseline_cost and actual_cost), or a target_saving for a planned year",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReportIsARecord: a report is as at its period. Adding later figures
// (another quarter, a figure with more decimal places, a later year of
// savings) and rebuilding leaves every earlier report byte for byte as it
// was, while the generated pages move on.
func TestReportIsARecord(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	before := build(t, dir, Options{})
	perf := filepath.Join(dir, "data", "performance.csv")
	sitetest.Write(t, perf, readFile(t, perf)+"uptime,2025/26 Q1,,98.25,,\nclaims,2024/25 Q3,north,30,,\nclaims,2024/25 Q3,south,17.125,,\n")
	sav := filepath.Join(dir, "data", "savings.csv")
	sitetest.Write(t, sav, readFile(t, sav)+"rb,2025/26,north,\"£500,000\",\"£300,000\",,,\n")
	after := build(t, dir, Options{})
	for _, p := range []string{"reports/q2/index.html", "reports/q2/figures.csv", "reports/q2/figures.json"} {
		if len(before.Files[p]) == 0 || !bytes.Equal(before.Files[p], after.Files[p]) {
			t.Errorf("%s changed when later figures were added:\n%s", p, firstDiff(string(before.Files[p]), string(after.Files[p])))
		}
	}
	if bytes.Equal(before.Files["metrics/uptime/index.html"], after.Files["metrics/uptime/index.html"]) {
		t.Error("the metric page did not take the later figures: the test does not test")
	}
	// The report's figures as a file: what it showed, to its period, each
	// with its source line; the Q3 and Q4 figures for uptime are later.
	csv := string(after.Files["reports/q2/figures.csv"])
	if !strings.Contains(csv, "uptime,2024/25 Q2,,99.1,,99.5,0.5,At risk,At risk: within 0.5 points of the target of 99.5%,Worsening,Network outage.,data/performance.csv,3\n") ||
		strings.Contains(csv, "2024/25 Q3") || strings.Contains(csv, "2025/26") {
		t.Errorf("reports/q2/figures.csv is not the report's record:\n%s", csv)
	}
	if page := string(after.Files["reports/q2/index.html"]); !strings.Contains(page, `<a href="../../reports/q2/figures.csv">CSV</a>`) {
		t.Error("the report does not link its figures")
	}
}

// TestSinceTheLastReport: a report after another lists, in words, every
// measure whose status changed between their periods, worst first, naming
// the partner, and the measures reported for the first time.
func TestSinceTheLastReport(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "content", "reports", "q1.md"), "---\ntitle: Quarter 1\ndate: 2024-08-01\nperiod: 2024/25 Q1\n---\n\nThe first report.\n")
	// A measure first reported in Q2.
	m := filepath.Join(dir, "data", "metrics.csv")
	sitetest.Write(t, m, readFile(t, m)+"calls,Calls answered,rb,capacity,percent,higher,90,,,\n")
	perf := filepath.Join(dir, "data", "performance.csv")
	sitetest.Write(t, perf, readFile(t, perf)+"calls,2024/25 Q2,,93,,\n")
	out := build(t, dir, Options{})
	page := string(out.Files["reports/q2/index.html"])
	i := strings.Index(page, `<section class="since"`)
	if i < 0 {
		t.Fatal("the Q2 report has no section Since the last report")
	}
	section := page[i : i+strings.Index(page[i:], "</section>")]
	// By hand, Q1 to Q2: availability 99.6 to 99.1 against 99.5 (amber
	// 0.5) is On track to At risk; South's claims 19 days (past 18.9) to 21
	// against 20 (amber 1) is Off track to At risk; North's 17 to 16.5 and
	// spend (no target) do not change. Both end At risk; the fall first.
	for _, want := range []string{
		`Compared with the last report, <a href="../../reports/q1/">Quarter 1</a>, which covered 2024/25 Q1:`,
		`<li><a href="../../metrics/uptime/">System availability</a>: <span class="status on-track">On track</span> to <span class="status at-risk">At risk</span></li>
<li><a href="../../metrics/claims/">Days to process claims</a> (South): <span class="status off-track">Off track</span> to <span class="status at-risk">At risk</span></li>
</ul>`,
		"Reported for the first time:",
		`<li><a href="../../metrics/calls/">Calls answered</a></li>`,
	} {
		if !strings.Contains(section, want) {
			t.Errorf("the section lacks %q:\n%s", want, section)
		}
	}
	if strings.Contains(section, "(North)") || strings.Contains(section, "Spend") {
		t.Error("the section lists measures whose status did not change")
	}
	if strings.Contains(string(out.Files["reports/q1/index.html"]), "Since the last report") {
		t.Error("the first report has a section Since the last report")
	}
}

// TestSourceLinks: a metric's source_url links its source by name on the
// metric page and travels in the download; a script address is refused.
func TestSourceLinks(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	m := filepath.Join(dir, "data", "metrics.csv")
	sitetest.Write(t, m, strings.Replace(readFile(t, m), "description,source\n", "description,source,source_url\n", 1)+
		"calls,Calls answered,rb,capacity,percent,higher,90,,,DWP statistics,https://www.gov.uk/government/collections/housing-benefit-statistics\n")
	perf := filepath.Join(dir, "data", "performance.csv")
	sitetest.Write(t, perf, readFile(t, perf)+"calls,2024/25 Q2,,93,,\n")
	out := build(t, dir, Options{})
	if p := string(out.Files["metrics/calls/index.html"]); !strings.Contains(p, `<dd><a href="https://www.gov.uk/government/collections/housing-benefit-statistics">DWP statistics</a></dd>`) {
		t.Error("the metric page does not link its source by name")
	}
	if c := string(out.Files["data/metrics.csv"]); !strings.Contains(c, ",DWP statistics,https://www.gov.uk/government/collections/housing-benefit-statistics,") {
		t.Error("the metrics download lacks the source's address")
	}
	sitetest.Write(t, m, strings.Replace(readFile(t, m), "https://www.gov.uk/government/collections/housing-benefit-statistics", "javascript:alert(1)", 1))
	_, pl, _ := Build(os.DirFS(dir), Options{})
	found := false
	for _, p := range pl.All() {
		found = found || strings.Contains(p.String(), `source_url "javascript:alert(1)" is not a web address`)
	}
	if !found {
		t.Error("a script address was accepted as a source")
	}
}

// TestBeforeAndAfterSharing: a service that became shared inside the
// data's range gets a marked line on its metrics' charts and the averages
// before and since, in words, worked out by hand.
func TestBeforeAndAfterSharing(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "data", "services.csv"), "id,name,lead_partner,started\nict,ICT,north,October 2024\nrb,Revenues and benefits,,\n")
	out := build(t, dir, Options{})
	page := string(out.Files["metrics/uptime/index.html"])
	// Before October 2024: Q1 99.6 and Q2 99.1, average 99.35%; since:
	// Q3 99.7 and Q4 99.0, average 99.35% too: no different.
	for _, want := range []string{
		`"markLine":{"data":[{"name":"Shared from October 2024","xAxis":"2024/25 Q3"}]`,
		`"formatter":"Shared from October 2024"`,
		"The service has been shared since October 2024. It averaged 99.35% a quarter before sharing and 99.35% since, which is no different.",
		"The service was shared from October 2024: figures from 2024/25 Q3 on are since sharing",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("metrics/uptime lacks %q", want)
		}
	}
}

// TestReportMarksRevisedFigures: a figure a report shows that the data
// now flags as revised is marked beside it, with the key.
func TestReportMarksRevisedFigures(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	perf := filepath.Join(dir, "data", "performance.csv")
	sitetest.Write(t, perf, strings.Replace(readFile(t, perf), "claims,2024/25 Q2,south,21,", "claims,2024/25 Q2,south,21 [r],", 1))
	out := build(t, dir, Options{})
	page := string(out.Files["reports/q2/index.html"])
	for _, want := range []string{`<td data-label="South" class="num">21.0 days [r]</td>`, "Key: [r] revised.", "South took 21.0 days (revised) against"} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestAssetsForCaching: assets are published under names with their
// content's hash, linked by those names. The build itself makes no
// compressed copies: publishing does (package publish), so that check and
// the preview server, which render the same files, never spend the time.
func TestAssetsForCaching(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	css := ""
	for _, p := range out.Paths() {
		if regexp.MustCompile(`^assets/site\.[0-9a-f]{10}\.css$`).MatchString(p) {
			css = p
		}
		if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			t.Errorf("the build made the compressed copy %s", p)
		}
	}
	if css == "" {
		t.Fatal("no hashed stylesheet")
	}
	sum := sha256.Sum256(out.Files[css])
	if !strings.Contains(css, hex.EncodeToString(sum[:5])) || !bytes.Equal(out.Files[css], out.Files["assets/site.css"]) {
		t.Errorf("%s is not named for its content", css)
	}
	if !strings.Contains(string(out.Files["index.html"]), `href="`+css+`"`) {
		t.Errorf("the home page does not link %s", css)
	}
	if _, ok := out.Files["assets/echarts-LICENSE.txt"]; !ok {
		t.Error("the ECharts licence is not published under its own name")
	}
}

// TestPreviewMakesNoCopies: the site the preview server loads serves its
// assets as they are and has no compressed copies to serve: loading the
// theme makes none.
func TestPreviewMakesNoCopies(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	s, _, err := Open(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	assets := s.b.theme.Assets()
	for name := range assets {
		if strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") {
			t.Errorf("the theme made the compressed copy %s", name)
		}
	}
	if len(assets) < 10 {
		t.Fatalf("only %d assets", len(assets))
	}
	css := s.b.theme.AssetNames()["assets/site.css"]
	if _, _, ok, _ := s.File(css); !ok {
		t.Errorf("the preview does not serve %s", css)
	}
	if _, _, ok, _ := s.File(css + ".gz"); ok {
		t.Errorf("the preview serves %s.gz", css)
	}
}

// TestHeadForSharing: every page carries Open Graph and Twitter card
// metadata; titles stay within 70 characters; the 404 page has its own
// title, no canonical address and no current link; the sitemap dates pages
// from their inputs.
func TestHeadForSharing(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	long := "Shared services: North Hertfordshire District Council and South Borough Council"
	sitetest.Write(t, filepath.Join(dir, "site.yaml"), "title: \""+long+"\"\nbase_url: https://example.org/small/\n")
	out := build(t, dir, Options{})
	metric := string(out.Files["metrics/uptime/index.html"])
	for _, want := range []string{
		"<title>System availability</title>", // with the site's title it would be 100 characters
		`<meta property="og:url" content="https://example.org/small/metrics/uptime/">`,
		`<meta property="og:title" content="System availability">`,
		`<meta property="og:description" content="Share of time systems were up.">`,
		`<meta name="twitter:card" content="summary">`,
		`<meta property="og:locale" content="en_GB">`,
	} {
		if !strings.Contains(metric, want) {
			t.Errorf("metrics/uptime lacks %q", want)
		}
	}
	if home := string(out.Files["index.html"]); !strings.Contains(home, "<title>"+long+"</title>") {
		t.Error("the home page's title is not the site's")
	}
	notFound := string(out.Files["404.html"])
	if !strings.Contains(notFound, "<title>Page not found</title>") || strings.Contains(notFound, `rel="canonical"`) || strings.Contains(notFound, "aria-current") {
		t.Error("404.html has the home page's title, a canonical address or a current link")
	}
	if sm := string(out.Files["sitemap.xml"]); !strings.Contains(sm, "<loc>https://example.org/small/reports/q2/</loc>\n    <lastmod>2024-11-01</lastmod>") {
		t.Errorf("the sitemap does not date the report from its front matter:\n%s", sm)
	}
}

// TestEmbeds: every chart has a page of its own to frame, without the
// site's navigation, with its source, licence and a link to its full page;
// the figure offers the code to copy, with a title for screen readers.
func TestEmbeds(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	out := build(t, dir, Options{})
	embed := string(out.Files["embed/uptime/index.html"])
	for _, want := range []string{
		`<div class="chart" id="chart-uptime-chart"`,
		"Source: Monitoring. From <a href=\"../../metrics/uptime/\" target=\"_top\">Small partnership</a>.",
		"Contains public sector information licensed under the Open Government Licence v3.0.",
		"All figures are illustrative.",
	} {
		if !strings.Contains(embed, want) {
			t.Errorf("embed/uptime lacks %q", want)
		}
	}
	if strings.Contains(embed, `class="site-nav"`) || strings.Contains(embed, "Embed this chart") {
		t.Error("the embed page carries the site's navigation or an embed code of its own")
	}
	metric := string(out.Files["metrics/uptime/index.html"])
	want := `&lt;iframe src=&#34;https://example.org/small/embed/uptime/&#34; title=&#34;System availability: just short of the target of 99.5%&#34; data-partnersite-embed=&#34;embed/uptime/&#34; width=&#34;100%&#34; height=&#34;620&#34;`
	if !strings.Contains(metric, "<summary>Embed this chart</summary>") || !strings.Contains(metric, want) {
		t.Errorf("the metric page does not offer the embed code %q", want)
	}
	if _, ok := out.Files["embed/savings/index.html"]; !ok {
		t.Error("the partnership's savings chart has no embed page")
	}
}

// TestBenchmarks builds the small site with and without benchmarks.csv: no
// status anywhere changes, the chart, its table and its summary carry the
// benchmark, and the downloads list it with its source line. The words
// are worked by hand: claims is "lower is better", so North's 16.5 days
// below the England median of 17.2 is better and South's 21 above it is
// worse; uptime is "higher is better", so 99.1% below 99.4% is worse.
func TestBenchmarks(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	without := build(t, dir, Options{})
	sitetest.Write(t, filepath.Join(dir, "data", "benchmarks.csv"), "metric,period,benchmark,value,source\n"+
		"claims,2024/25 Q1,England median,18.5,DWP\n"+
		"claims,2024/25 Q2,England median,17.2,DWP\n"+
		"uptime,2024/25 Q2,England median,99.4 [p],\n")
	with := build(t, dir, Options{})

	for _, f := range []string{"data/metrics.csv", "data/performance.csv", "data/savings.csv"} {
		if !bytes.Equal(with.Files[f], without.Files[f]) {
			t.Errorf("%s changed when benchmarks were added: a benchmark must set no status", f)
		}
	}
	claims := string(with.Files["metrics/claims/index.html"])
	for _, want := range []string{
		" England median: 17.2 days in 2024/25 Q2; North 16.5 days is below it, which is better; South 21.0 days is above it, which is worse.",
		`<th scope="col" class="num">England median</th>`,
		`<td data-label="England median" class="num">18.5 days</td>`,
		`<td data-label="England median" class="num">17.2 days</td>`,
		`"connectNulls":true,"data":[{"value":18.5},{"value":17.2}]`,
		`"lineStyle":{"color":"#4C2C92","type":"dotted","width":3},"name":"England median","showSymbol":true,"symbol":"emptyDiamond","symbolSize":9,"type":"line"`,
	} {
		if !strings.Contains(claims, want) {
			t.Errorf("metrics/claims lacks %q", want)
		}
	}
	// The partner's own page compares only that partner.
	if north := string(with.Files["partners/north/index.html"]); !strings.Contains(north, "England median: 17.2 days in 2024/25 Q2; North 16.5 days is below it, which is better.") {
		t.Error("North's page does not set North against the benchmark")
	}
	uptime := string(with.Files["metrics/uptime/index.html"])
	for _, want := range []string{
		"England median: 99.4% in 2024/25 Q2, the latest given; the partnership&#39;s 99.1% is below it, which is worse.",
		`<td data-label="England median" class="num">99.4% [p]</td>`,
	} {
		if !strings.Contains(uptime, want) {
			t.Errorf("metrics/uptime lacks %q", want)
		}
	}
	if got := string(with.Files["data/benchmarks.csv"]); got != "metric,period,benchmark,value,flag,source,source_file,source_line\n"+
		"uptime,2024/25 Q2,England median,99.4,[p],,data/benchmarks.csv,4\n"+
		"claims,2024/25 Q1,England median,18.5,,DWP,data/benchmarks.csv,2\n"+
		"claims,2024/25 Q2,England median,17.2,,DWP,data/benchmarks.csv,3\n" {
		t.Errorf("benchmarks.csv:\n%s", got)
	}
	if _, ok := without.Files["data/benchmarks.csv"]; ok {
		t.Error("a site without benchmarks publishes benchmarks.csv")
	}
	var js struct {
		Metrics []struct {
			ID         string
			Benchmarks json.RawMessage
		}
	}
	if err := json.Unmarshal(with.Files["data/data.json"], &js); err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	for _, m := range js.Metrics {
		if m.ID == "claims" {
			_ = json.Compact(&compact, m.Benchmarks)
		}
	}
	if got := compact.String(); got != `[{"name":"England median","points":[{"period":"2024/25 Q1","value":18.5,"source":"DWP"},{"period":"2024/25 Q2","value":17.2,"source":"DWP"}]}]` {
		t.Errorf("data.json's benchmarks for claims: %s", got)
	}
}
