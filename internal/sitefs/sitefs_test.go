package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestLinksStayInside(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.csv")
	if err := os.WriteFile(secret, []byte("id,name\nsecret,Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	if err := os.MkdirAll(filepath.Join(site, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "data", "partners.csv"), []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"data/services.csv": secret,                                                          // out, by absolute path
		"data/metrics.csv":  filepath.Join("..", "..", filepath.Base(outside), "secret.csv"), // out, by relative path
		"data/copy.csv":     "partners.csv",                                                  // in: fine
		"content":           outside,                                                         // a whole folder, out
	} {
		if err := os.Symlink(target, filepath.Join(site, link)); err != nil {
			t.Fatal(err)
		}
	}
	fsys, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"data/services.csv", "data/metrics.csv", "content/secret.csv"} {
		b, err := fs.ReadFile(fsys, name)
		if !errors.Is(err, ErrOutside) || len(b) != 0 {
			t.Errorf("ReadFile(%s) = %q, %v; want ErrOutside", name, b, err)
		}
	}
	if _, err := fs.ReadDir(fsys, "content"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir(content) = %v; want ErrOutside", err)
	}
	if b, err := fs.ReadFile(fsys, "data/copy.csv"); err != nil || string(b) != "id\n" {
		t.Errorf("a link inside the site: %q, %v", b, err)
	}
}
