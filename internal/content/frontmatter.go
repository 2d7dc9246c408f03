package content

import (
	"bytes"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// simpleYAML reads front matter that is nothing but lines of "key: value",
// each value plain text or in double quotes, into the nodes yaml.Unmarshal
// would make of it, and reports false for anything else, which the YAML
// parser reads instead. Nearly every page's front matter is such lines,
// and the parser took 20 µs a page, a tenth of a large site's load.
// TestSimpleYAML holds it to the parser's reading, line numbers and all.
func simpleYAML(yml []byte) (yaml.Node, bool) {
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	seen := map[string]bool{}
	for i, line := range bytes.SplitAfter(yml, []byte("\n")) {
		if len(line) == 0 {
			continue // after the last newline
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		key, value, ok := bytes.Cut(line, []byte(": "))
		if !ok || len(key) == 0 || seen[string(key)] || !simpleKey(key) {
			return yaml.Node{}, false
		}
		seen[string(key)] = true
		v, ok := simpleValue(value)
		if !ok {
			return yaml.Node{}, false
		}
		n := i + 1
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(key), Line: n, Column: 1},
			&yaml.Node{Kind: yaml.ScalarNode, Value: v, Line: n, Column: len(key) + 3})
	}
	if len(root.Content) == 0 {
		return yaml.Node{}, false
	}
	return yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{root}}, true
}

// simpleKey is a key of lower-case letters and underscores, as every
// setting's is.
func simpleKey(k []byte) bool {
	for _, c := range k {
		if (c < 'a' || c > 'z') && c != '_' {
			return false
		}
	}
	return true
}

// simpleValue is the text of a value that is plain, or in double quotes
// with no escapes, on one line: the value as YAML reads it, and false for
// any value YAML might read otherwise.
func simpleValue(v []byte) (string, bool) {
	v = bytes.TrimRight(v, " ")
	if len(v) == 0 || !printable(v) {
		return "", false
	}
	if v[0] == '"' {
		if len(v) < 2 || v[len(v)-1] != '"' || bytes.ContainsAny(v[1:len(v)-1], "\"\\") {
			return "", false
		}
		return string(v[1 : len(v)-1]), true
	}
	// A plain value: not starting with an indicator, and with nothing in
	// it that would start a comment, a mapping or anything else.
	if bytes.IndexByte([]byte("-?:,[]{}#&*!|>'\"%@` "), v[0]) >= 0 ||
		bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || v[len(v)-1] == ':' {
		return "", false
	}
	return string(v), true
}

// printable reports whether v is valid UTF-8 with no control characters,
// tabs, or characters YAML reads as line breaks or a byte order mark.
func printable(v []byte) bool {
	for len(v) > 0 {
		r, size := utf8.DecodeRune(v)
		switch {
		case r == utf8.RuneError && size <= 1, r < 0x20, r >= 0x7f && r <= 0x9f,
			r == '\u2028', r == '\u2029', r == '\ufeff', r == '\ufffe', r == '\uffff':
			return false
		}
		v = v[size:]
	}
	return true
}
