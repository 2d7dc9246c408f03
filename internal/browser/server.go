package browser

import (
	"compress/gzip"
	"mime"
	"net/http"
	"path"
	"strings"
)

// CSP is the strict Content-Security-Policy that council web teams run,
// which every page must work under: no inline script, nothing from another
// host.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"

// Handler serves a built site from memory the way a plain web server would:
// folders serve their index.html, unknown paths get 404.html with status
// 404, and every response carries the policy csp unless it is empty.
func Handler(files map[string][]byte, csp string) http.Handler {
	return handler(files, csp, false)
}

// Compressing serves a built site as a council's production server is
// set up to: like Handler, but a file with a pre-compressed copy the
// browser accepts (".br", then ".gz") is sent as that copy, as nginx's
// brotli_static and gzip_static do, and anything else is gzipped as it is
// sent. Page weights and Lighthouse scores are measured against it.
func Compressing(files map[string][]byte, csp string) http.Handler {
	return handler(files, csp, true)
}

func handler(files map[string][]byte, csp string, compress bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if csp != "" {
			w.Header().Set("Content-Security-Policy", csp)
		}
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			p = path.Join(p, "index.html")
		}
		body, ok := files[p]
		status := http.StatusOK
		if !ok {
			body, status, p = files["404.html"], http.StatusNotFound, "404.html"
		}
		if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		accept := r.Header.Get("Accept-Encoding")
		switch {
		case !compress:
		case strings.Contains(accept, "br") && files[p+".br"] != nil:
			w.Header().Set("Content-Encoding", "br")
			body = files[p+".br"]
		case strings.Contains(accept, "gzip") && files[p+".gz"] != nil:
			w.Header().Set("Content-Encoding", "gzip")
			body = files[p+".gz"]
		case strings.Contains(accept, "gzip"):
			w.Header().Set("Content-Encoding", "gzip")
			w.WriteHeader(status)
			gz, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			_, _ = gz.Write(body)
			_ = gz.Close()
			return
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}
