package site

import (
	"io/fs"

	"github.com/partnersite/partnersite/internal/config"
	"github.com/partnersite/partnersite/internal/words"
)

// modelWords is the catalogue the model writes its words in (model.NewIn):
// the site's language with its theme's overrides, as the theme's pages
// get. The data loads before the theme, so the model loads the words
// itself; a catalogue the theme cannot give falls back to English, as
// the pages' does, and its problems are the theme's to report.
//
// A change to the theme's words alone reloads the theme, not the data,
// so the model keeps the words it was made with until the data or the
// settings change; when the builder loads its words before the data,
// this gives way to b.lang.
func modelWords(src fs.FS, cfg *config.Site) *words.Lang {
	code := cfg.WordsCode()
	l, _ := words.Load(code, src, "themes/"+cfg.Theme+"/words/"+code+".txt")
	if l == nil {
		l, _ = words.Load("en", nil, "")
	}
	return l
}
