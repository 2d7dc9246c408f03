// Package content reads a site's content/**/*.md files: YAML front matter,
// then CommonMark with GitHub tables, strikethrough, autolinks and
// footnotes, through goldmark. Markdown is untrusted: raw HTML is dropped,
// and links whose scheme could run script are turned back into plain text
// on the syntax tree, never by editing HTML strings. Shortcodes are goldmark
// nodes whose HTML the site fills in from the data.
package content

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/slug"
	"github.com/partnersite/partnersite/internal/textfile"
)

// Kind says what a content file is for.
type Kind int

// The kinds of content file.
const (
	Plain   Kind = iota // any other page, rendered at its own path
	Home                // content/index.md
	Report              // content/reports/SLUG.md
	Section             // content/{reports,goals,services,partners,metrics}/index.md: intro to a list
	Entity              // content/{goals,services,partners,metrics}/ID.md: commentary on a generated page
)

// Sections are the folders whose pages the site generates from data.
var Sections = []string{"goals", "services", "partners", "metrics"}

// Page is one markdown file.
type Page struct {
	Path string // e.g. "content/reports/2025-q1.md"
	// Lang is the language the page is written in, on a site in more
	// than one (Options.Languages): "cy" for about.cy.md; "" otherwise.
	Lang string
	Kind Kind
	// Section is the top folder under content/ for every page in one:
	// "goals", "reports", or a folder of the site's own such as "minutes".
	// It is "" for pages at the top level.
	Section string
	ID      string // for Entity and Report: the id or slug
	URL     string // output folder relative to the site root, "" or ending in "/"

	Title     string
	Date      time.Time // zero when not given
	Period    period.Period
	PeriodSet bool
	Summary   string
	Draft     bool
	// ApprovedBy and Approved are a report's sign-off: the committee or
	// post that approved it, as the front matter writes it, and the date.
	// Both are given or neither; Approved is zero when the report is not
	// yet approved.
	ApprovedBy string
	Approved   time.Time

	src      []byte // the body, after the front matter
	bodyLine int    // the line the body starts on
	// titleHeading is set when the title was taken from the body's first
	// heading, which Parse then removes so it is not shown twice.
	titleHeading bool
	// shortcodes is HasShortcodes's answer, found once when the page is
	// read: the site asks it of every report on every update, and the
	// scan of 10,000 bodies each time would be most of an update.
	shortcodes bool
}

// Parsed is a page's markdown as a syntax tree, ready to render once the
// site has filled in its shortcodes. Pages are parsed when they are
// rendered, not when they are loaded, so a large site never holds every
// tree in memory at once.
type Parsed struct {
	Page       *Page
	Shortcodes []*Shortcode
	doc        ast.Node
}

// Set is every page of a site, with the markdown engine that parsed them.
type Set struct {
	Pages []*Page // in path order
	md    goldmark.Markdown
	opts  Options
	// problems holds each file's load problems, so that an update that
	// re-reads one file keeps the others' problems.
	problems map[string][]problem.Problem

	indexOnce sync.Once
	index     map[key]*Page // for Find
}

// Options change how content is read.
type Options struct {
	Drafts   bool // include pages marked draft: true
	Portable bool // relative links to folders name index.html, for file://
	// Languages are the site's languages when it has more than one, the
	// first the default: a page NAME.md is in the first, NAME.CODE.md
	// (about.cy.md) in each other.
	Languages []string
}

// newMarkdown configures goldmark once for a whole build; a goldmark
// instance is safe to use from many goroutines.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.Footnote, shortcodes{},
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		// No html.WithUnsafe: raw HTML becomes a comment, never markup.
	)
}

