package model

import (
	"testing"
	"time"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/period"
)

// TestWordsInBothLanguages writes every status, trend, rule, unit and
// evidence phrase of the model in English and Welsh from the real
// catalogues, against what a reader should see. The Welsh counted nouns
// are singular after a numeral, with the mutation the numeral causes:
// "2 ddiwrnod", "3 phwynt".
func TestWordsInBothLanguages(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	type pair struct{ en, cy string }
	cases := map[string]struct {
		got  func(l langT) string
		want pair
	}{}
	add := func(name string, got func(l langT) string, en, cy string) {
		cases[name] = struct {
			got  func(l langT) string
			want pair
		}{got, pair{en, cy}}
	}

	for s, w := range map[Status]pair{
		OnTrack: {"On track", "Ar y trywydd iawn"}, AtRisk: {"At risk", "Mewn perygl"},
		OffTrack: {"Off track", "Ddim ar y trywydd iawn"}, NoTarget: {"No target", "Dim targed"},
		NotRated: {"Not rated", "Heb ei raddio"}, PlannedYear: {"Planned", "Wedi'i gynllunio"},
	} {
		add("status "+s.String(), func(l langT) string { return s.Word(l) }, w.en, w.cy)
	}
	for tr, w := range map[Trend]pair{
		First: {"First figure", "Y ffigur cyntaf"}, Improving: {"Improving", "Yn gwella"},
		Worsening: {"Worsening", "Yn gwaethygu"}, NoChange: {"No change", "Dim newid"},
		Up: {"Up", "I fyny"}, Down: {"Down", "I lawr"},
	} {
		add("trend "+tr.String(), func(l langT) string { return tr.Word(l) }, w.en, w.cy)
	}

	rule := func(v float64, target *float64, amber float64, dir measure.Direction, u measure.Unit) func(l langT) string {
		return func(l langT) string { return Rate(l, v, target, amber, dir, u).Rule(l) }
	}
	add("rule on track, higher", rule(96, f(95), 1, measure.Higher, measure.Percent),
		"On track: at or above the target of 95.0%", "Ar y trywydd iawn: ar y targed o 95.0% neu'n uwch")
	add("rule on track, lower", rule(7, f(8), 1, measure.Lower, measure.Days),
		"On track: at or below the target of 8 days", "Ar y trywydd iawn: ar y targed o 8 diwrnod neu'n is")
	add("rule at risk, points", rule(99, f(99.5), 0.5, measure.Higher, measure.Percent),
		"At risk: within 0.5 points of the target of 99.5%", "Mewn perygl: o fewn 0.5 pwynt i'r targed o 99.5%")
	add("rule at risk, 2 days", rule(21, f(20), 2, measure.Lower, measure.Days),
		"At risk: within 2 days of the target of 20 days", "Mewn perygl: o fewn 2 ddiwrnod i'r targed o 20 diwrnod")
	add("rule off track, higher", rule(90, f(99.5), 3, measure.Higher, measure.Percent),
		"Off track: more than 3 points below the target of 99.5%", "Ddim ar y trywydd iawn: mwy na 3 phwynt yn is na'r targed o 99.5%")
	add("rule off track, lower", rule(30, f(20), 1, measure.Lower, measure.Days),
		"Off track: more than 1 day above the target of 20 days", "Ddim ar y trywydd iawn: mwy na 1 diwrnod yn uwch na'r targed o 20 diwrnod")
	add("rule off track, no margin, higher", rule(90, f(95), 0, measure.Higher, measure.Percent),
		"Off track: below the target of 95.0%", "Ddim ar y trywydd iawn: yn is na'r targed o 95.0%")
	add("rule off track, no margin, lower", rule(9, f(8), 0, measure.Lower, measure.Hours),
		"Off track: above the target of 8 hours", "Ddim ar y trywydd iawn: yn uwch na'r targed o 8 awr")
	add("rule no target", rule(9, nil, 0, measure.Lower, measure.Days), "No target", "Dim targed")
	add("rule context", rule(9, f(8), 0, measure.Neither, measure.Count),
		"Not rated: a measure of context, with no better way to go", "Heb ei raddio: mesur cyd-destun, heb ffordd well i fynd")
	council := func(rag measure.RAG, target string) func(l langT) string {
		return func(l langT) string { r, _ := CouncilRating(l, rag, target); return r.Rule(l) }
	}
	add("council green", council(measure.Green, "95%"),
		"On track: the council's rating (Green), against the target of 95%", "Ar y trywydd iawn: gradd y cyngor (Gwyrdd), yn erbyn y targed o 95%")
	add("council amber", council(measure.Amber, ""), "At risk: the council's rating (Amber)", "Mewn perygl: gradd y cyngor (Ambr)")
	add("council red", council(measure.Red, ""), "Off track: the council's rating (Red)", "Ddim ar y trywydd iawn: gradd y cyngor (Coch)")
	add("council data only", council(measure.DataOnly, ""),
		"Not rated: the council reports it as data only", "Heb ei raddio: mae'r cyngor yn ei adrodd fel data yn unig")
	add("council not set", council(measure.NotSet, ""), "No target: the council has set no target", "Dim targed: nid yw'r cyngor wedi gosod targed")
	add("council unrated", council(measure.Unrated, ""),
		"Not rated: the council's report gives it no rating", "Heb ei raddio: nid yw adroddiad y cyngor yn rhoi gradd iddo")

	// Every counted unit at 0, 1, 2, 3, 6 and 1.5: Welsh CLDR's zero,
	// one, two, few, many and other.
	units := map[measure.Unit][6]pair{
		measure.Days: {{"0 days", "0 diwrnod"}, {"1 day", "1 diwrnod"}, {"2 days", "2 ddiwrnod"},
			{"3 days", "3 diwrnod"}, {"6 days", "6 diwrnod"}, {"1.5 days", "1.5 diwrnod"}},
		measure.Hours: {{"0 hours", "0 awr"}, {"1 hour", "1 awr"}, {"2 hours", "2 awr"},
			{"3 hours", "3 awr"}, {"6 hours", "6 awr"}, {"1.5 hours", "1.5 awr"}},
		measure.Minutes: {{"0 minutes", "0 munud"}, {"1 minute", "1 munud"}, {"2 minutes", "2 funud"},
			{"3 minutes", "3 munud"}, {"6 minutes", "6 munud"}, {"1.5 minutes", "1.5 munud"}},
		measure.FTE: {{"0 FTE", "0 CALl"}, {"1 FTE", "1 CALl"}, {"2 FTE", "2 CALl"},
			{"3 FTE", "3 CALl"}, {"6 FTE", "6 CALl"}, {"1.5 FTE", "1.5 CALl"}},
	}
	ns := [6]string{"0", "1", "2", "3", "6", "1.5"}
	for u, ws := range units {
		for i, n := range ns {
			add("unit "+string(u)+" "+n, func(l langT) string { return u.Write(l, n) }, ws[i].en, ws[i].cy)
		}
	}
	points := [6]pair{{"0 points", "0 pwynt"}, {"1 point", "1 pwynt"}, {"2 points", "2 bwynt"},
		{"3 points", "3 phwynt"}, {"6 points", "6 phwynt"}, {"1.5 points", "1.5 pwynt"}}
	for i, v := range []float64{0, 1, 2, 3, 6, 1.5} {
		add("points "+ns[i], func(l langT) string { return measure.Percent.Margin(l, v, 2) }, points[i].en, points[i].cy)
	}
	for u, w := range map[measure.Unit]pair{
		measure.Percent: {"Percentage", "Canran"}, measure.GBP: {"Pounds", "Punnoedd"}, measure.Days: {"Days", "Diwrnodau"},
		measure.FTE: {"Full-time equivalent staff", "Staff cyfwerth ag amser llawn"},
	} {
		add("label "+string(u), func(l langT) string { return u.Label(l) }, w.en, w.cy)
	}
	add("direction higher", func(l langT) string { return measure.Higher.PhraseIn(l) }, "Higher is better", "Gorau po uchaf")
	add("direction lower", func(l langT) string { return measure.Lower.PhraseIn(l) }, "Lower is better", "Gorau po isaf")
	add("money keeps its form", func(l langT) string { return measure.GBP.Value(l, -1234) }, "−£1,234", "−£1,234")

	// Slips, with Welsh's blwyddyn/blynedd and mis/fis.
	day := func(s string) time.Time { d, _ := period.ParseDate(s); return d }
	for _, tt := range []struct{ from, to, en, cy string }{
		{"2025-03-01", "2025-03-03", "2 days", "2 ddiwrnod"},
		{"2025-03-01", "2025-03-22", "3 weeks", "3 wythnos"},
		{"2025-03-01", "2025-05-01", "2 months", "2 fis"},
		{"2025-03-01", "2025-09-01", "6 months", "6 mis"},
		{"2025-03-01", "2026-03-01", "1 year", "1 flwyddyn"},
		{"2025-03-01", "2027-03-01", "2 years", "2 flynedd"},
		{"2025-03-01", "2026-05-01", "1 year and 2 months", "1 flwyddyn a 2 fis"},
	} {
		add("slip "+tt.en, func(l langT) string { return Slip(l, day(tt.from), day(tt.to)) }, tt.en, tt.cy)
	}

	// Periods: month names are the page's; years and quarters keep their
	// form where they are written as codes.
	label := func(s string) func(l langT) string {
		return func(l langT) string { return period.MustParse(s).LabelIn(l) }
	}
	add("period quarter", label("2024/25 Q1"), "April to June 2024", "Ebrill i Fehefin 2024")
	add("period quarter 4", label("2024/25 Q4"), "January to March 2025", "Ionawr i Fawrth 2025")
	add("period year", label("2024/25"), "April 2024 to March 2025", "Ebrill 2024 i Fawrth 2025")
	add("period month", label("2024-06"), "June 2024", "Mehefin 2024")
	add("period span", func(l langT) string {
		return period.SpanIn(l, period.MustParse("2021/22"), period.MustParse("2023/24"))
	}, "2021/22 to 2023/24", "2021/22 i 2023/24")

	if len(cases) < 70 {
		t.Fatalf("only %d cases", len(cases))
	}
	for name, c := range cases {
		if got := c.got(en); got != c.want.en {
			t.Errorf("%s in English: %q, want %q", name, got, c.want.en)
		}
		if got := c.got(cy); got != c.want.cy {
			t.Errorf("%s in Welsh: %q, want %q", name, got, c.want.cy)
		}
	}
}

