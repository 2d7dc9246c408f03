package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/model"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/words"
)

// Neutralise stops a spreadsheet from running a text cell as a formula:
// a cell that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe, which spreadsheets show as text and do not run.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// num writes a figure for a CSV: plain digits a spreadsheet reads as a
// number, rounded to remove binary noise from derived figures.
func num(v float64, places int) string {
	return strconv.FormatFloat(format.Round(v, places), 'f', -1, 64)
}

func opt(v *float64, places int) string {
	if v == nil {
		return ""
	}
	return num(*v, places)
}

// table is one CSV download being built.
type table struct {
	name, description string
	header            []string
	rows              [][]string
	// plain, when kept, holds the rows as written, before Neutralise, for
	// data.json: a formula guard is for spreadsheets, not for JSON.
	plain [][]string
	keep  bool
}

// text adds a row whose text cells are neutralised; numbers are written by
// num and never start with a formula character other than "-", which is
// why only text passes through Neutralise.
func (t *table) add(cells ...cell) {
	row := make([]string, len(cells))
	for i, c := range cells {
		if c.text {
			row[i] = Neutralise(c.v)
		} else {
			row[i] = c.v
		}
	}
	t.rows = append(t.rows, row)
	if t.keep {
		plain := make([]string, len(cells))
		for i, c := range cells {
			plain[i] = c.v
		}
		t.plain = append(t.plain, plain)
	}
}

type cell struct {
	v    string
	text bool
}

func tx(s string) cell  { return cell{s, true} }
func nm(s string) cell  { return cell{s, false} }
func idc(s string) cell { return cell{s, false} } // ids are slugs: never formulas

