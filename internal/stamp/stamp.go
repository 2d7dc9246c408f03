// Package stamp records what a build read and what it left in the output
// folder, so that the next build can tell, by reading the inputs again but
// rendering nothing, that it would write the same bytes: the same program,
// the same options, every file and folder listing the build read
// unchanged, and every output file as the build left it.
//
// A council building again with nothing changed (a scheduled job, a
// second run to check) then finishes in the time it takes to read its
// inputs, where rendering 10,000 pages takes seconds. It is safe because
// a build is deterministic: the same inputs give byte-identical files, no
// clock or environment is consulted, so unchanged inputs mean an
// unchanged site. It is exact about what counts as an input, since the
// record is made by the file system the build reads through, not by a
// list of folders that could fall out of step with the loader.
//
// The record lives in the user's cache folder, not in the output folder,
// which is published: it names every source file read, drafts included.
package stamp

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnersite/partnersite/internal/problem"
)

// head opens every stamp; a stamp of another format is ignored, so a new
// release simply builds in full once.
const head = "partnersite build stamp 1"

// What a read was, for the record: a file's bytes, a folder's listing, a
// Stat's kind and size, or a name that did not exist.
const (
	kindFile    = "file"
	kindDir     = "dir"
	kindStat    = "stat"
	kindMissing = "missing"
)

// read is one thing the build asked of its file system, and a digest of
// the answer.
type read struct {
	kind string
	sum  [sha256.Size]byte
}

// Recorder is a file system that passes every call to the one it wraps
// and records a digest of each answer. Wrap the site's file system in one
// for a build whose inputs are to be stamped. It is safe for concurrent
// use, as a build reads on many goroutines.
type Recorder struct {
	fsys fs.FS

	mu     sync.Mutex
	reads  map[string]read // by kind and name: "file content/a.md"
	failed bool            // a read failed other than by not existing
}

// Record returns a Recorder reading through fsys.
func Record(fsys fs.FS) *Recorder {
	return &Recorder{fsys: fsys, reads: map[string]read{}}
}

// note records one read. A name read twice with different answers was
// changed while the build ran, which then used both: it leaves no stamp,
// since no later state of the folder is the one the output was made from.
func (r *Recorder) note(kind, name string, sum [sha256.Size]byte) {
	k := kind + " " + name
	r.mu.Lock()
	if was, ok := r.reads[k]; ok && was.sum != sum {
		r.failed = true
	}
	r.reads[k] = read{kind: kind, sum: sum}
	r.mu.Unlock()
}

// noteErr records a name that does not exist as such; any other failure
// (too large, not a regular file, refused) leaves no stamp at all, since
// such a build reports a problem and must not be skipped next time.
func (r *Recorder) noteErr(name string, err error) {
	if errors.Is(err, fs.ErrNotExist) {
		r.note(kindMissing, name, [sha256.Size]byte{})
		return
	}
	r.mu.Lock()
	r.failed = true
	r.mu.Unlock()
}

// Open opens name. A file read through Open is recorded by its whole
// content, read once more here, since the caller may read only part.
func (r *Recorder) Open(name string) (fs.File, error) {
	f, err := r.fsys.Open(name)
	if err != nil {
		r.noteErr(name, err)
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		r.noteErr(name, err)
		return f, nil
	}
	if info.IsDir() {
		_, _ = r.ReadDir(name)
	} else {
		_, _ = r.ReadFile(name)
	}
	return f, nil
}

// ReadFile reads name and records the digest of its bytes.
func (r *Recorder) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(r.fsys, name)
	if err != nil {
		r.noteErr(name, err)
		return nil, err
	}
	r.note(kindFile, name, sha256.Sum256(b))
	return b, nil
}

// ReadDir lists name and records the digest of its listing.
func (r *Recorder) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(r.fsys, name)
	if err != nil {
		r.noteErr(name, err)
		return nil, err
	}
	r.note(kindDir, name, listing(es))
	return es, nil
}

// Stat describes name and records its kind and size: what a build can
// learn from a Stat without reading the file.
func (r *Recorder) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(r.fsys, name)
	if err != nil {
		r.noteErr(name, err)
		return nil, err
	}
	r.note(kindStat, name, statSum(info))
	return info, nil
}

