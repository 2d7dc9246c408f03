// Package csvdata reads a site's data/*.csv files into typed records and
// checks every rule of the data format: encodings, headers, number and date
// forms, ids, and the references between files. Every problem is reported as
// PATH:LINE, with the physical line an editor shows, and all of them are
// collected so that one run lists everything to fix.
//
// Rows are read into structs whose fields are this package's own cell
// types, by gocsv for the small files and, for the performance files, by
// decodeEach from the same declarations without it; the rows come from
// encoding/csv (or, for a file with no quote mark, from plainRecords,
// which reads it as encoding/csv does), whose FieldPos gives true line
// numbers even after blank rows and multi-line cells.
package csvdata

import (
	"errors"
	"fmt"
	"github.com/partnersite/partnersite/internal/format"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/partnersite/partnersite/internal/measure"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/period"
	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/slug"
)

// The files of data/, relative to the site folder.
const (
	PartnersFile    = "data/partners.csv"
	ServicesFile    = "data/services.csv"
	MetricsFile     = "data/metrics.csv"
	PerformanceFile = "data/performance.csv"
	SavingsFile     = "data/savings.csv"
	BenchmarksFile  = "data/benchmarks.csv"
	TargetsFile     = "data/targets.csv"
)

// scales are the words for a metric's scale; moneyScales the units that
// say pounds in a scale, as finance tables head their columns.
var (
	scales      = map[string]int{"1": 1, "thousands": 1000, "000": 1000, "k": 1000, "millions": 1_000_000, "m": 1_000_000}
	moneyScales = map[string]int{"£": 1, "£000": 1000, "£k": 1000, "£thousands": 1000, "£m": 1_000_000, "£millions": 1_000_000}
)

func scaleName(n int) string {
	switch n {
	case 1000:
		return "thousands"
	case 1_000_000:
		return "millions"
	}
	return "units"
}

// scaled multiplies a figure written in thousands or millions into the
// real amount. It works on the figure's decimal text, moving the point, so
// 55,011.5 thousand is exactly 55,011,500 and never 55,011,499.99….
func scaled(v *float64, scale int) *float64 {
	if v == nil || scale == 1 {
		return v
	}
	// The shortest decimal form of a parsed figure is the figure as
	// written, whatever marks surrounded it ("£55,100.5 [P]").
	d := strconv.FormatFloat(*v, 'f', -1, 64)
	x, err := strconv.ParseFloat(shift(d, zeros(scale)), 64)
	if err != nil {
		return v
	}
	return &x
}

// unscale turns a figure written in a metric's scale into real units,
// with the decimal places it has there: 55,011.5 thousand, one place, is
// 55,011,500 with none.
func unscale(v *float64, places *int8, scale int) {
	*places = int8(max(0, int(*places)-zeros(scale)))
	*v = *scaled(v, scale)
}

// pounds checks a figure of a metric in pounds, v as written in the
// metric's scale, against what money can hold: the real amount must be
// whole pence and within money.Limit. A float64 cannot show a larger one
// exactly (a £m figure of 999,999,999,999 read back as
// £999,999,999,999,000,064 while the download kept the digits), and a
// fraction of a penny is a slip of the decimal point, so both are errors
// naming the cell rather than figures silently rounded on the page.
// plainPounds reports whether a figure written with places decimal
// places, in a scale, is plainly whole pence and under the limit, so that
// pounds need not look at its digits.
func plainPounds(v float64, places, scale int) bool {
	return places-zeros(scale) <= 2 && math.Abs(v)*float64(scale) < 1e11
}

func (c *checker) pounds(col string, v float64, scale int) bool {
	// The shortest decimal form of a parsed figure is the figure as
	// written, so the check is on the digits, exactly.
	d := shift(strconv.FormatFloat(v, 'f', -1, 64), zeros(scale))
	_, err := money.ParseDecimal(d)
	// "0000.001" from "0.000001" thousand: the amount as read, £0.001.
	sign, digits := "", d
	if rest, neg := strings.CutPrefix(d, "-"); neg {
		sign, digits = "-", rest
	}
	if digits = strings.TrimLeft(digits, "0"); digits == "" || digits[0] == '.' {
		digits = "0" + digits
	}
	d = sign + digits
	in := ""
	if scale > 1 {
		in = " in " + scaleName(scale)
	}
	switch {
	case errors.Is(err, money.ErrTooLarge):
		c.errorf(col, "%s %q%s is £%s, more than the %s a figure may be; check the figure and the metric's scale", col, short(c.raw(col)), in, d, money.Limit)
	case errors.Is(err, money.ErrPrecision):
		c.errorf(col, "%s %q%s is £%s, a fraction of a penny; write at most %d decimal places", col, short(c.raw(col)), in, d, 2+zeros(scale))
	case err != nil:
		c.errorf(col, "%s %q: %v", col, short(c.raw(col)), err)
	}
	return err == nil
}

// pencePlaces is the places a figure in pounds, v once scaled, is shown
// with: both places of pence when it has pence (£1,234.50, never £1,234.5
// or £1,234.500), and none when it is whole pounds, unless written so in
// pounds ("£12.00"). Zeros a thousands figure is written to reach pounds
// are not pence: "0.000" thousand is £0, not £0.000.
func pencePlaces(v float64, written, scale int) int {
	switch {
	case v != math.Trunc(v):
		return 2
	case scale > 1:
		return 0
	}
	return min(written, 2)
}

// zeros is the number of zeros in a scale: 3 for thousands.
func zeros(scale int) int {
	n := 0
	for ; scale >= 10; scale /= 10 {
		n++
	}
	return n
}

