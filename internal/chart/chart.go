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
	"unicode"
	"unicode/utf8"

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
}

func num(s string) Cell { return Cell{Text: s, Num: true} }

func status(l *words.Lang, r model.Rating) Cell {
	s := r.Status
	return Cell{Text: s.Word(l), Status: &s, StatusClass: s.Class(), Title: r.Rule(l)}
}

func kindAdverb(k period.Kind) string {
	switch k {
	case period.Year:
		return "by financial year"
	case period.Quarter:
		return "by quarter"
	case period.Month:
		return "by month"
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
func soFar(p period.Period) string {
	y, place := yearPlace(p)
	start := placeIn(p.Kind, y, 0)
	if place == 0 {
		return p.Label()
	}
	e := p.End()
	if start.Start().Year() == e.Year() {
		return fmt.Sprintf("April to %s %d", e.Month(), e.Year())
	}
	return fmt.Sprintf("April %d to %s %d", start.Start().Year(), e.Month(), e.Year())
}

// adverb says how a metric's figures run, for subtitles and captions: "by
// quarter", or "year to date, by quarter" for a cumulative metric.
func adverb(m *model.Metric) string {
	if m.Cumulative {
		return "year to date, " + kindAdverb(m.Kind)
	}
	return kindAdverb(m.Kind)
}

// headline phrases a rating for a figure title: "missing the target of
// 18 days", or "missing it" where an earlier part of the title has given
// the target (said).
func headline(s model.Status, target string, said bool) string {
	switch {
	case s == model.NotRated:
		return "not rated"
	case target == "" && s > model.NoTarget:
		// Rated by the council's report, which gave no target.
		return "rated " + strings.ToLower(s.String()) + " by the council"
	}
	of := "the target of " + target
	if said {
		of = "it"
	}
	switch s {
	case model.OnTrack:
		return "meeting " + of
	case model.AtRisk:
		return "just short of " + of
	case model.OffTrack:
		return "missing " + of
	}
	return "no target set"
}

// standing is what a title says of where the figures stand, speaking of
// every series the figure shows, never of the first or the worst alone:
// "meeting the target of 18 days" for one series; "both councils meeting
// the target of 18 days" where every partner stands alike; "South missing
// the target of 18 days, North meeting it" where they differ, the worst
// first; for a measure of context, each series' latest figure.
func standing(m *model.Metric, series []*model.Series) string {
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
				part = s.Name() + " " + part
			}
			if !same {
				part += " in " + s.Latest().Period.String()
			}
			parts = append(parts, part)
		}
		title := strings.Join(parts, ", ")
		if same {
			title += " in " + shown[0].Latest().Period.String()
		}
		return withNone(title, names(none))
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
		return together(g.series) + headline(g.status, g.target, false)
	}
	said := map[string]bool{}
	for _, g := range groups {
		parts = append(parts, format.List(names(g.series))+" "+headline(g.status, g.target, g.target != "" && said[g.target]))
		said[g.target] = true
	}
	return withNone(strings.Join(parts, ", "), names(none))
}

// together names series that stand alike, for the start of a title: ""
// for one, "both councils" or "all 3 councils" for partners, otherwise
// their names ("Partnership and North ").
func together(series []*model.Series) string {
	if len(series) == 1 {
		return ""
	}
	var names []string
	partners := true
	for _, s := range series {
		partners = partners && s.Partner != nil
		names = append(names, s.Name())
	}
	switch {
	case partners && len(series) == 2:
		return "both councils "
	case partners:
		return fmt.Sprintf("all %d councils ", len(series))
	}
	return format.List(names) + " "
}

// withNone adds to a title the series it shows that have no figures yet.
func withNone(title string, none []string) string {
	if len(none) == 0 {
		return title
	}
	return title + ", " + format.List(none) + " no figures yet"
}

// Metric builds the figure for a metric: every series, or only the
// partner's when partnerID is set ("" for all).
func Metric(m *model.Metric, partnerID, id string) *Figure {
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
		fig.Title = m.Name + ": " + standing(m, series)
	}
	fig.Subtitle = m.Unit.Label(m.Lang()) + ", " + adverb(m)
	if len(periods) > 0 {
		fig.Subtitle += ", " + period.SpanIn(m.Lang(), periods[0], periods[len(periods)-1])
	}
	fig.Subtitle += ". " + m.Direction.PhraseIn(m.Lang()) + "."
	fig.Summary = metricSummary(m, series, head)
	fig.Label = fig.Title + ". " + fig.Summary
	fig.Table = metricTable(m, series, periods)
	fig.Unit, fig.Places = m.Unit, m.Decimals
	if yearToDate(m) {
		fig.Option, fig.Err = cumulativeOption(m, series, periods, fig.Label)
	} else {
		fig.Option, fig.Err = metricOption(m, series, periods, fig.Label)
	}
	return fig
}

