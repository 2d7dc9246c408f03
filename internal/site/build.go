// Package site builds a partnership site: it loads the settings, data and
// content, joins them into the model, checks every reference, and renders
// every page, download and feed through the theme.
//
// Build renders everything, handing each finished file to Options.Write
// (the command line's temporary output folder, see package publish) or
// keeping it in Output.Files. Open loads a Site that renders one file at a
// time on request, and updates itself from the paths that changed; the
// preview server uses it. Check validates without rendering. All three
// share one loader and one set of page renderers.
//
// Data flows one way: config, csvdata and content load the inputs; model
// derives the figures; chart shapes them into figures; theme draws pages.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/theme"
	"github.com/partnersite/partnersite/internal/words"
)

// Options change what a build writes.
type Options struct {
	Drafts   bool // include pages marked draft: true
	Portable bool // links name index.html, for use from file://
	// Write, when set, receives every file as soon as it is rendered,
	// from several goroutines at once, and Output.Files stays empty. The
	// command line points it at a temporary folder, so a large site is
	// never held in memory whole. A build that fails may already have
	// written some files: the caller discards them.
	Write func(name string, data []byte) error
	// Room, when set, is the longest path a file inside the output folder
	// may have for the system to write it (publish.Room): a page whose
	// path is longer is a problem at the input that makes it.
	Room int
}

// Output is a built site.
type Output struct {
	Files  map[string][]byte // path relative to the output folder; empty with Options.Write
	Pages  int               // HTML pages
	Charts int               // chart figures across all pages
}

