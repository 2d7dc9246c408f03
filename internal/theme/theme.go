// Package theme loads the templates and assets that pages are drawn with.
// The built-in "default" theme is embedded in the binary; a site's own
// themes/NAME/ folder overrides it file by file, so a council can replace
// one template or add its logo without copying the rest.
//
// A theme has four folders: layouts/base.html defines "base", which every
// page runs; partials/*.html define shared pieces; pages/KIND.html define
// "main" (and optionally "head") for one kind of page; assets/ is copied to
// public/assets/ as it is.
package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/partnersite/partnersite"
)

// Theme is a parsed theme, ready to render pages. It is safe for concurrent
// use: templates are parsed once and only executed afterwards.
type Theme struct {
	shared *template.Template // layouts and partials, for Partial
	pages  map[string]*template.Template
	// own holds, for each page kind, the templates its page file defines
	// itself ("main", and any layout or partial it redefines for its own
	// pages), so that Part draws them as the page would.
	own    map[string]map[string]bool
	assets map[string][]byte // path under assets/ to content

	publishOnce sync.Once
	published   map[string][]byte // as published, under hashed names and their own
	names       map[string]string // theme path to published path
	origin      map[string]origin // template file to where it was read from
}

// origin is where a theme file was read from.
type origin struct {
	path    string // relative to the site folder
	builtIn bool   // from the theme embedded in the program
}

// FileError is a problem in a theme file: a template that does not parse,
// or one that fails when a page runs it. Path is relative to the site
// folder, so that it reads as PATH:LINE like every other problem.
type FileError struct {
	Path    string
	Line    int
	Message string
}

func (e *FileError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message) }

// layer is one folder a theme reads, and the path to show for its files.
type layer struct {
	fs      fs.FS
	dir     string // "themes/mine" in the site, or "themes/default" built in
	builtIn bool
}

// layers returns the folders a theme reads, the site's own first.
func layers(site fs.FS, name string) ([]layer, error) {
	def, err := fs.Sub(partnersite.DefaultTheme, "themes/default")
	if err != nil {
		return nil, fmt.Errorf("built-in theme: %w", err)
	}
	var out []layer
	for _, n := range slices.Compact([]string{name, "default"}) {
		dir := path.Join("themes", n)
		if st, err := fs.Stat(site, dir); err == nil && st.IsDir() {
			sub, err := fs.Sub(site, dir)
			if err != nil {
				return nil, fmt.Errorf("theme %s: %w", n, err)
			}
			out = append(out, layer{sub, dir, false})
		} else if n != "default" {
			return nil, fmt.Errorf("theme %q: there is no folder %s", name, dir)
		}
	}
	return append(out, layer{def, "themes/default", true}), nil
}

