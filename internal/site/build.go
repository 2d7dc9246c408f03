// Package site builds a whole partnership site in memory: it loads the
// settings, data and content, joins them into the model, checks every
// reference, and renders every page, download and feed through the theme.
// The result is a map from output path to bytes; writing it to disk is the
// publish package's job, so that check, build and serve share one path.
//
// Data flows one way: config, csvdata and content load the inputs; model
// derives the figures; chart shapes them into figures; theme draws pages.
package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/theme"
)

// Options change what a build writes.
type Options struct {
	Drafts   bool // include pages marked draft: true
	Portable bool // links name index.html, for use from file://
}

// Output is a built site.
type Output struct {
	Files  map[string][]byte // path relative to the output folder
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
	opts      Options
	cfg       *config.Site
	p         *model.Partnership
	content   *content.Set
	theme     *theme.Theme
	pl        *problem.List
	reports   []*content.Page // newest first
	plain     []*content.Page
	statement *content.Page // content/accessibility.md, if any

	mu     sync.Mutex
	out    map[string][]byte
	charts int
	pages  int
}

// Build reads the site in src and renders it. Problems in the inputs come
// back in the list, warnings included; when any is an error, the Output is
// nil and Build's error is a *problem.Error.
func Build(src fs.FS, opts Options) (*Output, *problem.List, error) {
	b, err := load(src, opts)
	if err != nil {
		return nil, b.pl, err
	}
	if err := b.render(); err != nil {
		return nil, b.pl, err
	}
	return &Output{Files: b.out, Pages: b.pages, Charts: b.charts}, b.pl, nil
}

// Check reads and validates everything without rendering pages.
func Check(src fs.FS) (*problem.List, error) {
	b, err := load(src, Options{})
	return b.pl, err
}

func load(src fs.FS, opts Options) (*builder, error) {
	b := &builder{opts: opts, pl: &problem.List{}, out: map[string][]byte{}}
	b.cfg = config.Load(src, b.pl)
	data := csvdata.Load(src, b.cfg.GoalIDs(), b.pl)
	b.content = content.Load(src, content.Options{Drafts: opts.Drafts, Portable: opts.Portable}, b.pl)
	th, err := theme.Load(src, b.cfg.Theme, funcs)
	if err != nil {
		b.pl.Errorf(config.File, 1, "%v", err)
	}
	b.theme = th
	b.p = model.New(b.cfg, data)
	b.checkContent()
	for _, pg := range b.content.Pages {
		for _, sc := range pg.Shortcodes {
			if sc.Err == "" {
				b.resolve(pg, sc) // reports its own problems
			}
		}
	}
	if b.cfg.BaseURL == "" {
		b.pl.Warnf(config.File, 1, "base_url is not set, so sitemap.xml and feed.xml hold relative addresses; set base_url to where the site will live")
	}
	return b, b.pl.Err()
}

// reserved are output folders the site generates; content may not use them.
var reserved = []string{"assets/", "data/", "goals/", "services/", "partners/", "metrics/"}

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
			if pg.URL == "accessibility/" {
				// The council's own words for the generated statement.
				b.statement = pg
				continue
			}
			for _, r := range append(slices.Clone(reserved), "reports/", "404/") {
				if strings.HasPrefix(pg.URL, r) {
					b.pl.Errorf(pg.Path, 1, "this page would be written to %s, which the site generates itself; move or rename it", pg.URL)
				}
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
}