// Paths returns the output paths in order.
func (o *Output) Paths() []string {
	out := make([]string, 0, len(o.Files))
	for p := range o.Files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// builder holds one build's state.
type builder struct {
	opts    Options
	cfg     *config.Site
	data    *csvdata.Data
	p       *model.Partnership
	content *content.Set
	theme   *theme.Theme
	// lang is the language this builder's pages are written in: its
	// catalogue of words and its grammar.
	lang *words.Lang
	// code is the language's code on a site in more than one ("en",
	// "cy"), "" on a site in one; prefix is the folder its tree is
	// written in, "" for the first language and "cy/" for Welsh.
	code, prefix string
	// tags are the lang tags of each language's pages, by code: the
	// first's is site.yaml's language, "en-GB".
	tags map[string]string
	// others are the builders of the other languages' trees, on the
	// first language's builder of a site in more than one.
	others []*builder
	// allContent is every page of every language; content is this
	// tree's.
	allContent *content.Set
	pl         *problem.List
	reports    []*content.Page // newest first
	plain      []*content.Page
	sections   []section       // built in, then content folders by name
	topLevel   []*content.Page // plain pages in no section, for the footer
	statement  *content.Page   // content/accessibility.md, if any

	// The problems of each input part, kept so that an update can reuse
	// a part it does not reload, problems and all.
	cfgProblems, dataProblems, themeProblems []problem.Problem

	mu     *sync.Mutex
	tables *tableCache
	asAt   *sync.Map // end of a report's period -> the partnership as it stood then
	// figs holds each metric's figures, made once for every page that
	// draws them; shared by the builders forked for reports.
	figs *figureCache
	out  map[string][]byte
	// charts is shared by the builders forked for reports (record), so
	// that their charts are counted too.
	charts *atomic.Int64
	pages  int
	urls   []string // folders of the HTML pages, for the sitemap
	// outlines holds each content page's search outline, taken as the
	// page renders, so that search.json need not parse it again.
	outlines *sync.Map // *content.Page -> outline
	// figures holds each report's figures file, made once for the page
	// that shows its edition mark and the file itself.
	figures *sync.Map // *content.Page -> *figuresFile
	// parts holds the frame parts drawn so far, shared by every page
	// with the same frame (see Frame).
	parts *frameParts
}

// Build reads the site in src and renders it. Problems in the inputs come
// back in the list, warnings included; when any is an error, the Output is
// nil and Build's error is a *problem.Error.
func Build(src fs.FS, opts Options) (*Output, *problem.List, error) {
	b, err := load(src, opts)
	if err != nil {
		b.checkAllShortcodes() // report them too, in the same run
		return nil, b.pl, b.pl.Err()
	}
	pages := 0
	for _, t := range b.trees() {
		if err := t.render(); err != nil {
			return nil, b.pl, err
		}
		pages += t.pages
	}
	// Shortcodes are checked as their pages render.
	if err := b.pl.Err(); err != nil {
		return nil, b.pl, err
	}
	return &Output{Files: b.out, Pages: pages, Charts: int(b.charts.Load())}, b.pl, nil
}

// Check reads and validates everything and renders every page without
// keeping it, so that whatever would fail a build, a theme's template
// included, fails the check too.
func Check(src fs.FS, opts Options) (*problem.List, error) {
	opts.Write = func(string, []byte) error { return nil }
	_, pl, err := Build(src, opts)
	return pl, err
}

// themeProblem places a theme error at the theme file and line it names,
// or at site.yaml, which chose the theme.
func themeProblem(err error) problem.Problem {
	if fe, ok := errors.AsType[*theme.FileError](err); ok {
		return problem.Problem{Path: fe.Path, Line: fe.Line, Message: fe.Message}
	}
	return problem.Problem{Path: config.File, Line: 1, Message: err.Error()}
}

// checkShortcodes parses every page and checks its shortcodes against the
// data, on every core, reporting problems without drawing anything.
func (b *builder) checkShortcodes() {
	parallel(len(b.content.Pages), func(i int) {
		pg := b.content.Pages[i]
		for _, sc := range b.content.Parse(pg, b.pl).Shortcodes {
			if sc.Err == "" {
				b.resolve(pg, sc)
			}
		}
	})
}

// checkAllShortcodes checks the shortcodes of every language's tree.
func (b *builder) checkAllShortcodes() {
	for _, t := range b.trees() {
		t.checkShortcodes()
	}
}

// parallel calls f(0) to f(n-1) on every core and waits for them.
func parallel(n int, f func(i int)) { parallelN(n, runtime.GOMAXPROCS(0), f) }

// parallelN calls f(0) to f(n-1) from the given number of goroutines.
func parallelN(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, workers) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func load(src fs.FS, opts Options) (*builder, error) {
	return reload(nil, src, opts, nil)
}

// reload loads the site in src. With a previous builder and the paths that
// changed since it loaded, it reloads only the parts those paths touch:
// settings, data, theme or single content files; the rest is shared.
func reload(prev *builder, src fs.FS, opts Options, changed []string) (*builder, error) {
	b := &builder{opts: opts, pl: &problem.List{}, out: map[string][]byte{}, mu: new(sync.Mutex), tables: new(tableCache), asAt: new(sync.Map), figs: new(figureCache), charts: new(atomic.Int64), outlines: new(sync.Map)}
	b.figures = new(sync.Map)
	var cfgChanged, dataChanged, themeChanged bool
	var contentChanged []string
	for _, c := range changed {
		switch {
		case c == config.File:
			cfgChanged = true
		case strings.HasPrefix(c, "data/") || c == "data":
			dataChanged = true
		case strings.HasPrefix(c, "themes/") || c == "themes":
			themeChanged = true
		case strings.HasPrefix(c, "content/") || c == "content":
			contentChanged = append(contentChanged, c)
		}
	}
	full := prev == nil
	// The settings come first, for the languages the content is in; they
	// are one small file.
	if full || cfgChanged {
		var pl problem.List
		b.cfg = config.Load(src, &pl)
		if b.cfg.BaseURL == "" {
			pl.Warnf(config.File, 1, "base_url is not set, so sitemap.xml and feed.xml hold relative addresses and no chart offers an embed code; set base_url to where the site will live")
		}
		b.cfgProblems = pl.All()
	} else {
		b.cfg, b.cfgProblems = prev.cfg, prev.cfgProblems
	}
	if b.cfg.Welsh() {
		b.code = b.cfg.Languages[0]
		b.tags = map[string]string{b.code: b.cfg.Language, "cy": "cy"}
	}
	contentFull := full || !slices.Equal(b.cfg.Languages, prev.cfg.Languages)
	// A full load reads the content while the data and theme load: the
	// content needs neither, and its 10,000 files are the longest part of
	// the load. Its problems go to b.pl before the other parts', as when
	// it loaded after them.
	var loaded chan *content.Set
	if contentFull {
		var langs []string
		if b.cfg.Welsh() {
			langs = b.cfg.Languages
		}
		loaded = make(chan *content.Set, 1)
		go func() {
			loaded <- content.Load(src, content.Options{Drafts: opts.Drafts, Portable: opts.Portable, Languages: langs}, b.pl)
		}()
	}
	// The words come before the data: the model writes its words in them,
	// so a change to the theme's words makes the model again too.
	themeLoaded := full || cfgChanged || themeChanged
	if themeLoaded {
		l, probs := loadWords(src, b.cfg, b.cfg.WordsCode())
		b.lang, b.themeProblems = l, probs
		th, err := theme.Load(src, b.cfg.Theme, funcsFor(l))
		b.theme = th
		if err != nil {
			b.themeProblems = append(b.themeProblems, themeProblem(err))
		}
	} else {
		b.theme, b.themeProblems, b.lang = prev.theme, prev.themeProblems, prev.lang
	}
	if full || cfgChanged || dataChanged {
		var pl problem.List
		b.data = csvdata.Load(src, b.cfg.GoalIDs(), &pl)
		b.p = model.NewIn(b.lang, b.cfg, b.data)
		for _, d := range b.p.Disagreements() {
			rule := d.Rule.Status.String()
			if d.Rule.Reason != "" {
				rule += " (" + d.Rule.Reason + ")"
			}
			pl.Warnf(d.Point.File, d.Point.Line, "the council rates metric %q %s (%s) in %s, but the metric's rule gives %s; the site shows the council's rating, marked as the council's. %s",
				d.Metric.ID, d.Point.RAG, d.Council.Status, d.Point.Period, rule, disagreementAdvice(d))
		}
		b.dataProblems = pl.All()
	} else {
		b.data, b.p, b.dataProblems = prev.data, prev.p, prev.dataProblems
		if themeLoaded {
			// The theme's words may have changed: the model writes its
			// words again from the data as loaded.
			b.p = model.NewIn(b.lang, b.cfg, b.data)
		}
	}
	b.parts = &frameParts{theme: b.theme}
	if contentFull {
		b.allContent = <-loaded
	} else {
		b.allContent = prev.allContent.Update(src, contentChanged, b.pl)
	}
	b.content = b.allContent.InLanguage(b.code)
	for _, part := range [][]problem.Problem{b.cfgProblems, b.dataProblems, b.themeProblems} {
		for _, pr := range part {
			b.pl.Add(pr)
		}
	}
	b.checkContent()
	b.warnUncorrected()
	if b.cfg.Welsh() {
		b.allContent.CheckPairs(b.pl)
		for _, code := range b.cfg.Languages[1:] {
			b.others = append(b.others, b.inLanguage(src, code))
		}
	}
	return b, b.pl.Err()
}

// inLanguage makes the builder of the tree of the language code, on a site
// in more than one: the same inputs read in that language (its texts'
// twins, its pages, its words), written under code/ with its own copy of
// the theme's assets, so that each tree is a whole site. Its problems go
// to b's list.
func (b *builder) inLanguage(src fs.FS, code string) *builder {
	nb := &builder{opts: b.opts, pl: b.pl, out: b.out, mu: b.mu, charts: b.charts, code: code, prefix: code + "/", tags: b.tags,
		tables: new(tableCache), asAt: new(sync.Map), figs: new(figureCache), outlines: new(sync.Map), figures: new(sync.Map)}
	cfg := *b.cfg.InLanguage(code)
	if cfg.BaseURL != "" {
		cfg.BaseURL += code + "/"
	}
	nb.cfg = &cfg
	nb.data = b.data
	if code == "cy" {
		nb.data = b.data.Welsh(b.pl)
	}
	l, probs := loadWords(src, &cfg, code)
	for _, pr := range probs {
		b.pl.Add(pr)
	}
	nb.lang = l
	nb.p = model.NewIn(l, nb.cfg, nb.data)
	fm := funcsFor(l)
	fm["text"] = markEnglish(nb.data.English)
	th, err := theme.Load(src, cfg.Theme, fm)
	if err != nil && len(b.themeProblems) == 0 {
		b.pl.Add(themeProblem(err))
	}
	nb.theme = th
	nb.parts = &frameParts{theme: th}
	nb.allContent = b.allContent
	nb.content = b.allContent.InLanguage(code)
	nb.checkContent()
	return nb
}

// loadWords loads the catalogue of the language code with the site's
// theme's overrides (themes/NAME/words/CODE.txt), and its problems; a
// language partnersite has no words for falls back to English.
func loadWords(src fs.FS, cfg *config.Site, code string) (*words.Lang, []problem.Problem) {
	l, probs := words.Load(code, src, "themes/"+cfg.Theme+"/words/"+code+".txt")
	if l == nil {
		l, _ = words.Load("en", nil, "")
	}
	return l, probs
}

// trees are the builders of every language's tree, the first language's
// (b itself) first.
func (b *builder) trees() []*builder { return append([]*builder{b}, b.others...) }

// disagreementAdvice says what would make the metric's rule agree with
// the council's rating, where anything would: a tolerance helps only
// where the two differ about how near is near.
func disagreementAdvice(d model.Disagreement) string {
	c, r := d.Council.Status, d.Rule.Status
	switch {
	case c == model.NoTarget:
		return "The council set no target for this period, so the standing target in " + csvdata.MetricsFile + " should not rate it: remove it there, and give each period's target in the report or in " + csvdata.TargetsFile + "."
	case r == model.NoTarget:
		return "The report gives no target for this figure; give it in the report's target column, in " + csvdata.TargetsFile + " or in " + csvdata.MetricsFile + "."
	}
	// How far short of the target the figure is, as a share of it: the
	// tolerance that would make the rule agree.
	short := d.Metric.Direction.Shortfall(d.Point.Value, *d.Point.Target)
	share := ""
	if t := math.Abs(*d.Point.Target); t > 0 {
		share = format.Trim(math.Ceil(short/t*1000)/10, 1) + "%"
	}
	switch {
	case c == model.AtRisk && r == model.OffTrack && share != "":
		return "The council's tolerance is wider than the metric's amber rule (" + d.Metric.AmberText() + "): if the council counts a figure " + share + " short of its target as Amber, set amber in " + csvdata.MetricsFile + " to its tolerance, at least " + share + "."
	case c == model.OffTrack && r == model.AtRisk && share != "":
		return "The council's tolerance is narrower than the metric's amber rule (" + d.Metric.AmberText() + "): set amber in " + csvdata.MetricsFile + " to the council's, below " + share + "."
	case c == model.OnTrack && r == model.AtRisk:
		return "The council counts a figure this near its target as on track; check the target, or the council's rule for Green."
	}
	return "No tolerance explains it: check the figure, the target and the direction (higher or lower is better) in " + csvdata.MetricsFile + "."
}

// checkContent checks that commentary names things that exist and that no
// page would overwrite another.
func (b *builder) checkContent() {
	for _, pg := range b.content.Pages {
		switch pg.Kind {
		case content.Entity:
			if !b.entityExists(pg.Section, pg.ID) {
				b.pl.Errorf(pg.Path, 1, "there is no %s %q for this commentary; the file name must be the id of one in %s", strings.TrimSuffix(pg.Section, "s"), pg.ID, sourceOf(pg.Section))
			}
		case content.Report:
			b.reports = append(b.reports, pg)
			if pg.Date.IsZero() {
				b.pl.Errorf(pg.Path, 1, "a report needs a date in its front matter (date: 2025-07-15): reports are listed and fed newest first")
			}
			if pg.PeriodSet && !b.p.HasPeriod(pg.Period) && !b.p.HasSavingsPeriod(pg.Period) {
				b.pl.Errorf(pg.Path, 1, "period %s has no figures in the data; a report's period names the period it reports on", pg.Period)
			}
		case content.Plain:
			if pg.URL == statementKind.url("") {
				// The council's own words for the generated statement.
				b.statement = pg
				continue
			}
			b.plain = append(b.plain, pg)
		}
	}
	slices.SortStableFunc(b.reports, func(x, y *content.Page) int {
		if c := y.Date.Compare(x.Date); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	b.findSections()
}

// sourceOf is the input that declares the ids of a section's pages.
func sourceOf(section string) string {
	for _, k := range kinds {
		if k.Section == section && k.Source != "" {
			return k.Source
		}
	}
	return ""
}

func (b *builder) entityExists(section, id string) bool {
	switch section {
	case "goals":
		return b.p.Goal(id) != nil
	case "services":
		return b.p.Service(id) != nil
	case "partners":
		return b.p.Partner(id) != nil
	case "metrics":
		return b.p.Metric(id) != nil
	}
	return false
}

// job renders one page into w, with the builder given, so that one page
// can be rendered on request with a problem list of its own.
type job struct {
	path string
	run  func(b *builder, w *bytes.Buffer) error
}

func (b *builder) render() error {
	jobs := b.jobs()
	errs := make([]error, len(jobs))
	// Each worker renders into its own buffer, reused page after page,
	// and hands the bytes on at once. When files go to disk there are more
	// workers than cores: creating a file is a slow system call, and while
	// one worker waits for it another can render.
	// The downloads, data.json and the feed are made from the data and
	// the content, not from the pages, so they are written while the
	// pages render: written after them, they kept one core busy and the
	// others idle at the end of every build.
	files := make(chan error, 1)
	go func() { files <- b.writeFiles() }()
	workers := runtime.GOMAXPROCS(0)
	if b.opts.Write != nil {
		workers *= 4
	}
	bufs := make(chan *bytes.Buffer, workers)
	for range cap(bufs) {
		bufs <- new(bytes.Buffer)
	}
	parallelN(len(jobs), workers, func(i int) {
		buf := <-bufs
		defer func() { bufs <- buf }()
		buf.Reset()
		if errs[i] = jobs[i].run(b, buf); errs[i] == nil {
			errs[i] = b.emit(jobs[i].path, buf.Bytes())
		}
	})
	filesErr := <-files // nothing is written once render returns
	// A theme error is a problem in the inputs like any other: each is
	// reported once, at its theme file and line, however many pages hit it.
	seen := map[problem.Problem]bool{}
	for i, j := range jobs {
		if err := errs[i]; err != nil {
			if _, ok := errors.AsType[*theme.FileError](err); !ok {
				return fmt.Errorf("rendering %s: %w", j.path, err)
			}
			if pr := themeProblem(err); !seen[pr] {
				seen[pr] = true
				b.pl.Add(pr)
			}
			continue
		}
		if strings.HasSuffix(j.path, ".html") {
			b.pages++
			if strings.HasSuffix(j.path, "index.html") {
				b.urls = append(b.urls, strings.TrimSuffix(j.path, "index.html"))
			}
		}
	}
	if len(seen) > 0 {
		return b.pl.Err()
	}
	slices.Sort(b.urls)
	for name, data := range b.theme.Assets() {
		if err := b.emit(name, data); err != nil {
			return err
		}
	}
	if filesErr != nil {
		return filesErr
	}
	return b.writeIndexes()
}

// emit passes a finished file to Options.Write, or keeps a copy of it.
func (b *builder) emit(name string, data []byte) error {
	name = b.prefix + name
	if b.opts.Write != nil {
		return b.opts.Write(name, data)
	}
	b.mu.Lock()
	b.out[name] = bytes.Clone(data)
	b.mu.Unlock()
	return nil
}

// pageBase starts the Base of the page of kind k with the given id, with
// its section's breadcrumb.
func (b *builder) pageBase(k *pageKind, id, title string) Base {
	if k.Section != "" {
		return b.base(k.Name, k.url(id), title, b.crumb(k.Section))
	}
	return b.base(k.Name, k.url(id), title)
}

// base starts the Base of a page at url.
func (b *builder) base(kind, url, title string, crumbs ...Crumb) Base {
	bs := Base{Site: b.cfg, P: b.p, Kind: kind, Title: title, URL: url, portable: b.opts.Portable, assets: b.theme.AssetNames(),
		Description: b.cfg.Description, Root: strings.Repeat("../", strings.Count(url, "/")), parts: b.parts}
	up := ""
	if b.prefix != "" {
		up = "../" // from this tree's root to the site's
	}
	bs.Counterparts = b.counterparts(url, bs.Root+up)
	return b.links(bs, crumbs...)
}

// counterparts are the page at url in the site's other languages, linked
// by way of toSite, the way from the page up to the site's root, above
// every tree: the same address in each other tree, since every page has
// its pair there.
func (b *builder) counterparts(url, toSite string) []Counterpart {
	if b.code == "" {
		return nil
	}
	siteBase := strings.TrimSuffix(b.cfg.BaseURL, b.prefix)
	var out []Counterpart
	for i, code := range b.cfg.Languages {
		if code == b.code {
			continue
		}
		tree := ""
		if i > 0 {
			tree = code + "/"
		}
		c := Counterpart{Lang: b.tags[code], Name: words.Autonym(code), Href: toSite + tree + url}
		if b.opts.Portable && (url == "" || strings.HasSuffix(url, "/")) {
			c.Href += "index.html"
		}
		if siteBase != "" {
			c.Abs = siteBase + tree + url
		}
		out = append(out, c)
	}
	return out
}

// links fills in the page's navigation, breadcrumbs and footer, with each
// link already relative to the page.
func (b *builder) links(bs Base, crumbs ...Crumb) Base {
	bs.Home = bs.Rel("")
	bs.Breadcrumbs, bs.Nav, bs.Footer = nil, nil, nil
	// Every slice is made its size at once: every page has them.
	if bs.URL != "" && bs.Kind != "404" {
		bs.Breadcrumbs = make([]Crumb, 0, len(crumbs)+2)
		bs.Breadcrumbs = append(bs.Breadcrumbs, Crumb{Title: b.lang.T("kind.home")})
		bs.Breadcrumbs = append(bs.Breadcrumbs, crumbs...)
		bs.Breadcrumbs = append(bs.Breadcrumbs, Crumb{Title: bs.Title, URL: bs.URL})
		for i := range bs.Breadcrumbs {
			bs.Breadcrumbs[i].Href = bs.Rel(bs.Breadcrumbs[i].URL)
		}
	}
	nav := make([]NavItem, 0, len(b.sections)+5)
	nav = append(nav, NavItem{Title: b.lang.T("kind.overview"), URL: homeKind.url("")})
	for _, s := range b.sections {
		nav = append(nav, NavItem{Title: s.Title, URL: s.listURL(1)})
	}
	if b.p.HasActions() {
		nav = append(nav, NavItem{Title: b.lang.T("kind.actions"), URL: actionsKind.url("")})
	}
	if b.p.HasRisks() {
		nav = append(nav, NavItem{Title: b.lang.T("kind.risks"), URL: risksKind.url("")})
	}
	bs.Nav = append(nav, NavItem{Title: b.lang.T("kind.data"), URL: dataKind.url("")}, NavItem{Title: b.lang.T("kind.search"), URL: searchKind.url("")})
	for i := range bs.Nav {
		n := &bs.Nav[i]
		n.Current, n.Href = bs.IsCurrent(n.URL), bs.Rel(n.URL)
	}
	top := b.topLevel[:min(len(b.topLevel), MaxFooterPages)]
	bs.Footer = make([]NavItem, 0, len(top)+1)
	for _, pg := range top {
		bs.Footer = append(bs.Footer, NavItem{Title: pg.Title, URL: pg.URL, Href: bs.Rel(pg.URL), Current: pg.URL == bs.URL})
	}
	a := statementKind.url("")
	bs.Footer = append(bs.Footer, NavItem{Title: b.lang.T("kind.accessibility"), URL: a, Href: bs.Rel(a), Current: bs.URL == a})
	return bs
}

// commentary renders the content page's markdown into bs, with its
// shortcodes drawn for this page.
func (b *builder) commentary(bs *Base, pg *content.Page) error {
	if pg == nil {
		return nil
	}
	pp := b.content.Parse(pg, b.pl)
	for _, sc := range pp.Shortcodes {
		if sc.Err != "" {
			continue // reported by Parse; the build fails after rendering
		}
		r := b.resolve(pg, sc) // reports its own problems
		if r == nil {
			continue
		}
		html, err := r(bs)
		if err != nil {
			return err
		}
		sc.HTML = html
	}
	body, err := b.content.Render(pp)
	if err != nil {
		return err
	}
	bs.Body = body
	if err := b.keepOutline(pg, pp, body); err != nil {
		return err
	}
	if pg.Summary != "" {
		bs.Description = pg.Summary
	}
	if !pg.Date.IsZero() {
		bs.Updated = pg.Date
		bs.Published = b.html("frame.published", "date", b.lang.Date(pg.Date))
	}
	return nil
}

// covers is the period a page covers, as its date line says it: "Covers
// July to September 2025 (2025/26 Q2)"; "" without a period.
func (b *builder) covers(pg *content.Page) template.HTML {
	if !pg.PeriodSet {
		return ""
	}
	return b.html("page.covers", "label", pg.Period.LabelIn(b.lang), "period", pg.Period.String())
}

// joinLine joins the parts of a date line that are there with " · ".
func joinLine(parts ...template.HTML) template.HTML {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, string(p))
		}
	}
	return template.HTML(strings.Join(out, " · "))
}

