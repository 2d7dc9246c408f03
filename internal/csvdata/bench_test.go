package csvdata

import (
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/synth"
)

var (
	loaderOnce sync.Once
	loaderDir  string
	loaderErr  error
)

// loaderSite writes the 500,000-row synthetic data once per test binary;
// TestMain removes it.
func loaderSite(b *testing.B) string {
	loaderOnce.Do(func() {
		loaderDir, loaderErr = os.MkdirTemp("", "partnersite-loader-")
		if loaderErr == nil {
			loaderErr = synth.Write(loaderDir, synth.Loader())
		}
	})
	if loaderErr != nil {
		b.Fatal(loaderErr)
	}
	return loaderDir
}

// TestMain removes the 500,000-row site, which the benchmarks of one run
// share, after they have all run.
func TestMain(m *testing.M) {
	code := m.Run()
	if loaderDir != "" {
		_ = os.RemoveAll(loaderDir)
	}
	os.Exit(code)
}

// BenchmarkLoad500k reads and checks every file of the 500,000-row site.
func BenchmarkLoad500k(b *testing.B) {
	dir := loaderSite(b)
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		var pl problem.List
		d := Load(fsys, []string{"efficiency", "resilience", "capacity"}, &pl)
		if pl.Errors() > 0 || len(d.Performance) != synth.Loader().Rows() {
			b.Fatalf("%d errors, %d rows: %v", pl.Errors(), len(d.Performance), pl.All()[:min(3, len(pl.All()))])
		}
	}
}

// BenchmarkEncodingCSV500k is the yardstick: a plain encoding/csv read of
// the same performance.csv, with no checks at all.
func BenchmarkEncodingCSV500k(b *testing.B) {
	path := filepath.Join(loaderSite(b), "data", "performance.csv")
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(f)
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		f.Close()
		if n != synth.Loader().Rows()+1 {
			b.Fatalf("%d records", n)
		}
	}
}
