package config

import (
	"slices"
	"strings"
	"testing"
)

// TestLongValuesShortened loads a site.yaml written to disk with settings
// of a hundred thousand characters. Each message quotes the first 37
// bytes and "...", not the whole setting.
func TestLongValuesShortened(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	cut := strings.Repeat("a", 37) + "..."
	tests := []struct{ yml, want string }{
		{"title: T\n? " + long + "\n: 1\n", `site.yaml:2: warning: unknown setting "` + cut + `" is ignored`},
		{"title: T\nlanguage: " + long + "\n", `site.yaml:2: language "` + cut + `" is not a language tag`},
		{"title: T\nbase_url: " + long + "\n", `site.yaml:2: base_url "` + cut + `" must be a full web address`},
		{"title: T\ncontact:\n  email: " + long + "\n", `site.yaml:3: contact email "` + cut + `" is not an email address`},
	}
	for _, tt := range tests {
		_, probs := load(t, tt.yml)
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