func sourceOf(section string) string {
	switch section {
	case "goals":
		return config.File
	case "services":
		return csvdata.ServicesFile
	case "partners":
		return csvdata.PartnersFile
	}
	return csvdata.MetricsFile
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

// job renders one page.
type job struct {
	path string
	run  func() ([]byte, error)
}

func (b *builder) render() error {
	jobs := b.jobs()
	errs := make([]error, len(jobs))
	results := make([][]byte, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = jobs[i].run()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range jobs {
		if errs[i] != nil {
			return fmt.Errorf("rendering %s: %w", j.path, errs[i])
		}
		b.out[j.path] = results[i]
		if strings.HasSuffix(j.path, ".html") {
			b.pages++
		}
	}
	for name, data := range b.theme.Assets() {
		b.out[name] = data
	}
	return b.writeData()
}

// page starts the Base of a page at url.
func (b *builder) base(kind, url, title string, crumbs ...Crumb) Base {
	bs := Base{Site: b.cfg, P: b.p, Kind: kind, Title: title, URL: url, portable: b.opts.Portable,
		Description: b.cfg.Description}
	if url != "" {
		bs.Breadcrumbs = append([]Crumb{{"Home", ""}}, crumbs...)
		bs.Breadcrumbs = append(bs.Breadcrumbs, Crumb{title, url})
	}
	for _, n := range []NavItem{{"Overview", "", false}, {"Goals", "goals/", false}, {"Services", "services/", false},
		{"Partners", "partners/", false}, {"Metrics", "metrics/", false}, {"Reports", "reports/", false}, {"Data", "data/", false}} {
		n.Current = bs.IsCurrent(n.URL)
		bs.Nav = append(bs.Nav, n)
	}
	for _, pg := range b.plain {
		bs.Footer = append(bs.Footer, NavItem{Title: pg.Title, URL: pg.URL, Current: pg.URL == url})
	}
	bs.Footer = append(bs.Footer, NavItem{Title: "Accessibility statement", URL: "accessibility/", Current: url == "accessibility/"})
	return bs
}

// commentary renders the content page's markdown into bs, with its
// shortcodes drawn for this page.
func (b *builder) commentary(bs *Base, pg *content.Page) error {
	if pg == nil {
		return nil
	}
	for _, sc := range pg.Shortcodes {
		r := b.resolve(pg, sc)
		if r == nil {
			return fmt.Errorf("%s:%d: shortcode %s could not be resolved", pg.Path, sc.Line, sc.Name)
		}
		html, err := r(bs)
		if err != nil {
			return err
		}
		sc.HTML = html
	}
	body, err := b.content.Render(pg)
	if err != nil {
		return err
	}
	bs.Body = body
	if pg.Summary != "" {
		bs.Description = pg.Summary
	}
	if !pg.Date.IsZero() {
		bs.Updated = pg.Date
	}
	return nil
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
	bs.Figures = append(bs.Figures, f)
	if f.Option != nil {
		bs.Charts++
	}
	return f
}

func (b *builder) add(path string, run func() ([]byte, error), js *[]job) {
	*js = append(*js, job{path: path, run: run})
}

// jobs lists every page to render.
func (b *builder) jobs() []job {
	var js []job
	html := func(url string) string { return path.Join(url, "index.html") }
	b.add("index.html", b.home, &js)
	b.add("404.html", b.notFound, &js)
	b.add(html("goals/"), func() ([]byte, error) { return b.list("goals", "goals/", "Goals") }, &js)
	b.add(html("services/"), func() ([]byte, error) { return b.list("services", "services/", "Services") }, &js)
	b.add(html("partners/"), func() ([]byte, error) { return b.list("partners", "partners/", "Partners") }, &js)
	b.add(html("metrics/"), func() ([]byte, error) { return b.list("metrics", "metrics/", "Metrics") }, &js)
	b.add(html("reports/"), func() ([]byte, error) { return b.list("reports", "reports/", "Reports") }, &js)
	b.add(html("data/"), b.dataPage, &js)
	b.add(html("accessibility/"), b.accessibility, &js)
	for _, g := range b.p.Goals {
		b.add(html("goals/"+g.ID+"/"), func() ([]byte, error) { return b.goal(g) }, &js)
	}
	for _, s := range b.p.Services {
		b.add(html("services/"+s.ID+"/"), func() ([]byte, error) { return b.service(s) }, &js)
	}
	for _, pt := range b.p.Partners {
		b.add(html("partners/"+pt.ID+"/"), func() ([]byte, error) { return b.partner(pt) }, &js)
	}
	for _, m := range b.p.Metrics {
		b.add(html("metrics/"+m.ID+"/"), func() ([]byte, error) { return b.metric(m) }, &js)
	}
	for _, pg := range b.reports {
		b.add(html(pg.URL), func() ([]byte, error) { return b.contentPage("report", pg, Crumb{"Reports", "reports/"}) }, &js)
	}
	for _, pg := range b.plain {
		b.add(html(pg.URL), func() ([]byte, error) { return b.contentPage("page", pg) }, &js)
	}
	return js
}

// draw renders a page template and counts its charts.
func (b *builder) draw(kind string, bs *Base, data any) ([]byte, error) {
	out, err := b.theme.Page(kind, data)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	b.charts += bs.Charts
	b.mu.Unlock()
	return out, nil
}

func (b *builder) home() ([]byte, error) {
	pg := &HomePage{Base: b.base("home", "", b.cfg.Title)}
	pg.AsAt = b.p.LatestPeriod()
	pg.Scorecard = b.scorecard(pg.AsAt)
	pg.Counts = model.CountStatuses(b.p.Metrics)
	if b.p.HasSavings() {
		pg.Savings = b.p.Savings("", "")
		pg.SavingsFig = pg.figure(chart.Savings(pg.Savings, "chart-savings"))
		if h, ok := b.p.Households(); ok {
			pg.PerHousehold = format.Pence(pg.Savings.Latest().CumNet / float64(h))
		}
	}
	if len(b.reports) > 0 {
		l := reportLink(b.reports[0])
		pg.Latest = &l
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Home, "", "")); err != nil {
		return nil, err
	}
	return b.draw("home", &pg.Base, pg)
}

func (b *builder) notFound() ([]byte, error) {
	bs := b.base("404", "", "Page not found")
	bs.rootPrefix = "/"
	if b.cfg.BaseURL != "" {
		bs.rootPrefix = basePath(b.cfg.BaseURL)
	}
	return b.draw("404", &bs, &bs)
}

func basePath(baseURL string) string {
	rest := baseURL[strings.Index(baseURL, "//")+2:]
	if i := strings.Index(rest, "/"); i >= 0 {
		return rest[i:]
	}
	return "/"
}

func (b *builder) list(section, url, title string) ([]byte, error) {
	pg := &ListPage{Base: b.base(section, url, title)}
	switch section {
	case "metrics":
		for _, m := range b.p.Metrics {
			pg.Rows = append(pg.Rows, scoreRowAt(m, zeroPeriod))
		}
	case "reports":
		for _, r := range b.reports {
			pg.Reports = append(pg.Reports, reportLink(r))
		}
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Section, section, "")); err != nil {
		return nil, err
	}
	return b.draw(section, &pg.Base, pg)
}

