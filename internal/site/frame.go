package site

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/theme"
	"github.com/partnersite/partnersite/internal/words"
)

// Frame is what the layout draws around a page that is the same on every
// page of one section at one depth: the links in the head, the site's
// header and navigation, the breadcrumbs above the page's own, and the
// footer. The built-in layout draws each of these parts once a build for
// each frame that differs, with {{frame "frame-top" .Frame}}, and splices
// the result into every page that shares it; the page's own title,
// description, breadcrumb and date are still drawn per page.
//
// Why: html/template calls every escaper and method by reflection, and
// the frame is most of a page's template actions, so drawing it 10,000
// times was a third of a large build's time. The parts are drawn by
// html/template, with its contextual escaping, from these values alone:
// a part that read anything of the page itself could not be shared, so
// the part's templates get a Frame and nothing else.
//
// A theme's own layout may use the parts or ignore them; one that draws
// .Nav or .Footer itself works as it always did.
type Frame struct {
	Site *config.Site
	// Root and Home are as in Base.
	Root, Home string
	Nav        []NavItem
	Footer     []NavItem
	// Trail is the breadcrumbs above the page's own (Home, and the
	// section, if any); nil on pages without breadcrumbs.
	Trail []Crumb
	// Charts is set when the page loads the chart scripts; Embed when it
	// is an embed page, which loads the framing script.
	Charts, Embed bool

	links Base   // the link settings of Base that Rel reads, and nothing else
	key   string // every field above but Site, which is the build's
	kind  string // the page's kind, whose page file may draw a part itself
	parts *frameParts
}

// Asset is the link to a theme asset, as Base.Asset.
func (f *Frame) Asset(name string) string { return f.links.Asset(name) }

// Link is the link to the page that shows x, as Base.Link.
func (f *Frame) Link(x any) (string, error) { return f.links.Link(x) }

// Rel is a site-root path made relative, as Base.Rel.
func (f *Frame) Rel(target string) string { return f.links.Rel(target) }

// frameParts holds one build's drawn parts: the frame's, and the tables
// of figures that several pages show. It lives as long as the builder:
// the settings, data and theme a part is drawn from are fixed for it, and
// a preview's update makes a new one. It holds only parts that many pages
// share, each once, so it stays small however many pages there are.
type frameParts struct {
	theme *theme.Theme
	drawn sync.Map // partKey -> template.HTML
}

// partKey names a drawn part: the template, where it was drawn from (a
// page kind whose page file defines it, or "" for the layouts and
// partials) and the key of the values it was drawn from.
type partKey struct{ set, name, key string }

// draw is the template called name drawn with data for a page of the
// given kind, once for every data with the same key. Two pages may draw a
// part at once; both draw the same bytes.
func (p *frameParts) draw(kind, name, key string, data any) (template.HTML, error) {
	k := partKey{name: name, key: key}
	if p.theme.Defines(kind, name) {
		k.set = kind
	}
	if h, ok := p.drawn.Load(k); ok {
		return h.(template.HTML), nil
	}
	out, err := p.theme.Part(k.set, name, data)
	if err != nil {
		return "", err
	}
	// The part was drawn by html/template from data alone, each value
	// escaped for where it stands; the template that asked for it
	// splices it where an element may start, as it would have drawn it
	// there itself.
	h := template.HTML(out)
	p.drawn.Store(k, h)
	return h, nil
}

// frame is the page's Frame, made once its figures are known.
func (b *builder) frame(bs *Base) *Frame {
	f := &Frame{Site: bs.Site, Root: bs.Root, Home: bs.Home, Nav: bs.Nav, Footer: bs.Footer,
		Charts: bs.Charts > 0, Embed: bs.Kind == "embed", kind: bs.Kind, parts: b.parts}
	f.links = Base{Site: bs.Site, Root: bs.Root, rootPrefix: bs.rootPrefix, portable: bs.portable, assets: bs.assets}
	if n := len(bs.Breadcrumbs); n > 0 {
		f.Trail = bs.Breadcrumbs[:n-1]
	}
	f.key = f.makeKey()
	return f
}

