package csvdata

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the column tables of docs/data.md from the declarations")

// docTable is the table of a file's columns as docs/data.md shows it,
// made from the declarations, so the docs cannot drift from the reader.
func docTable(cols []column) string {
	var b strings.Builder
	b.WriteString("| column | required | meaning |\n|---|---|---|\n")
	for _, c := range cols {
		req := "no"
		if c.required {
			req = "yes"
		}
		doc := c.doc
		if len(c.aliases) > 0 {
			doc += "; the header may also be `" + strings.Join(c.aliases, "`, `") + "`"
		}
		b.WriteString("| " + c.name + " | " + req + " | " + doc + " |\n")
	}
	return b.String()
}

// TestDocsListEveryColumn holds docs/data.md to the declarations: each
// file's section has the table docTable makes. Run with -update to rewrite
// the tables, and review the diff.
func TestDocsListEveryColumn(t *testing.T) {
	const path = "../../docs/data.md"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	for _, f := range []struct {
		name string
		cols []column
	}{
		{"partners.csv", partnerFields.columns()},
		{"services.csv", serviceFields.columns()},
		{"metrics.csv", metricFields.columns()},
		{"performance.csv", performanceFields.columns()},
		{"savings.csv", savingFields.columns()},
		{"benchmarks.csv", benchmarkFields.columns()},
		{"targets.csv", targetFields.columns()},
		{"actions.csv", actionFields.columns()},
		{"risks.csv", riskFields.columns()},
	} {
		re := regexp.MustCompile(`(?s)(## ` + regexp.QuoteMeta(f.name) + `\n(?:[^|#][^\n]*\n|\n)*)(\| column \| required \| meaning \|\n(?:\|[^\n]*\n)*)`)
		m := re.FindStringSubmatchIndex(doc)
		if m == nil {
			t.Errorf("docs/data.md has no column table under ## %s", f.name)
			continue
		}
		want := docTable(f.cols)
		if got := doc[m[4]:m[5]]; got != want {
			if *update {
				doc = doc[:m[4]] + want + doc[m[5]:]
				continue
			}
			t.Errorf("docs/data.md's table for %s differs from the declarations; run go test ./internal/csvdata -run TestDocs -update\ngot:\n%s\nwant:\n%s", f.name, got, want)
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
