// Package publish writes a built site to disk so that the output folder is
// never half-written and never loses a file the program did not write.
//
// A build into a folder that holds the previous build changes only what
// changed: each file is compared with the one already there, and only
// files whose bytes differ are written, to a temporary folder beside the
// target. When every file is written, a plan of the changes goes beside
// them, and the changes are then made in the target by renaming each new
// file over the old one and removing the files that went away. A build
// that fails before the plan is in place leaves the previous output
// exactly as it was; a build killed once it is in place, even half way
// through the changes, has them finished by the next build before it does
// anything else, so the output is the previous site or the new one, each
// file whole. A build with nothing changed writes nothing in the target,
// and the files a server has open are never written into: each new file
// replaces the old one by rename. A build into a folder that is missing
// or empty writes the whole site into the temporary folder, which is
// renamed into the target's place.
//
// Text files of 1 KB or more other than HTML pages get a gzip copy beside
// them, and up to 1 MB a brotli copy (see compress.go), made here and only
// here, and only for files whose bytes changed: an unchanged file keeps
// the copies it has.
//
// The output folder is the program's alone. Each build leaves a marker file,
// [Marker], listing every file it wrote. A folder is replaced only if it is
// missing, empty, or marked and holding nothing but the files its marker
// lists: a council's own documents in a web root are never deleted, and
// neither are files someone copied into a built folder by hand. Begin
// refuses such folders, and folders that would put the output over or
// inside the site's own inputs, with a [Refusal].
//
// A build killed at any moment leaves no trace that the next one does not
// clear: its temporary folders are removed, a plan in place is carried
// out, and a folder moved aside but never replaced is put back. A folder
// beside the output is known as such a leftover only by a mark file inside
// it, [swapMark], that names the folder and what it is; its name alone
// proves nothing, since a council may keep ".public.old-notes" or
// ".public.new-draft" beside its web root. Any file or folder beside the
// output without that mark is never deleted or renamed, whatever its name.
// (A kill in the instant between creating the staging folder and writing
// its mark leaves it empty and unmarked: a trace, never a loss.)
//
// A Dir accepts files while the site is still rendering, from many
// goroutines at once, so that a large build neither waits for the disk at
// the end nor holds every page in memory.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Marker is the name of the file that marks a folder as written by
// partnersite, listing the files it holds.
const Marker = ".partnersite"

// markerHead opens every marker file. A marker is this line and then one
// written file a line, sorted, so that it too is the same for the same
// input.
const markerHead = "# Written by partnersite build. The next build replaces this folder whole; do not add files here.\n"

// swapMark is the name of the file that marks a folder beside the output
// as a build's own: the staging folder, written before anything else goes
// in, or the previous output, marked just before it is moved aside. Its
// text, from [markBody], says which and names the folder itself, so a copy
// of a leftover under another name, or a built site copied beside the
// output by hand, is not taken for one.
const swapMark = ".partnersite-swap"

// Kinds of folder a build makes beside the output.
const (
	kindNew = "new" // the staging folder, until it is swapped in
	kindOld = "old" // the previous output, moved aside during the swap
)

// markBody is the whole text of the mark of the folder name, of kind new or
// old, beside the output folder base. A mark is recognised only if it is
// exactly this, so nothing but the program writes one by chance.
func markBody(kind, base, name string) string {
	what := map[string]string{kindNew: "new output being written", kindOld: "previous output moved aside"}[kind]
	return "# partnersite build: the " + what + " for " + base + "; the next build removes or restores it.\n" +
		kind + " " + name + "\n"
}

// markOf reads the mark in dir, a folder beside the output folder base,
// and returns the kind and folder name it gives; ok is false when dir holds
// no mark of this program's. A mark that is not a regular file, or is
// longer than any mark, is not one.
func markOf(dir, base string) (kind, name string, ok bool) {
	p := filepath.Join(dir, swapMark)
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || info.Size() > 4096 {
		return "", "", false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", "", false
	}
	body := strings.TrimSuffix(string(b), "\n")
	last := body[strings.LastIndexByte(body, '\n')+1:]
	kind, name, _ = strings.Cut(last, " ")
	if (kind != kindNew && kind != kindOld) || !strings.HasPrefix(name, tmpPrefix(base, kind)) ||
		string(b) != markBody(kind, base, name) {
		return "", "", false
	}
	return kind, name, true
}