// listing digests a folder's names and kinds, in the order ReadDir gives
// (sorted by name).
func listing(es []fs.DirEntry) [sha256.Size]byte {
	h := sha256.New()
	for _, e := range es {
		fmt.Fprintf(h, "%q %v\n", e.Name(), e.Type())
	}
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

func statSum(info fs.FileInfo) [sha256.Size]byte {
	return sha256.Sum256([]byte(fmt.Sprintf("%v %d", info.Mode().Type(), info.Size())))
}

// again answers one recorded read afresh, for comparison.
func again(fsys fs.FS, kind, name string) (sum [sha256.Size]byte, ok bool) {
	switch kind {
	case kindFile:
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return sum, false
		}
		return sha256.Sum256(b), true
	case kindDir:
		es, err := fs.ReadDir(fsys, name)
		if err != nil {
			return sum, false
		}
		return listing(es), true
	case kindStat:
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return sum, false
		}
		return statSum(info), true
	case kindMissing:
		_, err := fs.Stat(fsys, name)
		return sum, errors.Is(err, fs.ErrNotExist)
	}
	return sum, false
}

// Stamp is the record of one successful build.
type Stamp struct {
	Key      string            // the program, its options and the folders, digested
	Pages    int               // as the build reported them
	Charts   int               //
	Warnings []problem.Problem // printed again when the build is skipped
	reads    map[string]read
	outputs  []output
}

// output is one file of the output folder as the build left it.
type output struct {
	name  string
	size  int64
	mtime int64 // nanoseconds
}

