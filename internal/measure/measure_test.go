package measure

import (
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/words"
)

// en is the built-in English catalogue: the tests read the site's real
// words.
var en = func() *words.Lang {
	l, probs := words.Load("en", nil, "")
	if len(probs) > 0 {
		panic(probs[0].String())
	}
	return l
}()

// cy is the built-in Welsh catalogue.
var cy = func() *words.Lang {
	l, probs := words.Load("cy", nil, "")
	if len(probs) > 0 {
		panic(probs[0].String())
	}
	return l
}()

func TestWrite(t *testing.T) {
	for _, tt := range []struct {
		u    Unit
		n    string
		want string
	}{
		{Percent, "99.2", "99.2%"},
		{GBP, "1,234", "£1,234"},
		{GBP, "-1,234.50", "−£1,234.50"},
		{Days, "1", "1 day"},
		{Days, "1.0", "1.0 days"},
		{Days, "7.25", "7.25 days"},
		{Hours, "-1", "-1 hour"},
		{Minutes, "2", "2 minutes"},
		{FTE, "12.5", "12.5 FTE"},
		{Count, "1,234", "1,234"},
		{Score, "7.3", "7.3"},
	} {
		if got := tt.u.Write(en, tt.n); got != tt.want {
			t.Errorf("%s.Write(%q) = %q, want %q", tt.u, tt.n, got, tt.want)
		}
	}
}

func TestMarksAndFlags(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{NotAvailable.String() + " " + NotAvailable.Symbol(), "not available [x]"},
		{NotApplicable.String() + " " + NotApplicable.Symbol(), "not applicable [z]"},
		{Confidential.String() + " " + Confidential.Symbol(), "confidential [c]"},
		{Provisional.String() + " " + Provisional.Symbol(), "provisional [p]"},
		{Revised.String() + " " + Revised.Symbol(), "revised [r]"},
		{Estimated.String() + " " + Estimated.Symbol(), "estimated [e]"},
		{Present.Symbol() + NoFlag.Symbol(), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("%q, want %q", tt.got, tt.want)
		}
	}
	// The English word a mark or flag writes without a language is the
	// English catalogue's.
	for _, m := range []Mark{NotAvailable, NotApplicable, Confidential} {
		if m.String() != m.Word(en) {
			t.Errorf("%s's English word is %q, the catalogue's %q", m.Key(), m.String(), m.Word(en))
		}
	}
	for _, f := range []Flag{Provisional, Revised, Estimated} {
		if f.String() != f.Word(en) {
			t.Errorf("%s's English word is %q, the catalogue's %q", f.Key(), f.String(), f.Word(en))
		}
	}
}

