// Package serve is partnersite's preview server. It loads the site (never
// writing public/), serves it on loopback, watches the inputs, and after
// each batch of saves re-reads only the files that changed and reloads
// every open page through server-sent events. The re-reading begins as soon
// as a save settles, so that it overlaps the wait for more saves (see plan).
// Pages are rendered when they are asked for, the ones open rendered ahead,
// and kept until the next change, so a save is seen at once on a site of
// any size. A failed rebuild keeps serving the last good site
// with its problems, each PATH:LINE: message, shown over every page;
// fixing the file brings the site back without a manual refresh.
//
// It is a development server: it serves only the files of the build, turns
// away path traversal and requests for any host but its own (DNS
// rebinding), and stops cleanly when its context ends.
package serve

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/partnersite/partnersite/internal/problem"
	"github.com/partnersite/partnersite/internal/site"
	"github.com/partnersite/partnersite/internal/sitefs"
)

// Prefix is where the server's own files live; no site page can be there
// because site paths are slugs.
const Prefix = "/_partnersite/"

// Server previews one site.
type Server struct {
	source string
	src    fs.FS // the site folder, never read outside it
	logf   func(string, ...any)

	mu   sync.RWMutex
	site *site.Site // the last site that loaded without errors
	// pending holds the paths changed since site loaded. Updates start
	// from site, so after a failed update its paths must be read again
	// next time, or a later, unrelated save would hide the failure.
	pending  map[string]bool
	problems []problem.Problem // of the last load; nil when it succeeded
	cache    map[string]page   // pages of site rendered so far
	version  int               // counts loads, good or bad
	changed  chan struct{}     // closed and replaced on each load
	// recent holds the pages asked for last, newest first: after a
	// change they are rendered ahead, as the browser will ask for them
	// again when it reloads.
	recent []string

	// Built is called after every build, for tests and logs; it may be nil.
	Built func(version int, took time.Duration, problems []problem.Problem)
	// Drafts shows pages marked draft: true, as build --drafts does.
	Drafts bool
}

// New returns a server for the site folder source. logf receives progress
// lines; nil discards them.
func New(source string, logf func(string, ...any)) *Server {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	return &Server{source: source, logf: logf, changed: make(chan struct{})}
}

// page is a rendered file with the problems found while rendering it.
type page struct {
	body     []byte
	problems []problem.Problem
}

// attempt is one load of the site. Loads run in the background, begun
// before the watcher's quiet time is over, so that the wait and the load
// overlap; follow, as plan decides, publishes one or drops it.
type attempt struct {
	seq  uint64     // the watcher's count of changes when it began
	src  fs.FS      // the site folder it reads
	base *site.Site // the site it updates; nil to load the folder whole
	all  []string   // the paths it reads again: the server's pending ones and the watcher's
	// due is set once the attempt is to be published. Until then, with
	// time in hand, it renders the pages last asked for, ahead.
	due atomic.Bool

	next  *site.Site
	pl    *problem.List
	err   error
	took  time.Duration
	cache map[string]page // pages of next rendered ahead
}

// begin returns an attempt at the paths the watcher gave at its count
// seq, updating the site now served, or at the folder whole.
func (s *Server) begin(seq uint64, paths []string, whole bool) *attempt {
	s.mu.RLock()
	defer s.mu.RUnlock()
	a := &attempt{seq: seq, src: s.src}
	if !whole {
		a.base = s.site
		set := maps.Clone(s.pending)
		if set == nil {
			set = map[string]bool{}
		}
		for _, p := range paths {
			set[p] = true
		}
		a.all = slices.Sorted(maps.Keys(set))
	}
	return a
}

// run makes the attempt: it loads the site, then renders the pages asked
// for last, while the attempt is not yet due, so that the browser's
// reload finds them made.
func (s *Server) run(a *attempt) {
	start := time.Now()
	if a.base == nil {
		a.next, a.pl, a.err = site.Open(a.src, site.Options{Drafts: s.Drafts})
	} else {
		a.next, a.pl, a.err = a.base.Update(a.src, a.all)
	}
	a.took = time.Since(start)
	a.cache = map[string]page{}
	if a.err != nil {
		return
	}
	for _, name := range s.recentPages() {
		if a.due.Load() {
			break
		}
		if pg, ok := render(a.next, name); ok {
			a.cache[name] = pg
		}
	}
}

// load loads the site now and publishes it: the whole folder, at the
// start and when it is replaced.
func (s *Server) load() {
	a := s.begin(0, nil, true)
	a.due.Store(true)
	s.run(a)
	s.finish(a)
}