// Load reads every .md file under content/ in fsys. Drafts are skipped
// unless opts.Drafts is set.
func Load(fsys fs.FS, opts Options, pl *problem.List) *Set {
	set := &Set{md: newMarkdown(), opts: opts, problems: map[string][]problem.Problem{}}
	set.walk(fsys, "content", map[string]bool{})
	// In path order, as Update leaves it: a walk visits content/about/
	// before content/about.md, and a full build and a preview's update
	// must agree on the order of pages.
	slices.SortFunc(set.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	set.report(pl)
	return set
}

// walk adds every page under root, a folder or one file, to the set, and
// records what under it cannot be read. A full load and a preview's
// update both read through it, so that the preview reports what the
// build would: a link out of the site folder made while the site is
// served is refused there as it is by build.
func (set *Set) walk(fsys fs.FS, root string, added map[string]bool) {
	var found []string // pages to read, in the walk's order
	_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && errors.Is(err, fs.ErrNotExist):
			// No content folder is fine, and a file deleted since it was
			// named is gone.
		case added[p] || !strings.HasPrefix(p+"/", "content/"):
		case err != nil && path.Ext(p) == ".md":
			added[p] = true
			found = append(found, p) // add says why it cannot be read, as a full load does
		case err != nil:
			set.problems[p] = []problem.Problem{{Path: p, Line: 1, Message: fmt.Sprintf("cannot read: %v", err)}}
		case d.Type()&fs.ModeSymlink != 0 && path.Ext(p) != ".md":
			// A walk does not follow a link to a folder, so its pages
			// would be left out without a word.
			if st, err := fs.Stat(fsys, p); err != nil {
				set.problems[p] = []problem.Problem{{Path: p, Line: 1, Message: fmt.Sprintf("cannot read: %v", err)}}
			} else if st.IsDir() {
				set.problems[p] = []problem.Problem{{Path: p, Line: 1, Warning: true, Message: "this is a link to a folder, whose pages are not read; move the folder here instead of linking to it"}}
			}
		case !d.IsDir() && path.Ext(p) == ".md":
			added[p] = true
			found = append(found, p)
		}
		return nil
	})
	set.add(fsys, found)
}

// add loads the files into the set, recording their problems. They are
// read and their front matter parsed on several goroutines at once, more
// than there are cores: reading a file waits on the disk, and 30,000 of
// them read one at a time took 1.4 s. Each file's page and problems go
// in their own slot, so the set is the same however the reads interleave.
func (set *Set) add(fsys fs.FS, paths []string) {
	type loaded struct {
		page  *Page
		probs []problem.Problem
	}
	out := make([]loaded, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(len(paths), 4*runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(paths); i = int(next.Add(1)) - 1 {
				var fl problem.List
				out[i].page = set.load(fsys, paths[i], &fl)
				out[i].probs = fl.All()
			}
		})
	}
	wg.Wait()
	for i, p := range paths {
		if len(out[i].probs) > 0 {
			set.problems[p] = out[i].probs
		}
		if pg := out[i].page; pg != nil && (!pg.Draft || set.opts.Drafts) {
			set.Pages = append(set.Pages, pg)
		}
	}
}

func (set *Set) report(pl *problem.List) {
	for _, probs := range set.problems {
		for _, pr := range probs {
			if pr.Warning {
				pl.Warnf(pr.Path, pr.Line, "%s", pr.Message)
			} else {
				pl.Errorf(pr.Path, pr.Line, "%s", pr.Message)
			}
		}
	}
}

// Update returns a new set in which the files named in changed (paths
// like "content/about.md") are read again, added or dropped as they now
// are on disk; every other page is shared with the old set. Problems of
// the new set, old files' included, go to pl.
func (set *Set) Update(fsys fs.FS, changed []string, pl *problem.List) *Set {
	// A folder stands for everything under it: a folder created, moved
	// in or deleted gives one event, not one per file.
	again := map[string]bool{}
	var folders []string
	for _, p := range changed {
		again[p] = true
		if st, err := fs.Stat(fsys, p); err != nil || st.IsDir() {
			folders = append(folders, p+"/")
		}
	}
	under := func(p string) bool {
		return again[p] || slices.ContainsFunc(folders, func(f string) bool { return strings.HasPrefix(p, f) })
	}
	next := &Set{md: set.md, opts: set.opts, problems: map[string][]problem.Problem{}}
	for p, probs := range set.problems {
		if !under(p) {
			next.problems[p] = probs
		}
	}
	for _, pg := range set.Pages {
		if !under(pg.Path) {
			next.Pages = append(next.Pages, pg)
		}
	}
	added := map[string]bool{}
	for _, p := range changed {
		next.walk(fsys, p, added)
	}
	slices.SortFunc(next.Pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	next.report(pl)
	return next
}

func (set *Set) load(fsys fs.FS, p string, pl *problem.List) *Page {
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		pl.Errorf(p, 1, "cannot read the file: %v", err)
		return nil
	}
	raw, ok := textfile.Decode(p, raw, pl)
	if !ok {
		return nil
	}
	raw = textfile.StripInvisible(p, raw, pl)
	page := &Page{Path: p}
	if !classify(page, set.opts.Languages, pl) {
		return nil
	}
	body, bodyLine, fmOK := frontMatter(page, raw, pl)
	if page.Draft {
		return page
	}
	page.src, page.bodyLine = body, bodyLine
	page.shortcodes = bytes.Contains(body, []byte("{{<"))
	if page.Title == "" && page.Kind != Entity && page.Kind != Home && page.Kind != Section {
		page.Title = set.headingText(firstHeading(body))
		page.titleHeading = page.Title != ""
		if page.Title == "" && fmOK {
			pl.Errorf(p, 1, "the page has no title; add \"title: ...\" to its front matter")
		}
	}
	return page
}

