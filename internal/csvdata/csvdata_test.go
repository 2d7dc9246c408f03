package csvdata

import (
	"fmt"
	"github.com/partnersite/partnersite/internal/measure"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
)

// base is a small valid data folder; each case replaces one file.
var base = map[string]string{
	"partners.csv": "id,name,short_name,website,households,cost_share\n" +
		"north,North Council,North,https://north.example.gov.uk,40000,60\n" +
		"south,South Council,,,30000,40\n",
	"services.csv": "id,name,lead_partner,started,description\n" +
		"ict,ICT,north,01/04/2024,Shared ICT\n",
	"metrics.csv": "id,name,service,goal,unit,direction,target,amber\n" +
		"uptime,System availability,ict,resilience,percent,higher,99.5,0.5\n",
	"performance.csv": "metric,period,partner,value\n" +
		"uptime,2024/25 Q1,,99.6\n" +
		"uptime,2024/25 Q2,,99.1\n",
	"savings.csv": "service,period,partner,baseline_cost,actual_cost,target_saving,one_off_cost\n" +
		"ict,2024/25,,\"£1,000,000\",\"£900,000\",\"£80,000\",\"£20,000\"\n",
}

var goals = []string{"efficiency", "resilience", "capacity"}

// load writes the base files with replacements to a real folder on disk
// and loads it. A nil replacement deletes the file.
func load(t *testing.T, files map[string]*string) (*Data, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range base {
		if r, ok := files[name]; ok {
			if r == nil {
				continue
			}
			body = *r
		}
		if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range files {
		if _, inBase := base[name]; !inBase && body != nil {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, "data", name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(*body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var pl problem.List
	d := Load(os.DirFS(dir), goals, &pl)
	var got []string
	for _, p := range pl.All() {
		got = append(got, p.String())
	}
	return d, got
}

func s(v string) *string { return &v }

func TestBaseIsValid(t *testing.T) {
	d, got := load(t, nil)
	if len(got) != 0 {
		t.Fatalf("problems in the valid base: %q", got)
	}
	if len(d.Partners) != 2 || d.Partners[1].ShortName != "South Council" || d.Partners[0].Households != 40000 {
		t.Errorf("partners = %+v", d.Partners)
	}
	if got := d.Services[0].Started.Format("2006-01-02"); got != "2024-04-01" {
		t.Errorf("started = %s, want 2024-04-01 (day first)", got)
	}
	m := d.Metrics[0]
	if m.Unit != measure.Percent || m.Direction != measure.Higher || *m.Target != 99.5 || *m.Amber != 0.5 {
		t.Errorf("metric = %+v", m)
	}
	if p := d.Performance[1]; p.Line != 3 || p.Value != 99.1 || p.Period != period.MustParse("2024/25 Q2") {
		t.Errorf("performance = %+v", p)
	}
	if sv := d.Savings[0]; sv.BaselineCost != 1e8 || sv.ActualCost != 9e7 || *sv.TargetSaving != 8e6 || *sv.OneOffCost != 2e6 {
		t.Errorf("savings = %+v", sv)
	}
}

func TestRules(t *testing.T) {
	perf := "metric,period,partner,value\n"
	tests := []struct {
		name  string
		files map[string]*string
		want  []string // every problem, exactly
	}{
		{"BOM and CRLF are fine",
			map[string]*string{"performance.csv": s("\ufeffmetric,period,partner,value\r\nuptime,2024/25 Q1,,99.6\r\n")}, nil},
		{"Windows-1252 pound sign",
			map[string]*string{"savings.csv": s("service,period,baseline_cost,actual_cost\nict,2024/25,\xa31000,\xa3900\n")}, nil},
		{"headers match case-insensitively with spaces trimmed",
			map[string]*string{"performance.csv": s(" Metric , PERIOD,Partner,Value\nuptime,2024/25 Q1,,99.6\n")}, nil},
		{"blank rows are ignored and lines still count",
			map[string]*string{"performance.csv": s("\n,,,\nmetric,period,partner,value\n\n,,,\nuptime,2024/25 Q1,,99.6\nuptime,2024/25 Q2,,ninety\n")},
			[]string{`data/performance.csv:7: value "ninety" is not a number: write numbers like 1234.5, 1,234, £1,234, 12%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`}},
		{"a multi-line note does not shift later lines",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,99.6,\nuptime,2024/25 Q2,,99.1\n")},
			[]string{"data/performance.csv:2: this row has 5 cells but the header has 4; a cell with a comma in it needs quotes around it"}},
		{"multi-line cell",
			map[string]*string{"performance.csv": s("metric,period,partner,value,note\nuptime,2024/25 Q1,,99.6,\"line one\nline two\"\nuptime,2024/25 Q2,,xx\n")},
			[]string{`data/performance.csv:4: value "xx" is not a number: write numbers like 1234.5, 1,234, £1,234, 12%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`}},
		{"number forms",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,\"1,234.5\"\nuptime,2024/25 Q2,,12%\nuptime,2024/25 Q3,,(1)\nuptime,2024/25 Q4,,-5\n")},
			[]string{
				"data/performance.csv:2: warning: value 1234.5 is outside 0 to 100 for a percentage metric; percentages are written on a 0 to 100 scale",
				"data/performance.csv:4: warning: value -1 is outside 0 to 100 for a percentage metric; percentages are written on a 0 to 100 scale",
				"data/performance.csv:5: warning: value -5 is outside 0 to 100 for a percentage metric; percentages are written on a 0 to 100 scale",
			}},
		{"continental decimal comma",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,\"12,5%\"\n")},
			[]string{`data/performance.csv:2: value "12,5%" is not a number: write decimals with a point (12.5) and commas only between thousands (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`}},
		{"NaN and Inf are not numbers",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,NaN\nuptime,2024/25 Q2,,Inf\n")},
			[]string{
				`data/performance.csv:2: value "NaN" is not a number: write numbers like 1234.5, 1,234, £1,234, 12%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`,
				`data/performance.csv:3: value "Inf" is not a number: write numbers like 1234.5, 1,234, £1,234, 12%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`,
			}},
		{"an empty value is a figure not available, not a zero",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,\n")}, nil},
		{"unquoted money split by its comma",
			map[string]*string{"savings.csv": s("service,period,partner,baseline_cost,actual_cost\nict,2024/25,,£1,000,900\n")},
			[]string{`data/savings.csv:2: this row has 6 cells but the header has 5: the number £1,000 looks split at its comma; put it in quotes ("£1,000") or write it without the comma (£1000)`}},
		{"missing required column and unknown column",
			map[string]*string{"performance.csv": s("metric,period,partner,colour\nuptime,2024/25 Q1,,red\n")},
			[]string{
				`data/performance.csv:1: warning: unknown column "colour" is ignored; the columns are: metric, period, partner, value, target, status, note, indicator, service, unit`,
				`data/performance.csv:1: missing column "value"; add it to the header row`,
			}},
		{"bad quoting",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,99.6\nuptime,2024/25 Q2,,9\"9\n")},
			[]string{`data/performance.csv:3: a quote mark (") in cell 4 is inside a cell that does not start with one; put the whole cell in quotes and double the quote mark ("")`}},
		{"UK dates, never month first",
			map[string]*string{"services.csv": s("id,name,started\nict,ICT,2024-04-01\nrb,Revenues,31/12/2024\npd,Print,12/31/2024\n")},
			[]string{`data/services.csv:4: started "12/31/2024" is not a date: there is no such day; write dates as YYYY-MM-DD or DD/MM/YYYY (day first)`}},
		{"periods",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/26,,99\nuptime,Q1 2024,,99\n")},
			[]string{
				`data/performance.csv:2: period "2024/26": a financial year runs into the next year, so 2024 is followed by 25`,
				`data/performance.csv:3: period "Q1 2024" is not a financial year (2024/25), a quarter (2024/25 Q1) or a month (2024-06 or Jun 2024); for a quarter write the financial year and the quarter, e.g. 2024/25 Q1`,
			}},
		{"mixed period kinds",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,,99\nuptime,2024-09,,99\n")},
			[]string{`data/performance.csv:3: metric "uptime" mixes kinds of period: line 2 gives a quarter (2024/25 Q1), this row a month (2024-09); one metric uses one kind`}},
		{"slugs",
			map[string]*string{"services.csv": s("id,name\nRevenues & Benefits,Revenues\n")},
			[]string{
				`data/metrics.csv:2: service "ict" is not a service in data/services.csv (known: Revenues & Benefits)`,
				`data/savings.csv:2: service "ict" is not a service in data/services.csv (known: Revenues & Benefits)`,
				`data/services.csv:2: id "Revenues & Benefits" is not a valid id: use lower-case letters, digits and hyphens, e.g. "revenues-benefits"`,
			}},
		{"duplicate ids name both lines",
			map[string]*string{"services.csv": s("id,name\nict,ICT\nict,ICT again\n")},
			[]string{`data/services.csv:3: duplicate id "ict": line 2 has it already; ids must be unique`}},
		{"duplicate performance rows name both lines",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,north,99\nuptime,2024/25 Q1,south,99\nuptime,2024/25 Q1,north,98\n")},
			[]string{`data/performance.csv:4: duplicate row: metric "uptime", period 2024/25 Q1, partner north is also on line 2; keep one`}},
		{"unknown references",
			map[string]*string{
				"performance.csv": s(perf + "Up Time,2024/25 Q1,,99\nuptime,2024/25 Q1,west,99\nUPTIME,2024/25 Q2,south,98\n"),
				"metrics.csv":     s("id,name,service,goal,unit,direction\nuptime,Up,ict,speed,percent,higher\n"),
				"services.csv":    s("id,name,lead_partner\nict,ICT,nort\n"),
			},
			[]string{
				`data/metrics.csv:2: goal "speed" is not a goal of the site (efficiency, resilience, capacity); goals are set in site.yaml`,
				// Folded to lower case, "Up Time" is still not an id; "UPTIME" is uptime.
				`data/performance.csv:2: metric "Up Time" is not a valid id: use lower-case letters, digits and hyphens, e.g. "up-time"`,
				`data/performance.csv:2: metric "Up Time" is not a metric in data/metrics.csv (known: uptime)`,
				`data/performance.csv:3: partner "west" is not a partner in data/partners.csv (known: north, south)`,
				`data/services.csv:2: lead_partner "nort" is not a partner in data/partners.csv (did you mean "north"?)`,
			}},
		{"enumerations and amber",
			map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction,target,amber\nuptime,Up,ict,resilience,pct,up,,1\n")},
			[]string{
				`data/metrics.csv:2: unit "pct" is not one of: percent, gbp, count, days, hours, minutes, fte, score`,
				`data/metrics.csv:2: direction "up" must be "higher" or "lower" (which way is better), or "neither" for a measure of context`,
				`data/metrics.csv:2: amber is set but no target is: not here, nor on any figure's row, nor in data/targets.csv; an amber margin needs a target`,
			}},
		{"cost shares in thirds total exactly 100",
			map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,33.3334\nsouth,South,33.3333%\neast,East,33.3333\n")}, nil},
		{"cost_share may be empty for every partner, or its column left out",
			map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,\nsouth,South,\n")}, nil},
		{"cost_share column left out",
			map[string]*string{"partners.csv": s("id,name\nnorth,North\nsouth,South\n")}, nil},
		{"cost_share empty for some partners only",
			map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,60\nsouth,South,\neast,East,\n")},
			[]string{"data/partners.csv:1: cost_share is empty on lines 3, 4 but given on line 2; give every partner's share, or leave cost_share empty for every partner where the partnership has not published how costs and savings are shared"}},
		{"recurring is yes or no",
			map[string]*string{"savings.csv": s("service,period,saving,target_saving,recurring,note\nict,2023/24,100,,Yes,\nict,2024/25,200,,sometimes,\nict,2025/26,,300,yes,\nict,2026/27,,300,,£300 a year planned\n")},
			[]string{
				`data/savings.csv:3: recurring "sometimes" is not yes or no; write yes for a saving made every year from this one on, no for one year's saving, or leave it empty`,
				"data/savings.csv:4: the row is recurring but gives no saving, only a target; a planned year is not carried into later years, so leave recurring empty or give the saving",
			}},
		{"cost shares within 0.1 of 100 are not 100",
			map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,60.05\nsouth,South,40\n")},
			[]string{"data/partners.csv:1: cost_share values total 100.05, not 100 (0.05 over); each partner's share of costs and savings must add up to exactly 100, so that every pound saved is counted once"}},
		{"cost shares that do not total 100",
			map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,60\nsouth,South,30\n")},
			[]string{"data/partners.csv:1: cost_share values total 90, not 100 (10 short); each partner's share of costs and savings must add up to exactly 100, so that every pound saved is counted once"}},
		{"cost shares in thirds to more places than can be exact",
			map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,33.333334\nsouth,South,33.333333\neast,East,33.333333\n")},
			[]string{
				`data/partners.csv:2: cost_share "33.333334" has more than four decimal places; give shares to at most four, totalling exactly 100`,
				`data/partners.csv:3: cost_share "33.333333" has more than four decimal places; give shares to at most four, totalling exactly 100`,
				`data/partners.csv:4: cost_share "33.333333" has more than four decimal places; give shares to at most four, totalling exactly 100`,
			}},
		{"amounts in pounds and pence, not fractions of a penny, nor past a trillion",
			map[string]*string{"savings.csv": s("service,period,baseline_cost,actual_cost,target_saving\nict,2024/25,\"£1,000.005\",900,\"£" + strings.Repeat("9", 14) + "\"\n")},
			[]string{
				`data/savings.csv:2: target_saving "£99999999999999" is more than £1,000,000,000,000; check the figure and its scale`,
				`data/savings.csv:2: baseline_cost "£1,000.005" has more than two decimal places; amounts are in pounds and pence`,
			}},
		{"households beyond the whole UK",
			map[string]*string{"partners.csv": s("id,name,households,cost_share\nnorth,North,1000000000,60\nsouth,South,2,40\n")},
			[]string{`data/partners.csv:2: households "1000000000" is more than 100000000, more than in the whole UK; check the figure`}},
		{"website must be http(s) and households whole",
			map[string]*string{"partners.csv": s("id,name,website,households,cost_share\nnorth,North,javascript:alert(1),0,60\nsouth,South,www.south.gov.uk,2.5,40\n")},
			[]string{
				`data/partners.csv:2: website "javascript:alert(1)" is not a web address; write it in full, starting https://`,
				`data/partners.csv:2: households "0" must be a whole number above 0`,
				`data/partners.csv:3: website "www.south.gov.uk" is not a web address; write it in full, starting https://`,
				`data/partners.csv:3: households "2.5" must be a whole number above 0`,
			}},
		{"savings periods are financial years",
			map[string]*string{"savings.csv": s("service,period,baseline_cost,actual_cost\nict,2024/25 Q2,100,90\n")},
			[]string{`data/savings.csv:2: savings are given by financial year, e.g. 2024/25; "2024/25 Q2" is a quarter`}},
		{"savings both partnership-wide and per partner",
			map[string]*string{"savings.csv": s("service,period,partner,baseline_cost,actual_cost\nict,2024/25,,100,90\nict,2024/25,north,50,45\n")},
			[]string{`data/savings.csv:3: service "ict" in 2024/25 has a partnership-wide row (line 2) and per-partner rows (line 3); give one or the other, or the saving is counted twice`}},
		{"missing file and unknown file",
			map[string]*string{"metrics.csv": nil, "extra.csv": s("a\n1\n")},
			[]string{
				"data/extra.csv:1: warning: unknown data file is not read; the data files are data/partners.csv, data/services.csv, data/metrics.csv, data/performance.csv, data/savings.csv, data/benchmarks.csv, data/targets.csv, data/actions.csv, data/risks.csv",
				"data/metrics.csv:1: the file is missing; every site needs data/metrics.csv (see docs/data.md)",
				`data/performance.csv:2: metric "uptime" is not a metric in data/metrics.csv`,
				`data/performance.csv:3: metric "uptime" is not a metric in data/metrics.csv`,
			}},
		{"empty file",
			map[string]*string{"services.csv": s("\n\n")},
			[]string{
				`data/metrics.csv:2: service "ict" is not a service in data/services.csv`,
				`data/savings.csv:2: service "ict" is not a service in data/services.csv`,
				"data/services.csv:1: the file is empty; it needs a header row naming its columns (id, name)",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, tt.files)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	good := map[string]float64{"1234.5": 1234.5, "1,234.5": 1234.5, "£1,234": 1234, "12%": 12, "-1234": -1234,
		"(1,234)": -1234, "-£1,234": -1234, "£-5": -5, " 7 ": 7, ".5": 0.5, "1,234,567": 1234567, "\u22123": -3}
	for in, want := range good {
		if got, err := ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"12,5", "1,23", "1,2345", "NaN", "Inf", "1e9", "--1", "(-1)", "£", "", "12.5.1", "abc", "0x10"} {
		if got, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q) = %v, want an error", in, got)
		}
	}
}

// TestLargeFileLines reads a performance file of several chunks, which are
// decoded while the file is still being read, and checks that problems far
// down it still name their exact lines.
func TestLargeFileLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("metric,period,partner,value,note\n")
	line := 1
	wantBad, wantNote := 0, 0
	// Months from 1900 to 2149, of metrics m-0 to m-16: no two rows share a
	// metric and period.
	metric := func(i int) (string, string) {
		j := i % 3000
		return fmt.Sprintf("m-%d", i/3000), fmt.Sprintf("%d-%02d", 1900+j/12, j%12+1)
	}
	for i := range 3*chunk + 100 {
		m, period := metric(i)
		line++
		switch i {
		case 2*chunk + 7:
			fmt.Fprintf(&b, "%s,%s,,\"two\nlines\",\n", m, period) // a value cell over two lines
			wantBad = line
			line++
		case 3*chunk + 50:
			fmt.Fprintf(&b, "%s,%s,,99,\"a note\nover lines\"\n", m, period)
			line++
			fmt.Fprintf(&b, "%s,%s,north,oops,\n", m, period)
			line++
			wantNote = line
		default:
			fmt.Fprintf(&b, "%s,%s,,99.5,\n", m, period)
		}
	}
	var metrics strings.Builder
	metrics.WriteString("id,name,service,goal,unit,direction\n")
	for k := range 17 {
		fmt.Fprintf(&metrics, "m-%d,Measure %d,ict,efficiency,count,higher\n", k, k)
	}
	d, got := load(t, map[string]*string{"performance.csv": s(b.String()), "metrics.csv": s(metrics.String())})
	want := []string{
		fmt.Sprintf("data/performance.csv:%d: value %q is not a number: write numbers like 1234.5, 1,234, £1,234, 12%%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)", wantBad, "two\nlines"),
		fmt.Sprintf(`data/performance.csv:%d: value "oops" is not a number: write numbers like 1234.5, 1,234, £1,234, 12%%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`, wantNote),
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Performance) != 3*chunk+101 || d.Performance[2*chunk].Line != 2*chunk+2 {
		t.Errorf("%d rows; row %d on line %d", len(d.Performance), 2*chunk, d.Performance[2*chunk].Line)
	}
}

