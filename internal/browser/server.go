package browser

import (
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
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
}
