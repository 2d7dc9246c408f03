package content

import (
	"math/rand/v2"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSimpleYAML holds simpleYAML to the YAML parser: on every front
// matter it reads, the parser must read the same settings, values and
// lines; and it must read the front matter most pages have.
func TestSimpleYAML(t *testing.T) {
	keys := []string{"title", "summary", "date", "draft", "approved_by", "layout", "Title", "a-b", "", "tags", " title"}
	seps := []string{": ", ":", ":  ", " : ", ":\t", ": \t"}
	values := []string{
		"Plain text", `"Quoted text"`, `'single'`, `"esc\"aped"`, `"back\\slash"`, "a: b", "a #b", "#x", "-1", "- x", "-x",
		"[a]", "{a}", "*x", "&x", "!x", "|", ">", "%x", "@x", "`x`", "yes", "~", "null", "2016-01-01", "10:30", "a:b",
		"x:", "Año – £5 “quoted”", "a\u2028b", "a\tb", "trailing  ", "", `"`, `""`, `"a" b`, `"a"  `, "? x", "a  b",
		"a#b", "a,b", "a]b", "0x1F", "1e3", ".inf", "<b>bold</b>", "a 'b' c", `a "b" c`, "\ufeffbom", "\x7f", "a\rb",
		"Quarter 1 2015/16 report 1", "The shared ICT service reported on the migration within the approved budget.",
	}
	frame := []string{"", "# a comment", "  indented: x", "- item"}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	read := 0
	for range 30000 {
		var lines []string
		for range 1 + r.IntN(4) {
			switch r.IntN(12) {
			case 0:
				lines = append(lines, pick(frame))
			case 1, 2:
				lines = append(lines, pick(keys)+pick(seps)+pick(values))
			default:
				lines = append(lines, pick(keys[:6])+": "+pick(values))
			}
		}
		yml := []byte(strings.Join(lines, "\n") + "\n")
		got, ok := simpleYAML(yml)
		if !ok {
			continue
		}
		read++
		var want yaml.Node
		if err := yaml.Unmarshal(yml, &want); err != nil {
			t.Fatalf("simpleYAML read %q, which YAML refuses: %v", yml, err)
		}
		if len(want.Content) != 1 || want.Content[0].Kind != yaml.MappingNode {
			t.Fatalf("simpleYAML read %q as settings, YAML as %v", yml, want.Content)
		}
		g, w := got.Content[0].Content, want.Content[0].Content
		if len(g) != len(w) {
			t.Fatalf("%q: %d nodes, YAML %d", yml, len(g), len(w))
		}
		for i := range w {
			if g[i].Kind != w[i].Kind || g[i].Value != w[i].Value || g[i].Line != w[i].Line {
				t.Fatalf("%q: node %d is %v %q at line %d, YAML reads %v %q at line %d", yml, i, g[i].Kind, g[i].Value, g[i].Line, w[i].Kind, w[i].Value, w[i].Line)
			}
		}
	}
	if read < 1000 {
		t.Errorf("simpleYAML read only %d of the front matters", read)
	}
	for _, fm := range []string{
		"title: \"Quarter 1 2015/16 report 1\"\ndate: 2016-01-01\nsummary: The shared ICT service reported on the migration.\n",
		"title: About us\nsummary: Who we are – and £5.\n",
		"title: Q2 report\ndate: 2025-01-15\nperiod: 2024/25 Q2\napproved_by: Joint Committee\napproved: 2025-01-20\n",
	} {
		if _, ok := simpleYAML([]byte(fm)); !ok {
			t.Errorf("simpleYAML leaves %q to the parser", fm)
		}
	}
}