// html writes the catalogue's pattern key as the template function f does:
// the catalogue's text as it is, its parts escaped.
func (b *builder) html(key string, args ...any) template.HTML {
	return template.HTML(b.lang.F(key, escapeParts(args)...))
}

// figure registers a figure on the page, giving it an id that is stable
// from build to build and unique on the page.
func (bs *Base) figure(f *chart.Figure) *chart.Figure {
	id := f.ID
	n := 1
	for slices.ContainsFunc(bs.Figures, func(g *chart.Figure) bool { return g.ID == id }) {
		n++
		id = fmt.Sprintf("%s-%d", f.ID, n)
	}
	f.ID = id
	f.Embed = embedAddress(f.Whole)
	if f.Err != nil {
		bs.errs = append(bs.errs, fmt.Errorf("figure %q: %w", f.Title, f.Err))
	}
	bs.Figures = append(bs.Figures, f)
	if f.Option != nil {
		bs.Charts++
	}
	return f
}

// jobs lists every file to render, from the table of page kinds.
func (b *builder) jobs() []job {
	var js []job
	for _, k := range kinds {
		for _, e := range k.entries(b) {
			js = append(js, job{path: k.file(e.ID), run: func(b *builder, w *bytes.Buffer) error { return k.draw(b, w, e) }})
			if k.files != nil {
				for _, x := range k.files(b, e) {
					js = append(js, job{path: k.url(e.ID) + x.Name, run: x.draw})
				}
			}
		}
	}
	return js
}