func (b *builder) goal(g *model.Goal) ([]byte, error) {
	pg := &GoalPage{Base: b.base("goal", "goals/"+g.ID+"/", g.Title, Crumb{"Goals", "goals/"}), Goal: g}
	pg.Description = g.Summary
	pg.Counts = model.CountStatuses(g.Metrics)
	for _, m := range g.Metrics {
		pg.Rows = append(pg.Rows, scoreRowAt(m, zeroPeriod))
		pg.figure(chart.Metric(m, "", "chart-"+m.ID))
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "goals", g.ID)); err != nil {
		return nil, err
	}
	return b.draw("goal", &pg.Base, pg)
}

func (b *builder) service(s *model.Service) ([]byte, error) {
	pg := &ServicePage{Base: b.base("service", "services/"+s.ID+"/", s.Name, Crumb{"Services", "services/"}), Service: s}
	if s.Description != "" {
		pg.Description = s.Description
	}
	for _, m := range s.Metrics {
		pg.Rows = append(pg.Rows, scoreRowAt(m, zeroPeriod))
	}
	if v := b.p.Savings(s.ID, ""); len(v.Years) > 0 {
		pg.SavingsFig = pg.figure(chart.Savings(v, "chart-savings"))
	}
	for _, m := range s.Metrics {
		pg.figure(chart.Metric(m, "", "chart-"+m.ID))
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "services", s.ID)); err != nil {
		return nil, err
	}
	return b.draw("service", &pg.Base, pg)
}