// InLanguage returns the set of the pages in the language code, for the
// tree of that language; the set is shared, not copied, with a site in
// one language.
func (set *Set) InLanguage(code string) *Set {
	if len(set.opts.Languages) < 2 {
		return set
	}
	in := &Set{md: set.md, opts: set.opts, problems: set.problems}
	for _, pg := range set.Pages {
		if pg.Lang == code {
			in.Pages = append(in.Pages, pg)
		}
	}
	return in
}

// CheckPairs reports each page that lacks its pair in another of the
// site's languages: every page exists in every language, so that each
// links straight to its counterpart. A draft, built only with --drafts,
// may lack its pair.
func (set *Set) CheckPairs(pl *problem.List) {
	langs := set.opts.Languages
	if len(langs) < 2 {
		return
	}
	have := map[string]bool{}
	for _, pg := range set.Pages {
		have[pg.Lang+" "+pg.URL] = true
	}
	for _, pg := range set.Pages {
		if pg.Draft {
			continue
		}
		for _, code := range langs {
			if code != pg.Lang && !have[code+" "+pg.URL] {
				pl.Errorf(pg.Path, 1, "this page has no pair in %s; the site is published in %s, so write %s too (a draft may lack its pair when built with --drafts)",
					languageName(code), listLanguages(langs), pairPath(pg.Path, pg.Lang, code, langs[0]))
			}
		}
	}
}

// pairPath is the file of a page's pair in the language to: about.cy.md
// for about.md.
func pairPath(p, from, to, first string) string {
	base := strings.TrimSuffix(p, ".md")
	if from != first {
		base = strings.TrimSuffix(base, "."+from)
	}
	if to == first {
		return base + ".md"
	}
	return base + "." + to + ".md"
}

func languageName(code string) string {
	switch code {
	case "cy":
		return "Welsh"
	case "en":
		return "English"
	}
	return code
}

func listLanguages(langs []string) string {
	names := make([]string, len(langs))
	for i, c := range langs {
		names[i] = languageName(c)
	}
	return strings.Join(names, " and ")
}

// HasShortcodes reports, without parsing, whether the page may embed
// figures: a cheap test that lets pages of prose skip work done only for
// pages with figures.
func (p *Page) HasShortcodes() bool { return p.shortcodes }

// Parse builds the page's syntax tree: shortcodes as nodes, unsafe links
// made text, tables made accessible. Problems with the shortcodes' own
// syntax go to pl, at their lines.
func (set *Set) Parse(page *Page, pl *problem.List) *Parsed {
	doc := set.md.Parser().Parse(text.NewReader(page.src)).(*ast.Document)
	// A shortcode's node is made only where the text has "{{<", so a page
	// without one is spared the two walks of its tree that look for them.
	if page.shortcodes {
		blockShortcodes(doc, page.src)
	}
	if page.titleHeading {
		removeFirstHeading(doc)
	}
	sanitise(doc, page.src)
	if set.opts.Portable {
		portableLinks(doc)
	}
	accessibleTables(doc)
	pp := &Parsed{Page: page, doc: doc}
	if page.shortcodes {
		pp.Shortcodes = collectShortcodes(doc)
	}
	for _, sc := range pp.Shortcodes {
		sc.Line = page.bodyLine + lineOf(page.src, sc.offset) - 1
		if sc.Err != "" {
			pl.Errorf(page.Path, sc.Line, "%s", sc.Err)
		}
	}
	return pp
}

