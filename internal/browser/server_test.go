package browser

import (
	"bytes"
	"net/http/httptest"
	"testing"
)

// TestCompressingPicksTheCopy: Compressing sends the pre-compressed copy a
// browser accepts, brotli before gzip, and gzips a page that has none, as
// a production server set up as docs/publishing.md says would.
func TestCompressingPicksTheCopy(t *testing.T) {
	files := map[string][]byte{
		"assets/site.css": []byte("body{}"), "assets/site.css.gz": []byte("GZ"), "assets/site.css.br": []byte("BR"),
		"index.html": bytes.Repeat([]byte("<p>page</p>"), 100), "404.html": []byte("gone"),
	}
	h := Compressing(files, CSP)
	for _, tt := range []struct{ path, accept, encoding, body string }{
		{"/assets/site.css", "gzip, deflate, br", "br", "BR"},
		{"/assets/site.css", "gzip, deflate", "gzip", "GZ"},
		{"/assets/site.css", "", "", "body{}"},
	} {
		r := httptest.NewRequest("GET", tt.path, nil)
		r.Header.Set("Accept-Encoding", tt.accept)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if got := w.Header().Get("Content-Encoding"); got != tt.encoding || w.Body.String() != tt.body {
			t.Errorf("%s with %q: encoding %q, body %q; want %q, %q", tt.path, tt.accept, got, w.Body.String(), tt.encoding, tt.body)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "gzip" || w.Body.Len() >= len(files["index.html"]) {
		t.Errorf("the page was not gzipped as it was sent: %q, %d bytes", w.Header().Get("Content-Encoding"), w.Body.Len())
	}
}
