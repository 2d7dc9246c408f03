// Package chart turns the model into figures: a headline title that says
// the message, a plain subtitle, a one-sentence summary generated from the
// data, the figures as a table, and (for the browser) chart options built
// with go-echarts. The summary and table carry everything, so a page reads
// fully with JavaScript off, in print and in a screen reader; the chart is
// an addition for sighted readers with JavaScript.
package chart

import (
	"cmp"
	"fmt"
	"github.com/partnersite/partnersite/internal/measure"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/words"
)

// Figure is one chart with everything that stands in for it.
type Figure struct {
	ID       string // stable, unique within its page
	Title    string // says the message: "Claims: missing the target of 18 days"
	Subtitle string // measure, unit and periods
	Summary  string // one or two plain-English sentences from the data
	Table    Table
	CSV      string // site-root-relative path of the CSV download
	// Label is the chart container's accessible name.
	Label string
	// Unit is written into the chart container's attributes (prefix,
	// suffix, words, axis places; see partials/figure.html), from which
	// assets/charts.js formats axis labels and tooltips; Places is how
	// many decimal places a tooltip gives, as the table.
	Unit   measure.Unit
	Places int
	// Option is the chart's ECharts option as JSON, or nil when the
	// figure has no chart (no figures to draw).
	Option []byte
	// Err is why the option could not be made; a page with such a
	// figure fails to build rather than lose its chart silently.
	Err error
	// Whole is what the figure shows the whole of, where it can be
	// framed alone on a page of its own: the *model.Metric, or the
	// *model.Savings of the partnership or a service; nil for a part,
	// such as one partner's series.
	Whole any
	// Embed is the site-root path of the page that shows the figure
	// alone, for framing, or "" for none. The site sets it, from Whole:
	// where pages are written is the site's to say.
	Embed string
}

// Table is a figure's data as an HTML table.
type Table struct {
	Caption string
	// Key explains the symbols in the table ("[p] provisional"), in the
	// order they first appear.
	Key  []string
	Head []string
	Rows []Row
	// EarlierNote, when set, is the line printed under the table in
	// place of its earlier rows, saying where they are (see PrintRecent).
	EarlierNote string
	kind        period.Kind // of the rows' periods
	// lang writes the table's words, and PrintRecent's note, in the
	// language the figure was made in.
	lang *words.Lang
}

// Row is one table row; Head is its row header (th scope="row").
type Row struct {
	Head  string
	Cells []Cell
	// Earlier marks a row that a printed report leaves out: the page on
	// screen, and so a screen reader, still has it (see PrintRecent).
	Earlier bool
	period  period.Period
	keyed   bool // a cell has a symbol the table's key explains
}

// Cell is one table cell. Num right-aligns figures; Status, when set,
// shows the status word with its class. The class is a field rather than
// a method call because templates call methods by reflection, and a large
// site has hundreds of thousands of cells.
type Cell struct {
	Text        string
	Num         bool
	Status      *model.Status
	StatusClass string // Status.Class(), when Status is set
	Title       string // the rule behind a status, shown on hover
	// Label is the cell's column header, which a narrow screen shows
	// beside it (data-label): set once the table is made, so that the
	// template reads a field where it looked the header up in every cell.
	Label string
}

// labelled gives each cell of t its column's header as its Label.
func (t Table) labelled() Table {
	for _, r := range t.Rows {
		for i := range r.Cells {
			if i+1 < len(t.Head) {
				r.Cells[i].Label = t.Head[i+1]
			}
		}
	}
	return t
}

func num(s string) Cell { return Cell{Text: s, Num: true} }

func status(l *words.Lang, r model.Rating) Cell {
	s := r.Status
	return Cell{Text: s.Word(l), Status: &s, StatusClass: s.Class(), Title: r.Rule(l)}
}

func kindAdverb(lang *words.Lang, k period.Kind) string {
	switch k {
	case period.Year:
		return lang.T("chart.by-year")
	case period.Quarter:
		return lang.T("chart.by-quarter")
	case period.Month:
		return lang.T("chart.by-month")
	}
	return ""
}

// yearToDate reports whether a metric's chart draws each financial year as
// its own line: a cumulative metric of quarters or months. A cumulative
// metric of whole years has one figure a year, which a line over the years
// already shows.
func yearToDate(m *model.Metric) bool {
	return m.Cumulative && (m.Kind == period.Quarter || m.Kind == period.Month)
}

// soFar spells out the part of its financial year a quarter or month
// ends: "April to September 2024", "April 2024 to March 2025", or "April
// 2024" for the first month.
func soFar(lang *words.Lang, p period.Period) string {
	y, place := yearPlace(p)
	start := placeIn(p.Kind, y, 0)
	if place == 0 {
		return p.LabelIn(lang)
	}
	return span(lang, start.Start(), p.End())
}

// span names the months from the one starting at from to the one ending
// at to: "April to September 2024", or "April 2024 to March 2025" across
// a new year.
func span(lang *words.Lang, from, to time.Time) string {
	if from.Year() == to.Year() {
		return lang.F("chart.span", "from", lang.Month(from.Month()), "to", lang.Month(to.Month()), "year", to.Year())
	}
	return lang.F("chart.span.years", "from", lang.Month(from.Month()), "start", from.Year(), "to", lang.Month(to.Month()), "year", to.Year())
}

// adverb says how a metric's figures run, for subtitles and captions: "by
// quarter", or "year to date, by quarter" for a cumulative metric.
func adverb(lang *words.Lang, m *model.Metric) string {
	if m.Cumulative {
		return lang.F("chart.year-to-date", "by", kindAdverb(lang, m.Kind))
	}
	return kindAdverb(lang, m.Kind)
}

// headline phrases a rating for a figure title: "missing the target of
// 18 days", or "missing it" where an earlier part of the title has given
// the target (said).
func headline(lang *words.Lang, s model.Status, target string, said bool) string {
	switch {
	case s == model.NotRated:
		return lang.T("chart.headline.not-rated")
	case target == "" && s > model.NoTarget:
		// Rated by the council's report, which gave no target.
		return lang.F("chart.headline.council", "status", s.Word(lang))
	}
	// Each case is a whole phrase, since a language may put the target
	// elsewhere than English does, or say "it" with the verb.
	key := ""
	switch s {
	case model.OnTrack:
		key = "chart.headline.meeting"
	case model.AtRisk:
		key = "chart.headline.short"
	case model.OffTrack:
		key = "chart.headline.missing"
	default:
		return lang.T("chart.headline.no-target")
	}
	if said {
		return lang.T(key + "-it")
	}
	return lang.F(key, "target", target)
}

