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

// BenchmarkEditToPage10k measures the preview server on a 10,000-page
// site: from saving a report's markdown to receiving its new page over
// HTTP, through the real watcher (with its quiet time), the update and
// the render. It logs the median, the figure the budget is set on.
func BenchmarkEditToPage10k(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Default(10000)); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	builds := make(chan int, 100)
	s := New(dir, nil)
	s.Built = func(v int, _ time.Duration, p []problem.Problem) {
		if len(p) > 0 {
			b.Errorf("problems: %v", p[:1])
		}
		builds <- v
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = s.Serve(ctx, ln) }()
	<-builds
	url := "http://" + ln.Addr().String() + "/reports/report-05000/"
	file := filepath.Join(dir, "content", "reports", "report-05000.md")
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	i := 0
	for b.Loop() {
		i++
		marker := fmt.Sprintf("Edit number %d.", i)
		saved := time.Now()
		if err := os.WriteFile(file, append(slices.Clone(orig), "\n"+marker+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		<-builds
		res, err := http.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(body), marker) {
			b.Fatalf("edit %d is not on the page", i)
		}
		took = append(took, time.Since(saved))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
}
