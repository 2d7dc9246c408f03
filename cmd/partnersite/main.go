// Command partnersite builds a static website that shows whether a
// shared-service partnership between councils delivers its goals, from CSV
// data and markdown commentary. See the README and docs/ for the site
// folder format; `partnersite --help` lists the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/metricsfile"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/serve"
	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/sitefs"
	"github.com/partnersite/partnersite/internal/stamp"
	"github.com/partnersite/partnersite/internal/starter"
)

const usage = `partnersite builds a website showing how a shared-service partnership
between councils performs against its goals, from CSV data and markdown.

Usage:
  partnersite build [--source DIR] [--output DIR] [--drafts] [--portable] [--all]
  partnersite check [--source DIR] [--output DIR] [--all]
  partnersite serve [--source DIR] [--addr 127.0.0.1:1313] [--drafts]
  partnersite new DIR
  partnersite metrics [--source DIR] FILE...
  partnersite version

Commands:
  build    build the site into --output (default SOURCE/public)
  check    check every input file and list every problem; build nothing
  serve    preview the site at --addr, rebuilding and reloading on change
  new      write a small working site to DIR, which must be empty or absent
  metrics  print metrics.csv rows for the metrics in the council's report
           FILEs that data/metrics.csv lacks
  version  print the version

Exit status: 0 success (warnings allowed), 1 problems in the input,
2 wrong usage. Problems are printed one per line as PATH:LINE: message.
`

// exit codes
const (
	exitOK      = 0
	exitProblem = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a usage error, which exits 2; errHelp a request for a
// command's help, which exits 0.
var (
	errUsage = errors.New("usage")
	errHelp  = errors.New("help")
)

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "build":
		err = build(args[1:], stdout, stderr)
	case "check":
		err = check(args[1:], stdout, stderr)
	case "serve":
		err = serveCmd(args[1:], stdout, stderr)
	case "new":
		err = newCmd(args[1:], stdout, stderr)
	case "metrics":
		err = metricsCmd(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "partnersite", version())
		return exitOK
	default:
		fmt.Fprintf(stderr, "partnersite: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
	var pe *problem.Error
	var refusal *publish.Refusal
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.As(err, &pe):
		return exitProblem
	case errors.As(err, &refusal):
		// The inputs are fine; the --output is not: wrong usage.
		fmt.Fprintln(stderr, "partnersite:", err)
		return exitUsage
	}
	fmt.Fprintln(stderr, "partnersite:", err)
	return exitProblem
}

// flags parses a command's flags; on a usage error it prints the usage and
// returns errUsage.
func flags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of partnersite %s:\n", fs.Name())
		fs.PrintDefaults()
	}
	if slices.ContainsFunc(args, isHelp) {
		// Asked for: the help goes to standard output and is no error.
		fs.SetOutput(stdout)
		fs.Usage()
		return errHelp
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "partnersite %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// isHelp reports whether a command-line argument asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
}

// printProblems prints every problem, one a line, folding long runs of
// one kind in one file unless all is set.
func printProblems(pl *problem.List, all bool, stderr io.Writer) {
	if pl == nil {
		return
	}
	for _, l := range pl.Lines(all) {
		fmt.Fprintln(stderr, l)
	}
}

