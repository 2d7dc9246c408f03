package site

import (
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/partnersite/partnersite/internal/chart"
	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/textfile"
	"github.com/partnersite/partnersite/internal/words"
)

// drawFunc renders a resolved shortcode for one page.
type drawFunc func(bs *Base) ([]byte, error)

// shortcodeArgs are the arguments each shortcode takes.
var shortcodeArgs = map[string][]string{
	"chart":     {"metric", "partner"},
	"scorecard": {"period"},
	"savings":   {"service", "partner"},
	"value":     {"metric", "period", "partner", "show"},
}

// resolve checks a shortcode against the data and returns how to draw it,
// or nil after reporting what is wrong at the shortcode's line.
func (b *builder) resolve(pg *content.Page, sc *content.Shortcode) drawFunc {
	fail := func(format string, args ...any) drawFunc {
		b.pl.Errorf(pg.Path, sc.Line, format, args...)
		return nil
	}
	allowed, ok := shortcodeArgs[sc.Name]
	if !ok {
		return fail("unknown shortcode %q; the shortcodes are chart, scorecard, savings and value", textfile.Short(sc.Name))
	}
	for _, a := range sc.ArgNames() {
		if !slices.Contains(allowed, a) {
			return fail("shortcode %s has no argument %q; it takes %s", sc.Name, textfile.Short(a), strings.Join(allowed, ", "))
		}
	}
	if !sc.Block && sc.Name != "value" {
		return fail("shortcode %s draws a figure, so it must stand on a line of its own with a blank line before and after", sc.Name)
	}
	var metric *model.Metric
	if id, set := sc.Args["metric"]; set || sc.Name == "chart" || sc.Name == "value" {
		if metric = b.p.Metric(id); metric == nil {
			return fail("shortcode %s: metric %q is not in data/metrics.csv%s", sc.Name, textfile.Short(id), b.suggestMetric(id))
		}
	}
	var partner *model.Partner
	if id, set := sc.Args["partner"]; set {
		if partner = b.p.Partner(id); partner == nil {
			return fail("shortcode %s: partner %q is not in data/partners.csv", sc.Name, textfile.Short(id))
		}
		if metric != nil && metric.SeriesFor(id) == nil {
			return fail("shortcode %s: metric %q has no figures for partner %q", sc.Name, metric.ID, id)
		}
	}
	var at period.Period
	if raw, set := sc.Args["period"]; set {
		p, err := period.Parse(raw)
		if err != nil {
			return fail("shortcode %s: %v", sc.Name, err)
		}
		at = p
	}
	switch sc.Name {
	case "chart":
		return func(bs *Base) ([]byte, error) {
			pid := ""
			if partner != nil {
				pid = partner.ID
			}
			f := bs.figure(b.metricFigure(metric, pid, "chart-"+metric.ID+suffix(pid)))
			b.printRecent(pg, f)
			return b.theme.Partial("figure", figureData{Fig: f, Page: bs, shortcode: true})
		}
	case "savings":
		sid, pid := sc.Args["service"], ""
		if sid != "" && b.p.Service(sid) == nil {
			return fail("shortcode savings: service %q is not in data/services.csv", textfile.Short(sid))
		}
		if partner != nil {
			pid = partner.ID
		}
		if v := b.p.Savings(sid, pid); v.Unshared && len(v.Years) == 0 {
			return fail("shortcode savings: partner %q: cost_share is empty in data/partners.csv, so savings are not split by partner; leave out the partner, or give every partner's cost_share", pid)
		} else if len(v.Years) == 0 {
			return fail("shortcode savings: there are no savings figures for this in data/savings.csv")
		}
		return func(bs *Base) ([]byte, error) {
			f := bs.figure(chart.Savings(b.lang, b.p.Savings(sid, pid), "chart-savings"+suffix(sid)+suffix(pid)))
			b.printRecent(pg, f)
			return b.theme.Partial("figure", figureData{Fig: f, Page: bs, shortcode: true})
		}
	case "scorecard":
		if !at.IsZero() && !b.p.HasPeriod(at) {
			return fail("shortcode scorecard: no metric has figures for period %s", at)
		}
		return func(bs *Base) ([]byte, error) {
			return b.theme.Partial("scorecard", scorecardData{Goals: b.scorecard(at), AsAt: at, Page: bs})
		}
	}
	// value
	show := sc.Args["show"]
	if show == "" {
		show = "value"
	}
	if show != "value" && show != "target" && show != "status" {
		return fail("shortcode value: show=%q must be \"value\", \"target\" or \"status\"", textfile.Short(show))
	}
	var s *model.Series
	if partner != nil {
		s = metric.SeriesFor(partner.ID)
	} else if s = metric.SeriesFor(""); s == nil {
		return fail("shortcode value: metric %q is reported per partner; add partner=\"...\" (one of %s)", metric.ID, seriesNames(metric))
	}
	pt := s.Latest()
	if !at.IsZero() {
		pt = s.At(at)
	}
	if pt == nil {
		return fail("shortcode value: metric %q has no figure for %s%s", metric.ID, orLatest(at), periodRange(s))
	}
	var text string
	switch {
	case !pt.Has() && show != "target":
		// "not available": the word the table shows in its place.
		text = html.EscapeString(pt.Mark.Word(b.lang))
	case show == "value":
		text = html.EscapeString(metric.Said(pt))
	case show == "target":
		if pt.Target == nil {
			text = html.EscapeString(b.lang.T("site.value.no-target"))
		} else {
			text = html.EscapeString(metric.TargetText(pt))
		}
	case show == "status":
		text = fmt.Sprintf(`<span class="status %s" title="%s">%s</span>`, pt.Rating.Status.Class(),
			html.EscapeString(pt.Rating.Rule(metric.Lang())), pt.Rating.Status.Word(metric.Lang()))
	}
	return func(*Base) ([]byte, error) { return []byte(text), nil }
}