// TestEncodingsAsSaved reads services.csv as the spreadsheets and editors
// that councils use save it.
func TestEncodingsAsSaved(t *testing.T) {
	utf16 := func(s string) *string {
		var b []byte
		b = append(b, 0xff, 0xfe)
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		v := string(b)
		return &v
	}
	tests := []struct {
		name  string
		file  *string
		names []string
		probs []string
	}{
		{"UTF-8 with one stray byte keeps its other characters",
			s("id,name,lead_partner,started,description\nict,Gwasanaeth TGCh ŵ,north,01/04/2024,£5m a year\nprint,Print \xa3 design,,,\n"),
			[]string{"Gwasanaeth TGCh ŵ", "Print \uFFFD design"},
			[]string{"data/services.csv:3: warning: byte 0xA3 is not UTF-8 text and is shown as \uFFFD; the rest of the file is UTF-8, so retype the character or save the file as UTF-8 again"}},
		{"Excel's Unicode text with commas",
			utf16("id,name\r\nict,ICT £\r\n"), []string{"ICT £"}, nil},
		{"Excel's Unicode text with tabs",
			utf16("id\tname\r\nict\tICT\r\n"), nil,
			[]string{`data/services.csv:1: the file is separated by tabs, as Excel's "Unicode Text" is; save it from your spreadsheet as "CSV UTF-8 (Comma delimited)"`}},
		{"CSV (Macintosh) line endings",
			s("id,name\rict,ICT\rprint,Print\r"), []string{"ICT", "Print"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"services.csv": tt.file, "metrics.csv": s("id,name,service,goal,unit,direction\n"), "savings.csv": nil})
			var names []string
			for _, sv := range d.Services {
				names = append(names, sv.Name)
			}
			var real []string
			for _, p := range probs {
				if !strings.Contains(p, "has no rows") && !strings.Contains(p, "metric \"uptime\"") {
					real = append(real, p)
				}
			}
			if !slices.Equal(names, tt.names) || !slices.Equal(real, tt.probs) {
				t.Errorf("names %q, problems %q; want %q, %q", names, real, tt.names, tt.probs)
			}
		})
	}
}

