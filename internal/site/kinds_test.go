package site

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/content"
	"github.com/partnersite/partnersite/internal/model"
)

func TestLink(t *testing.T) {
	deep := &Base{Root: "../../"}
	tests := []struct {
		to   any
		want string // "" for an error
	}{
		{&model.Goal{ID: "resilience"}, "../../goals/resilience/"},
		{&model.Service{ID: "ict"}, "../../services/ict/"},
		{&model.Partner{ID: "north"}, "../../partners/north/"},
		{&model.Metric{ID: "uptime"}, "../../metrics/uptime/"},
		{&content.Page{URL: "reports/q2/"}, "../../reports/q2/"},
		{"home", "../../"},
		{"search", "../../search/"},
		{"data", "../../data/"},
		{"accessibility", "../../accessibility/"},
		{"metrics", "../../metrics/"},
		{"reports", "../../reports/"},
		{"metric", ""}, // a kind with many pages has no one page to link
		{"minutes", ""},
		{42, ""},
	}
	for _, tt := range tests {
		got, err := deep.Link(tt.to)
		if tt.want == "" {
			if err == nil {
				t.Errorf("Link(%v) = %q, want an error", tt.to, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Link(%v) = %q, %v; want %q", tt.to, got, err, tt.want)
		}
	}
}

func TestEmbedAddress(t *testing.T) {
	ict := &model.Service{ID: "ict"}
	tests := []struct {
		whole any
		want  string
	}{
		{&model.Metric{ID: "uptime"}, "embed/uptime/"},
		{&model.Savings{}, "embed/savings/"},
		{&model.Savings{Service: ict}, "embed/savings/ict/"},
		{&model.Savings{Partner: &model.Partner{ID: "north"}}, ""}, // a partner's share is not framed alone
		{nil, ""},
	}
	for _, tt := range tests {
		if got := embedAddress(tt.whole); got != tt.want {
			t.Errorf("embedAddress(%#v) = %q, want %q", tt.whole, got, tt.want)
		}
	}
}

// TestTemplatesSpellNoAddress holds the default theme to linking through
// .Link and the addresses its page data gives: an address spelt in a
// template is one the kinds table cannot reserve.
func TestTemplatesSpellNoAddress(t *testing.T) {
	spelt := regexp.MustCompile(`Rel \(print|Rel "[a-z]+/"|href="[a-z]+/`)
	theme := os.DirFS("../../themes/default")
	err := fs.WalkDir(theme, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(name, ".html") {
			return err
		}
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := spelt.FindString(line); m != "" {
				t.Errorf("themes/default/%s:%d spells an address (%s); use .Link", name, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestEveryPageIsClaimed checks that the jobs are the kinds table's: that
// every file the example renders is one the reserved-address check knows
// of, and the other way round.
func TestEveryPageIsClaimed(t *testing.T) {
	b, err := load(os.DirFS("../.."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	claimed := map[string]bool{}
	for _, k := range kinds {
		for _, e := range k.entries(b) {
			claimed[k.file(e.ID)] = true
			if k.files != nil {
				for _, x := range k.files(b, e) {
					claimed[k.url(e.ID)+x.Name] = true
				}
			}
		}
	}
	jobs := b.jobs()
	if len(jobs) != len(claimed) {
		t.Errorf("%d jobs for %d claimed files", len(jobs), len(claimed))
	}
	for _, j := range jobs {
		if !claimed[j.path] {
			t.Errorf("%s is rendered but not claimed", j.path)
		}
	}
	for _, want := range []string{"index.html", "404.html", "search/index.html", "data/index.html", "embed/savings/index.html", "embed/savings/ict/index.html", "reports/2026-27-q1/figures.csv"} {
		if !claimed[want] {
			t.Errorf("%s is not claimed", want)
		}
	}
}