// writeMark marks dir, beside the output folder base, as a folder of kind
// that is, or is about to be, named name.
func writeMark(dir, kind, base, name string) error {
	if err := os.WriteFile(filepath.Join(dir, swapMark), []byte(markBody(kind, base, name)), 0o644); err != nil {
		return fmt.Errorf("marking %s: %w", dir, err)
	}
	return nil
}

// Refusal is the error for an output folder the program will not replace.
// It is a usage error: the inputs are fine, the --output is not.
type Refusal struct {
	Dir    string // the output folder as given
	Reason string // why, and what to do
}

func (r *Refusal) Error() string { return "output folder " + r.Dir + " " + r.Reason }

// Dir is an output folder being written.
type Dir struct {
	target string // the real path of the folder to replace
	tmp    string // where files go until Commit
	unlock func()
	// update is set when the target holds a marked build, which is then
	// changed in place (see update.go) rather than replaced whole. old
	// lists its files, all of them listed by its marker, which was
	// oldMarker.
	update    bool
	old       map[string]bool
	oldMarker []byte
	made      sync.Map     // folders made in tmp, when not updating
	seq       atomic.Int64 // names files staged for an update
	jobs      sync.WaitGroup
	slots     chan struct{}      // compressions that may run at once
	zips      map[string]*zipped // by the bytes compressed; guarded by mu
	cache     string             // the copy cache's folder, or "" (see cache.go)
	mu        sync.Mutex
	names     []string // files written or kept, for the marker
	puts      []put    // files staged to go into the target, when updating
	err       error    // the first write error
}

// Steps of a commit, named for tests that stop the process between them.
const (
	stepStaged  = "staged"  // the first changed file of an update is in the temporary folder
	stepWritten = "written" // every file is in the temporary folder
	stepPlanned = "planned" // an update's plan is in place; the target is not yet changed
	stepMoved   = "moved"   // an update has changed the first file in the target
	stepApplied = "applied" // an update is done but for removing the temporary folder
	stepMarked  = "marked"  // the previous output is marked to go aside, still in place
	stepAside   = "aside"   // the previous output is moved aside
	stepPlaced  = "placed"  // the new output is in place; the old one is not yet removed
)

// afterStep is called after each step of a commit. Tests set it to kill
// the process there; it does nothing otherwise.
var afterStep = func(string) {}

// rename is os.Rename, replaced in tests to make a step fail.
var rename = os.Rename

// Begin starts writing the output folder dir for the site folder source.
// It refuses, with a *Refusal, any folder whose replacement could lose a
// file the program did not write or touch the site's inputs. Before it
// returns it clears what a killed earlier build left beside dir, finishing
// an update whose plan was in place.
func Begin(dir, source string) (*Dir, error) {
	target, err := realPath(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	src, err := realPath(source)
	if err != nil {
		return nil, fmt.Errorf("source folder %s: %w", source, err)
	}
	if err := checkPlace(dir, target, src); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	unlock, err := lock(parent)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	if err := clearLeftovers(parent, base); err != nil {
		unlock()
		return nil, fmt.Errorf("output folder %s: clearing what an earlier build left: %w", dir, err)
	}
	old, marker, err := checkReplaceable(dir, target)
	if err != nil {
		unlock()
		return nil, err
	}
	tmp, err := makeStaging(parent, base)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("creating a temporary folder beside %s: %w", dir, err)
	}
	return &Dir{target: target, tmp: tmp, unlock: sync.OnceFunc(unlock),
		update: marker != nil, old: old, oldMarker: marker,
		slots: make(chan struct{}, runtime.GOMAXPROCS(0)), zips: map[string]*zipped{}}, nil
}