// standing is what a title says of where the figures stand, speaking of
// every series the figure shows, never of the first or the worst alone:
// "meeting the target of 18 days" for one series; "both councils meeting
// the target of 18 days" where every partner stands alike; "South missing
// the target of 18 days, North meeting it" where they differ, the worst
// first; for a measure of context, each series' latest figure.
func standing(lang *words.Lang, m *model.Metric, series []*model.Series) string {
	var shown, none []*model.Series
	for _, s := range series {
		if s.Latest() != nil {
			shown = append(shown, s)
		} else {
			none = append(none, s)
		}
	}
	names := func(ss []*model.Series) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Name()
		}
		return out
	}
	var parts []string
	if !m.Direction.Rated() {
		// No rating to group by: each figure, with its period once when
		// they share one.
		same := true
		for _, s := range shown {
			same = same && s.Latest().Period == shown[0].Latest().Period
		}
		for _, s := range shown {
			part := m.Prose(s.Latest().Value)
			if len(series) > 1 {
				part = lang.F("chart.standing.named", "series", s.Name(), "figure", part)
			}
			if !same {
				part = lang.F("chart.standing.in", "text", part, "period", s.Latest().Period.String())
			}
			parts = append(parts, part)
		}
		title := strings.Join(parts, ", ")
		if same {
			title = lang.F("chart.standing.in", "text", title, "period", shown[0].Latest().Period.String())
		}
		return withNone(lang, title, names(none))
	}
	// Group the series by rating and target, worst first and otherwise in
	// the order of partners.csv.
	type group struct {
		status model.Status
		target string
		series []*model.Series
	}
	var groups []*group
	for _, s := range shown {
		l := s.Latest()
		target := ""
		if l.Target != nil {
			target = m.TargetText(l)
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.status == l.Rating.Status && g.target == target })
		if i < 0 {
			i = len(groups)
			groups = append(groups, &group{status: l.Rating.Status, target: target})
		}
		groups[i].series = append(groups[i].series, s)
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return int(b.status) - int(a.status) })
	if len(groups) == 1 && len(none) == 0 {
		g := groups[0]
		return together(lang, g.series, headline(lang, g.status, g.target, false))
	}
	said := map[string]bool{}
	for _, g := range groups {
		parts = append(parts, lang.F("chart.standing.group", "names", lang.List(names(g.series)), "standing", headline(lang, g.status, g.target, g.target != "" && said[g.target])))
		said[g.target] = true
	}
	return withNone(lang, strings.Join(parts, ", "), names(none))
}

// together says how series that stand alike stand, for a title: the
// standing alone for one, "both councils ..." or "all 3 councils ..."
// for partners, otherwise with their names ("Partnership and North ...").
func together(lang *words.Lang, series []*model.Series, standing string) string {
	if len(series) == 1 {
		return standing
	}
	var names []string
	partners := true
	for _, s := range series {
		partners = partners && s.Partner != nil
		names = append(names, s.Name())
	}
	switch {
	case partners && len(series) == 2:
		return lang.F("chart.standing.both", "standing", standing)
	case partners:
		return lang.N("chart.standing.all", len(series), "standing", standing)
	}
	return lang.F("chart.standing.group", "names", lang.List(names), "standing", standing)
}

// withNone adds to a title the series it shows that have no figures yet.
func withNone(lang *words.Lang, title string, none []string) string {
	if len(none) == 0 {
		return title
	}
	return lang.F("chart.standing.none", "title", title, "names", lang.List(none))
}

// Metric builds the figure for a metric: every series, or only the
// partner's when partnerID is set ("" for all).
//
// lang is the site's language, whose catalogue gives every word the
// figure writes; a builder makes its figures in its own language.
func Metric(lang *words.Lang, m *model.Metric, partnerID, id string) *Figure {
	series := m.Series
	if partnerID != "" {
		series = nil
		if s := m.SeriesFor(partnerID); s != nil {
			series = []*model.Series{s}
		}
	}
	fig := &Figure{ID: id, CSV: csvdata.PerformanceFile}
	if partnerID == "" {
		fig.Whole = m
	}
	periods := model.Periods(series)
	head := model.Headline(series)
	fig.Title = m.Name
	if head != nil {
		fig.Title = lang.F("chart.title", "metric", m.Name, "standing", standing(lang, m, series))
	}
	if len(periods) > 0 {
		fig.Subtitle = lang.F("chart.subtitle", "unit", m.Unit.Label(lang), "by", adverb(lang, m), "span", period.SpanIn(lang, periods[0], periods[len(periods)-1]), "direction", m.Direction.PhraseIn(lang))
	} else {
		fig.Subtitle = lang.F("chart.subtitle.no-span", "unit", m.Unit.Label(lang), "by", adverb(lang, m), "direction", m.Direction.PhraseIn(lang))
	}
	fig.Summary = metricSummary(lang, m, series, head)
	fig.Label = fig.Title + ". " + fig.Summary
	fig.Table = metricTable(lang, m, series, periods)
	fig.Unit, fig.Places = m.Unit, m.Decimals
	if yearToDate(m) {
		fig.Option, fig.Err = cumulativeOption(lang, m, series, periods, fig.Label)
	} else {
		fig.Option, fig.Err = metricOption(lang, m, series, periods, fig.Label)
	}
	return fig
}