func (t *table) bytes() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(t.header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(t.rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// buildTables builds the downloads: each input file as published, with the
// derived figures beside the figures they come from.
// A table's description is what the data page says of it, in the
// builder's language; its header and its machine-readable cells (ids,
// periods, numbers, "yes" and "no") stay as they are in every language,
// so that a program reads each language's file alike.
func (b *builder) buildTables() []*table {
	p, l := b.p, b.lang
	partners := &table{name: "partners.csv", description: l.T("site.data.partners"),
		header: []string{"id", "name", "short_name", "code", "website", "households", "cost_share", "net_saving_to_date", "net_saving_to_date_per_household"}}
	shared := p.SharesGiven()
	if !shared {
		partners.description = l.F("site.data.partners.no-shares", "why", model.NoShares(l))
	}
	for _, pt := range p.Partners {
		net, perHH, share := "", "", ""
		if shared {
			share = pt.CostShare.Decimal()
			if l := p.Savings("", pt.ID).Latest(); l != nil {
				net = l.CumNet.Decimal()
				if pt.Households > 0 {
					perHH = l.CumNet.Div(int64(pt.Households)).Decimal()
				}
			}
		}
		hh := ""
		if pt.Households > 0 {
			hh = strconv.Itoa(pt.Households)
		}
		partners.add(idc(pt.ID), tx(pt.Name), tx(pt.ShortName), idc(pt.Code), tx(pt.Website), nm(hh), nm(share), nm(net), nm(perHH))
	}
	services := &table{name: "services.csv", description: l.T("site.data.services"),
		header: []string{"id", "name", "lead_partner", "started", "description"}}
	for _, s := range p.Services {
		lead, started := "", ""
		if s.Lead != nil {
			lead = s.Lead.ID
		}
		if !s.Started.IsZero() {
			started = s.Started.ISO()
		}
		services.add(idc(s.ID), tx(s.Name), idc(lead), nm(started), tx(s.Description))
	}
	metrics := &table{name: "metrics.csv", description: l.T("site.data.metrics"),
		header: []string{"id", "name", "service", "goal", "unit", "direction", "target", "amber", "description", "source", "source_url", "latest_period", "status"}}
	for _, m := range p.Metrics {
		latest := ""
		if _, pt := m.AsAt(zeroPeriod); pt != nil {
			latest = pt.Period.Written()
		}
		metrics.add(idc(m.ID), tx(m.Name), idc(m.Service.ID), idc(m.Goal.ID), idc(string(m.Unit)), idc(string(m.Direction)),
			nm(opt(m.Target, 6)), nm(opt(m.Amber, 6)), tx(m.Description), tx(m.Source), tx(m.SourceURL), nm(latest), tx(m.Status().String()))
	}
	perf := performanceTable("performance.csv", l.T("site.data.performance"), p.Metrics)
	out := []*table{partners, services, metrics, perf}
	bench := &table{name: "benchmarks.csv", description: l.T("site.data.benchmarks"),
		header: []string{"metric", "period", "benchmark", "value", "flag", "source", "source_file", "source_line"}}
	for _, m := range p.Metrics {
		for _, bm := range m.Benchmarks {
			for _, pt := range bm.Points {
				value := ""
				if pt.Has() {
					value = num(pt.Value, 6)
				}
				bench.add(idc(m.ID), nm(pt.Period.Written()), tx(bm.Name), nm(value), idc(pt.Symbol()), tx(pt.Note), tx(pt.File), nm(strconv.Itoa(pt.Line)))
			}
		}
	}
	if len(bench.rows) > 0 {
		out = append(out, bench)
	}
	if rev := revisionsTable(l, p.Metrics); len(rev.rows) > 0 {
		out = append(out, rev)
	}
	if p.HasSavings() {
		sv := &table{name: "savings.csv", description: l.T("site.data.savings"),
			header: []string{"service", "period", "partner", "baseline_cost", "actual_cost", "saving", "target_saving", "status", "one_off_cost", "net_saving", "recurring", "carried_from", "note", "source_file", "source_line"}}
		for _, s := range p.Services {
			for _, pt := range append([]*model.Partner{nil}, p.Partners...) {
				pid := ""
				if pt != nil {
					pid = pt.ID
				}
				for _, y := range p.OwnSavings(s.ID, pid) {
					base, actual, saving, net := y.Baseline.Decimal(), y.Actual.Decimal(), y.Saving.Decimal(), y.Net.Decimal()
					if !y.Costs {
						base, actual = "", "" // reported as a saving, or planned
					}
					if !y.Counted() {
						saving, net = "", "" // planned, or no figure published
					}
					oneOff := y.OneOff.Decimal()
					if y.OneOffMissing || !y.Counted() {
						oneOff = "" // not reported: never written as 0
					}
					line, file := "", ""
					if len(y.Lines) == 1 { // one row of the file for a service, partner and year
						line, file = strconv.Itoa(y.Lines[0]), csvdata.SavingsFile
					}
					recurring, from := "", ""
					if y.Counted() {
						recurring = "no"
						if y.Recurring || len(y.Carried) > 0 {
							recurring = "yes"
						}
					}
					if len(y.Carried) > 0 {
						from = y.Carried[0].From.Written() // one stream: one row carried
					}
					note := strings.Join(y.Notes, " ")
					if y.NoFigure {
						note = l.T("site.data.no-figure")
					}
					sv.add(idc(s.ID), nm(y.Period.Written()), idc(pid), nm(base), nm(actual), nm(saving),
						nm(optPence(y.Target)), tx(y.Rating.Status.String()), nm(oneOff), nm(net), tx(recurring), nm(from), tx(note),
						tx(file), nm(line))
				}
			}
		}
		attributed := &table{name: "savings-by-partner.csv", description: l.T("site.data.savings-by-partner"),
			header: []string{"partner", "period", "saving", "target_saving", "one_off_cost", "one_off_cost_not_reported", "net_saving", "net_saving_to_date", "net_saving_to_date_per_household", "carried_saving", "note"}}
		if !shared {
			// No split is published, so none is made up: the file keeps
			// its header and says why.
			attributed.description = l.F("site.data.savings-by-partner.no-shares", "why", model.NoShares(l))
		}
		for _, pt := range p.Partners {
			if !shared {
				break
			}
			v := p.Savings("", pt.ID)
			for _, y := range v.Years {
				if !y.Counted() {
					note := ""
					if y.NoFigure {
						note = l.T("site.data.no-figure")
					}
					attributed.add(idc(pt.ID), nm(y.Period.Written()), nm(""), nm(optPence(y.Target)), nm(""), tx(""), nm(""), nm(""), nm(""), nm(""), tx(note))
					continue
				}
				ph := ""
				if h, ok := v.PerHousehold(y.CumNet); ok {
					ph = h.Decimal()
				}
				oneOff, missing := y.OneOff.Decimal(), "no"
				if y.OneOffMissing {
					missing = "yes"
					if y.OneOff == 0 {
						oneOff = ""
					}
				}
				var carried money.Pence
				var notes []string
				for _, c := range y.Carried {
					carried += c.Amount
					notes = append(notes, l.F("site.data.carried", "name", c.Name(), "from", c.From.String(), "file", csvdata.SavingsFile, "line", c.Line))
				}
				for _, g := range y.Missing {
					notes = append(notes, l.F("site.data.no-figure-for", "name", g.Name()))
				}
				carriedCell := ""
				if len(y.Carried) > 0 {
					carriedCell = carried.Decimal()
				}
				attributed.add(idc(pt.ID), nm(y.Period.Written()), nm(y.Saving.Decimal()), nm(optPence(y.Target)), nm(oneOff), tx(missing),
					nm(y.Net.Decimal()), nm(y.CumNet.Decimal()), nm(ph), nm(carriedCell), tx(strings.Join(notes, " ")))
			}
		}
		out = append(out, sv, attributed)
	}
	return append(out, evidenceTables(l, p)...)
}

// evidenceTables are actions.csv and risks.csv as published: every row,
// each with where it stood at its own period, Overdue worked out from
// its dates, and a risk's score, band and rule.
func evidenceTables(l *words.Lang, p *model.Partnership) []*table {
	actions, risks := p.History()
	return evidenceRows(l, p, actions, risks)
}

// evidenceRows are the tables of the actions and risks given: every row
// of the files for the downloads, or each as it stood for a report, with
// descriptions in the language l.
func evidenceRows(l *words.Lang, p *model.Partnership, actions []*model.Action, risks []*model.Risk) []*table {
	var out []*table
	if p.HasActions() {
		t := &table{keep: true, name: "actions.csv", description: l.T("site.data.actions"),
			header: []string{"id", "title", "goal", "service", "partner", "metric", "owner", "due", "revised_due", "status", "state", "completed", "period", "evidence", "note", "source_line"}}
		for _, a := range actions {
			completed := ""
			if !a.Completed.IsZero() {
				completed = a.Completed.ISO()
			}
			t.add(idc(a.ID), tx(a.Title), idc(a.Goal.ID), idc(idOf(a.Service)), idc(idOf(a.Partner)), idc(idOf(a.Metric)), tx(a.Owner),
				nm(a.Due.Written()), nm(a.RevisedDue.Written()), tx(a.Status.String()), tx(a.State()), nm(completed), nm(a.Period.Written()),
				tx(a.Evidence), tx(a.Note), nm(strconv.Itoa(a.Line)))
		}
		out = append(out, t)
	}
	if p.HasRisks() {
		t := &table{keep: true, name: "risks.csv", description: l.T("site.data.risks"),
			header: []string{"id", "title", "goal", "service", "owner", "likelihood", "impact", "score", "band", "rule", "period", "mitigation", "note", "source_line"}}
		for _, r := range risks {
			t.add(idc(r.ID), tx(r.Title), idc(r.Goal.ID), idc(idOf(r.Service)), tx(r.Owner), nm(strconv.Itoa(r.Likelihood)), nm(strconv.Itoa(r.Impact)),
				nm(strconv.Itoa(r.Score())), tx(r.Band()), tx(r.Rule()), nm(r.Period.Written()), tx(r.Mitigation), tx(r.Note), nm(strconv.Itoa(r.Line)))
		}
		out = append(out, t)
	}
	return out
}

// idOf is the id of a service, partner or metric, or "" for none.
func idOf[T interface {
	*model.Service | *model.Partner | *model.Metric
}](x T) string {
	switch v := any(x).(type) {
	case *model.Service:
		if v != nil {
			return v.ID
		}
	case *model.Partner:
		if v != nil {
			return v.ID
		}
	case *model.Metric:
		if v != nil {
			return v.ID
		}
	}
	return ""
}

// performanceTable is every figure of the metrics, one a row, in real
// units, with its flag or mark, its rating and the file and line it was
// read from: the long, tidy form whatever the inputs' layout.
func performanceTable(name, description string, metrics []*model.Metric) *table {
	perf := figureTable(name, description)
	for _, m := range metrics {
		for _, s := range m.Series {
			perf.addSeries(m, s)
		}
	}
	return perf
}

// figureTable is an empty table of figures, with performance.csv's
// columns.
func figureTable(name, description string) *table {
	return &table{name: name, description: description,
		header: []string{"metric", "period", "partner", "value", "flag", "target", "amber", "status", "status_rule", "direction_of_travel", "note", "source_file", "source_line"}}
}

// addSeries adds every figure of series s of metric m: its periods in
// order, then a year's outturns beside the quarters, which are figures
// too, with no direction of travel, since nothing before them is of
// their kind.
func (t *table) addSeries(m *model.Metric, s *model.Series) {
	for i := range s.Points {
		t.addFigure(m, s, &s.Points[i], true)
	}
	for i := range s.Outturns {
		t.addFigure(m, s, &s.Outturns[i], false)
	}
}

// addFigure adds figure pt of series s of metric m, as a row of
// performanceTable; travel says whether it has a direction of travel
// (an outturn has none).
func (t *table) addFigure(m *model.Metric, s *model.Series, pt *model.Point, travel bool) {
	who := ""
	if s.Partner != nil {
		who = s.Partner.ID
	}
	amber := ""
	if pt.Target != nil {
		amber = num(pt.Amber, 6)
	}
	value, status, rule, trend := num(pt.Value, 6), pt.Rating.Status.String(), pt.Rating.Rule(m.Lang()), pt.Travel(m.Lang())
	if !pt.Has() {
		// No figure: nothing to rate or compare.
		value, status, rule, trend = "", "", "", ""
	}
	if !travel {
		trend = ""
	}
	t.add(idc(m.ID), nm(pt.Period.Written()), idc(who), nm(value), idc(pt.Symbol()), nm(opt(pt.Target, 6)), nm(amber),
		tx(status), tx(rule), tx(trend), tx(pt.Note), tx(pt.File), nm(strconv.Itoa(pt.Line)))
}

// revisionsTable lists every figure a later report revised, with where it
// was published, beside the figure that revised it: an earlier committee
// paper's figure is kept, never overwritten. A figure revised twice has a
// row for each revision, oldest first.
func revisionsTable(l *words.Lang, metrics []*model.Metric) *table {
	t := &table{name: "revisions.csv", description: l.T("site.data.revisions"),
		header: []string{"metric", "period", "partner", "published", "published_flag", "published_source_file", "published_source_line", "published_in", "revised", "revised_flag", "revised_in", "source_file", "source_line"}}
	for _, m := range metrics {
		for _, s := range m.Series {
			who := ""
			if s.Partner != nil {
				who = s.Partner.ID
			}
			for _, pt := range slices.Concat(s.Points, s.Outturns) {
				// Each figure beside the one that revised it, oldest first.
				var rows [][]cell
				by := csvdata.Revision{Value: pt.Value, Mark: pt.Mark, Flag: pt.Flag, File: pt.File, Line: pt.Line}
				for f := pt.Earlier; f != nil; f = f.Earlier {
					v, vf := revisionValue(*f)
					w, wf := revisionValue(by)
					rows = append(rows, []cell{idc(m.ID), nm(pt.Period.Written()), idc(who), nm(v), idc(vf), tx(f.File), nm(strconv.Itoa(f.Line)), nm(f.PublishedIn.Written()),
						nm(w), idc(wf), nm(f.RevisedIn.Written()), tx(by.File), nm(strconv.Itoa(by.Line))})
					by = *f
				}
				for i := len(rows) - 1; i >= 0; i-- {
					t.add(rows[i]...)
				}
			}
		}
	}
	return t
}

// revisionValue is a revision's figure and symbol for the download: the
// figure and its flag, or no figure and its mark.
func revisionValue(r csvdata.Revision) (value, symbol string) {
	if r.Mark != measure.Present {
		return "", r.Mark.Symbol()
	}
	return num(r.Value, 6), r.Flag.Symbol()
}

// writeJSON writes the table as a JSON array of objects keyed by its
// header, for those who would rather not parse CSV. It writes straight
// from the rows, with no map or copy of each: a report's figures can be
// tens of thousands of rows, and going through []map[string]string and
// json.MarshalIndent once cost most of a build. The bytes are those
// MarshalIndent(rows, "", "  ") gave for the rows as maps, so that no
// download changes: keys in sorted order (a map's order in encoding/json),
// a repeated column's last cell (the map kept the last), every string as
// json.Marshal escapes it, and "[]" for a table of no rows.
func (t *table) writeJSON(w *bytes.Buffer) {
	if len(t.rows) == 0 {
		w.WriteString("[]\n")
		return
	}
	keys := jsonKeys(t.header)
	w.WriteString("[\n")
	for i, r := range t.rows {
		if i > 0 {
			w.WriteString(",\n")
		}
		if len(keys) == 0 {
			w.WriteString("  {}")
			continue
		}
		w.WriteString("  {\n")
		for k, key := range keys {
			if k > 0 {
				w.WriteString(",\n")
			}
			w.WriteString("    ")
			writeJSONString(w, key.name)
			w.WriteString(": ")
			writeJSONString(w, r[key.col])
		}
		w.WriteString("\n  }")
	}
	w.WriteString("\n]\n")
}

// jsonKey is a column as a JSON key: its name and the cell it takes.
type jsonKey struct {
	name string
	col  int
}

// jsonKeys are a header's columns in the order encoding/json writes a
// map's keys, sorted, each once with its last column, as a map keyed by
// the header would hold it.
func jsonKeys(header []string) []jsonKey {
	var keys []jsonKey
	for j, h := range header {
		if i := slices.IndexFunc(keys, func(k jsonKey) bool { return k.name == h }); i >= 0 {
			keys[i].col = j
			continue
		}
		keys = append(keys, jsonKey{h, j})
	}
	slices.SortFunc(keys, func(a, b jsonKey) int { return strings.Compare(a.name, b.name) })
	return keys
}

// writeJSONString writes s as a JSON string, as json.Marshal does. Most
// cells are plain ASCII with nothing to escape and are written as they
// are; any other goes through json.Marshal itself, so that the escaping
// (of <, > and &, U+2028, control characters and invalid UTF-8) is
// encoding/json's own and cannot drift from it.
func writeJSONString(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // a string always marshals
			w.Write(b)
			return
		}
	}
	w.WriteByte('"')
	w.WriteString(s)
	w.WriteByte('"')
}

