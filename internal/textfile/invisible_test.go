package textfile

import (
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
)

func TestStripInvisible(t *testing.T) {
	many := strings.Repeat("a\u200bb\n", 12)
	tests := []struct {
		name, in, want string
		warnings       []string
	}{
		{"plain ASCII is returned as it is", "title: Shared services\n", "title: Shared services\n", nil},
		{"Welsh letters stay", "Gwasanaethau a rennir: ŵ ŷ\n", "Gwasanaethau a rennir: ŵ ŷ\n", nil},
		{"a right-to-left override in a line of prose",
			"The target is\n17.75 \u202edays\u202c in Q2.\n", "The target is\n17.75 days in Q2.\n",
			[]string{"page.md:2: warning: this line has an invisible character, a right-to-left override (U+202E), which can reverse the figures beside it on the page or hide a difference between two words; it is removed. Delete it in your editor"}},
		{"a zero-width space in a front matter title",
			"---\ntitle: North\u200b Council\n---\n", "---\ntitle: North Council\n---\n",
			[]string{"page.md:2: warning: this line has an invisible character, a zero-width space (U+200B), which can reverse the figures beside it on the page or hide a difference between two words; it is removed. Delete it in your editor"}},
		{"a soft hyphen is a hint where a word may break, and stays", "Cyd\u00adwasanaethau\n", "Cyd\u00adwasanaethau\n", nil},
		{"twelve lines: ten told, then a count", many, strings.Repeat("ab\n", 12), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pl problem.List
			got := string(StripInvisible("page.md", []byte(tt.in), &pl))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			var ws []string
			for _, p := range pl.All() {
				ws = append(ws, p.String())
			}
			if tt.in == many {
				if len(ws) != 11 || !strings.HasPrefix(ws[10], "page.md:11: warning: 2 more lines from this one on") {
					t.Errorf("warnings %q", ws)
				}
				return
			}
			if strings.Join(ws, "\n") != strings.Join(tt.warnings, "\n") {
				t.Errorf("warnings %q, want %q", ws, tt.warnings)
			}
		})
	}
}
