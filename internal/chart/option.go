package chart

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// go-echarts builds the options; partnersite never uses its page or chart
// rendering, which writes options into an inline script unescaped, turns
// "__f__...__f__" strings into raw JavaScript, hides JSON errors and gives
// charts random ids. Options are marshalled here with encoding/json, which
// escapes <, >, & and U+2028/2029, and travel in a
// <script type="application/json"> that assets/charts.js reads.

// Palette is the UK Government Analysis Function's categorical palette,
// chosen for contrast against white and between neighbours.
var Palette = []string{"#12436D", "#28A197", "#801650", "#F46A25"}

// TargetColour is the dashed target line.
const TargetColour = "#3D3D3D"

// symbols give each series its own marker shape, so series never differ by
// colour alone.
var symbols = []string{"circle", "rect", "triangle", "diamond"}

// common sets what every chart shares: legend above, tooltips on the axis,
// ARIA descriptions and decal patterns on, and the palette.
func common(unit, label string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		// ECharts writes aria.label.description as the container's
		// aria-label; without it, it would replace the plain-English
		// label with a generated one.
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: label},
			Decal: &opts.AriaDecal{Show: opts.Bool(true)}}),
		charts.WithColorsOpts(opts.Colors(Palette)),
		// The right margin holds half of the last period's label
		// ("2025/26 Q2"), which ECharts' containLabel does not count when
		// the label is one it was told to show. The top holds one line of
		// legend and the axis name; charts.js adds a line for each line
		// the legend wraps onto.
		charts.WithGridOpts(opts.Grid{Top: "48", Left: "8", Right: "36", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: unit}),
		// The latest period is the one a reader looks for: label it even
		// where ECharts would thin the labels of a long axis.
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{ShowMaxLabel: opts.Bool(true)}}),
	}
}

// marshal finishes an option: it drops go-echarts' empty title and
// toolbox, and marshals with encoding/json, failing loudly on NaN rather
// than rendering an empty chart.
func marshal(obj map[string]any) ([]byte, error) {
	delete(obj, "title")
	delete(obj, "toolbox")
	b, err := json.Marshal(obj)
	if err == nil {
		// go-echarts' values are its own structs; the words are set on
		// the plain JSON they marshal to.
		var plain map[string]any
		if err = json.Unmarshal(b, &plain); err == nil {
			legible(plain)
			b, err = json.Marshal(plain)
		}
	}
	if err != nil {
		// Only a NaN or an infinity can cause this, and csvdata refuses
		// both. Should one get through, the build fails and says so: a
		// chart that vanished without a word would hide a wrong figure.
		return nil, fmt.Errorf("chart options: %w", err)
	}
	return b, nil
}

// FontSize is the size in CSS pixels of every word a chart draws: its
// axis labels and names, its legend, its marks and tooltips. ECharts'
// own 12 px is small beside the site's 17 px text; 14 px is the least a
// reader should be asked to read, and prints at 10 pt or more (charts.js
// draws a printed chart at the width of the paper).
const FontSize = 14

// TextColour and AxisColour are the chart's words: the site's text colour
// for the legend, its muted grey (9.4:1 against white) for the axes, where
// ECharts' own #6E7079 is only 4.9:1.
const (
	TextColour = "#0B0C0C"
	AxisColour = "#484949"
)