// downloads builds the CSV tables once per load: the data page counts
// their rows and writeData writes them, and the performance table alone
// can have half a million rows.
func (b *builder) downloads() []*table {
	b.tables.once.Do(func() { b.tables.list = b.buildTables() })
	return b.tables.list
}

// tableCache holds a load's CSV tables, shared by the builders forked
// from it.
type tableCache struct {
	once sync.Once
	list []*table
}

func (b *builder) dataFiles() []DataFile {
	var out []DataFile
	for _, t := range b.downloads() {
		out = append(out, DataFile{Name: t.name, URL: dataKind.url("") + t.name, Description: t.description, Rows: len(t.rows)})
	}
	return append(out, DataFile{Name: "data.json", URL: dataKind.url("") + "data.json", Description: b.lang.T("site.data.json")})
}

// writeData adds the downloads, data.json, sitemap.xml, robots.txt and
// feed.xml.
func (b *builder) writeData() error {
	if err := b.writeFiles(); err != nil {
		return err
	}
	return b.writeIndexes()
}

// writeFiles writes the files made from the data and the content alone:
// the downloads, data.json and the feed. A build writes them while its
// pages render.
func (b *builder) writeFiles() error {
	for _, t := range b.downloads() {
		data, err := t.bytes()
		if err != nil {
			return fmt.Errorf("writing data/%s: %w", t.name, err)
		}
		if err := b.emit(dataKind.url("")+t.name, data); err != nil {
			return err
		}
	}
	js, err := json.MarshalIndent(b.jsonData(), "", "  ")
	if err != nil {
		return fmt.Errorf("writing data/data.json: %w", err)
	}
	if err := b.emit(dataKind.url("")+"data.json", append(js, '\n')); err != nil {
		return err
	}
	feed, err := b.feed()
	if err != nil {
		return err
	}
	return b.emit("feed.xml", feed)
}

