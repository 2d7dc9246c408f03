package csvdata

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
)

// The forms a published table writes a quarter's header in, for year y
// (2024 for 2024/25) and quarter q.
var quarterHeaders = []func(y, q int) string{
	func(y, q int) string { return fmt.Sprintf("%d/%02d Q%d", y, (y+1)%100, q) },
	func(y, q int) string { return fmt.Sprintf("Q%d %d/%02d", q, y, (y+1)%100) },
	func(y, q int) string { return fmt.Sprintf("%d/%02d Quarter %d", y, (y+1)%100, q) },
	func(y, q int) string { return fmt.Sprintf("%d-%02d Q%d", y, (y+1)%100, q) },
	func(y, q int) string { return fmt.Sprintf("Qtr %d %d/%02d", q, y, (y+1)%100) },
	func(y, q int) string { return fmt.Sprintf("%d/%02d Qtr %d", y, (y+1)%100, q) },
}

// The marks a government table puts on a header, and the flag each gives
// the column's figures.
var headerFlags = []struct {
	mark string
	flag measure.Flag
}{{"", measure.NoFlag}, {" [p]", measure.Provisional}, {" (p)", measure.Provisional}, {" [r]", measure.Revised}, {" (r)", measure.Revised}}

// The headers of the column that names the councils.
var partnerHeaders = []string{"Partner", "Local authority", "ONS code", "Council", "Area code"}

// FuzzPublishedTable writes a wide table as government and councils
// publish them, with its choices of header forms, flags, non-breaking
// spaces, title rows and partner column taken from the fuzzer, and holds
// the reader to reading every figure, in its period, with its flag: none
// dropped, none moved, and no error for a table that is well formed.
func FuzzPublishedTable(f *testing.F) {
	f.Add("Table 1: speed of processing", uint64(0), uint8(0), false)
	f.Add("", uint64(0x123456789), uint8(3), true)
	f.Add("Financial year\x002024/25", uint64(0xfedcba987654321), uint8(2), true)
	f.Add("\"Quoted\", with a comma", uint64(42), uint8(4), false)
	f.Add("Source: DWP Stat-Xplore", uint64(7<<40|5<<20), uint8(1), true)
	f.Fuzz(func(t *testing.T, title string, choice uint64, partnerCol uint8, nbsp bool) {
		if strings.ContainsAny(title, "\r\n") || len(title) > 200 || !utf8.ValidString(title) {
			t.Skip() // a title is one line of text
		}
		next := func(n int) int { // the fuzzer's next choice of n
			c := int(choice % uint64(n))
			choice /= uint64(n)
			return c
		}
		form := quarterHeaders[next(len(quarterHeaders))]
		var b strings.Builder
		if title != "" {
			// A title row, and a second one of two cells where the title
			// holds a NUL: "Financial year,2024/25" above the header.
			for _, row := range strings.Split(title, "\x00") {
				cells := strings.SplitN(row, "\x00", 2)
				for i, c := range cells {
					if i > 0 {
						b.WriteString(",")
					}
					b.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
				}
				b.WriteString("\n")
			}
		}
		type column struct {
			p    period.Period
			flag measure.Flag
		}
		var cols []column
		b.WriteString(partnerHeaders[int(partnerCol)%len(partnerHeaders)])
		for q := 1; q <= 4; q++ {
			h := headerFlags[next(len(headerFlags))]
			head := form(2024, q) + h.mark
			if nbsp {
				head = strings.Replace(head, " ", "\u00a0", 1)
			}
			b.WriteString("," + head)
			cols = append(cols, column{period.Period{Kind: period.Quarter, Year: 2024, N: q}, h.flag})
		}
		b.WriteString("\n")
		type figure struct {
			partner string
			p       period.Period
			v       float64
			flag    measure.Flag
		}
		var want []figure
		for i, who := range [][2]string{{"north", "E07000099"}, {"south", "E07000243"}} {
			name := who[0]
			if strings.Contains(partnerHeaders[int(partnerCol)%len(partnerHeaders)], "code") {
				name = who[1]
			}
			b.WriteString(name)
			for j, c := range cols {
				v := float64(90+10*i+j) + 0.5
				fmt.Fprintf(&b, ",%.1f", v)
				want = append(want, figure{who[0], c.p, v, c.flag})
			}
			b.WriteString("\n")
		}
		dir := t.TempDir()
		files := map[string]string{
			"partners.csv":           "id,name,code,cost_share\nnorth,North Council,E07000099,60\nsouth,South Council,E07000243,40\n",
			"services.csv":           base["services.csv"],
			"metrics.csv":            base["metrics.csv"],
			"performance/uptime.csv": b.String(),
		}
		for name, body := range files {
			p := filepath.Join(dir, "data", filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var pl problem.List
		d := Load(os.DirFS(dir), goals, &pl)
		line := regexp.MustCompile(`^data/[a-z/]+\.csv:\d+: `)
		for _, p := range pl.All() {
			if !line.MatchString(p.String()) {
				t.Errorf("problem %q names no file and line", p)
			}
		}
		if pl.Errors() > 0 {
			t.Fatalf("a well-formed table gives errors:\n%s\n%v", b.String(), pl.All())
		}
		var got []figure
		for _, p := range d.Performance {
			got = append(got, figure{p.Partner, p.Period, p.Value, p.Flag})
		}
		sortFigures := func(fs []figure) {
			slices.SortFunc(fs, func(a, b figure) int {
				return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
			})
		}
		sortFigures(got)
		sortFigures(want)
		if !slices.Equal(got, want) {
			t.Errorf("the table:\n%s\nread as %v\nwant %v", b.String(), got, want)
		}
	})
}
