package chart

import (
	"github.com/partnersite/partnersite/internal/measure"
	"regexp"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

func f(v float64) *float64 { return &v }

// partnership builds a model with one metric whose figures are given.
func partnership(unit measure.Unit, dir measure.Direction, target *float64, rows ...csvdata.Performance) *model.Partnership {
	return partnershipOf(csvdata.Metric{ID: "m", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: unit, Direction: dir, Target: target}, rows...)
}

// partnershipOf is partnership for a metric set in full, as metrics.csv
// would give it.
func partnershipOf(metric csvdata.Metric, rows ...csvdata.Performance) *model.Partnership {
	return partnershipIn(nil, metric, rows...)
}

// partnershipIn is partnershipOf with the model's words in l (nil:
// English), as a site's tree in that language builds it.
func partnershipIn(l *words.Lang, metric csvdata.Metric, rows ...csvdata.Performance) *model.Partnership {
	d := &csvdata.Data{
		Partners: []csvdata.Partner{{ID: "north", Name: "North Council", ShortName: "North", CostShare: 60, Households: 40000},
			{ID: "south", Name: "South Council", ShortName: "South", CostShare: 40}},
		Services: []csvdata.Service{{ID: "rb", Name: "Revenues"}},
		Metrics:  []csvdata.Metric{metric},
	}
	for _, r := range rows {
		r.Metric = "m"
		d.Performance = append(d.Performance, r)
	}
	if l == nil {
		return model.New(&config.Site{Goals: config.DefaultGoals}, d)
	}
	return model.NewIn(l, &config.Site{Goals: config.DefaultGoals}, d)
}

func row(p string, v float64) csvdata.Performance {
	return csvdata.Performance{Period: period.MustParse(p), Value: v}
}

func TestMetricSummaries(t *testing.T) {
	tests := []struct {
		name      string
		dir       measure.Direction
		target    *float64
		rows      []csvdata.Performance
		title     string
		summary   string
		tableHead string
	}{
		{"on track, improving", measure.Lower, f(18), []csvdata.Performance{row("2024/25 Q1", 19), row("2024/25 Q2", 17.5)},
			"Days to process claims: meeting the target of 18 days",
			"In July to September 2024 (2024/25 Q2), days to process claims was 17.5 days against a target of 18 days: On track, improving from 19.0 days in 2024/25 Q1.",
			"Period|Value|Status|Target"},
		{"at risk, worsening", measure.Lower, f(18), []csvdata.Performance{row("2024/25 Q1", 17), row("2024/25 Q2", 18.9)},
			"Days to process claims: just short of the target of 18 days",
			"In July to September 2024 (2024/25 Q2), days to process claims was 18.9 days against a target of 18 days: At risk, worsening from 17.0 days in 2024/25 Q1.",
			"Period|Value|Status|Target"},
		{"off track, no change", measure.Higher, f(20), []csvdata.Performance{row("2024/25 Q1", 12), row("2024/25 Q2", 12)},
			"Days to process claims: missing the target of 20 days",
			"In July to September 2024 (2024/25 Q2), days to process claims was 12 days against a target of 20 days: Off track, no change from 2024/25 Q1.",
			"Period|Value|Status|Target"},
		{"no target, first figure", measure.Lower, nil, []csvdata.Performance{row("2024/25", 12)},
			"Days to process claims: no target set",
			"In April 2024 to March 2025 (2024/25), days to process claims was 12 days (no target is set). This is the first figure.",
			"Period|Value|Status|Target"},
		{"no figures", measure.Lower, f(18), nil,
			"Days to process claims",
			"There are no figures for days to process claims yet.",
			"Period|Target"},
		{"per partner: worst decides, others listed", measure.Lower, f(18), []csvdata.Performance{
			{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 16},
			{Period: period.MustParse("2024/25 Q1"), Partner: "south", Value: 21},
		},
			"Days to process claims: South missing the target of 18 days, North meeting it",
			"In April to June 2024 (2024/25 Q1), days to process claims in South was 21 days against a target of 18 days: Off track. This is the first figure. Elsewhere: North 16 days (On track, 2024/25 Q1).",
			"Period|North|North status|South|South status|Target"},
		{"per partner: both alike", measure.Lower, f(18), []csvdata.Performance{
			{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 16},
			{Period: period.MustParse("2024/25 Q1"), Partner: "south", Value: 17},
		},
			"Days to process claims: both councils meeting the target of 18 days",
			"In April to June 2024 (2024/25 Q1), days to process claims in North was 16 days against a target of 18 days: On track. This is the first figure. Elsewhere: South 17 days (On track, 2024/25 Q1).",
			"Period|North|North status|South|South status|Target"},
		{"per partner: own targets", measure.Lower, f(18), []csvdata.Performance{
			{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 16},
			{Period: period.MustParse("2024/25 Q1"), Partner: "south", Value: 21, Target: f(20)},
		},
			"Days to process claims: South just short of the target of 20 days, North meeting the target of 18 days",
			"In April to June 2024 (2024/25 Q1), days to process claims in South was 21 days against a target of 20 days: At risk. This is the first figure. Elsewhere: North 16 days (On track, 2024/25 Q1).",
			"Period|North|North target|North status|South|South target|South status"},
		{"per partner: one without figures", measure.Lower, f(18), []csvdata.Performance{
			{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 16},
			{Period: period.MustParse("2024/25 Q1"), Partner: "south", Mark: measure.NotAvailable},
		},
			"Days to process claims: North meeting the target of 18 days, South no figures yet",
			"In April to June 2024 (2024/25 Q1), days to process claims in North was 16 days against a target of 18 days: On track. This is the first figure. Elsewhere: South: no figures yet.",
			"Period|North|North status|South|South status|Target"},
		{"measure of context, per partner", measure.Neither, nil, []csvdata.Performance{
			{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 16},
			{Period: period.MustParse("2024/25 Q1"), Partner: "south", Value: 21},
		},
			"Days to process claims: North 16 days, South 21 days in 2024/25 Q1",
			"In April to June 2024 (2024/25 Q1), days to process claims in North was 16 days. This is the first figure. Elsewhere: South 21 days (Not rated, 2024/25 Q1).",
			"Period|North|North status|South|South status|Target"},
		{"measure of context", measure.Neither, nil, []csvdata.Performance{row("2024/25 Q1", 19), row("2024/25 Q2", 17.5)},
			"Days to process claims: 17.5 days in 2024/25 Q2",
			"In July to September 2024 (2024/25 Q2), days to process claims was 17.5 days, down from 19.0 days in 2024/25 Q1.",
			"Period|Value|Status|Target"},
	}
	for _, tt := range tests {
		p := partnership(measure.Days, tt.dir, tt.target, tt.rows...)
		fig := Metric(en, p.Metric("m"), "", "chart-m")
		if fig.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, fig.Title, tt.title)
		}
		if fig.Summary != tt.summary {
			t.Errorf("%s: summary\n%q\nwant\n%q", tt.name, fig.Summary, tt.summary)
		}
		wantSub := map[measure.Direction]string{measure.Higher: ". Higher is better.", measure.Lower: ". Lower is better.",
			measure.Neither: ". Not rated: a measure of context."}[tt.dir]
		if !strings.HasSuffix(fig.Subtitle, wantSub) || strings.Count(fig.Subtitle, "better") > 1 {
			t.Errorf("%s: subtitle %q, want it to end %q", tt.name, fig.Subtitle, wantSub)
		}
		if got := strings.Join(fig.Table.Head, "|"); got != tt.tableHead {
			t.Errorf("%s: table head %q, want %q", tt.name, got, tt.tableHead)
		}
		if len(fig.Table.Rows) != len(p.Metric("m").Periods()) {
			t.Errorf("%s: %d rows", tt.name, len(fig.Table.Rows))
		}
		// A figure in the sentence is written as its table writes it
		// (19.0 days in both, never 19 in one and 19.0 in the other).
		cells := map[string]bool{}
		for _, r := range fig.Table.Rows {
			for _, c := range r.Cells {
				cells[c.Text] = true
			}
		}
		for _, fig := range daysFigure.FindAllString(tt.summary, -1) {
			if !cells[fig] {
				t.Errorf("%s: the summary says %q, which its table does not (cells %v)", tt.name, fig, cells)
			}
		}
	}
}