// draw renders a page template and counts its charts.
func (b *builder) draw(w *bytes.Buffer, kind string, bs *Base, data any) error {
	if err := errors.Join(bs.errs...); err != nil {
		return err
	}
	bs.Frame = b.frame(bs)
	if err := b.theme.Page(w, kind, data); err != nil {
		return err
	}
	b.charts.Add(int64(bs.Charts))
	return nil
}

func (b *builder) home(w *bytes.Buffer) error {
	pg := &HomePage{Base: b.pageBase(homeKind, "", b.cfg.Title)}
	pg.AsAt = b.p.LatestPeriod()
	pg.Scorecard = b.scorecard(pg.AsAt)
	for i := range pg.Scorecard {
		pg.Scorecard[i].bound(MaxHomeRows)
	}
	pg.Counts = model.CountStatuses(b.p.Metrics)
	for _, m := range b.p.Metrics {
		if _, pt := m.AsAt(zeroPeriod); pt != nil && pt.Period.End().Before(pg.AsAt.End()) {
			pg.Earlier++
		}
	}
	if b.p.HasSavings() {
		pg.Savings = b.p.Savings("", "")
		pg.SavingsFig = pg.figure(chart.Savings(b.lang, pg.Savings, "chart-savings"))
		if h, ok := b.p.Households(); ok {
			// A headline card's sentence: whole pounds.
			pg.PerHousehold = chart.PerHouseholdPhrase(b.lang, pg.Savings.Latest().CumNet.Div(int64(h)), 0)
		}
	}
	if len(b.reports) > 0 {
		l := b.reportLink(b.reports[0])
		pg.Latest = &l
	}
	for _, g := range b.p.Goals {
		pg.Verdicts = append(pg.Verdicts, b.p.VerdictFor(g))
	}
	pg.VerdictRule = b.p.VerdictRule()
	if err := b.commentary(&pg.Base, b.content.Find(content.Home, "", "")); err != nil {
		return err
	}
	return b.draw(w, "home", &pg.Base, pg)
}