// makeStaging creates the staging folder beside the output folder base
// in parent, marked before anything else goes in. Its name is chosen so
// that the name the previous output will take beside it is free: moving a
// folder onto an empty one replaces it, and that one may be a council's.
func makeStaging(parent, base string) (string, error) {
	for range 100 {
		tmp, err := os.MkdirTemp(parent, tmpPrefix(base, kindNew))
		if err != nil {
			return "", err
		}
		_, err = os.Lstat(asideOf(tmp, base))
		if errors.Is(err, fs.ErrNotExist) {
			if err := writeMark(tmp, kindNew, base, filepath.Base(tmp)); err != nil {
				_ = os.RemoveAll(tmp)
				return "", err
			}
			return tmp, nil
		}
		// Taken, or unreadable: this empty folder is ours alone, so try
		// another name.
		if rerr := os.Remove(tmp); rerr != nil {
			return "", rerr
		}
		if err != nil {
			return "", fmt.Errorf("checking the name %s is free: %w", asideOf(tmp, base), err)
		}
	}
	return "", fmt.Errorf("no free name for a staging folder in %s after 100 tries", parent)
}

// asideOf is where the previous output of base goes while the staging
// folder tmp is moved into its place: the same name, of kind old.
func asideOf(tmp, base string) string {
	return filepath.Join(filepath.Dir(tmp), tmpPrefix(base, kindOld)+strings.TrimPrefix(filepath.Base(tmp), tmpPrefix(base, kindNew)))
}

// tmpPrefix names the folders a build makes beside the output: hidden, and
// named for the output so that a reader sees whose they are. The next
// build knows them as its own by their mark, not by this name.
func tmpPrefix(base, kind string) string { return "." + base + "." + kind + "-" }

// realPath returns the absolute path of p with every symbolic link
// resolved, for as much of it as exists, so that two names for one folder
// compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether path is dir or lies inside it, by whole path
// segments: "/a/..b" lies inside "/a", "/ab" does not.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return false
	}
	return rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// checkPlace refuses outputs that would replace the site or write into
// its inputs.
func checkPlace(given, target, src string) error {
	if within(src, target) {
		return &Refusal{given, "holds the site's own files (" + src + "); choose an --output outside the site folder, or leave it out to build into public/"}
	}
	for _, in := range []string{"content", "data", "themes"} {
		if within(target, filepath.Join(src, in)) {
			return &Refusal{given, "is inside the site's " + in + "/ folder, which the build reads; choose an --output outside it, or leave it out to build into public/"}
		}
	}
	return nil
}

// checkReplaceable refuses a folder that holds anything the program did
// not write, so a mistyped --output or a file copied into public/ by hand
// is never deleted. For a marked folder it returns the files in it, every
// one listed by its marker, and the marker's bytes; marker is nil for a
// folder that is missing or unmarked, and so empty of files.
func checkReplaceable(given, dir string) (files map[string]bool, marker []byte, err error) {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("output folder %s: %w", given, err)
	}
	if !info.IsDir() {
		return nil, nil, &Refusal{given, "is a file, not a folder; choose another --output"}
	}
	marker, written, err := readMarker(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("output folder %s: %w", given, err)
	}
	var foreign []string
	files = map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == Marker && marker != nil {
			return nil
		}
		if _, ok := written[rel]; !ok {
			foreign = append(foreign, rel)
		}
		files[rel] = true
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("output folder %s: %w", given, err)
	}
	switch {
	case len(foreign) == 0:
		return files, marker, nil
	case marker == nil:
		return nil, nil, &Refusal{given, fmt.Sprintf("already holds files that partnersite did not write (%s); build into an empty or new folder, or, if it is an old build, delete it first", sample(foreign))}
	}
	return nil, nil, &Refusal{given, fmt.Sprintf("holds files that the last build did not write (%s); move them out, since the output folder is the build's alone", sample(foreign))}
}

