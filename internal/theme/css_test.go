package theme

import "testing"

func TestStripCSSComments(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a { b: c; }\n", "a { b: c; }\n"},
		{"/* why */\na { b: c; } /* inline */\n\n\nd { e: f; }\n", "a { b: c; }\nd { e: f; }\n"},
		{"/* one\n   two */\na {}\n", "a {}\n"},
		{"a { content: \"/* not a comment */\"; }\n", "a { content: \"/* not a comment */\"; }\n"},
		{"a { content: 'it\\'s /* kept */'; }\n", "a { content: 'it\\'s /* kept */'; }\n"},
		{"/*! licence */\na {}\n", "/*! licence */\na {}\n"},
		{"a { b: c; } /* never closed\n", "a { b: c; } /* never closed\n"},
		{"a{b:url(x/*y)}\n", "a{b:url(x/*y)}\n"},
	} {
		if got := string(stripCSSComments([]byte(tc.in))); got != tc.want {
			t.Errorf("stripCSSComments(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