func (b *builder) notFound(w *bytes.Buffer) error {
	bs := b.base("404", "", b.lang.T("kind.not-found"))
	bs.rootPrefix = "/" + b.prefix
	if b.cfg.BaseURL != "" {
		bs.rootPrefix = basePath(b.cfg.BaseURL)
	}
	bs.Root = bs.rootPrefix
	// Served at any address, it links from the site's root path: the
	// other tree's 404 page is that path with the other tree's folder.
	bs.Counterparts = b.counterparts("404.html", strings.TrimSuffix(bs.Root, b.prefix))
	pg := &NotFoundPage{Base: b.links(bs)}
	return b.draw(w, "404", &pg.Base, pg)
}

func basePath(baseURL string) string {
	rest := baseURL[strings.Index(baseURL, "//")+2:]
	if i := strings.Index(rest, "/"); i >= 0 {
		return rest[i:]
	}
	return "/"
}

func (b *builder) goal(w *bytes.Buffer, g *model.Goal) error {
	pg := &GoalPage{Base: b.pageBase(goalKind, g.ID, g.Title), Goal: g}
	pg.Description = g.Summary
	pg.Counts = model.CountStatuses(g.Metrics)
	pg.Verdict, pg.VerdictRule = b.p.VerdictFor(g), b.p.VerdictRule()
	pg.Actions = EvidenceList{Caption: b.lang.T("site.actions.goal"), Actions: b.p.ActionsFor(g), Page: &pg.Base}
	pg.Risks = EvidenceList{Caption: b.lang.T("site.risks.goal"), Risks: b.p.RisksFor(g), Page: &pg.Base}
	for _, m := range g.Metrics {
		pg.Rows = append(pg.Rows, scoreRowAt(b.lang, m, zeroPeriod))
	}
	pg.Measures = b.measureCharts(&pg.Base, pg.Rows, "")
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "goals", g.ID)); err != nil {
		return err
	}
	return b.draw(w, "goal", &pg.Base, pg)
}