// TestVerdictInBothLanguages writes a goal's verdict sentence, its
// reasons and tallies, in English and Welsh; the risk band is the site's
// own word in each language.
func TestVerdictInBothLanguages(t *testing.T) {
	for _, tt := range []struct {
		l        langT
		band     string
		sentence string
		rule     string
	}{
		{en, "High", "Needs attention: 1 measure is off track, 2 actions are overdue and 1 risk is high. Measures: 3 in all, 2 on track, 1 off track. Actions: 2, all overdue. Risks: 3 in all, 1 high.",
			"High: likelihood 4 × impact 4 = 16; 15 and over is High"},
		{cy, "Uchel", "Angen sylw: 1 mesur ddim ar y trywydd iawn, 2 gam gweithredu yn hwyr ac 1 risg yn uchel. Mesurau: 3 i gyd, 2 ar y trywydd iawn, 1 ddim ar y trywydd iawn. Camau gweithredu: 2, pob un yn hwyr. Risgiau: 3 i gyd, 1 yn uchel.",
			"Uchel: tebygolrwydd 4 × effaith 4 = 16; Uchel yw 15 neu fwy"},
	} {
		v := Verdict{Measures: Counts{OnTrack: 2, OffTrack: 1}, Actions: ActionCounts{All: 2, Overdue: 2}, Risks: 3, High: 1,
			TopBand: tt.band, kind: "needs-attention", lang: tt.l}
		if got := v.Sentence(); got != tt.sentence {
			t.Errorf("%s: %q\nwant %q", tt.l.Code, got, tt.sentence)
		}
		r := &Risk{Likelihood: 4, Impact: 4, lang: tt.l, bands: []config.RiskBand{{Name: tt.band, From: 15}, {Name: "Low", From: 1}}}
		if got := r.Rule(); got != tt.rule {
			t.Errorf("%s: %q\nwant %q", tt.l.Code, got, tt.rule)
		}
	}
}

// TestPeriodKindsInBothLanguages names the kinds of period for headings.
func TestPeriodKindsInBothLanguages(t *testing.T) {
	for k, want := range map[period.Kind][2]string{
		period.Year: {"financial year", "blwyddyn ariannol"}, period.Quarter: {"quarter", "chwarter"}, period.Month: {"month", "mis"},
	} {
		if got := [2]string{k.Word(en), k.Word(cy)}; got != want {
			t.Errorf("%v: %q, want %q", k, got, want)
		}
	}
}