func (b *builder) partner(pt *model.Partner) ([]byte, error) {
	pg := &PartnerPage{Base: b.base("partner", "partners/"+pt.ID+"/", pt.Name, Crumb{"Partners", "partners/"}), Partner: pt}
	if b.p.HasSavings() {
		pg.Savings = b.p.Savings("", pt.ID)
		pg.SavingsFig = pg.figure(chart.Savings(pg.Savings, "chart-savings"))
		if l := pg.Savings.Latest(); l != nil {
			if all := b.p.Savings("", "").Latest(); all != nil && all.CumNet != 0 {
				pg.Share = format.Percent(100 * l.CumNet / all.CumNet)
			}
			if ph, ok := pg.Savings.PerHousehold(l.CumNet); ok {
				pg.PerHousehold = format.Pence(ph)
			}
		}
	}
	for _, m := range b.p.Metrics {
		if s := m.SeriesFor(pt.ID); s != nil {
			row := seriesRow(m, s)
			pg.Rows = append(pg.Rows, row)
			pg.figure(chart.Metric(m, pt.ID, "chart-"+m.ID))
		}
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "partners", pt.ID)); err != nil {
		return nil, err
	}
	return b.draw("partner", &pg.Base, pg)
}

func (b *builder) metric(m *model.Metric) ([]byte, error) {
	pg := &MetricPage{Base: b.base("metric", "metrics/"+m.ID+"/", m.Name, Crumb{"Metrics", "metrics/"}), Metric: m}
	if m.Description != "" {
		pg.Description = m.Description
	}
	pg.Figure = pg.figure(chart.Metric(m, "", "chart-"+m.ID))
	for _, s := range m.Series {
		pg.Latest = append(pg.Latest, seriesRow(m, s))
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
	switch {
	case m.Amber != nil:
		pg.Amber = "Within " + model.Margin(m.Unit, *m.Amber) + " of the target"
	case m.Target != nil:
		pg.Amber = "Within " + model.Margin(m.Unit, model.DefaultAmber(*m.Target)) + " of the target (5% of it)"
	}
	if err := b.commentary(&pg.Base, b.content.Find(content.Entity, "metrics", m.ID)); err != nil {
		return nil, err
	}
	return b.draw("metric", &pg.Base, pg)
}

func (b *builder) contentPage(kind string, pg *content.Page, crumbs ...Crumb) ([]byte, error) {
	cp := &ContentPage{Base: b.base(kind, pg.URL, pg.Title, crumbs...), Page: pg}
	if err := b.commentary(&cp.Base, pg); err != nil {
		return nil, err
	}
	return b.draw(kind, &cp.Base, cp)
}

// AxeVersion is the axe-core release the browser tests hold every page to;
// the accessibility statement names it. A test keeps it in step with
// package.json.
const AxeVersion = "4.14.1"

func (b *builder) accessibility() ([]byte, error) {
	pg := &StatementPage{Base: b.base("accessibility", "accessibility/", "Accessibility statement"), AxeVersion: AxeVersion}
	pg.Description = "How accessible this site is, how it was tested, and how to report a problem."
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
		return nil, err
	}
	return b.draw("accessibility", &pg.Base, pg)
}

func (b *builder) dataPage() ([]byte, error) {
	pg := &DataPage{Base: b.base("data", "data/", "Data")}
	pg.Files = b.dataFiles()
	return b.draw("data", &pg.Base, pg)
}

// zeroPeriod asks for the latest figures.
var zeroPeriod period.Period

func reportLink(pg *content.Page) ReportLink {
	return ReportLink{Title: pg.Title, URL: pg.URL, Summary: pg.Summary, Date: pg.Date, Period: pg.Period, HasPeriod: pg.PeriodSet}
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

// funcs are the template functions every theme may use.
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
	"perHousehold": func(v *model.Savings, x float64) string {
		if ph, ok := v.PerHousehold(x); ok {
			return format.Pence(ph)
		}
		return "–"
	},
	"money":      format.Money,
	"moneyShort": format.MoneyShort,
	"pence":      format.Pence,
	"percent":    format.Percent,
	"number":     func(v float64) string { return format.Fixed(v, 0) },
	"count":      func(n int) string { return format.Fixed(float64(n), 0) },
	"value":      model.Value,
	"margin":     model.Margin,
	"date":       func(t time.Time) string { return t.Format("2 January 2006") },
	"isoDate":    func(t time.Time) string { return t.Format("2006-01-02") },
	"deref":      func(f *float64) float64 { return *f },
	"plural":     func(n int, one, many string) string { return format.Plural(float64(n), one, many) },
	"lower":      strings.ToLower,
}