func metricSummary(m *model.Metric, series []*model.Series, head *model.Series) string {
	if head == nil {
		return "There are no figures for " + lowerFirst(m.Name) + " yet."
	}
	l := head.Latest()
	var b strings.Builder
	subject := lowerFirst(m.Name)
	if head.Partner != nil {
		subject += " in " + head.Partner.ShortName
	}
	if yearToDate(m) {
		fmt.Fprintf(&b, "In %s (%s, the year to date), %s was %s", soFar(l.Period), l.Period, subject, m.Said(l))
	} else {
		fmt.Fprintf(&b, "In %s (%s), %s was %s", l.Period.Label(), l.Period, subject, m.Said(l))
	}
	switch {
	case !m.Direction.Rated():
	case l.Rating.Council && l.Rating.Status == model.NotRated:
		fmt.Fprintf(&b, " (%s)", l.Rating.Reason)
	case l.Rating.Council && l.Target == nil && l.Rating.Status > model.NoTarget:
		// The council's word where its report rates without a target.
		fmt.Fprintf(&b, ", which the council rates %s", l.Rating.Status)
	case l.Target != nil:
		fmt.Fprintf(&b, " against a target of %s: %s", m.TargetText(l), l.Rating.Status)
	default:
		b.WriteString(" (no target is set)")
	}
	var prev *model.Point
	if !l.Compared.IsZero() {
		prev = head.At(l.Compared)
	}
	switch {
	case prev == nil && m.ComparesByYear():
		b.WriteString(". There is no figure a year earlier to compare with.")
	case prev == nil && len(head.Outturns) > 0 && m.Kind != period.Year:
		// A year's outturn may sit above it in the table, but is never
		// compared with a quarter.
		fmt.Fprintf(&b, ". This is the first %s figure.", map[period.Kind]string{period.Quarter: "quarterly", period.Month: "monthly"}[m.Kind])
	case prev == nil:
		b.WriteString(". This is the first figure.")
	case l.Trend == model.NoChange:
		fmt.Fprintf(&b, ", no change from %s.", prev.Period)
	case m.ComparesByYear():
		fmt.Fprintf(&b, ", %s on %s a year earlier (%s).", strings.ToLower(l.Trend.String()), m.Prose(prev.Value), prev.Period)
	default:
		fmt.Fprintf(&b, ", %s from %s in %s.", strings.ToLower(l.Trend.String()), m.Prose(prev.Value), prev.Period)
	}
	if len(series) > 1 {
		var parts []string
		for _, s := range series {
			if s == head || s.Latest() == nil {
				continue
			}
			sl := s.Latest()
			parts = append(parts, fmt.Sprintf("%s %s (%s, %s)", s.Name(), m.Said(sl), sl.Rating.Status, sl.Period))
		}
		var none []string
		for _, s := range series {
			if s.Latest() == nil {
				none = append(none, s.Name())
			}
		}
		if len(none) > 0 {
			parts = append(parts, format.List(none)+": no figures yet")
		}
		if len(parts) > 0 {
			b.WriteString(" Elsewhere: " + strings.Join(parts, "; ") + ".")
		}
	}
	b.WriteString(benchmarkPhrase(m, series, l.Period))
	b.WriteString(sharingPhrase(m, series))
	return b.String()
}

// benchmarkPhrase gives each benchmark's latest figure up to the latest
// period and says of each series with a figure for that period whether it
// is above or below it and, by the metric's direction, whether that is
// better. It never orders the partners: each is set against the
// benchmark alone.
func benchmarkPhrase(m *model.Metric, series []*model.Series, latest period.Period) string {
	var b strings.Builder
	for _, bm := range m.Benchmarks {
		bp := bm.LatestBy(latest)
		if bp == nil {
			continue
		}
		fmt.Fprintf(&b, " %s: %s in %s", bm.Name, m.Written(bp), bp.Period)
		if bp.Period != latest {
			b.WriteString(", the latest given")
		}
		for _, s := range series {
			pt := s.At(bp.Period)
			if pt == nil || !pt.Has() {
				continue
			}
			who := s.Name() + " "
			if len(series) == 1 && s.Partner == nil {
				who = "the partnership's "
			}
			fmt.Fprintf(&b, "; %s%s %s", who, m.Prose(pt.Value), comparedWith(m, pt.Value, bp.Value))
		}
		b.WriteString(".")
	}
	return b.String()
}

