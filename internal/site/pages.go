package site

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
)

// Base is what every page template receives; page kinds embed it. Its
// methods are what templates use to write links, so every link goes
// through Rel and stays relative.
//
// The layout reads Base's fields through .Base, a field of every page's
// data, rather than as the page's own: text/template looks a field up
// by name each time it is used, and a field of an embedded struct is
// found by a search that allocates, a sixth of the layout's time on a
// plain page.
type Base struct {
	Site        *config.Site
	P           *model.Partnership
	Kind        string // the template: "home", "metric", ...
	Title       string
	Description string
	URL         string // the page's folder, "" for home, "metrics/x/" for others
	Breadcrumbs []Crumb
	Nav         []NavItem
	Footer      []NavItem
	Body        template.HTML // rendered markdown commentary, if any
	Figures     []*chart.Figure
	// Charts counts figures that have a chart option, so the chart
	// script is loaded only on pages that need it.
	Charts   int
	errs     []error // figures whose chart could not be made
	assets   map[string]string
	parts    *frameParts // the build's drawn parts, shared by its pages
	portable bool
	// rootPrefix overrides the relative prefix: 404.html is served at
	// any depth, so it links from the site's root path instead.
	rootPrefix string
	// Root is the way from this page to the site's root folder, such as
	// "../../", for links to files: {{.Root}}assets/site.css. Links the
	// layout uses on every page are worked out once here rather than by
	// calling .Rel from templates, which call methods by reflection.
	Root    string
	Home    string    // link to the home page
	Updated time.Time // from content only, for print
	// Published is Updated as the page says it, "Published 12 November
	// 2025", or "" with no date.
	Published template.HTML
	// Frame is what the layout draws the same way on many pages; it is
	// set as the page is drawn, once its figures are known.
	Frame *Frame
	// Counterparts are this page in the site's other languages, on a
	// site in more than one: every page links straight to its own.
	Counterparts []Counterpart
}

// Counterpart is a page's counterpart in another language's tree.
type Counterpart struct {
	Lang string // its lang and hreflang: "cy", "en"
	// Name is the language's name in itself, "Cymraeg", as a language
	// link is written on every bilingual site.
	Name string
	Href string // relative to the page
	Abs  string // its absolute address, when base_url is set
}

// Crumb is one breadcrumb; the last one is the page itself.
type Crumb struct {
	Title, URL string
	Href       string // URL relative to the page
}

// NavItem is one link of the site navigation.
type NavItem struct {
	Title, URL string
	Href       string // URL relative to the page
	Current    bool
}

// Rel turns a site-root path ("" for home, "metrics/x/" for a page,
// "assets/site.css" for a file) into a link relative to this page. With
// --portable, links to folders name index.html so they work from file://.
func (b *Base) Rel(target string) string {
	prefix := b.rootPrefix
	if prefix == "" {
		prefix = b.Root
	}
	out := prefix + target
	if b.portable && (target == "" || strings.HasSuffix(target, "/")) {
		out += "index.html"
	}
	if out == "" {
		return "./"
	}
	return out
}

// Asset is the link from this page to a theme asset, under the name it is
// published at: {{.Asset "site.css"}}.
func (b *Base) Asset(name string) string {
	p := "assets/" + name
	if n, ok := b.assets[p]; ok {
		p = n
	}
	return b.Rel(p)
}

// MaxTitle is the longest page title that search results and browser tabs
// show whole.
const MaxTitle = 70

// PageTitle is the page's <title>: "Page – Site", or the page's title
// alone where that would run past MaxTitle characters, since a long site
// title ("Shared services: Stevenage Borough Council and East
// Hertfordshire District Council") would push the page's own words out of
// a browser tab. The home page is the site's title.
func (b *Base) PageTitle() string {
	if b.URL == "" && b.Kind != "404" {
		return b.Site.Title
	}
	full := b.Title + " – " + b.Site.Title
	if utf8.RuneCountInString(full) <= MaxTitle {
		return full
	}
	return b.Title
}

