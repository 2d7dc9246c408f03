package site

import (
	"os"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/sitetest"
)

// evidenceFiles are the small site's actions and risks for two quarters,
// with a Q1 report beside its Q2 one. Worked by hand:
//   - dr (resilience, for uptime) is due 31 August 2024: on track at Q1,
//     overdue at Q2 whatever its row says;
//   - desk (capacity) is complete at Q2, on 15 September 2024;
//   - staff scores 4 × 4 = 16 (High) at Q1, 3 × 4 = 12 (Medium) at Q2;
//   - dc is first recorded at Q2, 2 × 5 = 10 (Medium);
//   - claims is off track at Q1 (South 19 days against 18, amber 5% of
//     it, 0.9) and no action names it; at Q2 South's 21 against its own
//     target of 20 is within 1.0, at risk.
var evidenceFiles = map[string]string{
	"data/actions.csv": "id,title,goal,service,partner,metric,owner,due,revised_due,status,completed,period,evidence,note\n" +
		"dr,Test recovery at the second data centre,resilience,ict,,uptime,Head of ICT,2024-08-31,,on track,,2024/25 Q1,,\n" +
		"dr,Test recovery at the second data centre,resilience,ict,,uptime,Head of ICT,2024-08-31,,on track,,2024/25 Q2,,Supplier date awaited.\n" +
		"desk,=1+1 one service desk,capacity,ict,north,,Head of ICT,2024/25 Q2,,on track,,2024/25 Q1,,\n" +
		"desk,=1+1 one service desk,capacity,ict,north,,Head of ICT,2024/25 Q2,,complete,2024-09-15,2024/25 Q2,https://example.org/desk.pdf,\n",
	"data/risks.csv": "id,title,goal,service,owner,likelihood,impact,period,mitigation,note\n" +
		"staff,Loss of key ICT staff,capacity,ict,Head of ICT,4,4,2024/25 Q1,Cross-training,\n" +
		"staff,Loss of key ICT staff,capacity,ict,Head of ICT,3,4,2024/25 Q2,Cross-training,\n" +
		"dc,Data centre fails,resilience,ict,Head of ICT,2,5,2024/25 Q2,Second site,\n",
	"content/reports/q1.md": "---\ntitle: Quarter 1 report\ndate: 2024-08-01\nperiod: 2024/25 Q1\n---\nThe first quarter.\n\n{{< scorecard period=\"2024/25 Q1\" >}}\n",
}