// finish publishes an attempt: its site when it loaded, or its problems
// over the old one.
func (s *Server) finish(a *attempt) {
	var probs []problem.Problem
	if a.err != nil {
		probs = a.pl.All()
		if len(probs) == 0 {
			probs = []problem.Problem{{Path: "site", Line: 1, Message: a.err.Error()}}
		}
	}
	v := s.publish(a.next, a.cache, probs, a.all)
	if a.err != nil {
		for _, p := range probs {
			s.logf("%s", p)
		}
		errs := 0
		for _, p := range probs {
			if !p.Warning {
				errs++
			}
		}
		s.logf("the site has %d %s; still serving the last version that loaded", errs, map[bool]string{true: "error", false: "errors"}[errs == 1])
	} else {
		for _, p := range a.pl.All() {
			s.logf("%s", p)
		}
		s.logf("loaded in %s", a.took.Round(10*time.Microsecond))
	}
	if s.Built != nil {
		s.Built(v, a.took, probs)
	}
}

// publish makes next the site served, with the pages of it already
// rendered, when it is not nil, and probs the problems shown over every
// page, and tells every open page. When next is nil, the paths read stay
// pending, to be read again by the next update of the site still served.
// It returns the new version.
func (s *Server) publish(next *site.Site, cache map[string]page, probs []problem.Problem, read []string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if next != nil {
		if cache == nil {
			cache = map[string]page{}
		}
		s.site, s.cache, s.pending = next, cache, nil
	} else if len(read) > 0 {
		if s.pending == nil {
			s.pending = map[string]bool{}
		}
		for _, p := range read {
			s.pending[p] = true
		}
	}
	s.problems = probs
	s.version++
	close(s.changed)
	s.changed = make(chan struct{})
	return s.version
}

// FolderCheck is how often the server asks whether the site folder is
// still the one it opened. A folder deleted and put back (a checkout of
// another branch, a restore from a backup) is a new folder, which neither
// the open folder nor the watches on the old one can see.
const FolderCheck = 250 * time.Millisecond

// gone says the site folder is no longer there, over every page.
func (s *Server) gone() {
	probs := []problem.Problem{{Path: s.source, Line: 1, Message: "the site folder was deleted or moved; put it back and the preview carries on from it, with no restart"}}
	v := s.publish(nil, nil, probs, nil)
	s.logf("%s", probs[0])
	if s.Built != nil {
		s.Built(v, 0, probs)
	}
}

// Serve builds the site, then serves it on ln and rebuilds on every change
// until ctx ends. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	src, err := sitefs.Open(s.source)
	if err != nil {
		return err
	}
	s.src = src
	folder, err := os.Stat(s.source)
	if err != nil {
		return err
	}
	w, err := newWatcher(s.source)
	if err != nil {
		return fmt.Errorf("watching %s: %w", s.source, err)
	}
	s.load()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.follow(ctx, w, folder)
	srv := &http.Server{Handler: s.Handler(ln.Addr().String()), ReadHeaderTimeout: 10 * time.Second,
		// Idle keep-alive connections from devices that went away (a
		// phone on the LAN put to sleep) are closed, not kept for ever.
		IdleTimeout: 2 * time.Minute,
		// Requests share the serve context, so open event streams end as
		// soon as it does and shutdown need not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, done := context.WithTimeout(context.Background(), 2*time.Second)
	defer done()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("stopping the server: %w", err)
	}
	return nil
}

// follow loads the site again after each batch of changes the watcher
// sees, as plan decides, and watches for the site folder going or being
// replaced, until ctx ends.
func (s *Server) follow(ctx context.Context, w *watcher, folder os.FileInfo) {
	settled, quiet := make(chan struct{}, 1), make(chan struct{}, 1)
	watch := func(w *watcher) (stop context.CancelFunc) {
		watching, stop := context.WithCancel(ctx)
		go w.run(watching, settled, quiet, s.logf)
		return stop
	}
	stopWatching := watch(w)
	defer func() { stopWatching() }()
	tick := time.NewTicker(FolderCheck)
	defer tick.Stop()
	results := make(chan *attempt)
	var p plan
	away := false
	do := func(st step) {
		if a := st.publish; a != nil {
			w.done(a.seq)
			s.finish(a)
		}
		if !st.begin {
			return
		}
		paths, seq := w.peek()
		if len(paths) == 0 {
			return
		}
		a := s.begin(seq, paths, false)
		p.begun(a, st.due)
		go func() {
			s.run(a)
			select {
			case results <- a:
			case <-ctx.Done():
			}
		}()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-settled:
			if !away {
				do(p.settled())
			}
		case <-quiet:
			if away {
				w.done(w.count()) // read again, whole, when the folder is back
				continue
			}
			do(p.quiet(w.count()))
		case a := <-results:
			do(p.made(a, w.count()))
		case <-tick.C:
			now, err := os.Stat(s.source)
			switch {
			case err != nil || !now.IsDir():
				if !away {
					away = true
					p.forget()
					s.gone()
				}
			case away || !os.SameFile(now, folder):
				// Back, or replaced: open the folder now there, watch
				// it, and load it whole.
				src, err := sitefs.Open(s.source)
				if err != nil {
					continue // half restored; asked again at the next tick
				}
				nw, err := newWatcher(s.source)
				if err != nil {
					continue
				}
				stopWatching()
				p.forget()
				w, folder, away = nw, now, false
				s.mu.Lock()
				s.src = src
				s.mu.Unlock()
				stopWatching = watch(w)
				s.load()
			}
		}
	}
}