// shift moves the decimal point of plain decimal text n places right.
func shift(d string, n int) string {
	neg := strings.HasPrefix(d, "-")
	d = strings.TrimPrefix(d, "-")
	whole, frac, _ := strings.Cut(d, ".")
	frac += strings.Repeat("0", max(0, n-len(frac)))
	whole, frac = whole+frac[:n], frac[n:]
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// gssCode is the form of the Government Statistical Service's area codes.
var gssCode = regexp.MustCompile(`^[EWSNK]\d{8}$`)

// maxHouseholds is more households than the UK has (about 28 million):
// a larger figure is a typing error, and would overflow sums.
const maxHouseholds = 100_000_000

// Partner is one council in the partnership (partners.csv).
type Partner struct {
	Line int
	// Cy holds the row's Welsh twins (name_cy, ...), by column.
	Cy         Texts
	ID         string
	Name       string
	ShortName  string // defaults to Name
	Website    string
	Households int    // 0 when not given
	Code       string // GSS code, e.g. E07000243; "" when not given
	CostShare  money.Share
	// ShareGiven is false when cost_share was left empty, which is allowed
	// only for every partner at once: the partnership has not published
	// how costs and savings are shared, so nothing is split by partner.
	ShareGiven bool

	shareBad bool // cost_share was reported; the total would only add noise
}

// Service is one shared service (services.csv).
type Service struct {
	Line int
	// Cy holds the row's Welsh twins (name_cy, ...), by column.
	Cy          Texts
	ID          string
	Name        string
	LeadPartner string
	Started     period.Day // zero when not given
	Description string
}

// Metric is one performance measure (metrics.csv).
type Metric struct {
	Line int
	// Cy holds the row's Welsh twins (name_cy, ...), by column.
	Cy        Texts
	ID        string
	Name      string
	Service   string
	Goal      string
	Unit      measure.Unit
	Direction measure.Direction
	Target    *float64
	Amber     *float64
	// AmberShare is an amber margin written as a share of the target,
	// "1%": within 1% of the target is At risk. It is 0.01 then, and
	// Amber is nil.
	AmberShare *float64
	// AmberPlaces is how many decimal places the amber was written with,
	// so that a rule says "within 0.25 points", as the council wrote it.
	AmberPlaces int
	// Cumulative says the figure builds up through the financial year
	// (collection rates, days lost so far): it is compared with the same
	// period a year earlier, and each year is its own line on a chart.
	Cumulative  bool
	Description string
	Source      string
	SourceURL   string // a web address for Source, or ""
	// Decimals is how many decimal places the metric is shown with, as
	// set in metrics.csv; nil when not set, for the figures to decide.
	Decimals *int
	// Places is how many decimal places the target was written with.
	Places int
	// ByYear compares each figure with the same period a year earlier,
	// for seasonal measures and ones that build up through the year.
	ByYear bool
	// Scale is what the metric's figures are written in: 1, or 1000 for
	// "£ thousands", or 1,000,000. Figures, targets and amber margins
	// are multiplied on reading, so every page and download shows the
	// real amount.
	Scale int
}

// Performance is one figure for one metric and period, from
// performance.csv or a file of data/performance/.
type Performance struct {
	File    string // the file it was read from
	Line    int
	Metric  string
	Period  period.Period
	Partner string       // "" for the partnership as a whole
	Value   float64      // 0 when Mark is not measure.Present
	Places  int8         // decimal places the figure was written with, in real units
	Mark    measure.Mark // why the figure is not there, if it is not
	Flag    measure.Flag // provisional, revised or estimated
	// ambiguous marks a period such as "2010-11", held as the month until
	// the metric's other rows say whether it is a month or a year. (The
	// small fields sit together: half a million rows are held at once.)
	ambiguous bool
	dropped   bool // a council outside the partnership, in a national table
	fromYear  bool // a year-to-date figure's year column, read as its last quarter
	// blankRAG marks a row whose status cell was empty in a file with a
	// status column: no rating, if the row is of the file's own period.
	blankRAG bool
	// yearTarget marks a target taken from a "2025/26 target" column for
	// a quarter of that year: a year-to-date quarter is not rated by it.
	yearTarget bool
	// Unset marks a figure of a committee report (a wide file with a
	// target column) that the report gives no target: the council set
	// none for it, so metrics.csv's standing target does not rate it.
	Unset bool
	// Outturn marks a year's figure for a metric reported by quarter or
	// month: a report's "2024/25" column beside its quarters, the year's
	// outturn. It is kept beside the series, never rated against a
	// quarter's target.
	Outturn bool
	// TargetPlaces is how many decimal places the target was written
	// with: a target of 47.5% is shown as 47.5%, whatever the figures.
	TargetPlaces int8
	// RAG is the council's own rating from the report's status column.
	RAG    measure.RAG
	Target *float64
	Note   string
	// NoteCy is the note's Welsh twin (note_cy), or "".
	NoteCy string
	// Earlier are the figures earlier reports published for the same
	// period, which this one revised, the latest first; nil when it was
	// never revised.
	Earlier *Revision
}

// Revision is a figure as an earlier report published it, before a later
// one revised it: the downloads keep it, and a report as at a period
// before the revision shows it.
type Revision struct {
	Value  float64
	Places int8 // decimal places it was written with
	Mark   measure.Mark
	Flag   measure.Flag
	File   string
	Line   int
	// PublishedIn is the own (latest) period of the report that
	// published it, and RevisedIn that of the report that revised it:
	// the figure stood as at periods from the one to the other.
	PublishedIn, RevisedIn period.Period
	// Earlier is the figure this one revised in turn, or nil.
	Earlier *Revision
}

// revise adds v to the figures a standing figure revised, in order of
// the reports that published them, latest first; a figure published the
// same in two reports is one. standing is the own period of the report
// whose figure stands.
func revise(chain *Revision, v Revision, standing period.Period) *Revision {
	v.Earlier = nil
	var list []Revision
	for r := chain; r != nil; r = r.Earlier {
		list = append(list, *r)
	}
	list = append(list, v)
	slices.SortStableFunc(list, func(a, b Revision) int { return b.PublishedIn.End().Compare(a.PublishedIn.End()) })
	var head *Revision
	for i := len(list) - 1; i >= 0; i-- {
		r := list[i]
		if head != nil && head.Mark == r.Mark && head.Value == r.Value {
			continue // the same figure again: it stood from its first report
		}
		r.Earlier = head
		head = &r
	}
	for r := head; r != nil; r = r.Earlier {
		r.RevisedIn = standing
		standing = r.PublishedIn
	}
	return head
}

// Saving is one year's costs for one service (savings.csv).
type Saving struct {
	Line int
	// Cy holds the row's Welsh twins (name_cy, ...), by column.
	Cy           Texts
	Service      string
	Period       period.Period
	Partner      string // "" for partnership-wide, attributed by cost share
	BaselineCost money.Pence
	ActualCost   money.Pence
	// Costs is set when the row gives baseline_cost and actual_cost;
	// Reported when it gives the saving as the council reported it. A
	// row with neither is a planned year: it gives only a target.
	Costs        bool
	Reported     *money.Pence
	TargetSaving *money.Pence
	// OneOffCost is nil when the cell is empty: not reported, which is
	// not the same as a reported £0.
	OneOffCost *money.Pence
	Note       string
	// Recurring is a saving that goes on being made every year from this
	// one until a later row for the same service and partner replaces it
	// (the recurring column, or a note saying "a year").
	Recurring bool
}

// Benchmark is one comparison figure for a metric from outside the
// partnership (benchmarks.csv): "England median" for a period. It is
// context, never a target: nothing rates against it.
type Benchmark struct {
	Line int
	// Cy holds the row's Welsh twins (name_cy, ...), by column.
	Cy        Texts
	Metric    string
	Period    period.Period
	Name      string // as the file gives it: "England median"
	Value     float64
	Places    int8
	Mark      measure.Mark
	Flag      measure.Flag
	Source    string
	ambiguous bool
}

// Target is one row of targets.csv.
type Target struct {
	Line    int
	Metric  string
	Period  period.Period
	Partner string // "" for every series of the metric
	Value   float64
	Places  int8 // decimal places it was written with: it is shown so
}

// Planned reports whether the row is a plan, with a target and no saving
// yet: shown as planned, never rated or counted to date.
func (s Saving) Planned() bool { return !s.Costs && s.Reported == nil }

// Data is every record of a site's data folder, checked.
type Data struct {
	Partners    []Partner
	Services    []Service
	Metrics     []Metric
	Performance []Performance
	Savings     []Saving
	Benchmarks  []Benchmark
	// Targets are the rows of targets.csv: a target for one metric,
	// period and partner, where it changes from period to period.
	Targets []Target
	// Actions and Risks are the rows of actions.csv and risks.csv: the
	// evidence for the goals that figures cannot show.
	Actions []Action
	Risks   []Risk
	// English holds the texts of a Welsh reading of the data (Welsh) that
	// had no Welsh twin and are kept as written, in English: a page marks
	// them lang="en".
	English map[string]bool

	// performanceRead is false when performance.csv could not be read, so
	// that its absence is not reported again as metrics without rows.
	performanceRead bool
	// own is each performance file's own period, its latest (a wide
	// report's latest column): of two reports that repeat a figure, the
	// later one's stands.
	own map[string]period.Period
	// left counts the rows of each performance file left out as they
	// were read: councils outside the partnership, named by GSS code.
	left map[string]leftRows
}

// unwrapPath drops the file name an fs.PathError repeats, since every
// problem names its file already.
func unwrapPath(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// Load reads the data folder of the site in fsys. goals lists the goal ids
// that metrics may name. Problems go to pl. The returned Data keeps rows
// whose cells had problems (with those cells zero) so that references to
// them do not cascade into more errors; a caller must not publish Data when
// pl holds errors.
func Load(fsys fs.FS, goals []string, pl *problem.List) *Data {
	d := &Data{}
	known := []string{PartnersFile, ServicesFile, MetricsFile, PerformanceFile, SavingsFile, BenchmarksFile, TargetsFile, ActionsFile, RisksFile}
	perfFiles := performanceFiles(fsys)
	if entries, err := fs.ReadDir(fsys, "data"); err == nil {
		for _, e := range entries {
			p := path.Join("data", e.Name())
			if !e.IsDir() && strings.EqualFold(path.Ext(p), ".csv") && !slices.Contains(known, p) {
				pl.Warnf(p, 1, "unknown data file is not read; the data files are %s", strings.Join(known, ", "))
			}
		}
	}
	unread(fsys, "data", pl)
	unread(fsys, PerformanceDir, pl)
	for _, f := range known {
		switch _, err := fs.Stat(fsys, f); {
		case err == nil:
		case !errors.Is(err, fs.ErrNotExist):
			pl.Errorf(f, 1, "cannot read the file: %v", unwrapPath(err))
		case f == PerformanceFile && len(perfFiles) > 0:
			// The figures are in data/performance/ instead.
		case f == PerformanceFile:
			pl.Errorf(f, 1, "the file is missing; every site needs its figures in %s or in files under %s/ (see docs/data.md)", f, PerformanceDir)
		case f != SavingsFile && f != BenchmarksFile && f != TargetsFile && f != ActionsFile && f != RisksFile:
			pl.Errorf(f, 1, "the file is missing; every site needs %s (see docs/data.md)", f)
		}
	}
	d.Partners = loadPartners(fsys, pl)
	d.Services = loadServices(fsys, pl)
	d.Metrics = loadMetrics(fsys, pl)
	d.Performance, d.own, d.left, d.performanceRead = loadPerformance(fsys, d.Metrics, d.partnerNames(), pl)
	if _, err := fs.Stat(fsys, SavingsFile); err == nil {
		d.Savings = loadSavings(fsys, pl)
	}
	if _, err := fs.Stat(fsys, BenchmarksFile); err == nil {
		d.Benchmarks = loadBenchmarks(fsys, d.Metrics, pl)
	}
	if _, err := fs.Stat(fsys, TargetsFile); err == nil {
		d.Targets = loadTargets(fsys, d.Metrics, pl)
	}
	if _, err := fs.Stat(fsys, ActionsFile); err == nil {
		d.Actions = loadActions(fsys, pl)
	}
	if _, err := fs.Stat(fsys, RisksFile); err == nil {
		d.Risks = loadRisks(fsys, pl)
	}
	d.crossCheck(goals, pl)
	d.checkEvidence(goals, pl)
	return d
}

// checker reports problems with the cells of one row.
type checker struct {
	t   *table
	row int
	pl  *problem.List
}

// twins reads the row's Welsh twins that are not empty, the columns the
// file's declaration names translated, or nil when it has none.
func (c *checker) twins() Texts {
	var out Texts
	for _, tc := range c.t.columns {
		twin, ok := strings.CutSuffix(tc.name, TwinSuffix)
		i, present := c.t.index[tc.name]
		if !ok || !present {
			continue
		}
		col := twin
		v := strings.TrimSpace(c.t.rows[c.row][i])
		if col == "note" {
			v = noteText(v) // "n/a" is no note in Welsh as in English
		}
		if v != "" {
			if out == nil {
				out = Texts{}
			}
			out[col] = v
		}
	}
	return out
}

// Texts holds a row's texts in another language (its Welsh twins), by
// the column they translate: "name" -> "Cyngor ...".
type Texts map[string]string

func (c *checker) errorf(col, format string, args ...any) {
	c.pl.Errorf(c.t.path, c.t.line(c.row, col), format, args...)
}

func (c *checker) required(col, raw string) bool {
	if raw == "" && c.t.present[col] {
		c.errorf(col, "%s is empty; every row needs one", col)
		return false
	}
	return raw != ""
}

// filled is required with the words to write in an empty cell: a row
// written by `partnersite metrics` leaves empty what the report cannot
// tell, and the officer filling it in needs to know what goes there.
func (c *checker) filled(col, raw, write string) bool {
	if raw == "" && c.t.present[col] {
		c.errorf(col, "%s is empty: %s", col, write)
		return false
	}
	return raw != ""
}

func (c *checker) text(col string, v text, required bool) string {
	if required {
		c.required(col, string(v))
	}
	return string(v)
}

func (c *checker) id(col string, v text, required bool) string {
	s := string(v)
	if required && !c.required(col, s) || s == "" {
		return s
	}
	if !slug.Valid(s) {
		hint := slug.From(s)
		if hint == "" {
			hint = "my-id"
		}
		c.errorf(col, "%s %q is not a valid id: use lower-case letters, digits and hyphens, e.g. %q", col, short(s), short(hint))
	} else if err := slug.Check(s); err != nil {
		c.errorf(col, "%s %q %v", col, short(s), err)
	}
	return s
}

// short shortens a long cell for a message: the message names what is
// wrong, and a 300-character id in full would bury it.
func short(s string) string {
	if len(s) <= 40 {
		return s
	}
	// ToValidUTF8 drops the part of a character cut in two.
	return strings.ToValidUTF8(s[:37], "") + "..."
}

// webAddress checks a cell that must be a web address: written in full,
// http or https, never a script address.
func (c *checker) webAddress(col, v string) string {
	if v == "" {
		return ""
	}
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.errorf(col, "%s %q is not a web address; write it in full, starting https://", col, short(v))
	}
	return v
}

// raw is the cell's text as written, trimmed.
func (c *checker) raw(col string) string {
	if i, ok := c.t.index[col]; ok && i < len(c.t.rows[c.row]) {
		return strings.TrimSpace(c.t.rows[c.row][i])
	}
	return ""
}

func (c *checker) number(col string, v number, required bool) (float64, bool) {
	if required && !c.required(col, c.raw(col)) || !v.set {
		return 0, false
	}
	if v.bad {
		raw := c.raw(col)
		_, err := ParseNumber(raw)
		c.errorf(col, "%s %q is not a number: %v", col, short(raw), err)
		return 0, false
	}
	return v.value, true
}

// amount reads a money cell exactly, in pence.
func (c *checker) amount(col string, v number, required bool) (money.Pence, bool) {
	if _, ok := c.number(col, v, required); !ok {
		return 0, false
	}
	raw := c.raw(col)
	d, _ := Decimal(raw) // the cell parsed, so this does
	p, err := money.ParseDecimal(d)
	if err != nil {
		c.errorf(col, "%s %q %v", col, short(raw), err)
		return 0, false
	}
	return p, true
}

func (c *checker) optionalAmount(col string, v number) *money.Pence {
	if p, ok := c.amount(col, v, false); ok {
		return &p
	}
	return nil
}

// figure reads a value cell: a figure, perhaps flagged, or a mark saying
// why it is not there.
func (c *checker) figure(col string, v figure) (float64, measure.Mark, measure.Flag) {
	if v.bad {
		raw := c.raw(col)
		_, err := ParseNumber(raw)
		c.errorf(col, "%s %q is not a number: %v; where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)", col, short(raw), err)
		return 0, measure.NotAvailable, measure.NoFlag
	}
	return v.value, v.mark, v.flag
}

func (c *checker) optional(col string, v number) *float64 {
	if v.bad && strings.EqualFold(c.raw(col), "not set") {
		return nil // as committee reports say a target was not set
	}
	if f, ok := c.number(col, v, false); ok {
		return &f
	}
	return nil
}

// period reads a period cell. ambiguous is true for a cell such as
// "2010-11", whose value is then the month; the caller decides.
func (c *checker) period(col string, v periodCell) (p period.Period, ambiguous bool) {
	if !c.required(col, c.raw(col)) {
		return period.Period{}, false
	}
	if v.bad {
		_, err := period.Parse(c.raw(col))
		c.errorf(col, "%v", err)
	}
	return v.value, v.amb
}

// yearOf is the financial-year reading of an ambiguous month: "2010-11"
// as 2010/11.
func yearOf(month period.Period) period.Period {
	return period.Period{Kind: period.Year, Year: month.Year}
}

type partnerRow struct {
	ID         text
	Name       text
	ShortName  text
	Code       text
	Website    text
	Households number
	CostShare  number
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *partnerRow) UnmarshalCSVWithFields(col, v string) error { return partnerFields.set(r, col, v) }

var partnerFields = declare(
	field[partnerRow]{column{"id", nil, true, "the partner's id, e.g. `stevenage`"}, func(r *partnerRow) cell { return &r.ID }},
	field[partnerRow]{column{"name", nil, true, "the council's name, e.g. \"Stevenage Borough Council\""}, func(r *partnerRow) cell { return &r.Name }},
	field[partnerRow]{column{"short_name", nil, false, "a shorter name for tables and sentences, e.g. \"Stevenage\"; default: the name"}, func(r *partnerRow) cell { return &r.ShortName }},
	field[partnerRow]{column{"code", []string{"gss code", "ons code"}, false, "the GSS code, nine characters such as `E07000243`, by which published tables name councils"}, func(r *partnerRow) cell { return &r.Code }},
	field[partnerRow]{column{"website", nil, false, "the council's website, a full address starting `https://`"}, func(r *partnerRow) cell { return &r.Website }},
	field[partnerRow]{column{"households", nil, false, "whole number above 0: households in the area, the divisor for \"per household\" figures"}, func(r *partnerRow) cell { return &r.Households }},
	field[partnerRow]{column{"cost_share", nil, false, "the partner's share of costs and savings, in percent, to at most four decimal places; shares total exactly 100 (thirds: 33.3334, 33.3333, 33.3333). Leave it empty for every partner where the partnership has not published a split: the site then shows no share and no per household figure for each council"}, func(r *partnerRow) cell { return &r.CostShare }},
).translated("name", "short_name")

func loadPartners(fsys fs.FS, pl *problem.List) []Partner {
	return loadFile(fsys, PartnersFile, partnerFields.columns(), pl, func(c *checker, line int, r partnerRow) Partner {
		p := Partner{Line: line, ID: c.id("id", r.ID, true), Name: c.text("name", r.Name, true),
			ShortName: string(r.ShortName), Website: string(r.Website), Cy: c.twins()}
		if p.ShortName == "" {
			p.ShortName = p.Name
		}
		if p.Code = strings.ToUpper(string(r.Code)); p.Code != "" && !gssCode.MatchString(p.Code) {
			c.errorf("code", "code %q is not a GSS code: nine characters, a letter and eight digits, such as E07000243", string(r.Code))
		}
		p.Website = c.webAddress("website", p.Website)
		if h, ok := c.number("households", r.Households, false); ok {
			switch {
			case h <= 0 || h != math.Trunc(h):
				c.errorf("households", "households %q must be a whole number above 0", c.raw("households"))
			case h > maxHouseholds:
				c.errorf("households", "households %q is more than %d, more than in the whole UK; check the figure", c.raw("households"), maxHouseholds)
			default:
				p.Households = int(h)
			}
		}
		p.ShareGiven = c.raw("cost_share") != ""
		if _, ok := c.number("cost_share", r.CostShare, false); ok {
			d, _ := Decimal(c.raw("cost_share"))
			s, err := money.ParseShare(d)
			if err != nil {
				c.errorf("cost_share", "cost_share %q %v", c.raw("cost_share"), err)
			}
			p.CostShare, p.shareBad = s, err != nil
		} else {
			p.shareBad = p.ShareGiven // unreadable, already reported
		}
		return p
	})
}

type serviceRow struct {
	ID          text
	Name        text
	LeadPartner text
	Started     date
	Description text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *serviceRow) UnmarshalCSVWithFields(col, v string) error { return serviceFields.set(r, col, v) }

var serviceFields = declare(
	field[serviceRow]{column{"id", nil, true, "the service's id, e.g. `ict`"}, func(r *serviceRow) cell { return &r.ID }},
	field[serviceRow]{column{"name", nil, true, "its name, e.g. \"ICT\""}, func(r *serviceRow) cell { return &r.Name }},
	field[serviceRow]{column{"lead_partner", nil, false, "the id of the employing or hosting partner"}, func(r *serviceRow) cell { return &r.LeadPartner }},
	field[serviceRow]{column{"started", nil, false, "the date the service became shared, or its month (`June 2024`)"}, func(r *serviceRow) cell { return &r.Started }},
	field[serviceRow]{column{"description", nil, false, "a sentence on what it does"}, func(r *serviceRow) cell { return &r.Description }},
).translated("name", "description")

func loadServices(fsys fs.FS, pl *problem.List) []Service {
	return loadFile(fsys, ServicesFile, serviceFields.columns(), pl, func(c *checker, line int, r serviceRow) Service {
		s := Service{Line: line, ID: c.id("id", r.ID, true), Name: c.text("name", r.Name, true),
			LeadPartner: c.id("lead_partner", r.LeadPartner, false), Description: string(r.Description), Cy: c.twins()}
		if r.Started.bad {
			_, err := period.ParseDate(c.raw("started"))
			c.errorf("started", "started %q is not a date: %v", short(c.raw("started")), err)
		}
		s.Started = r.Started.value
		return s
	})
}

type metricRow struct {
	ID          text
	Name        text
	Service     text
	Goal        text
	Unit        text
	Direction   text
	Compare     text
	Cumulative  text
	Scale       text
	Decimals    text
	Target      targetNumber
	Amber       number
	Description text
	Source      text
	SourceURL   text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *metricRow) UnmarshalCSVWithFields(col, v string) error { return metricFields.set(r, col, v) }

var metricFields = declare(
	field[metricRow]{column{"id", nil, true, "the metric's id"}, func(r *metricRow) cell { return &r.ID }},
	field[metricRow]{column{"name", nil, true, "what it measures, e.g. \"Availability of core ICT systems\""}, func(r *metricRow) cell { return &r.Name }},
	field[metricRow]{column{"service", nil, true, "the id of its service"}, func(r *metricRow) cell { return &r.Service }},
	field[metricRow]{column{"goal", nil, true, "the id of the goal it measures, from site.yaml"}, func(r *metricRow) cell { return &r.Goal }},
	field[metricRow]{column{"unit", nil, true, "`percent`, `gbp`, `count`, `days`, `hours`, `minutes`, `fte` or `score`"}, func(r *metricRow) cell { return &r.Unit }},
	field[metricRow]{column{"direction", nil, true, "`higher` or `lower`: which way is better; `neither` for a measure of context (receipts, caseload), which is never rated and reads Up or Down"}, func(r *metricRow) cell { return &r.Direction }},
	field[metricRow]{column{"compare", nil, false, "`previous` (the default): direction of travel against the period before; `year`: against the same period a year earlier, for seasonal measures and ones that build up through the year"}, func(r *metricRow) cell { return &r.Compare }},
	field[metricRow]{column{"cumulative", []string{"year to date", "ytd"}, false, "`yes` for a figure that builds up through the financial year (collection rates, days lost so far, spend to date): it is compared with the same period a year earlier, never the quarter before, each year is its own line on the chart, and the year's outturn is its last quarter; empty or `no` otherwise"}, func(r *metricRow) cell { return &r.Cumulative }},
	field[metricRow]{column{"scale", nil, false, "what the figures are written in: empty or `1`, `thousands` (also `000` or `k`) or `millions` (also `m`); a unit of `£000`, `£k`, `£ thousands` or `£m` says the same. Figures are multiplied on reading"}, func(r *metricRow) cell { return &r.Scale }},
	field[metricRow]{column{"decimals", nil, false, "decimal places to show, 0 to 6; by default as many as the most precise figure was written with (at most 3), and never so few that a figure rounds onto its target"}, func(r *metricRow) cell { return &r.Decimals }},
	field[metricRow]{column{"target", nil, false, "the target for every period, unless a row of figures sets its own"}, func(r *metricRow) cell { return &r.Target }},
	field[metricRow]{column{"amber", nil, false, "how far short of the target still counts as \"At risk\": in the metric's unit (`0.5`: half a point, or half a day), or as a share of the target (`1%`: within 1% of the target, as many councils set their tolerance); default 5% of the target"}, func(r *metricRow) cell { return &r.Amber }},
	field[metricRow]{column{"description", nil, false, "the definition of the measure"}, func(r *metricRow) cell { return &r.Description }},
	field[metricRow]{column{"source", nil, false, "where the figures come from"}, func(r *metricRow) cell { return &r.Source }},
	field[metricRow]{column{"source_url", nil, false, "the web address of the source, starting https://; the metric page links the source by its name"}, func(r *metricRow) cell { return &r.SourceURL }},
).translated("name", "description", "source")

func loadMetrics(fsys fs.FS, pl *problem.List) []Metric {
	return loadFile(fsys, MetricsFile, metricFields.columns(), pl, func(c *checker, line int, r metricRow) Metric {
		m := Metric{Line: line, ID: c.foldedID("id", r.ID, true), Name: c.text("name", r.Name, true),
			Service: c.id("service", r.Service, true), Goal: c.id("goal", r.Goal, false), // an empty goal is reported with the site's goals in crossCheck
			Target: c.optional("target", r.Target.number), Amber: c.optional("amber", r.Amber),
			Description: string(r.Description), Source: string(r.Source), SourceURL: c.webAddress("source_url", string(r.SourceURL)),
			Cy: c.twins()}
		m.Scale = 1
		if sc := string(r.Scale); sc != "" {
			if m.Scale = scales[strings.ToLower(strings.ReplaceAll(sc, " ", ""))]; m.Scale == 0 {
				c.errorf("scale", "scale %q is not one of: 1, thousands (000, k), millions (m)", short(sc))
				m.Scale = 1
			}
		}
		if u := strings.ToLower(strings.ReplaceAll(string(r.Unit), " ", "")); c.filled("unit", u, "write one of percent, gbp, count, days, hours, minutes, fte or score (the unit its figures are in)") {
			if sc, ok := moneyScales[u]; ok {
				// "£000": pounds, in thousands.
				if string(r.Scale) != "" && m.Scale != sc {
					c.errorf("unit", "unit %q says the figures are in %s but scale %q says otherwise; give one", short(string(r.Unit)), scaleName(sc), short(string(r.Scale)))
				}
				u, m.Scale = string(measure.GBP), sc
			}
			if !slices.Contains(measure.Units, measure.Unit(u)) {
				var us []string
				for _, u := range measure.Units {
					us = append(us, string(u))
				}
				c.errorf("unit", "unit %q is not one of: %s", short(string(r.Unit)), strings.Join(us, ", "))
			}
			m.Unit = measure.Unit(u)
		}
		if d := strings.ToLower(string(r.Direction)); c.filled("direction", d, "write higher or lower (which way is better), or neither for a measure of context") {
			dir, err := measure.ParseDirection(string(r.Direction))
			if err != nil {
				c.errorf("direction", "%v", err)
			}
			m.Direction = dir
		}
		switch cmp := strings.ToLower(string(r.Compare)); cmp {
		case "", "previous":
		case "year":
			m.ByYear = true
		default:
			c.errorf("compare", "compare %q must be \"previous\" (the period before) or \"year\" (the same period a year earlier)", short(string(r.Compare)))
		}
		switch cu := strings.ToLower(string(r.Cumulative)); cu {
		case "", "no", "n", "false":
		case "yes", "y", "true", "ytd", "year to date", "cumulative":
			// A figure so far this year says nothing against the quarter
			// before: 30.5% collected in April is not worse than 98.7% in
			// March.
			m.Cumulative, m.ByYear = true, true
		default:
			c.errorf("cumulative", "cumulative %q must be \"yes\" (the figure builds up through the year) or empty", short(string(r.Cumulative)))
		}
		if m.Amber != nil && strings.HasSuffix(c.raw("amber"), "%") {

			// "1%" is a share of the target, as committee reports word
			// their tolerance ("within 1% of target is Amber"), even for
			// a percentage, where points are written without the sign.
			share := *m.Amber / 100
			m.AmberShare, m.Amber = &share, nil
		}
		m.AmberPlaces = max(0, format.Places(c.raw("amber"))-zeros(m.Scale))
		if m.Unit == measure.GBP {
			if m.Target != nil {
				c.pounds("target", *m.Target, m.Scale)
			}
			if m.Amber != nil {
				c.pounds("amber", *m.Amber, m.Scale)
			}
		}
		m.Target, m.Amber = scaled(m.Target, m.Scale), scaled(m.Amber, m.Scale)
		if m.Unit == measure.GBP && m.Amber != nil {
			m.AmberPlaces = pencePlaces(*m.Amber, m.AmberPlaces, m.Scale)
		}
		if d := string(r.Decimals); d != "" {
			if n, err := strconv.Atoi(d); err != nil || n < 0 || n > 6 {
				c.errorf("decimals", "decimals %q must be a whole number from 0 to 6", short(d))
			} else {
				m.Decimals = &n
			}
		}
		m.Places = max(0, format.Places(c.raw("target"))-zeros(m.Scale))
		if m.Unit == measure.GBP && m.Target != nil {
			m.Places = pencePlaces(*m.Target, m.Places, m.Scale)
		}
		if m.Amber != nil && *m.Amber < 0 {
			c.errorf("amber", "amber %q must not be negative: it is how far short of the target still counts as At risk", short(c.raw("amber")))
		}
		if m.Direction == measure.Neither && m.Target != nil {
			// A target line on a measure of context would say what the
			// site never rates it against.
			c.pl.Warnf(c.t.path, c.t.line(c.row, "target"), "metric %q is a measure of context (direction neither), which is never rated, so its target is not used; leave target empty", m.ID)
			m.Target = nil
		}
		if m.Direction == measure.Lower && m.Target != nil && *m.Target == 0 {
			c.pl.Warnf(c.t.path, c.t.line(c.row, "target"), "a target of 0 for metric %q, where lower is better, reads as 'none at all'; if no target was set, leave it empty or write Not set", m.ID)
		}
		return m
	})
}

type performanceRow struct {
	Metric  text
	Period  periodCell
	Partner text
	Value   figure
	Target  targetNumber
	Note    text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *performanceRow) UnmarshalCSVWithFields(col, v string) error {
	return performanceFields.set(r, col, v)
}

var performanceFields = declare(
	field[performanceRow]{column{"metric", metricAliases, true, "the metric's id, in any case (`CS04` is `cs04`); a column headed `code` is this one when its cells name metrics, the partner column when they name partners"}, func(r *performanceRow) cell { return &r.Metric }},
	field[performanceRow]{column{"period", nil, true, "the period the figure is for"}, func(r *performanceRow) cell { return &r.Period }},
	field[performanceRow]{column{"partner", partnerAliases, false, "the partner the figure is for; blank for the partnership as a whole"}, func(r *performanceRow) cell { return &r.Partner }},
	field[performanceRow]{column{"value", nil, true, "the figure, perhaps flagged `[p]` provisional, `[r]` revised or `[e]` estimated (`57.3 [p]`); or, where there is none, `[x]` (also `x`, `..`, `-`, `n/a` or empty) not available, `[z]` not applicable or `[c]` confidential"}, func(r *performanceRow) cell { return &r.Value }},
	field[performanceRow]{column{"target", nil, false, "the target for this period, overriding the metric's. In a wide file a single target column is the target of the latest period column, the report's own quarter; give other periods' targets in columns headed `PERIOD target` (`Q1 2025/26 target`) or in data/targets.csv"}, func(r *performanceRow) cell { return &r.Target }},
	field[performanceRow]{column{"status", []string{"rag", "rating", "rag status", "rag rating"}, false, "the council's own rating as published: `Green`, `Amber`, `Red` (also `G`, `A`, `R`, `On target`, `On track`, `At risk`, `Off track`, and the five-band `Amber/Green`, `Amber/Red` as At risk), `Data only` (not rated) or `Not set` (no target), in any case. It is the rating shown, marked as the council's; where the metric's own rule would give another, the build warns. Left empty (or `n/a`, `Not due`), the council gave no rating and the site gives none. In a wide file it belongs to the latest period column"}, func(*performanceRow) cell { return ignored{} }},
	field[performanceRow]{column{"note", []string{"notes", "comments", "commentary"}, false, "a note shown beside the figure"}, func(r *performanceRow) cell { return &r.Note }},
	// A council's report names its indicators in its own words beside
	// their codes; `partnersite metrics` reads them from the file, and
	// the loader accepts them without calling them unknown.
	field[performanceRow]{column{"indicator", []string{"description", "measure", "indicator name", "measure name", "definition"}, false, "the report's own name for the indicator; read by `partnersite metrics`, not by the site"}, func(*performanceRow) cell { return ignored{} }},
	field[performanceRow]{column{"service", nil, false, "the report's own name for the service; read by `partnersite metrics`, not by the site"}, func(*performanceRow) cell { return ignored{} }},
	field[performanceRow]{column{"unit", nil, false, "the report's own unit (`%`, `days`, `£000`); read by `partnersite metrics`, not by the site"}, func(*performanceRow) cell { return ignored{} }},
).translated("note")

// metricAliases are the headers councils' reports give the metric column.
// "code" is also a partner alias: the cells decide (see decideCode).
var metricAliases = []string{"code", "indicator code", "pi", "pi code", "ref", "reference", "kpi", "id"}

// PerformanceDir holds performance files beside or instead of
// PerformanceFile: one a published table, each read as it was saved.
const PerformanceDir = "data/performance"

// performanceFiles lists the performance files in the order they are read:
// data/performance.csv, then data/performance/*.csv by name.
func performanceFiles(fsys fs.FS) []string {
	var files []string
	if _, err := fs.Stat(fsys, PerformanceFile); err == nil {
		files = append(files, PerformanceFile)
	}
	entries, _ := fs.ReadDir(fsys, PerformanceDir)
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".csv") {
			files = append(files, path.Join(PerformanceDir, e.Name()))
		}
	}
	return files
}