// Meta is the page's description, canonical address (or for an embed,
// noindex), and the Open Graph
// and Twitter card tags a shared link is shown with, escaped here as one
// piece: a site of 10,000 pages would otherwise spend a dozen template
// actions a page on them.
func (b *Base) Meta() template.HTML {
	var m strings.Builder
	m.Grow(1024)
	// Written piece by piece: fmt's formatting was a third of the time
	// the layout's calls took on a plain page.
	write := func(parts ...string) {
		for _, p := range parts {
			m.WriteString(p)
		}
	}
	tag := func(attr, name, content string) {
		write("<meta ", attr, "=\"", name, "\" content=\"", html.EscapeString(content), "\">\n")
	}
	if b.Description != "" {
		tag("name", "description", b.Description)
	}
	if b.Kind == "embed" {
		// A bare copy of a chart for framing: kept out of search results,
		// and with no canonical address, which would tell a search
		// engine the opposite of noindex.
		tag("name", "robots", "noindex")
	}
	if b.Site.BaseURL != "" && b.Kind != "404" && b.Kind != "embed" {
		write("<link rel=\"canonical\" href=\"", html.EscapeString(b.Site.BaseURL+b.URL), "\">\n")
		tag("property", "og:url", b.Site.BaseURL+b.URL)
	}
	if len(b.Counterparts) > 0 && b.Kind != "404" && b.Kind != "embed" {
		// Each language's page lists every language's, itself included,
		// as search engines ask of alternates.
		self := Counterpart{Lang: b.Site.Language, Href: b.Rel(b.URL)}
		if b.Site.BaseURL != "" {
			self.Abs = b.Site.BaseURL + b.URL
		}
		for _, c := range append([]Counterpart{self}, b.Counterparts...) {
			href := c.Abs
			if href == "" {
				href = c.Href
			}
			write("<link rel=\"alternate\" hreflang=\"", html.EscapeString(c.Lang), "\" href=\"", html.EscapeString(href), "\">\n")
		}
	}
	title := b.Site.Title
	if b.URL != "" {
		title = b.Title
	}
	tag("property", "og:type", "website")
	tag("property", "og:site_name", b.Site.Title)
	tag("property", "og:title", title)
	tag("property", "og:locale", strings.ReplaceAll(b.Site.Language, "-", "_"))
	if b.Description != "" {
		tag("property", "og:description", b.Description)
	}
	// Twitter reads og:title and og:description when its own are absent.
	tag("name", "twitter:card", "summary")
	return template.HTML(strings.TrimSuffix(m.String(), "\n"))
}

// IsCurrent reports whether url is this page or a section above it, for
// aria-current in the navigation.
func (b *Base) IsCurrent(url string) bool {
	if b.Kind == "404" {
		return false // served at any address, so no link is this page
	}
	if url == "" {
		return b.URL == ""
	}
	return strings.HasPrefix(b.URL, url)
}

// NotFoundPage is 404.html, which has nothing of its own: like every
// page's data it holds a Base, which layouts read as .Base.
type NotFoundPage struct {
	Base
}

// HomePage is index.html.
type HomePage struct {
	Base
	Savings      *model.Savings
	SavingsFig   *chart.Figure
	PerHousehold string // partnership net saving to date per household, or ""
	Scorecard    []ScoreGoal
	AsAt         period.Period
	Latest       *ReportLink
	Counts       model.Counts
	// Earlier counts the measures in Counts whose latest figure is for a
	// period before AsAt, so the card does not pass them off as current.
	Earlier int
	// Verdicts are the goals side by side, each with how it stands.
	Verdicts    []model.Verdict
	VerdictRule string
}

// ScoreGoal is one goal's part of a scorecard.
type ScoreGoal struct {
	Goal   *model.Goal
	Rows   []ScoreRow
	Counts model.Counts
	// More counts the goal's measures left out of Rows, on the home
	// page, where each goal shows at most MaxHomeRows; every one of them
	// is on the goal's own page.
	More int
}

// ScoreRow is one metric's line in a scorecard.
type ScoreRow struct {
	Metric  *model.Metric
	Who     string // the partner whose figure decides the status, or ""
	Period  period.Period
	Value   string
	Target  string
	Rating  model.Rating
	Trend   string // the direction of travel in words: "Improving on 2023/24 Q2"
	HasData bool
}

// GoalPage is goals/ID/.
type GoalPage struct {
	Base
	Goal        *model.Goal
	Counts      model.Counts
	Rows        []ScoreRow
	Measures    MeasureCharts
	Verdict     model.Verdict
	VerdictRule string
	Actions     EvidenceList
	Risks       EvidenceList
}

// ServicePage is services/ID/.
type ServicePage struct {
	Base
	Service    *model.Service
	Rows       []ScoreRow
	Measures   MeasureCharts
	SavingsFig *chart.Figure
	Actions    EvidenceList
	Risks      EvidenceList
}

// PartnerPage is partners/ID/.
type PartnerPage struct {
	Base
	Partner      *model.Partner
	Savings      *model.Savings
	SavingsFig   *chart.Figure
	Share        string // share of the partnership's net saving to date
	PerHousehold string
	// NoShares says why no savings are shown for the partner when the
	// partners have not published cost shares; "" when they have.
	NoShares string
	Rows     []ScoreRow // metrics reported for this partner
	Measures MeasureCharts
	Actions  EvidenceList
}

// SearchPage is search/: a search box over search.json, and without
// JavaScript every section and measure A to Z.
type SearchPage struct {
	Base
	AZ []AZ
}

