package site

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/synth"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// The search index is published: anyone can download search.json, and the
// search page shows its text as snippets. These tests hold it to what the
// pages themselves show.

// leakPage is a markdown page holding everything a page drops: HTML
// comments (an editor's note about an embargo), a link reference
// definition with an intranet address, raw HTML blocks and tags, an
// image's address and alt text, a link's address, a script link, a
// fenced code block, and shortcodes.
const leakPage = `---
title: Budget notes
summary: What the committee agreed.
---
# Budget notes

<!-- embargoed until 3 May -->

The committee agreed the [budget][intranet] for next year.

[intranet]: http://intranet.council.local/secret

<div class="draft">Draft figures withheld</div>

Inline <span class="x">plain</span> markup and a comment <!-- second note: unredacted --> mid-sentence.

## Savings so far

Uptime was {{< value metric="uptime" >}} in the year.

{{< chart metric="claims" >}}

![confidential diagram](http://intranet.council.local/diagram.png)

See [the minutes](http://intranet.council.local/minutes) or [this](javascript:alert(1)).

` + "```" + `
password = hunter2
` + "```" + `

| Council | Note |
|---|---|
| North | Ahead &amp; on budget |
`

// dropped are words of leakPage that its page never shows: its comments,
// its raw HTML block, and addresses, which are in links' and images'
// attributes at most.
var dropped = []string{"embargoed", "3 May", "intranet", "council.local", "secret", "Draft figures", "withheld",
	"unredacted", "second note", "javascript:", "{{<"}

// unindexed are words a page shows that the index leaves out: an image's
// alt text, and code blocks.
var unindexed = []string{"confidential", "diagram", "hunter2", "password"}

// leakSite is small.txtar with leakPage as a plain page, as a page of a
// section of the site's own, and as a report, whose figures are drawn as
// at its period.
func leakSite(t *testing.T) string {
	t.Helper()
	dir, _ := unpack(t, "small.txtar")
	report := strings.Replace(leakPage, "summary:", "date: 2024-08-01\nperiod: 2024/25 Q1\nsummary:", 1)
	sitetest.WriteFiles(t, dir, map[string]string{
		"content/notes.md":             leakPage,
		"content/minutes/index.md":     "---\ntitle: Minutes\n---\nThe minutes of each meeting.\n",
		"content/minutes/october.md":   leakPage,
		"content/reports/q1-budget.md": report,
		// A title taken from the first heading, which holds a comment.
		"content/headed.md": "# Budget <!-- embargoed until 3 May --> *notes* &amp; plans\n\nThe plans.\n",
	})
	return dir
}

// searchEntries reads the search.json a build wrote.
func searchEntries(t *testing.T, out *Output) []searchEntry {
	t.Helper()
	var entries []searchEntry
	if err := json.Unmarshal(out.Files["search.json"], &entries); err != nil {
		t.Fatalf("search.json: %v", err)
	}
	return entries
}