// writeIndexes writes the files that list the pages, search.json and the
// sitemap, once every page is rendered: search.json holds the outline
// each content page's rendering took.
func (b *builder) writeIndexes() error {
	index, err := b.searchJSON()
	if err != nil {
		return fmt.Errorf("writing search.json: %w", err)
	}
	if err := b.emit("search.json", index); err != nil {
		return err
	}
	sitemap, err := b.sitemap()
	if err != nil {
		return err
	}
	if err := b.emit("sitemap.xml", sitemap); err != nil {
		return err
	}
	if b.prefix != "" {
		return nil // crawlers read the root's, which names every tree's sitemap
	}
	return b.emit("robots.txt", b.robots())
}

// robots is robots.txt: every page may be crawled, and the sitemap is
// named by its full address, which only base_url can give. Embed pages
// are left to their noindex.
func (b *builder) robots() []byte {
	s := "User-agent: *\nAllow: /\n"
	if b.cfg.BaseURL != "" {
		s += "\nSitemap: " + b.abs("sitemap.xml") + "\n"
		// The root's robots.txt, the one crawlers read, names every
		// language's sitemap.
		if b.cfg.Welsh() {
			for _, code := range b.cfg.Languages[1:] {
				s += "Sitemap: " + b.abs(code+"/sitemap.xml") + "\n"
			}
		}
	}
	return []byte(s)
}