func metricSummary(lang *words.Lang, m *model.Metric, series []*model.Series, head *model.Series) string {
	if head == nil {
		return lang.F("chart.summary.none", "metric", words.LowerFirst(m.Name))
	}
	l := head.Latest()
	var b strings.Builder
	subject := words.LowerFirst(m.Name)
	if head.Partner != nil {
		subject = lang.F("chart.summary.subject-in", "metric", subject, "partner", head.Partner.ShortName)
	}
	// The first sentence is one pattern per case, with its rating and
	// its change each a whole clause the language writes in its order.
	var rating string
	switch {
	case !m.Direction.Rated():
	case l.Rating.Council && l.Rating.Status == model.NotRated:
		rating = lang.F("chart.summary.reason", "reason", l.Rating.Reason)
	case l.Rating.Council && l.Target == nil && l.Rating.Status > model.NoTarget:
		// The council's word where its report rates without a target.
		rating = lang.F("chart.summary.council-rates", "status", l.Rating.Status.Word(lang))
	case l.Target != nil:
		rating = lang.F("chart.summary.against", "target", m.TargetText(l), "status", l.Rating.Status.Word(lang))
	default:
		rating = lang.T("chart.summary.no-target")
	}
	var prev *model.Point
	if !l.Compared.IsZero() {
		prev = head.At(l.Compared)
	}
	var change string
	switch {
	case prev == nil && m.ComparesByYear():
		change = lang.T("chart.summary.no-year-earlier")
	case prev == nil && len(head.Outturns) > 0 && m.Kind == period.Quarter:
		// A year's outturn may sit above it in the table, but is never
		// compared with a quarter.
		change = lang.T("chart.summary.first-quarterly")
	case prev == nil && len(head.Outturns) > 0 && m.Kind == period.Month:
		change = lang.T("chart.summary.first-monthly")
	case prev == nil:
		change = lang.T("chart.summary.first")
	case l.Trend == model.NoChange:
		change = lang.F("chart.summary.no-change", "period", prev.Period.String())
	default:
		key := "chart.summary.from."
		if m.ComparesByYear() {
			key = "chart.summary.year-on."
		}
		// Each trend is a phrase of its own (chart.summary.from.up, ...);
		// any other has the trend's word in a phrase of its own.
		trend := strings.TrimPrefix(l.Trend.Key(), "trend.")
		if !lang.Has(key + trend) {
			trend = "trend"
		}
		change = lang.F(key+trend, "trend", words.LowerFirst(l.Trend.Word(lang)), "value", m.Prose(prev.Value), "period", prev.Period.String())
	}
	if yearToDate(m) {
		b.WriteString(lang.F("chart.summary.latest-to-date", "when", soFar(lang, l.Period), "period", l.Period.String(), "subject", subject, "value", m.Said(l), "rating", rating, "change", change))
	} else {
		b.WriteString(lang.F("chart.summary.latest", "when", l.Period.LabelIn(lang), "period", l.Period.String(), "subject", subject, "value", m.Said(l), "rating", rating, "change", change))
	}
	if len(series) > 1 {
		var parts []string
		for _, s := range series {
			if s == head || s.Latest() == nil {
				continue
			}
			sl := s.Latest()
			parts = append(parts, lang.F("chart.summary.other", "series", s.Name(), "value", m.Said(sl), "status", sl.Rating.Status.Word(lang), "period", sl.Period.String()))
		}
		var none []string
		for _, s := range series {
			if s.Latest() == nil {
				none = append(none, s.Name())
			}
		}
		if len(none) > 0 {
			parts = append(parts, lang.F("chart.summary.others-none", "names", lang.List(none)))
		}
		if len(parts) > 0 {
			b.WriteString(lang.F("chart.summary.elsewhere", "parts", strings.Join(parts, "; ")))
		}
	}
	b.WriteString(benchmarkPhrase(lang, m, series, l.Period))
	b.WriteString(sharingPhrase(lang, m, series))
	return b.String()
}

// benchmarkPhrase gives each benchmark's latest figure up to the latest
// period and says of each series with a figure for that period whether it
// is above or below it and, by the metric's direction, whether that is
// better. It never orders the partners: each is set against the
// benchmark alone.
func benchmarkPhrase(lang *words.Lang, m *model.Metric, series []*model.Series, latest period.Period) string {
	var b strings.Builder
	for _, bm := range m.Benchmarks {
		bp := bm.LatestBy(latest)
		if bp == nil {
			continue
		}
		key := "chart.bench"
		if bp.Period != latest {
			key = "chart.bench.earlier"
		}
		b.WriteString(lang.F(key, "benchmark", bm.Name, "value", m.Written(bp), "period", bp.Period.String()))
		for _, s := range series {
			pt := s.At(bp.Period)
			if pt == nil || !pt.Has() {
				continue
			}
			if len(series) == 1 && s.Partner == nil {
				b.WriteString(lang.F("chart.bench.partnership", "value", m.Prose(pt.Value), "compared", comparedWith(lang, m, pt.Value, bp.Value)))
			} else {
				b.WriteString(lang.F("chart.bench.series", "series", s.Name(), "value", m.Prose(pt.Value), "compared", comparedWith(lang, m, pt.Value, bp.Value)))
			}
		}
		b.WriteString(lang.T("chart.bench.end"))
	}
	return b.String()
}

// comparedWith says where v stands against a benchmark figure, as shown
// (so 18.04 against 18.0 days, both shown as 18.0, is level), and whether
// that is better by the metric's direction.
func comparedWith(lang *words.Lang, m *model.Metric, v, bench float64) string {
	shown, benchShown := format.Round(v, m.Decimals), format.Round(bench, m.Decimals)
	switch {
	case shown == benchShown:
		return lang.T("chart.bench.level")
	case !m.Direction.Rated() && shown > benchShown:
		return lang.T("chart.bench.above")
	case !m.Direction.Rated():
		return lang.T("chart.bench.below")
	case m.Direction.Better(shown, benchShown) > 0:
		if shown > benchShown {
			return lang.T("chart.bench.above-better")
		}
		return lang.T("chart.bench.below-better")
	case shown > benchShown:
		return lang.T("chart.bench.above-worse")
	}
	return lang.T("chart.bench.below-worse")
}

