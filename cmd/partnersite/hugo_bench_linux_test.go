package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// BenchmarkAgainstHugo10k pairs the partnersite command with Hugo on the
// same 10,000 report pages, each run as a program of its own in turn, so
// that a slow patch of the machine slows both alike: a build into an
// empty folder, a build again with nothing changed, and a build with one
// report edited. It reports the medians' ratios, partnersite over Hugo,
// of wall time (wall-x), processor time (cpu-x) and peak memory (mem-x).
// With PARTNERSITE_LIMIT naming the goldmark-only program's folder
// (../shared/bench/goldmark-limit beside this repository), it also
// times that on the same pages and reports the full build's processor
// time over its (limit-cpu-x); the same with the user's cache folder
// empty, as on a machine's first build, when the compressed copies of the
// theme's files are made rather than taken from it (cold-limit-cpu-x);
// and what the 10,000 pages cost over a site of one page, partnersite's
// against the limit's (page-limit-cpu-x): the report pages alone, without
// the data pages, which cost the same at every size. The folders are under TMPDIR: set it to
// /dev/shm for tmpfs, leave it for the disk. It needs Hugo and Go on the
// PATH, and skips without Hugo.
//
//	go test -run '^$' -bench AgainstHugo -benchtime 5x ./cmd/partnersite
func BenchmarkAgainstHugo10k(b *testing.B) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		b.Skip("hugo is not installed (apt-get install hugo)")
	}
	work := b.TempDir()
	ps := filepath.Join(work, "partnersite")
	goRun(b, "", "build", "-o", ps, ".")
	goRun(b, "../..", "run", "./internal/synth/gen", "-pages", "10000", filepath.Join(work, "ps"))
	goRun(b, "../..", "run", "./internal/synth/gen", "-pages", "10000", "-hugo", filepath.Join(work, "hugo"))
	limit := ""
	if dir := os.Getenv("PARTNERSITE_LIMIT"); dir != "" {
		if !filepath.IsAbs(dir) {
			// Relative to the repository, as docs/performance.md writes
			// it, not to this package's folder, where go test runs.
			dir = filepath.Join("../..", dir)
		}
		limit = filepath.Join(work, "limit")
		goRun(b, dir, "build", "-o", limit, ".")
	}
	env := append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(work, "cache"))
	psOut, hugoOut, limitOut := filepath.Join(work, "ps-out"), filepath.Join(work, "hugo-out"), filepath.Join(work, "limit-out")
	buildPS := []string{ps, "build", "--source", filepath.Join(work, "ps"), "--output", psOut}
	buildHugo := []string{hugo, "--quiet", "--source", filepath.Join(work, "hugo"), "--destination", hugoOut}
	runs := map[string][]runUsage{}
	timedIn := func(env []string, name string, args ...string) {
		runs[name] = append(runs[name], runOnce(b, env, args...))
	}
	timed := func(name string, args ...string) { timedIn(env, name, args...) }
	if limit != "" {
		goRun(b, "../..", "run", "./internal/synth/gen", "-pages", "1", filepath.Join(work, "ps1"))
		goRun(b, "../..", "run", "./internal/synth/gen", "-pages", "1", "-hugo", filepath.Join(work, "hugo1"))
	}
	// Each build into an empty folder starts on a settled disk: the last
	// output removed and everything written so far flushed, untimed. On
	// ext4 the kernel's work of deleting a 10,000-file tree otherwise falls
	// on whichever program runs next.
	fresh := func(dir string) {
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		syscall.Sync()
	}
	round := 0
	for b.Loop() {
		round++
		fresh(psOut)
		timed("ps", buildPS...)
		fresh(hugoOut)
		timed("hugo", buildHugo...)
		timed("ps-again", buildPS...)
		timed("hugo-again", buildHugo...)
		for _, site := range []string{"ps", "hugo"} {
			f := filepath.Join(work, site, "content", "reports", "report-00001.md")
			page, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(f, fmt.Appendf(page, "\nCorrected in round %d.\n", round), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		timed("ps-edited", buildPS...)
		timed("hugo-edited", buildHugo...)
		if limit != "" {
			fresh(limitOut)
			timed("limit", limit, "-in", filepath.Join(work, "hugo", "content"), "-out", limitOut)
			// Each in a folder of its own, so that no large tree is
			// removed just before the next round's first build, which
			// would pay for it on a disk.
			coldOut := filepath.Join(work, "ps-cold-out")
			fresh(coldOut)
			cold := append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(work, fmt.Sprint("cache-cold-", round)))
			timedIn(cold, "ps-cold", ps, "build", "--source", filepath.Join(work, "ps"), "--output", coldOut)
			oneOut, limitOneOut := filepath.Join(work, "ps-one-out"), filepath.Join(work, "limit-one-out")
			fresh(oneOut)
			timed("ps-one", ps, "build", "--source", filepath.Join(work, "ps1"), "--output", oneOut)
			fresh(limitOneOut)
			timed("limit-one", limit, "-in", filepath.Join(work, "hugo1", "content"), "-out", limitOneOut)
		}
	}
	for _, kind := range []string{"", "again-", "edited-"} {
		p, h := median(runs["ps"+suffix(kind)]), median(runs["hugo"+suffix(kind)])
		b.ReportMetric(p.wall.Seconds()/h.wall.Seconds(), kind+"wall-x")
		b.ReportMetric(p.cpu.Seconds()/h.cpu.Seconds(), kind+"cpu-x")
		b.ReportMetric(float64(p.peakKB)/float64(h.peakKB), kind+"mem-x")
		b.Logf("%-8s partnersite %.2f s (CPU %.2f s, %d MiB), Hugo %.2f s (CPU %.2f s, %d MiB)",
			"build"+suffix(kind), p.wall.Seconds(), p.cpu.Seconds(), p.peakKB/1024, h.wall.Seconds(), h.cpu.Seconds(), h.peakKB/1024)
	}
	if limit != "" {
		p, l := median(runs["ps"]), median(runs["limit"])
		cold, p1, l1 := median(runs["ps-cold"]), median(runs["ps-one"]), median(runs["limit-one"])
		b.ReportMetric(p.cpu.Seconds()/l.cpu.Seconds(), "limit-cpu-x")
		b.ReportMetric(cold.cpu.Seconds()/l.cpu.Seconds(), "cold-limit-cpu-x")
		b.ReportMetric((p.cpu-p1.cpu).Seconds()/(l.cpu-l1.cpu).Seconds(), "page-limit-cpu-x")
		b.Logf("goldmark-only limit %.2f s (CPU %.2f s); partnersite with an empty cache %.2f s (CPU %.2f s)",
			l.wall.Seconds(), l.cpu.Seconds(), cold.wall.Seconds(), cold.cpu.Seconds())
		b.Logf("one page: partnersite %.2f s (CPU %.2f s), the limit %.2f s (CPU %.2f s)",
			p1.wall.Seconds(), p1.cpu.Seconds(), l1.wall.Seconds(), l1.cpu.Seconds())
	}
}

