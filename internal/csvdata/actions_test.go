package csvdata

import (
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/measure"
)

const actionsHeader = "id,title,goal,service,partner,metric,owner,due,revised_due,status,completed,period,evidence,note\n"

// TestActions reads actions.csv rows, good and bad, each problem at its
// line.
func TestActions(t *testing.T) {
	tests := []struct {
		name, body string
		problems   []string
	}{
		{"good rows in every date form",
			"dr-test,Test recovery at the second data centre,resilience,ict,,,Head of ICT,2025-03-31,2025-09,on track,,2024/25 Q4,,\n" +
				"desk,Single service desk,capacity,ict,north,uptime,Head of ICT,2024/25 Q2,,Complete,15/09/2024,,https://example.gov.uk/desk-report,Opened.\n" +
				"skills,Skills review,capacity,,,,,2025-06,,GREEN,,,,\n", nil},
		{"bad cells, each at its line",
			"a1,Title,resilence,itc,west,uptme,,next year,soon,finished,31/02/2025,2024/25 Q5,,\n" +
				",,capacity,,,,,,,,,,,\n",
			nil},
		{"a duplicate id for one period, and the same id in two periods",
			"a1,One,resilience,,,,,2025-03,,on track,,2024/25 Q1,,\n" +
				"a1,One,resilience,,,,,2025-03,,delayed,,2024/25 Q2,,\n" +
				"a1,One again,resilience,,,,,2025-03,,delayed,,2024/25 Q2,,\n",
			[]string{`data/actions.csv:4: action "a1" has a row for 2024/25 Q2 on line 3 already; give each action one row for each period`}},
		{"complete without evidence",
			"a1,One,resilience,,,,,2025-03,,complete,2025-02-01,,,\n",
			[]string{`data/actions.csv:2: warning: action "a1" is complete but gives no evidence; say in the evidence column what shows it was done (a test report, a committee decision)`}},
		{"evidence that is a script address",
			"a1,One,resilience,,,,,2025-03,,complete,2025-02-01,,javascript://alert(1),\n",
			[]string{`data/actions.csv:2: evidence "javascript://alert(1)" is not a web address; write it in full, starting https://`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"actions.csv": s(actionsHeader + tt.body)})
			if tt.name == "bad cells, each at its line" {
				want := []string{
					`data/actions.csv:2: completed "31/02/2025" is not a date`,
					`data/actions.csv:2: due "next year" is not a date, a month or a period; write 2025-03-31, 2025-03 or 2024/25 Q4`,
					`data/actions.csv:2: goal "resilence" is not a goal in site.yaml`,
					`data/actions.csv:2: metric "uptme" is not a metric in data/metrics.csv`,
					`data/actions.csv:2: partner "west" is not a partner in data/partners.csv`,
					`data/actions.csv:2: revised_due "soon" is not a date, a month or a period; write 2025-03-31, 2025-03 or 2024/25 Q4`,
					`data/actions.csv:2: service "itc" is not a service in data/services.csv`,
					`data/actions.csv:2: status "finished" is not an action's status`,
					`data/actions.csv:2: period`,
					`data/actions.csv:3: id is empty`,
					`data/actions.csv:3: title is empty`,
					`data/actions.csv:3: due is empty`,
					`data/actions.csv:3: status is empty`,
				}
				for _, w := range want {
					if !slices.ContainsFunc(probs, func(p string) bool { return strings.HasPrefix(p, w) }) {
						t.Errorf("no problem starting %q in:\n%s", w, strings.Join(probs, "\n"))
					}
				}
				return
			}
			if !slices.Equal(probs, tt.problems) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.problems, "\n"))
			}
			if tt.name == "good rows in every date form" {
				a := d.Actions
				if len(a) != 3 || a[0].Due.String() != "31 March 2025" || a[0].RevisedDue.String() != "September 2025" ||
					a[1].Due.String() != "2024/25 Q2" || a[1].Status != measure.Complete || a[1].Completed.String() != "15 September 2024" ||
					a[1].Partner != "north" || a[1].Metric != "uptime" || a[2].Status != measure.ActionOnTrack || a[2].Due.End().Format("2006-01-02") != "2025-06-30" {
					t.Errorf("actions %+v", a)
				}
			}
		})
	}
}

// TestActionLogAsExported reads an action log as a council's performance
// system exports it: a title row, its own headers, codes with spaces,
// RAG words and day-first dates.
func TestActionLogAsExported(t *testing.T) {
	body := "Shared Services Action Plan 2026/27\n\n" +
		"Code,Action,Goal,Lead,Due Date,Revised Date,Status,Period,Note\n" +
		"ICT 01,Test disaster recovery at the second site,resilience,Head of ICT,30/06/2026,31/10/2026,Amber,2024/25 Q2,Supplier date awaited\n" +
		"ICT 02,Single service desk,capacity,Head of ICT,30/09/2026,,Completed,2024/25 Q2,\n"
	d, probs := load(t, map[string]*string{"actions.csv": s(body)})
	want := []string{`data/actions.csv:5: warning: action "ICT 02" is complete but gives no evidence; say in the evidence column what shows it was done (a test report, a committee decision)`}
	if !slices.Equal(probs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Actions) != 2 || d.Actions[0].ID != "ICT 01" || d.Actions[0].Owner != "Head of ICT" || d.Actions[0].Status != measure.ActionAtRisk ||
		d.Actions[0].RevisedDue.String() != "31 October 2026" || d.Actions[1].Status != measure.Complete || d.Actions[1].Line != 5 {
		t.Errorf("actions %+v", d.Actions)
	}
}

// TestRisks reads risks.csv rows, good and bad.
func TestRisks(t *testing.T) {
	body := "id,title,goal,service,owner,likelihood,impact,period,mitigation,note\n" +
		"staff,Loss of key ICT staff,capacity,ict,Head of ICT,4,4,2024/25 Q1,Cross-training,\n" +
		"staff,Loss of key ICT staff,capacity,ict,Head of ICT,3,4,2024/25 Q2,Cross-training,\n" +
		"bad,Bad,resilience,,,6,2.5,,,\n" +
		"worse,Worse,resilience,,,,x,,,\n"
	d, probs := load(t, map[string]*string{"risks.csv": s(body)})
	want := []string{
		`data/risks.csv:4: impact "2.5" must be a whole number from 1 to 5`,
		`data/risks.csv:4: likelihood "6" must be a whole number from 1 to 5`,
		`data/risks.csv:5: impact "x" is not a number`,
		`data/risks.csv:5: likelihood is empty`,
	}
	for _, w := range want {
		if !slices.ContainsFunc(probs, func(p string) bool { return strings.HasPrefix(p, w) }) {
			t.Errorf("no problem starting %q in:\n%s", w, strings.Join(probs, "\n"))
		}
	}
	if len(d.Risks) != 4 || d.Risks[0].Likelihood != 4 || d.Risks[1].Impact != 4 || d.Risks[1].Period.String() != "2024/25 Q2" {
		t.Errorf("risks %+v", d.Risks)
	}
}