// unread warns of what in dir the loader never reads, so that no figure
// is lost without a word: a spreadsheet or text file not saved as CSV, and
// a folder (other than data/performance/ in data/). Hidden files (.DS_Store,
// .gitkeep) are left alone.
func unread(fsys fs.FS, dir string, pl *problem.List) {
	entries, _ := fs.ReadDir(fsys, dir)
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		switch ext := strings.ToLower(path.Ext(e.Name())); {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir() && p == PerformanceDir:
		case e.IsDir() && dir == PerformanceDir:
			pl.Warnf(p, 1, "folder is not read: only the .csv files directly in %s/ are; move its files up into %s/", PerformanceDir, PerformanceDir)
		case e.IsDir():
			pl.Warnf(p, 1, "folder is not read: only the data files in data/ and the .csv files directly in %s/ are; move its files into one of them", PerformanceDir)
		case slices.Contains([]string{".xlsx", ".xls", ".xlsm", ".ods", ".numbers"}, ext):
			pl.Warnf(p, 1, "spreadsheet is not read: only .csv files are; save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\" beside it (one file a sheet)")
		case ext == ".txt" || ext == ".tsv":
			pl.Warnf(p, 1, "file is not read: only .csv files are; save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\", or if it already is comma-separated, rename it to end in .csv")
		case ext != ".csv":
			pl.Warnf(p, 1, "file is not read: only .csv files are read in %s/; move it out of %s/ or save it as CSV", dir, dir)
		}
	}
}

