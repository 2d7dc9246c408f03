package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/csvdata"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/problem"
)

// loadSite writes partners.csv, services.csv and savings.csv to a real
// folder and builds the model from them as a site build does.
func loadSite(t *testing.T, partners, savings string) *Partnership {
	t.Helper()
	site, d, pl := loadFiles(t, map[string]string{
		"partners.csv": partners,
		"services.csv": "id,name\nshared,Shared services\nict,ICT\n",
		"savings.csv":  savings,
	})
	for _, p := range pl.All() {
		if !p.Warning && p.Path != csvdata.MetricsFile && p.Path != csvdata.PerformanceFile {
			t.Fatalf("problem: %s", p)
		}
	}
	return New(site, d)
}

// loadFiles writes files into data/ of a real folder and loads them as a
// site build does, for the default goals.
func loadFiles(t *testing.T, files map[string]string) (*config.Site, *csvdata.Data, *problem.List) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := &config.Site{Title: "Test", Goals: config.DefaultGoals}
	var goals []string
	for _, g := range site.Goals {
		goals = append(goals, g.ID)
	}
	pl := &problem.List{}
	return site, csvdata.Load(os.DirFS(dir), goals, pl), pl
}

// The councillor's case: two councils, ">£500,000 a year" from 2019/20 and
// "£1.3m a year" by 2021/22, the later including the earlier, one-off
// costs never published, and no split between the councils.
const (
	unshared = "id,name,short_name,households,cost_share\n" +
		"a,Council A,A,\"60,000\",\n" +
		"b,Council B,B,\"40,000\",\n"
	shared = "id,name,short_name,households,cost_share\n" +
		"a,Council A,A,\"60,000\",60\n" +
		"b,Council B,B,\"40,000\",40\n"
	published = "service,period,saving,one_off_cost,note\n" +
		"shared,2019/20,\"£500,000\",,\">£500,000 a year\"\n" +
		"shared,2021/22,\"£1,300,000\",,\"£1.3m a year, including the £500,000 from 2019/20\"\n"
)

// yr is one year of a view, worked by hand. Amounts are in pounds.
type yr struct {
	period              string
	saving, oneOff, net int64
	cumNet              int64
	oneOffMissing       bool
	carriedFrom         string // "" when not carried
	carriedLine         int
	noFigure, recurring bool
	missing             string // names of the services with no figure
}

