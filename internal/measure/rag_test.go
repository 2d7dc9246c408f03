package measure

import "testing"

func TestParseRAG(t *testing.T) {
	for _, c := range []struct {
		in   string
		want RAG
		bad  bool
	}{
		{"Green", Green, false}, {" green ", Green, false}, {"G", Green, false}, {"On target", Green, false}, {"on track", Green, false},
		{"AMBER", Amber, false}, {"a", Amber, false}, {"At risk", Amber, false},
		{"Red", Red, false}, {"R", Red, false}, {"Off track", Red, false},
		// A footnote mark after the rating is the report's, not the rating's.
		{"Red*", Red, false}, {"Green (1)", Green, false}, {"Amber [a]", Amber, false},
		// Five bands: the two between Green and Red are At risk.
		{"Amber/Green", Amber, false}, {"Green / Amber", Amber, false}, {"Amber-Red", Amber, false},
		{"Data only", DataOnly, false}, {"data  only", DataOnly, false},
		{"Not set", NotSet, false}, {"No target", NotSet, false},
		// The council gave no rating.
		{"", NoRAG, false}, {"n/a", Unrated, false}, {"N/A", Unrated, false}, {"Not due", Unrated, false}, {"TBC", Unrated, false},
		{"Blue", NoRAG, true}, {"lg", NoRAG, true},
	} {
		got, err := ParseRAG(c.in)
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("ParseRAG(%q) = %v, %v; want %v, error %v", c.in, got, err, c.want, c.bad)
		}
	}
}
