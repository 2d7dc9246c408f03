package csvdata

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// flaggedFigures lists the figures loaded from file as "LINE partner
// period value" with the figure's mark and flag symbols ("[x]", "[p]")
// after it, to compare with a hand-written list.
func flaggedFigures(d *Data, file string) []string {
	var got []string
	for _, p := range d.Performance {
		if p.File == file {
			line := fmt.Sprintf("%d %s %s %s %s%s", p.Line, p.Partner, p.Period, trimFloat(p.Value), p.Mark.Symbol(), p.Flag.Symbol())
			got = append(got, strings.Join(strings.Fields(line), " "))
		}
	}
	return got
}

// TestWideHeaders reads wide tables as government and councils
// publish them, in data/performance/uptime.csv (named for the metric, so
// with no metric column): no figure may be dropped while the build
// passes. Each case was lost before: its headers were "unknown columns",
// or the wrong row was taken for the header.
func TestWideHeaders(t *testing.T) {
	const file = "data/performance/uptime.csv"
	tests := []struct {
		name  string
		body  string
		probs []string // every problem, in order
		figs  []string
	}{
		{
			// A header's flag is each figure's of its column, "[p]" or
			// "(p)"; a cell's own flag wins, and a mark is no figure.
			name: "flagged period headers",
			body: "Partner,2022/23 Q1,2022/23 Q2 [p],2022/23 Q3 (r)\n" +
				"north,99.1,99.2,99.3\n" +
				"south,98.0,[x],97.5 [e]\n",
			figs: []string{
				"2 north 2022/23 Q1 99.1", "2 north 2022/23 Q2 99.2 [p]", "2 north 2022/23 Q3 99.3 [r]",
				"3 south 2022/23 Q1 98", "3 south 2022/23 Q2 0 [x]", "3 south 2022/23 Q3 97.5 [e]",
			},
		},
		{
			// Excel writes "Q4 2022/23" with a no-break space.
			name: "no-break spaces in period headers",
			body: "Partner,Q3\u00a02022/23,Q4\u00a02022/23 (P)\n" +
				"north,99.1,99.2\n",
			figs: []string{"2 north 2022/23 Q3 99.1", "2 north 2022/23 Q4 99.2 [p]"},
		},
		{
			// The title's two cells name a period, as a header of a
			// file named for its metric may; the wider row under it,
			// naming more, is the header.
			name: "two-cell title above a wide header",
			body: "Financial year,2021/22\n" +
				"Partner,2021/22 Q1,2021/22 Q2\n" +
				"north,99.1,99.2\n" +
				"south,98.5,\n",
			figs: []string{"3 north 2021/22 Q1 99.1", "3 north 2021/22 Q2 99.2", "4 south 2021/22 Q1 98.5"},
		},
		{
			// Councils as columns, the one period down the side: the
			// data row is not the header, and the table is refused.
			name: "one-row table with councils as columns",
			body: "Period,North Council,South Council\n" +
				"2024/25 Q1,99.6,99.1\n",
			probs: []string{
				file + `:1: warning: unknown column "North Council" is ignored; the columns are: metric, period, partner, value, target, status, note, indicator, service, unit`,
				file + `:1: warning: unknown column "South Council" is ignored; the columns are: metric, period, partner, value, target, status, note, indicator, service, unit`,
				file + `:1: missing column "value"; add it to the header row`,
				file + `:2: this row is a period and figures ("2024/25 Q1" ...), so the table has its periods down the side and its councils or figures as columns, which is not read; turn it round (in Excel, Paste Special > Transpose) so that each period heads a column and each row is one partner, with a partner column`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := load(t, map[string]*string{"performance.csv": nil, "performance/uptime.csv": s(tt.body)})
			if !slices.Equal(probs, tt.probs) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.probs, "\n"))
			}
			if got := flaggedFigures(d, file); !slices.Equal(got, tt.figs) {
				t.Errorf("figures:\n%q\nwant:\n%q", got, tt.figs)
			}
		})
	}
}

// TestNoBreakSpaceCell reads a long file's period cell written with a
// no-break space, as a spreadsheet's cell may hold it: the period is
// read, not refused.
func TestNoBreakSpaceCell(t *testing.T) {
	d, probs := load(t, map[string]*string{"performance.csv": s("metric,period,partner,value\n" +
		"uptime,2024/25\u00a0Q1,north,99.6\n" +
		"uptime,Q2\u00a02024/25,north,99.4\n")})
	if len(probs) != 0 {
		t.Errorf("problems:\n%s\nwant none", strings.Join(probs, "\n"))
	}
	want := []string{"2 north 2024/25 Q1 99.6", "3 north 2024/25 Q2 99.4"}
	if got := flaggedFigures(d, PerformanceFile); !slices.Equal(got, want) {
		t.Errorf("figures:\n%q\nwant:\n%q", got, want)
	}
}

// TestUnreadDataFiles checks that every file and folder under data/ that
// the loader does not read is named in a warning saying what to do, and
// that hidden files are left alone.
func TestUnreadDataFiles(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]*string
		want  []string
	}{
		{
			name:  "a subfolder of data/performance",
			files: map[string]*string{"performance/2023/uptime.csv": s("period,value\n2023/24 Q1,99\n")},
			want:  []string{"data/performance/2023:1: warning: folder is not read: only the .csv files directly in data/performance/ are; move its files up into data/performance/"},
		},
		{
			name:  "a folder in data",
			files: map[string]*string{"old/performance.csv": s("metric,period,value\nuptime,2023/24 Q1,99\n")},
			want:  []string{"data/old:1: warning: folder is not read: only the data files in data/ and the .csv files directly in data/performance/ are; move its files into one of them"},
		},
		{
			name:  "spreadsheets not saved as CSV",
			files: map[string]*string{"savings.XLSX": s("PK\x03\x04"), "performance/q1.ods": s("PK\x03\x04")},
			want: []string{
				`data/performance/q1.ods:1: warning: spreadsheet is not read: only .csv files are; save it from your spreadsheet as "CSV UTF-8 (Comma delimited)" beside it (one file a sheet)`,
				`data/savings.XLSX:1: warning: spreadsheet is not read: only .csv files are; save it from your spreadsheet as "CSV UTF-8 (Comma delimited)" beside it (one file a sheet)`,
			},
		},
		{
			name:  "text saved as .txt",
			files: map[string]*string{"performance/uptime.txt": s("metric,period,value\nuptime,2024/25 Q3,99\n")},
			want:  []string{`data/performance/uptime.txt:1: warning: file is not read: only .csv files are; save it from your spreadsheet as "CSV UTF-8 (Comma delimited)", or if it already is comma-separated, rename it to end in .csv`},
		},
		{
			name:  "other files, hidden ones left alone",
			files: map[string]*string{"README.md": s("# notes\n"), ".DS_Store": s("x"), "performance/.gitkeep": s("")},
			want:  []string{"data/README.md:1: warning: file is not read: only .csv files are read in data/; move it out of data/ or save it as CSV"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := load(t, tt.files)
			if !slices.Equal(probs, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(probs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
