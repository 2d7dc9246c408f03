package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestLongShortcodeTextShortened builds a real site whose page has
// shortcodes with arguments of a hundred thousand characters. Each
// message quotes the first 37 bytes and "...", not the whole argument.
func TestLongShortcodeTextShortened(t *testing.T) {
	long := strings.Repeat("q", 100_000)
	cut := `"` + strings.Repeat("q", 37) + `..."`
	page := "# Long\n\n" +
		"{{< " + long + " >}}\n\n" + // line 3: no such shortcode
		"{{< chart metric=\"" + long + "\" >}}\n\n" + // line 5
		"{{< chart metric=\"uptime\" " + long + "=\"1\" >}}\n\n" + // line 7
		"{{< savings service=\"" + long + "\" >}}\n\n" + // line 9
		"Now {{< value metric=\"uptime\" show=\"" + long + "\" >}}.\n\n" + // line 11
		"{{< chart metric=\"uptime\" 'bad' " + long + " >}}\n" // line 13: cannot be read
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "content", "long.md"), page)
	_, pl, err := Build(os.DirFS(dir), Options{})
	if err == nil {
		t.Fatal("build succeeded; want errors")
	}
	var got []string
	for _, p := range pl.All() {
		if len(p.String()) > 1000 {
			t.Errorf("a problem of %d characters: %.120s...", len(p.String()), p.String())
		}
		got = append(got, p.String())
	}
	for _, want := range []string{
		"content/long.md:3: unknown shortcode " + cut + "; the shortcodes are",
		"content/long.md:5: shortcode chart: metric " + cut + " is not in data/metrics.csv",
		"content/long.md:7: shortcode chart has no argument " + cut + "; it takes",
		"content/long.md:9: shortcode savings: service " + cut + " is not in data/services.csv",
		"content/long.md:11: shortcode value: show=" + cut + " must be",
		`content/long.md:13: cannot read shortcode "{{< chart metric=\"uptime\" 'bad' qqqqq...`,
	} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, want) }) {
			var heads []string
			for _, p := range got {
				heads = append(heads, p[:min(len(p), 160)])
			}
			t.Errorf("no problem starts %q; got %q", want, heads)
		}
	}
}
