package content

import (
	"slices"
	"strings"
	"testing"
)

// TestLongFrontMatterShortened loads pages written to disk whose front
// matter holds settings of a hundred thousand characters. Each message
// quotes the first 37 bytes and "...", not the whole setting.
func TestLongFrontMatterShortened(t *testing.T) {
	long := strings.Repeat("b", 100_000)
	cut := strings.Repeat("b", 37) + "..."
	tests := []struct{ body, want string }{
		{"---\ntitle: About\n? " + long + "\n: 1\n---\nText\n", `content/about.md:3: warning: front matter: unknown setting "` + cut + `" is ignored`},
		{"---\ntitle: About\ndate: " + long + "\n---\nText\n", `content/about.md:3: front matter: date "` + cut + `" is not a date`},
		{"---\ntitle: About\ndraft: " + long + "\n---\nText\n", `content/about.md:3: front matter: draft must be true or false, not "` + cut + `"`},
		{"---\ntitle: About\nperiod: " + long + "\n---\nText\n", `content/about.md:3: front matter: period "` + strings.Repeat("b", 77) + `..." is 100000 characters long`},
	}
	for _, tt := range tests {
		_, _, probs := loadOne(t, tt.body)
		if !slices.ContainsFunc(probs, func(p string) bool { return strings.HasPrefix(p, tt.want) }) {
			var heads []string
			for _, p := range probs {
				heads = append(heads, p[:min(len(p), 160)])
			}
			t.Errorf("no problem starts %q; got %q", tt.want, heads)
		}
		for _, p := range probs {
			if len(p) > 1000 {
				t.Errorf("a problem of %d characters: %.100s...", len(p), p)
			}
		}
	}
}
