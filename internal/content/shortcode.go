package content

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/partnersite/partnersite/internal/textfile"
)

// Shortcode is one {{< name key="value" >}} in a page. It is parsed by
// goldmark as an inline node, so shortcodes inside code spans and code
// blocks stay literal text, as an author writing documentation expects.
type Shortcode struct {
	Name string
	Args map[string]string
	// Line is the physical line in the file, front matter included.
	Line int
	// Block is true when the shortcode stands alone in its paragraph.
	Block bool
	// Err is set when the shortcode itself cannot be read.
	Err string
	// HTML is what the shortcode renders as. The site fills it in before
	// the page is rendered, since only the site knows the data.
	HTML []byte

	offset int // byte offset in the page body, turned into Line later
}

// Arg returns the named argument, or "".
func (s *Shortcode) Arg(name string) string { return s.Args[name] }

// ArgNames lists the arguments given, sorted, for error messages.
func (s *Shortcode) ArgNames() []string {
	var out []string
	for k := range s.Args {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// KindShortcode is the node kind of an inline shortcode.
var KindShortcode = ast.NewNodeKind("Shortcode")

// KindShortcodeBlock is the node kind of a shortcode alone on its line.
var KindShortcodeBlock = ast.NewNodeKind("ShortcodeBlock")

type shortcodeNode struct {
	ast.BaseInline
	sc *Shortcode
}

func (n *shortcodeNode) Kind() ast.NodeKind { return KindShortcode }
func (n *shortcodeNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.sc.Name}, nil)
}

type shortcodeBlockNode struct {
	ast.BaseBlock
	sc *Shortcode
}

func (n *shortcodeBlockNode) Kind() ast.NodeKind { return KindShortcodeBlock }
func (n *shortcodeBlockNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.sc.Name}, nil)
}

var (
	shortcodeRe = regexp.MustCompile(`^\{\{<\s*([a-z]+)((?:\s+[a-z_]+\s*=\s*"[^"]*")*)\s*>\}\}`)
	argRe       = regexp.MustCompile(`([a-z_]+)\s*=\s*"([^"]*)"`)
)

type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{<")) {
		return nil
	}
	sc := &Shortcode{Args: map[string]string{}, offset: seg.Start}
	m := shortcodeRe.FindSubmatch(line)
	if m == nil {
		end := bytes.Index(line, []byte(">}}"))
		if end < 0 {
			sc.Err = "a shortcode opened with {{< must close with >}} on the same line"
			block.Advance(3)
		} else {
			sc.Err = fmt.Sprintf("cannot read shortcode %q: write it as {{< name key=\"value\" >}}", textfile.Short(string(line[:end+3])))
			block.Advance(end + 3)
		}
		return &shortcodeNode{sc: sc}
	}
	sc.Name = string(m[1])
	for _, a := range argRe.FindAllSubmatch(m[2], -1) {
		if _, dup := sc.Args[string(a[1])]; dup {
			sc.Err = fmt.Sprintf("argument %s is given twice", a[1])
		}
		sc.Args[string(a[1])] = string(a[2])
	}
	block.Advance(len(m[0]))
	return &shortcodeNode{sc: sc}
}

// shortcodeRenderer writes whatever HTML the site resolved the shortcode to.
type shortcodeRenderer struct{}

func (shortcodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	write := func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			var sc *Shortcode
			switch n := n.(type) {
			case *shortcodeNode:
				sc = n.sc
			case *shortcodeBlockNode:
				sc = n.sc
			}
			_, _ = w.Write(sc.HTML)
		}
		return ast.WalkSkipChildren, nil
	}
	reg.Register(KindShortcode, write)
	reg.Register(KindShortcodeBlock, write)
}

// shortcodes is the goldmark extension for shortcodes.
type shortcodes struct{}

func (shortcodes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(shortcodeRenderer{}, 100)))
}

// blockShortcodes turns a paragraph that holds only a shortcode into a
// block node, so a chart is not rendered inside a <p>, which may not hold
// a <figure>.
func blockShortcodes(doc *ast.Document, src []byte) {
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			paras = append(paras, p)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		var only *shortcodeNode
		alone := true
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *shortcodeNode:
				if only != nil {
					alone = false
				}
				only = c
			case *ast.Text:
				if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
					alone = false
				}
			default:
				alone = false
			}
		}
		if only == nil || !alone {
			continue
		}
		only.sc.Block = true
		p.Parent().ReplaceChild(p.Parent(), p, &shortcodeBlockNode{sc: only.sc})
	}
}

func collectShortcodes(doc ast.Node) []*Shortcode {
	var out []*Shortcode
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *shortcodeNode:
			out = append(out, n.sc)
		case *shortcodeBlockNode:
			out = append(out, n.sc)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// lineOf counts the line of byte offset off in src, from 1.
func lineOf(src []byte, off int) int {
	return strings.Count(string(src[:min(off, len(src))]), "\n") + 1
}