func (b *builder) service(w *bytes.Buffer, s *model.Service) error {
	pg := &ServicePage{Base: b.pageBase(serviceKind, s.ID, s.Name), Service: s}
	if s.Description != "" {
		pg.Description = s.Description
	}
	for _, m := range s.Metrics {
		pg.Rows = append(pg.Rows, scoreRowAt(b.lang, m, zeroPeriod))
	}
	pg.Actions = EvidenceList{Caption: b.lang.F("site.actions.for", "name", s.Name), Actions: b.p.ActionsFor(s), Page: &pg.Base}
	pg.Risks = EvidenceList{Caption: b.lang.F("site.risks.to", "name", s.Name), Risks: b.p.RisksFor(s), Page: &pg.Base}
	if v := b.p.Savings(s.ID, ""); len(v.Years) > 0 {
		pg.SavingsFig = pg.figure(chart.Savings(b.lang, v, "chart-savings"))
	}
	pg.Measures = b.measureCharts(&pg.Base, pg.Rows, "")
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "services", s.ID)); err != nil {
		return err
	}
	return b.draw(w, "service", &pg.Base, pg)
}

func (b *builder) partner(w *bytes.Buffer, pt *model.Partner) error {
	pg := &PartnerPage{Base: b.pageBase(partnerKind, pt.ID, pt.Name), Partner: pt}
	if b.p.HasSavings() && !b.p.SharesGiven() {
		pg.NoShares = model.NoShares(b.lang)
	} else if b.p.HasSavings() {
		pg.Savings = b.p.Savings("", pt.ID)
		pg.SavingsFig = pg.figure(chart.Savings(b.lang, pg.Savings, "chart-savings"))
		if l := pg.Savings.Latest(); l != nil {
			if all := b.p.Savings("", "").Latest(); all != nil && all.CumNet != 0 {
				pg.Share = format.Percent(100 * float64(l.CumNet) / float64(all.CumNet))
			}
			if ph, ok := pg.Savings.PerHousehold(l.CumNet); ok {
				// A headline card's figure, under a label that says
				// whether it is a saving or a cost: whole pounds.
				pg.PerHousehold = ph.Abs().Short()
			}
		}
	}
	pg.Actions = EvidenceList{Caption: b.lang.F("site.actions.for", "name", pt.ShortName), Actions: b.p.ActionsFor(pt), Page: &pg.Base}
	for _, m := range b.p.Metrics {
		if s := m.SeriesFor(pt.ID); s != nil {
			row := seriesRow(b.lang, m, s)
			row.Who = "" // every row is this partner's
			pg.Rows = append(pg.Rows, row)
		}
	}
	pg.Measures = b.measureCharts(&pg.Base, pg.Rows, pt.ID)
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "partners", pt.ID)); err != nil {
		return err
	}
	return b.draw(w, "partner", &pg.Base, pg)
}

func (b *builder) metric(w *bytes.Buffer, m *model.Metric) error {
	pg := &MetricPage{Base: b.pageBase(metricKind, m.ID, m.Name), Metric: m}
	if m.Description != "" {
		pg.Description = m.Description
	}
	pg.Figure = pg.figure(b.metricFigure(m, "", "chart-"+m.ID))
	for _, s := range m.Series {
		pg.Latest = append(pg.Latest, seriesRow(b.lang, m, s))
		for _, pt := range s.Points {
			if (pt.Target == nil) != (m.Target == nil) || pt.Target != nil && *pt.Target != *m.Target {
				pg.TargetVaries = true
			}
			if pt.Note != "" {
				who := ""
				if s.Partner != nil {
					who = s.Partner.ShortName
				}
				pg.Notes = append(pg.Notes, Note{Period: pt.Period, Who: who, Text: pt.Note})
			}
		}
	}
	if m.Direction.Rated() && (m.Target != nil || pg.TargetVaries) {
		pg.Amber = m.AmberText()
	}
	pg.Actions = EvidenceList{Caption: b.lang.F("site.actions.for", "name", m.Name), Actions: b.p.ActionsFor(m), Page: &pg.Base, NoMetric: true}
	if m.Status() == model.OffTrack && b.p.HasActions() {
		pg.Actions.Empty = b.lang.T("site.actions.none-corrective")
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "metrics", m.ID)); err != nil {
		return err
	}
	return b.draw(w, "metric", &pg.Base, pg)
}