func build(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	source := fs.String("source", ".", "the site folder")
	output := fs.String("output", "", "where to write the site (default SOURCE/public)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	portable := fs.Bool("portable", false, "write links that name index.html, so the site works opened from file://")
	all := fs.Bool("all", false, "print every problem, not the first 10 of a long run of one kind")
	if err := flags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if *output == "" {
		*output = filepath.Join(*source, "public")
	}
	start := time.Now()
	room, err := outputRoom(*output)
	if err != nil {
		return err
	}
	// Files stream to disk as they are rendered, those that changed into a
	// temporary folder beside the output, with their compressed copies; the
	// output changes only if the whole build succeeds.
	dir, err := publish.Begin(*output, *source)
	if err != nil {
		return err
	}
	src, err := sitefs.Open(*source)
	if err != nil {
		dir.Abort()
		return err
	}
	// A build whose program, options, inputs and output folder are all as
	// the last one left them would write the same bytes: it says so and
	// writes nothing (see internal/stamp).
	sourceDir, err := filepath.Abs(*source)
	if err != nil {
		dir.Abort()
		return err
	}
	key := stamp.Key(sourceDir, dir.Target(), fmt.Sprint(*drafts, *portable))
	stampPath := stamp.Path(dir.Target())
	if last := stamp.Load(stampPath); last.Unchanged(key, src, dir.Target()) {
		dir.Abort()
		var pl problem.List
		for _, w := range last.Warnings {
			pl.Add(w)
		}
		printProblems(&pl, *all, stderr)
		fmt.Fprintf(stdout, "built %d pages with %d charts into %s in %s: nothing had changed since the last build, so no file was written\n",
			last.Pages, last.Charts, *output, time.Since(start).Round(time.Millisecond))
		return nil
	}
	rec := stamp.Record(src)
	// The theme's compressed copies, the same bytes build after build,
	// come from the user's cache once this program has made them (see
	// internal/publish).
	dir.KeepCopiesIn(publish.CopyCache(stamp.Key()))
	out, pl, err := site.Build(rec, site.Options{Drafts: *drafts, Portable: *portable, Write: dir.Write, Room: room})
	printProblems(pl, *all, stderr)
	if err != nil {
		dir.Abort()
		return err
	}
	// The stamp is made while the output folder is still locked, so that
	// it records this build's files. It is a saving, never a need: failing
	// to save one costs the next build its shortcut, nothing more.
	err = dir.CommitThen(func(err error) {
		s := (*stamp.Stamp)(nil) // a failed commit: no stamp
		if err == nil {
			s = rec.Make(key, out.Pages, out.Charts, pl.All(), dir.Target(), dir.Names())
		}
		_ = s.Save(stampPath)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d pages with %d charts into %s in %s\n",
		out.Pages, out.Charts, *output, time.Since(start).Round(time.Millisecond))
	return nil
}

// ownPaths is room enough for the paths of the pages every site has
// (accessibility/index.html, embed/savings/ID/index.html): an output
// folder that leaves less is refused at once, since no input could be
// renamed to make its pages fit.
const ownPaths = 160

// outputRoom is how long a path inside the output folder may be, or the
// refusal of an output folder whose own path is too long for any site.
func outputRoom(output string) (int, error) {
	room, err := publish.Room(output)
	if err != nil {
		return 0, err
	}
	if room < ownPaths {
		return 0, &publish.Refusal{Dir: output, Reason: fmt.Sprintf("has a path too long for this computer to write a site in (%d characters to spare, where a site needs %d); choose a folder with a shorter path", max(room, 0), ownPaths)}
	}
	return room, nil
}

func check(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	source := fs.String("source", ".", "the site folder")
	output := fs.String("output", "", "where build would write the site, so that every path is checked to fit there (default SOURCE/public)")
	all := fs.Bool("all", false, "print every problem, not the first 10 of a long run of one kind")
	if err := flags(fs, args, stdout, stderr); err != nil {
		return err
	}
	if *output == "" {
		*output = filepath.Join(*source, "public")
	}
	room, err := outputRoom(*output)
	if err != nil {
		return err
	}
	src, err := sitefs.Open(*source)
	if err != nil {
		return err
	}
	pl, err := site.Check(src, site.Options{Room: room})
	printProblems(pl, *all, stderr)
	fmt.Fprintf(stdout, "%d %s, %d %s\n", pl.Errors(), plural(pl.Errors(), "error", "errors"),
		pl.Warnings(), plural(pl.Warnings(), "warning", "warnings"))
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func serveCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	source := fs.String("source", ".", "the site folder")
	addr := fs.String("addr", "127.0.0.1:1313", "the address to serve on; loopback keeps the preview on this computer")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	if err := flags(fs, args, stdout, stderr); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot serve on %s: %w", *addr, err)
	}
	at := "http://" + ln.Addr().String() + "/"
	if host, port, _ := net.SplitHostPort(ln.Addr().String()); !isLoopback(host) {
		// "http://[::]:1313/" is no address a person can open: name the
		// ones that work, here and from the other devices on the network.
		at = "http://localhost:" + port + "/"
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			at = "http://" + ln.Addr().String() + "/"
		}
		others := "this computer's address"
		if name, err := os.Hostname(); err == nil && name != "" {
			others = "http://" + name + ":" + port + "/ or this computer's address"
		}
		fmt.Fprintf(stderr, "warning: serving on %s, which other devices on the network can reach at %s\n", *addr, others)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
	fmt.Fprintf(stdout, "previewing %s at %s (press Ctrl-C to stop)\n", *source, at)
	srv := serve.New(*source, logf)
	srv.Drafts = *drafts
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if slices.ContainsFunc(args, isHelp) {
		fmt.Fprintln(stdout, "usage: partnersite new DIR [--languages en,cy]\n\nwrites a small working site to DIR, which must be empty or absent; with --languages en,cy, in English and Welsh")
		return errHelp
	}
	langs := fs.String("languages", "en", "the site's languages: en, or en,cy for English and Welsh")
	if err := fs.Parse(reorder(args, fs)); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: partnersite new DIR [--languages en,cy]")
		return errUsage
	}
	dir := fs.Arg(0)
	var languages []string
	for _, l := range strings.Split(*langs, ",") {
		languages = append(languages, strings.ToLower(strings.TrimSpace(l)))
	}
	if !slices.Equal(languages, []string{"en"}) && !slices.Equal(languages, []string{"en", "cy"}) {
		fmt.Fprintf(stderr, "partnersite new: --languages %s: write en for English, or en,cy for English and Welsh\n", *langs)
		return errUsage
	}
	if err := starter.Write(dir, languages); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a starter site to %s\nnext: partnersite serve --source %s\n", dir, dir)
	return nil
}