// comparedWith says where v stands against a benchmark figure, as shown
// (so 18.04 against 18.0 days, both shown as 18.0, is level), and whether
// that is better by the metric's direction.
func comparedWith(m *model.Metric, v, bench float64) string {
	shown, benchShown := format.Round(v, m.Decimals), format.Round(bench, m.Decimals)
	switch {
	case shown == benchShown:
		return "is level with it"
	case !m.Direction.Rated() && shown > benchShown:
		return "is above it"
	case !m.Direction.Rated():
		return "is below it"
	case m.Direction.Better(shown, benchShown) > 0:
		if shown > benchShown {
			return "is above it, which is better"
		}
		return "is below it, which is better"
	case shown > benchShown:
		return "is above it, which is worse"
	}
	return "is below it, which is worse"
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
func sharingPhrase(m *model.Metric, series []*model.Series) string {
	if m.Service == nil || m.Service.Started.IsZero() {
		return ""
	}
	start := m.Service.Started.String()
	// "became shared on 1 April 2024", but "in April 2024" for a month.
	when := "on " + start
	if m.Service.Started.Month {
		when = "in " + start
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
			each = partOfYear(latest.Period)
			if hadBoth && (len(before) == 0 || len(since) == 0) {
				// Figures either side, but none like each other: said, so
				// that the sentence's absence is not read as "no change".
				// "the fourth quarter", "June"
				part := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(each, "in "), "each "), " of each year")
				unlike, unlikePart = append(unlike, s.Name()), part
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
			verdict = "no different"
		case model.Up:
			verdict = "higher"
		case model.Down:
			verdict = "lower"
		}
		who := "It"
		if len(series) > 1 {
			who = s.Name()
		}
		parts = append(parts, fmt.Sprintf("%s %s, which is %s", who, beforeAndSince(m, before, since, each), verdict))
	}
	if len(unlike) > 0 {
		who := "It has"
		if len(series) > 1 {
			who = format.List(unlike) + format.Plural(float64(len(unlike)), " has", " have")
		}
		parts = append(parts, fmt.Sprintf("%s no figure from before sharing for %s, so none like its latest to compare with", who, unlikePart))
	}
	switch {
	case len(parts) > 0:
		return fmt.Sprintf(" The service has been shared since %s. %s.", start, strings.Join(parts, "; "))
	case allSince:
		return fmt.Sprintf(" All these figures are from after the service became shared %s, so there are no earlier figures to compare with.", when)
	case allBefore:
		return fmt.Sprintf(" All these figures are from before the service became shared %s.", when)
	}
	return ""
}