func (b *builder) contentPage(w *bytes.Buffer, kind string, pg *content.Page, crumbs ...Crumb) error {
	cp := &ContentPage{Base: b.base(kind, pg.URL, pg.Title, crumbs...), Page: pg, Since: b.since(pg)}
	cp.Evidence = b.reportEvidence(pg, &cp.Base)
	if pg.Kind == content.Report {
		for _, x := range reportKind.files(b, entry{Of: pg}) {
			if name, ext, _ := strings.Cut(x.Name, "."); name == "figures" {
				cp.Files = append(cp.Files, FileLink{Label: strings.ToUpper(ext), URL: pg.URL + x.Name})
			} else if cp.Evidence != nil {
				cp.Evidence.Files = append(cp.Evidence.Files, FileLink{Label: x.Name, URL: pg.URL + x.Name})
			}
		}
	}
	if pg.Kind == content.Report {
		cp.Edition, cp.Partners = b.edition(pg), b.partnerNames()
	}
	// The page's date and period, written here once rather than by three
	// template calls on each of 10,000 pages.
	if err := b.record(pg).commentary(&cp.Base, pg); err != nil {
		return err
	}
	cp.DateLine = joinLine(cp.Published, b.covers(pg))
	return b.draw(w, kind, &cp.Base, cp)
}

// reportFigures writes the figures report pg shows, as at its period, as
// CSV or JSON. The CSV is the bytes the report's edition mark hashes.
func (b *builder) reportFigures(w *bytes.Buffer, pg *content.Page, asJSON bool) error {
	f := b.figuresOf(pg)
	if f.err != nil {
		return f.err
	}
	if asJSON {
		f.t.writeJSON(w)
	} else {
		w.Write(f.csv)
	}
	return nil
}

// figuresTable is the table of the figures report pg shows, as at its
// period, and no others: see reportShows.
func (b *builder) figuresTable(pg *content.Page) *table {
	rb := b.record(pg)
	shows := reportShows(b.content.Parse(pg, &problem.List{}).Shortcodes)
	t := figureTable("figures.csv", "")
	for _, m := range rb.p.Metrics {
		for _, s := range m.Series {
			if shows.whole[m.ID] {
				t.addSeries(m, s)
				continue
			}
			for _, pt := range shows.scored(s) {
				t.addFigure(m, s, pt, true)
			}
		}
	}
	return t
}

// shown is what a report shows of the figures, read from its shortcodes.
type shown struct {
	// whole holds the metrics a chart or value shortcode names.
	whole map[string]bool
	// scorecards are the periods of its scorecards, zero for one that
	// shows the latest figures.
	scorecards []period.Period
}

// reportShows is the rule for what a report's figures files hold, as at
// its period: what the report shows, so that a report costs what it
// shows and not every figure of the partnership (at 120,000 figures, a
// scorecard's report once held all of them, in each report).
//
//   - A metric a chart or value shortcode names: every figure of every
//     series it has as at the report, outturns included. The chart's
//     table is the metric's history, and a printed report's table sends
//     the reader to figures.csv for its earlier rows.
//   - Any other metric on a scorecard: of each series, the figure the
//     scorecard shows (scoredAt), one a series for each scorecard
//     period. A scorecard's line shows the worst series' figure, names
//     the other partners with its status, and gives every series'
//     direction of travel: each series' latest figure is on the page.
//   - Nothing else: savings are not figures of a metric, and a report
//     with no shortcode naming a metric has a figures file of its header
//     alone.
//
// The rows keep performance.csv's columns and order (metrics.csv's
// order, then each series', then each period's), so the file is the
// same bytes every build.
func reportShows(scs []*content.Shortcode) shown {
	sh := shown{whole: map[string]bool{}}
	for _, sc := range scs {
		switch sc.Name {
		case "chart", "value":
			if id := sc.Args["metric"]; id != "" {
				sh.whole[id] = true
			}
		case "scorecard":
			var at period.Period // the latest figures
			if raw, set := sc.Args["period"]; set {
				var err error
				if at, err = period.Parse(raw); err != nil {
					continue // fails the build at the shortcode
				}
			}
			if !slices.Contains(sh.scorecards, at) {
				sh.scorecards = append(sh.scorecards, at)
			}
		}
	}
	return sh
}

// scored is the figures of series s the report's scorecards show, in
// the series' order, each once.
func (sh shown) scored(s *model.Series) []*model.Point {
	var picked []*model.Point
	for _, at := range sh.scorecards {
		if pt := scoredAt(s, at); pt != nil {
			picked = append(picked, pt)
		}
	}
	if len(picked) < 2 {
		return picked
	}
	// Scorecards of several periods: the series' own order, which is
	// the periods'.
	var out []*model.Point
	for i := range s.Points {
		if slices.Contains(picked, &s.Points[i]) {
			out = append(out, &s.Points[i])
		}
	}
	return out
}

// embed draws a figure alone on its embed page, for framing in a council's
// own pages.
func (b *builder) embed(w *bytes.Buffer, fig *chart.Figure, full, source string) error {
	pg := &EmbedPage{Base: b.base("embed", embedAddress(fig.Whole), fig.Title), Full: full, Source: source}
	pg.Description = fig.Summary
	fig.Whole = nil // no embed code inside the embed itself
	pg.Figure = pg.figure(fig)
	return b.draw(w, "embed", &pg.Base, pg)
}

// record is the builder a report's figures are drawn with: the partnership
// as it stood at the end of the report's period (or its date, when it
// names no period), so that a report is a record of what was said at the
// time and later data never changes it. Other pages show the latest.
func (b *builder) record(pg *content.Page) *builder {
	if pg.Kind != content.Report || !pg.HasShortcodes() {
		return b // prose alone shows no figures
	}
	end := pg.Date
	if pg.PeriodSet {
		end = pg.Period.End()
	}
	if end.IsZero() {
		return b
	}
	rb := *b
	rb.p = b.partnershipAt(end)
	return &rb
}

// partnershipAt is the partnership as it stood at the end of a day, made
// once for every report that asks for it.
func (b *builder) partnershipAt(end time.Time) *model.Partnership {
	p, ok := b.asAt.Load(end)
	if !ok {
		p, _ = b.asAt.LoadOrStore(end, b.p.AsAt(end))
	}
	return p.(*model.Partnership)
}