// daysFigure finds figures in days in a sentence.
var daysFigure = regexp.MustCompile(`\d+(\.\d+)? days?`)

func TestMetricTableCells(t *testing.T) {
	// South's row target of 20 differs from North's 18, so each partner
	// gets its own target column.
	p := partnership(measure.Days, measure.Lower, f(18),
		csvdata.Performance{Period: period.MustParse("2024/25 Q1"), Partner: "north", Value: 16},
		csvdata.Performance{Period: period.MustParse("2024/25 Q1"), Partner: "south", Value: 21, Target: f(20)},
		csvdata.Performance{Period: period.MustParse("2024/25 Q2"), Partner: "north", Value: 17},
	)
	fig := Metric(en, p.Metric("m"), "", "x")
	if got := strings.Join(fig.Table.Head, "|"); got != "Period|North|North target|North status|South|South target|South status" {
		t.Errorf("head = %s", got)
	}
	var cells []string
	for _, c := range fig.Table.Rows[1].Cells {
		cells = append(cells, c.Text)
	}
	if got := strings.Join(cells, "|"); got != "17 days|18 days|On track|–|–|–" {
		t.Errorf("row 2 = %s", got)
	}
	if st := fig.Table.Rows[0].Cells[5]; st.Status == nil || *st.Status != model.AtRisk || st.Title != "At risk: within 1 day of the target of 20 days" {
		t.Errorf("south status cell = %+v", st)
	}
	heads := fig.Table.HeadCells()
	if heads[0].Num || !heads[1].Num || heads[3].Num {
		t.Errorf("head alignment = %+v", heads)
	}
	var labels []string
	for _, c := range fig.Table.Rows[1].Cells {
		labels = append(labels, c.Label)
	}
	if got := strings.Join(labels, "|"); got != "North|North target|North status|South|South target|South status" {
		t.Errorf("row 2's labels = %s", got)
	}
}

