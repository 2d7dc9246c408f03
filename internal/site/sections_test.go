package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/sitetest"
	"github.com/partnersite/partnersite/internal/synth"
)

// minutesSite is the small site with n pages of minutes in a folder of
// their own, as a council keeps them, and an introduction to the folder.
func minutesSite(t *testing.T, n int) string {
	t.Helper()
	dir, _ := unpack(t, "small.txtar")
	sitetest.Write(t, filepath.Join(dir, "content", "minutes", "index.md"), "---\ntitle: Board minutes\n---\n\nMinutes of the joint committee.\n")
	for i := 1; i <= n; i++ {
		day := fmt.Sprintf("20%02d-%02d-%02d", 10+i/336, 1+i/28%12, 1+i%28)
		sitetest.Write(t, filepath.Join(dir, "content", "minutes", fmt.Sprintf("m-%04d.md", i)),
			fmt.Sprintf("---\ntitle: Meeting %d\ndate: %s\nsummary: The joint committee met.\n---\n\nThe committee met and agreed the minutes.\n", i, day))
	}
	return dir
}

func TestContentFolderIsASection(t *testing.T) {
	out := build(t, minutesSite(t, 120), Options{})
	page := func(p string) string { return string(out.Files[p]) }
	first := page("minutes/index.html")
	for _, want := range []string{
		"<h1>Board minutes</h1>",
		"Minutes of the joint committee.",
		`<a href="../minutes/m-0120/">Meeting 120</a>`, // newest first
		"Page 1 of 3: 1 to 50 of 120.",
		`<a href="../minutes/page/2/" rel="next">Next page (2)</a>`,
	} {
		if !strings.Contains(first, want) {
			t.Errorf("minutes/index.html lacks %q", want)
		}
	}
	if strings.Count(first, `<li>
<h2><a href=`) != 50 {
		t.Errorf("the first page lists %d entries, want 50", strings.Count(first, "<li>\n<h2><a href="))
	}
	second := page("minutes/page/2/index.html")
	for _, want := range []string{"Page 2 of 3: 51 to 100 of 120.", `rel="prev"`, `rel="next"`, "Meeting 70<", "<title>Board minutes, page 2"} {
		if !strings.Contains(second, want) {
			t.Errorf("minutes/page/2/index.html lacks %q", want)
		}
	}
	if strings.Contains(second, "Minutes of the joint committee.") {
		t.Error("the introduction is repeated on page 2")
	}
	if third := page("minutes/page/3/index.html"); !strings.Contains(third, "Meeting 1<") || strings.Contains(third, `rel="next"`) {
		t.Error("the last page lacks the oldest meeting or links a page after it")
	}
	if _, ok := out.Files["minutes/page/4/index.html"]; ok {
		t.Error("a fourth page of 120 entries")
	}
	// The section is in the navigation; its pages are not, and each
	// page's breadcrumbs lead back to it.
	home := page("index.html")
	if !strings.Contains(home, `<a href="minutes/">Board minutes</a>`) || strings.Contains(home, "Meeting 12") {
		t.Error("the home page's navigation does not link the section, or links its pages")
	}
	if m := page("minutes/m-0007/index.html"); !strings.Contains(m, `<a href="../../minutes/">Board minutes</a>`) {
		t.Error("a page of minutes does not lead back to its section")
	}
}

// TestNoPageGrowsWithTheSite builds the site with 60 and with 600 pages of
// minutes: every page the two have in common is the same size, whatever
// the number of pages.
func TestNoPageGrowsWithTheSite(t *testing.T) {
	small := build(t, minutesSite(t, 60), Options{})
	large := build(t, minutesSite(t, 600), Options{})
	for _, p := range []string{"index.html", "about/index.html", "metrics/uptime/index.html", "minutes/m-0001/index.html", "reports/q2/index.html", "data/index.html"} {
		if a, b := len(small.Files[p]), len(large.Files[p]); a == 0 || a != b {
			t.Errorf("%s is %d bytes with 60 pages of minutes and %d with 600", p, a, b)
		}
	}
	// The list pages stay at 50 entries, however long the list.
	largest := 0
	for p, f := range large.Files {
		if strings.HasSuffix(p, ".html") {
			largest = max(largest, len(f))
		}
	}
	if first := len(large.Files["minutes/index.html"]); largest > 2*first+50_000 {
		t.Errorf("the largest page is %d bytes", largest)
	}
}