// reorder puts the flags of args before its other arguments, so that
// "new DIR --languages en,cy", as the contract writes it, parses as
// "new --languages en,cy DIR" does: the flag package stops at the first
// argument that is not a flag.
func reorder(args []string, fs *flag.FlagSet) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if f := fs.Lookup(name); f != nil && !strings.Contains(a, "=") && i+1 < len(args) {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
				i++
				flags = append(flags, args[i])
			}
		}
	}
	return append(flags, rest...)
}

func metricsCmd(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("metrics", flag.ContinueOnError)
	source := fs.String("source", ".", "the site folder, whose data/metrics.csv and data/services.csv the rows are written against")
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of partnersite metrics: partnersite metrics [--source DIR] FILE...\n\n"+
			"prints metrics.csv rows for the metrics in the performance report FILEs that data/metrics.csv lacks\n\n")
		fs.PrintDefaults()
	}
	if slices.ContainsFunc(args, isHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return errHelp
	}
	// Flags may come after the files too: "metrics q2.csv --source site".
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files, args = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "partnersite metrics: name the performance report files to read, e.g. partnersite metrics q2-report.csv")
		fs.Usage()
		return errUsage
	}
	src, err := sitefs.Open(*source)
	if err != nil {
		return err
	}
	// site.yaml's problems are check's to report; only its goals matter.
	var scratch problem.List
	known := csvdata.ReadReportSite(src)
	site := metricsfile.Site{Metrics: known.Metrics, Services: known.Services, Goals: config.Load(src, &scratch).GoalIDs()}
	var pl problem.List
	var reports []*csvdata.Report
	for _, f := range files {
		// A file named for a metric the site has (data/performance/ID.csv)
		// needs no metric column, and needs no row either: `metrics
		// data/performance/*.csv` passes over it.
		if stem := strings.ToLower(strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))); known.Metrics[stem] {
			fmt.Fprintf(stderr, "%s:1: warning: passed over: its figures are for metric %q, which %s has already\n", f, stem, csvdata.MetricsFile)
			continue
		}
		// FILE is named as given, relative to the current folder, not
		// to the site: the report is wherever the officer saved it.
		if rep := csvdata.ReadReport(osFS{}, f, &pl); rep != nil {
			reports = append(reports, rep)
		}
	}
	if err := pl.Err(); err != nil {
		printProblems(&pl, false, stderr)
		return err
	}
	res := metricsfile.Build(reports, site, &pl)
	printProblems(&pl, false, stderr)
	// Rows in the order of the site's own metrics.csv, so that they are
	// pasted below its header as they are.
	if err := metricsfile.WriteFor(stdout, res.Rows, known.Header); err != nil {
		return err
	}
	if lacks := metricsfile.Lacks(res.Rows, known.Header); len(known.Header) > 0 && len(lacks) > 0 {
		add := "add it to the end of its header row"
		if len(lacks) > 1 {
			add = "add them, in that order, to the end of its header row"
		}
		fmt.Fprintf(stderr, "%s:%d: its header lacks %s, which these rows fill: %s, then paste the rows below it\n",
			csvdata.MetricsFile, known.HeaderLine, strings.Join(lacks, ", "), add)
	}
	fmt.Fprintln(stderr, res.Summary())
	return nil
}

// osFS opens files by the names given on the command line, relative to
// the current folder or absolute, which fs.FS names cannot be. Its errors
// leave the name out: every message names the file already.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) {
	// Looked at before it is opened: opening a named pipe blocks.
	if info, err := os.Stat(name); err == nil {
		if err := sitefs.Check(name, info); err != nil {
			if pe, ok := errors.AsType[*fs.PathError](err); ok {
				return nil, pe.Err
			}
			return nil, err
		}
	}
	f, err := os.Open(name)
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return nil, pe.Err
	}
	return f, err
}

// version reports the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
