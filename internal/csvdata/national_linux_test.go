package csvdata

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
)

// The national table of BenchmarkNationalTable: every council of England
// (400 of them) for 39 measures over 28 years of months, 5.2 million rows
// and 200 MB, of which the three partners' rows are 1 in 130.
const (
	nationalMetrics = 39
	nationalAreas   = 400
	nationalYears   = 28
)

var nationalPartners = []int{5, 17, 301}

// writeNational writes the national table's site into dir, for the
// given number of years.
func writeNational(tb testing.TB, dir string, years int) {
	tb.Helper()
	files := map[string]string{
		"data/partners.csv": "id,name,code,cost_share\n",
		"data/services.csv": "id,name\nrb,Revenues and benefits\n",
		"data/metrics.csv":  "id,name,service,goal,unit,direction\n",
	}
	for i, n := range nationalPartners {
		files["data/partners.csv"] += fmt.Sprintf("c%d,Council %d,E07%06d,%d\n", n, n, n, []int{40, 30, 30}[i])
	}
	for m := range nationalMetrics {
		files["data/metrics.csv"] += fmt.Sprintf("m%02d,Measure %d,rb,efficiency,days,lower\n", m, m)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "data", "performance"), 0o755); err != nil {
		tb.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "data", "performance", "national.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "metric,period,gss code,area name,value")
	for m := range nationalMetrics {
		for y := 2012; y < 2012+years; y++ {
			for mo := 1; mo <= 12; mo++ {
				for a := range nationalAreas {
					fmt.Fprintf(w, "m%02d,%d-%02d,E07%06d,Council %d,%d.%d\n", m, y, mo, a, a, 5+(a*7+m+mo)%35, (a+y)%10)
				}
			}
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkNationalTable loads a 200 MB national table, in a child
// process so that its peak memory is the load's alone, and reports that
// peak as peak-MB: the aim is under 1 GB (it was 3.0 GB when every row
// was kept until the partners were resolved).
func BenchmarkNationalTable(b *testing.B) {
	dir := b.TempDir()
	writeNational(b, dir, nationalYears)
	var peak int64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNationalChild$", "-test.v")
		cmd.Env = append(os.Environ(), "PARTNERSITE_NATIONAL="+dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		peak = max(peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) // KB on Linux
	}
	b.ReportMetric(float64(peak)/1024, "peak-MB")
}

// TestNationalChild is BenchmarkNationalTable's child process: it loads
// the site named by PARTNERSITE_NATIONAL. Run on its own it has no site
// to load, and TestNationalTableYear checks the same at one year.
func TestNationalChild(t *testing.T) {
	dir := os.Getenv("PARTNERSITE_NATIONAL")
	if dir == "" {
		t.Skip("run by BenchmarkNationalTable")
	}
	loadNational(t, dir, nationalYears)
}

// TestNationalTableYear loads the benchmark's table for one year.
func TestNationalTableYear(t *testing.T) {
	dir := t.TempDir()
	writeNational(t, dir, 1)
	loadNational(t, dir, 1)
}

// loadNational loads the national table's site and checks that it holds
// the partners' figures alone, with one warning for the others (its
// "area name" column is a second partner column, left alone).
func loadNational(t *testing.T, dir string, years int) {
	t.Helper()
	var pl problem.List
	d := Load(os.DirFS(dir), []string{"efficiency"}, &pl)
	want := nationalMetrics * years * 12 * len(nationalPartners)
	if pl.Errors() > 0 || len(d.Performance) != want {
		t.Fatalf("%d errors, %d figures, want %d: %v", pl.Errors(), len(d.Performance), want, pl.All())
	}
	left := fmt.Sprintf("data/performance/national.csv:2: warning: %d rows name councils by GSS codes", nationalMetrics*years*12*(nationalAreas-len(nationalPartners)))
	if ws := pl.All(); len(ws) != 1 || !strings.HasPrefix(ws[0].String(), left) {
		t.Errorf("warnings %v, want one: %q", ws, left)
	}
}