// TestMonthOrYear: "2010-11" is November 2010 or the financial year
// 2010/11; the metric's other rows decide, and where none can, the error
// asks.
func TestMonthOrYear(t *testing.T) {
	tests := []struct {
		name, rows string
		want       []string // the periods read, in row order
		probs      []string
	}{
		{"beside months, a month", "uptime,2010-10,,99\nuptime,2010-11,,98\nuptime,2010-12,,97\n",
			[]string{"2010-10", "2010-11", "2010-12"}, nil},
		{"beside years, a year", "uptime,2010-11,,99\nuptime,2009/10,,98\n",
			[]string{"2010/11", "2009/10"}, nil},
		{"alone, a question", "uptime,2010-11,,99\n", []string{""},
			[]string{`data/performance.csv:2: period "2010-11" could be November 2010 or the financial year 2010/11; write 2010/11 for the year, or Nov 2010 for the month (metric "uptime" has no other rows to tell by)`}},
		{"written as a month by name", "uptime,Nov 2010,,99\n", []string{"2010-11"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"performance.csv": s("metric,period,partner,value\n" + tt.rows)})
			var got []string
			for _, p := range d.Performance {
				got = append(got, p.Period.String())
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(probs, tt.probs) {
				t.Errorf("periods %q, problems %q; want %q, %q", got, probs, tt.want, tt.probs)
			}
		})
	}
	d, probs := load(t, map[string]*string{"savings.csv": s("service,period,baseline_cost,actual_cost\nict,2010-11,100,90\n")})
	if len(probs) != 0 || d.Savings[0].Period.String() != "2010/11" {
		t.Errorf("savings for 2010-11 read as %s, %v; savings are by financial year", d.Savings[0].Period, probs)
	}
}

