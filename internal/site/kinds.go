package site

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/model"
)

// pageKind is one kind of page the site writes. Its row in kinds is the
// only place that says where the kind's pages are written, which template
// draws them and what they are drawn from. The jobs that render the site,
// search, the sitemap, the links templates write and the check that no
// content page or id takes an address the site writes all read it, so a
// new kind of page is one row and one template, and its addresses are
// reserved by construction.
type pageKind struct {
	// Name is the template in pages/ that draws the kind, and the name a
	// template links a single page by: {{.Link "search"}}.
	Name string
	// Folder is where the kind's pages are written: metrics/ID/ for the
	// folder "metrics/", or the folder itself for a single page.
	Folder string
	// Owns is true when everything in Folder is the site's own, so that
	// no content page may be written there.
	Owns bool
	// single is set for a page of one address that a site may not have,
	// such as the actions page: it is linked by its name, as a page every
	// site has is.
	single bool
	// File is the file a page is written to in its folder:
	// "index.html", unless set.
	File string
	// Section is the list the kind's pages belong to, for their
	// breadcrumb; "" for none.
	Section string
	// Search is what search calls a page of the kind, as the last part of
	// its catalogue key ("measure" for kind.search.measure), or "" when
	// search.json does not list the kind's pages from here.
	Search string
	// What says what a page of the kind is, for messages about an
	// address two things would be written to: "the page of metric %s".
	What string
	// Source is the input that declares the kind's ids: a content page
	// of commentary on one names an id there.
	Source string
	// Holds says what a folder the site owns holds, for the message to
	// a content page put in it: "the pages of its metrics".
	Holds string
	// pages lists the kind's pages, in a fixed order; nil for a single
	// page that every site has.
	pages func(b *builder) []entry
	// draw renders one page of the kind.
	draw func(b *builder, w *bytes.Buffer, e entry) error
	// files are the other files written beside each page, by name, for
	// the pages they apply to.
	files func(b *builder, e entry) []extra
}

// entry is one page of a kind.
type entry struct {
	ID string // its part of the address; "" for a single page
	// Of is what the page shows: *model.Metric, *content.Page, a list.
	Of any
	// Path and Line are the input that asks for the page, for messages;
	// "" for a page every site has. Line is 0 for a row of a data file,
	// looked up only when a message needs it.
	Path string
	Line int
	// Title, Summary and Headings are what search lists it by.
	Title, Summary string
	Headings       []string
}

// extra is a file written beside a page, such as a report's figures.csv.
type extra struct {
	Name string
	draw func(b *builder, w *bytes.Buffer) error
}

// url is the site-root address of the kind's page with the given id.
func (k *pageKind) url(id string) string {
	if id == "" {
		return k.Folder
	}
	return k.Folder + id + "/"
}

// file is the output file of the kind's page with the given id.
func (k *pageKind) file(id string) string {
	if k.File != "" {
		return k.url(id) + k.File
	}
	return k.url(id) + "index.html"
}

// entries lists the kind's pages.
func (k *pageKind) entries(b *builder) []entry {
	if k.pages == nil {
		return []entry{{}}
	}
	return k.pages(b)
}

// listPage is one page of a section's list, as an entry's Of.
type listPage struct {
	s *section
	n int
}

// The kinds of page. Each row is set whole in init, since its functions
// call the builder's methods, which read the rows back.
var (
	homeKind, notFoundKind, listKind, dataKind, statementKind, searchKind  *pageKind
	goalKind, serviceKind, partnerKind, metricKind, actionsKind, risksKind *pageKind
	embedKind, savingsKind, serviceSavingsKind, reportKind, plainKind      *pageKind
)

// kinds are all the kinds of page, in the order they are rendered and
// claim their addresses: when two would be written to one address, the
// later is reported, naming the earlier.
var kinds []*pageKind

// assetsFolder holds the theme's files; no page may be written in it.
const assetsFolder = "assets/"