// classify works out the page's kind, URL and language from its path.
// A page's pair in another language has the same URL in that language's
// tree: about.md and about.cy.md are about/ and cy/about/.
func classify(page *Page, langs []string, pl *problem.List) bool {
	rel := strings.TrimSuffix(strings.TrimPrefix(page.Path, "content/"), ".md")
	if len(langs) > 1 {
		page.Lang = langs[0]
		for _, code := range langs[1:] {
			if r, ok := strings.CutSuffix(rel, "."+code); ok {
				rel, page.Lang = r, code
				break
			}
		}
	}
	parts := strings.Split(rel, "/")
	for _, part := range parts {
		name := part + map[bool]string{true: ".md"}[part == parts[len(parts)-1]]
		if !slug.Valid(part) {
			pl.Errorf(page.Path, 1, "%q cannot be part of a web address: name files and folders with lower-case letters, digits and hyphens", name)
			return false
		}
		if err := slug.Check(part); err != nil {
			pl.Errorf(page.Path, 1, "%q %v", name, err)
			return false
		}
	}
	last := parts[len(parts)-1]
	switch {
	case rel == "index":
		page.Kind = Home
	case len(parts) == 2 && (parts[0] == "reports" || slices.Contains(Sections, parts[0])) && last == "index":
		page.Kind, page.Section, page.URL = Section, parts[0], parts[0]+"/"
	case len(parts) == 2 && parts[0] == "reports":
		page.Kind, page.Section, page.ID, page.URL = Report, "reports", last, rel+"/"
	case len(parts) == 2 && slices.Contains(Sections, parts[0]):
		page.Kind, page.Section, page.ID, page.URL = Entity, parts[0], last, rel+"/"
	case len(parts) > 2 && (parts[0] == "reports" || slices.Contains(Sections, parts[0])):
		pl.Errorf(page.Path, 1, "content/%s/ holds pages directly, not in sub-folders; move this file up to content/%s/", parts[0], parts[0])
		return false
	case last == "index":
		page.Kind, page.URL = Plain, strings.Join(parts[:len(parts)-1], "/")+"/"
	default:
		page.Kind, page.URL = Plain, rel+"/"
	}
	if page.Kind == Plain && len(parts) > 1 {
		// A page in a folder of the site's own belongs to that folder's
		// section; whether content/NAME/index.md introduces the section
		// or is a page of its own depends on whether the folder holds
		// other pages, which the site decides once every page is loaded.
		page.Section = parts[0]
	}
	return true
}