func TestAddresses(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // a problem, or "" for none
	}{
		{"two files for one address",
			map[string]string{"content/about/index.md": "---\ntitle: About us\n---\n"},
			"content/about/index.md:1: this page would be written to about/, which content/about.md is written to already; rename or move one of them"},
		{"a folder holding only index.md is a page, not a section",
			map[string]string{"content/contact/index.md": "---\ntitle: Contact\n---\n"}, ""},
		{"a page at the search page's address",
			map[string]string{"content/search.md": "---\ntitle: Search us\n---\n"},
			"content/search.md:1: this page would be written to search/, where the site writes the search page; rename or move it"},
		{"a page at a metric's embed page",
			map[string]string{"content/embed/uptime.md": "---\ntitle: Uptime\n---\n"},
			`content/embed/uptime.md:1: this page would be written to embed/uptime/, where the site writes the embed page of metric "uptime"'s chart; rename or move it`},
		{"a page in the embed pages' folder",
			map[string]string{"content/embed/about.md": "---\ntitle: About embeds\n---\n"},
			"content/embed/about.md:1: this page would be written to embed/about/, in embed/, where the site writes the embed pages of its charts; move or rename it"},
		{"a page in the theme's folder",
			map[string]string{"content/assets/logo.md": "---\ntitle: Logo\n---\n"},
			"content/assets/logo.md:1: this page would be written to assets/logo/, in assets/, where the site writes its theme's files; move or rename it"},
		{"a folder of pages whose list would be the search page",
			map[string]string{"content/search/a.md": "---\ntitle: A\n---\n", "content/search/b.md": "---\ntitle: B\n---\n"},
			"content/search/a.md:1: the list of the pages in content/search/ would be written to search/, where the site writes the search page; rename or move it"},
		{"a page at a metric's page",
			map[string]string{"content/metrics/index/uptime.md": "x"}, "content/metrics/index/uptime.md:1: content/metrics/ holds pages directly, not in sub-folders; move this file up to content/metrics/"},
		{"a metric whose embed page is the savings chart's",
			map[string]string{"data/metrics.csv": "id,name,service,goal,unit,direction,target,amber,description,source\n" +
				"uptime,System availability,ict,resilience,percent,higher,99.5,0.5,Share of time systems were up.,Monitoring\n" +
				"claims,Days to process claims,rb,efficiency,days,lower,18,,Average days to decide a claim.,DWP\n" +
				"savings,Savings found,rb,efficiency,gbp,higher,,,Savings.,Ledger\n",
				"data/performance.csv": "metric,period,partner,value\nuptime,2024/25 Q2,,99.6\nclaims,2024/25 Q2,north,17\nclaims,2024/25 Q2,south,17\nsavings,2024/25 Q2,,£100\n"},
			`data/metrics.csv:4: the embed page of metric "savings"'s chart would be written to embed/savings/, where the site writes the embed page of the partnership's savings chart; give it another id in data/metrics.csv`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := unpack(t, "small.txtar")
			for name, body := range tt.files {
				sitetest.Write(t, filepath.Join(dir, filepath.FromSlash(name)), body)
			}
			// check finds what build finds.
			cpl, _ := Check(os.DirFS(dir), Options{})
			out, pl, err := Build(os.DirFS(dir), Options{})
			for _, l := range []*problem.List{cpl, pl} {
				got := ""
				for _, p := range l.All() {
					if !p.Warning {
						if got != "" {
							t.Errorf("more than one problem: %q and %q", got, p)
						}
						got = p.String()
					}
				}
				if got != tt.want {
					t.Fatalf("problem %q, want %q (%v)", got, tt.want, err)
				}
			}
			if tt.want == "" {
				home := string(out.Files["index.html"])
				nav := home[strings.Index(home, `<nav class="site-nav"`):]
				nav = nav[:strings.Index(nav, "</nav>")]
				footer := home[strings.Index(home, "<footer"):]
				if strings.Contains(nav, "contact/") || !strings.Contains(footer, `<li><a href="contact/">Contact</a></li>`) {
					t.Errorf("the contact page is a section, or missing from the footer")
				}
			}
		})
	}
}

func TestFooterIsBounded(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	for i := range 14 {
		sitetest.Write(t, filepath.Join(dir, "content", fmt.Sprintf("page-%02d.md", i)), fmt.Sprintf("---\ntitle: Page %02d\n---\n", i))
	}
	out, pl, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, p := range pl.All() {
		warned = warned || strings.Contains(p.String(), "content/ has 15 pages of its own; the footer of every page links only the first 12")
	}
	if !warned {
		t.Errorf("no warning: %v", pl.All())
	}
	footer := string(out.Files["index.html"])
	footer = footer[strings.Index(footer, `<footer`):]
	if n := strings.Count(footer, `<li><a href=`); n != MaxFooterPages+1 {
		t.Errorf("the footer links %d pages, want %d and the accessibility statement", n, MaxFooterPages)
	}
}

func TestMetricsListIsSplit(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: 2, Metrics: 120, Quarters: 4, Partners: 2, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := build(t, dir, Options{})
	for p, want := range map[string]string{
		"metrics/index.html":        "All measures: latest status, 1 to 50 of 120",
		"metrics/page/3/index.html": "All measures: latest status, 101 to 120 of 120",
	} {
		if !strings.Contains(string(out.Files[p]), want) {
			t.Errorf("%s lacks %q", p, want)
		}
	}
}