// Key digests what besides the files read decides a build's output: the
// program (its path, size, modification time and build information, so
// any other binary or a rebuilt one builds in full), and the given parts (the source and
// output folders, the options).
func Key(parts ...string) string {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return "" // no key: never skip
	}
	info, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	fmt.Fprintf(h, "%q %d %d %s\n", exe, info.Size(), info.ModTime().UnixNano(), runtime.Version())
	// And what the binary says of itself (module versions, the commit it
	// was built from), for a package manager that keeps a file's date.
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(h, "%s\n", bi)
	}
	for _, p := range parts {
		fmt.Fprintf(h, "%q\n", p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Make stamps a build that read through r and succeeded with the given
// counts and warnings, leaving the files named by names in outDir. It
// returns nil when the build cannot be stamped: a read failed, or an
// output file cannot be described.
func (r *Recorder) Make(key string, pages, charts int, warnings []problem.Problem, outDir string, names []string) *Stamp {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failed || key == "" {
		return nil
	}
	s := &Stamp{Key: key, Pages: pages, Charts: charts, Warnings: warnings, reads: r.reads}
	for _, n := range names {
		info, err := os.Lstat(filepath.Join(outDir, filepath.FromSlash(n)))
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		s.outputs = append(s.outputs, output{n, info.Size(), info.ModTime().UnixNano()})
	}
	return s
}

// Unchanged reports whether a build with key, reading through fsys into
// outDir, would write exactly what s records: the key is the same, every
// recorded read gives the same answer, and every output file is as the
// build left it (same size and modification time). The reads are made
// again on every core.
func (s *Stamp) Unchanged(key string, fsys fs.FS, outDir string) bool {
	if s == nil || key == "" || s.Key != key {
		return false
	}
	for _, o := range s.outputs {
		info, err := os.Lstat(filepath.Join(outDir, filepath.FromSlash(o.name)))
		if err != nil || !info.Mode().IsRegular() || info.Size() != o.size || info.ModTime().UnixNano() != o.mtime {
			return false
		}
	}
	keys := make([]string, 0, len(s.reads))
	for k := range s.reads {
		keys = append(keys, k)
	}
	var (
		wg      sync.WaitGroup
		changed atomic.Bool // the first difference stops every worker
	)
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(keys) && !changed.Load(); i += workers {
				rd := s.reads[keys[i]]
				_, name, _ := strings.Cut(keys[i], " ")
				if sum, ok := again(fsys, rd.kind, name); !ok || sum != rd.sum {
					changed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return !changed.Load()
}

// Path is where the stamp of builds into outDir is kept: in the user's
// cache folder, named by a digest of outDir's absolute path. It is empty
// when the system has no cache folder, and then no build is skipped.
func Path(outDir string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	abs, err := filepath.Abs(outDir)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cache, "partnersite", "builds", hex.EncodeToString(sum[:12]))
}

// Save writes s to path whole, by rename, so that a reader never sees
// half of one. A nil s removes any stamp at path.
func (s *Stamp) Save(path string) error {
	if path == "" {
		return nil
	}
	if s == nil {
		err := os.Remove(path)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nkey %s\npages %d\ncharts %d\n", head, s.Key, s.Pages, s.Charts)
	for _, w := range s.Warnings {
		fmt.Fprintf(&b, "warn %d %q %q\n", w.Line, w.Path, w.Message)
	}
	keys := make([]string, 0, len(s.reads))
	for k := range s.reads {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		rd := s.reads[k]
		_, name, _ := strings.Cut(k, " ")
		fmt.Fprintf(&b, "read %s %x %q\n", rd.kind, rd.sum, name)
	}
	for _, o := range s.outputs {
		fmt.Fprintf(&b, "out %d %d %q\n", o.size, o.mtime, o.name)
	}
	// The counts close the stamp: one cut short at a line's end would
	// otherwise read as a build that read less, and skip too readily.
	fmt.Fprintf(&b, "end %d %d %d\n", len(s.Warnings), len(s.reads), len(s.outputs))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("saving the build stamp: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".stamp-")
	if err != nil {
		return fmt.Errorf("saving the build stamp: %w", err)
	}
	_, err = tmp.Write(b.Bytes())
	if err == nil {
		err = tmp.Sync() // on disk before it takes the name
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("saving the build stamp: %w", err)
	}
	prune(filepath.Dir(path), time.Now().Add(-maxAge))
	return nil
}

// maxAge is how long a stamp not written again is kept. Builds into a
// new temporary folder each time (a CI job) would otherwise leave one
// stamp a build in the cache for ever; a stamp older than this only makes
// a build of that folder a full one.
const maxAge = 30 * 24 * time.Hour

// prune removes the stamps in dir last written before cutoff, and
// temporary files a stopped save left.
func prune(dir string, cutoff time.Time) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range es {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.ModTime().Before(cutoff) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// Load reads the stamp at path, or returns nil when there is none or it
// cannot be read as one: a missing or damaged stamp only means a full
// build.
func Load(path string) *Stamp {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	s := &Stamp{reads: map[string]read{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	if !sc.Scan() || sc.Text() != head {
		return nil
	}
	ended := false
	for sc.Scan() {
		if ended {
			return nil // nothing may follow the end
		}
		field, rest, _ := strings.Cut(sc.Text(), " ")
		var err error
		switch field {
		case "end":
			ended = rest == fmt.Sprintf("%d %d %d", len(s.Warnings), len(s.reads), len(s.outputs))
			if !ended {
				return nil
			}
		case "key":
			s.Key = rest
		case "pages":
			s.Pages, err = strconv.Atoi(rest)
		case "charts":
			s.Charts, err = strconv.Atoi(rest)
		case "warn":
			err = s.loadWarning(rest)
		case "read":
			err = s.loadRead(rest)
		case "out":
			err = s.loadOutput(rest)
		default:
			err = fmt.Errorf("unknown line %q", field)
		}
		if err != nil {
			return nil
		}
	}
	if sc.Err() != nil || s.Key == "" || !ended {
		return nil
	}
	return s
}

func (s *Stamp) loadWarning(rest string) error {
	line, rest, _ := strings.Cut(rest, " ")
	n, err := strconv.Atoi(line)
	if err != nil {
		return err
	}
	path, rest, err := unquote(rest)
	if err != nil {
		return err
	}
	msg, rest, err := unquote(rest)
	if err != nil || rest != "" {
		return errors.New("bad warning")
	}
	s.Warnings = append(s.Warnings, problem.Problem{Path: path, Line: n, Message: msg, Warning: true})
	return nil
}

func (s *Stamp) loadRead(rest string) error {
	kind, rest, _ := strings.Cut(rest, " ")
	sum, rest, _ := strings.Cut(rest, " ")
	name, rest, err := unquote(rest)
	if err != nil || rest != "" {
		return errors.New("bad read")
	}
	var rd read
	rd.kind = kind
	if n, err := hex.Decode(rd.sum[:], []byte(sum)); err != nil || n != sha256.Size {
		return errors.New("bad digest")
	}
	s.reads[kind+" "+name] = rd
	return nil
}

func (s *Stamp) loadOutput(rest string) error {
	size, rest, _ := strings.Cut(rest, " ")
	mtime, rest, _ := strings.Cut(rest, " ")
	name, rest, err := unquote(rest)
	if err != nil || rest != "" {
		return errors.New("bad output")
	}
	o := output{name: name}
	if o.size, err = strconv.ParseInt(size, 10, 64); err != nil {
		return err
	}
	if o.mtime, err = strconv.ParseInt(mtime, 10, 64); err != nil {
		return err
	}
	s.outputs = append(s.outputs, o)
	return nil
}

// unquote takes one Go-quoted string off the front of s, and the rest
// after one space.
func unquote(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	v, err := strconv.Unquote(q)
	if err != nil {
		return "", "", err
	}
	return v, strings.TrimPrefix(s[len(q):], " "), nil
}
