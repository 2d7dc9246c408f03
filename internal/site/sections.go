package site

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/words"
)

// PerPage is the most entries one list page shows; a longer list is split
// into pages, so that no page grows with the size of the site.
const PerPage = 50

// MaxFooterPages is the most top-level pages the footer of every page
// links to. Pages beyond it belong in a folder, which becomes a section.
const MaxFooterPages = 12

// section is one list page of the site and what it lists. The built-in
// sections list what the data holds; every other folder of pages in
// content/ is a section by the same rule, listing its pages newest first.
// Navigation links sections, never the pages in them.
type section struct {
	Name     string // its folder and address: "metrics", "minutes"
	Title    string
	Template string        // pages/TEMPLATE.html draws the list
	Intro    *content.Page // content/NAME/index.md, shown above the list
	Pages    []*content.Page
	// entries counts what the list shows, to split it into pages; nil
	// for a list that is always one page (goals, services, partners).
	entries func(b *builder) int
}

// builtIn are the sections drawn from the data, in navigation order. Each
// takes its title from the catalogue, kind.NAME, in the builder's
// language when the builder copies them, so none is kept here.
var builtIn = []section{
	{Name: "goals", Template: "goals"},
	{Name: "services", Template: "services"},
	{Name: "partners", Template: "partners"},
	{Name: "metrics", Template: "metrics", entries: func(b *builder) int { return len(b.p.Metrics) }},
	{Name: "reports", Template: "reports", entries: func(b *builder) int { return len(b.reports) }},
}

// pages is how many list pages the section has.
func (s *section) pages(b *builder) int {
	if s.entries == nil {
		return 1
	}
	return max(1, (s.entries(b)+PerPage-1)/PerPage)
}

// listURL is the address of page n of the section's list, from 1.
func (s *section) listURL(n int) string {
	if n <= 1 {
		return s.Name + "/"
	}
	return fmt.Sprintf("%s/page/%d/", s.Name, n)
}

// Pager links the pages of a list split by PerPage.
type Pager struct {
	Page, Pages int
	Prev, Next  string // relative links, "" at either end
	From, To    int    // the entries shown, counted from 1
	Total       int
	lang        *words.Lang // the page's language, for Of
}

// Of says which entries a page of a split list shows, for a caption:
// ", 51 to 100 of 230"; "" when the list is on one page.
func (p Pager) Of() string {
	if p.Pages <= 1 {
		return ""
	}
	return p.lang.F("kind.list-of", "from", p.From, "to", p.To, "total", p.Total)
}

// window returns the part of a list of n entries that page shows, and the
// pager for it, which says so in the language l.
func (bs *Base) window(l *words.Lang, s *section, page, n int) (from, to int, p Pager) {
	from, to = min((page-1)*PerPage, n), min(page*PerPage, n)
	p = Pager{Page: page, Pages: max(1, (n+PerPage-1)/PerPage), From: from + 1, To: to, Total: n, lang: l}
	if page > 1 {
		p.Prev = bs.Rel(s.listURL(page - 1))
	}
	if page < p.Pages {
		p.Next = bs.Rel(s.listURL(page + 1))
	}
	return from, to, p
}

// folderTitle names a section after its folder: "board-papers" is
// "Board papers".
func folderTitle(name string) string {
	t := strings.ReplaceAll(name, "-", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// findSections sorts the plain pages into content sections and pages of
// their own, and checks that no two inputs claim one address.
func (b *builder) findSections() {
	byName := map[string][]*content.Page{}
	for _, pg := range b.plain {
		if pg.Section != "" {
			byName[pg.Section] = append(byName[pg.Section], pg)
		}
	}
	b.sections = slices.Clone(builtIn)
	for i := range b.sections {
		b.sections[i].Title = b.lang.T("kind." + b.sections[i].Name)
		b.sections[i].Intro = b.content.Find(content.Section, b.sections[i].Name, "")
	}
	inSection := map[*content.Page]bool{}
	for _, n := range slices.Sorted(maps.Keys(byName)) {
		s := section{Name: n, Title: folderTitle(n), Template: "section"}
		for _, pg := range byName[n] {
			if pg.URL == n+"/" {
				s.Intro = pg
			} else {
				s.Pages = append(s.Pages, pg)
			}
		}
		if len(s.Pages) == 0 {
			continue // content/NAME/index.md alone is a page, not a section
		}
		if s.Intro != nil && s.Intro.Title != "" {
			s.Title = s.Intro.Title
		}
		newestFirst(s.Pages)
		s.entries = func(*builder) int { return len(s.Pages) }
		for _, pg := range byName[n] {
			inSection[pg] = true
		}
		b.sections = append(b.sections, s)
	}
	b.topLevel = nil // pages listed in no section
	for _, pg := range b.plain {
		if !inSection[pg] {
			b.topLevel = append(b.topLevel, pg)
		}
	}
	if n := len(b.topLevel); n > MaxFooterPages {
		b.pl.Warnf(b.topLevel[MaxFooterPages].Path, 1, "content/ has %d pages of its own; the footer of every page links only the first %d, so that no page grows with the site. Put the others in a folder, such as content/pages/, which becomes a section with its own index", n, MaxFooterPages)
	}
	b.checkAddresses()
}

// newestFirst sorts pages by date, newest first, then by title; undated
// pages come last.
func newestFirst(pages []*content.Page) {
	slices.SortStableFunc(pages, func(x, y *content.Page) int {
		if c := y.Date.Compare(x.Date); c != 0 {
			return c
		}
		return strings.Compare(x.Title, y.Title)
	})
}

// section returns the section called name, or nil.
func (b *builder) section(name string) *section {
	for i := range b.sections {
		if b.sections[i].Name == name {
			return &b.sections[i]
		}
	}
	return nil
}

// source is the content file a folder of pages is named for in messages:
// its index.md, or its first page.
func (s *section) source() string {
	if s.Intro != nil {
		return s.Intro.Path
	}
	return s.Pages[0].Path
}

// list draws page n of a section's list.
func (b *builder) list(w *bytes.Buffer, s *section, n int) error {
	title := s.Title
	var crumbs []Crumb
	if n > 1 {
		title = b.lang.F("kind.list-page", "section", s.Title, "n", n)
		crumbs = []Crumb{{Title: s.Title, URL: s.listURL(1)}}
	}
	pg := &ListPage{Base: b.base(s.Template, s.listURL(n), title, crumbs...), Section: s.Title}
	switch s.Name {
	case "metrics":
		from, to, p := pg.window(b.lang, s, n, len(b.p.Metrics))
		for _, m := range b.p.Metrics[from:to] {
			pg.Rows = append(pg.Rows, scoreRowAt(b.lang, m, zeroPeriod))
		}
		pg.Pager = p
	case "reports":
		from, to, p := pg.window(b.lang, s, n, len(b.reports))
		for _, r := range b.reports[from:to] {
			pg.Entries = append(pg.Entries, b.reportLink(r))
		}
		pg.Pager = p
	default:
		if s.Template == "section" {
			from, to, p := pg.window(b.lang, s, n, len(s.Pages))
			for _, r := range s.Pages[from:to] {
				pg.Entries = append(pg.Entries, b.reportLink(r))
			}
			pg.Pager = p
		}
	}
	if n == 1 {
		if err := b.commentary(&pg.Base, s.Intro); err != nil {
			return err
		}
	}
	return b.draw(w, s.Template, &pg.Base, pg)
}
