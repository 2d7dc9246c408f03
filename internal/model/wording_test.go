package model

import (
	"testing"
)

// TestRuleNamesEachFiguresTarget: a series whose targets change from one
// figure to the next, in value or only in how they were written, states
// each figure's own target and margin in its rule, never the one before.
func TestRuleNamesEachFiguresTarget(t *testing.T) {
	site, data, pl := loadFiles(t, map[string]string{
		"partners.csv": "id,name,short_name,households,cost_share\na,Council A,A,\"60,000\",100\n",
		"services.csv": "id,name\nict,ICT\n",
		"metrics.csv":  "id,name,service,goal,unit,direction,target\nuptime,Uptime,ict,efficiency,percent,higher,90\n",
		"performance.csv": "metric,period,partner,value,target\n" +
			"uptime,2024/25 Q1,a,89,\n" +
			"uptime,2024/25 Q2,a,89,\n" +
			"uptime,2024/25 Q3,a,89,95\n" +
			"uptime,2024/25 Q4,a,89,90.0\n" +
			"uptime,2025/26 Q1,a,89,90.0\n" +
			"uptime,2025/26 Q2,a,89,\n",
	})
	p := New(site, data)
	if pl.Errors() > 0 {
		t.Fatalf("problems: %v", pl.All())
	}
	m := p.Metric("uptime")
	if m == nil || len(m.Series) != 1 {
		t.Fatalf("metric: %+v", m)
	}
	want := []string{
		"At risk: within 4.5 points of the target of 90%",
		"At risk: within 4.5 points of the target of 90%",
		"Off track: more than 4.75 points below the target of 95%",
		"At risk: within 4.5 points of the target of 90.0%",
		"At risk: within 4.5 points of the target of 90.0%",
		"At risk: within 4.5 points of the target of 90%",
	}
	pts := m.Series[0].Points
	if len(pts) != len(want) {
		t.Fatalf("%d figures, want %d", len(pts), len(want))
	}
	for i, pt := range pts {
		if got := pt.Rating.Rule(en); got != want[i] {
			t.Errorf("%s: %q, want %q", pt.Period, got, want[i])
		}
		if got := m.ruleRating(&pts[i]).Rule(en); got != want[i] {
			t.Errorf("%s: ruleRating %q, want %q", pt.Period, got, want[i])
		}
	}
}