func init() {
	homeKind = &pageKind{Name: "home", What: "the home page",
		draw: func(b *builder, w *bytes.Buffer, _ entry) error { return b.home(w) }}
	notFoundKind = &pageKind{Name: "404", File: "404.html", What: "the page shown for an address that does not exist",
		draw: func(b *builder, w *bytes.Buffer, _ entry) error { return b.notFound(w) }}
	listKind = &pageKind{Name: "list", What: "%s",
		pages: func(b *builder) []entry {
			var out []entry
			for i := range b.sections {
				s := &b.sections[i]
				for n := 1; n <= s.pages(b); n++ {
					e := entry{ID: strings.TrimSuffix(s.listURL(n), "/"), Of: listPage{s, n}}
					if s.Template == "section" {
						e.Path, e.Line = s.source(), 1
					}
					out = append(out, e)
				}
			}
			return out
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error {
			l := e.Of.(listPage)
			return b.list(w, l.s, l.n)
		}}
	dataKind = &pageKind{Name: "data", Folder: "data/", Owns: true, What: "the downloads page", Holds: "its downloads",
		draw: func(b *builder, w *bytes.Buffer, _ entry) error { return b.dataPage(w) }}
	statementKind = &pageKind{Name: "accessibility", Folder: "accessibility/", What: "the accessibility statement",
		draw: func(b *builder, w *bytes.Buffer, _ entry) error { return b.accessibility(w) }}
	searchKind = &pageKind{Name: "search", Folder: "search/", What: "the search page",
		draw: func(b *builder, w *bytes.Buffer, _ entry) error { return b.searchPage(w) }}

	actionsKind = evidenceKind("actions", (*model.Partnership).HasActions)
	risksKind = evidenceKind("risks", (*model.Partnership).HasRisks)
	goalKind = &pageKind{Name: "goal", Folder: "goals/", Owns: true, Section: "goals", Source: config.File, Search: "goal",
		What: "the page of goal %s", Holds: "the pages of its goals",
		pages: func(b *builder) []entry {
			return each(b.p.Goals, func(g *model.Goal) entry {
				return entry{ID: g.ID, Of: g, Path: config.File, Title: g.Title, Summary: g.Summary}
			})
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error { return b.goal(w, e.Of.(*model.Goal)) }}
	serviceKind = &pageKind{Name: "service", Folder: "services/", Owns: true, Section: "services", Source: csvdata.ServicesFile, Search: "service",
		What: "the page of service %s", Holds: "the pages of its services",
		pages: func(b *builder) []entry {
			return each(b.p.Services, func(s *model.Service) entry {
				return entry{ID: s.ID, Of: s, Path: csvdata.ServicesFile, Title: s.Name, Summary: s.Description}
			})
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error { return b.service(w, e.Of.(*model.Service)) }}
	partnerKind = &pageKind{Name: "partner", Folder: "partners/", Owns: true, Section: "partners", Source: csvdata.PartnersFile, Search: "partner",
		What: "the page of partner %s", Holds: "the pages of its partners",
		pages: func(b *builder) []entry {
			return each(b.p.Partners, func(p *model.Partner) entry {
				return entry{ID: p.ID, Of: p, Path: csvdata.PartnersFile, Title: p.Name, Summary: p.ShortName}
			})
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error { return b.partner(w, e.Of.(*model.Partner)) }}
	metrics := func(b *builder) []entry {
		return each(b.p.Metrics, func(m *model.Metric) entry {
			e := entry{ID: m.ID, Of: m, Path: csvdata.MetricsFile, Title: m.Name, Summary: m.Description}
			if m.Service != nil {
				e.Headings = []string{m.Service.Name}
			}
			return e
		})
	}
	metricKind = &pageKind{Name: "metric", Folder: "metrics/", Owns: true, Section: "metrics", Source: csvdata.MetricsFile, Search: "measure",
		What: "the page of metric %s", Holds: "the pages of its metrics", pages: metrics,
		draw: func(b *builder, w *bytes.Buffer, e entry) error { return b.metric(w, e.Of.(*model.Metric)) }}
	embedKind = &pageKind{Name: "embed", Folder: "embed/", Owns: true,
		What: "the embed page of metric %s's chart", Holds: "the embed pages of its charts", pages: metrics,
		draw: func(b *builder, w *bytes.Buffer, e entry) error {
			m := e.Of.(*model.Metric)
			return b.embed(w, b.metricFigure(m, "", "chart-"+m.ID), metricKind.url(m.ID), m.Source)
		}}
	savingsKind = &pageKind{Name: "embed", Folder: "embed/savings/", What: "the embed page of the partnership's savings chart",
		pages: func(b *builder) []entry {
			if !b.p.HasSavings() {
				return nil
			}
			return []entry{{}}
		},
		draw: func(b *builder, w *bytes.Buffer, _ entry) error {
			return b.embed(w, chart.Savings(b.lang, b.p.Savings("", ""), "chart-savings"), homeKind.url(""), "")
		}}
	serviceSavingsKind = &pageKind{Name: "embed", Folder: "embed/savings/", What: "the embed page of service %s's savings chart",
		pages: func(b *builder) []entry {
			var out []entry
			for _, e := range serviceKind.pages(b) {
				if b.p.HasSavings() && len(b.p.Savings(e.ID, "").Years) > 0 {
					out = append(out, e)
				}
			}
			return out
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error {
			s := e.Of.(*model.Service)
			return b.embed(w, chart.Savings(b.lang, b.p.Savings(s.ID, ""), "chart-savings"), serviceKind.url(s.ID), "")
		}}
	reportKind = &pageKind{Name: "report", Folder: "reports/", Section: "reports", What: "%s",
		pages: func(b *builder) []entry {
			return each(b.reports, func(pg *content.Page) entry { return entry{ID: pg.ID, Of: pg, Path: pg.Path, Line: 1} })
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error {
			return b.contentPage(w, "report", e.Of.(*content.Page), b.crumb(reportKind.Section))
		},
		files: func(b *builder, e entry) []extra {
			pg := e.Of.(*content.Page)
			// The record of what the committee saw, as files.
			var out []extra
			if pg.HasShortcodes() {
				out = append(out,
					extra{Name: "figures.csv", draw: func(b *builder, w *bytes.Buffer) error { return b.reportFigures(w, pg, false) }},
					extra{Name: "figures.json", draw: func(b *builder, w *bytes.Buffer) error { return b.reportFigures(w, pg, true) }})
			}
			if b.p.HasActions() {
				out = append(out, extra{Name: "actions.csv", draw: func(b *builder, w *bytes.Buffer) error { return b.reportEvidenceFile(w, pg, "actions.csv") }})
			}
			if b.p.HasRisks() {
				out = append(out, extra{Name: "risks.csv", draw: func(b *builder, w *bytes.Buffer) error { return b.reportEvidenceFile(w, pg, "risks.csv") }})
			}
			return out
		}}
	plainKind = &pageKind{Name: "page", What: "%s",
		pages: func(b *builder) []entry {
			var out []entry
			for _, pg := range b.plain {
				if s := b.section(pg.Section); s != nil && s.Intro == pg {
					continue // drawn on its section's list
				}
				out = append(out, entry{ID: strings.TrimSuffix(pg.URL, "/"), Of: pg, Path: pg.Path, Line: 1})
			}
			return out
		},
		draw: func(b *builder, w *bytes.Buffer, e entry) error {
			pg := e.Of.(*content.Page)
			if s := b.section(pg.Section); s != nil {
				return b.contentPage(w, "page", pg, b.crumb(s.Name))
			}
			return b.contentPage(w, "page", pg)
		}}
	kinds = []*pageKind{homeKind, notFoundKind, listKind, dataKind, statementKind, searchKind, actionsKind, risksKind,
		goalKind, serviceKind, partnerKind, metricKind, embedKind, savingsKind, serviceSavingsKind, reportKind, plainKind}
}

// each is an entry for each of items.
func each[T any](items []T, f func(T) entry) []entry {
	out := make([]entry, 0, len(items))
	for _, x := range items {
		out = append(out, f(x))
	}
	return out
}

// evidenceKind is the row of the actions page or the risks page: one page
// listing every row of its file by goal, which a site has when the file
// has a row at any period. Its title and description are the catalogue's
// kind.NAME and kind.NAME.description, in the builder's language.
func evidenceKind(name string, has func(*model.Partnership) bool) *pageKind {
	k := &pageKind{Name: name, Folder: name + "/", Owns: true, single: true, Search: "section",
		What: "the " + name + " page", Holds: "its list of " + name}
	k.pages = func(b *builder) []entry {
		if !has(b.p) {
			return nil
		}
		return []entry{{Title: b.lang.T("kind." + name), Summary: b.lang.T("kind." + name + ".description")}}
	}
	k.draw = func(b *builder, w *bytes.Buffer, _ entry) error {
		return b.evidencePage(w, k, b.lang.T("kind."+name), b.lang.T("kind."+name+".description"))
	}
	return k
}

// crumb is the breadcrumb of the section called name.
func (b *builder) crumb(name string) Crumb {
	if s := b.section(name); s != nil {
		return Crumb{Title: s.Title, URL: s.listURL(1)}
	}
	return Crumb{}
}

// addressOf is the site-root address of the page that shows x: a goal,
// service, partner or metric, a content page, or a page or list named by
// its kind or section ("search", "metrics").
func addressOf(x any) (string, error) {
	switch x := x.(type) {
	case *model.Goal:
		return goalKind.url(x.ID), nil
	case *model.Service:
		return serviceKind.url(x.ID), nil
	case *model.Partner:
		return partnerKind.url(x.ID), nil
	case *model.Metric:
		return metricKind.url(x.ID), nil
	case *content.Page:
		return x.URL, nil
	case string:
		for _, k := range kinds {
			if k.Name == x && (k.pages == nil || k.single) {
				return k.url(""), nil
			}
		}
		for i := range builtIn {
			if builtIn[i].Name == x {
				return builtIn[i].listURL(1), nil
			}
		}
		return "", fmt.Errorf("there is no page called %q to link to", x)
	}
	return "", fmt.Errorf("cannot link to a %T", x)
}

// embedAddress is where a figure that shows the whole of x is published
// alone, for framing: a metric's chart, or the savings chart of the
// partnership or a service; "" for any other figure.
func embedAddress(x any) string {
	switch x := x.(type) {
	case *model.Metric:
		return embedKind.url(x.ID)
	case *model.Savings:
		switch {
		case x.Partner != nil:
			return ""
		case x.Service != nil:
			return serviceSavingsKind.url(x.Service.ID)
		}
		return savingsKind.url("")
	}
	return ""
}

// Link is the link from this page to the page that shows x: a goal,
// service, partner, metric or content page, or a page or list by name:
// {{.Link .Metric}}, {{.Link "search"}}, {{.Link "reports"}}.
func (b *Base) Link(x any) (string, error) {
	u, err := addressOf(x)
	if err != nil {
		return "", err
	}
	return b.Rel(u), nil
}

// subject is what an entry of kind k is, in a message at its own input:
// "this page" for a content page, else what describe says.
func (k *pageKind) subject(e entry) string {
	if _, page := e.Of.(*content.Page); page {
		return "this page"
	}
	return k.describe(e)
}

// describe is what an entry of kind k is, for a message.
func (k *pageKind) describe(e entry) string {
	if !strings.Contains(k.What, "%s") {
		return k.What
	}
	switch of := e.Of.(type) {
	case *content.Page:
		return of.Path
	case listPage:
		if of.s.Template == "section" {
			return "the list of the pages in content/" + of.s.Name + "/"
		}
		// A built-in section's name is its English title in lower case,
		// and a message stays English whatever the site's language.
		return "the list of " + of.s.Name
	}
	return fmt.Sprintf(k.What, fmt.Sprintf("%q", e.ID))
}

// checkAddresses reports any two pages that would be written to one file,
// such as content/search.md and the search page, or a metric with the id
// "savings" and the savings chart's embed page, naming both: which of
// them was published would otherwise change from build to build. It
// reports too a content page written in a folder the site owns.
func (b *builder) checkAddresses() {
	type claim struct {
		k *pageKind
		e entry
	}
	owner := map[string]claim{}
	for _, k := range kinds {
		for _, e := range k.entries(b) {
			url := k.url(e.ID)
			files := []string{k.file(e.ID)}
			if k.files != nil {
				for _, x := range k.files(b, e) {
					files = append(files, url+x.Name)
				}
			}
			clash := false
			for _, f := range files {
				if room := b.opts.Room; room > 0 && len(f) > room && e.Path != "" {
					b.pl.Errorf(e.Path, b.line(e), "%s would be written to %s in the output folder, a path too long for this computer to write (%d characters where the output folder leaves room for %d); choose an output folder with a shorter path, or a shorter name", k.subject(e), f, len(f), room)
					break
				}
				first, taken := owner[f]
				if !taken {
					owner[f] = claim{k, e}
					continue
				}
				// Reported at the input that can change: the later page's,
				// else the earlier's, which the site's own page displaced.
				at, other := claim{k, e}, first
				if at.e.Path == "" {
					at, other = first, at
				}
				if at.e.Path != "" {
					b.pl.Errorf(at.e.Path, b.line(at.e), "%s", clashMessage(at.k, at.e, other.k, other.e, url))
				}
				clash = true
				break
			}
			if _, page := e.Of.(*content.Page); clash || !page || k == reportKind {
				continue // a folder's list is reported by its pages
			}
			for _, o := range kinds {
				if o.Owns && strings.HasPrefix(url, o.Folder) {
					b.pl.Errorf(e.Path, e.Line, "this page would be written to %s, in %s, where the site writes %s; move or rename it", url, o.Folder, o.Holds)
				}
			}
			if strings.HasPrefix(url, assetsFolder) {
				b.pl.Errorf(e.Path, e.Line, "this page would be written to %s, in %s, where the site writes its theme's files; move or rename it", url, assetsFolder)
			}
		}
	}
}

// line is the line of the data file row that declares an entry's id.
func (b *builder) line(e entry) int {
	if e.Line != 0 {
		return e.Line
	}
	switch e.Path {
	case csvdata.MetricsFile:
		for _, m := range b.data.Metrics {
			if m.ID == e.ID {
				return m.Line
			}
		}
	case csvdata.ServicesFile:
		for _, s := range b.data.Services {
			if s.ID == e.ID {
				return s.Line
			}
		}
	case csvdata.PartnersFile:
		for _, p := range b.data.Partners {
			if p.ID == e.ID {
				return p.Line
			}
		}
	}
	return 1
}

// clashMessage says that the page of entry e would be written to url,
// where the other page is written already, and how to move it off: a
// content page is moved or renamed, a row of a data file takes another
// id, and the site's own pages never move.
func clashMessage(k *pageKind, e entry, ok *pageKind, oe entry, url string) string {
	_, otherPage := oe.Of.(*content.Page)
	subject := k.subject(e)
	where := "where the site writes " + ok.describe(oe)
	if otherPage {
		where = "which " + ok.describe(oe) + " is written to already"
	}
	switch {
	case !strings.HasPrefix(e.Path, "content/"):
		return fmt.Sprintf("%s would be written to %s, %s; give it another id in %s", subject, url, where, e.Path)
	case otherPage:
		return fmt.Sprintf("%s would be written to %s, %s; rename or move one of them", subject, url, where)
	}
	return fmt.Sprintf("%s would be written to %s, %s; rename or move it", subject, url, where)
}