// allowedHosts says which Host headers the server answers: the address it
// listens on, and localhost names, on its port. A server deliberately
// bound beyond loopback (--addr 0.0.0.0:1313, to preview on a phone) also
// answers any IP address and this machine's own name, so that the devices
// on the LAN can reach it. Any other name is refused, always: it could be
// a DNS rebinding attack from a page on the web, which needs a name, never
// a bare address.
func allowedHosts(addr string) func(host string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return func(h string) bool { return h == addr }
	}
	names := map[string]bool{strings.ToLower(host): true, "localhost": true, "127.0.0.1": true, "::1": true}
	ip := net.ParseIP(host)
	lan := ip != nil && !ip.IsLoopback()
	if lan {
		if name, err := os.Hostname(); err == nil && name != "" {
			name = strings.ToLower(name)
			names[name], names[name+".local"] = true, true
		}
	}
	return func(h string) bool {
		hh, p, err := net.SplitHostPort(h)
		if err != nil || p != port {
			return false
		}
		hh = strings.ToLower(hh)
		return names[hh] || lan && net.ParseIP(hh) != nil
	}
}

// Handler serves the site for a server listening on addr.
func (s *Server) Handler(addr string) http.Handler {
	allowed := allowedHosts(addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(r.Host) {
			http.Error(w, "this preview server answers only to "+addr, http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if !safePath(r) {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		switch r.URL.Path {
		case Prefix + "reload.js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			_, _ = w.Write([]byte(reloadJS))
			return
		case Prefix + "overlay.css":
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			_, _ = w.Write([]byte(overlayCSS))
			return
		case Prefix + "events":
			s.events(w, r)
			return
		}
		s.file(w, r)
	})
}

// safePath refuses any path with a ".." segment or a backslash, however it
// was encoded (/../, /%2e%2e/, /..%5c).
func safePath(r *http.Request) bool {
	for _, p := range []string{r.URL.Path, r.URL.RawPath, r.RequestURI} {
		lower := strings.ToLower(p)
		if strings.Contains(lower, "%5c") || strings.Contains(p, "\\") || strings.Contains(lower, "%2e%2e") {
			return false
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." {
				return false
			}
		}
	}
	return true
}

// get returns a rendered file of the current site, from the cache or
// rendered now.
func (s *Server) get(name string) (page, bool) {
	s.mu.RLock()
	cur, cached, hit := s.site, page{}, false
	if cur != nil {
		cached, hit = s.cache[name]
	}
	s.mu.RUnlock()
	if cur == nil {
		return page{}, false
	}
	if hit {
		return cached, true
	}
	pg, ok := render(cur, name)
	if !ok {
		return page{}, false
	}
	s.mu.Lock()
	if s.site == cur { // not replaced while rendering
		s.cache[name] = pg
	}
	s.mu.Unlock()
	return pg, true
}

// render renders a file of a site, with the problems found doing so.
func render(cur *site.Site, name string) (page, bool) {
	body, probs, ok, err := cur.File(name)
	if err != nil {
		probs = append(probs, problem.Problem{Path: "site", Line: 1, Message: err.Error()})
	}
	if !ok {
		return page{}, false
	}
	return page{body: body, problems: probs}, true
}

// keepRecent is how many pages asked for are rendered ahead after a
// change: one for each browser tab or device open on the preview, as a
// rule. Each costs about a millisecond or two.
const keepRecent = 4

// asked notes a page served, for rendering ahead.
func (s *Server) asked(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.recent) > 0 && s.recent[0] == name {
		return
	}
	s.recent = slices.DeleteFunc(s.recent, func(r string) bool { return r == name })
	s.recent = slices.Insert(s.recent, 0, name)
	s.recent = s.recent[:min(len(s.recent), keepRecent)]
}