type jsonLicence struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	Attribution string `json:"attribution"`
}

type jsonSite struct {
	Title       string          `json:"title"`
	Description string          `json:"description,omitempty"`
	Licence     jsonLicence     `json:"licence"`
	Goals       []jsonGoal      `json:"goals"`
	Partners    []jsonPartner   `json:"partners"`
	Services    []jsonService   `json:"services"`
	Metrics     []jsonMetric    `json:"metrics"`
	Savings     []jsonSavingsYr `json:"savings"`
	// Actions and Risks are actions.csv and risks.csv's rows, keyed by
	// their columns.
	Actions []map[string]string `json:"actions,omitempty"`
	Risks   []map[string]string `json:"risks,omitempty"`
}

type jsonGoal struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"`
}

type jsonPartner struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	ShortName  string       `json:"short_name"`
	Website    string       `json:"website,omitempty"`
	Code       string       `json:"code,omitempty"`
	Households int          `json:"households,omitempty"`
	CostShare  *money.Share `json:"cost_share"` // null when not published
	// Savings are empty when cost shares are not published.
	Savings []jsonSavingsYr `json:"attributed_savings"`
}

type jsonService struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	LeadPartner string          `json:"lead_partner,omitempty"`
	Started     string          `json:"started,omitempty"`
	Description string          `json:"description,omitempty"`
	Savings     []jsonSavingsYr `json:"savings"`
}