// makeKey writes every value a part may be drawn from, so that two
// frames with one key draw alike. Site and the asset names are the
// build's, the same for every page. TestFrameKey fails when a field is
// added to Frame, to bring it here.
func (f *Frame) makeKey() string {
	var k strings.Builder
	k.Grow(64 * (4 + len(f.Nav) + len(f.Footer) + len(f.Trail))) // grown once
	field := func(s string) { writeField(&k, s) }
	field(f.Root)
	field(f.Home)
	field(f.links.rootPrefix)
	k.WriteString(strconv.FormatBool(f.links.portable))
	k.WriteString(strconv.FormatBool(f.Charts))
	k.WriteString(strconv.FormatBool(f.Embed))
	for _, list := range [][]NavItem{f.Nav, f.Footer} {
		k.WriteString(strconv.Itoa(len(list)))
		for _, n := range list {
			field(n.Title)
			field(n.URL)
			field(n.Href)
			k.WriteString(strconv.FormatBool(n.Current))
		}
	}
	k.WriteString(strconv.Itoa(len(f.Trail)))
	for _, c := range f.Trail {
		field(c.Title)
		field(c.URL)
		field(c.Href)
	}
	return k.String()
}

// draw is the theme's template name drawn with the frame, drawn once for
// every page with the same frame.
func (f *Frame) draw(name string) (template.HTML, error) {
	return f.parts.draw(f.kind, name, f.key, f)
}

// errNoFrame is a layout drawing a frame part for data that is not a
// page's frame.
var errNoFrame = errors.New("frame needs the page's .Frame")

// drawFrame is the template function frame: {{frame "frame-top" .Frame}}.
func drawFrame(name string, f *Frame) (template.HTML, error) {
	if f == nil {
		return "", errNoFrame
	}
	return f.draw(name)
}

// writeField writes s into a key with its length before it, so that no
// two lists of values write the same key.
func writeField(k *strings.Builder, s string) {
	k.WriteString(strconv.Itoa(len(s)))
	k.WriteByte(':')
	k.WriteString(s)
}

// drawTable is the template function table, {{table .Fig.Table .}} in
// partials/figure.html and {{table .Table $}} in pages/embed.html: the
// "table" template drawn with a figure's table, once a build for every
// table with the same figures. A metric's table is shown on its own page,
// its embed page and its goal's and service's pages, and at a few hundred
// cells, each drawn through html/template's reflection, it was the dearest
// part of each. The second argument is the figure being drawn, or the
// page, and says which page's templates draw it.
//
// A figure in a page's markdown is drawn afresh every time: a report's
// tables mark its own earlier rows, so few are shared, and a part kept
// for each would hold every report's tables for the whole build.
func drawTable(t chart.Table, at any) (template.HTML, error) {
	var bs *Base
	switch at := at.(type) {
	case figureData:
		if at.shortcode {
			out, err := at.Page.parts.theme.Partial("table", t)
			return template.HTML(out), err
		}
		bs = at.Page
	case pager:
		bs = at.page()
	default:
		return "", fmt.Errorf("table needs the figure or the page, not %T", at)
	}
	// The key is hashed: a table's is as long as its HTML, and a large
	// site keeps hundreds of them.
	sum := sha256.Sum256([]byte(tableKey(t)))
	return bs.parts.draw(bs.Kind, "table", string(sum[:]), t)
}

// tableKey writes every value of a table a template can read, so that two
// tables with one key draw alike. TestTableKey fails when a field is added
// to chart.Table, Row or Cell, to bring it here.
func tableKey(t chart.Table) string {
	var k strings.Builder
	k.Grow(64 * len(t.Rows) * (1 + len(t.Head)))
	writeField(&k, t.Caption)
	writeField(&k, t.EarlierNote)
	for _, list := range [][]string{t.Key, t.Head} {
		k.WriteString(strconv.Itoa(len(list)))
		for _, s := range list {
			writeField(&k, s)
		}
	}
	k.WriteString(strconv.Itoa(len(t.Rows)))
	for _, r := range t.Rows {
		writeField(&k, r.Head)
		k.WriteString(strconv.FormatBool(r.Earlier))
		k.WriteString(strconv.Itoa(len(r.Cells)))
		for _, c := range r.Cells {
			writeField(&k, c.Text)
			writeField(&k, c.StatusClass)
			writeField(&k, c.Title)
			writeField(&k, c.Label)
			k.WriteString(strconv.FormatBool(c.Num))
			if c.Status == nil {
				k.WriteByte('-')
			} else {
				k.WriteString(strconv.Itoa(int(*c.Status)))
			}
		}
	}
	return k.String()
}