// sharingPhrase answers the question the partnership exists for, "did
// sharing make it better?", in words: the average before the service
// became shared and since, for each series in view, and which way is
// better. A measure compared with a year earlier builds up through the
// year or follows the seasons, so only figures for the same part of the
// year as the latest are averaged: two Q1s and one Q4 against two of each
// would otherwise make a "better" of the calendar. A side with one figure
// says that figure, never "averaged". Where every figure is from one side
// of the start, it says so.
func sharingPhrase(lang *words.Lang, m *model.Metric, series []*model.Series) string {
	if m.Service == nil || m.Service.Started.IsZero() {
		return ""
	}
	start := m.Service.Started.In(lang)
	// "became shared on 1 April 2024", but "in April 2024" for a month.
	when := lang.F("chart.sharing.on", "date", start)
	if m.Service.Started.Month {
		when = lang.F("chart.sharing.in", "date", start)
	}
	var parts []string
	allSince, allBefore := true, true
	var unlike []string // series with figures either side, none of the same part of the year
	unlikePart := ""
	for _, s := range series {
		before, since, _ := m.Sharing(s)
		allSince = allSince && len(before) == 0
		allBefore = allBefore && len(since) == 0
		each := ""
		if latest := s.Latest(); m.ComparesByYear() && latest != nil {
			hadBoth := len(before) > 0 && len(since) > 0
			before, since = samePart(before, latest.Period), samePart(since, latest.Period)
			each = partOfYear(lang, latest.Period, "each")
			if hadBoth && (len(before) == 0 || len(since) == 0) {
				// Figures either side, but none like each other: said, so
				// that the sentence's absence is not read as "no change".
				// "the fourth quarter", "June"
				unlike, unlikePart = append(unlike, s.Name()), partOfYear(lang, latest.Period, "name")
			}
		}
		if len(before) == 0 || len(since) == 0 {
			continue
		}
		b, a := model.Mean(before), model.Mean(since)
		verdict := "better"
		switch t := model.TrendOf(a, b, m.Direction); t {
		case model.Worsening:
			verdict = "worse"
		case model.NoChange:
			verdict = "same"
		case model.Up:
			verdict = "higher"
		case model.Down:
			verdict = "lower"
		}
		figures, verdict := beforeAndSince(lang, m, before, since, each), lang.T("chart.sharing.verdict."+verdict)
		if len(series) > 1 {
			parts = append(parts, lang.F("chart.sharing.series", "series", s.Name(), "figures", figures, "verdict", verdict))
		} else {
			parts = append(parts, lang.F("chart.sharing.it", "figures", figures, "verdict", verdict))
		}
	}
	if len(unlike) > 0 {
		if len(series) > 1 {
			parts = append(parts, lang.N("chart.sharing.unlike-named", len(unlike), "names", lang.List(unlike), "part", unlikePart))
		} else {
			parts = append(parts, lang.F("chart.sharing.unlike", "part", unlikePart))
		}
	}
	switch {
	case len(parts) > 0:
		return lang.F("chart.sharing.since", "date", start, "parts", strings.Join(parts, "; "))
	case allSince:
		return lang.F("chart.sharing.all-since", "when", when)
	case allBefore:
		return lang.F("chart.sharing.all-before", "when", when)
	}
	return ""
}

// beforeAndSince says the figures either side of sharing: "averaged 18.02
// days a quarter before sharing and 16.55 days since", "averaged 52.10% in
// the second quarter of each year before sharing and 57.05% since", and
// where a side has one figure, that figure: "was £1,286 in 2018/19 before
// sharing and has averaged £1,183 a year since".
func beforeAndSince(lang *words.Lang, m *model.Metric, before, since []model.Point, each string) string {
	if each == "" {
		each = lang.T("chart.sharing.each." + periodWord(m))
	}
	one := func(pts []model.Point) string {
		return lang.F("chart.sharing.single", "value", m.Prose(pts[0].Value), "period", pts[0].Period.String())
	}
	// Both averages to the same places, the most either needs: 59.57%
	// and 67.60%, never 67.6% beside 59.57%.
	places := 0
	for _, pts := range [][]model.Point{before, since} {
		if len(pts) > 1 {
			places = max(places, format.Places(average(m, model.Mean(pts))))
		}
	}
	mean := func(pts []model.Point) string {
		if m.Unit == measure.GBP {
			return average(m, model.Mean(pts))
		}
		return m.Unit.Format(m.Lang(), model.Mean(pts), places)
	}
	switch {
	case len(before) == 1 && len(since) == 1:
		return lang.F("chart.sharing.was-was", "before", one(before), "since", one(since))
	case len(before) == 1:
		return lang.F("chart.sharing.was-averaged", "before", one(before), "since", mean(since), "each", each)
	case len(since) == 1:
		return lang.F("chart.sharing.averaged-was", "before", mean(before), "since", one(since), "each", each)
	}
	return lang.F("chart.sharing.averaged", "before", mean(before), "since", mean(since), "each", each)
}

// samePart keeps the points for the same quarter or month of the year as p.
func samePart(pts []model.Point, p period.Period) []model.Point {
	var out []model.Point
	for _, pt := range pts {
		if pt.Period.Kind == p.Kind && pt.Period.N == p.N {
			out = append(out, pt)
		}
	}
	return out
}

// partOfYear names the part of the year p is, for averages of like with
// like: "in the second quarter of each year", "in each June" (form
// "each"), or alone: "the second quarter", "June" (form "name").
func partOfYear(lang *words.Lang, p period.Period, form string) string {
	switch p.Kind {
	case period.Quarter:
		return lang.T(fmt.Sprintf("chart.part.q%d.%s", p.N, form))
	case period.Month:
		return lang.F("chart.part.month."+form, "month", lang.Month(time.Month(p.N)))
	}
	return ""
}

// average writes an average to a place more than the figures it is of,
// so that 17 and 18 days average 17.5 days, not 18.
func average(m *model.Metric, v float64) string { return m.Unit.Mean(m.Lang(), v, m.Decimals) }

// periodWord is what one of the metric's figures is for: "quarter",
// "month" or "year".
func periodWord(m *model.Metric) string {
	switch m.Kind {
	case period.Month:
		return "month"
	case period.Year:
		return "year"
	}
	return "quarter"
}

