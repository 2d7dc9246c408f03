package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestReportFiguresAreWhatItShows builds small.txtar with two reports as
// at 2024/25 Q4, and a figure for spend in 2024/25 Q3 marked not
// available. Each report's figures.csv holds what the report shows, rows
// listed by hand: the whole series of the metric it charts, and of every
// other metric the figure its scorecard shows of each series, the latest
// by the scorecard's period (spend's Q3 has no figure, so its Q2). The
// edition mark on the page is the hash of those very rows.
func TestReportFiguresAreWhatItShows(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	perf := readFile(t, filepath.Join(dir, "data", "performance.csv"))
	sitetest.WriteFiles(t, dir, map[string]string{
		"data/performance.csv": perf + "spend,2024/25 Q3,,x,,\n",
		"content/reports/q4.md": "---\ntitle: Quarter 4 report\ndate: 2025-05-01\nperiod: 2024/25 Q4\n---\n\n" +
			"{{< chart metric=\"claims\" >}}\n\n{{< scorecard >}}\n",
		"content/reports/q4-then.md": "---\ntitle: Quarter 4 against Quarter 1\ndate: 2025-05-02\nperiod: 2024/25 Q4\n---\n\n" +
			"{{< scorecard >}}\n\n{{< scorecard period=\"2024/25 Q1\" >}}\n",
	})
	out := build(t, dir, Options{})
	const header = "metric,period,partner,value,flag,target,amber,status,status_rule,direction_of_travel,note,source_file,source_line\n"
	const (
		uptimeQ1 = "uptime,2024/25 Q1,,99.6,,99.5,0.5,On track,On track: at or above the target of 99.5%,First figure,,data/performance.csv,2\n"
		uptimeQ4 = "uptime,2024/25 Q4,,99,,99.5,0.5,At risk,At risk: within 0.5 points of the target of 99.5%,Worsening,,data/performance.csv,5\n"
		northQ1  = "claims,2024/25 Q1,north,17,,18,0.9,On track,On track: at or below the target of 18 days,First figure,,data/performance.csv,6\n"
		northQ2  = "claims,2024/25 Q2,north,16.5,,18,0.9,On track,On track: at or below the target of 18 days,Improving,,data/performance.csv,7\n"
		southQ1  = "claims,2024/25 Q1,south,19,,18,0.9,Off track,Off track: more than 0.9 days above the target of 18 days,First figure,,data/performance.csv,8\n"
		southQ2  = "claims,2024/25 Q2,south,21,,20,1,At risk,At risk: within 1 day of the target of 20 days,Worsening,Staff shortage.,data/performance.csv,9\n"
		spendQ1  = "spend,2024/25 Q1,,72,,,,No target,No target,First figure,,data/performance.csv,10\n"
		spendQ2  = "spend,2024/25 Q2,,70,,,,No target,No target,Improving,,data/performance.csv,11\n"
	)
	tests := []struct{ url, want string }{
		// Claims charted: all four figures. Uptime and spend on the
		// scorecard alone: their latest figures as at Q4.
		{"reports/q4/", header + uptimeQ4 + northQ1 + northQ2 + southQ1 + southQ2 + spendQ2},
		// Two scorecards, the latest and Q1: each series' figure at
		// each, once, in the series' order.
		{"reports/q4-then/", header + uptimeQ1 + uptimeQ4 + northQ1 + northQ2 + southQ1 + southQ2 + spendQ1 + spendQ2},
	}
	for _, tt := range tests {
		if got := string(out.Files[tt.url+"figures.csv"]); got != tt.want {
			t.Errorf("%sfigures.csv:\n%s\nwant:\n%s", tt.url, got, tt.want)
		}
		sum := sha256.Sum256([]byte(tt.want))
		mark := "Edition: not approved · figures " + hex.EncodeToString(sum[:4])
		if page := string(out.Files[tt.url+"index.html"]); !strings.Contains(page, `<div class="running-foot"><p>`+mark+`</p></div>`) {
			t.Errorf("%s lacks the mark of its figures, %q", tt.url, mark)
		}
		json := string(out.Files[tt.url+"figures.json"])
		if got, want := strings.Count(json, `"metric": `), strings.Count(tt.want, "\n")-1; got != want {
			t.Errorf("%sfigures.json has %d figures, figures.csv %d", tt.url, got, want)
		}
	}
}

// TestScoredAtIsTheScorecardsFigure holds scoredAt, whose figures a
// report's files keep, to the figures the scorecard's line takes through
// model.WorstAt: for every metric of the example site, as at each
// report's period and at the latest, each series WorstAt names has
// scoredAt's figure.
func TestScoredAtIsTheScorecardsFigure(t *testing.T) {
	b, err := load(os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ats := []period.Period{{}}
	for _, pg := range b.reports {
		if pg.PeriodSet {
			ats = append(ats, pg.Period)
		}
	}
	checked := 0
	for _, at := range ats {
		for _, m := range b.p.Metrics {
			ss, ps := m.WorstAt(at)
			for i, s := range ss {
				if got := scoredAt(s, at); got != ps[i] {
					t.Errorf("%s, %s at %v: scoredAt gives %v, the scorecard %v", m.ID, s.Name(), at, got, ps[i])
				}
				checked++
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d series checked", checked)
	}
}
