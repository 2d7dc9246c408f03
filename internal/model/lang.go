package model

import (
	"sync"

	"github.com/partnersite/partnersite/internal/words"
)

// english is the built-in English catalogue, loaded once, for New and
// for a Metric or Partnership made without NewIn (a test's literal),
// whose words then read as New's. A site's builder passes its own
// language to NewIn, a theme's overrides and all.
var english = sync.OnceValue(func() *words.Lang {
	l, _ := words.Load("en", nil, "")
	return l
})

// orEnglish is l, or English where l is nil.
func orEnglish(l *words.Lang) *words.Lang {
	if l == nil {
		return english()
	}
	return l
}

// Lang is the language the partnership's words are written in: the one
// NewIn was given.
func (p *Partnership) Lang() *words.Lang { return orEnglish(p.lang) }

// Lang is the language the metric's words are written in, its figures'
// units and its ratings' rules: the one NewIn was given. A chart or page
// of the metric writes its own words about it in the same language.
func (m *Metric) Lang() *words.Lang { return orEnglish(m.lang) }

// Lang is the language the view's words are written in, its years'
// ratings' rules among them: the one NewIn was given.
func (s *Savings) Lang() *words.Lang { return orEnglish(s.lang) }