func TestSavingsSummary(t *testing.T) {
	q := period.MustParse
	d := &csvdata.Data{
		Partners: []csvdata.Partner{{ID: "north", Name: "North Council", ShortName: "North", CostShare: 600_000, Households: 40000},
			{ID: "south", Name: "South Council", ShortName: "East Herts", CostShare: 400_000}},
		Services: []csvdata.Service{{ID: "ict", Name: "ICT"}, {ID: "print", Name: "Print"}},
		Savings: []csvdata.Saving{
			{Service: "ict", Period: q("2023/24"), Costs: true, BaselineCost: gbp(3_000_000), ActualCost: gbp(2_900_000), TargetSaving: pgbp(150_000), OneOffCost: pgbp(400_000)},
			{Service: "ict", Period: q("2024/25"), Costs: true, BaselineCost: gbp(3_000_000), ActualCost: gbp(1_700_000), TargetSaving: pgbp(1_000_000), OneOffCost: pgbp(50_000)},
			{Service: "print", Period: q("2023/24"), Partner: "south", Costs: true, BaselineCost: gbp(200_000), ActualCost: gbp(100_000), OneOffCost: pgbp(185_000)},
		},
	}
	p := model.New(&config.Site{Goals: config.DefaultGoals}, d)
	// 2024/25: saving 1.3m against 1m; net 1.25m. To date: savings
	// 100,000 + 1.3m = 1.4m against 1.15m; one-off 450,000; net 950,000.
	fig := Savings(en, p.Savings("ict", ""), "s")
	want := "In 2024/25 ICT saved £1,300,000 against a target of £1,000,000: On track. After one-off costs of £50,000, that is a net saving of £1,250,000. From 2023/24 to 2024/25 savings total £1,400,000 against targets totalling £1,150,000; after one-off costs of £450,000 that is a net saving of £950,000."
	if fig.Summary != want {
		t.Errorf("summary\n%q\nwant\n%q", fig.Summary, want)
	}
	if fig.Title != "ICT savings: meeting the target of £1m in 2024/25" {
		t.Errorf("title %q", fig.Title)
	}
	// A net cost is said as one, and a name ending in s takes a bare
	// apostrophe: £100,000 saved less £185,000 one-off.
	print := Savings(en, p.Savings("print", "south"), "p")
	if want := "In 2023/24 East Herts' share of the savings from Print was £100,000. After one-off costs of £185,000, that is a net cost of £85,000."; print.Summary != want {
		t.Errorf("print summary\n%q\nwant\n%q", print.Summary, want)
	}
	// North: 60% of ICT; 950,000 * 0.6 = 570,000 over 40,000 households = £14.25.
	north := Savings(en, p.Savings("", "north"), "n")
	if !strings.HasSuffix(north.Summary, "That is £14.25 for each of North's 40,000 households.") {
		t.Errorf("north summary %q", north.Summary)
	}
	last := north.Table.Rows[1].Cells
	if last[len(last)-1].Text != "£14.25" || last[len(last)-2].Text != "£570,000" {
		t.Errorf("north last row = %+v", last)
	}
	for i, c := range last {
		if c.Label != north.Table.Head[i+1] || c.Label == "" {
			t.Errorf("north last row's cell %d is labelled %q, want its column's %q", i, c.Label, north.Table.Head[i+1])
		}
	}
	if first := Savings(en, p.Savings("", "north"), "n").Table.Rows[0].Cells[6].Text; first != "−£180,000" {
		t.Errorf("north 2023/24 net = %s, want −£180,000 with a true minus sign (60%% of 100,000 - 400,000)", first)
	}
}