type jsonMetric struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Service     string       `json:"service"`
	Goal        string       `json:"goal"`
	Unit        string       `json:"unit"`
	Direction   string       `json:"direction"`
	Target      *float64     `json:"target"`
	Amber       *float64     `json:"amber"`
	Description string       `json:"description,omitempty"`
	Source      string       `json:"source,omitempty"`
	Status      string       `json:"status"`
	Series      []jsonSeries `json:"series"`
	// Benchmarks are context, never targets: they carry no status.
	Benchmarks []jsonBenchmark `json:"benchmarks,omitempty"`
}

type jsonBenchmark struct {
	Name   string               `json:"name"`
	Points []jsonBenchmarkPoint `json:"points"`
}

type jsonBenchmarkPoint struct {
	Period string   `json:"period"`
	Value  *float64 `json:"value"` // null where there is no figure
	Flag   string   `json:"flag,omitempty"`
	Source string   `json:"source,omitempty"`
}

type jsonSeries struct {
	Partner string      `json:"partner,omitempty"`
	Points  []jsonPoint `json:"points"`
}

type jsonPoint struct {
	Period string   `json:"period"`
	Value  *float64 `json:"value"`          // null where there is no figure
	Flag   string   `json:"flag,omitempty"` // [p], [r], [e]; or [x], [z], [c] with no value
	Target *float64 `json:"target"`
	Amber  *float64 `json:"amber"`
	Status string   `json:"status"`
	Rule   string   `json:"status_rule"`
	Trend  string   `json:"direction_of_travel"`
	Note   string   `json:"note,omitempty"`
}

type jsonSavingsYr struct {
	Period   string       `json:"period"`
	Baseline money.Pence  `json:"baseline_cost"`
	Actual   money.Pence  `json:"actual_cost"`
	Saving   *money.Pence `json:"saving"` // null for a planned year or one with no figure
	Target   *money.Pence `json:"target_saving"`
	Status   string       `json:"status"`
	OneOff   *money.Pence `json:"one_off_cost"` // null when not reported
	// OneOffMissing is true when some one-off cost of the year was not
	// reported, so one_off_cost (if any) is only the part that was.
	OneOffMissing bool         `json:"one_off_cost_not_reported"`
	Net           *money.Pence `json:"net_saving"`
	CumNet        money.Pence  `json:"net_saving_to_date"`
	PerHousehold  *money.Pence `json:"net_saving_to_date_per_household,omitempty"`
	Recurring     bool         `json:"recurring"`
	Carried       []jsonCarry  `json:"carried,omitempty"`
	NoFigureFor   []string     `json:"no_figure_published_for,omitempty"`
}

