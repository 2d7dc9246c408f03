package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestSignOff builds small.txtar with reports approved and not, with
// figures and without: each page says who approved it and when, or that
// it is not yet approved, and carries an edition mark whose hash is that
// of the figures.csv the same build wrote beside it, on screen and in the
// running head and foot that print on every page.
func TestSignOff(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/reports/q1.md": "---\ntitle: Quarter 1 report\ndate: 2024-08-01\nperiod: 2024/25 Q1\n" +
			"approved_by: the Joint Committee\napproved: 12/09/2024\n---\n\n{{< chart metric=\"claims\" >}}\n",
		"content/reports/note.md": "---\ntitle: A note on the year\ndate: 2024-12-01\n" +
			"approved_by: <b>Head of Shared Services</b>\napproved: 2024-12-10\n---\n\nProse alone, no figures.\n",
	})
	out := build(t, dir, Options{})
	partners := "North Council and South Council"
	tests := []struct {
		name, url, title string
		approval, mark   string // mark's hash as "HASH", filled in from figures.csv
	}{
		{"approved, with figures", "reports/q1/", "Quarter 1 report",
			"Approved by the Joint Committee on 12 September 2024", "Edition: approved 12 September 2024 · figures HASH"},
		{"not yet approved", "reports/q2/", "Quarter 2 report",
			"Not yet approved", "Edition: not approved · figures HASH"},
		{"approved, prose alone; markdown text escaped", "reports/note/", "A note on the year",
			"Approved by &lt;b&gt;Head of Shared Services&lt;/b&gt; on 10 December 2024", "Edition: approved 10 December 2024 · no figures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := string(out.Files[tt.url+"index.html"])
			csv, hasFigures := out.Files[tt.url+"figures.csv"]
			if hasFigures != strings.Contains(tt.mark, "HASH") {
				t.Fatalf("figures.csv written: %v, for mark %q", hasFigures, tt.mark)
			}
			sum := sha256.Sum256(csv)
			mark := strings.Replace(tt.mark, "HASH", hex.EncodeToString(sum[:])[:8], 1)
			for _, want := range []string{
				`<p class="meta approval">` + tt.approval + `</p>`,
				`<p class="meta edition">` + mark + `. A printed copy with the same mark holds the same figures.</p>`,
				`<div class="running-head"><p>` + tt.title + ` · ` + partners + `</p></div>`,
				`<div class="running-foot"><p>` + mark + `</p></div>`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %s", tt.url, want)
				}
			}
			if strings.Contains(page, "<b>") {
				t.Errorf("%s passes markup from front matter through", tt.url)
			}
		})
	}
	// Only reports are signed off and marked.
	for _, p := range []string{"about/index.html", "index.html", "metrics/claims/index.html"} {
		if s := string(out.Files[p]); strings.Contains(s, "running-head") || strings.Contains(s, "approval") || strings.Contains(s, "Edition:") {
			t.Errorf("%s carries a report's sign-off or mark", p)
		}
	}
}

// TestSignOffErrors: a build stops at a report's half sign-off or bad
// date, and at a sign-off on a page that is not a report, each at its
// own front matter line.
func TestSignOffErrors(t *testing.T) {
	tests := []struct{ name, file, body, want string }{
		{"bad date", "content/reports/q3.md", "---\ntitle: Q3\ndate: 2025-02-01\napproved_by: Cabinet\napproved: 2025-02-30\n---\nText\n",
			`content/reports/q3.md:5: front matter: approved "2025-02-30" is not a date`},
		{"no approved_by", "content/reports/q3.md", "---\ntitle: Q3\ndate: 2025-02-01\napproved: 2025-02-20\n---\nText\n",
			`content/reports/q3.md:4: front matter: approved gives the date the report was approved but not who approved it; add "approved_by: ..."`},
		{"no approved", "content/reports/q3.md", "---\ntitle: Q3\ndate: 2025-02-01\napproved_by: Cabinet\n---\nText\n",
			`content/reports/q3.md:4: front matter: approved_by says who approved the report but not when; add "approved: YYYY-MM-DD"`},
		{"not a report", "content/about.md", "---\ntitle: About\napproved_by: Cabinet\napproved: 2025-02-20\n---\nText\n",
			`content/about.md:3: front matter: approved_by is the sign-off of a report`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := unpack(t, "small.txtar")
			sitetest.WriteFiles(t, dir, map[string]string{tt.file: tt.body})
			_, pl, err := Build(os.DirFS(dir), Options{})
			if err == nil {
				t.Fatal("the build did not fail")
			}
			found := false
			for _, p := range pl.All() {
				found = found || strings.HasPrefix(p.String(), tt.want)
			}
			if !found {
				t.Errorf("no problem %q in:\n%v", tt.want, pl.All())
			}
		})
	}
}