// printRecent has a figure's table, in a report of a period, print its
// recent rows only (chart.Table.PrintRecent), with a note that sends the
// reader for the earlier ones to the report's own web page, which shows
// every row, and, for a measure's figures, to the figures.csv beside it,
// which has every figure of the measures the report charts (savings are
// not in it; see reportShows). The screen page is unchanged.
func (b *builder) printRecent(pg *content.Page, f *chart.Figure) {
	if pg.Kind != content.Report || !pg.PeriodSet {
		return // no period to count back from
	}
	key, url := "report.print.on-page", ""
	if b.cfg.BaseURL != "" {
		key, url = "report.print.on-page-at", b.abs(pg.URL) // the address, set off
	}
	if f.CSV == csvdata.PerformanceFile {
		key += "-csv"
	}
	where := b.lang.F(key, "url", url)
	f.Table.PrintRecent(pg.Period, where)
}

func suffix(id string) string {
	if id == "" {
		return ""
	}
	return "-" + id
}

func orLatest(p period.Period) string {
	if p.IsZero() {
		return "any period"
	}
	return "period " + p.String()
}

func periodRange(s *model.Series) string {
	if len(s.Points) == 0 {
		return ""
	}
	return fmt.Sprintf(" (it has %s to %s)", s.Points[0].Period, s.Points[len(s.Points)-1].Period)
}

func seriesNames(m *model.Metric) string {
	var out []string
	for _, s := range m.Series {
		if s.Partner != nil {
			out = append(out, s.Partner.ID)
		}
	}
	return strings.Join(out, ", ")
}

func (b *builder) suggestMetric(id string) string {
	for _, m := range b.p.Metrics {
		if strings.Contains(m.ID, id) || strings.Contains(id, m.ID) {
			return fmt.Sprintf(" (did you mean %q?)", m.ID)
		}
	}
	return ""
}