// jsonCarry is a recurring saving counted in a later year.
type jsonCarry struct {
	Service string      `json:"service"`
	Partner string      `json:"partner,omitempty"`
	From    string      `json:"from"`
	Line    int         `json:"source_line"`
	Amount  money.Pence `json:"amount"`
}

// jsonValue is a point's figure, or nil (null) where there is none.
func jsonValue(pt *model.Point) *float64 {
	if !pt.Has() {
		return nil
	}
	v := pt.Value
	return &v
}

// optPence writes an optional amount for a download, empty when unset.
func optPence(p *money.Pence) string {
	if p == nil {
		return ""
	}
	return p.Decimal()
}

func jsonSavings(v *model.Savings) []jsonSavingsYr {
	out := []jsonSavingsYr{}
	for _, y := range v.Years {
		j := jsonSavingsYr{Period: y.Period.Written(), Baseline: y.Baseline, Actual: y.Actual,
			Target: y.Target, Status: y.Rating.Status.String(), OneOffMissing: y.OneOffMissing, CumNet: y.CumNet,
			Recurring: y.Recurring || len(y.Carried) > 0}
		if y.Counted() {
			saving, net := y.Saving, y.Net
			j.Saving, j.Net = &saving, &net
			if ph, ok := v.PerHousehold(y.CumNet); ok {
				j.PerHousehold = &ph
			}
		}
		if oneOff := y.OneOff; y.Counted() && (!y.OneOffMissing || oneOff != 0) {
			j.OneOff = &oneOff
		}
		for _, c := range y.Carried {
			jc := jsonCarry{From: c.From.Written(), Line: c.Line, Amount: c.Amount}
			if c.Service != nil {
				jc.Service = c.Service.ID
			}
			if c.Partner != nil {
				jc.Partner = c.Partner.ID
			}
			j.Carried = append(j.Carried, jc)
		}
		for _, g := range y.Missing {
			j.NoFigureFor = append(j.NoFigureFor, g.Name())
		}
		out = append(out, j)
	}
	return out
}

func (b *builder) jsonData() jsonSite {
	p := b.p
	l := licenceIn(b.lang, b.cfg.Licence)
	js := jsonSite{Title: b.cfg.Title, Description: b.cfg.Description,
		Licence: jsonLicence{ID: l.ID, Name: l.Name, URL: l.URL, Attribution: l.Attribution},
		Goals:   []jsonGoal{}, Partners: []jsonPartner{}, Services: []jsonService{}, Metrics: []jsonMetric{},
		Savings: jsonSavings(p.Savings("", ""))}
	for _, g := range p.Goals {
		js.Goals = append(js.Goals, jsonGoal{g.ID, g.Title, g.Summary})
	}
	for _, pt := range p.Partners {
		jp := jsonPartner{ID: pt.ID, Name: pt.Name, ShortName: pt.ShortName, Website: pt.Website, Code: pt.Code,
			Households: pt.Households, Savings: []jsonSavingsYr{}}
		if p.SharesGiven() {
			share := pt.CostShare
			jp.CostShare, jp.Savings = &share, jsonSavings(p.Savings("", pt.ID))
		}
		js.Partners = append(js.Partners, jp)
	}
	for _, s := range p.Services {
		j := jsonService{ID: s.ID, Name: s.Name, Description: s.Description, Savings: jsonSavings(p.Savings(s.ID, ""))}
		if s.Lead != nil {
			j.LeadPartner = s.Lead.ID
		}
		if !s.Started.IsZero() {
			j.Started = s.Started.ISO()
		}
		js.Services = append(js.Services, j)
	}
	for _, m := range p.Metrics {
		jm := jsonMetric{ID: m.ID, Name: m.Name, Service: m.Service.ID, Goal: m.Goal.ID, Unit: string(m.Unit), Direction: string(m.Direction),
			Target: m.Target, Amber: m.Amber, Description: m.Description, Source: m.Source, Status: m.Status().String(), Series: []jsonSeries{}}
		for _, s := range m.Series {
			scope := jsonSeries{Points: []jsonPoint{}}
			if s.Partner != nil {
				scope.Partner = s.Partner.ID
			}
			for _, pt := range s.Points {
				jp := jsonPoint{Period: pt.Period.Written(), Value: jsonValue(&pt), Flag: pt.Symbol(), Target: pt.Target, Status: pt.Rating.Status.String(),
					Rule: pt.Rating.Rule(m.Lang()), Trend: pt.Travel(m.Lang()), Note: pt.Note}
				if pt.Target != nil {
					a := format.Round(pt.Amber, 6)
					jp.Amber = &a
				}
				scope.Points = append(scope.Points, jp)
			}
			jm.Series = append(jm.Series, scope)
		}
		for _, bm := range m.Benchmarks {
			jb := jsonBenchmark{Name: bm.Name, Points: []jsonBenchmarkPoint{}}
			for _, pt := range bm.Points {
				jb.Points = append(jb.Points, jsonBenchmarkPoint{Period: pt.Period.Written(), Value: jsonValue(&pt), Flag: pt.Symbol(), Source: pt.Note})
			}
			jm.Benchmarks = append(jm.Benchmarks, jb)
		}
		js.Metrics = append(js.Metrics, jm)
	}
	for _, t := range evidenceTables(b.lang, p) {
		rows := make([]map[string]string, len(t.plain))
		for i, r := range t.plain {
			rows[i] = map[string]string{}
			for j, h := range t.header {
				rows[i][h] = r[j]
			}
		}
		if t.name == "actions.csv" {
			js.Actions = rows
		} else {
			js.Risks = rows
		}
	}
	return js
}