// TestPartnersAsPublished names partners as published tables do: a
// "Local Authority" column of names, short names and GSS codes in any case.
func TestPartnersAsPublished(t *testing.T) {
	partners := "id,name,short_name,code,cost_share\nnorth,North Hertfordshire District Council,North Herts,E07000099,60\nsouth,South Council,,e07000243,40\n"
	perf := "metric,period,Local Authority,value\n" +
		"uptime,2024/25 Q1,North Hertfordshire District Council,99\n" +
		"uptime,2024/25 Q2,north herts,98\n" +
		"uptime,2024/25 Q3,E07000243,97\n" +
		"uptime,2024/25 Q4,  South   Council ,96\n" +
		"uptime,2025/26 Q1,Stevenage,95\n"
	d, probs := load(t, map[string]*string{"partners.csv": s(partners), "performance.csv": s(perf), "savings.csv": nil})
	var got []string
	for _, p := range d.Performance {
		got = append(got, p.Partner)
	}
	want := []string{"north", "north", "south", "south", "Stevenage"}
	wantProbs := []string{`data/performance.csv:6: partner "Stevenage" is not a partner in data/partners.csv (known: north, south)`}
	if !slices.Equal(got, want) || !slices.Equal(probs, wantProbs) {
		t.Errorf("partners %q, problems %q; want %q, %q", got, probs, want, wantProbs)
	}
	if d.Partners[1].Code != "E07000243" {
		t.Errorf("code = %q, want it upper-cased", d.Partners[1].Code)
	}
	_, probs = load(t, map[string]*string{"partners.csv": s("id,name,code,cost_share\nnorth,North,E0700009,60\nsouth,South,,40\n")})
	if want := `data/partners.csv:2: code "E0700009" is not a GSS code: nine characters, a letter and eight digits, such as E07000243`; !slices.Contains(probs, want) {
		t.Errorf("problems %q lack %q", probs, want)
	}
}

