// Package starter writes the small working site that `partnersite new`
// creates: two partners, two services, six metrics over a year of quarters,
// a year of savings, four actions, three risks and one report. It builds as
// it is, so a council can start by changing real files rather than reading a
// blank page.
package starter

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed all:site all:site-cy
var files embed.FS

// Write creates the starter site in dir, which must be empty or absent, in
// the languages given: nil or [en] for English alone, [en cy] for English
// and Welsh, whose files (site-cy: the Welsh pairs of its pages, its data
// with the Welsh twin columns and its settings) go over the English ones.
func Write(dir string, languages []string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("reading %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty; choose a new folder so nothing is overwritten", dir)
	}
	layers := []string{"site"}
	switch {
	case len(languages) == 0 || slices.Equal(languages, []string{"en"}):
	case slices.Equal(languages, []string{"en", "cy"}):
		layers = append(layers, "site-cy")
	default:
		return fmt.Errorf("--languages %s: a starter site is in English (en) or in English and Welsh (en,cy)", strings.Join(languages, ","))
	}
	for _, l := range layers {
		if err := copyLayer(dir, l); err != nil {
			return err
		}
	}
	return nil
}

// copyLayer writes the embedded folder layer into dir.
func copyLayer(dir, layer string) error {
	return fs.WalkDir(files, layer, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(layer, filepath.FromSlash(p))
		target := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", target, err)
		}
		return nil
	})
}