// files lists every file under dir across the layers, each path taken from
// the first layer that has it, and records in origin where each came from.
func files(ls []layer, dir string, from map[string]origin) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, ly := range ls {
		l := ly.fs
		err := fs.WalkDir(l, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir {
					return fs.SkipDir // a layer need not have every folder
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if _, seen := out[p]; seen {
				return nil
			}
			b, err := fs.ReadFile(l, p)
			if err != nil {
				msg := err.Error()
				if pe, ok := errors.AsType[*fs.PathError](err); ok {
					msg = pe.Err.Error()
				}
				return &FileError{Path: path.Join(ly.dir, p), Line: 1, Message: "cannot read the file: " + msg}
			}
			out[p] = b
			from[p] = origin{path.Join(ly.dir, p), ly.builtIn}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Load parses the theme called name for the site in fsys, with funcs
// available to every template.
func Load(site fs.FS, name string, funcs template.FuncMap) (*Theme, error) {
	ls, err := layers(site, name)
	if err != nil {
		return nil, err
	}
	t := &Theme{pages: map[string]*template.Template{}, own: map[string]map[string]bool{}, origin: map[string]origin{}}
	// A theme file that cannot be read is a FileError at its own path.
	if t.assets, err = files(ls, "assets", t.origin); err != nil {
		return nil, err
	}
	shared, err := files(ls, "partials", t.origin)
	if err != nil {
		return nil, err
	}
	layouts, err := files(ls, "layouts", t.origin)
	if err != nil {
		return nil, err
	}
	for k, v := range layouts {
		shared[k] = v
	}
	base := template.New("").Funcs(funcs)
	for _, p := range sortedKeys(shared) {
		if _, err := base.New(p).Parse(bake(string(shared[p]), funcs)); err != nil {
			return nil, t.locate(err)
		}
	}
	t.shared = base
	if base.Lookup("base") == nil {
		return nil, fmt.Errorf("theme %q: layouts/base.html must define \"base\"", name)
	}
	pages, err := files(ls, "pages", t.origin)
	if err != nil {
		return nil, err
	}
	for _, p := range sortedKeys(pages) {
		clone, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme file %s: %w", p, err)
		}
		if _, err := clone.New(p).Parse(bake(string(pages[p]), funcs)); err != nil {
			return nil, t.locate(err)
		}
		kind := strings.TrimSuffix(path.Base(p), ".html")
		t.pages[kind] = clone
		t.own[kind] = map[string]bool{}
		for _, d := range clone.Templates() {
			if d.Tree != nil && d.Tree.ParseName == p {
				t.own[kind][d.Name()] = true
			}
		}
	}
	return t, nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Page renders the page template kind (pages/KIND.html) with data to w.
func (t *Theme) Page(w io.Writer, kind string, data any) error {
	tmpl, ok := t.pages[kind]
	if !ok {
		return fmt.Errorf("theme has no pages/%s.html", kind)
	}
	if err := tmpl.ExecuteTemplate(w, "base", data); err != nil {
		return t.locate(err)
	}
	return nil
}

// templateErr matches html/template's and text/template's messages, which
// name the template and line: "template: pages/home.html:14:156: ...".
var templateErr = regexp.MustCompile(`^(?:html/)?template: ([^:]+):(\d+)(?::\d+)?: (.*)$`)

// locate turns a template error into a FileError at the theme file and
// line it names, so a theme's author is sent to the line to fix. Errors
// that name no theme file are returned as they are.
func (t *Theme) locate(err error) error {
	// A part a template function drew for the page (site's frame and
	// tables) failed at its own file and line, which is where to send
	// the theme's author, not to the line that asked for the part.
	if fe, ok := errors.AsType[*FileError](err); ok {
		return fe
	}
	m := templateErr.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	o, ok := t.origin[m[1]]
	if !ok {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	detail := m[3]
	if o.builtIn {
		detail += " (in the built-in theme, which another theme file may have changed)"
	}
	return &FileError{Path: o.path, Line: line, Message: detail}
}

// Partial renders a named template from partials/ with data, for pieces
// that are put into markdown, such as a shortcode's figure. It runs the
// shared set the page templates were cloned from; all cloning is done when
// the theme loads, so the set may now be executed, from many goroutines.
func (t *Theme) Partial(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.shared.ExecuteTemplate(&b, name, data); err != nil {
		return nil, t.locate(err)
	}
	return b.Bytes(), nil
}

// Defines reports whether pages/KIND.html defines the template called
// name itself, so that its pages draw their own: a part drawn once for
// many pages of several kinds is drawn for that kind apart.
func (t *Theme) Defines(kind, name string) bool { return t.own[kind][name] }

// Part renders the template called name with data as a page of the given
// kind would: from pages/KIND.html when that file defines it (Defines),
// else from the layouts and partials, as Partial does. A kind of "" is
// the layouts and partials alone.
func (t *Theme) Part(kind, name string, data any) ([]byte, error) {
	if !t.Defines(kind, name) {
		return t.Partial(name, data)
	}
	var b bytes.Buffer
	if err := t.pages[kind].ExecuteTemplate(&b, name, data); err != nil {
		return nil, t.locate(err)
	}
	return b.Bytes(), nil
}

// Assets returns the theme's asset files as they are published, by path:
// each under a name with its content's hash ("assets/site.3f2a9c01b2.css"),
// so that a server may cache it for a year and a changed file still reaches
// every reader at once. Every asset is also published under its own name,
// for theme templates that link it as assets/NAME rather than through
// {{.Asset "NAME"}}; licence files keep only their names. The gzip and
// brotli copies beside them are made where files are written to disk
// (package publish), never here, so that check and the preview server,
// which load the theme too, never spend the time.
func (t *Theme) Assets() map[string][]byte {
	t.publishOnce.Do(t.publishAssets)
	return t.published
}

// AssetNames maps each asset's path in the theme ("assets/site.css") to
// the path it is published at.
func (t *Theme) AssetNames() map[string]string {
	t.publishOnce.Do(t.publishAssets)
	return t.names
}

func (t *Theme) publishAssets() {
	t.published, t.names = map[string][]byte{}, map[string]string{}
	for p, b := range t.assets {
		if path.Ext(p) == ".css" {
			b = stripCSSComments(b)
		}
		name := p
		if ext := path.Ext(p); ext != ".txt" {
			sum := sha256.Sum256(b)
			name = strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		}
		t.names[p], t.published[name], t.published[p] = name, b, b
	}
}