func (b *builder) abs(url string) string { return b.cfg.BaseURL + url }

func (b *builder) sitemap() ([]byte, error) {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type set struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []u      `xml:"url"`
	}
	// Dates come from the inputs, never the clock: a page of content is as
	// of its date; a page drawn from the data, as of the newest content or
	// the end of the latest period with figures, whichever is later.
	dated := map[string]time.Time{}
	var newest time.Time
	for _, pg := range b.content.Pages {
		if !pg.Date.IsZero() {
			dated[pg.URL] = pg.Date
			if pg.Date.After(newest) {
				newest = pg.Date
			}
		}
	}
	if end := b.p.LatestPeriod().End(); end.After(newest) {
		newest = end
	}
	s := set{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range b.urls {
		if strings.HasPrefix(p, embedKind.Folder) {
			continue // a bare copy of a chart, for framing: noindex
		}
		mod, ok := dated[p]
		if !ok {
			mod = newest
		}
		entry := u{Loc: b.abs(p)}
		if !mod.IsZero() {
			entry.LastMod = mod.Format("2006-01-02")
		}
		s.URLs = append(s.URLs, entry)
	}
	return marshalXML(s, "sitemap.xml")
}

func (b *builder) feed() ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary,omitempty"`
	}
	type author struct {
		Name string `xml:"name"`
	}
	type feed struct {
		XMLName xml.Name `xml:"feed"`
		NS      string   `xml:"xmlns,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  author   `xml:"author"`
		Rights  string   `xml:"rights"`
		Entries []entry  `xml:"entry"`
	}
	f := feed{NS: "http://www.w3.org/2005/Atom", Title: b.lang.F("site.feed.title", "site", b.cfg.Title), ID: b.feedID(""),
		Links:  []link{{Href: b.abs("feed.xml"), Rel: "self"}, {Href: b.abs(reportKind.Folder)}},
		Author: author{b.cfg.Title}, Rights: licenceIn(b.lang, b.cfg.Licence).Attribution}
	// The feed's date comes from content, never from the clock, so that
	// two builds of the same input are identical.
	var updated time.Time
	for _, r := range b.reports {
		if r.Date.After(updated) {
			updated = r.Date
		}
		f.Entries = append(f.Entries, entry{Title: r.Title, ID: b.feedID(r.URL), Link: link{Href: b.abs(r.URL)},
			Updated: r.Date.Format(time.RFC3339), Summary: r.Summary})
	}
	if updated.IsZero() {
		updated = b.p.LatestPeriod().End()
	}
	f.Updated = updated.Format(time.RFC3339)
	if contact := b.cfg.Contact.Name; contact != "" {
		f.Author.Name = contact
	}
	return marshalXML(f, "feed.xml")
}

// feedID is an Atom id: the page's address when base_url is set, or a
// tag URI made from the title, which stays stable without one.
func (b *builder) feedID(url string) string {
	if b.cfg.BaseURL != "" {
		return b.abs(url)
	}
	return "urn:partnersite:" + path.Join(strings.ToLower(strings.Join(strings.Fields(b.cfg.Title), "-")), url)
}

func marshalXML(v any, name string) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