// recentPages returns the pages asked for last, newest first.
func (s *Server) recentPages() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.recent)
}

func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	s.mu.RLock()
	loadProblems, version := s.problems, s.version
	s.mu.RUnlock()
	found, ok := s.get(p)
	status := http.StatusOK
	if !ok {
		if _, isDir := s.get(p + "/index.html"); isDir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		// A missing page of a language's tree gets that tree's 404 page,
		// in its language.
		status = http.StatusNotFound
		s.mu.RLock()
		if s.site != nil {
			p = s.site.NotFound(p)
		} else {
			p = "404.html"
		}
		s.mu.RUnlock()
		if found, ok = s.get(p); !ok {
			found.body = []byte("<!DOCTYPE html><html lang=\"en\"><head><title>Not found</title></head><body><h1>Not found</h1></body></html>")
		}
	}
	body := found.body
	probs := append(slices.Clone(loadProblems), found.problems...)
	ct := mime.TypeByExtension(path.Ext(p))
	if ct == "" {
		ct = "application/octet-stream"
	}
	if strings.HasPrefix(ct, "text/html") {
		body = inject(body, version, probs)
		if status == http.StatusOK {
			s.asked(p)
		}
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

var overlay = template.Must(template.New("overlay").Parse(`<div class="partnersite-errors" role="alert" aria-labelledby="partnersite-errors-title">
<p id="partnersite-errors-title"><strong>{{with .Errors}}The site did not rebuild: {{len .}} {{if eq (len .) 1}}error{{else}}errors{{end}}.{{else}}This page has problems.{{end}}</strong> You are seeing the last version that built. Fix these and save; the page reloads by itself.</p>
<ul>{{range .Errors}}<li><code>{{.String}}</code></li>{{end}}</ul>
{{- with .Warnings}}
<p>And {{len .}} {{if eq (len .) 1}}warning{{else}}warnings{{end}}, which do not stop a build:</p>
<ul>{{range .}}<li><code>{{.String}}</code></li>{{end}}</ul>
{{- end}}
</div>
`))

// inject adds the live-reload script to a page, and the overlay listing the
// problems when the last build failed. Only the preview server does this:
// built sites never carry either.
func inject(page []byte, version int, probs []problem.Problem) []byte {
	var head bytes.Buffer
	fmt.Fprintf(&head, `<link rel="stylesheet" href="%soverlay.css"><script defer src="%sreload.js" data-version="%d"></script>`+"\n", Prefix, Prefix, version)
	out := insertBefore(page, "</head>", head.Bytes())
	if len(probs) == 0 {
		return out
	}
	var errs, warns []problem.Problem
	for _, p := range probs {
		if p.Warning {
			warns = append(warns, p)
		} else {
			errs = append(errs, p)
		}
	}
	if len(errs) == 0 {
		return out // warnings alone are logged, not shown over the page
	}
	var b bytes.Buffer
	_ = overlay.Execute(&b, struct{ Errors, Warnings []problem.Problem }{errs, warns})
	i := bytes.Index(out, []byte("<body"))
	if i < 0 {
		return append(b.Bytes(), out...)
	}
	j := bytes.IndexByte(out[i:], '>')
	if j < 0 {
		return out
	}
	at := i + j + 1
	return append(out[:at:at], append(b.Bytes(), out[at:]...)...)
}

func insertBefore(page []byte, marker string, add []byte) []byte {
	i := bytes.LastIndex(page, []byte(marker))
	if i < 0 {
		return append(add, page...)
	}
	return append(page[:i:i], append(add, page[i:]...)...)
}

// events streams the build version to a page: one message now and one
// after every build. The page reloads when the version differs from the
// one it was served with.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		s.mu.RLock()
		v, ch := s.version, s.changed
		s.mu.RUnlock()
		if _, err := fmt.Fprintf(w, "data: %s\n\n", strconv.Itoa(v)); err != nil {
			return
		}
		fl.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-ch:
		}
	}
}

const reloadJS = `// partnersite preview: reloads the page when the site is rebuilt.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : null;
  var source = new EventSource("` + Prefix + `events");
  source.onmessage = function (e) {
    if (version !== null && e.data !== version) {
      source.close();
      location.reload();
    }
  };
})();
`

const overlayCSS = `.partnersite-errors { position: sticky; top: 0; z-index: 1000; margin: 0; padding: 1rem 1.25rem;
  background: #fff; color: #0b0c0c; border: 5px solid #d4351c; font: 16px/1.5 system-ui, sans-serif; max-height: 60vh; overflow: auto; }
.partnersite-errors ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }
.partnersite-errors code { font: 15px/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
`