// frontMatter reads the YAML between the opening and closing "---" lines
// and returns the body, the line the body starts on, and whether the front
// matter could be read at all.
func frontMatter(page *Page, raw []byte, pl *problem.List) ([]byte, int, bool) {
	first, _, _ := bytes.Cut(raw, []byte("\n"))
	if string(bytes.TrimSpace(first)) != "---" {
		return raw, 1, true
	}
	// The settings and the body are parts of raw, found line by line
	// without cutting the whole page into lines and joining them again.
	start := len(first) + 1 // where the settings begin
	end, next, n := -1, 0, 1
	for pos := start; pos < len(raw); n++ {
		line, after := raw[pos:], len(raw)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, after = line[:i], pos+i+1
		}
		if t := string(bytes.TrimSpace(line)); t == "---" || t == "..." {
			end, next = pos, after
			break
		}
		pos = after
	}
	if end < 0 {
		pl.Errorf(page.Path, 1, "front matter opens with --- but never closes; end it with a line of ---")
		return raw, 1, false
	}
	yml := raw[start:end:end] // capped, so that nothing appended to it runs into the body
	body := raw[next:]
	bodyLine := n + 2
	doc, simple := simpleYAML(yml)
	if !simple {
		if err := yaml.Unmarshal(yml, &doc); err != nil {
			line, msg := config.YAMLError(err)
			pl.Errorf(page.Path, line+1, "front matter: %s", msg)
			return body, bodyLine, false
		}
	}
	if len(doc.Content) == 0 {
		return body, bodyLine, true
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		pl.Errorf(page.Path, root.Line+1, "front matter must be settings such as \"title: ...\"")
		return body, bodyLine, false
	}
	// The lines approved_by and approved are given at, 0 where not, so
	// that one without the other is reported where it stands.
	var approvedByLine, approvedLine int
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := v.Line + 1 // +1 for the opening ---
		if !known[k.Value] {
			// Whatever its value: "tags: [a, b]" from another generator
			// is as harmless as "layout: post".
			pl.Warnf(page.Path, k.Line+1, "front matter: unknown setting %q is ignored; %s", textfile.Short(k.Value), settings)
			continue
		}
		if v.Kind != yaml.ScalarNode {
			pl.Errorf(page.Path, line, "front matter: %s must be a single value", k.Value)
			continue
		}
		if reportOnly[k.Value] && page.Kind != Report {
			// An error, not the warning an unknown setting gets: sign-off
			// is a claim of record, and a web team that writes it on a
			// page of minutes or news expects readers to see it. Ignored
			// with a warning that scrolls past in a build log, the page
			// would look signed off to its author and not to anyone else.
			pl.Errorf(page.Path, k.Line+1, "front matter: %s is the sign-off of a report, and only a report (content/reports/NAME.md) shows it; remove it, or say it in the page's text", k.Value)
			continue
		}
		val := strings.TrimSpace(v.Value)
		switch k.Value {
		case "title":
			page.Title = val
		case "summary":
			page.Summary = val
		case "date":
			t, err := period.ParseDate(val)
			if err != nil {
				pl.Errorf(page.Path, line, "front matter: date %q is not a date: %v", textfile.Short(val), err)
			}
			page.Date = t
		case "period":
			pr, err := period.Parse(val)
			if err != nil {
				pl.Errorf(page.Path, line, "front matter: %v", err)
			}
			page.Period, page.PeriodSet = pr, err == nil
		case "draft":
			switch strings.ToLower(val) {
			case "true", "yes":
				page.Draft = true
			case "false", "no":
			default:
				pl.Errorf(page.Path, line, "front matter: draft must be true or false, not %q", textfile.Short(val))
			}
		case "approved_by":
			approvedByLine = line
			if val == "" {
				pl.Errorf(page.Path, line, "front matter: approved_by is empty; name the committee or post that approved the report (approved_by: Joint Committee)")
			}
			page.ApprovedBy = val
		case "approved":
			approvedLine = line
			t, err := period.ParseDate(val)
			if err != nil {
				pl.Errorf(page.Path, line, "front matter: approved %q is not a date: %v", textfile.Short(val), err)
			}
			page.Approved = t
		}
	}
	// Half a sign-off would print as a whole one, or as none: a report
	// says who approved it and when, or neither.
	switch {
	case approvedLine != 0 && approvedByLine == 0:
		pl.Errorf(page.Path, approvedLine, "front matter: approved gives the date the report was approved but not who approved it; add \"approved_by: ...\" naming the committee or post")
	case approvedByLine != 0 && approvedLine == 0:
		pl.Errorf(page.Path, approvedByLine, "front matter: approved_by says who approved the report but not when; add \"approved: YYYY-MM-DD\" with the date it was approved")
	}
	return body, bodyLine, true
}

// known are the front matter settings.
var known = map[string]bool{"title": true, "summary": true, "date": true, "period": true, "draft": true, "approved_by": true, "approved": true}

// reportOnly are the settings only a report may have: its sign-off.
var reportOnly = map[string]bool{"approved_by": true, "approved": true}

// settings lists the front matter settings, for the warning at one it
// does not know.
const settings = "the settings are title, date, period, summary and draft, and on a report approved_by and approved"

// firstHeading takes a page's title from its first "# " heading when the
// front matter gives none. It scans lines rather than parsing, since pages
// are parsed only when they are rendered; it skips fenced code.
func firstHeading(body []byte) string {
	fenced := false
	for _, line := range strings.Split(string(body), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if !fenced && strings.HasPrefix(t, "# ") {
			return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[2:]), "#"))
		}
	}
	return ""
}

// removeFirstHeading drops the level-1 heading the title was taken from.
func removeFirstHeading(doc *ast.Document) {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			doc.RemoveChild(doc, h)
			return
		}
	}
}

func plainText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

// safeSchemes are the only link schemes that may become links.
var safeSchemes = []string{"", "http", "https", "mailto", "tel"}

// safeURL reports whether a link destination may become a link: relative,
// or http, https, mailto or tel. Anything url.Parse rejects (control
// characters, as in "java\x01script:") is refused too.
func safeURL(dest string) bool {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return false
	}
	return slices.Contains(safeSchemes, strings.ToLower(u.Scheme))
}

