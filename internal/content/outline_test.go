package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/partnersite/partnersite/internal/problem"
)

// FuzzOutlineOfRendered holds the outline read from a page's rendered
// body, as a build takes it, to the outline rendered block by block, as
// it is taken from a tree alone: the same headings and the same text, for
// any markdown without shortcodes.
func FuzzOutlineOfRendered(f *testing.F) {
	long := strings.Repeat("Ninety words of a council's prose, to run past the cut. ", 12)
	for _, md := range []string{
		"# Title\n\nText.\n",
		"## Budget\n\n" + long + "\n\n## Later heading\n\n- a list\n- with *emphasis*\n\n### Deeper\n\nEnd.\n",
		"> ## A heading in a quote\n>\n> " + long + "\n\n1. one\n2. ## heading in a list\n",
		"| a | b |\n|:--|--:|\n| one | two |\n\n" + long,
		"```go\ncode is never read\n```\n\nAfter the code &amp; an entity, &lt;tag&gt;.\n",
		"<div>raw HTML is omitted</div>\n\nText <span>inline</span> here. A line  \nbreak, a [link](https://example.org) and https://example.org/auto.\n",
		"Text with an image ![alt text](a.png) and `code`.\n\n---\n\nAfter a rule.",
		"Gwasanaethau a rennir: ŵ, ŷ, â — “quotes” … and\u00a0a no-break space.\n\n## Pennawd\n",
		"",
		"## Only a heading",
		"Short.\n\n" + long + "\n\n" + long + "\n\n## After the limit\n\n> ### In a quote after it\n\n- ## in a list after it\n",
	} {
		f.Add(md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if strings.Contains(md, "{{<") {
			return // a page with shortcodes is always outlined block by block
		}
		var pl problem.List
		set := Load(fstest.MapFS{"content/about.md": {Data: []byte("---\ntitle: About\n---\n" + md)}}, Options{}, &pl)
		var page *Page
		for _, p := range set.Pages {
			if p.Path == "content/about.md" {
				page = p
			}
		}
		if page == nil {
			return // not a page the site reads (invalid text, say): nothing to outline
		}
		for _, n := range []int{240, 12} {
			pp := set.Parse(page, &problem.List{})
			rendered, err := set.Render(pp)
			if err != nil || rendered == "" {
				return
			}
			bh, bp, err := set.Outline(pp, n, "")
			if err != nil {
				t.Fatal(err)
			}
			rh, rp, _ := set.Outline(pp, n, rendered)
			if !slices.Equal(bh, rh) || bp != rp {
				t.Errorf("markdown %q, n %d:\nblock by block %q, %q\nfrom the body  %q, %q", md, n, bh, bp, rh, rp)
			}
		}
	})
}