func metricTable(lang *words.Lang, m *model.Metric, series []*model.Series, periods []period.Period) Table {
	t := Table{Caption: lang.F("chart.caption", "metric", m.Name, "unit", strings.ToLower(m.Unit.Label(lang)), "by", adverb(lang, m)), kind: m.Kind, lang: lang}
	if first, ok := sharedFrom(m, periods); ok {
		t.Caption = lang.F("chart.caption.shared", "caption", t.Caption, "date", m.Service.Started.In(lang), "first", first.String())
	}
	t.Head = []string{lang.T("chart.head.period")}
	// One target column when every series has the same target in every
	// period, which is the usual case; otherwise one per series.
	shared := sharedTargets(series, periods)
	for _, s := range series {
		if len(series) == 1 {
			t.Head = append(t.Head, lang.T("chart.head.value"))
		} else {
			t.Head = append(t.Head, s.Name())
		}
		if !shared {
			t.Head = append(t.Head, lang.F("chart.head.series-target", "series", s.Name()))
		}
		t.Head = append(t.Head, statusHead(lang, s, len(series)))
	}
	if shared {
		t.Head = append(t.Head, lang.T("chart.head.target"))
	}
	benchmarks := benchmarksIn(m, periods)
	for _, b := range benchmarks {
		t.Head = append(t.Head, b.Name)
	}
	for _, r := range withOutturns(series, periods) {
		row := Row{Head: r.p.String(), period: r.p}
		if r.outturn {
			row.Head = lang.F("chart.row.outturn", "period", row.Head)
		}
		p := r.p
		var target *model.Point
		for _, s := range series {
			pt := s.At(p)
			if r.outturn {
				pt = s.OutturnAt(p)
			}
			if pt == nil {
				row.Cells = append(row.Cells, num("–"))
				if !shared {
					row.Cells = append(row.Cells, num("–"))
				}
				row.Cells = append(row.Cells, Cell{Text: "–"})
				continue
			}
			row.Cells = append(row.Cells, num(t.figure(m, pt)))
			row.keyed = row.keyed || keyed(pt)
			if !shared {
				row.Cells = append(row.Cells, num(targetText(lang, m, pt)))
			}
			if pt.Has() {
				row.Cells = append(row.Cells, status(m.Lang(), pt.Rating))
			} else {
				row.Cells = append(row.Cells, Cell{Text: "–"})
			}
			if target == nil && pt.Target != nil {
				target = pt
			}
		}
		if shared {
			row.Cells = append(row.Cells, num(targetText(lang, m, target)))
		}
		for _, b := range benchmarks {
			row.Cells = append(row.Cells, num(t.written(m, b.At(p))))
			row.keyed = row.keyed || keyed(b.At(p))
		}
		t.Rows = append(t.Rows, row)
	}
	return t.labelled()
}

// tableRow is a row of a metric's table: a period of the metric's kind,
// or a whole year's outturn that a report gave beside its quarters.
type tableRow struct {
	p       period.Period
	outturn bool
}

