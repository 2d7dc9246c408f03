package site

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/synth"
)

// reportsScale is the data of issue 21's target: 1,000 metrics for 3
// partners over 40 quarters, 120,000 figures.
func reportsScale(reports int) synth.Options {
	return synth.Options{Pages: reports, Metrics: 1000, Quarters: 40, Partners: 3, Figures: true, Seed: 2026}
}

// BenchmarkReports builds the site of reportsScale with 1 and with 20
// quarterly reports, each with a scorecard and a chart, and writes it to
// disk, in a child process so that its peak memory is the build's alone.
// Besides the time of a build it reports that peak as peak-MB, the
// processor time the build took as cpu-s/op, and the largest HTML page
// as max-page-KB. The targets: 20 reports take no more
// than 1.5 × the time of one, the peak is under 1 GiB, no page is over
// 1 MB (see docs/performance.md).
func BenchmarkReports(b *testing.B) {
	for _, n := range []int{1, 20} {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := synth.Write(src, reportsScale(n)); err != nil {
				b.Fatal(err)
			}
			out := filepath.Join(b.TempDir(), "public")
			var peak int64
			var cpu time.Duration
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestReportsChild$", "-test.v")
				cmd.Env = append(os.Environ(), "PARTNERSITE_REPORTS="+src, "PARTNERSITE_REPORTS_OUT="+out)
				if got, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v\n%s", err, got)
				}
				peak = max(peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) // KB on Linux
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			b.ReportMetric(float64(peak)/1024, "peak-MB")
			// The processor time moves less than the wall time when
			// others share the machine's cores.
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(largestPage(b, out))/1024, "max-page-KB")
		})
	}
}

// largestPage is the size in bytes of the largest HTML page under dir.
func largestPage(tb testing.TB, dir string) int64 {
	var most int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err == nil {
			most = max(most, info.Size())
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return most
}

// TestReportsChild is BenchmarkReports's child process: it builds the
// site named by PARTNERSITE_REPORTS into PARTNERSITE_REPORTS_OUT, as
// `partnersite build` does. Run on its own it has no site to build.
func TestReportsChild(t *testing.T) {
	src, out := os.Getenv("PARTNERSITE_REPORTS"), os.Getenv("PARTNERSITE_REPORTS_OUT")
	if src == "" || out == "" {
		t.Skip("run by BenchmarkReports")
	}
	d, err := publish.Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Build(os.DirFS(src), Options{Write: d.Write}); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}