// AxeVersion is the axe-core release the browser tests hold every page to;
// the accessibility statement names it. A test keeps it in step with
// package.json.
const AxeVersion = "4.14.1"

func (b *builder) accessibility(w *bytes.Buffer) error {
	pg := &StatementPage{Base: b.pageBase(statementKind, "", b.lang.T("kind.accessibility")), AxeVersion: AxeVersion}
	pg.Description = b.lang.T("kind.accessibility.description")
	// The date comes from the input, never the clock: the statement's own
	// date when the council writes one, else the newest dated content.
	if b.statement != nil && !b.statement.Date.IsZero() {
		pg.Tested = b.statement.Date
	} else {
		for _, c := range b.content.Pages {
			if c.Date.After(pg.Tested) {
				pg.Tested = c.Date
			}
		}
	}
	if err := b.commentary(&pg.Base, b.statement); err != nil {
		return err
	}
	return b.draw(w, "accessibility", &pg.Base, pg)
}

func (b *builder) dataPage(w *bytes.Buffer) error {
	pg := &DataPage{Base: b.pageBase(dataKind, "", b.lang.T("kind.data"))}
	pg.Files = b.dataFiles()
	return b.draw(w, "data", &pg.Base, pg)
}

// zeroPeriod asks for the latest figures.
var zeroPeriod period.Period

func (b *builder) reportLink(pg *content.Page) ReportLink {
	l := ReportLink{Title: pg.Title, URL: pg.URL, Summary: pg.Summary, Date: pg.Date, Period: pg.Period, HasPeriod: pg.PeriodSet}
	if !pg.Date.IsZero() {
		l.DateLine = joinLine(template.HTML(valueText.Replace(b.lang.Date(pg.Date))), b.covers(pg))
	}
	return l
}

// pager is any page: every page struct embeds Base.
type pager interface{ page() *Base }

func (bs *Base) page() *Base { return bs }

// scoreTableData is what the "scoretable" partial receives.
type scoreTableData struct {
	Caption string
	Rows    []ScoreRow
	Page    *Base
}

// funcsFor returns the template functions every theme may use, with the
// words of the language l: {{t "kind.home"}} for a fixed word,
// {{f "key" "name" .Value}} for a pattern, {{n "key" .Count}} for a
// plural, {{date .Date}} and {{list .Names}} in the language's grammar.
func funcsFor(l *words.Lang) template.FuncMap {
	fm := make(template.FuncMap, len(funcs)+8)
	for k, v := range funcs {
		fm[k] = v
	}
	fm["list"] = l.List
	fm["date"] = l.Date
	// carried is a headline card's sentence: whole pounds or £1.3m.
	fm["carried"] = func(y *model.SavingsYear) string { return chart.CarriedPhrase(l, y, true, 0) }
	fm["value"] = func(u measure.Unit, v float64) string { return u.Value(l, v) }
	fm["margin"] = func(u measure.Unit, a float64) string { return u.Margin(l, a, u.MarginPlaces()) }
	pageWords(fm, l) // t, f and n, which write HTML
	fm["text"] = func(s string) any { return s }
	// lang is the page's language, for the methods of the model that
	// write words: {{.Period.LabelIn lang}}, {{.Started.In lang}}.
	fm["lang"] = func() *words.Lang { return l }
	// unitForms is a worded unit's plural forms for the charts' script.
	fm["unitForms"] = func(u measure.Unit) string { return u.Forms(l) }
	return fm
}

// markEnglish is the "text" function of a tree whose data keeps some texts
// in English for want of their twin (csvdata.Data.English): such a text is
// marked lang="en", so that a screen reader reads it in English and a
// reader sees it is the council's own English; any other is the text, for
// the template to escape as ever.
func markEnglish(english map[string]bool) func(string) any {
	return func(s string) any {
		if english[s] {
			return template.HTML(`<span lang="en">` + valueText.Replace(s) + `</span>`)
		}
		return s
	}
}

// funcs are the template functions that need no language.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	"scoreTable": func(caption string, rows []ScoreRow, p pager) scoreTableData {
		return scoreTableData{Caption: caption, Rows: rows, Page: p.page()}
	},
	"scorecard": func(goals []ScoreGoal, at period.Period, p pager) scorecardData {
		return scorecardData{Goals: goals, AsAt: at, Page: p.page()}
	},
	"figure": func(f *chart.Figure, p pager) figureData { return figureData{Fig: f, Page: p.page()} },
	"counts": model.CountStatuses,
	// perHousehold writes a partner's amount per household in a column.
	"perHousehold": func(v *model.Savings, x money.Pence, c moneyColumn) string {
		if ph, ok := v.PerHousehold(x); ok {
			return c.Cell(ph)
		}
		return "–"
	},
	// money writes one amount on its own, exactly; an amount in a column
	// is written by the column's Cell, a headline by moneyShort.
	"money":           money.Pence.String,
	"partnersColumns": partnersColumns,
	"servicesColumn":  servicesColumn,
	"possessive":      words.Possessive,
	"moneyShort":      money.Pence.Short,
	// exact writes an amount in a sentence about a savings view, as its
	// column does.
	"exact":   chart.Exact,
	"percent": format.Percent,
	"number":  func(v float64) string { return format.Fixed(v, 0) },
	"count":   func(n int) string { return format.Fixed(float64(n), 0) },
	"isoDate": func(t time.Time) string { return t.Format("2006-01-02") },
	"deref":   func(f *float64) float64 { return *f },
	"plural":  func(n int, one, many string) string { return format.Plural(float64(n), one, many) },
	"lower":   strings.ToLower,
	"isURL":   isURL,
	// frame draws a part of the layout once for every page with the same
	// frame: {{frame "frame-top" .Frame}}.
	"frame": drawFrame,
	// table draws a figure's table once for every page that shows it:
	// {{table .Fig.Table .}}.
	"table": drawTable,
}