var (
	hidden  = regexp.MustCompile(`(?is)<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|<template\b.*?</template>`)
	anyTag  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>`)
	inTitle = regexp.MustCompile(`(?is)^.*?<body\b[^>]*>|</body>.*$`)
	// inline elements run into the words beside them, as a browser shows
	// them; every other tag separates words.
	inline = map[string]bool{"a": true, "abbr": true, "b": true, "code": true, "del": true, "em": true, "i": true,
		"kbd": true, "mark": true, "q": true, "s": true, "small": true, "span": true, "strong": true, "sub": true,
		"sup": true, "time": true, "data": true, "bdi": true}
)

// visibleText is the text a reader sees on an HTML page: the text of its
// body, without comments, scripts, styles or attributes, entities decoded.
func visibleText(page string) string {
	body := inTitle.ReplaceAllString(page, "")
	body = hidden.ReplaceAllString(body, " ")
	body = anyTag.ReplaceAllStringFunc(body, func(tag string) string {
		if inline[strings.ToLower(anyTag.FindStringSubmatch(tag)[2])] {
			return ""
		}
		return " "
	})
	return strings.Join(strings.Fields(html.UnescapeString(body)), " ")
}

// visibleWords is the set of words of visibleText, in lower case.
func visibleWords(page string) map[string]bool {
	set := map[string]bool{}
	for _, w := range wordsIn(visibleText(page)) {
		set[w] = true
	}
	return set
}

// words splits text into lower-case words: runs of letters and digits.
func wordsIn(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// checkEntriesVisible asserts that every word of every search entry's
// title, summary, headings and text appears on the page it points to. The
// kind ("Measure", "Report") is the index's own label for the page, not
// words taken from it, and is not checked.
func checkEntriesVisible(t *testing.T, out *Output) {
	t.Helper()
	entries := searchEntries(t, out)
	if len(entries) == 0 {
		t.Fatal("search.json has no entries")
	}
	for _, e := range entries {
		page, ok := out.Files[e.URL+"index.html"]
		if !ok {
			t.Errorf("search entry %q points to %q, which the build did not write", e.Title, e.URL)
			continue
		}
		seen := visibleWords(string(page))
		fields := map[string]string{"title": e.Title, "summary": e.Summary, "headings": strings.Join(e.Headings, " "), "text": e.Text}
		for _, field := range []string{"title", "summary", "headings", "text"} {
			for _, w := range wordsIn(fields[field]) {
				if !seen[w] {
					t.Errorf("%s: search entry's %s holds %q, which the page does not show (%s: %q)", e.URL, field, w, field, fields[field])
				}
			}
		}
	}
}

// TestSearchShowsOnlyWhatPagesShow builds the example site, the small test
// site and the small site with leakPage in three places, and checks every
// search entry against its page.
func TestSearchShowsOnlyWhatPagesShow(t *testing.T) {
	small, _ := unpack(t, "small.txtar")
	for _, c := range []struct {
		name string
		dir  string
	}{
		{"example site", "../.."},
		{"small site", small},
		{"leak site", leakSite(t)},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := Build(os.DirFS(c.dir), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkEntriesVisible(t, out)
		})
	}
}

// TestSearchLeaksNothing checks the leak site: its pages drop what
// contract 4 says they drop, and neither search.json nor the search page
// holds any of it, while the words the pages do show are found.
func TestSearchLeaksNothing(t *testing.T) {
	out := build(t, leakSite(t), Options{})
	for _, url := range []string{"notes/", "minutes/october/", "reports/q1-budget/", "headed/"} {
		seen := strings.ToLower(visibleText(string(out.Files[url+"index.html"])))
		for _, w := range dropped {
			if strings.Contains(seen, strings.ToLower(w)) {
				t.Errorf("%sindex.html shows %q, which the page should drop", url, w)
			}
		}
	}
	for _, p := range []string{"search.json", "search/index.html"} {
		for _, w := range append(slices.Clone(dropped), unindexed...) {
			if strings.Contains(string(out.Files[p]), w) {
				t.Errorf("%s holds %q", p, w)
			}
		}
	}
	// goldmark marks what it drops with a comment in the page's HTML; the
	// index holds no such mark.
	for _, w := range []string{"<!--", "raw HTML", "omitted"} {
		if strings.Contains(string(out.Files["search.json"]), w) {
			t.Errorf("search.json holds %q", w)
		}
	}
	// Worked by hand from leakPage as goldmark renders it: the title's
	// "# Budget notes" is a heading of the body, since the title is
	// given in the front matter, so the page shows it twice; comments, the raw <div>
	// block, the image, the code block and both shortcodes render as
	// nothing; links keep their text; the table's cells are words; the
	// entity is decoded.
	want := searchEntry{
		Headings: []string{"Budget notes", "Savings so far"},
		Text: "The committee agreed the budget for next year. Inline plain markup and a comment mid-sentence. " +
			"Uptime was in the year. See the minutes or this. Council Note North Ahead & on budget",
	}
	entries := searchEntries(t, out)
	if i := slices.IndexFunc(entries, func(e searchEntry) bool { return e.URL == "headed/" }); i < 0 || entries[i].Title != "Budget notes & plans" {
		t.Errorf("headed/: want the title %q, taken from the heading as it renders; entry %d of %v", "Budget notes & plans", i, entries)
	}
	for _, url := range []string{"notes/", "minutes/october/", "reports/q1-budget/"} {
		i := slices.IndexFunc(entries, func(e searchEntry) bool { return e.URL == url })
		if i < 0 {
			t.Errorf("search.json has no entry for %s", url)
			continue
		}
		got := entries[i]
		if got.Title != "Budget notes" || got.Summary != "What the committee agreed." {
			t.Errorf("%s: title %q, summary %q; want %q, %q", url, got.Title, got.Summary, "Budget notes", "What the committee agreed.")
		}
		if !slices.Equal(got.Headings, want.Headings) {
			t.Errorf("%s: headings %q, want %q", url, got.Headings, want.Headings)
		}
		if got.Text != want.Text {
			t.Errorf("%s: text\n got %q\nwant %q", url, got.Text, want.Text)
		}
	}
}

// TestSearchOutlineKeptAsRendered checks that the index a build writes,
// from outlines kept as its pages rendered, is the index a preview writes,
// which renders no page before it is asked for search.json and so parses
// every page again.
func TestSearchOutlineKeptAsRendered(t *testing.T) {
	dir := leakSite(t)
	out := build(t, dir, Options{})
	s, _, err := Open(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	live, _, ok, err := s.File("search.json")
	if err != nil || !ok {
		t.Fatalf("preview's search.json: ok %v, %v", ok, err)
	}
	if got, want := string(live), string(out.Files["search.json"]); got != want {
		t.Errorf("a preview's search.json differs from a build's:\n%s\nbuild:\n%s", got, want)
	}
	if !strings.Contains(string(live), `"u":"notes/"`) {
		t.Error("the preview's search.json has no entry for notes/")
	}
}

// BenchmarkSearchOutline1k is what taking the search outline adds to
// rendering a synthetic site's 1,000 report pages, from the trees they were
// rendered from.
func BenchmarkSearchOutline1k(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Default(1000)); err != nil {
		b.Fatal(err)
	}
	bl, err := load(os.DirFS(dir), Options{})
	if err != nil {
		b.Fatal(err)
	}
	var pps []*content.Parsed
	for _, pg := range bl.reports {
		pps = append(pps, bl.content.Parse(pg, &problem.List{}))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, pp := range pps {
			if _, _, err := bl.content.Outline(pp, SearchText, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(pps)), "µs/page")
}

// TestSearchOutline checks the headings and text search.json keeps of
// pages, each worked by hand from the markdown as goldmark renders it.
func TestSearchOutline(t *testing.T) {
	var long strings.Builder
	for i := range 130 {
		fmt.Fprintf(&long, "w%03d ", i+1) // 5 bytes a word: 650 in all
	}
	cases := []struct {
		name     string
		body     string
		headings []string
		text     string
	}{
		{"escapes", `Fish \*and\* chips &amp; peas &copy; 2024 &#163;5 <b>bold</b> stays.`,
			nil, "Fish *and* chips & peas © 2024 £5 bold stays."},
		{"footnote", "Old text.[^1]\n\n[^1]: A footnote.", nil, "Old text. A footnote."},
		{"code", "Run `make all` now.\n\n```\nsecret = 1\n```\n\n    indented = 2\n\nDone.", nil, "Run make all now. Done."},
		{"blocks", "- one\n- two\n\n> quoted **bold**\n\n| a | b |\n|---|---|\n| c | d |", nil, "one two quoted bold a b c d"},
		{"shortcodes", `Took {{< value metric="uptime" >}}, against {{< value metric="uptime" show="target" >}}.` +
			"\n\n{{< chart metric=\"claims\" >}}\n\nAfter.", nil, "Took, against. After."},
		{"hidden", "<!-- note: embargo -->\n\nSee [the plan][p].\n\n[p]: http://intranet.council.local/plan\n\n<div>\nwithheld\n</div>\n\nEnd.",
			nil, "See the plan. End."},
		// The text is cut at the last space within 240 bytes: after w048,
		// whose space is byte 239. Headings after the text kept are still
		// read, in a quote and in a list too; the words beside them are not.
		{"long", "## Early\n\n" + long.String() + "\n\n## Late heading\n\n> ## Quoted heading\n> quoted words\n\n- ## Listed heading\n\n| x |\n|---|\n| y |",
			[]string{"Early", "Late heading", "Quoted heading", "Listed heading"}, strings.TrimSpace(long.String()[:239]) + " …"},
	}
	dir, _ := unpack(t, "small.txtar")
	for _, c := range cases {
		body := "---\ntitle: Case " + c.name + "\n---\n" + c.body + "\n"
		if err := os.WriteFile(filepath.Join(dir, "content", "case-"+c.name+".md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := build(t, dir, Options{})
	entries := searchEntries(t, out)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			i := slices.IndexFunc(entries, func(e searchEntry) bool { return e.URL == "case-"+c.name+"/" })
			if i < 0 {
				t.Fatal("no search entry")
			}
			if got := entries[i]; !slices.Equal(got.Headings, c.headings) || got.Text != c.text {
				t.Errorf("got headings %q, text %q\nwant headings %q, text %q", got.Headings, got.Text, c.headings, c.text)
			}
		})
	}
	checkEntriesVisible(t, out)
}
