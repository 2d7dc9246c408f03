package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/partnersite/partnersite/internal/content"
)

// figuresFile is a report's figures file, made once a build: the page's
// edition mark hashes the very bytes the figures.csv job writes, and a
// second making could only cost time or, worse, differ.
type figuresFile struct {
	once sync.Once
	t    *table
	csv  []byte
	err  error
}

// figuresOf is report pg's figures file, made the first time the page or
// one of its files asks for it.
func (b *builder) figuresOf(pg *content.Page) *figuresFile {
	v, _ := b.figures.LoadOrStore(pg, new(figuresFile))
	f := v.(*figuresFile)
	f.once.Do(func() {
		f.t = b.figuresTable(pg)
		if f.csv, f.err = f.t.bytes(); f.err != nil {
			f.err = fmt.Errorf("the figures of %s: %w", pg.Path, f.err)
		}
	})
	return f
}

// edition is report pg's edition mark. Whether the report has a figures
// file is reportKind.files's to say, as it says which files are written:
// a report of prose alone has none, and its mark says so rather than
// hash nothing.
func (b *builder) edition(pg *content.Page) *Edition {
	e := &Edition{Approved: pg.Approved}
	for _, x := range reportKind.files(b, entry{Of: pg}) {
		if x.Name != figuresName {
			continue
		}
		// A figures file that cannot be made fails its own job, and so
		// the build; the mark is left without a hash meanwhile.
		if f := b.figuresOf(pg); f.err == nil {
			sum := sha256.Sum256(f.csv)
			e.Figures = hex.EncodeToString(sum[:4])
		}
	}
	return e
}

// figuresName is the file beside a report that its edition mark hashes.
const figuresName = "figures.csv"

// partnerNames names the partners in one phrase, in the builder's
// language: "North Council and South Council", or "A, B and C".
func (b *builder) partnerNames() string {
	names := make([]string, len(b.p.Partners))
	for i, pt := range b.p.Partners {
		names[i] = pt.Name
	}
	return b.lang.List(names)
}
