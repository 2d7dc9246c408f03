package csvdata

import (
	"slices"

	"github.com/partnersite/partnersite/internal/problem"
)

// Welsh returns the data as the Welsh tree of a site in English and Welsh
// reads it: every text with a Welsh twin (name_cy beside name) in its
// place. A name, title or description without its twin is an error at its
// row, so that no Welsh page shows an English name; a note, source, owner,
// evidence or mitigation without one is kept as written, in English, as
// the contract allows. d itself is unchanged: the English tree reads it.
func (d *Data) Welsh(pl *problem.List) *Data {
	w := *d
	need := func(file string, line int, col, text string, cy Texts) string {
		if text == "" {
			return ""
		}
		if v, ok := cy[col]; ok {
			return v
		}
		pl.Errorf(file, line, "%s %q has no Welsh twin; the site is in English and Welsh, so give it in a %s%s column", col, short(text), col, TwinSuffix)
		return text
	}
	w.English = map[string]bool{}
	keep := func(col, text string, cy Texts) string {
		if v, ok := cy[col]; ok {
			return v
		}
		if text != "" {
			w.English[text] = true
		}
		return text
	}
	w.Partners = make([]Partner, len(d.Partners))
	for i, p := range d.Partners {
		name := need(PartnersFile, p.Line, "name", p.Name, p.Cy)
		if p.ShortName != p.Name {
			p.ShortName = need(PartnersFile, p.Line, "short_name", p.ShortName, p.Cy)
		} else if v, ok := p.Cy["short_name"]; ok {
			p.ShortName = v
		} else {
			p.ShortName = name
		}
		p.Name = name
		w.Partners[i] = p
	}
	w.Services = make([]Service, len(d.Services))
	for i, s := range d.Services {
		s.Name = need(ServicesFile, s.Line, "name", s.Name, s.Cy)
		s.Description = need(ServicesFile, s.Line, "description", s.Description, s.Cy)
		w.Services[i] = s
	}
	w.Metrics = make([]Metric, len(d.Metrics))
	for i, m := range d.Metrics {
		m.Name = need(MetricsFile, m.Line, "name", m.Name, m.Cy)
		m.Description = need(MetricsFile, m.Line, "description", m.Description, m.Cy)
		m.Source = keep("source", m.Source, m.Cy)
		w.Metrics[i] = m
	}
	w.Benchmarks = make([]Benchmark, len(d.Benchmarks))
	for i, b := range d.Benchmarks {
		b.Name = need(BenchmarksFile, b.Line, "benchmark", b.Name, b.Cy)
		b.Source = keep("source", b.Source, b.Cy)
		w.Benchmarks[i] = b
	}
	w.Savings = make([]Saving, len(d.Savings))
	for i, s := range d.Savings {
		s.Note = keep("note", s.Note, s.Cy)
		w.Savings[i] = s
	}
	w.Actions = make([]Action, len(d.Actions))
	for i, a := range d.Actions {
		a.Title = need(ActionsFile, a.Line, "title", a.Title, a.Cy)
		a.Owner = keep("owner", a.Owner, a.Cy)
		a.Evidence = keep("evidence", a.Evidence, a.Cy)
		a.Note = keep("note", a.Note, a.Cy)
		w.Actions[i] = a
	}
	w.Risks = make([]Risk, len(d.Risks))
	for i, r := range d.Risks {
		r.Title = need(RisksFile, r.Line, "title", r.Title, r.Cy)
		r.Owner = keep("owner", r.Owner, r.Cy)
		r.Mitigation = keep("mitigation", r.Mitigation, r.Cy)
		r.Note = keep("note", r.Note, r.Cy)
		w.Risks[i] = r
	}
	// Performance rows are many: copied only when a note has a twin.
	copied := false
	for i := range d.Performance {
		if d.Performance[i].NoteCy == "" {
			if n := d.Performance[i].Note; n != "" {
				w.English[n] = true
			}
			continue
		}
		if !copied {
			w.Performance, copied = slices.Clone(d.Performance), true
		}
		w.Performance[i].Note = d.Performance[i].NoteCy
	}
	return &w
}