// sanitise replaces links and images whose destination is not safeURL with
// their text, and turns a body's level-1 headings into level 2, since the
// page title is the one <h1> of every page.
func sanitise(doc *ast.Document, src []byte) {
	type swap struct{ old, parent ast.Node }
	var swaps []swap
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !safeURL(string(n.Destination)) {
				swaps = append(swaps, swap{n, n.Parent()})
			}
		case *ast.Image:
			if !safeURL(string(n.Destination)) {
				swaps = append(swaps, swap{n, n.Parent()})
			}
		case *ast.AutoLink:
			if !safeURL(string(n.URL(src))) {
				swaps = append(swaps, swap{n, n.Parent()})
			}
		case *ast.Heading:
			if n.Level == 1 {
				n.Level = 2
			}
		}
		return ast.WalkContinue, nil
	})
	for _, s := range swaps {
		var replacement ast.Node
		switch n := s.old.(type) {
		case *ast.AutoLink:
			replacement = ast.NewString(n.Label(src))
		default:
			replacement = ast.NewString(plainText(n, src))
		}
		s.parent.ReplaceChild(s.parent, s.old, replacement)
	}
}

// portableLinks makes relative links to folders name their index.html, as
// the site's own links do in a portable build, so that they open from
// file:// where no server turns a folder into its index page.
func portableLinks(doc *ast.Document) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			l.Destination = []byte(portableURL(string(l.Destination)))
		}
		return ast.WalkContinue, nil
	})
}

// portableURL adds index.html to a relative link that names a folder:
// "../data/" becomes "../data/index.html", "reports/q2/#costs" becomes
// "reports/q2/index.html#costs". Other links are returned as they are.
func portableURL(dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") || u.Path == "" && dest != "" {
		return dest
	}
	switch {
	case u.Path == "." || u.Path == "..":
		u.Path += "/index.html"
	case strings.HasSuffix(u.Path, "/"):
		u.Path += "index.html"
	default:
		return dest
	}
	return u.String()
}

// accessibleTables gives header cells scope="col" and aligned cells a class
// (not an inline style, so a strict style policy still applies).
func accessibleTables(doc *ast.Document) {
	// Cells are blocks, so the walk goes no further into a cell or any run
	// of inline text: most of a page's nodes are its words.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		cell, ok := n.(*east.TableCell)
		if !ok {
			if n.Type() == ast.TypeInline {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		if cell.Parent().Kind() == east.KindTableHeader {
			cell.SetAttributeString("scope", "col")
		}
		if cell.Alignment != east.AlignNone {
			cell.SetAttributeString("class", "align-"+cell.Alignment.String())
		}
		return ast.WalkSkipChildren, nil
	})
}

// Render writes the parsed page as HTML. The site must have set the HTML
// of every shortcode first.
func (set *Set) Render(pp *Parsed) (template.HTML, error) {
	rb := renderBufs.Get().(*renderBuf)
	defer rb.put()
	if err := set.md.Renderer().Render(rb.w, pp.Page.src, pp.doc); err != nil {
		return "", fmt.Errorf("rendering %s: %w", pp.Page.Path, err)
	}
	// goldmark escapes text and drops raw HTML; shortcode HTML comes from
	// the site's own templates. So this is safe to mark as HTML.
	return template.HTML(rb.b.String()), nil
}

// A renderBuf is what Render writes a page into before it is copied out
// as the page's HTML: a buffer, and the buffered writer goldmark needs
// over it, which it would otherwise make for every page. Kept in a pool,
// they were 13 KB of garbage a page, a tenth of a build's.
type renderBuf struct {
	b bytes.Buffer
	w *bufio.Writer
}

var renderBufs = sync.Pool{New: func() any {
	rb := &renderBuf{}
	rb.w = bufio.NewWriter(&rb.b)
	return rb
}}

// put empties rb and returns it to the pool, unless a page far larger
// than most made it so large that keeping it would hold the memory.
func (rb *renderBuf) put() {
	if rb.b.Cap() > 1<<20 {
		return
	}
	rb.b.Reset()
	rb.w.Reset(&rb.b)
	renderBufs.Put(rb)
}

// Find returns the page of the given kind, section and id, or nil.
//
// Every generated page asks for its commentary, so the set is indexed the
// first time; a set is not changed after it is made (Update makes a new
// one).
func (set *Set) Find(kind Kind, section, id string) *Page {
	set.indexOnce.Do(func() {
		set.index = make(map[key]*Page, len(set.Pages))
		for _, p := range set.Pages {
			set.index[key{p.Kind, p.Section, p.ID}] = p
		}
	})
	return set.index[key{kind, section, id}]
}

// key finds a page by what it is about.
type key struct {
	kind        Kind
	section, id string
}