// legible sets the size and colour of every word in an option.
func legible(obj map[string]any) {
	text := func(colour string) map[string]any { return map[string]any{"fontSize": FontSize, "color": colour} }
	obj["textStyle"] = text(TextColour)
	legend, _ := obj["legend"].(map[string]any)
	if legend != nil {
		legend["textStyle"] = text(TextColour)
	}
	if t, ok := obj["tooltip"].(map[string]any); ok {
		t["textStyle"] = text(TextColour)
	}
	for _, key := range []string{"xAxis", "yAxis"} {
		axes, _ := obj[key].([]any)
		for _, a := range axes {
			axis, ok := a.(map[string]any)
			if !ok {
				continue
			}
			label, _ := axis["axisLabel"].(map[string]any)
			if label == nil {
				label = map[string]any{}
			}
			label["fontSize"], label["color"] = FontSize, AxisColour
			axis["axisLabel"] = label
			axis["nameTextStyle"] = text(AxisColour)
		}
	}
	series, _ := obj["series"].([]any)
	var keys []any
	for _, s := range series {
		sm, ok := s.(map[string]any)
		if !ok {
			continue
		}
		// The legend keys each series by its line and marker, as drawn;
		// a dashed line without markers (a target) is keyed by its
		// dashes alone, where ECharts would add a dot.
		key := map[string]any{"name": sm["name"]}
		if ls, ok := sm["lineStyle"].(map[string]any); ok && sm["symbol"] == "none" && ls["type"] == "dashed" {
			key["icon"] = DashIcon
		}
		keys = append(keys, key)
		if ml, ok := sm["markLine"].(map[string]any); ok {
			if label, ok := ml["label"].(map[string]any); ok {
				label["fontSize"], label["color"] = FontSize, TextColour
			}
		}
	}
	if legend != nil && keys != nil {
		legend["data"] = keys
	}
}

// DashIcon is the legend key of a dashed target line: three dashes, as
// the line is drawn, with no marker, since the line has none.
const DashIcon = "path://M0,6h7v3H0zM10,6h7v3h-7zM20,6h7v3h-7z"

