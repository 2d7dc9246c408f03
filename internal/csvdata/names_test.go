package csvdata

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The fixed wording of the messages these tests expect, so that each case
// shows only what differs.
const (
	twoPartners = "; give each partner its own id, name, short name and code, or one council's figures go to the other"
	strip       = ", which can hide a difference between names or reverse a figure on the page; it is removed: "
	benchLike   = "; a chart and a table would show two series of that name: name the benchmark for what it is, e.g. \"England median\""
	notApart    = "; readers could not tell the two apart, so write it in Latin letters or name the partners differently"
)

// TestNames holds the cases of issue 18 in which figures went to the wrong
// council, or a page showed names or figures no reader could trust.
func TestNames(t *testing.T) {
	perf := "metric,period,partner,value\n"
	bench := "metric,period,benchmark,value\n"
	partners := "id,name,short_name,code,cost_share\n"
	tests := []struct {
		name  string
		files map[string]*string
		want  []string          // every problem, exactly
		check func(*Data) error // what the data holds afterwards
	}{
		{"two partners with one short name",
			map[string]*string{
				"partners.csv":    s(partners + "north,North Herts Council,Herts,,60\nsouth,South Herts Council,Herts,,40\n"),
				"performance.csv": s(perf + "uptime,2024/25 Q1,north,99.6\nuptime,2024/25 Q1,south,99.1\n"),
			},
			[]string{`data/partners.csv:3: short name "Herts" could mean two partners: it is also the short name of partner "north" on line 2` + twoPartners},
			nil},
		{"a short name that is another partner's GSS code",
			map[string]*string{
				"partners.csv":    s(partners + "north,North Council,E07000099,E07000243,60\nsouth,South Council,South,E07000099,40\n"),
				"performance.csv": s(perf + "uptime,2024/25 Q1,E07000099,99.6\n"),
			},
			[]string{`data/partners.csv:3: code "E07000099" could mean two partners: it is also the short name of partner "north" on line 2` + twoPartners},
			// Until it is put right, a code means the partner it is the
			// code of, as a published table means it.
			func(d *Data) error { return partnerOf(d, 0, "south") }},
		{"a short name that is another partner's id",
			map[string]*string{
				"partners.csv":    s(partners + "south,South Council,,,40\nnorth,North Council,south,,60\n"),
				"performance.csv": s(perf + "uptime,2024/25 Q1,south,99.6\n"),
			},
			[]string{`data/partners.csv:3: short name "south" could mean two partners: it is also the id of partner "south" on line 2` + twoPartners},
			// Before, north's short name, read last, took south's id.
			func(d *Data) error { return partnerOf(d, 0, "south") }},
		{"a name that is another's name but for a zero-width space",
			map[string]*string{"partners.csv": s(partners + "north,North Council,,,60\nsouth,North\u200b Council,,,40\n")},
			[]string{
				`data/partners.csv:3: warning: column name has an invisible character, a zero-width space (U+200B)` + strip + `"North Council". Delete it in the spreadsheet`,
				`data/partners.csv:3: name "North Council" could mean two partners: it is also the name of partner "north" on line 2` + twoPartners,
			},
			nil},
		{"names that differ by a Cyrillic letter are warned of at the line that has it",
			map[string]*string{"partners.csv": s(partners + "north,North Council,North,,50\nsouth,S\u043euth Council,,,25\nsouth-2,South Council,,,25\n")},
			[]string{`data/partners.csv:3: warning: name "Sоuth Council" looks the same as the name "South Council" of partner "south-2" on line 4 but is written with a Cyrillic о (U+043E) in place of the Latin o` + notApart},
			nil},
		{"a Greek capital in a short name, on the later line",
			map[string]*string{"partners.csv": s(partners + "north,North Council,North,,50\nsouth,South Council,\u039dorth,,50\n")},
			[]string{`data/partners.csv:3: warning: short name "Νorth" looks the same as the short name "North" of partner "north" on line 2 but is written with a Greek Ν (U+039D) in place of the Latin N` + notApart},
			nil},
		{"different partners, names alike only in part, are fine",
			map[string]*string{"partners.csv": s(partners + "north,North Herts Council,North Herts,E07000099,50\nnorth-east,North East Herts Council,North East Herts,E07000243,50\n")},
			nil, nil},
		{"a benchmark named like a partner, once however many rows",
			map[string]*string{"benchmarks.csv": s(bench + "uptime,2024/25 Q1,North,99\nuptime,2024/25 Q2,north,99\nuptime,2024/25 Q1,S\u043euth Council,98\nuptime,2024/25 Q1,England median,98\n")},
			[]string{
				`data/benchmarks.csv:2: benchmark "North" is named like partner "north" (its short name "North", data/partners.csv line 2)` + benchLike,
				`data/benchmarks.csv:4: benchmark "Sоuth Council" is named like partner "south" (its name "South Council", data/partners.csv line 3)` + benchLike,
			},
			nil},
		{"benchmarks alike but for invisible and look-alike characters are one series",
			map[string]*string{"benchmarks.csv": s(bench + "uptime,2024/25 Q1,England median,99\nuptime,2024/25 Q2,England\u200b median,99\nuptime,2024/25 Q3,\u0415ngland median,98\n")},
			[]string{
				`data/benchmarks.csv:3: warning: column benchmark has an invisible character, a zero-width space (U+200B)` + strip + `"England median". Delete it in the spreadsheet`,
				`data/benchmarks.csv:4: warning: benchmark "Еngland median" looks the same as "England median" on line 2 but is written with a Cyrillic Е (U+0415) in place of the Latin E; it is shown as "England median", one series with it: write it in Latin letters`,
			},
			func(d *Data) error {
				var names []string
				for _, b := range d.Benchmarks {
					names = append(names, b.Name)
				}
				if want := []string{"England median", "England median", "England median"}; !slices.Equal(names, want) {
					return fmt.Errorf("benchmark names %q, want %q", names, want)
				}
				return nil
			}},
		{"a look-alike benchmark in the same period is a duplicate",
			map[string]*string{"benchmarks.csv": s(bench + "uptime,2024/25 Q1,England median,99\nuptime,2024/25 Q1,\u0415ngland median,98\n")},
			[]string{
				`data/benchmarks.csv:3: warning: benchmark "Еngland median" looks the same as "England median" on line 2 but is written with a Cyrillic Е (U+0415) in place of the Latin E; it is shown as "England median", one series with it: write it in Latin letters`,
				`data/benchmarks.csv:3: duplicate row: metric "uptime", period 2024/25 Q1, benchmark "Еngland median" is also on line 2; keep one`,
			},
			nil},
		{"a right-to-left override in a partner's name is removed",
			map[string]*string{"partners.csv": s(partners + "north,\u202eNorth Council,,,60\nsouth,South Council,,,40\n")},
			[]string{`data/partners.csv:2: warning: column name has an invisible character, a right-to-left override (U+202E)` + strip + `"North Council". Delete it in the spreadsheet`},
			func(d *Data) error {
				if p := d.Partners[0]; p.Name != "North Council" || p.ShortName != "North Council" {
					return fmt.Errorf("name %q, short name %q, want both \"North Council\"", p.Name, p.ShortName)
				}
				return nil
			}},
		{"isolates in a figure's cell, on the second line of a row",
			map[string]*string{"performance.csv": s("metric,note,period,partner,value\nuptime,\"one\ntwo\",2024/25 Q1,,\u206899.6\u2069\n")},
			[]string{`data/performance.csv:3: warning: column value has an invisible character, a first strong isolate (U+2068)` + strip + `"99.6". Delete it in the spreadsheet`},
			func(d *Data) error {
				if len(d.Performance) != 1 || d.Performance[0].Value != 99.6 {
					return fmt.Errorf("performance %+v, want one figure 99.6", d.Performance)
				}
				return nil
			}},
		{"a header cell with a byte order mark inside it",
			map[string]*string{"performance.csv": s("metric,\ufeffperiod,partner,value\nuptime,2024/25 Q1,,99.6\n")},
			[]string{`data/performance.csv:1: warning: header cell 2 has an invisible character, a zero-width no-break space (byte order mark) (U+FEFF)` + strip + `"period". Delete it in the spreadsheet`},
			func(d *Data) error {
				if len(d.Performance) != 1 {
					return fmt.Errorf("performance %+v, want one figure", d.Performance)
				}
				return nil
			}},
		{"a partner named with a zero-width space in a performance file is that partner",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,North\u200b,99.6\n")},
			[]string{`data/performance.csv:2: warning: column partner has an invisible character, a zero-width space (U+200B)` + strip + `"North". Delete it in the spreadsheet`},
			func(d *Data) error { return partnerOf(d, 0, "north") }},
		{"a partner written with a Cyrillic letter is not that partner, and is told why",
			map[string]*string{"performance.csv": s(perf + "uptime,2024/25 Q1,N\u043erth,99.6\n")},
			[]string{`data/performance.csv:2: partner "Nоrth" is not a partner in data/partners.csv (did you mean "north"? it is written with a Cyrillic о (U+043E) in place of the Latin o)`},
			nil},
		{"a cell under an empty header is named by its place",
			map[string]*string{"performance.csv": s("metric,period,partner,value,\nuptime,2024/25 Q1,,99.6,x\u200by\n")},
			[]string{
				`data/performance.csv:2: warning: cell 5 has an invisible character, a zero-width space (U+200B)` + strip + `"xy". Delete it in the spreadsheet`,
			},
			nil},
		{"a title row above the header is cleaned without a word",
			map[string]*string{"performance.csv": s("Uptime\u200b 2024\nmetric,period,partner,value\nuptime,2024/25 Q1,,99.6\n")},
			nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, got := load(t, tt.files)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.check != nil {
				if err := tt.check(d); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// partnerOf checks the partner the i'th figure was given to.
func partnerOf(d *Data, i int, want string) error {
	if i >= len(d.Performance) {
		return fmt.Errorf("%d figures, want at least %d", len(d.Performance), i+1)
	}
	if got := d.Performance[i].Partner; got != want {
		return fmt.Errorf("figure %d is %q's, want %q's", i, got, want)
	}
	return nil
}

// TestInvisibleWarningsAreCapped: a file exported with invisible
// characters in every row is told of the first ten cells one by one, then
// once of the rest.
func TestInvisibleWarningsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("metric,period,partner,value,note\n")
	months := []string{"2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03"}
	for _, m := range months {
		fmt.Fprintf(&b, "uptime,%s,,99,checked\u200b\n", m)
	}
	_, got := load(t, map[string]*string{"performance.csv": s(b.String())})
	var want []string
	for line := 2; line <= 11; line++ {
		want = append(want, fmt.Sprintf(`data/performance.csv:%d: warning: column note has an invisible character, a zero-width space (U+200B)`+strip+`"checked". Delete it in the spreadsheet`, line))
	}
	want = append(want, "data/performance.csv:12: warning: 2 more cells from this line on have invisible characters (bidi controls, zero-width spaces), removed as above; delete them in the spreadsheet")
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSkeleton: what names count as looking the same.
func TestSkeleton(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"North", "north", true},
		{"North  Council", "North Council", true},
		{"N\u043erth", "North", true},                             // Cyrillic о
		{"\u0410\u0412\u0421", "ABC", true},                       // Cyrillic capitals
		{"\uff2eorth", "North", true},                             // fullwidth N
		{"Stevenage", "Stevenag\u0435", true},                     // Cyrillic е
		{"North", "Nort", false},                                  // a letter short is another name
		{"\u041c\u043e\u0441\u043a\u0432\u0430", "Mockba", false}, // Cyrillic к is not a Latin look-alike
	}
	for _, tt := range tests {
		if got := skeleton(tt.a) == skeleton(tt.b); got != tt.same {
			t.Errorf("skeleton(%q) == skeleton(%q) is %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