// TestUnitFormats works every unit's figure forms by hand: tables
// (Format, exact places), sentences (Trim), rules (Value), prose read
// aloud (Prose) and margins (Margin).
func TestUnitFormats(t *testing.T) {
	for _, tt := range []struct {
		u            Unit
		v            float64
		places       int
		format, trim string
		value, prose string
		margin       string // Margin(v, places)
	}{
		{Percent, 47.5, 1, "47.5%", "47.5%", "47.5%", "47.5%", "47.5 points"},
		{Percent, 97, 2, "97.00%", "97%", "97.0%", "97.0%", "97 points"},
		{Percent, 0.5, 2, "0.50%", "0.5%", "0.5%", "0.5%", "0.5 points"},
		{Percent, 1.004, 2, "1.00%", "1%", "1.0%", "1.0%", "1 point"},
		{GBP, 1234, 0, "£1,234", "£1,234", "£1,234", "£1,234", "£1,234"},
		{GBP, -1234.5, 2, "−£1,234.50", "−£1,234.5", "−£1,235", "−£1,235", "−£1,234.50"},
		{GBP, 1234567, 0, "£1,234,567", "£1,234,567", "£1,234,567", "£1.2m", "£1,234,567"},
		{Days, 4.25, 2, "4.25 days", "4.25 days", "4.3 days", "4.3 days", "4.25 days"},
		{Days, 1, 0, "1 day", "1 day", "1 day", "1 day", "1 day"},
		{Days, 1, 1, "1.0 days", "1 day", "1 day", "1 day", "1 day"},
		{Days, 1.04, 1, "1.0 days", "1 day", "1 day", "1 day", "1 day"},
		{Days, 18, 1, "18.0 days", "18 days", "18 days", "18 days", "18 days"},
		{Hours, -1, 0, "-1 hour", "-1 hour", "-1 hour", "-1 hour", "-1 hour"},
		{Minutes, 4.25, 1, "4.3 minutes", "4.3 minutes", "4.3 minutes", "4.3 minutes", "4.3 minutes"},
		{FTE, 12.5, 1, "12.5 FTE", "12.5 FTE", "12.5 FTE", "12.5 FTE", "12.5 FTE"},
		{FTE, 1, 0, "1 FTE", "1 FTE", "1 FTE", "1 FTE", "1 FTE"},
		{Count, 1234, 0, "1,234", "1,234", "1,234", "1,234", "1,234"},
		{Count, 2.5, 1, "2.5", "2.5", "2.5", "2.5", "2.5"},
		{Score, 7.25, 2, "7.25", "7.25", "7.3", "7.3", "7.25 points"},
		{Score, 1, 0, "1", "1", "1", "1", "1 point"},
	} {
		if got := tt.u.Format(en, tt.v, tt.places); got != tt.format {
			t.Errorf("%s.Format(%v, %d) = %q, want %q", tt.u, tt.v, tt.places, got, tt.format)
		}
		if got := tt.u.Trim(en, tt.v, tt.places); got != tt.trim {
			t.Errorf("%s.Trim(%v, %d) = %q, want %q", tt.u, tt.v, tt.places, got, tt.trim)
		}
		if got := tt.u.Value(en, tt.v); got != tt.value {
			t.Errorf("%s.Value(%v) = %q, want %q", tt.u, tt.v, got, tt.value)
		}
		if got := tt.u.Prose(en, tt.v); got != tt.prose {
			t.Errorf("%s.Prose(%v) = %q, want %q", tt.u, tt.v, got, tt.prose)
		}
		if got := tt.u.Margin(en, tt.v, tt.places); got != tt.margin {
			t.Errorf("%s.Margin(%v, %d) = %q, want %q", tt.u, tt.v, tt.places, got, tt.margin)
		}
	}
}

// TestUnitParts checks the parts the browser is given to write a unit as
// Write does, for every unit.
func TestUnitParts(t *testing.T) {
	for _, tt := range []struct {
		u                           Unit
		label, prefix, suffix       string
		forms, formsCy              string // the charts' plural forms
		places, vmin, vmax, mplaces int
	}{
		{Percent, "Percentage", "", "%", "", "", 1, 1, 1, 2},
		{GBP, "Pounds", "£", "", "", "", 0, 0, 0, 0},
		{Count, "Number", "", "", "", "", 1, 0, 1, 2},
		{Days, "Days", "", "", `{"other":"{n} days","one":"{n} day"}`, `{"other":"{n} diwrnod","two":"{n} ddiwrnod"}`, 1, 0, 1, 1},
		{Hours, "Hours", "", "", `{"other":"{n} hours","one":"{n} hour"}`, `{"other":"{n} awr"}`, 1, 0, 1, 1},
		{Minutes, "Minutes", "", "", `{"other":"{n} minutes","one":"{n} minute"}`, `{"other":"{n} munud","two":"{n} funud"}`, 1, 0, 1, 1},
		{FTE, "Full-time equivalent staff", "", " FTE", `{"other":"{n} FTE"}`, `{"other":"{n} CALl"}`, 1, 0, 1, 1},
		{Score, "Score", "", "", "", "", 1, 0, 1, 2},
	} {
		got := []any{tt.u.Label(en), tt.u.Prefix(), tt.u.Suffix(), tt.u.Forms(en), tt.u.Forms(cy), tt.u.Places(), tt.u.ValueMin(), tt.u.ValueMax(), tt.u.MarginPlaces()}
		want := []any{tt.label, tt.prefix, tt.suffix, tt.forms, tt.formsCy, tt.places, tt.vmin, tt.vmax, tt.mplaces}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: part %d = %v, want %v", tt.u, i, got[i], want[i])
			}
		}
	}
	if len(units) != len(Units) {
		t.Errorf("%d units have a table entry, %d are listed", len(units), len(Units))
	}
}

