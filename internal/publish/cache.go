package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"
)

// The copy cache keeps the compressed copies a build makes of files up
// to brotliMax bytes, in the user's cache folder, named by a digest of the
// bytes compressed. Most are the theme's stylesheet and scripts, the same
// bytes build after build, and the dearest to compress, since brotli's
// best quality, which they get, takes 40 ms for a 16 KB stylesheet and
// brotli 6 takes 28 ms for ECharts: on a site of 440 data pages they were
// a fifth of a full build's processor time, paid again by every build into
// an empty or new folder. The small downloads, and a small site's search
// index and feed, are kept too, and a build that changed them adds their
// new copies, which go once unused for cacheAge: tens of kilobytes a
// build. Files over brotliMax, a large site's search index and downloads,
// are compressed every time and never kept.
//
// A copy is taken from the cache only when it unpacks to the very bytes it
// is a copy of, so a damaged file there costs a compression, never a wrong
// copy. Each program has a folder of its own, named by the caller from
// what identifies the program (stamp.Key), since its levels, its window
// sizes and the compressors it was built with decide a copy's bytes: a
// build's copies are the same bytes whether the cache held them or not.
// Copies unused for cacheAge are removed, and so, once empty, are the
// folders of programs no longer run.

// cacheAge is how long a copy no build has used stays in the cache.
const cacheAge = 30 * 24 * time.Hour

// CopyCache returns the folder of the user's cache that builds by the
// program identified by program keep their compressed copies in, or ""
// when program is "" or the system has no cache folder.
func CopyCache(program string) string {
	cache, err := os.UserCacheDir()
	if err != nil || program == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(program))
	return filepath.Join(cache, "partnersite", "copies", hex.EncodeToString(sum[:8]))
}

// KeepCopiesIn makes d take the compressed copies it needs from the folder
// dir when they are there, and keep there the ones it makes. It removes
// copies in dir, and in folders beside it, that no build has used for
// cacheAge. An empty dir keeps nothing.
func (d *Dir) KeepCopiesIn(dir string) {
	if dir == "" {
		return
	}
	d.cache = dir
	_ = os.MkdirAll(dir, 0o755)
	cutoff := time.Now().Add(-cacheAge)
	parent := filepath.Dir(dir)
	folders, _ := os.ReadDir(parent)
	for _, f := range folders {
		p := filepath.Join(parent, f.Name())
		es, _ := os.ReadDir(p)
		for _, e := range es {
			if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
				_ = os.Remove(filepath.Join(p, e.Name()))
			}
		}
		if p != dir {
			_ = os.Remove(p) // only when empty
		}
	}
}

// compressed returns the copy of kind c of b, from the cache when it holds
// one, made and kept there otherwise.
func (d *Dir) compressed(c copyKind, b []byte) []byte {
	if d.cache == "" || len(b) > brotliMax {
		return c.make(b)
	}
	sum := sha256.Sum256(b)
	p := filepath.Join(d.cache, hex.EncodeToString(sum[:])+c.suffix)
	if z, ok := cached(p, c, b); ok {
		return z
	}
	z := c.make(b)
	if f, err := os.CreateTemp(d.cache, ".new-*"); err == nil {
		_, err := f.Write(z)
		if err = errors.Join(err, f.Close()); err == nil {
			err = os.Rename(f.Name(), p)
		}
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}
	return z
}

// cached returns the copy kept at p, when it is a copy of kind c of b, and
// marks it used.
func cached(p string, c copyKind, b []byte) ([]byte, bool) {
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false
	}
	z := make([]byte, info.Size())
	if _, err := io.ReadFull(f, z); err != nil || !unpacksTo(c, z, b) {
		return nil, false
	}
	if time.Since(info.ModTime()) > 24*time.Hour {
		now := time.Now()
		_ = os.Chtimes(p, now, now)
	}
	return z, true
}

// unpacksTo reports whether z, a copy of kind c, unpacks to data.
func unpacksTo(c copyKind, z, data []byte) bool {
	r, err := c.unpack(bytes.NewReader(z))
	return err == nil && sameStream(r, data)
}

// sameStream reports whether r reads exactly data, and reads it without
// error.
func sameStream(r io.Reader, data []byte) bool {
	var buf [32 << 10]byte
	for rest := data; ; {
		n, err := r.Read(buf[:])
		if n > len(rest) || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
		if err == io.EOF {
			return len(rest) == 0
		}
		if err != nil {
			return false
		}
	}
}