// EmbedPage is embed/…/: one figure alone, for a council's own web pages
// to show in a frame, with its source, licence and the page it comes from.
type EmbedPage struct {
	Base
	Figure *chart.Figure
	Full   string // site-root path of the page the figure belongs to
	Source string // where its figures come from
}

// EmbedHeight is the height, in CSS pixels, of the iframe in the code
// offered: what the frame keeps where the host page strips the sizing
// script, enough for an embed page's title and chart at a phone's width.
const EmbedHeight = 620

// EmbedCode is the HTML a web team copies to frame a figure in a page of
// its own site: an iframe with a title for screen readers, as wide as the
// column it is put in, and the site's embed.js, which sizes the iframe to
// the framed page as that page reports its height. Where a CMS strips the
// script the iframe keeps its fixed height. The iframe is named by the
// figure's embed address, never a random id, so a build is repeatable.
//
// The code is pasted into another site, so it needs the full address the
// site is published at: without base_url it is "", and the page says what
// to set instead of offering code that would break.
func (b *Base) EmbedCode(f *chart.Figure) string {
	if b.Site.BaseURL == "" || f.Embed == "" {
		return ""
	}
	src := b.Site.BaseURL + f.Embed
	return fmt.Sprintf(`<iframe src="%s" title="%s" data-partnersite-embed="%s" width="100%%" height="%d" style="border: 0; width: 100%%; max-width: 100%%;" loading="lazy"></iframe>`+"\n"+
		`<script src="%s" defer></script>`,
		html.EscapeString(src), html.EscapeString(f.Title), html.EscapeString(f.Embed), EmbedHeight, html.EscapeString(b.Site.BaseURL+EmbedScript))
}

// EmbedScript is where the script that sizes framed embeds is published,
// under its plain name rather than a hashed one, so that code pasted into
// a council's pages keeps working after every rebuild.
const EmbedScript = "assets/embed.js"

// MetricPage is metrics/ID/.
type MetricPage struct {
	Base
	Metric *model.Metric
	Figure *chart.Figure
	Latest []ScoreRow // one per series
	Notes  []Note
	Amber  string
	// TargetVaries is true when some periods set their own target.
	TargetVaries bool
	// Actions are the actions meant to move the measure.
	Actions EvidenceList
}

// Note is a note from performance.csv, shown under a metric's table.
type Note struct {
	Period period.Period
	Who    string
	Text   string
}

// ListPage is one page of a section's list: goals, services, partners,
// metrics, reports, or a folder of the site's own pages.
type ListPage struct {
	Base
	Section string       // the section's title, on every page of its list
	Rows    []ScoreRow   // metrics
	Entries []ReportLink // reports, or a content folder's pages: newest first
	Pager   Pager        // where this page is in a list split by PerPage
}

// ReportLink is one report in a list.
type ReportLink struct {
	Title, URL, Summary string
	Date                time.Time
	Period              period.Period
	HasPeriod           bool
	// DateLine is its date and the period it covers as a list of reports
	// shows them, "12 November 2025 · Covers July to September 2025
	// (2025/26 Q2)", written once in Go rather than by template calls for
	// every entry of every list.
	DateLine template.HTML
}

// ContentPage is a report or a plain page.
type ContentPage struct {
	Base
	Page *content.Page
	// DateLine is the page's date and the period it covers, in a line:
	// "Published 12 November 2025 · Covers July to September 2025
	// (2025/26 Q2)"; "" for neither.
	DateLine template.HTML
	Since    *Since // a report's "Since the last report", or nil
	// Evidence is a report's actions and risks as at its period, or nil.
	Evidence *ReportEvidence
	// Files are the files written beside a report with figures: its
	// figures as CSV and JSON, the record of what the committee saw.
	Files []FileLink
	// Edition is a report's edition mark; nil on other pages.
	Edition *Edition
	// Partners names the partners in one phrase, "North Council and
	// South Council", for the head of every printed page of a report.
	Partners string
}

// Edition is the mark a report carries on screen and on every printed
// page, so that a councillor can tell a paper copy holds the figures the
// web page does: the date it was approved and a short hash of its own
// figures file.
type Edition struct {
	Approved time.Time // zero while the report is not yet approved
	// Figures is the first 8 hex digits of the SHA-256 of the report's
	// figures.csv, exactly as written beside it; "" for a report that
	// shows no figures and so has no such file.
	Figures string
}

// FileLink is a link to a file: "CSV" for a report's figures.csv, or
// the file's name.
type FileLink struct{ Label, URL string }

// DataPage is data/, the downloads.
type DataPage struct {
	Base
	Files []DataFile
}

// DataFile is one download.
type DataFile struct {
	Name, Description string
	URL               string // its site-root path
	Rows              int
}

// StatementPage is accessibility/, the accessibility statement.
type StatementPage struct {
	Base
	Tested     time.Time // zero when the input has no date
	AxeVersion string
}