// loadPerformance reads every performance file. A file in
// data/performance/ named for a metric (uptime.csv) needs no metric column,
// and any file may be wide, one column a period. ok is false when no file
// could be read, so that metrics are not also reported as having no rows.
//
// partners maps every name of a partner, as partnerNames gives them, to
// its id: with the metrics' ids, it tells a column headed "code" apart.
func loadPerformance(fsys fs.FS, metrics []Metric, partners map[string]string, pl *problem.List) (out []Performance, own map[string]period.Period, left map[string]leftRows, ok bool) {
	own = map[string]period.Period{}
	codes := codeCells{metrics: make(map[string]bool, len(metrics)), partners: partners, gss: map[string]bool{}, left: map[string]leftRows{}}
	for name := range partners {
		if isGSS(name) {
			codes.gss[strings.ToUpper(name)] = true
		}
	}
	for _, m := range metrics {
		codes.metrics[m.ID] = true
	}
	var scales map[string]int // metrics in thousands or millions
	gbp := map[string]bool{}  // metrics in pounds, whose figures must be whole pence
	for _, m := range metrics {
		if m.Unit == measure.GBP {
			gbp[m.ID] = true
		}
		if m.Scale > 1 {
			if scales == nil {
				scales = map[string]int{}
			}
			scales[m.ID] = m.Scale
		}
	}
	for _, file := range performanceFiles(fsys) {
		cols := performanceFields.columns()
		metric := ""
		if stem := strings.ToLower(strings.TrimSuffix(path.Base(file), path.Ext(file))); path.Dir(file) == PerformanceDir &&
			slices.ContainsFunc(metrics, func(m Metric) bool { return m.ID == stem }) {
			metric = stem
			cols[0].required = false
		}
		if rows, latest, read := loadPerformanceFile(fsys, file, cols, metric, scales, gbp, codes, pl); read {
			own[file] = latest
			if out == nil {
				out = rows // the usual single file: no copy of half a million rows
			} else {
				out = append(out, rows...)
			}
			ok = true
		}
	}
	return out, own, codes.left, ok
}

// It returns the file's rows and its own period: a wide report's latest
// column, or a long file's latest period.
func loadPerformanceFile(fsys fs.FS, file string, cols []column, metric string, scales map[string]int, gbp map[string]bool, codes codeCells, pl *problem.List) ([]Performance, period.Period, bool) {
	hint := ""
	if metric == "" && path.Dir(file) == PerformanceDir {
		hint = fmt.Sprintf(" (a file in %s/ named for a metric needs no metric column, but %q is not a metric in %s)",
			PerformanceDir, strings.TrimSuffix(path.Base(file), path.Ext(file)), MetricsFile)
	}
	t := readLeaving(fsys, file, cols, true, hint, codes.outside, pl)
	if t == nil || !t.decideCode(codes, hint, pl) {
		return nil, period.Period{}, false
	}
	if t.left.N > 0 {
		codes.left[file] = t.left
	}
	t.lengthen()
	if metric != "" {
		t.fill("metric", metric)
	}
	if !t.complete() {
		return nil, period.Period{}, false
	}
	// The largest file by far: its rows are checked on the goroutines that
	// decode them, straight into their place in the result.
	out := make([]Performance, len(t.rows))
	// What the checks would look up for every row is looked up once: the
	// columns, and (below) a metric's id, scale and unit once a run of its
	// rows. Each short cut gives what the check it passes would.
	unset := len(t.periods) > 0 && t.present["target"]
	statusCol, hasStatus := t.index["status"]
	noteCyCol, hasNoteCy := t.index["note"+TwinSuffix]
	rated := t.present["status"]
	// exact is whether each column read into the row is the one the checks
	// name: no column written twice, whose cells the row and the checks
	// would take from different columns.
	exact := true
	for j, k := range performanceFields.plan(t.header).fields {
		if k >= 0 && t.index[t.header[j]] != j {
			exact = false
		}
	}
	err := decodeEach(t, performanceFields, func() func(int, performanceRow) {
		// The last metric this goroutine read whose id is valid, so that
		// a run of its rows is checked once; an id with a problem is
		// checked, and reported, on every row.
		var last struct {
			text   text
			id     string
			sc     int
			pounds bool
		}
		return func(i int, r performanceRow) {
			c := &checker{t: t, row: i, pl: pl}
			// The row is made in its place: out is zero, and a copy of a
			// row of pointers costs more than its writes.
			p := &out[i]
			p.File, p.Line, p.Partner = file, t.rowLine[i], string(r.Partner)
			if last.id != "" && r.Metric == last.text {
				p.Metric = last.id
			} else if p.Metric = c.foldedID("metric", r.Metric, true); p.Metric != "" && slug.Valid(p.Metric) && slug.Check(p.Metric) == nil {
				last.text, last.id, last.sc, last.pounds = r.Metric, p.Metric, max(1, scales[p.Metric]), gbp[p.Metric]
			} else {
				last.id = ""
			}
			if r.Target.set { // an empty cell is no target, and no problem
				p.Target = c.optional("target", r.Target.number)
			}
			if r.Note != "" {
				p.Note = noteText(string(r.Note))
			}
			if hasNoteCy {
				// A Welsh note may stand without an English one.
				p.NoteCy = noteText(strings.TrimSpace(t.rows[i][noteCyCol]))
			}
			if p.Target != nil {
				p.TargetPlaces = int8(format.Places(c.raw("target")))
			} else {
				p.Unset = unset
			}
			if exact && r.Period.set && !r.Period.bad {
				p.Period, p.ambiguous = r.Period.value, r.Period.amb // as c.period gives a period read
			} else {
				p.Period, p.ambiguous = c.period("period", r.Period)
			}
			// The rating is read from the row's own text: most files have
			// no status column, and half a million rows need not carry one.
			status := ""
			if row := t.rows[i]; hasStatus && statusCol < len(row) {
				status = strings.TrimSpace(row[statusCol]) // c.raw("status")
			}
			if status != "" {
				rag, err := measure.ParseRAG(status)
				if err != nil {
					c.errorf("status", "%v", err)
				}
				p.RAG = rag
			} else if rated && (t.own.IsZero() || p.Period == t.own) {
				// A report that rates its figures and leaves its own
				// period's blank gave it no rating: the site gives it none
				// either. (A long file's own period is known once it is read.)
				p.RAG, p.blankRAG = measure.Unrated, true
			}
			p.yearTarget = t.yearTargetCol && p.Target != nil
			p.Value, p.Mark, p.Flag = c.figure("value", r.Value)
			p.Places = r.Value.places
			sc, pounds := last.sc, last.pounds
			if last.id == "" {
				sc, pounds = max(1, scales[p.Metric]), gbp[p.Metric]
			}
			if pounds {
				// The exact check is on the figure's digits; most figures
				// are plainly within a penny and a trillion, told by their
				// places and size alone.
				if p.Mark == measure.Present && !plainPounds(p.Value, int(p.Places), sc) {
					c.pounds("value", p.Value, sc)
				}
				if p.Target != nil && !plainPounds(*p.Target, int(p.TargetPlaces), sc) {
					c.pounds("target", *p.Target, sc)
				}
			}
			if sc > 1 {
				if p.Mark == measure.Present {
					unscale(&p.Value, &p.Places, sc)
				}
				// A target is scaled whether or not the figure is there.
				p.Target = scaled(p.Target, sc)
				p.TargetPlaces = int8(max(0, int(p.TargetPlaces)-zeros(sc)))
			}
			if pounds {
				p.Places = int8(pencePlaces(p.Value, int(p.Places), sc))
				if p.Target != nil {
					p.TargetPlaces = int8(pencePlaces(*p.Target, int(p.TargetPlaces), sc))
				}
			}
		}
	})
	if err != nil {
		pl.Errorf(file, t.headerLine, "cannot read the rows: %v", err)
		return nil, period.Period{}, false
	}
	own := t.own
	if own.IsZero() {
		for i := range out {
			if !out[i].ambiguous {
				own = later(own, out[i].Period)
			}
		}
		if t.present["status"] {
			// A long file: a blank status on a row before its own period
			// is a rating not given there, not "no rating".
			for i := range out {
				if out[i].blankRAG && out[i].Period != own {
					out[i].RAG = measure.NoRAG
				}
			}
		}
	}
	return out, own, true
}