func TestSavingsAsPublished(t *testing.T) {
	tests := []struct {
		name, partners, savings, service, partner string
		years                                     []yr
		span                                      string
		perHousehold                              money.Pence // partnership-wide, or the partner's; -1 for none
	}{
		// 500,000 in 2019/20, carried to 2020/21, replaced (not added to)
		// by 1,300,000 in 2021/22: 2,300,000 to date, never 1,800,000 a
		// year. Per household across 100,000 households: £23.00.
		{"the councillor's case", unshared, published, "", "", []yr{
			{"2019/20", 500_000, 0, 500_000, 500_000, true, "", 0, false, true, ""},
			{"2020/21", 500_000, 0, 500_000, 1_000_000, true, "2019/20", 2, false, false, ""},
			{"2021/22", 1_300_000, 0, 1_300_000, 2_300_000, true, "", 0, false, true, ""},
		}, "2019/20 to 2021/22", 2300},
		// No cost shares: a partner's view splits nothing and has no per
		// household figure.
		{"no shares: nothing for a partner", unshared, published, "", "a", nil, "", -1},
		// With 60/40 shares A has 300,000 + 300,000 + 780,000 = 1,380,000,
		// over 60,000 households £23.00; B 920,000 over 40,000, £23.00.
		{"shares: A", shared, published, "", "a", []yr{
			{"2019/20", 300_000, 0, 300_000, 300_000, true, "", 0, false, true, ""},
			{"2020/21", 300_000, 0, 300_000, 600_000, true, "2019/20", 2, false, false, ""},
			{"2021/22", 780_000, 0, 780_000, 1_380_000, true, "", 0, false, true, ""},
		}, "2019/20 to 2021/22", 2300},
		{"shares: B", shared, published, "", "b", []yr{
			{"2019/20", 200_000, 0, 200_000, 200_000, true, "", 0, false, true, ""},
			{"2020/21", 200_000, 0, 200_000, 400_000, true, "2019/20", 2, false, false, ""},
			{"2021/22", 520_000, 0, 520_000, 920_000, true, "", 0, false, true, ""},
		}, "2019/20 to 2021/22", 2300},
		// Not recurring: 2020/21 has no figure, is said, and not counted:
		// 500,000 + 600,000 = 1,100,000; £11.00 a household.
		{"a gap", unshared, "service,period,saving,one_off_cost,recurring\n" +
			"shared,2019/20,\"£500,000\",0,no\n" +
			"shared,2021/22,\"£600,000\",\"£50,000\",\n", "", "", []yr{
			{"2019/20", 500_000, 0, 500_000, 500_000, false, "", 0, false, false, ""},
			{"2020/21", 0, 0, 0, 500_000, false, "", 0, true, false, "Shared services"},
			{"2021/22", 600_000, 50_000, 550_000, 1_050_000, false, "", 0, false, false, ""},
		}, "2019/20 to 2021/22 (no figure was published for 2020/21, so it is not counted)", 1050},
		// The end is the latest year any row reports (ICT's 2023/24): the
		// 1,300,000 is carried to 2022/23 and 2023/24 and no further; the
		// planned 2024/25 does not extend it. ICT has no 2022/23 figure
		// while Shared services has one: the gap names ICT.
		// 0.5 + 0.5 + (1.3 + 0.1) + 1.3 + (1.3 + 0.2) = 5.2m.
		{"carried to the latest year reported", unshared, "service,period,saving,target_saving,one_off_cost,note\n" +
			"shared,2019/20,\"£500,000\",,,\">£500,000 a year\"\n" +
			"shared,2021/22,\"£1,300,000\",,,£1.3m a year\n" +
			"ict,2021/22,\"£100,000\",,0,\n" +
			"ict,2023/24,\"£200,000\",,0,\n" +
			"ict,2024/25,,\"£300,000\",,\n", "", "", []yr{
			{"2019/20", 500_000, 0, 500_000, 500_000, true, "", 0, false, true, ""},
			{"2020/21", 500_000, 0, 500_000, 1_000_000, true, "2019/20", 2, false, false, ""},
			{"2021/22", 1_400_000, 0, 1_400_000, 2_400_000, true, "", 0, false, true, ""},
			{"2022/23", 1_300_000, 0, 1_300_000, 3_700_000, true, "2021/22", 3, false, false, "ICT"},
			{"2023/24", 1_500_000, 0, 1_500_000, 5_200_000, true, "2021/22", 3, false, false, ""},
			{"2024/25", 0, 0, 0, 5_200_000, false, "", 0, false, false, ""},
		}, "2019/20 to 2023/24 (no figure was published for ICT in 2022/23, so it is not counted)", 5200},
		// A later row that is not recurring still replaces the carried
		// figure, and ends the carrying: 500 + 500 + 200 = 1,200.
		{"a one-year row ends the carrying", unshared, "service,period,saving,one_off_cost,recurring\n" +
			"shared,2019/20,500,0,yes\n" +
			"shared,2021/22,200,0,no\n" +
			"ict,2022/23,50,0,\n", "shared", "", []yr{
			{"2019/20", 500, 0, 500, 500, false, "", 0, false, true, ""},
			{"2020/21", 500, 0, 500, 1_000, true, "2019/20", 2, false, false, ""},
			{"2021/22", 200, 0, 200, 1_200, false, "", 0, false, false, ""},
		}, "2019/20 to 2021/22", 1}, // £1,200 / 100,000 = 1.2p, 1p
		// Per-partner rows for a later year replace a partnership-wide
		// recurring row too (a year has one or the other, never both), and
		// a year they report is no gap for it: 500 + 500 + (100 + 200).
		{"per-partner rows replace a partnership-wide one", shared, "service,period,partner,saving,one_off_cost,recurring\n" +
			"shared,2019/20,,500,0,yes\n" +
			"shared,2021/22,a,100,0,no\n" +
			"shared,2021/22,b,200,0,no\n", "", "", []yr{
			{"2019/20", 500, 0, 500, 500, false, "", 0, false, true, ""},
			{"2020/21", 500, 0, 500, 1_000, true, "2019/20", 2, false, false, ""},
			{"2021/22", 300, 0, 300, 1_300, false, "", 0, false, false, ""},
		}, "2019/20 to 2021/22", 1}, // £1,300 / 100,000 = 1.3p, 1p
		// A partner-wide gap is not claimed where the other stream reports:
		// partnership-wide 2019/20 and 2021/22, per-partner 2020/21.
		{"no gap where per-partner rows report", shared, "service,period,partner,saving,one_off_cost\n" +
			"shared,2019/20,,500,0\n" +
			"shared,2020/21,a,60,0\n" +
			"shared,2020/21,b,40,0\n" +
			"shared,2021/22,,700,0\n", "", "", []yr{
			{"2019/20", 500, 0, 500, 500, false, "", 0, false, false, ""},
			{"2020/21", 100, 0, 100, 600, false, "", 0, false, false, ""},
			{"2021/22", 700, 0, 700, 1_300, false, "", 0, false, false, ""},
		}, "2019/20 to 2021/22", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := loadSite(t, tt.partners, tt.savings)
			v := p.Savings(tt.service, tt.partner)
			if len(v.Years) != len(tt.years) {
				t.Fatalf("%d years, want %d: %+v", len(v.Years), len(tt.years), v.Years)
			}
			for i, w := range tt.years {
				y := v.Years[i]
				var from string
				var line int
				if len(y.Carried) > 0 {
					from, line = y.Carried[0].From.String(), y.Carried[0].Line
				}
				var missing []string
				for _, g := range y.Missing {
					missing = append(missing, g.Name())
				}
				got := yr{y.Period.String(), int64(y.Saving) / 100, int64(y.OneOff) / 100, int64(y.Net) / 100, int64(y.CumNet) / 100,
					y.OneOffMissing, from, line, y.NoFigure, y.Recurring, strings.Join(missing, ", ")}
				if got != w || y.Saving%100 != 0 {
					t.Errorf("year %d:\n got %+v\nwant %+v", i, got, w)
				}
			}
			if got := v.Span(); got != tt.span {
				t.Errorf("span %q, want %q", got, tt.span)
			}
			l := v.Latest()
			var ph money.Pence = -1
			if l != nil && v.Partner != nil {
				if x, ok := v.PerHousehold(l.CumNet); ok {
					ph = x
				}
			} else if h, ok := p.Households(); ok && l != nil {
				ph = l.CumNet.Div(int64(h))
			}
			if ph != tt.perHousehold {
				t.Errorf("per household %d pence, want %d", ph, tt.perHousehold)
			}
		})
	}
}

// TestCarriedAttributionAddsUp: carried years are split like any other,
// so the partners' parts still add up to the partnership's to the penny.
func TestCarriedAttributionAddsUp(t *testing.T) {
	p := loadSite(t, "id,name,cost_share\na,A,33.3334\nb,B,33.3333\nc,C,33.3333\n",
		"service,period,saving,recurring\nshared,2019/20,100.01,yes\nict,2022/23,0.02,\n")
	all := p.Savings("", "")
	if len(all.Years) != 4 || all.Latest().CumSaving != 10001*4+2 {
		t.Fatalf("partnership: %+v", all.Years)
	}
	for i, y := range all.Years {
		var sum money.Pence
		for _, id := range []string{"a", "b", "c"} {
			sum += p.Savings("", id).Years[i].Saving
		}
		if sum != y.Saving {
			t.Errorf("%s: partners' parts add to %d, not %d", y.Period, sum, y.Saving)
		}
	}
	if !p.SharesGiven() {
		t.Error("shares given, SharesGiven false")
	}
	if loadSite(t, unshared, published).SharesGiven() {
		t.Error("no shares, SharesGiven true")
	}
}