// TestTitleRowsAndFootnotes reads a table as saved from Excel: a title,
// units and a source above the header, footnotes below the data.
func TestTitleRowsAndFootnotes(t *testing.T) {
	saved := "\"Table 10: Housing benefit, days to process new claims\",,,\n" +
		"\"Days, financial year to date\",,,\n" +
		",,,\n" +
		"Metric,Period,Local authority,Value\n" +
		"uptime,2024/25 Q1,,99.6\n" +
		"uptime,2024/25 Q2,,99.1\n" +
		",,,\n" +
		"\"Source: DWP Single Housing Benefit Extract\",,,\n" +
		"\"Notes: figures for the latest quarter are provisional\",,,\n" +
		"\"* revised\",,,\n"
	d, probs := load(t, map[string]*string{"performance.csv": s(saved)})
	if len(probs) != 0 || len(d.Performance) != 2 || d.Performance[0].Line != 5 || d.Performance[1].Value != 99.1 {
		t.Errorf("rows %+v, problems %q", d.Performance, probs)
	}
	for _, tt := range []struct{ name, file, want string }{
		{"the closest row lacks a column", "\"Table 10\",,\n,,\nmetric,period,partner\nuptime,2024/25 Q1,\n",
			`data/performance.csv:3: missing column "value"; add it to the header row`},
		{"no row names any column", "\"Table 10\"\n\"Receipts\"\n1\n2\n",
			`data/performance.csv:1: no header row: none of the first 4 rows names the columns metric, period, value; the header is the first row that names them, and rows above it (a title, a source) are skipped`},
	} {
		_, probs := load(t, map[string]*string{"performance.csv": s(tt.file)})
		if !slices.Contains(probs, tt.want) {
			t.Errorf("%s: problems %q lack %q", tt.name, probs, tt.want)
		}
	}
}

// TestPublishedTables loads figures as councils receive them: a wide table
// saved from Excel, with a title row, councils by name and a column a
// quarter, in a file named for its metric; and the long performance.csv
// beside it.
func TestPublishedTables(t *testing.T) {
	partners := "id,name,short_name,code,cost_share\nnorth,North Hertfordshire District Council,North Herts,E07000099,60\nsouth,South Council,,E07000243,40\n"
	metrics := base["metrics.csv"] + "claims,Days to process new claims,ict,efficiency,days,lower,18,\n"
	wide := "\"Table 3: Housing benefit new claims, average days to process\",,,,\n" +
		",,,,\n" +
		"Local authority,ONS code,Q1 2024/25,Q2 2024/25,Q3 2024/25\n" +
		"North Herts,E07000099,17.5,16.25,\n" +
		"South Council,E07000243,21,19,18\n" +
		"\"Source: DWP\",,,,\n"
	files := map[string]*string{"partners.csv": s(partners), "metrics.csv": s(metrics)}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data", "performance"), 0o755); err != nil {
		t.Fatal(err)
	}
	// load writes data/NAME; the wide file goes one folder down.
	files["performance/claims.csv"] = s(wide)
	d, probs := load(t, files)
	if len(probs) != 0 {
		t.Fatalf("problems: %q", probs)
	}
	type fig struct {
		file, metric, period, partner string
		value                         float64
		line                          int
	}
	var got []fig
	for _, p := range d.Performance {
		got = append(got, fig{p.File, p.Metric, p.Period.String(), p.Partner, p.Value, p.Line})
	}
	// By hand: performance.csv's two uptime rows, then the wide file row by
	// row, its empty Q3 cell for North Herts no figure at all.
	want := []fig{
		{"data/performance.csv", "uptime", "2024/25 Q1", "", 99.6, 2},
		{"data/performance.csv", "uptime", "2024/25 Q2", "", 99.1, 3},
		{"data/performance/claims.csv", "claims", "2024/25 Q1", "north", 17.5, 4},
		{"data/performance/claims.csv", "claims", "2024/25 Q2", "north", 16.25, 4},
		{"data/performance/claims.csv", "claims", "2024/25 Q1", "south", 21, 5},
		{"data/performance/claims.csv", "claims", "2024/25 Q2", "south", 19, 5},
		{"data/performance/claims.csv", "claims", "2024/25 Q3", "south", 18, 5},
	}
	if !slices.Equal(got, want) {
		t.Errorf("figures:\n%v\nwant:\n%v", got, want)
	}

	// A figure given in two files is named at both places.
	files["performance/uptime.csv"] = s("period,value\n2024/25 Q2,99.2\n")
	_, probs = load(t, files)
	if w := `data/performance/uptime.csv:2: metric "uptime", period 2024/25 Q2: this file gives 99.2 and data/performance.csv:3 gives 99.1, and both files report up to 2024/25 Q2, so neither revises the other; correct the one that is wrong`; !slices.Contains(probs, w) {
		t.Errorf("problems %q lack %q", probs, w)
	}
	// A file is long or wide, never both.
	files["performance/uptime.csv"] = s("metric,period,value,2024/25 Q3\nuptime,2024/25 Q2,99.2,99\n")
	_, probs = load(t, files)
	if w := "data/performance/uptime.csv:1: the file has both period and value columns and columns headed by periods; a file is either long (one row a figure, with period and value columns) or wide (one column a period), so split it in two"; !slices.Contains(probs, w) {
		t.Errorf("problems %q lack %q", probs, w)
	}
	// A file named for a metric that does not exist says so, rather than
	// only that its header lacks a metric column.
	files["performance/uptme.csv"] = s("\"Table 1\",,\nperiod,value\n2024/25 Q3,99\n")
	_, probs = load(t, files)
	if w := `data/performance/uptme.csv:2: missing column "metric"; add it to the header row (a file in data/performance/ named for a metric needs no metric column, but "uptme" is not a metric in data/metrics.csv)`; !slices.Contains(probs, w) {
		t.Errorf("problems %q lack %q", probs, w)
	}
	delete(files, "performance/uptme.csv")
	// Only data/performance/ may stand in for performance.csv.
	delete(files, "performance/uptime.csv")
	files["performance.csv"] = nil
	files["performance/claims.csv"] = nil
	_, probs = load(t, files)
	if w := "data/performance.csv:1: the file is missing; every site needs its figures in data/performance.csv or in files under data/performance/ (see docs/data.md)"; !slices.Contains(probs, w) {
		t.Errorf("problems %q lack %q", probs, w)
	}
}