// withOutturns puts the series' year outturns among the periods, each
// after the last quarter (or month) of its year.
func withOutturns(series []*model.Series, periods []period.Period) []tableRow {
	rows := make([]tableRow, 0, len(periods))
	for _, p := range periods {
		rows = append(rows, tableRow{p: p})
	}
	seen := map[period.Period]bool{}
	for _, s := range series {
		for _, pt := range s.Outturns {
			if !seen[pt.Period] {
				seen[pt.Period] = true
				rows = append(rows, tableRow{p: pt.Period, outturn: true})
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b tableRow) int {
		if c := a.p.End().Compare(b.p.End()); c != 0 {
			return c
		}
		// A year ends with its last quarter: the outturn comes after it.
		return cmp.Compare(btoi(a.outturn), btoi(b.outturn))
	})
	return rows
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// figure writes a figure for a table cell: with its flag, whose symbol
// the key below the table explains, or the word in place of a missing
// figure ("not available"), which needs no key; "–" where there is no row
// at all.
func (t *Table) figure(m *model.Metric, pt *model.Point) string {
	switch {
	case pt == nil:
		return "–"
	case !pt.Has():
		return pt.Mark.Word(t.lang)
	}
	out := m.Format(pt.Value)
	if pt.Flag != measure.NoFlag {
		t.key(pt.Flag.Symbol(), pt.Flag.Word(t.lang))
		out += " " + pt.Flag.Symbol()
	}
	if pt.SinceRevised {
		t.key(t.lang.T("chart.since-revised"), t.lang.T("chart.since-revised.key"))
		out += " " + t.lang.T("chart.since-revised")
	}
	return out
}

// written is figure for a figure shown with the places it was written
// with, as a benchmark is, rather than the metric's.
func (t *Table) written(m *model.Metric, pt *model.Point) string {
	if pt == nil || !pt.Has() {
		return t.figure(m, pt)
	}
	out := m.Written(pt)
	if pt.Flag != measure.NoFlag {
		t.key(pt.Flag.Symbol(), pt.Flag.Word(t.lang))
		out += " " + pt.Flag.Symbol()
	}
	return out
}

func statusHead(lang *words.Lang, s *model.Series, n int) string {
	if n == 1 {
		return lang.T("chart.head.status")
	}
	return lang.F("chart.head.series-status", "series", s.Name())
}

// targetText is a point's target as the council wrote it, or "None".
func targetText(lang *words.Lang, m *model.Metric, pt *model.Point) string {
	if pt == nil || pt.Target == nil {
		return lang.T("chart.none")
	}
	return m.TargetText(pt)
}

func sharedTargets(series []*model.Series, periods []period.Period) bool {
	for _, p := range periods {
		var first *float64
		seen := false
		for _, s := range series {
			pt := s.At(p)
			if pt == nil {
				continue
			}
			if !seen {
				first, seen = pt.Target, true
				continue
			}
			if (first == nil) != (pt.Target == nil) || first != nil && *first != *pt.Target {
				return false
			}
		}
	}
	return true
}

// Savings builds the figure for a savings view, in the language lang.
func Savings(lang *words.Lang, v *model.Savings, id string) *Figure {
	fig := &Figure{ID: id, CSV: csvdata.SavingsFile}
	if v.Partner == nil {
		fig.Whole = v
	}
	// What the figure is of, as a key's last part: each language writes
	// the title and the caption of each scope whole ("Partnership
	// savings", "Arbedion y bartneriaeth").
	scope, args := "partnership", []any{}
	switch {
	case v.Service != nil && v.Partner != nil:
		scope, args = "service-partner", []any{"service", v.Service.Name, "partner", v.Partner.ShortName}
	case v.Service != nil:
		scope, args = "service", []any{"service", v.Service.Name}
	case v.Partner != nil:
		scope, args = "partner", []any{"partner", v.Partner.ShortName}
	}
	l := v.Latest()
	fig.Title = lang.F("savings.title."+scope, args...)
	if l != nil && l.Target != nil {
		fig.Title = lang.F("savings.title.rated", "title", fig.Title, "standing", headline(lang, l.Rating.Status, l.Target.Short(), false), "period", l.Period.String())
	}
	if len(v.Years) > 0 {
		fig.Subtitle = lang.F("savings.subtitle", "span", period.SpanIn(lang, v.Years[0].Period, v.Years[len(v.Years)-1].Period))
	}
	fig.Summary = savingsSummary(lang, v)
	fig.Label = fig.Title + ". " + fig.Summary
	fig.Table = savingsTable(lang, v, lang.F("savings.caption."+scope, args...))
	fig.Unit = measure.GBP
	fig.Option, fig.Err = savingsOption(lang, v, fig.Label)
	return fig
}

func savingsSummary(lang *words.Lang, v *model.Savings) string {
	if v.Unshared && len(v.Years) == 0 {
		return model.NoShares(v.Lang())
	}
	l := v.Latest()
	if l == nil {
		if planned := plannedPhrase(lang, v, placesOf(v).target); planned != "" {
			return strings.TrimSpace(planned)
		}
		return lang.T("savings.summary.none")
	}
	// A service or the partnership saves; a share is of the savings, and
	// never itself "saved" anything.
	who, args := "partnership", []any{}
	switch {
	case v.Partner != nil && v.Service != nil:
		who, args = "service-partner", []any{"service", v.Service.Name, "partner", v.Partner.ShortName}
	case v.Partner != nil:
		who, args = "partner", []any{"partner", v.Partner.ShortName}
	case v.Service != nil:
		who, args = "service", []any{"service", v.Service.Name}
	}
	var b strings.Builder
	pl := placesOf(v)
	rest := ""
	if c := CarriedPhrase(lang, l, v.Service == nil, pl.saving); c != "" {
		rest = lang.F("savings.summary.carried", "carried", c)
	} else if l.Recurring {
		rest = lang.T("savings.summary.recurring")
	}
	if l.Target != nil {
		rest += lang.F("chart.summary.against", "target", l.Target.Format(pl.target), "status", l.Rating.Status.Word(lang))
	}
	args = append(args, "period", l.Period.String(), "amount", l.Saving.Format(pl.saving), "rest", rest)
	b.WriteString(lang.F("savings.summary."+who, args...))
	switch {
	case l.OneOffMissing && l.OneOff == 0:
		b.WriteString(lang.T("savings.summary.one-off-none"))
	case l.OneOffMissing:
		b.WriteString(lang.F("savings.summary.one-off-some", "oneoff", l.OneOff.Format(pl.oneOff), "net", netPhrase(lang, l.Net, pl.net)))
	case l.OneOff != 0:
		b.WriteString(lang.F("savings.summary.one-off", "oneoff", l.OneOff.Format(pl.oneOff), "net", netPhrase(lang, l.Net, pl.net)))
	}
	if first := v.First(); first != l {
		// Targets are for savings before one-off costs, so the totals
		// compare like with like before the net figure is given.
		gap, target, costs := "", "", ""
		if g := v.GapPhrase(); g != "" {
			gap = lang.F("savings.total.gap", "gap", g)
		}
		if l.CumTarget != nil {
			target = lang.F("savings.total.target", "target", l.CumTarget.Format(pl.target))
		}
		switch {
		case l.CumOneOffMissing && l.CumOneOff == 0:
			costs = lang.T("savings.total.one-off-none")
		case l.CumOneOffMissing:
			costs = lang.F("savings.total.one-off-some", "oneoff", l.CumOneOff.Format(pl.oneOff), "net", netPhrase(lang, l.CumNet, pl.cumNet))
		case l.CumOneOff != 0:
			costs = lang.F("savings.total.one-off", "oneoff", l.CumOneOff.Format(pl.oneOff), "net", netPhrase(lang, l.CumNet, pl.cumNet))
		}
		b.WriteString(lang.F("savings.total", "first", first.Period.String(), "last", l.Period.String(), "total", l.CumSaving.Format(pl.saving), "gap", gap, "target", target, "costs", costs))
		b.WriteString(carriedYears(lang, v, pl.saving))
	}
	if ph, ok := v.PerHousehold(l.CumNet); ok {
		b.WriteString(lang.F("savings.summary.per-household", "amount", PerHouseholdPhrase(lang, ph, pl.perHousehold), "partner", v.Partner.ShortName, "households", format.Fixed(float64(v.Partner.Households), 0)))
	}
	b.WriteString(plannedPhrase(lang, v, pl.target))
	return b.String()
}

// CarriedPhrase says how much of a year's saving is a recurring saving
// carried from an earlier year's row: "carried from 2019/20 (recurring)"
// when all of it is, "including £1.3m for ICT carried from 2021/22
// (recurring)" when part is; "" when none is. named puts each carried
// saving's service in, for views of more than one service; places are
// those of the saving's column (money.Pence.Prose); lang is the page's
// language.
func CarriedPhrase(lang *words.Lang, y *model.SavingsYear, named bool, places int) string {
	if len(y.Carried) == 0 {
		return ""
	}
	var carried money.Pence
	var parts []string
	for _, c := range y.Carried {
		carried += c.Amount
		if named {
			parts = append(parts, lang.F("savings.carried.part-named", "amount", c.Amount.Format(places), "service", c.Name(), "from", c.From.String()))
		} else {
			parts = append(parts, lang.F("savings.carried.part", "amount", c.Amount.Format(places), "from", c.From.String()))
		}
	}
	if carried == y.Saving && len(y.Carried) == 1 {
		return lang.F("savings.carried.all", "from", y.Carried[0].From.String())
	}
	return lang.F("savings.carried.including", "parts", and(lang, parts))
}

// and joins amounts with "and" alone ("£1m and £2m and £3m"), as the
// savings sentences have always written them, unlike words.Lang.List.
func and(lang *words.Lang, parts []string) string {
	out := parts[0]
	for _, p := range parts[1:] {
		out = lang.F("savings.and", "first", out, "next", p)
	}
	return out
}

// carriedYears names the years that count a recurring saving from an
// earlier year, so that a reader sees the figure counted again on purpose:
// " The recurring saving of £500,000 from 2019/20 is counted in 2020/21
// too, as no later figure replaces it there." places are the saving
// column's.
func carriedYears(lang *words.Lang, v *model.Savings, places int) string {
	type key struct {
		name   string
		from   string
		amount money.Pence
	}
	var order []key
	years := map[key][]string{}
	l := v.Latest()
	for _, y := range v.Years {
		if period.Compare(y.Period, l.Period) > 0 {
			break
		}
		for _, c := range y.Carried {
			k := key{c.Name(), c.From.String(), c.Amount}
			if v.Service != nil {
				k.name = ""
			}
			if _, ok := years[k]; !ok {
				order = append(order, k)
			}
			years[k] = append(years[k], y.Period.String())
		}
	}
	var b strings.Builder
	for _, k := range order {
		if k.name != "" {
			b.WriteString(lang.F("savings.carried-years.named", "amount", k.amount.Format(places), "service", k.name, "from", k.from, "years", lang.List(years[k])))
		} else {
			b.WriteString(lang.F("savings.carried-years", "amount", k.amount.Format(places), "from", k.from, "years", lang.List(years[k])))
		}
	}
	return b.String()
}

// plannedPhrase names the planned years and their targets, which no
// figure to a year counts: " Savings of £173,000 are planned for 2025/26."
// places are the target column's.
func plannedPhrase(lang *words.Lang, v *model.Savings, places int) string {
	var parts []string
	for _, y := range v.Years {
		if y.Planned && y.Target != nil {
			parts = append(parts, lang.F("savings.planned.part", "amount", y.Target.Format(places), "period", y.Period.String()))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return lang.F("savings.planned", "parts", and(lang, parts))
}

func savingsTable(lang *words.Lang, v *model.Savings, caption string) Table {
	t := Table{Caption: caption, kind: period.Year, lang: lang}
	for _, h := range []string{"year", "baseline", "actual", "saving", "target", "status", "one-off", "net", "net-to-date"} {
		t.Head = append(t.Head, lang.T("savings.head."+h))
	}
	perHousehold := v.Partner != nil && v.Partner.Households > 0 && !v.Unshared
	if perHousehold {
		t.Head = append(t.Head, lang.T("savings.head.per-household"))
	}
	var carried, missing bool
	pl := placesOf(v)
	for i := range v.Years {
		y := &v.Years[i]
		target := lang.T("chart.none")
		if y.Target != nil {
			target = y.Target.Format(pl.target)
		}
		base, actual := num(y.Baseline.Format(pl.baseline)), num(y.Actual.Format(pl.actual))
		if !y.Costs {
			// Reported as a saving, or planned: the costs are not known.
			base, actual = num("–"), num("–")
		}
		saving := y.Saving.Format(pl.saving)
		if c := CarriedPhrase(lang, y, v.Service == nil, pl.saving); c != "" {
			saving = lang.F("savings.cell.carried", "saving", saving, "carried", c)
			carried = true
		}
		if len(y.Missing) > 0 {
			names := y.Missing[0].Name()
			for _, g := range y.Missing[1:] {
				names = lang.F("savings.or", "first", names, "next", g.Name())
			}
			saving = lang.F("savings.cell.missing", "saving", saving, "names", names)
		}
		oneOff, net := y.OneOff.Format(pl.oneOff), y.Net.Format(pl.net)
		if y.OneOffMissing {
			missing = true
			// The net figure stays bare: the one-off cell beside it and
			// the table's key say what it is before, and nine columns
			// must fit a council page's column.
			if y.OneOff == 0 {
				oneOff = lang.T("savings.cell.not-reported")
			} else {
				oneOff = lang.F("savings.cell.others-not-reported", "oneoff", oneOff)
			}
		}
		row := Row{Head: y.Period.String(), period: y.Period, Cells: []Cell{
			base, actual, num(saving), num(target),
			status(v.Lang(), y.Rating), num(oneOff), num(net), num(y.CumNet.Format(pl.cumNet)),
		}}
		// A row the key explains: a carried saving, a service with no
		// figure, or one-off costs not reported.
		row.keyed = saving != y.Saving.Format(pl.saving) || y.OneOffMissing || y.NoFigure
		switch {
		case y.Planned:
			row.Cells = []Cell{base, actual, num("–"), num(target), status(v.Lang(), y.Rating), num("–"), num("–"), num("–")}
		case y.NoFigure:
			row.Cells = []Cell{base, actual, num(lang.T("savings.cell.no-figure")), num(target), status(lang, y.Rating), num("–"), num("–"), num("–")}
		}
		if perHousehold {
			ph, _ := v.PerHousehold(y.CumNet)
			cell := num(ph.Format(pl.perHousehold))
			if !y.Counted() {
				cell = num("–")
			}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	if carried {
		t.Key = append(t.Key, lang.T("savings.key.carried"))
	}
	if missing {
		t.Key = append(t.Key, lang.T("savings.key.not-reported"))
	}
	if g := v.GapPhrase(); g != "" {
		t.Key = append(t.Key, lang.F("savings.key.gap", "gap", g))
	}
	return t.labelled()
}

// netPhrase says a net figure in words, to the places of its column: a
// negative net saving is a net cost, "a net cost of £85,000", not "a net
// saving of −£85,000".
func netPhrase(lang *words.Lang, n money.Pence, places int) string {
	switch {
	case n < 0:
		return lang.F("savings.net-cost", "amount", (-n).Format(places))
	case n == 0:
		return lang.T("savings.no-net")
	}
	return lang.F("savings.net-saving", "amount", n.Format(places))
}

// PerHouseholdPhrase is a per household net figure in words, for "That is
// ... for each household", to places: those of the per household column
// beside a table, 0 on a headline card; lang is the page's language.
func PerHouseholdPhrase(lang *words.Lang, n money.Pence, places int) string {
	if n < 0 {
		return lang.F("savings.net-cost", "amount", (-n).Format(places))
	}
	return n.Format(places)
}

// savingsPlaces are the places (money.Places) of each column of amounts
// in a savings view's table, so that every cell of a column has the same
// and its summary writes each figure as its column does.
// Exact writes an amount of the view in a sentence about it exactly, to
// the places of the view's column for it ("saving", "target", "oneOff"
// or "net"), as the chart's own sentences and its table write it, never
// shortened to millions: "savings of £2,496,000 against targets of
// £2,505,000", not "£2.5m against £2.5m".
func Exact(v *model.Savings, column string, p money.Pence) (string, error) {
	pl := placesOf(v)
	places, ok := map[string]int{"saving": pl.saving, "target": pl.target, "oneOff": pl.oneOff, "net": pl.cumNet}[column]
	if !ok {
		return "", fmt.Errorf("exact: no savings column %q; use saving, target, oneOff or net", column)
	}
	return p.Format(places), nil
}

type savingsPlaces struct {
	baseline, actual, saving, target, oneOff, net, cumNet, perHousehold int
}

// placesOf works out the places of each column from the amounts its cells
// show: costs only of the years that have them, savings and net figures
// only of the years counted, every target (model.TargetPlaces, as the
// status rule writes it).
func placesOf(v *model.Savings) savingsPlaces {
	var base, actual, saving, oneOff, net, cumNet, ph []money.Pence
	for i := range v.Years {
		y := &v.Years[i]
		if y.Costs {
			base, actual = append(base, y.Baseline), append(actual, y.Actual)
		}
		if !y.Counted() {
			continue
		}
		saving = append(saving, y.Saving)
		for _, c := range y.Carried {
			saving = append(saving, c.Amount)
		}
		oneOff, net, cumNet = append(oneOff, y.OneOff), append(net, y.Net), append(cumNet, y.CumNet)
		if h, ok := v.PerHousehold(y.CumNet); ok {
			ph = append(ph, h)
		}
	}
	return savingsPlaces{
		baseline: money.Places(base...), actual: money.Places(actual...),
		saving: money.Places(saving...), target: model.TargetPlaces(v.Years),
		oneOff: money.Places(oneOff...), net: money.Places(net...),
		cumNet: money.Places(cumNet...), perHousehold: money.Places(ph...),
	}
}

// sharedFrom is the first period in periods that ended on or after the day
// the metric's service became shared, when there are periods both sides
// of it: where the chart marks the start.
func sharedFrom(m *model.Metric, periods []period.Period) (period.Period, bool) {
	if m.Service == nil || m.Service.Started.IsZero() || len(periods) == 0 {
		return period.Period{}, false
	}
	start := m.Service.Started.Time
	if !periods[0].End().Before(start) {
		return period.Period{}, false // every figure is since
	}
	for _, p := range periods {
		if !p.End().Before(start) {
			return p, true
		}
	}
	return period.Period{}, false
}

// keyed reports whether a table shows the point with a symbol its key
// explains: a flag ("[p]") or "(since revised)".
func keyed(pt *model.Point) bool {
	return pt != nil && pt.Has() && (pt.Flag != measure.NoFlag || pt.SinceRevised)
}

// PrintRecent is the rule for a table printed in a report of the period
// at: the paper shows the recent rows, from the same period a year
// earlier to the report's own (five quarters, or thirteen months; five
// years for a table by year), which are what a committee discusses; the
// earlier rows are marked Earlier, for the print stylesheet to leave out,
// and the note printed under the table says they are on the web and in
// the report's files: where ("on this report's web page and in its
// figures.csv"). An earlier row with a symbol the key explains is
// printed all the same, so that the printed key explains nothing the
// paper does not show. A row is recent when its period ends in the
// window, so the outturn of the year before a quarterly report prints
// beside its quarters.
func (t *Table) PrintRecent(at period.Period, where string) {
	from := recentFrom(t.kind, at)
	if from.IsZero() {
		return
	}
	first := ""
	for i := range t.Rows {
		r := &t.Rows[i]
		if r.period.IsZero() || !r.period.End().Before(from) {
			continue
		}
		if first == "" {
			first = r.period.String()
		}
		r.Earlier = !r.keyed
	}
	if first != "" {
		t.EarlierNote = t.lang.F("chart.earlier."+plural(t.kind), "first", first, "where", where)
	}
}

// recentFrom is the first day of the window of recent periods of kind k
// that a report of the period at prints: fifteen months, thirteen months
// or five years before the day after at ends, so that the window holds
// five quarters, thirteen months or five years, the last ending with at.
func recentFrom(k period.Kind, at period.Period) time.Time {
	next := at.End().AddDate(0, 0, 1) // the day after the report's period
	switch k {
	case period.Quarter:
		return next.AddDate(0, -15, 0)
	case period.Month:
		return next.AddDate(0, -13, 0)
	case period.Year:
		return next.AddDate(-5, 0, 0)
	}
	return time.Time{}
}

// plural names periods of a kind, for the key of PrintRecent's note.
func plural(k period.Kind) string {
	switch k {
	case period.Year:
		return "years"
	case period.Month:
		return "months"
	}
	return "quarters"
}

// key adds a symbol's meaning to the table's key, once.
func (t *Table) key(symbol, meaning string) {
	entry := symbol + " " + meaning
	if !slices.Contains(t.Key, entry) {
		t.Key = append(t.Key, entry)
	}
}

// HeadCell is a column header; Num right-aligns it over a column of figures.
type HeadCell struct {
	Text string
	Num  bool
}

// HeadCells returns the header with alignment taken from the first row, so
// a column's header lines up with its figures.
func (t Table) HeadCells() []HeadCell {
	out := make([]HeadCell, len(t.Head))
	for i, h := range t.Head {
		out[i].Text = h
		if i > 0 && len(t.Rows) > 0 && i-1 < len(t.Rows[0].Cells) {
			out[i].Num = t.Rows[0].Cells[i-1].Num
		}
	}
	return out
}

// OptionJS returns the option for a <script type="application/json">
// element. encoding/json escapes <, > and & (and U+2028 and U+2029) in
// every string, so no text from a CSV can close the element or become
// script; html/template then inserts it as it is.
func (f *Figure) OptionJS() template.JS { return template.JS(f.Option) }

// Copy is a copy of f that a page may change without changing f: its ID,
// Embed and Whole, and the rows PrintRecent marks. The rest, the option
// and the cells of its table, is shared, since nothing changes it once
// made; so one metric's figure, made once, can be drawn on many pages.
func (f *Figure) Copy() *Figure {
	c := *f
	c.Table.Rows = slices.Clone(f.Table.Rows)
	return &c
}