type savingRow struct {
	Service      text
	Period       periodCell
	Partner      text
	BaselineCost number
	ActualCost   number
	Saving       number
	TargetSaving number
	OneOffCost   number
	Note         text
	Recurring    text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *savingRow) UnmarshalCSVWithFields(col, v string) error { return savingFields.set(r, col, v) }

var savingFields = declare(
	field[savingRow]{column{"service", nil, true, "the service's id"}, func(r *savingRow) cell { return &r.Service }},
	field[savingRow]{column{"period", nil, true, "the financial year"}, func(r *savingRow) cell { return &r.Period }},
	field[savingRow]{column{"partner", partnerAliases, false, "the partner; blank for partnership-wide, attributed to partners by cost_share"}, func(r *savingRow) cell { return &r.Partner }},
	field[savingRow]{column{"baseline_cost", nil, false, "what the service cost, or would have cost, without sharing"}, func(r *savingRow) cell { return &r.BaselineCost }},
	field[savingRow]{column{"actual_cost", nil, false, "what it cost (outturn); the saving is baseline_cost less actual_cost"}, func(r *savingRow) cell { return &r.ActualCost }},
	field[savingRow]{column{"saving", []string{"saved"}, false, "the saving as the council reported it, for years whose costs are not published; a row gives either this or both costs, and a row with only target_saving is a planned year"}, func(r *savingRow) cell { return &r.Saving }},
	field[savingRow]{column{"target_saving", nil, false, "the saving it was meant to make"}, func(r *savingRow) cell { return &r.TargetSaving }},
	field[savingRow]{column{"one_off_cost", nil, false, "implementation costs in that year; write `0` for none: an empty cell is not reported, and shows as \"not reported\", never £0"}, func(r *savingRow) cell { return &r.OneOffCost }},
	field[savingRow]{column{"note", nil, false, "a note shown beside the year"}, func(r *savingRow) cell { return &r.Note }},
	field[savingRow]{column{"recurring", nil, false, "`yes` (any case) for a saving made every year from this one on, such as \"£500,000 a year\", until a later row for the same service and partner replaces it; a later recurring figure includes the earlier and is never added to it; `no` for a one-year saving; empty: `yes` when the note says \"a year\""}, func(r *savingRow) cell { return &r.Recurring }},
).translated("note")

// aYear finds "a year" in a note, the way councils write a recurring
// saving: "£500,000 a year".
var aYear = regexp.MustCompile(`(?i)\ba year\b`)

// partnerAliases are the headers published tables give the partner column.
var partnerAliases = []string{"council", "local authority", "authority", "area", "organisation", "ons code", "gss code", "code",
	"area code", "area name", "local authority code", "local authority name", "la code", "la name", "council name", "organisation name"}

func loadSavings(fsys fs.FS, pl *problem.List) []Saving {
	return loadFile(fsys, SavingsFile, savingFields.columns(), pl, func(c *checker, line int, r savingRow) Saving {
		pr, ambiguous := c.period("period", r.Period)
		if ambiguous {
			pr = yearOf(pr) // savings are by financial year
		}
		s := Saving{Line: line, Service: c.id("service", r.Service, true), Period: pr,
			Partner: string(r.Partner), TargetSaving: c.optionalAmount("target_saving", r.TargetSaving),
			OneOffCost: c.optionalAmount("one_off_cost", r.OneOffCost), Note: string(r.Note), Cy: c.twins()}
		var base, actual bool
		s.BaselineCost, base = c.amount("baseline_cost", r.BaselineCost, false)
		s.ActualCost, actual = c.amount("actual_cost", r.ActualCost, false)
		s.Reported = c.optionalAmount("saving", r.Saving)
		s.Costs = base && actual
		switch given := c.raw("baseline_cost") != "" || c.raw("actual_cost") != ""; {
		case given && c.raw("saving") != "":
			c.errorf("saving", "the row gives both saving and costs; give either the saving as reported, or baseline_cost and actual_cost, so it is counted once")
		case given && (c.raw("baseline_cost") == "" || c.raw("actual_cost") == ""):
			c.errorf("baseline_cost", "the row gives only one of baseline_cost and actual_cost; the saving is the one less the other, so give both, or the saving as reported")
		case !given && c.raw("saving") == "" && c.raw("target_saving") == "":
			c.errorf("saving", "the row gives no figures; give the saving (or baseline_cost and actual_cost), or a target_saving for a planned year")
		}
		switch rec := strings.ToLower(string(r.Recurring)); rec {
		case "yes":
			s.Recurring = true
		case "no":
		case "":
			s.Recurring = aYear.MatchString(s.Note)
		default:
			c.errorf("recurring", "recurring %q is not yes or no; write yes for a saving made every year from this one on, no for one year's saving, or leave it empty", short(string(r.Recurring)))
		}
		if s.Recurring && s.Planned() {
			// A plan is not carried; a note such as "£300,000 a year
			// planned" says nothing wrong, a recurring yes does.
			if strings.EqualFold(string(r.Recurring), "yes") && c.raw("target_saving") != "" {
				c.errorf("recurring", "the row is recurring but gives no saving, only a target; a planned year is not carried into later years, so leave recurring empty or give the saving")
			}
			s.Recurring = false
		}
		if !s.Period.IsZero() && s.Period.Kind != period.Year {
			c.errorf("period", "savings are given by financial year, e.g. %s; %q is a %s", fyOf(s.Period), short(c.raw("period")), s.Period.Kind)
		}
		return s
	})
}

type benchmarkRow struct {
	Metric    text
	Period    periodCell
	Benchmark text
	Value     figure
	Source    text
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *benchmarkRow) UnmarshalCSVWithFields(col, v string) error {
	return benchmarkFields.set(r, col, v)
}

var benchmarkFields = declare(
	field[benchmarkRow]{column{"metric", nil, true, "the metric's id"}, func(r *benchmarkRow) cell { return &r.Metric }},
	field[benchmarkRow]{column{"period", nil, true, "the period, of the same kind as the metric's figures"}, func(r *benchmarkRow) cell { return &r.Period }},
	field[benchmarkRow]{column{"benchmark", []string{"comparator", "comparison", "compared with"}, true, "what the figure is, as readers will see it: \"England median\", \"Nearest neighbours median (CIPFA)\""}, func(r *benchmarkRow) cell { return &r.Benchmark }},
	field[benchmarkRow]{column{"value", nil, true, "the figure, in the metric's unit and scale, written as in performance files (`18.2 [p]`, `[x]`)"}, func(r *benchmarkRow) cell { return &r.Value }},
	field[benchmarkRow]{column{"source", nil, false, "where the figure comes from: \"LG Inform, 2024/25\""}, func(r *benchmarkRow) cell { return &r.Source }},
).translated("benchmark", "source")

// loadBenchmarks reads benchmarks.csv. Figures take the metric's scale, as
// its performance figures do, so a benchmark for a metric in £ thousands
// is written in thousands too.
func loadBenchmarks(fsys fs.FS, metrics []Metric, pl *problem.List) []Benchmark {
	scale := map[string]int{}
	gbp := map[string]bool{}
	for _, m := range metrics {
		scale[m.ID] = m.Scale
		gbp[m.ID] = m.Unit == measure.GBP
	}
	return loadFile(fsys, BenchmarksFile, benchmarkFields.columns(), pl, func(c *checker, line int, r benchmarkRow) Benchmark {
		b := Benchmark{Line: line, Metric: c.foldedID("metric", r.Metric, true), Name: c.text("benchmark", r.Benchmark, true), Source: string(r.Source), Cy: c.twins()}
		b.Period, b.ambiguous = c.period("period", r.Period)
		b.Value, b.Mark, b.Flag = c.figure("value", r.Value)
		b.Places = r.Value.places
		if gbp[b.Metric] && b.Mark == measure.Present {
			c.pounds("value", b.Value, max(1, scale[b.Metric]))
		}
		if sc := scale[b.Metric]; sc > 1 && b.Mark == measure.Present {
			unscale(&b.Value, &b.Places, sc)
		}
		if gbp[b.Metric] && b.Mark == measure.Present {
			b.Places = int8(pencePlaces(b.Value, int(b.Places), max(1, scale[b.Metric])))
		}
		return b
	})
}

type targetRow struct {
	Metric  text
	Period  periodCell
	Partner text
	Target  targetNumber
}

// UnmarshalCSVWithFields is gocsv's whole-row hook.
func (r *targetRow) UnmarshalCSVWithFields(col, v string) error { return targetFields.set(r, col, v) }

var targetFields = declare(
	field[targetRow]{column{"metric", nil, true, "the metric's id"}, func(r *targetRow) cell { return &r.Metric }},
	field[targetRow]{column{"period", nil, true, "the period the target is for, of the metric's kind (or a year, for a year's outturn)"}, func(r *targetRow) cell { return &r.Period }},
	field[targetRow]{column{"partner", partnerAliases, false, "the partner; blank for every series of the metric"}, func(r *targetRow) cell { return &r.Partner }},
	field[targetRow]{column{"target", nil, true, "the target, in the metric's unit and scale, as the council set it (`24.5`: shown with the places written)"}, func(r *targetRow) cell { return &r.Target }},
)

