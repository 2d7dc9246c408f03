package serve

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/synth"
)

// serving writes the synthetic 10,000-page site, starts a preview server
// on it and waits for the first load. It returns the site folder, the
// server's address and the channel each later load is signalled on.
func serving(b *testing.B) (dir, addr string, builds <-chan int) {
	b.Helper()
	dir = b.TempDir()
	if err := synth.Write(dir, synth.Default(10000)); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan int, 100)
	s := New(dir, nil)
	s.Built = func(v int, _ time.Duration, p []problem.Problem) {
		if len(p) > 0 {
			b.Errorf("problems: %v", p[:1])
		}
		done <- v
	}
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	go func() { _ = s.Serve(ctx, ln) }()
	<-done
	return dir, "http://" + ln.Addr().String(), done
}

// editToPage saves each edit in turn, as an editor does, and times it
// until the page at url, fetched after the reload, shows the edit's
// marker. It reports the median, the figure the budget is set on.
func editToPage(b *testing.B, url string, builds <-chan int, edit func(i int) (marker string)) {
	b.Helper()
	var took []time.Duration
	i := 0
	for b.Loop() {
		i++
		saved := time.Now()
		marker := edit(i)
		<-builds
		res, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(body), marker) {
			b.Fatalf("edit %d (%q) is not on the page", i, marker)
		}
		took = append(took, time.Since(saved))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}

// BenchmarkEditToPage10k measures the preview server on a 10,000-page
// site: from saving a report's markdown to receiving its new page over
// HTTP, through the real watcher (with its quiet time), the update and
// the render.
func BenchmarkEditToPage10k(b *testing.B) {
	dir, addr, builds := serving(b)
	file := filepath.Join(dir, "content", "reports", "report-05000.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	editToPage(b, addr+"/reports/report-05000/", builds, func(i int) string {
		marker := fmt.Sprintf("Edit number %d.", i)
		if err := os.WriteFile(file, append(slices.Clone(orig), "\n"+marker+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		return marker
	})
}

// BenchmarkCSVEditToPage10k is BenchmarkEditToPage10k for a figure: it
// changes a value in data/performance.csv (24,000 rows) and times it
// until the metric's page shows the new figure.
func BenchmarkCSVEditToPage10k(b *testing.B) {
	dir, addr, builds := serving(b)
	file := filepath.Join(dir, "data", "performance.csv")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	// The latest figure of metric-0002 (days, lower is better) for the
	// first council, which the page states in words.
	row := valueCell(b, orig, "metric-0002,2025/26 Q4,council-1,")
	editToPage(b, addr+"/metrics/metric-0002/", builds, func(i int) string {
		value := fmt.Sprintf("%d.7", 500+i)
		data := slices.Concat(orig[:row.start], []byte(value), orig[row.end:])
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		return "was " + value + " days"
	})
}

// span is a range of bytes of a file.
type span struct{ start, end int }

// valueCell finds the value cell of the CSV row that starts with prefix.
func valueCell(b *testing.B, data []byte, prefix string) span {
	b.Helper()
	i := strings.Index(string(data), "\n"+prefix)
	if i < 0 {
		b.Fatalf("no row %q", prefix)
	}
	start := i + 1 + len(prefix)
	end := start + strings.IndexByte(string(data[start:]), ',')
	return span{start, end}
}