// TestScaleAndFractions: figures in £ thousands become real amounts, worked
// by hand; a percent metric written as fractions gets a warning.
func TestScaleAndFractions(t *testing.T) {
	metrics := "id,name,service,goal,unit,direction,target,amber,scale\n" +
		"uptime,System availability,ict,resilience,percent,higher,99.5,0.5,\n" +
		"receipts,Council tax receipts,ict,efficiency,£000,higher,\"55,000\",500,\n" +
		"budget,Budget,ict,efficiency,gbp,higher,,,m\n" +
		"rate,Collection rate,ict,efficiency,percent,higher,0.97,,\n"
	perf := "metric,period,value,target\n" +
		"uptime,2024/25 Q1,99.6,\n" +
		"receipts,2024/25 Q1,\"55,011\",\n" +
		"receipts,2024/25 Q2,55011.5,\"56,000.25\"\n" +
		"receipts,2024/25 Q3,\"£55,100.5 [P]\",\n" +
		"budget,2024/25 Q1,1.25,\n" +
		"rate,2024/25 Q1,0.061,\n" +
		"rate,2024/25 Q2,0.973,0.98\n"
	d, probs := load(t, map[string]*string{"metrics.csv": s(metrics), "performance.csv": s(perf), "savings.csv": nil})
	wantProbs := []string{`data/performance.csv:7: warning: metric "rate" is a percentage, but every figure lies from 0 to 1: they look like fractions (0.061 for 6.1%); write percentages on a 0 to 100 scale`}
	if !slices.Equal(probs, wantProbs) {
		t.Errorf("problems %q, want %q", probs, wantProbs)
	}
	// 55,011 thousand is £55,011,000; 55,011.5 thousand £55,011,500;
	// the row's target 56,000.25 thousand £56,000,250; the metric's
	// target £55,000,000 and amber £500,000; 1.25 million £1,250,000.
	var values []float64
	for _, p := range d.Performance[1:5] {
		values = append(values, p.Value)
	}
	// A flag written in capitals ("[P]") does not stop the scaling.
	if !slices.Equal(values, []float64{55_011_000, 55_011_500, 55_100_500, 1_250_000}) || *d.Performance[2].Target != 56_000_250 {
		t.Errorf("values %v, row target %v", values, *d.Performance[2].Target)
	}
	if m := d.Metrics[1]; m.Unit != measure.GBP || m.Scale != 1000 || *m.Target != 55_000_000 || *m.Amber != 500_000 {
		t.Errorf("receipts = %+v", m)
	}
	_, probs = load(t, map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction,scale\nm,M,ict,efficiency,£m,higher,thousands\nn,N,ict,efficiency,gbp,higher,lots\n")})
	for _, w := range []string{
		`data/metrics.csv:2: unit "£m" says the figures are in millions but scale "thousands" says otherwise; give one`,
		`data/metrics.csv:3: scale "lots" is not one of: 1, thousands (000, k), millions (m)`,
	} {
		if !slices.Contains(probs, w) {
			t.Errorf("problems %q lack %q", probs, w)
		}
	}
}

func TestShift(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{{"55011", 3, "55011000"}, {"55011.5", 3, "55011500"}, {"0.061", 3, "0061"}, {"-1.2345", 3, "-1234.5"}, {"1.25", 6, "1250000"}} {
		if got := shift(tt.in, tt.n); got != tt.want {
			t.Errorf("shift(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestMarksAndFlags reads the GSS shorthand as published.
func TestMarksAndFlags(t *testing.T) {
	perf := "metric,period,value\n" +
		"uptime,2024/25 Q1,[x]\nuptime,2024/25 Q2,..\nuptime,2024/25 Q3,-\nuptime,2024/25 Q4,n/a\n" +
		"uptime,2025/26 Q1,\nuptime,2025/26 Q2,[z]\nuptime,2025/26 Q3,c\n" +
		"uptime,2025/26 Q4,57.3 [p]\nuptime,2026/27 Q1,57.3[r]\nuptime,2026/27 Q2,-5 [E]\nuptime,2026/27 Q3,(2)\n"
	d, probs := load(t, map[string]*string{"performance.csv": s(perf)})
	type got struct {
		v    float64
		mark measure.Mark
		flag measure.Flag
	}
	var gs []got
	for _, p := range d.Performance {
		gs = append(gs, got{p.Value, p.Mark, p.Flag})
	}
	want := []got{{0, measure.NotAvailable, measure.NoFlag}, {0, measure.NotAvailable, measure.NoFlag}, {0, measure.NotAvailable, measure.NoFlag}, {0, measure.NotAvailable, measure.NoFlag},
		{0, measure.NotAvailable, measure.NoFlag}, {0, measure.NotApplicable, measure.NoFlag}, {0, measure.Confidential, measure.NoFlag},
		{57.3, measure.Present, measure.Provisional}, {57.3, measure.Present, measure.Revised}, {-5, measure.Present, measure.Estimated}, {-2, measure.Present, measure.NoFlag}}
	if !slices.Equal(gs, want) {
		t.Errorf("figures %v\nwant %v", gs, want)
	}
	for _, p := range probs {
		if !strings.Contains(p, "outside 0 to 100") {
			t.Errorf("problem %q", p)
		}
	}
}

// TestNationalTable reads a table of every council, as DLUHC publishes it:
// the partners' rows are read, the others left out with one warning.
func TestNationalTable(t *testing.T) {
	partners := "id,name,code,cost_share\nnorth,North,E07000099,60\nsouth,South,E07000243,40\n"
	var b strings.Builder
	b.WriteString("\"Table 1: all councils\",,\nONS code,Local authority,Q1 2024/25,Q2 2024/25\n")
	for i := range 300 {
		fmt.Fprintf(&b, "E0%07d,Council %d,%d,%d\n", 6000001+i, i, 90+i%10, 91+i%9)
	}
	b.WriteString("E07000099,North,97,98\nE07000243,South,96,95\nnot-a-code,Nowhere,1,\n")
	// The warning counts the 300 rows, not their 600 figures.
	d, probs := load(t, map[string]*string{"partners.csv": s(partners), "performance/uptime.csv": s(b.String())})
	want := []string{
		`data/performance/uptime.csv:3: warning: 300 rows name councils by GSS codes that no partner in data/partners.csv has, such as the one on this line; they are left out (add a partner's code to partners.csv to include it)`,
		`data/performance/uptime.csv:305: partner "not-a-code" is not a partner in data/partners.csv (known: north, south)`,
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
	var got []string
	for _, p := range d.Performance {
		got = append(got, fmt.Sprintf("%s %s %v", p.Partner, p.Period, p.Value))
	}
	if w := []string{" 2024/25 Q1 99.6", " 2024/25 Q2 99.1", "north 2024/25 Q1 97", "north 2024/25 Q2 98", "south 2024/25 Q1 96", "south 2024/25 Q2 95", "not-a-code 2024/25 Q1 1"}; !slices.Equal(got, w) {
		t.Errorf("figures %q, want %q", got, w)
	}
}

// TestNationalTableLong reads a long national table, one figure a row for
// every council, whose rows for other councils are left out as they are
// read: only the partners' rows take memory, and one warning counts the
// others, at the first of them, however they mix with the partners'.
func TestNationalTableLong(t *testing.T) {
	partners := "id,name,code,cost_share\nnorth,North,E07000099,60\nsouth,South,E07000243,40\n"
	var b strings.Builder
	b.WriteString("metric,period,gss code,area name,value\n")
	for _, q := range []string{"2024/25 Q1", "2024/25 Q2"} {
		for i := range 150 {
			fmt.Fprintf(&b, "uptime,%s,E0%07d,Council %d,%d\n", q, 6000001+i, i, 90+i%10)
		}
		fmt.Fprintf(&b, "uptime,%s,e07000099,North,97\n", q) // a code in lower case names the partner too
	}
	d, probs := load(t, map[string]*string{"partners.csv": s(partners), "performance/national.csv": s(b.String())})
	want := []string{
		`data/performance/national.csv:2: warning: 300 rows name councils by GSS codes that no partner in data/partners.csv has, such as the one on this line; they are left out (add a partner's code to partners.csv to include it)`,
	}
	if !slices.Equal(probs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
	var got []string
	for _, p := range d.Performance {
		if p.File == "data/performance/national.csv" {
			got = append(got, fmt.Sprintf("%s %s %v line %d", p.Partner, p.Period, p.Value, p.Line))
		}
	}
	if w := []string{"north 2024/25 Q1 97 line 152", "north 2024/25 Q2 97 line 303"}; !slices.Equal(got, w) {
		t.Errorf("figures %q, want %q", got, w)
	}
}

// TestBenchmarks reads benchmarks.csv as the other files are read: every
// bad row gives its PATH:LINE error, all of them at once, and good rows
// take shorthand and the metric's scale.
func TestBenchmarks(t *testing.T) {
	metrics := base["metrics.csv"] + "receipts,Council tax receipts,ict,efficiency,£000,higher,,\n"
	perf := base["performance.csv"] + "receipts,2024/25,,\"55,011\"\n"
	good := "metric,period,benchmark,value,source\n" +
		"uptime,2024/25 Q1,England median,99.2,LG Inform\n" +
		"uptime,2024/25 Q2,England median,99.3 [p],LG Inform\n" +
		"uptime,2024/25 Q2,Nearest neighbours median,[x],\n" +
		"receipts,2024/25,England median,\"54,500\",\n"
	d, probs := load(t, map[string]*string{"metrics.csv": s(metrics), "performance.csv": s(perf), "benchmarks.csv": s(good)})
	if len(probs) != 0 {
		t.Fatalf("problems with good benchmarks: %q", probs)
	}
	want := []Benchmark{
		{Line: 2, Metric: "uptime", Name: "England median", Value: 99.2, Places: 1, Source: "LG Inform"},
		{Line: 3, Metric: "uptime", Name: "England median", Value: 99.3, Places: 1, Flag: measure.Provisional, Source: "LG Inform"},
		{Line: 4, Metric: "uptime", Name: "Nearest neighbours median", Mark: measure.NotAvailable},
		// 54,500 thousand, as the metric's figures are in thousands.
		{Line: 5, Metric: "receipts", Name: "England median", Value: 54_500_000},
	}
	if len(d.Benchmarks) != len(want) {
		t.Fatalf("%d benchmarks, want %d: %+v", len(d.Benchmarks), len(want), d.Benchmarks)
	}
	for i, w := range want {
		g := d.Benchmarks[i]
		g.Period, g.ambiguous = period.Period{}, false
		if !reflect.DeepEqual(g, w) {
			t.Errorf("benchmark %d = %+v, want %+v", i, g, w)
		}
	}

	// As comparison tables are published and saved from Excel: title
	// rows, one column a quarter, a gap where a figure is withheld, a
	// footnote. Each figure keeps the line of its row.
	wide := "\"Time taken to process new claims (days), comparison groups\",,,\r\n" +
		"Source: LG Inform,,,\r\n" +
		",,,\r\n" +
		"metric,benchmark,2024/25 Q1,2024/25 Q2\r\n" +
		"uptime,England median,99.2,99.3\r\n" +
		"uptime,CIPFA nearest neighbours mean,[c],99.0\r\n" +
		",,,\r\n" +
		"Figures are illustrative.,,,\r\n"
	d, probs = load(t, map[string]*string{"benchmarks.csv": s(wide)})
	if len(probs) != 0 {
		t.Fatalf("problems with a wide benchmarks file: %q", probs)
	}
	var got []string
	for _, b := range d.Benchmarks {
		got = append(got, fmt.Sprintf("%d %s %s %v %s", b.Line, b.Name, b.Period, b.Value, b.Mark.Symbol()))
	}
	if want := []string{
		"5 England median 2024/25 Q1 99.2 ",
		"5 England median 2024/25 Q2 99.3 ",
		"6 CIPFA nearest neighbours mean 2024/25 Q1 0 [c]",
		"6 CIPFA nearest neighbours mean 2024/25 Q2 99 ",
	}; !slices.Equal(got, want) {
		t.Errorf("wide benchmarks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// One benchmark written two ways is one benchmark, named as first
	// written, so its figures make one line on the chart.
	d, probs = load(t, map[string]*string{"benchmarks.csv": s("metric,period,benchmark,value\n" +
		"uptime,2024/25 Q1,England median,99.2\nuptime,2024/25 Q2, england  Median ,99.3\n")})
	if len(probs) != 0 || len(d.Benchmarks) != 2 || d.Benchmarks[1].Name != "England median" {
		t.Errorf("two spellings of one benchmark: %+v, problems %q", d.Benchmarks, probs)
	}

	bad := "metric,period,benchmark,value\n" +
		"uptme,2024/25 Q1,England median,99.2\n" + // unknown metric
		"uptime,2024/25,England median,99.2\n" + // a year for a quarterly metric
		"uptime,2024/25 Q1,England median,99.2\n" +
		"uptime,2024/25 Q1,england  median,99.4\n" + // the same benchmark again
		"uptime,2024/25 Q2,,99.1\n" + // no name
		"uptime,2024/25 Q3,England median,lots\n" // not a number
	_, probs = load(t, map[string]*string{"benchmarks.csv": s(bad)})
	wantProbs := []string{
		`data/benchmarks.csv:2: metric "uptme" is not a metric in data/metrics.csv (known: uptime)`,
		`data/benchmarks.csv:3: period 2024/25 is a financial year, but metric "uptime" has a figure a quarter; give the benchmark for the same kind of period as the metric's figures`,
		`data/benchmarks.csv:5: duplicate row: metric "uptime", period 2024/25 Q1, benchmark "england  median" is also on line 4; keep one`,
		`data/benchmarks.csv:6: benchmark is empty; every row needs one`,
		`data/benchmarks.csv:7: value "lots" is not a number: write numbers like 1234.5, 1,234, £1,234, 12%, -1234 or (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`,
	}
	slices.Sort(probs)
	if !slices.Equal(probs, wantProbs) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(wantProbs, "\n"))
	}
}

// TestRecurring reads the recurring column and, where it is empty, the
// note: "£500,000 a year" is a recurring saving, "a yearly review" is not.
func TestRecurring(t *testing.T) {
	d, probs := load(t, map[string]*string{"savings.csv": s("service,period,saving,one_off_cost,recurring,note\n" +
		"ict,2019/20,\"£500,000\",,,\">£500,000 a year\"\n" +
		"ict,2020/21,100,0,YES,\n" +
		"ict,2021/22,\"£1,300,000\",,no,£1.3m a year\n" +
		"ict,2022/23,100,5,,a yearly review\n")})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []bool{true, true, false, false}
	oneOff := []bool{false, true, false, true} // reported?
	for i, r := range d.Savings {
		if r.Recurring != want[i] {
			t.Errorf("line %d: recurring %v, want %v", r.Line, r.Recurring, want[i])
		}
		if (r.OneOffCost != nil) != oneOff[i] {
			t.Errorf("line %d: one-off cost %v, want reported %v", r.Line, r.OneOffCost, oneOff[i])
		}
	}
	if d.Savings[1].OneOffCost == nil || *d.Savings[1].OneOffCost != 0 {
		t.Errorf("a written 0 is a reported £0, got %v", d.Savings[1].OneOffCost)
	}
	for _, p := range d.Partners {
		if !p.ShareGiven {
			t.Errorf("%s: cost share given but ShareGiven false", p.ID)
		}
	}
	d, _ = load(t, map[string]*string{"partners.csv": s("id,name,cost_share\nnorth,North,\nsouth,South,\n")})
	for _, p := range d.Partners {
		if p.ShareGiven || p.CostShare != 0 {
			t.Errorf("%s: empty cost share read as given %v, %v", p.ID, p.ShareGiven, p.CostShare)
		}
	}
}