// loadTargets reads targets.csv: targets that change from period to
// period, as profiled collection targets do through a year.
func loadTargets(fsys fs.FS, metrics []Metric, pl *problem.List) []Target {
	scale := map[string]int{}
	gbp := map[string]bool{}
	for _, m := range metrics {
		scale[m.ID] = m.Scale
		gbp[m.ID] = m.Unit == measure.GBP
	}
	return loadFile(fsys, TargetsFile, targetFields.columns(), pl, func(c *checker, line int, r targetRow) Target {
		t := Target{Line: line, Metric: c.foldedID("metric", r.Metric, true), Partner: string(r.Partner)}
		var amb bool
		t.Period, amb = c.period("period", r.Period)
		if amb {
			t.Period = yearOf(t.Period)
		}
		if v, ok := c.number("target", r.Target.number, true); ok {
			t.Value, t.Places = v, int8(format.Places(c.raw("target")))
			if gbp[t.Metric] {
				c.pounds("target", t.Value, max(1, scale[t.Metric]))
			}
			if sc := scale[t.Metric]; sc > 1 {
				t.Value = *scaled(&t.Value, sc)
				t.Places = int8(max(0, int(t.Places)-zeros(sc)))
			}
			if gbp[t.Metric] {
				t.Places = int8(pencePlaces(t.Value, int(t.Places), max(1, scale[t.Metric])))
			}
		}
		return t
	})
}

// applyTargets checks targets.csv against the other files and gives each
// figure without a target of its own the one targets.csv sets for its
// period: the partner's, or else the one for every series.
func (d *Data) applyTargets(metrics, partners map[string]bool, kinds map[string]period.Kind, pl *problem.List) {
	if len(d.Targets) == 0 {
		return
	}
	type key struct {
		metric, partner string
		period          period.Period
	}
	names := d.partnerNames()
	set := map[key]*Target{}
	for i := range d.Targets {
		t := &d.Targets[i]
		if t.Metric == "" || t.Period.IsZero() {
			continue
		}
		if id, ok := names[foldName(t.Partner)]; ok {
			t.Partner = id
		}
		switch {
		case !metrics[t.Metric]:
			pl.Errorf(TargetsFile, t.Line, "metric %q is not a metric in %s%s", short(t.Metric), MetricsFile, suggest(t.Metric, metrics))
			continue
		case t.Partner != "" && !partners[t.Partner]:
			pl.Errorf(TargetsFile, t.Line, "partner %q is not a partner in %s%s", short(t.Partner), PartnersFile, suggest(t.Partner, partners))
			continue
		case kinds[t.Metric] != 0 && t.Period.Kind != kinds[t.Metric] && t.Period.Kind != period.Year:
			pl.Errorf(TargetsFile, t.Line, "period %s is a %s, but metric %q has a figure a %s; give the target for one of its periods", t.Period, t.Period.Kind, t.Metric, kinds[t.Metric])
			continue
		}
		k := key{t.Metric, t.Partner, t.Period}
		if first, dup := set[k]; dup {
			pl.Errorf(TargetsFile, t.Line, "duplicate row: metric %q, period %s, partner %q is also on line %d; keep one", short(t.Metric), t.Period, short(t.Partner), first.Line)
			continue
		}
		set[k] = t
	}
	for i := range d.Performance {
		p := &d.Performance[i]
		if p.Target != nil {
			continue // the figure's own row, or its report, says
		}
		t := set[key{p.Metric, p.Partner, p.Period}]
		if t == nil {
			t = set[key{p.Metric, "", p.Period}]
		}
		if t != nil {
			v := t.Value
			p.Target, p.TargetPlaces = &v, t.Places
		}
	}
}

// checkAmbers reports an amber margin set for a metric that has no
// target anywhere: in metrics.csv, on a figure's row or in targets.csv.
func (d *Data) checkAmbers(pl *problem.List) {
	// Half a million rows are looked through only for a metric with an
	// amber and no target of its own.
	if !slices.ContainsFunc(d.Metrics, func(m Metric) bool { return (m.Amber != nil || m.AmberShare != nil) && m.Target == nil }) {
		return
	}
	targeted := map[string]bool{}
	for i := range d.Performance {
		if p := &d.Performance[i]; p.Target != nil {
			targeted[p.Metric] = true
		}
	}
	for _, m := range d.Metrics {
		if (m.Amber != nil || m.AmberShare != nil) && m.Target == nil && !targeted[m.ID] {
			pl.Errorf(MetricsFile, m.Line, "amber is set but no target is: not here, nor on any figure's row, nor in %s; an amber margin needs a target", TargetsFile)
		}
	}
}

// checkBenchmarks applies the rules that join benchmarks.csv to the other
// files: the metric exists, the period is of the kind the metric's
// figures use, and one benchmark has one figure a period.
// kinds is each metric's kind of period, as checkPerformance found it.
func (d *Data) checkBenchmarks(metrics map[string]bool, kinds map[string]period.Kind, pl *problem.List) {
	type key struct {
		metric, name string
		period       period.Period
	}
	seen := map[key]int{}
	type spelt struct {
		name string
		line int
	}
	spelling := map[[2]string]spelt{} // metric and skeleton -> the name as first written
	partners, named := d.partnerLooks(), map[string]bool{}
	for i := range d.Benchmarks {
		b := &d.Benchmarks[i]
		if b.Metric == "" {
			continue
		}
		// "England median" and "England  Median" are one benchmark,
		// shown as it was first written; messages quote the line's own.
		// So is "Еngland median" with a Cyrillic Е, which no reader could
		// tell from it, but that is warned of.
		written, sk := b.Name, skeleton(b.Name)
		if first, ok := spelling[[2]string{b.Metric, sk}]; ok {
			if foldName(first.name) != foldName(written) {
				pl.Warnf(BenchmarksFile, b.Line, "benchmark %q looks the same as %q on line %d but is written with %s; it is shown as %q, one series with it: write it in Latin letters",
					written, first.name, first.line, lookDesc(written), first.name)
			}
			b.Name = first.name
		} else {
			spelling[[2]string{b.Metric, sk}] = spelt{b.Name, b.Line}
		}
		if p, ok := partners[sk]; ok && sk != "" && !named[sk] {
			// A chart would draw two series and a table two columns of
			// one name, the partner's and the benchmark's.
			named[sk] = true
			q := d.Partners[p.partner]
			pl.Errorf(BenchmarksFile, b.Line, "benchmark %q is named like partner %q (its %s %q, %s line %d); a chart and a table would show two series of that name: name the benchmark for what it is, e.g. \"England median\"",
				written, q.ID, p.kind, p.written, PartnersFile, q.Line)
		}
		if !metrics[b.Metric] {
			pl.Errorf(BenchmarksFile, b.Line, "metric %q is not a metric in %s%s", b.Metric, MetricsFile, suggest(b.Metric, metrics))
			continue
		}
		if b.Period.IsZero() {
			continue
		}
		kind, ok := kinds[b.Metric]
		if b.ambiguous && ok && kind == period.Year {
			b.Period = yearOf(b.Period)
		}
		if ok && b.Period.Kind != kind {
			pl.Errorf(BenchmarksFile, b.Line, "period %s is a %s, but metric %q has a figure a %s; give the benchmark for the same kind of period as the metric's figures", b.Period, b.Period.Kind, b.Metric, kind)
			continue
		}
		k := key{b.Metric, foldName(b.Name), b.Period}
		if first, dup := seen[k]; dup {
			pl.Errorf(BenchmarksFile, b.Line, "duplicate row: metric %q, period %s, benchmark %q is also on line %d; keep one", b.Metric, b.Period, written, first)
			continue
		}
		seen[k] = b.Line
	}
}

func fyOf(p period.Period) string {
	y := p.Year
	if p.Kind == period.Month && p.N < 4 {
		y--
	}
	return period.Period{Kind: period.Year, Year: y}.String()
}

// readRows reads a file and decodes its rows. A file that cannot be read,
// or that lacks a required column, gives no rows: its cells cannot be
// trusted to be in the right places.
func readRows[T any](fsys fs.FS, file string, cols []column, pl *problem.List) (*table, []T) {
	t := readChecked(fsys, file, cols, pl)
	if t == nil {
		return nil, nil
	}
	rows, err := decode[T](t)
	if err != nil {
		pl.Errorf(file, t.headerLine, "cannot read the rows: %v", err)
		return nil, nil
	}
	return t, rows
}

// loadFile reads one of the small files and turns each row into a record
// with convert, which checks the row's cells through c.
func loadFile[R, T any](fsys fs.FS, file string, cols []column, pl *problem.List, convert func(c *checker, line int, r R) T) []T {
	t, rows := readRows[R](fsys, file, cols, pl)
	out := make([]T, 0, len(rows))
	for i, r := range rows {
		out = append(out, convert(&checker{t: t, row: i, pl: pl}, t.rowLine[i], r))
	}
	return out
}

// readChecked reads a file whose every required column is present, or
// returns nil: without them, cells cannot be trusted to be in place.
//
// A file whose declaration has period and value columns may also be
// written wide, one column a period, as comparison tables are published
// (LG Inform's rows of areas by quarter): it is lengthened here, so every
// such file reads both ways without a reader of its own.
func readChecked(fsys fs.FS, file string, cols []column, pl *problem.List) *table {
	if _, err := fs.Stat(fsys, file); err != nil {
		return nil
	}
	named := func(name string) bool {
		return slices.ContainsFunc(cols, func(c column) bool { return c.name == name })
	}
	t := readShaped(fsys, file, cols, named("period") && named("value"), "", pl)
	if t == nil {
		return nil
	}
	t.lengthen()
	if !t.complete() {
		return nil
	}
	return t
}

