package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// siteFiles is a site shaped as a 10,000-page build is, without the time
// spent rendering it: n pages of about 12 KB, each in a folder of its own,
// and the search index, feed and data download of that many pages.
func siteFiles(n int) map[string][]byte {
	files := map[string][]byte{}
	var index, feed strings.Builder
	for i := range n {
		page := fmt.Sprintf("<h1>Report %d</h1>\n%s", i, strings.Repeat(fmt.Sprintf("<p>Paragraph of report %d, on the partnership's figures.</p>\n", i), 200))
		files[fmt.Sprintf("reports/report-%05d/index.html", i)] = []byte(page)
		fmt.Fprintf(&index, `{"title":"Report %d","url":"reports/report-%05d/","text":"figures of report %d"}`+"\n", i, i, i)
		fmt.Fprintf(&feed, "<entry><title>Report %d</title><link href=\"reports/report-%05d/\"/></entry>\n", i, i)
	}
	files["search.json"] = []byte(index.String())
	files["feed.xml"] = []byte(feed.String())
	files["data/performance.csv"] = []byte(strings.Repeat("metric,period,partner,value\ncs01,2024/25 Q1,north,12.5\n", 20*n))
	return files
}

// benchPublish writes a site of n pages into a folder, as build does: into
// an empty folder each time, or, with again, over the same site's last
// build, with nothing changed. The first build of that is not timed.
func benchPublish(b *testing.B, n int, again bool) {
	files := siteFiles(n)
	root := b.TempDir()
	src := filepath.Join(root, "site")
	out := filepath.Join(root, "public")
	write := func() {
		if err := Write(files, out, src); err != nil {
			b.Fatal(err)
		}
	}
	if again {
		write()
	}
	for i := 0; b.Loop(); i++ {
		if !again {
			b.StopTimer()
			if err := os.RemoveAll(out); err != nil {
				b.Fatal(err)
			}
			out = filepath.Join(root, fmt.Sprint(i), "public")
			b.StartTimer()
		}
		write()
	}
}

// BenchmarkPublish10k writes a 10,000-page site into an empty folder.
func BenchmarkPublish10k(b *testing.B) { benchPublish(b, 10000, false) }

// BenchmarkRepublish10k writes a 10,000-page site over its own last build,
// with nothing changed.
func BenchmarkRepublish10k(b *testing.B) { benchPublish(b, 10000, true) }
