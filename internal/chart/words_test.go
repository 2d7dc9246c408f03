package chart

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// TestSummariesInBothLanguages writes figures' titles, summaries and a
// carried saving's cell from the real catalogues, English and Welsh,
// against sentences written by hand: each Welsh sentence in its own word
// order, not English words swapped in. The parts the model writes (a
// status word, "days", a series' name) are the model's, in the language
// it gives them.
func TestSummariesInBothLanguages(t *testing.T) {
	metric := func(dir measure.Direction, target *float64, rows ...csvdata.Performance) func(*words.Lang) *Figure {
		return func(l *words.Lang) *Figure {
			m := csvdata.Metric{ID: "m", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: measure.Days, Direction: dir, Target: target}
			return Metric(l, partnershipIn(l, m, rows...).Metric("m"), "", "x")
		}
	}
	partners := func(north, south float64) []csvdata.Performance {
		return []csvdata.Performance{
			{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: north},
			{Period: period.MustParse("2024/25 Q1"), Partner: "south", Value: south},
		}
	}
	p := loadSavings(t, "id,name,short_name,households,cost_share\na,Council A,A,60000,\nb,Council B,B,40000,\n",
		"service,period,saving,one_off_cost,note\n"+
			"shared,2019/20,\"£500,000\",,\">£500,000 a year\"\n"+
			"shared,2021/22,\"£1,300,000\",,£1.3m a year\n")
	savings := func(l *words.Lang) *Figure { return Savings(l, p.Savings("", ""), "s") }
	tests := []struct {
		name                 string
		fig                  func(*words.Lang) *Figure
		enTitle, enSummary   string
		cyTitle, cySummary   string
		enCarried, cyCarried string // the 2020/21 saving's cell, for savings
	}{
		{"falling, which is better", metric(measure.Lower, f(18), row("2024/25 Q1", 19), row("2024/25 Q2", 17.5)),
			"Days to process claims: meeting the target of 18 days",
			"In July to September 2024 (2024/25 Q2), days to process claims was 17.5 days against a target of 18 days: On track, improving from 19.0 days in 2024/25 Q1.",
			"Days to process claims: yn cyrraedd y targed o 18 diwrnod",
			"Yn ystod Gorffennaf i Fedi 2024 (2024/25 Q2), roedd days to process claims yn 17.5 diwrnod yn erbyn targed o 18 diwrnod: Ar y trywydd iawn, yn well na 19.0 diwrnod yn 2024/25 Q1.",
			"", ""},
		{"rising, a measure of context", metric(measure.Neither, nil, row("2024/25 Q1", 12), row("2024/25 Q2", 14)),
			"Days to process claims: 14 days in 2024/25 Q2",
			"In July to September 2024 (2024/25 Q2), days to process claims was 14 days, up from 12 days in 2024/25 Q1.",
			"Days to process claims: 14 diwrnod yn 2024/25 Q2",
			"Yn ystod Gorffennaf i Fedi 2024 (2024/25 Q2), roedd days to process claims yn 14 diwrnod, i fyny o 12 diwrnod yn 2024/25 Q1.",
			"", ""},
		{"rising, which is worse", metric(measure.Lower, f(18), row("2024/25 Q1", 17), row("2024/25 Q2", 18.9)),
			"Days to process claims: just short of the target of 18 days",
			"In July to September 2024 (2024/25 Q2), days to process claims was 18.9 days against a target of 18 days: At risk, worsening from 17.0 days in 2024/25 Q1.",
			"Days to process claims: ychydig yn brin o'r targed o 18 diwrnod",
			"Yn ystod Gorffennaf i Fedi 2024 (2024/25 Q2), roedd days to process claims yn 18.9 diwrnod yn erbyn targed o 18 diwrnod: Mewn perygl, yn waeth na 17.0 diwrnod yn 2024/25 Q1.",
			"", ""},
		{"on target, no change", metric(measure.Higher, f(12), row("2024/25 Q1", 12), row("2024/25 Q2", 12)),
			"Days to process claims: meeting the target of 12 days",
			"In July to September 2024 (2024/25 Q2), days to process claims was 12 days against a target of 12 days: On track, no change from 2024/25 Q1.",
			"Days to process claims: yn cyrraedd y targed o 12 diwrnod",
			"Yn ystod Gorffennaf i Fedi 2024 (2024/25 Q2), roedd days to process claims yn 12 diwrnod yn erbyn targed o 12 diwrnod: Ar y trywydd iawn, dim newid ers 2024/25 Q1.",
			"", ""},
		{"no target", metric(measure.Lower, nil, row("2024/25", 12)),
			"Days to process claims: no target set",
			"In April 2024 to March 2025 (2024/25), days to process claims was 12 days (no target is set). This is the first figure.",
			"Days to process claims: dim targed wedi'i osod",
			"Yn ystod Ebrill 2024 i Fawrth 2025 (2024/25), roedd days to process claims yn 12 diwrnod (nid oes targed wedi'i osod). Dyma'r ffigur cyntaf.",
			"", ""},
		{"both councils, one missing", metric(measure.Lower, f(18), partners(16, 21)...),
			"Days to process claims: South missing the target of 18 days, North meeting it",
			"In April to June 2024 (2024/25 Q1), days to process claims in South was 21 days against a target of 18 days: Off track. This is the first figure. Elsewhere: North 16 days (On track, 2024/25 Q1).",
			"Days to process claims: South heb gyrraedd y targed o 18 diwrnod, North yn ei gyrraedd",
			"Yn ystod Ebrill i Fehefin 2024 (2024/25 Q1), roedd days to process claims ar gyfer South yn 21 diwrnod yn erbyn targed o 18 diwrnod: Ddim ar y trywydd iawn. Dyma'r ffigur cyntaf. Y lleill: North 16 diwrnod (Ar y trywydd iawn, 2024/25 Q1).",
			"", ""},
		{"both councils alike", metric(measure.Lower, f(18), partners(16, 17)...),
			"Days to process claims: both councils meeting the target of 18 days",
			"In April to June 2024 (2024/25 Q1), days to process claims in North was 16 days against a target of 18 days: On track. This is the first figure. Elsewhere: South 17 days (On track, 2024/25 Q1).",
			"Days to process claims: y ddau gyngor yn cyrraedd y targed o 18 diwrnod",
			"Yn ystod Ebrill i Fehefin 2024 (2024/25 Q1), roedd days to process claims ar gyfer North yn 16 diwrnod yn erbyn targed o 18 diwrnod: Ar y trywydd iawn. Dyma'r ffigur cyntaf. Y lleill: South 17 diwrnod (Ar y trywydd iawn, 2024/25 Q1).",
			"", ""},
		{"savings carried", savings,
			"Partnership savings",
			"In 2021/22 the partnership saved £1,300,000 a year, a recurring saving. One-off costs were not reported, so the net saving is the saving before them. " +
				"From 2019/20 to 2021/22 savings total £2,300,000; one-off costs were not reported, so the net saving is the saving before them. " +
				"The recurring saving of £500,000 for Shared services from 2019/20 is counted in 2020/21 too, as no later figure replaces it there.",
			"Arbedion y bartneriaeth",
			"Yn 2021/22 arbedodd y bartneriaeth £1,300,000 y flwyddyn, sef arbediad cylchol. Ni adroddwyd am gostau untro, felly yr arbediad net yw'r arbediad cyn y costau hynny. " +
				"O 2019/20 i 2021/22 cyfanswm yr arbedion yw £2,300,000; ni adroddwyd am gostau untro, felly yr arbediad net yw'r arbediad cyn y costau hynny. " +
				"Mae'r arbediad cylchol o £500,000 ar gyfer Shared services o 2019/20 yn cael ei gyfrif yn 2020/21 hefyd, gan nad oes ffigur diweddarach yn cymryd ei le yno.",
			"£500,000, carried from 2019/20 (recurring)",
			"£500,000, wedi'i gario ymlaen o 2019/20 (cylchol)"},
	}
	for _, tt := range tests {
		for _, lc := range []struct {
			lang                    *words.Lang
			title, summary, carried string
		}{{en, tt.enTitle, tt.enSummary, tt.enCarried}, {cy, tt.cyTitle, tt.cySummary, tt.cyCarried}} {
			fig := tt.fig(lc.lang)
			if fig.Title != lc.title {
				t.Errorf("%s, %s: title\n%q\nwant\n%q", tt.name, lc.lang.Code, fig.Title, lc.title)
			}
			if fig.Summary != lc.summary {
				t.Errorf("%s, %s: summary\n%q\nwant\n%q", tt.name, lc.lang.Code, fig.Summary, lc.summary)
			}
			if lc.carried != "" {
				if got := fig.Table.Rows[1].Cells[2].Text; got != lc.carried {
					t.Errorf("%s, %s: carried cell %q, want %q", tt.name, lc.lang.Code, got, lc.carried)
				}
			}
		}
	}
}

// TestWelshChartOption: a Welsh figure's chart names its series in
// Welsh, and its year-to-date axis has Welsh months.
func TestWelshChartOption(t *testing.T) {
	// The model is Welsh too, as the Welsh tree builds it: the series is
	// the partnership's, named in Welsh.
	m := csvdata.Metric{ID: "m", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: measure.Days, Direction: measure.Lower, Target: f(18)}
	p := partnershipIn(cy, m, row("2024/25 Q1", 19), row("2024/25 Q2", 17.5))
	if got := seriesNames(t, Metric(cy, p.Metric("m"), "", "x").Option); got != "Partneriaeth:line Targed:line" {
		t.Errorf("Welsh series %s", got)
	}
	if got := monthNames(cy); got[0] != "Ebr" || got[11] != "Maw" {
		t.Errorf("Welsh months %v", got)
	}
}

// seriesNames lists an option's series as "name:type".
func seriesNames(t *testing.T, option []byte) string {
	t.Helper()
	var v struct {
		Series []struct{ Name, Type string } `json:"series"`
	}
	if err := json.Unmarshal(option, &v); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range v.Series {
		got = append(got, s.Name+":"+s.Type)
	}
	return strings.Join(got, " ")
}