func TestEvidencePages(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, evidenceFiles)
	out, pl, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatalf("%v\n%v", err, pl.All())
	}
	var warned []string
	for _, p := range pl.All() {
		if strings.Contains(p.Message, "no action in data/actions.csv names it") {
			warned = append(warned, p.String())
		}
	}
	if want := `data/performance.csv:8: warning: metric "claims" is off track in 2024/25 Q1, the period of content/reports/q1.md and no action in data/actions.csv names it in its metric column; record the corrective action, or the report says "No corrective action recorded"`; len(warned) != 1 || warned[0] != want {
		t.Errorf("warnings %q\nwant %q", warned, want)
	}
	tests := []fileWants{
		{"goals/resilience/index.html", []string{
			`<span class="status off-track">Needs attention</span><span class="visually-hidden">:</span> 1 action is overdue. Measures: 1, at risk. Actions: 1, overdue. Risks: 1, not high.`,
			`<span class="status off-track">Overdue</span></td><td data-label="Dates" data-sort="2024-08-31">due 31 August 2024</td>`,
			"Medium: likelihood 2 × impact 5 = 10; 5 to 14 is Medium"}, nil},
		{"goals/capacity/index.html", []string{`<span class="status on-track">On course</span><span class="visually-hidden">:</span> Actions: 1, complete. Risks: 1, not high.`,
			`<a href="https://example.org/desk.pdf">Evidence</a>`}, nil},
		{"index.html", []string{`<h2 id="goals-verdict">How each goal stands</h2>`,
			`<span class="status at-risk">At risk</span><span class="visually-hidden">:</span> 1 measure is at risk. Measures: 2 in all, 1 at risk, 1 without a target. Savings: £280,000 net to date.`}, nil},
		{"actions/index.html", []string{"<h1>Actions</h1>", "Test recovery at the second data centre", "&#43;1 one service desk"}, nil},
		{"risks/index.html", []string{"<h1>Risks</h1>", "Loss of key ICT staff", "Medium: likelihood 3 × impact 4 = 12; 5 to 14 is Medium"}, nil},
		{"metrics/uptime/index.html", []string{"<h2>Actions for this measure</h2>", "Test recovery at the second data centre"}, nil},
		{"partners/north/index.html", []string{"<h2>Actions for North</h2>", "one service desk"}, []string{"Test recovery"}},
		{"services/ict/index.html", []string{"<h2>Actions and risks</h2>", "Data centre fails"}, nil},
		// The Q1 report as at Q1: dr on track, staff High, no dc yet.
		{"reports/q1/index.html", []string{`<h2 id="evidence">Actions and risks as at 2024/25 Q1</h2>`,
			`<span class="status on-track">On track</span></td><td data-label="Dates" data-sort="2024-08-31">due 31 August 2024</td>`,
			"High: likelihood 4 × impact 4 = 16; 15 and over is High",
			`Days to process claims</a>: <strong>No corrective action recorded</strong>`}, []string{"Data centre fails", `status off-track">Overdue`}},
		// The Q2 report: what moved since Q1, and claims uncorrected.
		{"reports/q2/index.html", []string{
			"one service desk, due 2024/25 Q2; completed 15 September 2024</li>",
			"<li>Slipped: Test recovery at the second data centre (now overdue; due 31 August 2024)</li>",
			`<li>New risk: Data centre fails (<span class="status at-risk">Medium</span> 10)</li>`,
			`<li>Risk score changed: Loss of key ICT staff (<span class="status at-risk">Medium</span> 12, down from High 16)</li>`,
			`<span class="meta">down from High 16</span>`}, []string{"No corrective action recorded"}},
		{"data/actions.csv", []string{"desk,'=1+1 one service desk,capacity,ict,north,,Head of ICT,2024/25 Q2,,Complete,Complete,2024-09-15,2024/25 Q2,https://example.org/desk.pdf,,5",
			"dr,Test recovery at the second data centre,resilience,ict,,uptime,Head of ICT,2024-08-31,,On track,Overdue,,2024/25 Q2,,Supplier date awaited.,3"}, nil},
		{"data/risks.csv", []string{"staff,Loss of key ICT staff,capacity,ict,Head of ICT,4,4,16,High,High: likelihood 4 × impact 4 = 16; 15 and over is High,2024/25 Q1,Cross-training,,2"}, nil},
		{"data/data.json", []string{`"actions": [`, `"state": "Overdue"`, `"risks": [`, `"title": "=1+1 one service desk"`}, []string{`'=1+1`}},
		// Each report's record of its actions and risks, as they stood then.
		{"reports/q1/actions.csv", []string{"dr,Test recovery at the second data centre,resilience,ict,,uptime,Head of ICT,2024-08-31,,On track,On track,,2024/25 Q1,,,2\n"}, []string{"Overdue"}},
		{"reports/q2/actions.csv", []string{",On track,Overdue,,2024/25 Q2,"}, nil},
		{"reports/q1/risks.csv", []string{",4,4,16,High,"}, []string{"Data centre fails"}},
		{"reports/q2/index.html", []string{`<a href="../../reports/q2/actions.csv">actions.csv</a>, <a href="../../reports/q2/risks.csv">risks.csv</a>`}, nil},
	}
	checkFiles(t, out, tests)
}

// TestEvidenceLeavesEarlierReportsAlone adds a later quarter's rows of
// actions and risks: the earlier reports are byte-identical.
func TestEvidenceLeavesEarlierReportsAlone(t *testing.T) {
	dir, _ := unpack(t, "small.txtar")
	sitetest.WriteFiles(t, dir, evidenceFiles)
	before := build(t, dir, Options{})
	later := map[string]string{
		"data/actions.csv": evidenceFiles["data/actions.csv"] +
			"dr,Test recovery at the second data centre,resilience,ict,,uptime,Head of ICT,2024-08-31,2025-01-31,complete,2025-01-20,2024/25 Q3,Test report,\n" +
			"new,A new action,resilience,,,,,2025-06,,not started,,2024/25 Q3,,\n",
		"data/risks.csv": evidenceFiles["data/risks.csv"] + "staff,Loss of key ICT staff,capacity,ict,Head of ICT,5,5,2024/25 Q3,,\n",
	}
	sitetest.WriteFiles(t, dir, later)
	after := build(t, dir, Options{})
	for _, f := range []string{"reports/q1/index.html", "reports/q2/index.html", "reports/q2/figures.csv", "reports/q1/actions.csv", "reports/q2/risks.csv"} {
		if string(before.Files[f]) != string(after.Files[f]) {
			t.Errorf("%s changed when later rows were added", f)
		}
	}
	if !strings.Contains(string(after.Files["actions/index.html"]), "A new action") {
		t.Error("the later rows are not on the actions page")
	}
}
