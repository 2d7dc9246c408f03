package csvdata

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/partnersite/partnersite/internal/format"
	"github.com/partnersite/partnersite/internal/money"
	"github.com/partnersite/partnersite/internal/problem"
)

// FuzzParseNumber: no input panics; a number that parses is finite,
// formats back to text that parses to the same value, and reads as money
// either exactly or with a reason.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1234.5", "1,234.5", "£1,234", "12%", "-1234", "(1,234)", "-£1,234", "£-1,234", "−5", "12,5",
		"1e308", "NaN", "Inf", ".5", "0.1", "1" + string(make([]byte, 0)) + "000000000000000000000", "((1))", "£", "", "(-1)", "1,23"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		back, err := ParseNumber(strconv.FormatFloat(v, 'f', -1, 64))
		if err != nil || back != v {
			t.Errorf("ParseNumber(%q) = %v, which reads back as %v, %v", s, v, back, err)
		}
		d, err := Decimal(s)
		if err != nil {
			t.Fatalf("ParseNumber(%q) read it, Decimal did not: %v", s, err)
		}
		if p, err := money.ParseDecimal(d); err == nil {
			if again, err := money.ParseDecimal(p.Decimal()); err != nil || again != p {
				t.Errorf("money %q = %d pence, which reads back as %d, %v", d, p, again, err)
			}
			if math.Abs(p.Pounds()-v) > 1e-6*math.Max(1, math.Abs(v)) {
				t.Errorf("money %q = %d pence, the number %v", s, p, v)
			}
		}
	})
}

// FuzzLoadPerformance loads a performance.csv of any bytes from a real
// folder: nothing panics, and every problem names a line of the file.
func FuzzLoadPerformance(f *testing.F) {
	for _, s := range []string{
		base["performance.csv"],
		"metric,period,partner,value\nuptime,2024/25 Q1,,\"12,5%\"\n",
		"\xef\xbb\xbfmetric,period,value\r\nuptime,2010-11,99\r\n",
		"metric,period,value\n\"uptime\nx\",2024/25 Q1,1\n",
		"metric,period,value\nuptime,2024/25 Q1,1,2,3\n",
		"metric,period\n",
		"\xff\xfem\x00,\x00",
		"metric\tperiod\tvalue\n",
		"metric,period,value\ruptime,2024-06,\xa35\r",
		"Code,Indicator,Q1 2025/26,2025/26 Qtr 2,Quater 3 2025/26,Target,Notes\nUPTIME,Up,99.6,0.0,1,0,x\nnorth,N,1,2,3,4,\n",
		"code,partner,period,value\nnorth,south,2024/25 Q1,0\n",
		"",
	} {
		f.Add(s)
	}
	line := regexp.MustCompile(`^data/[a-z]+\.csv:\d+: `)
	f.Fuzz(func(t *testing.T, body string) {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range base {
			if name == "performance.csv" {
				b = body
			}
			if err := os.WriteFile(filepath.Join(dir, "data", name), []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var pl problem.List
		Load(os.DirFS(dir), goals, &pl)
		lines := len(body) + 2
		for _, p := range pl.All() {
			if !line.MatchString(p.String()) || p.Line < 1 || p.Line > lines {
				t.Errorf("problem %q does not name a line of the file", p)
			}
		}
	})
}

// FuzzPlainDecimal holds plainDecimal to what it stands in for: the
// forms it takes are plainNumber's, its value is strconv.ParseFloat's to
// the bit, and its places are format.Places'.
func FuzzPlainDecimal(f *testing.F) {
	for _, s := range []string{"99.5", "-0", "-0.0", "0.05", "10.0", "123456789012.500", "1234567890123456", "9007199254740993", "99999999999999999999", ".5", "5.", "-", "1.2.3", "--1", "007", "0.1", "-12.25", "1e5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, places, ok := plainDecimal(s)
		plain := s != "" && len(s) <= 20 && regexp.MustCompile(`^-?\d+(\.\d+)?$`).MatchString(s)
		if ok != plain {
			t.Fatalf("plainDecimal(%q) ok = %v, want %v", s, ok, plain)
		}
		if !ok {
			return
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Float64bits(v) != math.Float64bits(want) {
			t.Errorf("plainDecimal(%q) = %v (%#x), strconv.ParseFloat %v (%#x), %v", s, v, math.Float64bits(v), want, math.Float64bits(want), err)
		}
		if places != format.Places(s) {
			t.Errorf("plainDecimal(%q) places = %d, format.Places %d", s, places, format.Places(s))
		}
	})
}
