package synth

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDeterministicAndSized(t *testing.T) {
	o := Options{Pages: 3, Metrics: 4, Quarters: 8, Partners: 3, Seed: 1}
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, o); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, o); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"data/performance.csv", "data/metrics.csv", "content/reports/report-00003.md"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes with one seed", f)
		}
	}
	perf, _ := os.ReadFile(filepath.Join(a, "data/performance.csv"))
	if rows := strings.Count(string(perf), "\n") - 1; rows != o.Rows() {
		t.Errorf("%d performance rows, want %d", rows, o.Rows())
	}
	words := len(strings.Fields(Page(rand.New(rand.NewPCG(1, 2)), 0)))
	if words < 550 || words > 800 {
		t.Errorf("a page has %d words; want about 650", words)
	}
}