// sample names the first few of a list of files.
func sample(names []string) string {
	slices.Sort(names)
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

// readMarker reads the marker of dir and the list of files it names;
// marker is nil when dir has no marker.
func readMarker(dir string) (marker []byte, written map[string]struct{}, err error) {
	marker, err = os.ReadFile(filepath.Join(dir, Marker))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if marker == nil {
		marker = []byte{} // an empty marker still marks the folder
	}
	written = map[string]struct{}{}
	for line := range strings.SplitSeq(string(marker), "\n") {
		if line = strings.TrimSuffix(line, "\r"); line != "" && !strings.HasPrefix(line, "#") {
			written[line] = struct{}{}
		}
	}
	return marker, written, nil
}

// clearLeftovers clears what a killed build left beside the output folder
// base in parent: an update whose plan is in place is finished, a folder
// moved aside is put back if the output is missing, and every other
// leftover is removed. A leftover is a folder, not a link, whose mark says
// it is one and names it; nothing else beside the output is touched,
// whatever its name. The caller holds the lock, so none of them belongs to
// a build still running.
func clearLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	target := filepath.Join(parent, base)
	info, err := os.Lstat(target)
	missing := errors.Is(err, fs.ErrNotExist)
	var aside, stale []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, "."+base+".") {
			continue
		}
		switch kind, own, ok := markOf(filepath.Join(parent, name), base); {
		case !ok || own != name:
		case kind == kindOld:
			aside = append(aside, name)
		case kind == kindNew:
			stale = append(stale, name)
		}
	}
	for _, name := range stale {
		// An update whose plan is in place is finished, so that the
		// output is the new site, not part of each. Its target is a
		// folder: an update is planned only into one.
		pl, ok, err := readPlan(filepath.Join(parent, name), base)
		if err != nil {
			return err
		}
		if ok && info != nil && info.IsDir() {
			if err := pl.apply(target, true); err != nil {
				return fmt.Errorf("finishing the update an earlier build began: %w", err)
			}
		}
	}
	if missing && len(aside) > 0 {
		// Only one folder is ever aside at a time: a build that finds the
		// output missing puts it back before it moves anything itself.
		if err := os.Rename(filepath.Join(parent, aside[0]), target); err != nil {
			return err
		}
		aside = aside[1:]
	}
	for _, name := range append(stale, aside...) {
		if err := os.RemoveAll(filepath.Join(parent, name)); err != nil {
			return err
		}
	}
	return unmark(target, base)
}

// unmark removes from the output folder a mark a swap left in it: the
// staging folder's, once it is in place, or the previous output's, once it
// is put back. A file there of that name that is not a mark is left alone.
func unmark(target, base string) error {
	if _, _, ok := markOf(target, base); !ok {
		return nil
	}
	if err := os.Remove(filepath.Join(target, swapMark)); err != nil {
		return fmt.Errorf("removing the build's mark from %s: %w", target, err)
	}
	return nil
}