// TestSavingsMoneyInOneForm checks every rule for money in a savings
// figure against hand-worked figures: a column has pence in every cell or
// in none, a sentence writes a figure as its column does, the status rule
// writes the target as the target column does, and a negative is written
// with a true minus sign in a cell and as a net cost in a sentence.
func TestSavingsMoneyInOneForm(t *testing.T) {
	q := period.MustParse
	pence := func(p int64) *money.Pence { a := money.Pence(p); return &a }
	d := &csvdata.Data{
		Partners: []csvdata.Partner{{ID: "north", Name: "North Council", ShortName: "North", CostShare: 600_000, Households: 40000},
			{ID: "south", Name: "South Council", ShortName: "South", CostShare: 400_000}},
		Services: []csvdata.Service{{ID: "ict", Name: "ICT"}, {ID: "print", Name: "Print"}},
		Savings: []csvdata.Saving{
			// Saving £200,000 against £150,000.25, no one-off cost: net £200,000.
			{Service: "ict", Period: q("2022/23"), Costs: true, BaselineCost: gbp(1_000_000), ActualCost: gbp(800_000), TargetSaving: pence(15_000_025), OneOffCost: pgbp(0)},
			// Saving £499,999.50 against £500,000, one-off £400,000: net £99,999.50.
			{Service: "ict", Period: q("2023/24"), Costs: true, BaselineCost: gbp(1_000_000), ActualCost: money.Pence(50_000_050), TargetSaving: pgbp(500_000), OneOffCost: pgbp(400_000)},
			// South's £100,000 less £185,000: net cost £85,000.
			{Service: "print", Period: q("2023/24"), Partner: "south", Costs: true, BaselineCost: gbp(200_000), ActualCost: gbp(100_000), OneOffCost: pgbp(185_000)},
		},
	}
	p := model.New(&config.Site{Goals: config.DefaultGoals}, d)
	texts := func(r Row) string {
		var c []string
		for _, cell := range r.Cells {
			c = append(c, cell.Text)
		}
		return strings.Join(c, "|")
	}
	for _, tt := range []struct {
		name, service, partner string
		rows                   []string
		titles                 []string // the status cells' rules
		summary                string
	}{
		{
			name: "ict", service: "ict",
			// Costs without sharing whole; actual costs, savings, net and net
			// to date with pence in
			// one year, so in both; targets with pence in one, so in both;
			// one-off costs whole.
			rows: []string{
				"£1,000,000|£800,000.00|£200,000.00|£150,000.25|On track|£0|£200,000.00|£200,000.00",
				"£1,000,000|£500,000.50|£499,999.50|£500,000.00|At risk|£400,000|£99,999.50|£299,999.50",
			},
			titles: []string{"On track: at or above the target of £150,000.25", "At risk: within £25,000 of the target of £500,000.00"},
			summary: "In 2023/24 ICT saved £499,999.50 against a target of £500,000.00: At risk. After one-off costs of £400,000, that is a net saving of £99,999.50. " +
				"From 2022/23 to 2023/24 savings total £699,999.50 against targets totalling £650,000.25; after one-off costs of £400,000 that is a net saving of £299,999.50.",
		},
		{
			// 60%: baselines £600,000; actuals £480,000 and £300,000.30;
			// savings £120,000 and £299,999.70; targets £90,000.15 and
			// £300,000; one-off £0 and £240,000; net £120,000 and
			// £59,999.70; to date £120,000 and £179,999.70; per household
			// (40,000) £3 and £4.4999925, to the penny £4.50.
			name: "north", partner: "north",
			rows: []string{
				"£600,000|£480,000.00|£120,000.00|£90,000.15|On track|£0|£120,000.00|£120,000.00|£3.00",
				"£600,000|£300,000.30|£299,999.70|£300,000.00|At risk|£240,000|£59,999.70|£179,999.70|£4.50",
			},
			titles: []string{"On track: at or above the target of £90,000.15", "At risk: within £15,000 of the target of £300,000.00"},
			summary: "In 2023/24 North's share of the savings was £299,999.70 against a target of £300,000.00: At risk. After one-off costs of £240,000, that is a net saving of £59,999.70. " +
				"From 2022/23 to 2023/24 savings total £419,999.70 against targets totalling £390,000.15; after one-off costs of £240,000 that is a net saving of £179,999.70. " +
				"That is £4.50 for each of North's 40,000 households.",
		},
		{
			name: "print", service: "print", partner: "south",
			rows:    []string{"£200,000|£100,000|£100,000|None|No target|£185,000|−£85,000|−£85,000"},
			titles:  []string{"No target"},
			summary: "In 2023/24 South's share of the savings from Print was £100,000. After one-off costs of £185,000, that is a net cost of £85,000.",
		},
	} {
		fig := Savings(en, p.Savings(tt.service, tt.partner), "s")
		if len(fig.Table.Rows) != len(tt.rows) {
			t.Fatalf("%s: %d rows, want %d", tt.name, len(fig.Table.Rows), len(tt.rows))
		}
		for i, r := range fig.Table.Rows {
			if got := texts(r); got != tt.rows[i] {
				t.Errorf("%s row %d\n got %s\nwant %s", tt.name, i, got, tt.rows[i])
			}
			if got := r.Cells[4].Title; got != tt.titles[i] {
				t.Errorf("%s row %d status rule %q, want %q", tt.name, i, got, tt.titles[i])
			}
		}
		if fig.Summary != tt.summary {
			t.Errorf("%s summary\n got %q\nwant %q", tt.name, fig.Summary, tt.summary)
		}
		// A title is a headline: whole pounds, never pence.
		if strings.Contains(fig.Title, ".") {
			t.Errorf("%s title %q has pence", tt.name, fig.Title)
		}
	}
}