// figureData is what partials/figure.html receives.
type figureData struct {
	Fig  *chart.Figure
	Page *Base
	// shortcode is set for a figure in markdown, which the layouts and
	// partials draw apart from the page's templates (see drawTable).
	shortcode bool
}

// scorecardData is what partials/scorecard.html receives.
type scorecardData struct {
	Goals []ScoreGoal
	AsAt  period.Period
	Page  *Base
}

// scorecard lists every goal with its metrics' status at period at (the
// latest figures when at is zero).
func (b *builder) scorecard(at period.Period) []ScoreGoal {
	var out []ScoreGoal
	for _, g := range b.p.Goals {
		sg := ScoreGoal{Goal: g, Counts: model.CountStatuses(g.Metrics)}
		for _, m := range g.Metrics {
			sg.Rows = append(sg.Rows, scoreRowAt(b.lang, m, at))
		}
		out = append(out, sg)
	}
	return out
}

// scoreRowAt is a metric's scorecard line at period at, in the language l.
func scoreRowAt(l *words.Lang, m *model.Metric, at period.Period) ScoreRow {
	ss, ps := m.WorstAt(at)
	row := ScoreRow{Metric: m}
	if len(ps) == 0 {
		return row
	}
	if s := ss[0]; s.Partner != nil && len(m.Series) > 1 {
		row.Who = s.Partner.ShortName
		// The row shows the first partner's figure; every other partner
		// with the same status is named, so none is hidden behind it.
		var also []string
		for _, o := range ss[1:] {
			if o.Partner != nil {
				also = append(also, o.Partner.ShortName)
			}
		}
		if len(also) > 0 {
			row.Who = l.F("site.row.also", "who", row.Who, "others", l.List(also), "status", ps[0].Rating.Status.Word(l))
		}
	}
	row = fill(l, row, m, ps[0])
	if len(m.Series) > 1 {
		row.Trend = travelEach(l, m, at)
	}
	return row
}

// travelEach is the direction of travel of each series of a metric
// reported per partner, at period at: "North: Improving; South:
// Worsening". A scorecard row shows one partner's figure, but every
// partner's direction, so that none is hidden behind the worst.
func travelEach(l *words.Lang, m *model.Metric, at period.Period) string {
	var parts []string
	for _, s := range m.Series {
		pt := scoredAt(s, at)
		if pt == nil {
			parts = append(parts, l.F("site.row.travel", "who", s.Name(), "travel", l.T("site.row.no-figures")))
			continue
		}
		parts = append(parts, l.F("site.row.travel", "who", s.Name(), "travel", pt.Travel(l)))
	}
	return strings.Join(parts, "; ")
}

// scoredAt is the figure of series s a scorecard at period at shows:
// its latest by the end of at, or its latest when at is zero, passing
// over periods with no figure. It is the figure model.WorstAt takes of
// each series, and the one whose direction travelEach gives; a report's
// figures files hold it for every metric it shows on a scorecard alone.
func scoredAt(s *model.Series, at period.Period) *model.Point {
	if at.IsZero() {
		return s.Latest()
	}
	return s.LatestBy(at.End())
}

// seriesRow is one series' latest line, in the language l.
func seriesRow(l *words.Lang, m *model.Metric, s *model.Series) ScoreRow {
	row := ScoreRow{Metric: m, Who: s.Name()}
	if pt := s.Latest(); pt != nil {
		row = fill(l, row, m, pt)
	}
	return row
}

func fill(l *words.Lang, row ScoreRow, m *model.Metric, pt *model.Point) ScoreRow {
	row.HasData = true
	row.Period = pt.Period
	row.Value = m.Said(pt)
	row.Target = l.T("site.row.no-target")
	if pt.Target != nil {
		row.Target = m.TargetText(pt)
	}
	row.Rating = pt.Rating
	row.Trend = pt.Travel(m.Lang())
	return row
}