// suffix turns a metric's prefix ("again-") into a run's name ("-again").
func suffix(kind string) string {
	if kind == "" {
		return ""
	}
	return "-" + kind[:len(kind)-1]
}

// runUsage is what one run of a program cost.
type runUsage struct {
	wall, cpu time.Duration
	peakKB    int64
}

// runOnce runs a program to its end and measures it.
func runOnce(b *testing.B, env []string, args ...string) runUsage {
	b.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s", filepath.Base(args[0]), err, out)
	}
	u := runUsage{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.peakKB = ru.Maxrss // kilobytes on Linux
	}
	return u
}

// median is the run of median wall time, with the median processor time
// and the largest peak, as scripts/bench-hugo.sh reports them.
func median(us []runUsage) runUsage {
	walls := make([]time.Duration, len(us))
	cpus := make([]time.Duration, len(us))
	var peak int64
	for i, u := range us {
		walls[i], cpus[i] = u.wall, u.cpu
		peak = max(peak, u.peakKB)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	return runUsage{wall: walls[(len(walls)-1)/2], cpu: cpus[(len(cpus)-1)/2], peakKB: max(peak, 1)}
}

// goRun runs the go command in dir, for the benchmark's setup.
func goRun(b *testing.B, dir string, args ...string) {
	b.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go %v: %v\n%s", args, err, out)
	}
}
