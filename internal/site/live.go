package site

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/theme"
)

// Site is a loaded site that renders its files one at a time, on request.
// The preview server keeps one, so that a save re-reads only what changed
// and renders only the pages someone looks at, however large the site.
type Site struct {
	b *builder
	// jobs are every tree's pages by output path, each with the builder
	// of its language's tree.
	jobs map[string]treeJob

	once  sync.Once
	files map[string][]byte // downloads, sitemap and feed, made together when first asked for
	err   error
}

// Open loads the site in src without rendering anything. It fails, with
// the problems, when the inputs have errors.
func Open(src fs.FS, opts Options) (*Site, *problem.List, error) {
	opts.Write = nil
	b, err := load(src, opts)
	if err != nil {
		b.checkAllShortcodes()
		return nil, b.pl, b.pl.Err()
	}
	return newSite(b), b.pl, nil
}

// Update loads the site again after the files named in changed (paths
// relative to the site folder) were saved, created or deleted. Only the
// parts they belong to are read again. The receiver is left as it was, so
// a caller whose update fails can keep serving it.
func (s *Site) Update(src fs.FS, changed []string) (*Site, *problem.List, error) {
	b, err := reload(s.b, src, s.b.opts, changed)
	if err != nil {
		return nil, b.pl, err
	}
	return newSite(b), b.pl, nil
}

// treeJob is a page of one language's tree.
type treeJob struct {
	job
	b *builder
}

func newSite(b *builder) *Site {
	s := &Site{b: b, jobs: map[string]treeJob{}}
	for _, t := range b.trees() {
		for _, j := range t.jobs() {
			s.jobs[t.prefix+j.path] = treeJob{j, t}
		}
	}
	return s
}

// urls lists the folders of the HTML pages, for the sitemap. It is made
// with the sitemap, not with each update: sorting 10,000 addresses on
// every save would delay every page for the sake of one file.
func (s *Site) urls(t *builder) []string {
	var urls []string
	for p, j := range s.jobs {
		if j.b == t && strings.HasSuffix(p, "index.html") {
			urls = append(urls, strings.TrimSuffix(j.path, "index.html"))
		}
	}
	slices.Sort(urls)
	return urls
}

// NotFound is the 404 page for a missing file name: the page of the
// language's tree the name is in (cy/404.html under cy/), found by the
// trees' folders, as File finds their assets.
func (s *Site) NotFound(name string) string {
	for _, t := range s.b.others {
		if strings.HasPrefix(name, t.prefix) {
			return t.prefix + "404.html"
		}
	}
	return "404.html"
}

// fork is a builder that shares everything but its problem list and its
// output, for rendering on request.
func (b *builder) fork() *builder {
	nb := *b
	nb.pl = &problem.List{}
	nb.out = map[string][]byte{}
	nb.opts.Write = nil
	return &nb
}

// File renders the output file name ("reports/q2/index.html"). ok is false
// when the site has no such file. Problems found while rendering it, such
// as a shortcode naming a metric that does not exist, come back with it.
func (s *Site) File(name string) (data []byte, probs []problem.Problem, ok bool, err error) {
	if j, found := s.jobs[name]; found {
		rb := j.b.fork()
		var buf bytes.Buffer
		if err := j.run(rb, &buf); err != nil {
			if _, isTheme := errors.AsType[*theme.FileError](err); isTheme {
				// Shown on the page as build and check report it.
				return nil, append(rb.pl.All(), themeProblem(err)), true, nil
			}
			return nil, nil, true, err
		}
		return buf.Bytes(), rb.pl.All(), true, nil
	}
	for _, t := range s.b.trees() {
		if rest, in := strings.CutPrefix(name, t.prefix); in {
			if data, found := t.theme.Assets()[rest]; found {
				return data, nil, true, nil
			}
		}
	}
	s.once.Do(func() {
		s.files = map[string][]byte{}
		for _, t := range s.b.trees() {
			rb := t.fork()
			rb.urls = s.urls(t)
			if s.err = rb.writeData(); s.err != nil {
				return
			}
			for k, v := range rb.out {
				s.files[k] = v
			}
		}
	})
	data, ok = s.files[name]
	return data, nil, ok, s.err
}