func metricOption(lang *words.Lang, m *model.Metric, series []*model.Series, periods []period.Period, label string) ([]byte, error) {
	if len(periods) == 0 {
		return nil, nil
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common(m.Unit.Label(m.Lang()), label)...)
	// A line chart need not start at zero: availability moving between
	// 98.7% and 99.8% would be a flat line on a 0-100 axis.
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: m.Unit.Label(m.Lang()), Scale: opts.Bool(true)}))
	// The latest period is labelled at the last point, centred, so the
	// plot leaves room at its right for half a label (see common); labels
	// sit a little lower than ECharts' default, clear of the value axis's
	// lowest figure (16 px below the axis, for 14 px text).
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{ShowMaxLabel: opts.Bool(true), Margin: 16}}))
	x := make([]string, len(periods))
	for i, p := range periods {
		x[i] = p.String()
	}
	line.SetXAxis(x)
	shared, marked := sharedFrom(m, periods)
	for i, s := range series {
		data := make([]opts.LineData, len(periods))
		for j, p := range periods {
			data[j] = opts.LineData{Value: "-"} // ECharts' mark for a gap
			if pt := s.At(p); pt != nil && pt.Has() {
				data[j] = opts.LineData{Value: format.Round(pt.Value, 6)}
			}
		}
		sopts := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{Symbol: symbols[i%len(symbols)], SymbolSize: 8, ShowSymbol: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Width: 3}),
		}
		if marked && i == 0 {
			// Before and after sharing: a vertical line where the service
			// became shared, drawn by the options, labelled in words.
			label := lang.F("chart.option.shared-from", "date", m.Service.Started.In(lang))
			sopts = append(sopts,
				charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: label, XAxis: shared.String()}),
				// The label sits above the plot, level, at the top of
				// the line: along the line it would lie across the data.
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					Label:     &opts.Label{Show: opts.Bool(true), Formatter: label, Position: "end"},
					LineStyle: &opts.LineStyle{Type: "solid", Width: 2, Color: TargetColour}}))
		}
		line.AddSeries(s.Name(), data, sopts...)
	}
	if target := targetSeries(series, periods); target != nil {
		line.AddSeries(lang.T("chart.option.target"), target,
			charts.WithLineChartOpts(opts.LineChart{Symbol: "none", Step: "middle"}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: TargetColour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: TargetColour}))
	}
	for i, b := range benchmarksIn(m, periods) {
		data := make([]opts.LineData, len(periods))
		for j, p := range periods {
			data[j] = opts.LineData{Value: "-"}
			if pt := b.At(p); pt != nil && pt.Has() {
				data[j] = opts.LineData{Value: format.Round(pt.Value, 6)}
			}
		}
		// Dotted, with hollow markers, in a colour no partner or target
		// has: a benchmark cannot be taken for either.
		line.AddSeries(b.Name, data,
			charts.WithLineChartOpts(opts.LineChart{Symbol: benchmarkSymbols[i%len(benchmarkSymbols)], SymbolSize: 9, ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dotted", Width: 3, Color: BenchmarkColour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: BenchmarkColour}))
	}
	line.Validate()
	return marshal(line.JSON())
}

// BenchmarkColour draws benchmarks: a purple no partner's colour is near,
// 10.1:1 against white.
const BenchmarkColour = "#4C2C92"

// benchmarkSymbols are hollow, where partners' markers are filled.
var benchmarkSymbols = []string{"emptyDiamond", "emptyTriangle", "emptyRect", "emptyCircle"}

// benchmarksIn are the metric's benchmarks with a figure for at least one
// of periods: those a chart and its table show.
func benchmarksIn(m *model.Metric, periods []period.Period) []*model.Benchmark {
	var out []*model.Benchmark
	for _, b := range m.Benchmarks {
		for _, p := range periods {
			if pt := b.At(p); pt != nil {
				out = append(out, b)
				break
			}
		}
	}
	return out
}

// targetSeries is the target for each period, taken from the first series
// that has one; nil when no period has a target.
func targetSeries(series []*model.Series, periods []period.Period) []opts.LineData {
	out := make([]opts.LineData, len(periods))
	drawn := false
	for j, p := range periods {
		out[j] = opts.LineData{Value: "-"}
		for _, s := range series {
			if pt := s.At(p); pt != nil && pt.Target != nil {
				out[j] = opts.LineData{Value: format.Round(*pt.Target, 6)}
				drawn = true
				break
			}
		}
	}
	if !drawn {
		return nil
	}
	return out
}

func savingsOption(lang *words.Lang, v *model.Savings, label string) ([]byte, error) {
	if len(v.Years) == 0 {
		return nil, nil
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(common(measure.GBP.Label(v.Lang()), label)...)
	x := make([]string, len(v.Years))
	saving := make([]opts.BarData, len(v.Years))
	net := make([]opts.BarData, len(v.Years))
	target := make([]opts.BarData, len(v.Years))
	hasTarget := false
	for i, y := range v.Years {
		x[i] = y.Period.String()
		saving[i] = opts.BarData{Value: y.Saving.Pounds()}
		net[i] = opts.BarData{Value: y.Net.Pounds()}
		if !y.Counted() {
			saving[i], net[i] = opts.BarData{Value: "-"}, opts.BarData{Value: "-"}
		}
		target[i] = opts.BarData{Value: "-"}
		if y.Target != nil {
			target[i] = opts.BarData{Value: y.Target.Pounds()}
			hasTarget = true
		}
	}
	bar.SetXAxis(x)
	bar.AddSeries(lang.T("savings.option.saving"), saving)
	bar.AddSeries(lang.T("savings.option.net"), net)
	bar.Validate()
	out, err := marshal(bar.JSON())
	if !hasTarget || err != nil {
		return out, err
	}
	// The target is a dashed line over the bars. go-echarts' Bar has no
	// line series, so it is added to the marshalled option.
	var obj map[string]any
	if err := json.Unmarshal(out, &obj); err != nil {
		return nil, fmt.Errorf("chart options: %w", err)
	}
	series, ok := obj["series"].([]any)
	if !ok {
		return nil, fmt.Errorf("chart options: go-echarts wrote no series")
	}
	tdata := make([]any, len(target))
	for i, t := range target {
		tdata[i] = t.Value
	}
	obj["series"] = append(series, map[string]any{
		"name": lang.T("savings.option.target"), "type": "line", "data": tdata, "symbol": "none", "step": "middle",
		"lineStyle": map[string]any{"type": "dashed", "width": 2, "color": TargetColour},
		"itemStyle": map[string]any{"color": TargetColour},
	})
	return marshal(obj)
}

// cumulativeOption draws a year-to-date metric with each financial year as
// its own line over the quarters (Q1 to Q4) or months (Apr to Mar) of a
// year, so that this year so far sits against last year at the same point:
// a line over every period would saw up and fall back each April.
//
// A metric reported per partner is one chart with a line per partner and
// year ("North 2024/25"), coloured by year and marked by partner, rather
// than a chart per partner: the page keeps one figure per measure, with
// the table and summary that go with it, and each partner's own page
// already draws its lines alone.
func cumulativeOption(lang *words.Lang, m *model.Metric, series []*model.Series, periods []period.Period, label string) ([]byte, error) {
	if len(periods) == 0 {
		return nil, nil
	}
	var years []int
	for _, p := range periods {
		if y, _ := yearPlace(p); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	x := quarterNames
	if m.Kind == period.Month {
		x = monthNames(lang)
	}
	line := charts.NewLine()
	line.SetGlobalOptions(common(m.Unit.Label(m.Lang()), label)...)
	line.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: m.Unit.Label(m.Lang()), Scale: opts.Bool(true)}))
	line.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{ShowMaxLabel: opts.Bool(true), Margin: 16}}))
	line.SetXAxis(x)
	for si, s := range series {
		for yi, y := range years {
			data := make([]opts.LineData, len(x))
			drawn := false
			for j := range x {
				data[j] = opts.LineData{Value: "-"}
				if pt := s.At(placeIn(m.Kind, y, j)); pt != nil && pt.Has() {
					data[j] = opts.LineData{Value: format.Round(pt.Value, 6)}
					drawn = true
				}
			}
			if !drawn {
				continue
			}
			name := fyName(y)
			if len(series) > 1 {
				name = s.Name() + " " + name
			}
			colour := Palette[yi%len(Palette)]
			line.AddSeries(name, data,
				charts.WithLineChartOpts(opts.LineChart{Symbol: symbols[si%len(symbols)], SymbolSize: 8, ShowSymbol: opts.Bool(true)}),
				charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Color: colour}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}))
		}
	}
	// The target is the latest year's, the one the year's figures so far
	// are heading for; earlier years' targets are in the table.
	latest := make([]period.Period, len(x))
	for j := range x {
		latest[j] = placeIn(m.Kind, years[len(years)-1], j)
	}
	if target := targetSeries(series, latest); target != nil {
		line.AddSeries(lang.F("chart.option.target-year", "year", fyName(years[len(years)-1])), target,
			charts.WithLineChartOpts(opts.LineChart{Symbol: "none", Step: "middle"}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: "dashed", Width: 2, Color: TargetColour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: TargetColour}))
	}
	line.Validate()
	return marshal(line.JSON())
}

