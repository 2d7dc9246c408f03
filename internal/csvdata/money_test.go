package csvdata

import (
	"slices"
	"strings"
	"testing"
)

// TestMoneyFigures loads metrics in pounds, in pounds, thousands and
// millions, with figures at and beyond what money can hold once scaled.
// A real amount over £1 trillion or finer than a penny is an error naming
// the cell; before, a £m figure of 999,999,999,999 was read as
// 999,999,999,999,000,064 pounds on the page while the download kept the
// digits, and £000 figures written to six places showed as £1,234.500.
func TestMoneyFigures(t *testing.T) {
	metrics := "id,name,service,goal,unit,direction,target\n" +
		"cost,Cost,ict,efficiency,gbp,lower,\n" +
		"costk,Cost in thousands,ict,efficiency,£000,lower,\n" +
		"costm,Cost in millions,ict,efficiency,£m,lower,\n"
	perf := "metric,period,partner,value,target\n"
	tests := []struct {
		name   string
		files  map[string]*string
		want   []string // every problem, exactly
		places int8     // of the first figure of the performance file
		value  float64
	}{
		{"£1 trillion in millions is the limit", map[string]*string{"performance.csv": s(perf + "costm,2024/25,,1000000,\n")},
			nil, 0, 1e12},
		{"over £1 trillion in millions", map[string]*string{"performance.csv": s(perf + "costm,2024/25,,999999999999,\n")},
			[]string{`data/performance.csv:2: value "999999999999" in millions is £999999999999000000, more than the £1,000,000,000,000 a figure may be; check the figure and the metric's scale`}, 0, 999999999999e6},
		{"over £1 trillion in pounds", map[string]*string{"performance.csv": s(perf + "cost,2024/25,,\"£1,000,000,000,000.01\",\n")},
			[]string{`data/performance.csv:2: value "£1,000,000,000,000.01" is £1000000000000.01, more than the £1,000,000,000,000 a figure may be; check the figure and the metric's scale`}, 2, 1000000000000.01},
		{"a target over £1 trillion", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,5,1000000001\n")},
			[]string{`data/performance.csv:2: target "1000000001" in thousands is £1000000001000, more than the £1,000,000,000,000 a figure may be; check the figure and the metric's scale`}, 0, 5000},
		{"a fraction of a penny in thousands", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,1.000001,\n")},
			[]string{`data/performance.csv:2: value "1.000001" in thousands is £1000.001, a fraction of a penny; write at most 5 decimal places`}, 2, 1000.001},
		{"a penny in thousands", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,1.00001,\n")},
			nil, 2, 1000.01},
		{"a fraction of a penny in pounds", map[string]*string{"performance.csv": s(perf + "cost,2024/25,,12.345 [p],\n")},
			[]string{`data/performance.csv:2: value "12.345 [p]" is £12.345, a fraction of a penny; write at most 2 decimal places`}, 2, 12.345},
		{"pence in thousands show two places", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,1.2345,\n")},
			nil, 2, 1234.5},
		{"trailing zeros past the penny are not pence", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,1.234500,\n")},
			nil, 2, 1234.5},
		{"zero to six places in thousands is £0", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,0.000000,\n")},
			nil, 0, 0},
		{"whole pounds written with pence keep them", map[string]*string{"performance.csv": s(perf + "cost,2024/25,,12.00,\n")},
			nil, 2, 12},
		{"a metric's target too fine", map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction,target,amber\ncostk,Cost,ict,efficiency,£000,lower,1.0000001,0.5\n"), "performance.csv": s(perf + "costk,2024/25,,1,\n")},
			[]string{`data/metrics.csv:2: target "1.0000001" in thousands is £1000.0001, a fraction of a penny; write at most 5 decimal places`}, 0, 1000},
		{"a metric's amber too large", map[string]*string{"metrics.csv": s("id,name,service,goal,unit,direction,target,amber\ncostm,Cost,ict,efficiency,£m,lower,1,2000000\n"), "performance.csv": s(perf + "costm,2024/25,,1,\n")},
			[]string{`data/metrics.csv:2: amber "2000000" in millions is £2000000000000, more than the £1,000,000,000,000 a figure may be; check the figure and the metric's scale`}, 0, 1e6},
		{"a benchmark too fine", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,1,\n"), "benchmarks.csv": s("metric,period,benchmark,value\ncostk,2024/25,England median,0.000001\n")},
			[]string{`data/benchmarks.csv:2: value "0.000001" in thousands is £0.001, a fraction of a penny; write at most 5 decimal places`}, 0, 1000},
		{"a profiled target too large", map[string]*string{"performance.csv": s(perf + "costk,2024/25,,1,\n"), "targets.csv": s("metric,period,target\ncostk,2024/25,2000000000\n")},
			[]string{`data/targets.csv:2: target "2000000000" in thousands is £2000000000000, more than the £1,000,000,000,000 a figure may be; check the figure and the metric's scale`}, 0, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, ok := tt.files["metrics.csv"]; !ok {
				tt.files["metrics.csv"] = s(metrics)
			}
			d, all := load(t, tt.files)
			var got []string // the errors: a metric left without figures is warned of
			for _, p := range all {
				if !strings.Contains(p, ": warning: ") {
					got = append(got, p)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
			if len(d.Performance) == 0 {
				t.Fatal("no figures read")
			}
			if p := d.Performance[0]; p.Value != tt.value || p.Places != tt.places {
				t.Errorf("figure = %v to %d places, want %v to %d", p.Value, p.Places, tt.value, tt.places)
			}
		})
	}
}
