package site

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/theme"
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
	parts *frameParts
}

// Asset is the link to a theme asset, as Base.Asset.
func (f *Frame) Asset(name string) string { return f.links.Asset(name) }

// Link is the link to the page that shows x, as Base.Link.
func (f *Frame) Link(x any) (string, error) { return f.links.Link(x) }

// Rel is a site-root path made relative, as Base.Rel.
func (f *Frame) Rel(target string) string { return f.links.Rel(target) }

// frameParts holds one build's drawn frame parts, by part and frame. It
// lives as long as the builder: the settings, data and theme a part is
// drawn from are fixed for it, and a preview's update makes a new one.
type frameParts struct {
	theme *theme.Theme
	drawn sync.Map // part name + "\x00" + Frame.key -> template.HTML
}

// frame is the page's Frame, made once its figures are known.
func (b *builder) frame(bs *Base) *Frame {
	f := &Frame{Site: bs.Site, Root: bs.Root, Home: bs.Home, Nav: bs.Nav, Footer: bs.Footer,
		Charts: bs.Charts > 0, Embed: bs.Kind == "embed", parts: b.parts}
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
	field := func(s string) { k.WriteString(strconv.Quote(s)) }
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
	key := name + "\x00" + f.key
	if h, ok := f.parts.drawn.Load(key); ok {
		return h.(template.HTML), nil
	}
	// Two pages may draw a part at once; both draw the same bytes.
	out, err := f.parts.theme.Partial(name, f)
	if err != nil {
		return "", err
	}
	// The part was drawn by html/template from the frame's values, each
	// escaped for where it stands; the layout splices it where an
	// element may start, as it would have drawn it there.
	h := template.HTML(out)
	f.parts.drawn.Store(key, h)
	return h, nil
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
