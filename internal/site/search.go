package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"slices"
	"strings"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/problem"
)

// SearchText is how much of a page's prose the search index keeps: enough
// to find a page by what it is about, small enough that the index of a
// site of 10,000 pages stays a few megabytes.
const SearchText = 240

// searchEntry is one page in search.json. The keys are short because the
// index is downloaded whole by the search page.
type searchEntry struct {
	Title    string   `json:"t"`
	URL      string   `json:"u"`
	Kind     string   `json:"k"`
	Summary  string   `json:"s,omitempty"`
	Headings []string `json:"h,omitempty"`
	Text     string   `json:"x,omitempty"`
}

// searchIndex lists every page a resident might look for: sections,
// goals, services, partners, metrics, reports and other pages, with the
// words they would look for them by. A content page's headings and text
// are taken from its body as it renders, so the index, which anyone can
// download, holds nothing the page itself does not show.
func (b *builder) searchIndex() ([]searchEntry, error) {
	var out []searchEntry
	for _, s := range b.sections {
		out = append(out, searchEntry{Title: s.Title, URL: s.listURL(1), Kind: b.lang.T("kind.search.section")})
	}
	for _, k := range kinds {
		if k.Search == "" {
			continue
		}
		for _, e := range k.entries(b) {
			out = append(out, searchEntry{Title: e.Title, URL: k.url(e.ID), Kind: b.lang.T("kind.search." + k.Search), Summary: e.Summary, Headings: e.Headings})
		}
	}
	var pages []*content.Page
	for _, pg := range append(slices.Clone(b.reports), b.plain...) {
		if s := b.section(pg.Section); s != nil && s.Intro == pg {
			continue // its words are on its section's list
		}
		pages = append(pages, pg)
	}
	// A build has rendered every page, keeping its outline; a preview
	// has rendered only some, and parses the others again, on every core.
	entries := make([]searchEntry, len(pages))
	errs := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		pg := pages[i]
		kind := b.lang.T("kind.search.page")
		if pg.Kind == content.Report {
			kind = b.lang.T("kind.search.report")
		} else if s := b.section(pg.Section); s != nil {
			kind = s.Title
		}
		o, err := b.outline(pg)
		entries[i], errs[i] = searchEntry{Title: pg.Title, URL: pg.URL, Kind: kind, Summary: pg.Summary, Headings: o.headings, Text: o.text}, err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return append(out, entries...), nil
}

// outline is what the index keeps of a content page's body.
type outline struct {
	headings []string
	text     string
}

// keepOutline takes the outline of a report or plain page as it renders,
// from the tree the page was rendered from and the body it rendered.
func (b *builder) keepOutline(pg *content.Page, pp *content.Parsed, body template.HTML) error {
	if pg.Kind != content.Report && pg.Kind != content.Plain {
		return nil
	}
	h, x, err := b.content.Outline(pp, SearchText, body)
	if err != nil {
		return err
	}
	b.outlines.Store(pg, outline{h, x})
	return nil
}

// outline is the page's outline as it was kept when the page rendered, or
// taken now from a tree of its own.
func (b *builder) outline(pg *content.Page) (outline, error) {
	if o, ok := b.outlines.Load(pg); ok {
		return o.(outline), nil
	}
	h, x, err := b.content.Outline(b.content.Parse(pg, &problem.List{}), SearchText, "")
	return outline{h, x}, err
}

// searchJSON is the index as the search page downloads it: one line of
// JSON an entry, so it grows with the site in a way a diff can read.
func (b *builder) searchJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("[\n")
	entries, err := b.searchIndex()
	if err != nil {
		return nil, err
	}
	for i, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.Write(line)
	}
	buf.WriteString("\n]\n")
	return buf.Bytes(), nil
}

// AZ is a search page's list without JavaScript: every section and
// measure, A to Z.
type AZ struct {
	Title, URL, Kind string
}

func (b *builder) searchPage(w *bytes.Buffer) error {
	pg := &SearchPage{Base: b.pageBase(searchKind, "", b.lang.T("kind.search"))}
	pg.Description = b.lang.T("kind.search.description")
	for _, s := range b.sections {
		pg.AZ = append(pg.AZ, AZ{Title: s.Title, URL: s.listURL(1), Kind: b.lang.T("kind.search.section")})
	}
	for _, m := range b.p.Metrics {
		pg.AZ = append(pg.AZ, AZ{Title: m.Name, URL: metricKind.url(m.ID), Kind: b.lang.T("kind.search." + metricKind.Search)})
	}
	slices.SortStableFunc(pg.AZ, func(x, y AZ) int { return strings.Compare(strings.ToLower(x.Title), strings.ToLower(y.Title)) })
	return b.draw(w, "search", &pg.Base, pg)
}