// beforeAndSince says the figures either side of sharing: "averaged 18.02
// days a quarter before sharing and 16.55 days since", "averaged 52.10% in
// the second quarter of each year before sharing and 57.05% since", and
// where a side has one figure, that figure: "was £1,286 in 2018/19 before
// sharing and has averaged £1,183 a year since".
func beforeAndSince(m *model.Metric, before, since []model.Point, each string) string {
	if each == "" {
		each = "a " + periodWord(m)
	}
	one := func(pts []model.Point) string { return m.Prose(pts[0].Value) + " in " + pts[0].Period.String() }
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
		return "was " + one(before) + " before sharing and " + one(since) + " since"
	case len(before) == 1:
		return "was " + one(before) + " before sharing and has averaged " + mean(since) + " " + each + " since"
	case len(since) == 1:
		return "averaged " + mean(before) + " " + each + " before sharing and was " + one(since) + " since"
	}
	return "averaged " + mean(before) + " " + each + " before sharing and " + mean(since) + " since"
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
// like: "in the second quarter of each year", "in each June".
func partOfYear(p period.Period) string {
	switch p.Kind {
	case period.Quarter:
		return "in the " + [...]string{"first", "second", "third", "fourth"}[p.N-1] + " quarter of each year"
	case period.Month:
		return "in each " + time.Month(p.N).String()
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

func metricTable(m *model.Metric, series []*model.Series, periods []period.Period) Table {
	t := Table{Caption: m.Name + " (" + strings.ToLower(m.Unit.Label(m.Lang())) + "), " + adverb(m), kind: m.Kind}
	if first, ok := sharedFrom(m, periods); ok {
		t.Caption += ". The service was shared from " + m.Service.Started.String() + ": figures from " + first.String() + " on are since sharing"
	}
	t.Head = []string{"Period"}
	// One target column when every series has the same target in every
	// period, which is the usual case; otherwise one per series.
	shared := sharedTargets(series, periods)
	for _, s := range series {
		if len(series) == 1 {
			t.Head = append(t.Head, "Value")
		} else {
			t.Head = append(t.Head, s.Name())
		}
		if !shared {
			t.Head = append(t.Head, s.Name()+" target")
		}
		t.Head = append(t.Head, statusHead(s, len(series)))
	}
	if shared {
		t.Head = append(t.Head, "Target")
	}
	benchmarks := benchmarksIn(m, periods)
	for _, b := range benchmarks {
		t.Head = append(t.Head, b.Name)
	}
	for _, r := range withOutturns(series, periods) {
		row := Row{Head: r.p.String(), period: r.p}
		if r.outturn {
			row.Head += " outturn"
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
				row.Cells = append(row.Cells, num(targetText(m, pt)))
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
			row.Cells = append(row.Cells, num(targetText(m, target)))
		}
		for _, b := range benchmarks {
			row.Cells = append(row.Cells, num(t.written(m, b.At(p))))
			row.keyed = row.keyed || keyed(b.At(p))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
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
		return pt.Mark.String()
	}
	out := m.Format(pt.Value)
	if pt.Flag != measure.NoFlag {
		t.key(pt.Flag.Symbol(), pt.Flag.String())
		out += " " + pt.Flag.Symbol()
	}
	if pt.SinceRevised {
		t.key("(since revised)", "a later report revised this figure; this report shows it as it was published, and the metric's page shows the revised figure")
		out += " (since revised)"
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
		t.key(pt.Flag.Symbol(), pt.Flag.String())
		out += " " + pt.Flag.Symbol()
	}
	return out
}

func statusHead(s *model.Series, n int) string {
	if n == 1 {
		return "Status"
	}
	return s.Name() + " status"
}

// targetText is a point's target as the council wrote it, or "None".
func targetText(m *model.Metric, pt *model.Point) string {
	if pt == nil || pt.Target == nil {
		return "None"
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

// Savings builds the figure for a savings view.
func Savings(v *model.Savings, id string) *Figure {
	fig := &Figure{ID: id, CSV: csvdata.SavingsFile}
	if v.Partner == nil {
		fig.Whole = v
	}
	scope := "Partnership"
	switch {
	case v.Service != nil && v.Partner != nil:
		scope = v.Service.Name + " for " + v.Partner.ShortName
	case v.Service != nil:
		scope = v.Service.Name
	case v.Partner != nil:
		scope = Possessive(v.Partner.ShortName) + " share of"
	}
	l := v.Latest()
	fig.Title = scope + " savings"
	if l != nil && l.Target != nil {
		fig.Title += ": " + headline(l.Rating.Status, l.Target.Short(), false) + " in " + l.Period.String()
	}
	if len(v.Years) > 0 {
		fig.Subtitle = fmt.Sprintf("Pounds, by financial year, %s. Saving is the cost without sharing less the actual cost.", period.Span(v.Years[0].Period, v.Years[len(v.Years)-1].Period))
	}
	fig.Summary = savingsSummary(v)
	fig.Label = fig.Title + ". " + fig.Summary
	fig.Table = savingsTable(v, scope)
	fig.Unit = measure.GBP
	fig.Option, fig.Err = savingsOption(v, fig.Label)
	return fig
}

func savingsSummary(v *model.Savings) string {
	if v.Unshared && len(v.Years) == 0 {
		return model.NoShares(v.Lang())
	}
	l := v.Latest()
	if l == nil {
		if planned := plannedPhrase(v, placesOf(v).target); planned != "" {
			return strings.TrimSpace(planned)
		}
		return "There are no savings figures for this yet."
	}
	// A service or the partnership saves; a share is of the savings, and
	// never itself "saved" anything.
	who, verb := "the partnership", "saved"
	switch {
	case v.Partner != nil && v.Service != nil:
		who, verb = Possessive(v.Partner.ShortName)+" share of the savings from "+v.Service.Name, "was"
	case v.Partner != nil:
		who, verb = Possessive(v.Partner.ShortName)+" share of the savings", "was"
	case v.Service != nil:
		who = v.Service.Name
	}
	var b strings.Builder
	pl := placesOf(v)
	fmt.Fprintf(&b, "In %s %s %s %s", l.Period, who, verb, l.Saving.Format(pl.saving))
	if c := CarriedPhrase(l, v.Service == nil, pl.saving); c != "" {
		b.WriteString(", " + c)
	} else if l.Recurring {
		b.WriteString(" a year, a recurring saving")
	}
	if l.Target != nil {
		fmt.Fprintf(&b, " against a target of %s: %s", l.Target.Format(pl.target), l.Rating.Status)
	}
	b.WriteString(".")
	switch {
	case l.OneOffMissing && l.OneOff == 0:
		b.WriteString(" One-off costs were not reported, so the net saving is the saving before them.")
	case l.OneOffMissing:
		fmt.Fprintf(&b, " After the one-off costs reported, %s, that is %s; other one-off costs were not reported.", l.OneOff.Format(pl.oneOff), netPhrase(l.Net, pl.net))
	case l.OneOff != 0:
		fmt.Fprintf(&b, " After one-off costs of %s, that is %s.", l.OneOff.Format(pl.oneOff), netPhrase(l.Net, pl.net))
	}
	if first := v.First(); first != l {
		// Targets are for savings before one-off costs, so the totals
		// compare like with like before the net figure is given.
		fmt.Fprintf(&b, " From %s to %s savings total %s", first.Period, l.Period, l.CumSaving.Format(pl.saving))
		if g := v.GapPhrase(); g != "" {
			fmt.Fprintf(&b, " (%s, so it is not counted)", g)
		}
		if l.CumTarget != nil {
			fmt.Fprintf(&b, " against targets totalling %s", l.CumTarget.Format(pl.target))
		}
		switch {
		case l.CumOneOffMissing && l.CumOneOff == 0:
			b.WriteString("; one-off costs were not reported, so the net saving is the saving before them")
		case l.CumOneOffMissing:
			fmt.Fprintf(&b, "; after the one-off costs reported, %s, that is %s (other one-off costs were not reported)", l.CumOneOff.Format(pl.oneOff), netPhrase(l.CumNet, pl.cumNet))
		case l.CumOneOff != 0:
			fmt.Fprintf(&b, "; after one-off costs of %s that is %s", l.CumOneOff.Format(pl.oneOff), netPhrase(l.CumNet, pl.cumNet))
		}
		b.WriteString(".")
		b.WriteString(carriedYears(v, pl.saving))
	}
	if ph, ok := v.PerHousehold(l.CumNet); ok {
		fmt.Fprintf(&b, " That is %s for each of %s %s households.", PerHouseholdPhrase(ph, pl.perHousehold), Possessive(v.Partner.ShortName), format.Fixed(float64(v.Partner.Households), 0))
	}
	b.WriteString(plannedPhrase(v, pl.target))
	return b.String()
}

// CarriedPhrase says how much of a year's saving is a recurring saving
// carried from an earlier year's row: "carried from 2019/20 (recurring)"
// when all of it is, "including £1.3m for ICT carried from 2021/22
// (recurring)" when part is; "" when none is. named puts each carried
// saving's service in, for views of more than one service; places are
// those of the saving's column (money.Pence.Prose).
func CarriedPhrase(y *model.SavingsYear, named bool, places int) string {
	if len(y.Carried) == 0 {
		return ""
	}
	var carried money.Pence
	var parts []string
	for _, c := range y.Carried {
		carried += c.Amount
		part := c.Amount.Format(places)
		if named {
			part += " for " + c.Name()
		}
		parts = append(parts, part+" carried from "+c.From.String())
	}
	if carried == y.Saving && len(y.Carried) == 1 {
		return "carried from " + y.Carried[0].From.String() + " (recurring)"
	}
	return "including " + strings.Join(parts, " and ") + " (recurring)"
}

// carriedYears names the years that count a recurring saving from an
// earlier year, so that a reader sees the figure counted again on purpose:
// " The recurring saving of £500,000 from 2019/20 is counted in 2020/21
// too, as no later figure replaces it there." places are the saving
// column's.
func carriedYears(v *model.Savings, places int) string {
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
		name := ""
		if k.name != "" {
			name = " for " + k.name
		}
		ys := years[k]
		list := ys[0]
		if len(ys) > 1 {
			list = strings.Join(ys[:len(ys)-1], ", ") + " and " + ys[len(ys)-1]
		}
		fmt.Fprintf(&b, " The recurring saving of %s%s from %s is counted in %s too, as no later figure replaces it there.", k.amount.Format(places), name, k.from, list)
	}
	return b.String()
}

// plannedPhrase names the planned years and their targets, which no
// figure to a year counts: " Savings of £173,000 are planned for 2025/26."
// places are the target column's.
func plannedPhrase(v *model.Savings, places int) string {
	var parts []string
	for _, y := range v.Years {
		if y.Planned && y.Target != nil {
			parts = append(parts, y.Target.Format(places)+" in "+y.Period.String())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " Savings of " + strings.Join(parts, " and ") + " are planned."
}

func savingsTable(v *model.Savings, scope string) Table {
	t := Table{Caption: scope + " savings by financial year (£)",
		Head: []string{"Year", "Cost without sharing", "Actual cost", "Saving", "Target saving", "Status", "One-off costs", "Net saving", "Net saving to date"},
		kind: period.Year}
	perHousehold := v.Partner != nil && v.Partner.Households > 0 && !v.Unshared
	if perHousehold {
		t.Head = append(t.Head, "Per household to date")
	}
	var carried, missing bool
	pl := placesOf(v)
	for i := range v.Years {
		y := &v.Years[i]
		target := "None"
		if y.Target != nil {
			target = y.Target.Format(pl.target)
		}
		base, actual := num(y.Baseline.Format(pl.baseline)), num(y.Actual.Format(pl.actual))
		if !y.Costs {
			// Reported as a saving, or planned: the costs are not known.
			base, actual = num("–"), num("–")
		}
		saving := y.Saving.Format(pl.saving)
		if c := CarriedPhrase(y, v.Service == nil, pl.saving); c != "" {
			saving += ", " + c
			carried = true
		}
		if len(y.Missing) > 0 {
			var names []string
			for _, g := range y.Missing {
				names = append(names, g.Name())
			}
			saving += "; no figure was published for " + strings.Join(names, " or ")
		}
		oneOff, net := y.OneOff.Format(pl.oneOff), y.Net.Format(pl.net)
		if y.OneOffMissing {
			missing = true
			// The net figure stays bare: the one-off cell beside it and
			// the table's key say what it is before, and nine columns
			// must fit a council page's column.
			if y.OneOff == 0 {
				oneOff = "Not reported"
			} else {
				oneOff += ", others not reported"
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
			row.Cells = []Cell{base, actual, num("No figure was published"), num(target), status(v.Lang(), y.Rating), num("–"), num("–"), num("–")}
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
		t.Key = append(t.Key, "carried: a recurring saving, counted in each later year until a later figure replaces it (a later figure includes the earlier, so the two are never added)")
	}
	if missing {
		t.Key = append(t.Key, "not reported: the one-off costs were not published, so the net saving beside it is the saving before them, not after £0")
	}
	if g := v.GapPhrase(); g != "" {
		t.Key = append(t.Key, g+", so it is not counted in the totals")
	}
	return t
}

// netPhrase says a net figure in words, to the places of its column: a
// negative net saving is a net cost, "a net cost of £85,000", not "a net
// saving of −£85,000".
func netPhrase(n money.Pence, places int) string {
	switch {
	case n < 0:
		return "a net cost of " + (-n).Format(places)
	case n == 0:
		return "no net saving"
	}
	return "a net saving of " + n.Format(places)
}

// PerHouseholdPhrase is a per household net figure in words, for "That is
// ... for each household", to places: those of the per household column
// beside a table, 0 on a headline card.
func PerHouseholdPhrase(n money.Pence, places int) string {
	if n < 0 {
		return "a net cost of " + (-n).Format(places)
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

// Possessive adds the possessive to a name: "Stevenage's", but "East
// Herts'" for a name ending in s.
func Possessive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "S") {
		return name + "'"
	}
	return name + "'s"
}

// lowerFirst lowers the first letter of a name for the middle of a
// sentence, by rune rather than by byte, so a name that opens with a curly
// quote or "€" is left whole.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	// Keep acronyms such as "ICT" as they are.
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	// A name in title case ("Working Days Lost per FTE") is kept whole:
	// "working Days Lost" would read worse than the name as written.
	capitals := 0
	for _, w := range strings.Fields(s)[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !isAcronym(w) {
			capitals++
		}
	}
	if capitals >= 2 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// isAcronym reports whether a word is in capitals throughout, as "FTE"
// or "(ICT)" are.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 1
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
		t.EarlierNote = fmt.Sprintf("Earlier %s, from %s: %s.", plural(t.kind), first, where)
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

// plural names periods of a kind: "quarters".
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