// Write writes one file, name relative to the output folder with forward
// slashes, and its compressed copies if it gets them. When the output
// folder holds the previous build and the file there has the same bytes,
// nothing is written, and it keeps its copies. It is safe for concurrent
// use; data may be reused once it returns.
func (d *Dir) Write(name string, data []byte) error {
	if name == Marker || name == swapMark {
		return d.fail(fmt.Errorf("writing %s: the name is kept for the output folder's marker", name))
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.ContainsAny(name, "\n\r\\") {
		return d.fail(fmt.Errorf("writing %q: not a path inside the output folder", name))
	}
	changed := !d.update || !d.same(name, data)
	if changed {
		if err := d.stage(name, data); err != nil {
			return err
		}
	} else {
		d.keep(name)
	}
	if compressible(name, len(data)) {
		d.copies(name, data, changed)
	}
	return nil
}

// keep records a file of the previous build that stays as it is.
func (d *Dir) keep(name string) {
	d.mu.Lock()
	d.names = append(d.names, name)
	d.mu.Unlock()
}

// stage writes a file that is new or changed into the temporary folder:
// for an update, under a name of its own to be renamed into the target at
// Commit; otherwise where it goes in the site, the folder being renamed
// into the target's place whole.
func (d *Dir) stage(name string, data []byte) error {
	if d.update {
		n := d.seq.Add(1)
		if err := writeNew(filepath.Join(d.tmp, strconv.FormatInt(n, 10)), data); err != nil {
			return d.fail(fmt.Errorf("writing %s: %w", name, err))
		}
		d.mu.Lock()
		d.names = append(d.names, name)
		d.puts = append(d.puts, put{n, name})
		d.mu.Unlock()
		if n == 1 {
			afterStep(stepStaged)
		}
		return nil
	}
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	if err := d.mkdir(dir); err != nil {
		return d.fail(fmt.Errorf("creating %s: %w", dir, err))
	}
	if err := writeNew(p, data); err != nil {
		return d.fail(fmt.Errorf("writing %s: %w", name, err))
	}
	d.mu.Lock()
	d.names = append(d.names, name)
	d.mu.Unlock()
	return nil
}

// mkdir makes the folder dir in the temporary folder, and any of its
// parents not yet made, with one system call for each: os.MkdirAll would
// first ask after the folder and its parent, which for a site of 10,000
// pages, each in a folder of its own, was twice as many calls again.
func (d *Dir) mkdir(dir string) error {
	if _, ok := d.made.Load(dir); ok || dir == d.tmp {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	// Another file's writer may have made it a moment ago.
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.made.Store(dir, true)
	return nil
}

// writeNew writes a file that must not exist yet: two writes of one name
// are a mistake, and a file already there is never written into.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return errors.New("written twice in one build")
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// copies writes the compressed copies of the file name, on goroutines of
// their own, so that the large files written last (the search index, the
// downloads) compress on the cores that rendering has left idle. An
// unchanged file of an update keeps the copies already beside it. Files
// with the same bytes, as each theme asset is under its hashed name and its
// own, are compressed once.
func (d *Dir) copies(name string, data []byte, changed bool) {
	kinds := copiesOf(len(data))
	if !changed && !slices.ContainsFunc(kinds, func(c copyKind) bool { return !d.keptCopy(name, c, data) }) {
		for _, c := range kinds {
			d.keep(name + c.suffix)
		}
		return
	}
	key := string(data) // a copy: the caller reuses its buffer
	d.mu.Lock()
	z, seen := d.zips[key]
	if !seen {
		z = &zipped{done: make(chan struct{}), copies: make([][]byte, len(kinds))}
		d.zips[key] = z
	}
	d.mu.Unlock()
	d.jobs.Go(func() {
		if seen {
			<-z.done
		} else {
			// The copies of one file are made at once: the search index
			// and the feed are written last, and the build ends when
			// their copies are done.
			b := []byte(key)
			var all sync.WaitGroup
			for i, c := range kinds {
				all.Go(func() {
					d.slots <- struct{}{}
					z.copies[i] = d.compressed(c, b)
					<-d.slots
				})
			}
			all.Wait()
			close(z.done)
		}
		for i, c := range kinds {
			if err := d.stage(name+c.suffix, z.copies[i]); err != nil {
				return
			}
		}
	})
}

// zipped is the compressed copies of some bytes, once done is closed.
type zipped struct {
	done   chan struct{}
	copies [][]byte // in the order of copiesOf
}

// keptCopy reports whether the previous build left beside the file name
// its copy of kind c, and a copy of the bytes data, which the file has
// now. (A copy and its file are changed together, but a folder the program
// did not finish writing may be put right by hand.)
func (d *Dir) keptCopy(name string, c copyKind, data []byte) bool {
	if !d.old[name+c.suffix] {
		return false
	}
	p := filepath.Join(d.target, filepath.FromSlash(name+c.suffix))
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return c.of(f, info.Size(), data)
}

func (d *Dir) fail(err error) error {
	d.mu.Lock()
	if d.err == nil {
		d.err = err
	}
	d.mu.Unlock()
	return err
}

// Abort removes everything written; the output folder is untouched.
func (d *Dir) Abort() {
	d.discard()
	d.unlock()
}

// discard removes the temporary folder, once every copy is written.
func (d *Dir) discard() {
	d.jobs.Wait() // so that no copy is written after the folder is gone
	_ = os.RemoveAll(d.tmp)
}

// Commit puts what was written in place, unless a write failed, in which
// case it aborts and returns that error. An update renames the changed
// files into the output folder and removes those the build did not write;
// otherwise the temporary folder replaces the output folder whole.
func (d *Dir) Commit() error { return d.CommitThen(nil) }

// CommitThen is Commit, and then calls then, when set, with Commit's
// error, before the output folder is unlocked: so that what then records
// of the folder (internal/stamp's record of its files) is of this build's
// output, never of another build's that took the lock in between.
func (d *Dir) CommitThen(then func(error)) error {
	err := d.commit()
	if then != nil {
		then(err)
	}
	d.unlock()
	return err
}

func (d *Dir) commit() error {
	d.jobs.Wait()
	d.mu.Lock()
	err := d.err
	names := d.names
	d.mu.Unlock()
	slices.Sort(names)
	if err == nil {
		for i := 1; i < len(names); i++ {
			if names[i] == names[i-1] {
				err = fmt.Errorf("writing %s: written twice in one build", names[i])
				break
			}
		}
	}
	if err != nil {
		d.discard()
		return err
	}
	if d.update {
		return d.commitUpdate(names)
	}
	if err = writeNew(filepath.Join(d.tmp, Marker), markerText(names)); err != nil {
		err = fmt.Errorf("writing %s: %w", Marker, err)
	}
	if err == nil {
		err = os.Chmod(d.tmp, 0o755)
	}
	if err != nil {
		d.discard()
		return err
	}
	afterStep(stepWritten)
	return swap(d.tmp, d.target)
}

// Target is the real path of the output folder.
func (d *Dir) Target() string { return d.target }

// Names lists, after a successful Commit, every file the output folder
// holds: those the build wrote or kept, their compressed copies, and the
// marker.
func (d *Dir) Names() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append(slices.Clone(d.names), Marker)
}

// markerText is the marker of a build that wrote names, sorted.
func markerText(names []string) []byte {
	var b bytes.Buffer
	b.WriteString(markerHead)
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Write writes a whole site held in memory to dir, replacing it.
func Write(files map[string][]byte, dir, source string) error {
	d, err := Begin(dir, source)
	if err != nil {
		return err
	}
	for name, data := range files {
		if err := d.Write(name, data); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// swap moves the new folder into place. The old output is first marked
// and renamed aside, so if the second rename fails it can be put back, and
// if the process dies between the two the next Begin puts it back. The
// mark goes in before the rename, so the folder is never aside unmarked.
func swap(tmp, dir string) error {
	base := filepath.Base(dir)
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = asideOf(tmp, base)
		if err := writeMark(dir, kindOld, base, filepath.Base(old)); err != nil {
			_ = os.RemoveAll(tmp)
			return fmt.Errorf("moving the previous %s aside: %w", dir, err)
		}
		afterStep(stepMarked)
		if err := rename(dir, old); err != nil {
			_ = os.Remove(filepath.Join(dir, swapMark))
			_ = os.RemoveAll(tmp)
			return fmt.Errorf("moving the previous %s aside: %w", dir, err)
		}
		afterStep(stepAside)
	}
	if err := rename(tmp, dir); err != nil {
		if old != "" {
			if rerr := rename(old, dir); rerr != nil {
				// Leave both where they are, marked: the next build puts
				// the old one back.
				return fmt.Errorf("moving the new site into %s: %w; the previous output is in %s", dir, errors.Join(err, rerr), old)
			}
			_ = os.Remove(filepath.Join(dir, swapMark))
		}
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("moving the new site into %s: %w", dir, err)
	}
	afterStep(stepPlaced)
	if err := os.Remove(filepath.Join(dir, swapMark)); err != nil {
		return fmt.Errorf("removing the build's mark from %s: %w", dir, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the previous output %s: %w", old, err)
		}
	}
	return nil
}

// maxPath is the longest path, in bytes, that the operating system opens:
// PATH_MAX less its terminating zero on Linux and macOS. Go opens long
// paths on Windows by itself, up to the system's 32,767 characters.
func maxPath() int {
	switch runtime.GOOS {
	case "linux", "android":
		return 4095
	case "windows":
		return 32000
	}
	return 1023
}

// stagingSuffix is the most that MkdirTemp adds to a staging folder's
// prefix: a random number of up to ten digits.
const stagingSuffix = 10

// Room is how long, in bytes, the path of a file inside the output folder
// dir may be, so that the file can be written: the system's limit less the
// staging folder files are written into first, whose name is longer than
// dir's. check asks it as build does, so that a path too long for the
// system is reported before any build, at the input that makes it.
func Room(dir string) (int, error) {
	target, err := realPath(dir)
	if err != nil {
		return 0, fmt.Errorf("output folder %s: %w", dir, err)
	}
	parent, base := filepath.Split(target)
	staging := len(filepath.Join(parent, tmpPrefix(base, kindNew))) + stagingSuffix
	return maxPath() - staging - 1, nil
}