// crossCheck applies the rules that join files: ids are unique and every
// reference names something that exists.
func (d *Data) crossCheck(goals []string, pl *problem.List) {
	partners := uniqueIDs(PartnersFile, d.Partners, func(p Partner) (string, int) { return p.ID, p.Line }, pl)
	d.checkPartnerNames(pl)
	d.resolvePartners()
	services := uniqueIDs(ServicesFile, d.Services, func(s Service) (string, int) { return s.ID, s.Line }, pl)
	metrics := uniqueIDs(MetricsFile, d.Metrics, func(m Metric) (string, int) { return m.ID, m.Line }, pl)

	var given, empty []string
	for _, p := range d.Partners {
		if p.ShareGiven {
			given = append(given, strconv.Itoa(p.Line))
		} else {
			empty = append(empty, strconv.Itoa(p.Line))
		}
	}
	if len(given) > 0 && len(empty) > 0 {
		lines := func(l []string) string {
			if len(l) == 1 {
				return "line " + l[0]
			}
			return "lines " + strings.Join(l, ", ")
		}
		pl.Errorf(PartnersFile, 1, "cost_share is empty on %s but given on %s; give every partner's share, or leave cost_share empty for every partner where the partnership has not published how costs and savings are shared",
			lines(empty), lines(given))
	}
	if len(d.Partners) > 0 && len(empty) == 0 && !slices.ContainsFunc(d.Partners, func(p Partner) bool { return p.shareBad }) {
		var total money.Share
		for _, p := range d.Partners {
			total += p.CostShare
		}
		if miss := money.Whole - total; miss != 0 {
			by := fmt.Sprintf("%s short", miss.Decimal())
			if miss < 0 {
				by = fmt.Sprintf("%s over", (-miss).Decimal())
			}
			pl.Errorf(PartnersFile, 1, "cost_share values total %s, not 100 (%s); each partner's share of costs and savings must add up to exactly 100, so that every pound saved is counted once", total.Decimal(), by)
		}
	}
	for _, s := range d.Services {
		if s.LeadPartner != "" && !partners[s.LeadPartner] {
			pl.Errorf(ServicesFile, s.Line, "lead_partner %q is not a partner in %s%s", short(s.LeadPartner), PartnersFile, suggest(s.LeadPartner, partners))
		}
	}
	goalSet := map[string]bool{}
	for _, g := range goals {
		goalSet[g] = true
	}
	unit := map[string]measure.Unit{}
	for _, m := range d.Metrics {
		unit[m.ID] = m.Unit
		if !services[m.Service] {
			pl.Errorf(MetricsFile, m.Line, "service %q is not a service in %s%s", short(m.Service), ServicesFile, suggest(m.Service, services))
		}
		if m.Goal == "" {
			pl.Errorf(MetricsFile, m.Line, "goal is empty: write the goal it measures, one of: %s (the site's goals, as site.yaml sets them or by default)", strings.Join(goals, ", "))
		} else if !goalSet[m.Goal] {
			pl.Errorf(MetricsFile, m.Line, "goal %q is not a goal of the site (%s); goals are set in site.yaml", short(m.Goal), strings.Join(goals, ", "))
		}
	}

	// Keys hold the typed period: formatting it to a string for every one
	// of half a million rows would cost more than the check itself.
	type key struct {
		metric  string
		period  period.Period
		partner string
	}
	kinds, reported := d.checkPerformance(metrics, partners, unit, pl)
	d.checkBenchmarks(metrics, kinds, pl)
	d.applyTargets(metrics, partners, kinds, pl)
	d.checkAmbers(pl)
	if reported == nil {
		reported = make(map[string]bool, len(d.Metrics))
		for i := range d.Performance {
			if m := d.Performance[i].Metric; i == 0 || m != d.Performance[i-1].Metric {
				reported[m] = true // once a run of the metric's rows
			}
		}
	}
	for _, m := range d.Metrics {
		if d.performanceRead && !reported[m.ID] {
			pl.Warnf(MetricsFile, m.Line, "metric %q has no figures in the performance files, so its page shows no figures", m.ID)
		}
	}

	type skey struct {
		service string
		period  period.Period
	}
	savingSeen := make(map[key]int, len(d.Savings))
	wide := map[skey]int{}
	split := map[skey]int{}
	for _, s := range d.Savings {
		if !services[s.Service] {
			pl.Errorf(SavingsFile, s.Line, "service %q is not a service in %s%s", short(s.Service), ServicesFile, suggest(s.Service, services))
		}
		if s.Partner != "" && !partners[s.Partner] {
			pl.Errorf(SavingsFile, s.Line, "partner %q is not a partner in %s%s", short(s.Partner), PartnersFile, suggest(s.Partner, partners))
		}
		if s.Period.IsZero() {
			continue
		}
		k := key{s.Service, s.Period, s.Partner}
		if first, dup := savingSeen[k]; dup {
			pl.Errorf(SavingsFile, s.Line, "duplicate row: service %q, period %s, partner %q is also on line %d; keep one", short(s.Service), s.Period, short(s.Partner), first)
			continue
		}
		savingSeen[k] = s.Line
		sk := skey{s.Service, s.Period}
		if s.Partner == "" {
			wide[sk] = s.Line
		} else if _, ok := split[sk]; !ok {
			split[sk] = s.Line
		}
		if l1, ok := wide[sk]; ok {
			if l2, ok := split[sk]; ok && (l1 == s.Line || l2 == s.Line) {
				// Counting both would attribute the same money twice.
				pl.Errorf(SavingsFile, max(l1, l2), "service %q in %s has a partnership-wide row (line %d) and per-partner rows (line %d); give one or the other, or the saving is counted twice",
					s.Service, s.Period, l1, l2)
			}
		}
	}
	d.checkRecurringSplit(len(d.Partners), pl)
}

// checkRecurringSplit reports a partnership-wide recurring saving that a
// later year's per-partner rows replace for some partners only: what the
// others save from then on cannot be told, so it is asked for rather than
// dropped or guessed.
func (d *Data) checkRecurringSplit(partners int, pl *problem.List) {
	type year struct {
		service string
		period  period.Period
	}
	by := map[year]map[string]int{} // per-partner rows with a saving: partner to line
	for _, s := range d.Savings {
		if s.Partner != "" && !s.Planned() && !s.Period.IsZero() {
			k := year{s.Service, s.Period}
			if by[k] == nil {
				by[k] = map[string]int{}
			}
			by[k][s.Partner] = s.Line
		}
	}
	for _, r := range d.Savings {
		if r.Partner != "" || !r.Recurring || r.Period.IsZero() {
			continue
		}
		// The first later year with per-partner rows is where the
		// partnership-wide saving stops being carried.
		var first *year
		for k := range by {
			if k.service == r.Service && period.Compare(k.period, r.Period) > 0 && (first == nil || period.Compare(k.period, first.period) < 0) {
				first = &k
			}
		}
		if first == nil || len(by[*first]) >= partners {
			continue
		}
		lines := slices.Sorted(maps.Values(by[*first]))
		pl.Errorf(SavingsFile, lines[0], "service %q's partnership-wide recurring saving (line %d) is replaced in %s by rows for only %d of the %d partners; give every partner's row for %s, or a partnership-wide one, so that no partner's saving stops unsaid",
			r.Service, r.Line, first.period, len(by[*first]), partners, first.period)
	}
}

// partnerNames maps every way a published table may name a partner (its
// id, GSS code, short name or name, in lower case, spaces folded) to its
// id. A name that could mean two partners is an error (checkPartnerNames);
// until it is put right an id means its own partner, a code the partner
// it is the code of, and a name or short name the first partner to have
// it, so that no partner's id or code is taken by another's short name.
func (d *Data) partnerNames() map[string]string {
	names := map[string]string{}
	for _, of := range []func(Partner) []string{
		func(p Partner) []string { return []string{p.ID} },
		func(p Partner) []string { return []string{p.Code} },
		func(p Partner) []string { return []string{p.ShortName, p.Name} },
	} {
		for _, p := range d.Partners {
			for _, n := range of(p) {
				if f := foldName(n); f != "" {
					if _, ok := names[f]; !ok {
						names[f] = p.ID
					}
				}
			}
		}
	}
	return names
}

func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// resolvePartners turns the partner cells of savings rows into ids, as
// checkPerformance does for figures: a partner may be named by its id, its
// name, its short name or its GSS code, in any case. A cell that matches
// none is left as written for the checks to report.
func (d *Data) resolvePartners() {
	names := d.partnerNames()
	for i := range d.Savings {
		if id, ok := names[foldName(d.Savings[i].Partner)]; ok {
			d.Savings[i].Partner = id
		}
	}
}

// later is whichever of two periods ends later (a when they end
// together), comparing the fields where the kinds agree, as they almost
// always do, rather than working out two dates a row.
func later(a, b period.Period) period.Period {
	switch {
	case a.IsZero():
		return b
	case b.IsZero():
		return a
	case a.Kind == b.Kind:
		if b.Year > a.Year || b.Year == a.Year && b.N > a.N {
			return b
		}
		return a
	}
	// A year ends with its last quarter: the quarter is the report's own
	// period, the year beside it its outturn.
	if c := b.End().Compare(a.End()); c > 0 || c == 0 && b.Kind > a.Kind {
		return b
	}
	return a
}

// noNote are what reports write in a notes column that has nothing to
// say, which a page should not show as a note.
var noNote = map[string]bool{"no notes": true, "no note": true, "none": true, "n/a": true, "na": true, "-": true, "nil": true, "no comment": true, "no comments": true, "no commentary": true}

// noteText is a note cell, or "" for a placeholder such as "No notes".
func noteText(s string) string {
	if len(s) <= 14 && noNote[strings.ToLower(s)] {
		return ""
	}
	return s
}

// lastOf is the last quarter (or month) of financial year y: the period
// whose year-to-date figure is the year's outturn.
func lastOf(y period.Period, kind period.Kind) period.Period {
	if kind == period.Month {
		return period.Period{Kind: period.Month, Year: y.Year + 1, N: 3}
	}
	return period.Period{Kind: period.Quarter, Year: y.Year, N: 4}
}

// repeat settles a figure that two files give for the same metric, period
// and partner. Each quarterly report repeats the quarter before, so the
// same figure twice is one figure; a different one in the file whose own
// period is later revises the earlier, which is kept as first published.
// Two files of the same period that disagree are an error. It returns the
// row that stands, with the other marked dropped; ok is false when the
// rows are of one file or cannot be settled (an error is then reported).
func (d *Data) repeat(f, p *Performance, own map[string]period.Period, pl *problem.List) (keep *Performance, ok bool) {
	if f.File == p.File {
		return nil, false
	}
	same := f.Mark == p.Mark && (f.Mark != measure.Present || f.Value == p.Value)
	if same {
		if own[p.File].End().After(own[f.File].End()) {
			f.Flag = p.Flag // "80 [p]", then "80" as final: final
		}
		// One figure: the report of that period gives its target and the
		// council's rating, so whichever row has them lends them.
		if f.Target == nil && p.Target != nil {
			f.Target, f.TargetPlaces = p.Target, p.TargetPlaces
		}
		f.Unset = f.Target == nil && f.Unset && p.Unset
		if f.RAG == measure.NoRAG {
			f.RAG = p.RAG
		}
		if f.Note == "" {
			f.Note = p.Note
		}
		f.Places = max(f.Places, p.Places)
		p.dropped = true
		return f, true
	}
	of, op := own[f.File], own[p.File]
	if of == op {
		pl.Errorf(p.File, p.Line, "metric %q, period %s: this file gives %s and %s gives %s, and both files report up to %s, so neither revises the other; correct the one that is wrong",
			p.Metric, p.Period, figureText(p), f.where(p.File), figureText(f), op)
		return nil, false
	}
	early, late := f, p
	if op.End().Before(of.End()) {
		early, late = p, f
	}
	chain := revise(late.Earlier, Revision{Value: early.Value, Places: early.Places, Mark: early.Mark, Flag: early.Flag,
		File: early.File, Line: early.Line, PublishedIn: own[early.File]}, own[late.File])
	for r := early.Earlier; r != nil; r = r.Earlier {
		chain = revise(chain, *r, own[late.File])
	}
	late.Earlier = chain
	if late.Flag == measure.NoFlag {
		late.Flag = measure.Revised
	}
	if late.Target == nil && early.Target != nil {
		late.Target, late.TargetPlaces = early.Target, early.TargetPlaces
	}
	late.Unset = late.Target == nil && late.Unset && early.Unset
	// The council's rating was of the figure first published; the revised
	// one is rated by the metric's rule unless the later report rates it.
	early.dropped = true
	return late, true
}

// figureText is a row's figure for a message: "57.3", or its mark.
func figureText(p *Performance) string {
	if p.Mark != measure.Present {
		return p.Mark.Symbol()
	}
	return trimFloat(p.Value)
}