// pageWords binds the template functions t, f and n to l so that they
// return HTML: the catalogue's own text as it is written, and the parts
// a template fills in escaped exactly as html/template escapes a value
// in text. Why: a sentence of the catalogue stands where the template's
// literal text stood, and html/template writes literal text as it is but
// escapes a string value, so "the partnership's" given as a string would
// come out as "the partnership&#39;s". The catalogue is the site's own
// text, written as it is, as a template's text is: a catalogue holds no
// markup, and a theme that overrides an entry is as trusted as its own
// templates. A part given as template.HTML is written as it is.
func pageWords(fm map[string]any, l *words.Lang) {
	fm["t"] = func(key string) template.HTML { return template.HTML(l.T(key)) }
	fm["f"] = func(key string, args ...any) template.HTML {
		return template.HTML(l.F(key, escapeParts(args)...))
	}
	fm["n"] = func(key string, n int, args ...any) template.HTML {
		return template.HTML(l.N(key, n, escapeParts(args)...))
	}
	// tstr and fstr are t and f as plain strings, for a text handed on
	// to Go (a table's caption) that the template escapes where it is
	// written.
	fm["tstr"] = l.T
	fm["fstr"] = l.F
	fm["licence"] = func(c config.Licence) config.Licence { return licenceIn(l, c) }
	fm["pageNumbers"] = func() template.CSS { return pageNumbers(l) }
}

// pageNumbers is the CSS that numbers a printed page in l's words, "Page 3
// of 4", "Tudalen 3 o 4": the catalogue's pattern with its parts made the
// page counters, for the sheet's margin. It stands in the page, not in
// site.css, which is the same file for every language.
func pageNumbers(l *words.Lang) template.CSS {
	quote := func(s string) string {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "<", `\3C `, "\n", " ").Replace(s) + `"`
	}
	// The pattern is written with markers for its parts, then split at them.
	const mark = "\x00"
	text := l.F("frame.print.page-number", "page", mark+"p"+mark, "pages", mark+"n"+mark)
	var content []string
	for i, piece := range strings.Split(text, mark) {
		switch {
		case i%2 == 1 && piece == "p":
			content = append(content, "counter(page)")
		case i%2 == 1 && piece == "n":
			content = append(content, "counter(pages)")
		case piece != "":
			content = append(content, quote(piece))
		}
	}
	return template.CSS("@page{@bottom-right{content:" + strings.Join(content, " ") + "}}")
}

// licenceKeys are the catalogue's names for the licences partnersite
// knows the wording of (config.Licences), by ID.
var licenceKeys = map[string]string{"OGL-UK-3.0": "ogl", "CC-BY-4.0": "cc-by", "CC0-1.0": "cc0"}

// licenceIn is the site's licence in l's words: its name as it stands
// after "under the" (Welsh mutates it after "y") and the attribution
// statement re-users must carry, which the licence's own Welsh wording
// gives. A licence partnersite does not know is as site.yaml wrote it.
func licenceIn(l *words.Lang, c config.Licence) config.Licence {
	if k, ok := licenceKeys[c.ID]; ok {
		c.Name = l.T("frame.licence." + k + ".name")
		c.Attribution = l.T("frame.licence." + k + ".attribution")
	}
	return c
}

// valueText escapes a value as html/template does in text: the same
// table, so that a text written in Go (a part of a sentence, a date, an
// English note on a Welsh page) is byte for byte what a template would
// have written. template.HTMLEscapeString leaves "+" as it is.
var valueText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// escapeParts escapes the values of name, value pairs for f and n.
func escapeParts(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if i%2 == 0 {
			out[i] = a
			continue
		}
		switch v := a.(type) {
		case template.HTML:
			out[i] = string(v)
		case string:
			out[i] = valueText.Replace(v)
		case int:
			out[i] = v
		case fmt.Stringer:
			out[i] = valueText.Replace(v.String())
		default:
			out[i] = valueText.Replace(fmt.Sprint(v))
		}
	}
	return out
}