// quarterNames are the x axis of a year-to-date chart of quarters: the
// places in a financial year, written as periods are in every language
// ("2024/25 Q1").
var quarterNames = []string{"Q1", "Q2", "Q3", "Q4"}

// monthNames are the x axis of a year-to-date chart of months, April to
// March, in the chart's language ("Apr", "Ebr").
func monthNames(lang *words.Lang) []string {
	out := make([]string, 12)
	for i := range out {
		out[i] = lang.T(fmt.Sprintf("chart.month-short.%d", (i+3)%12+1))
	}
	return out
}

// yearPlace is the financial year a quarter or month falls in (2024 for
// 2024/25) and its place in it from 0: Q1 and April are 0, March is 11.
func yearPlace(p period.Period) (year, place int) {
	if p.Kind == period.Month {
		if p.N >= 4 {
			return p.Year, p.N - 4
		}
		return p.Year - 1, p.N + 8
	}
	return p.Year, p.N - 1
}

// placeIn is the quarter or month at place in the financial year starting
// in year: yearPlace's inverse.
func placeIn(kind period.Kind, year, place int) period.Period {
	if kind == period.Month {
		if place < 9 {
			return period.Period{Kind: period.Month, Year: year, N: place + 4}
		}
		return period.Period{Kind: period.Month, Year: year + 1, N: place - 8}
	}
	return period.Period{Kind: period.Quarter, Year: year, N: place + 1}
}

// fyName names a financial year by the year it starts in: "2024/25".
func fyName(year int) string { return period.Period{Kind: period.Year, Year: year}.String() }
