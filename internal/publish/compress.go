package publish

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"os"
	"path"

	"github.com/andybalholm/brotli"
)

// Compressed copies are made where files are published, and only there:
// Dir.Write makes them beside each file they suit, so that a server set up
// as nginx's gzip_static and brotli_static are sends them as they are, and
// check and the preview server, which publish nothing, never spend the
// time. A copy is remade only when its file's bytes change; an unchanged
// file keeps the copies the last build made of the same bytes.

// minCompressed is the size, in bytes, below which a file gets no copies:
// it fits in one packet either way, and the copies would be more files to
// no purpose.
const minCompressed = 1024

// compressedTypes are the kinds of file that get gzip and brotli copies:
// text, which compresses. HTML pages are left out, although they are text,
// because of what copies of them would cost and give. Measured on a
// 10,000-page site (128 MB of HTML, about 12 KB a page), the fastest levels
// that make copies at all, gzip 1 and brotli 1, take 0.25 ms of CPU a page,
// a quarter more than a full build spends on everything else, and brotli 1
// is no smaller than gzip 9 (17.5% of the page against 14.8%); levels worth
// having (gzip 6, brotli 5) take 0.7 ms a page, two thirds more again.
// Every web server that compresses at all compresses HTML as it sends it
// (nginx's gzip covers text/html and nothing else unless told), so the
// copies that pay are those of the other types, which a stock server sends
// whole: the search index, the data downloads, the feed, the sitemap and
// the theme's scripts and stylesheet.
var compressedTypes = map[string]bool{
	".css": true, ".js": true, ".json": true, ".xml": true,
	".csv": true, ".svg": true, ".txt": true,
}

// compressible reports whether the file name of size bytes gets
// compressed copies, "NAME.gz" and, up to a size, "NAME.br".
func compressible(name string, size int) bool {
	return size >= minCompressed && compressedTypes[path.Ext(name)]
}

// A copyKind is one kind of compressed copy: its suffix, the largest file it
// is made for, and how.
type copyKind struct {
	suffix string
	upTo   int
	make   func([]byte) []byte
	// of reports whether the file f, of size bytes, is a copy of data.
	of func(f *os.File, size int64, data []byte) bool
	// unpack reads a copy back, checking it whole.
	unpack func(io.Reader) (io.Reader, error)
}

// kinds are the compressed copies, gzip's first.
//
// Levels and sizes, measured in CPU time on a 10,000-page site, whose
// full build takes 8 s of CPU. Files up to 1 MB get gzip 9 and brotli 11,
// or brotli 6 above 128 KB: ECharts, 548 KB, comes to 186 KB and 172 KB
// (157 KB at 11, for 1.3 s a build), and the theme's other files take
// milliseconds. The files over 1 MB are the search index, the feed, the
// sitemap and the data downloads, 21 MB in all: gzip 6 takes 0.2 s of CPU
// for them, 2% of the build (gzip 9 0.7 s, for copies 6% smaller), and
// they get no brotli copy. Brotli at quality 6 would add 0.3 s and leave
// the 5 MB search index larger than its gzip copy (273 KB against 268
// KB); quality 7, the first that beats gzip there (261 KB), adds 0.4 s, 5%
// of the build, and measured in the whole build 8 to 10% of its CPU. A
// server that serves brotli copies sends the gzip one where there is none.
// A build in which those files are unchanged spends none of it.
var kinds = []copyKind{
	{".gz", math.MaxInt, gzipped, gzipOf, unpackGzip},
	{".br", brotliMax, brotlied, brotliOf, unpackBrotli},
}

// Sizes at which the levels change.
const (
	gzipSlow   = 1 << 20
	brotliSlow = 128 << 10
	brotliMax  = 1 << 20
)

// gzipOf reports whether f is a gzip copy of data by the checksum and
// length of the uncompressed bytes that end every gzip file: a copy kept
// from the last build must be of the bytes its file has now, and reading
// 8 bytes is cheaper than unpacking.
func gzipOf(f *os.File, size int64, data []byte) bool {
	var tail [8]byte
	if size < 18 {
		return false
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return false
	}
	return binary.LittleEndian.Uint32(tail[:4]) == crc32.ChecksumIEEE(data) &&
		binary.LittleEndian.Uint32(tail[4:]) == uint32(len(data))
}

// brotliOf reports whether f is a brotli copy of data by unpacking it:
// brotli records no checksum, and these copies are of files up to 1 MB.
func brotliOf(f *os.File, _ int64, data []byte) bool {
	return sameStream(brotli.NewReader(f), data)
}

// unpackGzip and unpackBrotli read a copy as the bytes it is a copy of.
func unpackGzip(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }

func unpackBrotli(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil }

// copiesOf are the compressed copies a file of size bytes gets.
func copiesOf(size int) []copyKind {
	if size > brotliMax {
		return kinds[:1]
	}
	return kinds
}

// gzipped returns a gzip copy of b with no name or time in its header, so
// that the same bytes give the same copy every build.
func gzipped(b []byte) []byte {
	level := gzip.BestCompression
	if len(b) > gzipSlow {
		level = 6
	}
	var z bytes.Buffer
	z.Grow(len(b)/4 + 64)
	gz, _ := gzip.NewWriterLevel(&z, level)
	_, _ = gz.Write(b)
	_ = gz.Close()
	return z.Bytes()
}

// brotlied returns a brotli copy of b.
func brotlied(b []byte) []byte {
	q := brotli.BestCompression
	if len(b) > brotliSlow {
		q = 6
	}
	// A window no larger than the file: quality 11 sets up tables the
	// size of its window, which for a small file would cost more than
	// compressing it.
	win := min(24, max(10, bits.Len(uint(len(b)))+1))
	var z bytes.Buffer
	z.Grow(len(b)/4 + 64)
	w := brotli.NewWriterOptions(&z, brotli.WriterOptions{Quality: q, LGWin: win})
	_, _ = w.Write(b)
	_ = w.Close()
	return z.Bytes()
}

// Compress adds to a site held in memory the compressed copies that
// publishing it would write beside its files, for a server that serves the
// site from memory as a production server serves it from disk (page
// weights and Lighthouse are measured so). Files that are themselves
// copies, or that already have theirs, are left as they are.
func Compress(files map[string][]byte) {
	add := map[string][]byte{}
	for name, b := range files {
		if !compressible(name, len(b)) {
			continue
		}
		for _, c := range copiesOf(len(b)) {
			if _, ok := files[name+c.suffix]; !ok {
				add[name+c.suffix] = c.make(b)
			}
		}
	}
	for name, b := range add {
		files[name] = b
	}
}