// TestMoneyPhrases checks the phrases the pages share.
func TestMoneyPhrases(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{netPhrase(en, -21_300_000, 0), "a net cost of £213,000"},
		{netPhrase(en, -21_300_050, 2), "a net cost of £213,000.50"},
		{netPhrase(en, 0, 2), "no net saving"},
		{netPhrase(en, 130_000_000, 2), "a net saving of £1,300,000.00"}, // exact in a sentence, even in millions
		{PerHouseholdPhrase(en, 597, 2), "£5.97"},
		{PerHouseholdPhrase(en, 100, 2), "£1.00"},
		{PerHouseholdPhrase(en, -597, 2), "a net cost of £5.97"},
		{PerHouseholdPhrase(en, -597, 0), "a net cost of £6"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// gbp is a whole number of pounds; pgbp points to one.
func gbp(pounds int64) money.Pence { return money.Pence(pounds * 100) }

func pgbp(pounds int64) *money.Pence {
	p := gbp(pounds)
	return &p
}

// TestSharingWords: the averages before and since a service became shared,
// by hand: 20 and 22 days average 21 before; 18 and 17, 17.5 since; lower
// is better, so better.
func TestSharingWords(t *testing.T) {
	q := period.MustParse
	started, _ := period.ParseDay("2024-10-01")
	d := &csvdata.Data{
		Services: []csvdata.Service{{ID: "rb", Name: "Benefits", Started: started}},
		Metrics:  []csvdata.Metric{{ID: "claims", Name: "Days to process claims", Service: "rb", Goal: "efficiency", Unit: measure.Days, Direction: measure.Lower}},
		Performance: []csvdata.Performance{
			{Metric: "claims", Period: q("2024/25 Q1"), Value: 20}, {Metric: "claims", Period: q("2024/25 Q2"), Value: 22},
			{Metric: "claims", Period: q("2024/25 Q3"), Value: 18}, {Metric: "claims", Period: q("2024/25 Q4"), Value: 17},
		},
	}
	fig := Metric(en, model.New(&config.Site{Goals: config.DefaultGoals}, d).Metric("claims"), "", "c")
	if want := " The service has been shared since 1 October 2024. It averaged 21.0 days a quarter before sharing and 17.5 days since, which is better."; !strings.HasSuffix(fig.Summary, want) {
		t.Errorf("summary %q lacks %q", fig.Summary, want)
	}
	// Shared from a month, before every figure: "in", never "on April".
	month, _ := period.ParseDay("April 2024")
	d.Services[0].Started = month
	after := Metric(en, model.New(&config.Site{Goals: config.DefaultGoals}, d).Metric("claims"), "", "c")
	if want := " All these figures are from after the service became shared in April 2024, so there are no earlier figures to compare with."; !strings.HasSuffix(after.Summary, want) {
		t.Errorf("summary %q lacks %q", after.Summary, want)
	}
	if !strings.Contains(string(fig.Option), `"markLine":{"data":[{"name":"Shared from 1 October 2024","xAxis":"2024/25 Q3"}]`) {
		t.Errorf("the chart does not mark the start: %s", fig.Option)
	}
}

// TestSharingLikeWithLike: a measure that builds up through the year is
// averaged only over the same quarter as its latest figure, and a side of
// one figure says that figure. By hand, shared from 1 October 2024:
// Q2s before are 57 and 58, averaging 57.5; the Q2s since, 56 and 57.2,
// average 56.6; both to the places either needs, 57.5% and 56.6%;
// higher is better, so worse. Averaging every quarter
// instead would make it "better": (29+57+85+97+30+58)/6 = 59.33 before
// against (86+97.5+29.5+56+30+57.2)/6 = 59.37 since.
func TestSharingLikeWithLike(t *testing.T) {
	q := period.MustParse
	started, _ := period.ParseDay("2024-10-01")
	figures := func(vs map[string]float64) []csvdata.Performance {
		var out []csvdata.Performance
		for p, v := range vs {
			out = append(out, csvdata.Performance{Metric: "ctax", Period: q(p), Value: v})
		}
		return out
	}
	for _, tt := range []struct {
		name       string
		cumulative bool
		unit       measure.Unit
		figures    map[string]float64
		want       string
	}{
		{"year to date, like quarters only", true, measure.Percent, map[string]float64{
			"2023/24 Q1": 29, "2023/24 Q2": 57, "2023/24 Q3": 85, "2023/24 Q4": 97, "2024/25 Q1": 30, "2024/25 Q2": 58,
			"2024/25 Q3": 86, "2024/25 Q4": 97.5, "2025/26 Q1": 29.5, "2025/26 Q2": 56, "2026/27 Q1": 30, "2026/27 Q2": 57.2},
			" The service has been shared since 1 October 2024. It averaged 57.5% in the second quarter of each year before sharing and 56.6% since, which is worse."},
		// Figures either side, but none before sharing for Q4, the
		// latest: said, never silence.
		{"year to date, no like quarter before", true, measure.Percent, map[string]float64{
			"2024/25 Q1": 28.9, "2024/25 Q2": 56.1, "2024/25 Q3": 84, "2024/25 Q4": 97.2},
			" The service has been shared since 1 October 2024. It has no figure from before sharing for the fourth quarter, so none like its latest to compare with."},
		{"one figure each side", false, measure.GBP, map[string]float64{"2024/25 Q2": 1286, "2024/25 Q3": 1183},
			" The service has been shared since 1 October 2024. It was £1,286 in 2024/25 Q2 before sharing and £1,183 in 2024/25 Q3 since, which is better."},
		{"one figure before, two since", false, measure.GBP, map[string]float64{"2024/25 Q2": 1286, "2024/25 Q3": 1183, "2024/25 Q4": 1201},
			" The service has been shared since 1 October 2024. It was £1,286 in 2024/25 Q2 before sharing and has averaged £1,192 a quarter since, which is better."},
	} {
		d := &csvdata.Data{
			Services: []csvdata.Service{{ID: "rb", Name: "Revenues", Started: started}},
			Metrics: []csvdata.Metric{{ID: "ctax", Name: "Council tax collected", Service: "rb", Goal: "efficiency",
				Unit: tt.unit, Direction: measure.Higher, Cumulative: tt.cumulative}},
			Performance: figures(tt.figures),
		}
		if tt.unit == measure.GBP {
			d.Metrics[0].Direction = measure.Lower
		}
		fig := Metric(en, model.New(&config.Site{Goals: config.DefaultGoals}, d).Metric("ctax"), "", "c")
		if !strings.HasSuffix(fig.Summary, tt.want) {
			t.Errorf("%s: summary\n%q\nlacks\n%q", tt.name, fig.Summary, tt.want)
		}
	}
}

// TestComparedWith: where a figure stands against a benchmark, judged on
// the figures as shown and by the metric's direction, never ranked.
func TestComparedWith(t *testing.T) {
	for _, tt := range []struct {
		dir      measure.Direction
		v, bench float64
		want     string
	}{
		{measure.Lower, 16.5, 17.2, "is below it, which is better"},
		{measure.Lower, 21, 17.2, "is above it, which is worse"},
		{measure.Higher, 99.1, 99.4, "is below it, which is worse"},
		{measure.Higher, 57.3, 57.0, "is above it, which is better"},
		// 18.04 and 18.0 both show as 18.0: level, not above.
		{measure.Lower, 18.04, 18.0, "is level with it"},
		{measure.Neither, 12, 10, "is above it"},
		{measure.Neither, 8, 10, "is below it"},
	} {
		m := &model.Metric{Unit: measure.Days, Direction: tt.dir, Decimals: 1}
		if got := comparedWith(en, m, tt.v, tt.bench); got != tt.want {
			t.Errorf("%s: %v against %v = %q, want %q", tt.dir, tt.v, tt.bench, got, tt.want)
		}
	}
}

// TestCouncilRatedWithoutTarget: a report that rates a figure and gives
// no target, or leaves it unrated, is said as the council said it.
func TestCouncilRatedWithoutTarget(t *testing.T) {
	for _, c := range []struct {
		rag            measure.RAG
		title, summary string
	}{
		{measure.Green, "Days to process claims: rated on track by the council", "In July to September 2025 (2025/26 Q2), days to process claims was 12 days, which the council rates On track. This is the first figure."},
		{measure.DataOnly, "Days to process claims: not rated", "In July to September 2025 (2025/26 Q2), days to process claims was 12 days (the council reports it as data only). This is the first figure."},
	} {
		p := partnership(measure.Days, measure.Lower, nil, csvdata.Performance{Period: period.MustParse("2025/26 Q2"), Value: 12, RAG: c.rag})
		fig := Metric(en, p.Metric("m"), "", "chart-m")
		if fig.Title != c.title || fig.Summary != c.summary {
			t.Errorf("%v: title %q, summary %q; want %q, %q", c.rag, fig.Title, fig.Summary, c.title, c.summary)
		}
	}
}

// TestPrintRecent checks the rule for a report's printed tables: the
// periods from the same quarter a year before the report's to its own,
// the outturn of a year that ends among them, and any earlier row with a
// symbol the key explains; the others are marked Earlier, and the note
// names the first of them.
func TestPrintRecent(t *testing.T) {
	var rows []csvdata.Performance
	for _, p := range []string{"2023/24 Q1", "2023/24 Q2", "2023/24 Q3", "2023/24 Q4", "2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4", "2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"} {
		r := row(p, 18)
		if p == "2023/24 Q3" {
			r.Flag = measure.Revised
		}
		rows = append(rows, r)
	}
	rows = append(rows,
		csvdata.Performance{Period: period.MustParse("2024/25"), Value: 17, Outturn: true},
		csvdata.Performance{Period: period.MustParse("2025/26"), Value: 17, Outturn: true})
	for _, tc := range []struct {
		at, printed, note string
	}{
		{"2026/27 Q2", "2023/24 Q3|2025/26 Q2|2025/26 Q3|2025/26 Q4|2025/26 outturn|2026/27 Q1|2026/27 Q2",
			"Earlier quarters, from 2023/24 Q1: on the web."},
		// A year-end report: the five quarters to the year's last.
		{"2025/26", "2023/24 Q3|2024/25 Q4|2024/25 outturn|2025/26 Q1|2025/26 Q2|2025/26 Q3|2025/26 Q4|2025/26 outturn|2026/27 Q1|2026/27 Q2",
			"Earlier quarters, from 2023/24 Q1: on the web."},
		// Nothing earlier: no note.
		{"2024/25 Q1", "2023/24 Q1|2023/24 Q2|2023/24 Q3|2023/24 Q4|2024/25 Q1|2024/25 Q2|2024/25 Q3|2024/25 Q4|2024/25 outturn|2025/26 Q1|2025/26 Q2|2025/26 Q3|2025/26 Q4|2025/26 outturn|2026/27 Q1|2026/27 Q2", ""},
	} {
		fig := Metric(en, partnership(measure.Days, measure.Lower, f(18), rows...).Metric("m"), "", "x")
		fig.Table.PrintRecent(period.MustParse(tc.at), "on the web")
		var printed []string
		for _, r := range fig.Table.Rows {
			if !r.Earlier {
				printed = append(printed, r.Head)
			}
		}
		if got := strings.Join(printed, "|"); got != tc.printed {
			t.Errorf("at %s: printed %s\nwant %s", tc.at, got, tc.printed)
		}
		if fig.Table.EarlierNote != tc.note {
			t.Errorf("at %s: note %q, want %q", tc.at, fig.Table.EarlierNote, tc.note)
		}
	}
}

// TestFirstQuarterAfterOutturn: a quarter's first figure under a year's
// outturn in the table is the first quarterly figure, not the first.
func TestFirstQuarterAfterOutturn(t *testing.T) {
	outturn := row("2025/26", 81.2)
	outturn.Outturn = true
	p := partnership(measure.Percent, measure.Higher, f(80), outturn, row("2026/27 Q1", 81.7))
	fig := Metric(en, p.Metric("m"), "", "c")
	if !strings.Contains(fig.Summary, "81.7% against a target of 80%: On track. This is the first quarterly figure.") {
		t.Errorf("summary %q", fig.Summary)
	}
}

// en and cy are the built-in catalogues, for the tests' figures.
var en, cy = loadLang("en"), loadLang("cy")

func loadLang(code string) *words.Lang {
	l, probs := words.Load(code, nil, "")
	if len(probs) > 0 {
		panic(probs[0].String())
	}
	return l
}