func TestDirection(t *testing.T) {
	for _, tt := range []struct {
		d            Direction
		rated        bool
		better       [3]int // Better(2,1), Better(1,2), Better(1,1)
		shortfall    float64
		phrase, word string
	}{
		{Higher, true, [3]int{1, -1, 0}, 0.5, "Higher is better", "Higher"},
		{Lower, true, [3]int{-1, 1, 0}, -0.5, "Lower is better", "Lower"},
		{Neither, false, [3]int{0, 0, 0}, 0, "Not rated: a measure of context", ""},
	} {
		if got := tt.d.Rated(); got != tt.rated {
			t.Errorf("%s.Rated() = %v", tt.d, got)
		}
		if got := [3]int{tt.d.Better(2, 1), tt.d.Better(1, 2), tt.d.Better(1, 1)}; got != tt.better {
			t.Errorf("%s.Better = %v, want %v", tt.d, got, tt.better)
		}
		// 99 against a target of 99.5.
		if got := tt.d.Shortfall(99, 99.5); got != tt.shortfall {
			t.Errorf("%s.Shortfall(99, 99.5) = %v, want %v", tt.d, got, tt.shortfall)
		}
		if got := tt.d.PhraseIn(en); got != tt.phrase {
			t.Errorf("%s.PhraseIn(en) = %q", tt.d, got)
		}
		if got := tt.d.WordIn(en); got != tt.word {
			t.Errorf("%s.WordIn(en) = %q", tt.d, got)
		}
	}
}

func TestParseDirection(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Direction
		err  string
	}{
		{"higher", Higher, ""},
		{" Lower ", Lower, ""},
		{"NEITHER", Neither, ""},
		{"up", "", `direction "up" must be "higher" or "lower" (which way is better), or "neither" for a measure of context`},
		{"", "", `direction "" must be "higher" or "lower" (which way is better), or "neither" for a measure of context`},
	} {
		got, err := ParseDirection(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("ParseDirection(%q) = %q, %q; want %q, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestProseInAndMean(t *testing.T) {
	for _, tt := range []struct {
		u           Unit
		v           float64
		places      int
		prose, mean string
	}{
		{Percent, 99, 1, "99.0%", "99%"},
		{Percent, 99.25, 1, "99.3%", "99.25%"},
		{Days, 17.5, 0, "18 days", "17.5 days"},
		{Days, 19, 1, "19.0 days", "19 days"}, // as its table writes it
		{Days, 18.6, 2, "18.60 days", "18.6 days"},
		{Days, 17.25, 2, "17.25 days", "17.25 days"},
		{GBP, 1234, 0, "£1,234", "£1,234"},
		{GBP, 12.5, 2, "£12.50", "£12.50"}, // pence in full
		{GBP, 1234567, 2, "£1,234,567.00", "£1,234,567.00"},
		{Count, 3, 0, "3", "3"},
	} {
		if got := tt.u.ProseIn(en, tt.v, tt.places); got != tt.prose {
			t.Errorf("%s.ProseIn(%v, %d) = %q, want %q", tt.u, tt.v, tt.places, got, tt.prose)
		}
		if got := tt.u.Mean(en, tt.v, tt.places); got != tt.mean {
			t.Errorf("%s.Mean(%v, %d) = %q, want %q", tt.u, tt.v, tt.places, got, tt.mean)
		}
	}
}

// TestEveryWordInBothCatalogues finds the catalogue entry of every
// rating and action status in English and Welsh. Their keys are made
// from their English names, so a renamed value would otherwise lose its
// word without a sign: the catalogue writes a missing key as "[key]".
func TestEveryWordInBothCatalogues(t *testing.T) {
	for _, l := range []*words.Lang{en, cy} {
		for r := Green; r <= Unrated; r++ {
			if w := r.Word(l); w == "" || strings.HasPrefix(w, "[") {
				t.Errorf("%s: rating %s is written %q", l.Code, r, w)
			}
		}
		for s := NotStarted; s <= Cancelled; s++ {
			if w := s.Word(l); w == "" || strings.HasPrefix(w, "[") {
				t.Errorf("%s: action status %s is written %q", l.Code, s, w)
			}
		}
	}
}