// where names the row for a message about a row of file: "line 12" in
// the same file, "data/performance/claims.csv:12" in another.
func (p *Performance) where(file string) string {
	if p.File == file {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// checkPerformance applies the cross-file rules to performance.csv. It is
// the hot loop of loading a large site, so ids are looked up once per run
// of rows with the same metric, and duplicates are found on a packed
// integer key rather than on strings.
//
// It returns each metric's kind of period, from its rows that say it
// plainly, for the benchmarks' check; and the metrics that have rows,
// where it left none out (nil where it did, for the caller to look).
func (d *Data) checkPerformance(metrics, partners map[string]bool, unit map[string]measure.Unit, pl *problem.List) (map[string]period.Kind, map[string]bool) {
	partnerNo := map[string]uint64{"": 0}
	for _, p := range d.Partners {
		if _, ok := partnerNo[p.ID]; !ok {
			partnerNo[p.ID] = uint64(len(partnerNo))
		}
	}
	names, alias := d.partnerNames(), map[string]string{}
	others := map[string][]int{} // lines of rows for councils not in the partnership, by file
	type metricState struct {
		known bool
		unit  measure.Unit
		first *Performance // the first row, whose period kind the others must share
		// kind is the metric's kind of period, and cumulative whether it
		// builds up through the year: looked up once a metric, not a row.
		kind       period.Kind
		cumulative bool
		mixed      map[string]bool // files already said to mix kinds
		// fractions stays true while every figure of a percent metric
		// lies from 0 to 1: 0.973 written for 97.3%. Targets do not
		// count: a target of 97 beside figures of 0.973 is the slip
		// itself, not evidence against it.
		fractions bool
		// firstFigure is the metric's first figure, where the fractions
		// warning goes; fraction its first figure strictly between 0
		// and 1, without which figures of 0 and 1 alone are not
		// fractions but whole percentages.
		firstFigure, fraction *Performance
		// seen holds the row of each of the metric's figures by partner
		// and period, packed into an integer, to find duplicates. One
		// small table a metric stays in the cache, where one for half a
		// million rows missed it on nearly every row.
		seen map[uint64]int
	}
	states := make(map[string]*metricState, len(d.Metrics))
	// The kind of period each metric's plain rows use decides its
	// ambiguous ones: 2010-11 beside 2010-10 is a month, beside 2009/10 a
	// year.
	//
	// The finest kind wins: a committee report's year column beside its
	// quarters is the year's outturn, not a metric reported by year.
	kinds := map[string]period.Kind{}
	rows := make(map[string]int, len(d.Metrics)) // each metric's rows, to size its table of them
	for i := 0; i < len(d.Performance); {
		// A metric's rows mostly come together: one look-up a run of them.
		m, j := d.Performance[i].Metric, i
		k := kinds[m]
		for ; j < len(d.Performance) && d.Performance[j].Metric == m; j++ {
			if p := &d.Performance[j]; !p.ambiguous && !p.Period.IsZero() && p.Period.Kind > k {
				k = p.Period.Kind
			}
		}
		if k > kinds[m] {
			kinds[m] = k
		}
		rows[m] += j - i
		i = j
	}
	cumulative := map[string]bool{}
	for _, m := range d.Metrics {
		if m.Cumulative {
			cumulative[m.ID] = true
		}
	}
	own := d.own
	repeated := false
	var cur *metricState
	// The first row has no metric before it: "" and "\x00" are metrics a
	// cell may give, and neither can stand for none.
	curID := ""
	for i := range d.Performance {
		p := &d.Performance[i]
		if cur == nil || p.Metric != curID {
			curID = p.Metric
			if cur = states[p.Metric]; cur == nil {
				cur = &metricState{known: metrics[p.Metric], unit: unit[p.Metric], fractions: unit[p.Metric] == measure.Percent, kind: kinds[p.Metric], cumulative: cumulative[p.Metric], seen: make(map[uint64]int, rows[p.Metric])}
				states[p.Metric] = cur
			}
		}
		if !cur.known && p.Metric != "" { // an empty one is reported as empty
			pl.Errorf(p.File, p.Line, "metric %q is not a metric in %s%s", short(p.Metric), MetricsFile, suggest(p.Metric, metrics))
		}
		pno, knownPartner := partnerNo[p.Partner]
		if !knownPartner && p.Partner != "" {
			// Named as published tables name councils: by name, short
			// name or GSS code. Found once, each name is a plain lookup
			// after.
			if id, ok := alias[p.Partner]; ok {
				p.Partner, pno, knownPartner = id, partnerNo[id], true
			} else if id, ok := names[foldName(p.Partner)]; ok {
				alias[p.Partner] = id
				p.Partner, pno, knownPartner = id, partnerNo[id], true
			}
		}
		if !knownPartner && gssCode.MatchString(strings.ToUpper(p.Partner)) {
			// A national table names every council by its code; the
			// rows for councils outside the partnership are left out.
			others[p.File] = append(others[p.File], p.Line)
			p.dropped = true
			continue
		}
		if !knownPartner {
			pl.Errorf(p.File, p.Line, "partner %q is not a partner in %s%s", short(p.Partner), PartnersFile, suggest(p.Partner, partners))
			pno = uint64(len(partnerNo))
			partnerNo[p.Partner] = pno
		}
		if p.ambiguous {
			switch kinds[p.Metric] {
			case period.Year:
				p.Period = yearOf(p.Period)
			case period.Month:
			default:
				a := period.Ambiguous{Text: fmt.Sprintf("%d-%02d", p.Period.Year, p.Period.N), Year: yearOf(p.Period), Month: p.Period}
				pl.Errorf(p.File, p.Line, "%v (metric %q has no other rows to tell by)", a.Error(), p.Metric)
				p.Period = period.Period{}
			}
		}
		if p.Period.IsZero() {
			continue // already reported; comparing it would only add noise
		}
		if p.yearTarget && cur.cumulative && p.Period != lastOf(period.Period{Kind: period.Year, Year: financialYear(p.Period)}, p.Period.Kind) {
			// A year-to-date quarter against the whole year's target would
			// always look Off track: the year's target is its last quarter's.
			p.Target, p.Unset = nil, true
		}
		if k := cur.kind; p.Period.Kind == period.Year && k > period.Year {
			if cur.cumulative {
				// A year-to-date figure's outturn is its last quarter's
				// (or March's) figure.
				p.Period, p.fromYear = lastOf(p.Period, k), true
			} else {
				p.Outturn = true
			}
		}
		// partner (12 bits) | kind (2) | year (16) | n (4), in the metric's table
		k := (pno&0xfff)<<28 | uint64(p.Period.Kind&3)<<26 | uint64(p.Period.Year&0xffff)<<4 | uint64(p.Period.N&0xf)
		if first, dup := cur.seen[k]; !dup {
			cur.seen[k] = i
		} else if f := &d.Performance[first]; f.File == p.File && (f.fromYear || p.fromYear) {
			// A year-to-date report may give the year's outturn in a year
			// column and again as its last quarter: the same figure twice.
			year, q := f, p
			if p.fromYear {
				year, q = p, f
			}
			if year.Mark != q.Mark || year.Value != q.Value {
				// The paper says both: show both, the year's figure as its
				// outturn beside the quarters, and say they differ.
				pl.Warnf(p.File, p.Line, "metric %q builds up through the year, so its year outturn would be its %s figure, but the year column gives %s and the %s column %s; both are shown, the year's as its outturn (if the metric does not build up through the year, leave cumulative empty in %s)",
					p.Metric, q.Period, figureText(year), q.Period, figureText(q), MetricsFile)
				year.Period, year.fromYear, year.Outturn = period.Period{Kind: period.Year, Year: financialYear(year.Period)}, false, true
				if year == f {
					cur.seen[k] = i
				}
				if cur.first == year {
					cur.first = nil // an outturn sets no kind for the others
				}
			} else {
				year.dropped, repeated = true, true
				if year == p {
					continue
				}
				cur.seen[k] = i
			}
		} else if f.File == p.File {
			who := "the partnership as a whole"
			if p.Partner != "" {
				who = "partner " + p.Partner
			}
			if f.Line == p.Line {
				pl.Errorf(p.File, p.Line, "two columns of this row give metric %q's figure for %s; keep one", p.Metric, p.Period)
			} else {
				pl.Errorf(p.File, p.Line, "duplicate row: metric %q, period %s, %s is also on %s; keep one", p.Metric, p.Period, who, f.where(p.File))
			}
		} else if keep, ok := d.repeat(f, p, own, pl); ok {
			repeated = true
			if keep != p {
				continue
			}
			cur.seen[k] = i
		}
		switch first := cur.first; {
		case p.Outturn:
			// Beside the quarters, not of their kind: no mixing.
		case first == nil:
			cur.first = p
		case first.Period.Kind != p.Period.Kind && !cur.mixed[p.File]:
			// Once a file: a table whose columns are of two kinds would
			// otherwise say so for every row.
			if cur.mixed == nil {
				cur.mixed = map[string]bool{}
			}
			cur.mixed[p.File] = true
			where := first.where(p.File)
			if first.File == p.File && first.Line == p.Line {
				where = "another column of this row"
			}
			pl.Errorf(p.File, p.Line, "metric %q mixes kinds of period: %s gives a %s (%s), this row a %s (%s); one metric uses one kind",
				p.Metric, where, first.Period.Kind, first.Period, p.Period.Kind, p.Period)
		}
		if p.Mark != measure.Present {
			continue
		}
		if cur.fractions {
			if cur.firstFigure == nil {
				cur.firstFigure = p
			}
			if cur.fraction == nil && p.Value > 0 && p.Value < 1 {
				cur.fraction = p
			}
			cur.fractions = p.Value >= 0 && p.Value <= 1
		}
		if cur.unit == measure.Percent && (p.Value < 0 || p.Value > 100) {
			pl.Warnf(p.File, p.Line, "value %s is outside 0 to 100 for a percentage metric; percentages are written on a 0 to 100 scale", trimFloat(p.Value))
		}
	}
	left := repeated || len(others) > 0 || len(d.left) > 0 // rows left out below
	if repeated && len(others) == 0 {
		// Each figure once: the reports' repeats are settled above.
		d.Performance = slices.DeleteFunc(d.Performance, func(p Performance) bool { return p.dropped })
	}
	if len(others) > 0 || len(d.left) > 0 {
		files := slices.Sorted(maps.Keys(others))
		for f := range d.left {
			if _, ok := others[f]; !ok {
				files = append(files, f)
			}
		}
		slices.Sort(files)
		for _, f := range files {
			// A wide table gives one figure a cell: count its rows.
			lines := slices.Compact(slices.Clone(others[f]))
			n, first := len(lines), 0
			if len(lines) > 0 {
				first = lines[0]
			}
			if l := d.left[f]; l.N > 0 {
				n += l.N
				if first == 0 || l.First < first {
					first = l.First
				}
			}
			if n == 1 {
				pl.Warnf(f, first, "this row names a council by a GSS code that no partner in %s has; it is left out (add a partner's code to partners.csv to include it)", PartnersFile)
				continue
			}
			pl.Warnf(f, first, "%d rows name councils by GSS codes that no partner in %s has, such as the one on this line; they are left out (add a partner's code to partners.csv to include it)", n, PartnersFile)
		}
		d.Performance = slices.DeleteFunc(d.Performance, func(p Performance) bool { return p.dropped })
	}
	d.checkZeros(pl)
	for _, m := range d.Metrics {
		st := states[m.ID]
		if st == nil || !st.fractions || st.fraction == nil {
			continue
		}
		f, x := st.firstFigure, st.fraction
		pl.Warnf(f.File, f.Line, "metric %q is a percentage, but every figure lies from 0 to 1: they look like fractions (%s for %s%%); write percentages on a 0 to 100 scale",
			m.ID, trimFloat(x.Value), trimFloat(x.Value*100))
	}
	if left {
		return kinds, nil
	}
	// Every row has a state: the metrics with rows, known without
	// looking through half a million rows again.
	reported := make(map[string]bool, len(states))
	for m := range states {
		reported[m] = true
	}
	return kinds, reported
}

func uniqueIDs[T any](file string, rows []T, id func(T) (string, int), pl *problem.List) map[string]bool {
	first := map[string]int{}
	for _, r := range rows {
		k, line := id(r)
		if l, dup := first[k]; dup {
			pl.Errorf(file, line, "duplicate id %q: line %d has it already; ids must be unique", short(k), l)
			continue
		}
		first[k] = line
	}
	set := make(map[string]bool, len(first))
	for k := range first {
		set[k] = true
	}
	return set
}

// suggest names the known ids, or the closest one, so the fix is obvious.
func suggest(got string, known map[string]bool) string {
	ids := make([]string, 0, len(known))
	for k := range known {
		ids = append(ids, k)
	}
	slices.Sort(ids)
	for _, k := range ids {
		if foldName(k) != foldName(got) && skeleton(k) == skeleton(got) {
			// "Nоrth" with a Cyrillic о: the reader sees the id.
			return fmt.Sprintf(" (did you mean %q? it is written with %s)", k, lookDesc(got))
		}
		if strings.EqualFold(k, got) || strings.HasPrefix(k, got) || strings.HasPrefix(got, k) {
			return fmt.Sprintf(" (did you mean %q?)", short(k))
		}
	}
	if len(ids) == 0 {
		return ""
	}
	if len(ids) > 8 {
		ids = append(ids[:8], "…")
	}
	for i, k := range ids {
		ids[i] = short(k) // an id that failed its own check may be any length
	}
	return fmt.Sprintf(" (known: %s)", strings.Join(ids, ", "))
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.4f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
