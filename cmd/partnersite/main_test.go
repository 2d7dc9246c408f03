package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/partnersite/partnersite/internal/publish"
	"github.com/partnersite/partnersite/internal/sitetest"
)

// TestMain keeps the build stamps of the tests' builds (see
// internal/stamp) out of the user's own cache folder.
func TestMain(m *testing.M) {
	cache, err := os.MkdirTemp("", "partnersite-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// appendFile adds text to the end of the file at path, as an edit does.
func appendFile(t *testing.T, path, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// smallSite unpacks the small test site into a folder on disk.
func smallSite(t *testing.T) string {
	t.Helper()
	dir, _ := sitetest.Unpack(t, "../../internal/site/testdata/small.txtar")
	return dir
}

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[strings.TrimPrefix(p, dir)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"--help"}, 0, "partnersite build [--source DIR]", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "", "flag provided but not defined: -nope"},
		{[]string{"build", "extra"}, 2, "", `unexpected argument "extra"`},
		{[]string{"version"}, 0, "partnersite ", ""},
		{[]string{"build", "-h"}, 0, "Usage of partnersite build", ""},
		{[]string{"check", "--help"}, 0, "Usage of partnersite check", ""},
		{[]string{"serve", "-h"}, 0, "-addr", ""},
		{[]string{"new", "-h"}, 0, "usage: partnersite new DIR", ""},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errs, tt.inStderr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d with %q / %q", tt.args, code, out, errs, tt.code, tt.inStdout, tt.inStderr)
		}
	}
}

func TestBuildAndCheck(t *testing.T) {
	dir := smallSite(t)
	code, out, errs := runCmd("build", "--source", dir)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	if !regexp.MustCompile(`^built \d+ pages with \d+ charts into .*public in \d`).MatchString(out) {
		t.Errorf("summary line = %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "metrics", "uptime", "index.html")); err != nil {
		t.Error(err)
	}
	code, out, _ = runCmd("check", "--source", dir)
	if code != 0 || out != "0 errors, 0 warnings\n" {
		t.Errorf("check: exit %d, %q", code, out)
	}
}

// TestRebuildUnchanged builds a site three times over: the second build,
// with nothing changed, writes nothing (every file keeps its inode and
// time) and prints the same warnings as the first; a page edited, an
// option changed or a page edited by hand in the output then builds in
// full again.
func TestRebuildUnchanged(t *testing.T) {
	dir := smallSite(t)
	appendFile(t, filepath.Join(dir, "site.yaml"), "colour: green\n")
	out := filepath.Join(dir, "public")
	build := func(args ...string) (string, string) {
		t.Helper()
		code, stdout, stderr := runCmd(append([]string{"build", "--source", dir}, args...)...)
		if code != 0 {
			t.Fatalf("build: exit %d\n%s", code, stderr)
		}
		return stdout, stderr
	}
	const skipped = "nothing had changed since the last build, so no file was written"
	first, warned := build()
	if strings.Contains(first, skipped) || !strings.Contains(warned, `site.yaml:8: warning: unknown setting "colour"`) {
		t.Fatalf("first build: %q, %q", first, warned)
	}
	before := sitetest.Stats(t, out)
	again, warnedAgain := build()
	if !strings.Contains(again, skipped) || warnedAgain != warned {
		t.Errorf("build with nothing changed: %q, warnings %q, want %q", again, warnedAgain, warned)
	}
	if pages := regexp.MustCompile(`^built \d+ pages with \d+ charts`); pages.FindString(again) != pages.FindString(first) {
		t.Errorf("summary %q, then %q", first, again)
	}
	if after := sitetest.Stats(t, out); !maps.EqualFunc(before, after, sitetest.Untouched) {
		t.Error("a build with nothing changed touched the output folder")
	}

	appendFile(t, filepath.Join(dir, "content", "about.md"), "\nA sentence added.\n")
	if stdout, _ := build(); strings.Contains(stdout, skipped) {
		t.Error("a page edited, yet the build was skipped")
	}
	page, err := os.ReadFile(filepath.Join(out, "about", "index.html"))
	if err != nil || !bytes.Contains(page, []byte("A sentence added.")) {
		t.Errorf("the edit is not on the page: %v", err)
	}
	if stdout, _ := build("--drafts"); strings.Contains(stdout, skipped) {
		t.Error("an option changed, yet the build was skipped")
	}
	if err := os.WriteFile(filepath.Join(out, "about", "index.html"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, _ := build("--drafts"); strings.Contains(stdout, skipped) {
		t.Error("a page edited in the output, yet the build was skipped")
	}
	if page, err := os.ReadFile(filepath.Join(out, "about", "index.html")); err != nil || !bytes.Contains(page, []byte("A sentence added.")) {
		t.Errorf("the page edited in the output was not put right: %v", err)
	}
}

// TestFailedBuildLeavesOutput checks atomicity: a build that fails leaves
// the previous output exactly as it was, and every problem is listed.
func TestFailedBuildLeavesOutput(t *testing.T) {
	dir := smallSite(t)
	out := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCmd("build", "--source", dir, "--output", out); code != 0 {
		t.Fatalf("first build failed: %s", errs)
	}
	before := snapshot(t, out)
	bad := "metric,period,partner,value\nuptime,2024/25 Q1,,\"12,5%\"\nuptime,2024/25 Q2,west,99\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "performance.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs := runCmd("build", "--source", dir, "--output", out)
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	for _, want := range []string{
		`data/performance.csv:2: value "12,5%" is not a number: write decimals with a point (12.5) and commas only between thousands (1,234); where there is no figure, write [x] (not available), [z] (not applicable) or [c] (confidential)`,
		`data/performance.csv:3: partner "west" is not a partner in data/partners.csv (known: north, south)`,
	} {
		if !strings.Contains(errs, want+"\n") {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if after := snapshot(t, out); !maps.Equal(before, after) {
		t.Error("a failed build changed the previous output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
	// check lists every problem and counts them in its last line.
	code, stdout, errs = runCmd("check", "--source", dir)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	warnings := 0
	for _, l := range lines {
		if !regexp.MustCompile(`^[a-z/.0-9-]+:\d+: `).MatchString(l) {
			t.Errorf("not a PATH:LINE: line: %q", l)
		}
		if strings.Contains(l, ": warning: ") {
			warnings++
		}
	}
	want := fmt.Sprintf("%d errors, %d warnings\n", len(lines)-warnings, warnings)
	if code != 1 || stdout != want || len(lines)-warnings < 2 {
		t.Errorf("check: exit %d, %q; want 1 and %q", code, stdout, want)
	}
}

// TestRefusesToClobber builds into folders a council has: a web root with
// its own documents, and folders inside the site's inputs. Each is refused
// with exit 2 and one line, and nothing in it changes.
func TestRefusesToClobber(t *testing.T) {
	dir := smallSite(t)
	webroot := t.TempDir()
	for name, body := range map[string]string{"index.html": "the council's home page", "minutes-2025.docx": "precious"} {
		if err := os.WriteFile(filepath.Join(webroot, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct{ output, want string }{
		{webroot, "already holds files that partnersite did not write (index.html, minutes-2025.docx)"},
		{dir, "holds the site's own files"},
		{filepath.Join(dir, "content", "out"), "is inside the site's content/ folder"},
	} {
		before := snapshot(t, dir)
		code, stdout, errs := runCmd("build", "--source", dir, "--output", tt.output)
		if code != 2 || stdout != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, tt.want) {
			t.Errorf("--output %s: exit %d, stdout %q, stderr %q; want exit 2 and one line %q", tt.output, code, stdout, errs, tt.want)
		}
		if after := snapshot(t, dir); !maps.Equal(before, after) {
			t.Errorf("--output %s changed the site folder", tt.output)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(webroot, "minutes-2025.docx")); string(b) != "precious" {
		t.Error("the web root's document was lost")
	}
	// Into a folder of the web root: built, marked, rebuilt, and the web
	// root's own files untouched.
	out := filepath.Join(webroot, "shared-services")
	for range 2 {
		if code, _, errs := runCmd("build", "--source", dir, "--output", out); code != 0 {
			t.Fatalf("build into a new folder of the web root: exit %d\n%s", code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".partnersite")); err != nil {
		t.Errorf("the output is not marked: %v", err)
	}
	entries, _ := os.ReadDir(webroot)
	if len(entries) != 3 {
		t.Errorf("the web root holds %d entries after two builds, want its 2 files and the site", len(entries))
	}
}

func TestNewBuildsAndPassesCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-partnership")
	if code, out, errs := runCmd("new", dir); code != 0 || !strings.Contains(out, "wrote a starter site") {
		t.Fatalf("new: exit %d, %s %s", code, out, errs)
	}
	code, out, errs := runCmd("check", "--source", dir)
	if code != 0 || !strings.HasPrefix(out, "0 errors") {
		t.Errorf("check of the starter site: exit %d, %s\n%s", code, out, errs)
	}
	if code, _, errs := runCmd("build", "--source", dir); code != 0 {
		t.Errorf("build of the starter site: exit %d\n%s", code, errs)
	}
	index, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(index), "_partnersite") {
		t.Error("built pages carry the preview server's reload script")
	}
	if code, _, errs := runCmd("new", dir); code != 1 || !strings.Contains(errs, "is not empty") {
		t.Errorf("new over a non-empty folder: exit %d, %s", code, errs)
	}
	if code, _, _ := runCmd("new"); code != 2 {
		t.Errorf("new without a folder: exit %d, want 2", code)
	}
}

// new DIR --languages en,cy writes a starter in English and Welsh that
// checks clean and builds both trees, each page with its counterpart.
func TestNewBilingual(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ein-partneriaeth")
	if code, out, errs := runCmd("new", dir, "--languages", "en,cy"); code != 0 || !strings.Contains(out, "wrote a starter site") {
		t.Fatalf("new: exit %d, %s %s", code, out, errs)
	}
	if code, out, errs := runCmd("check", "--source", dir); code != 0 || !strings.HasPrefix(out, "0 errors") {
		t.Errorf("check of the bilingual starter: exit %d, %s\n%s", code, out, errs)
	}
	if code, _, errs := runCmd("build", "--source", dir); code != 0 {
		t.Fatalf("build of the bilingual starter: exit %d\n%s", code, errs)
	}
	for _, p := range []string{"index.html", "cy/index.html", "cy/reports/2025-26-year-end/index.html", "cy/search.json", "cy/sitemap.xml", "cy/feed.xml", "cy/data/performance.csv"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("the bilingual starter lacks %s: %v", p, err)
		}
	}
	cy, err := os.ReadFile(filepath.Join(dir, "public", "cy", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cy), `<html lang="cy"`) || !strings.Contains(string(cy), "Gwasanaethau a rennir") {
		t.Errorf("the Welsh home page is not in Welsh:\n%.600s", cy)
	}
	// A page without its Welsh pair and a name without its Welsh twin
	// stop the build, each at its file and line, and leave the last
	// build as it was.
	before, err := os.ReadFile(filepath.Join(dir, "public", "cy", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content", "reports", "2025-26-year-end.cy.md")); err != nil {
		t.Fatal(err)
	}
	partners := filepath.Join(dir, "data", "partners.csv")
	raw, err := os.ReadFile(partners)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(partners, []byte(strings.Replace(string(raw), "Cyngor Dosbarth y Gogledd", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCmd("build", "--source", dir)
	for _, want := range []string{
		"content/reports/2025-26-year-end.md:1: this page has no pair in Welsh; the site is published in English and Welsh, so write content/reports/2025-26-year-end.cy.md too",
		`data/partners.csv:2: name "North District Council" has no Welsh twin; the site is in English and Welsh, so give it in a name_cy column`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("build without a Welsh pair: exit %d; stderr lacks %q:\n%s", code, want, errs)
		}
	}
	if code != 1 {
		t.Errorf("build without a Welsh pair: exit %d, want 1", code)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "public", "cy", "index.html")); string(after) != string(before) {
		t.Error("a failed build changed the published Welsh site")
	}
	if code, _, errs := runCmd("new", filepath.Join(t.TempDir(), "x"), "--languages", "en,fr"); code != 2 || !strings.Contains(errs, "en,cy") {
		t.Errorf("new --languages en,fr: exit %d, %s", code, errs)
	}
}

// TestCheckRunsTheTheme: a custom theme whose template fails only when a
// page runs it fails check as it fails build, at the theme file's own path
// and line, once however many pages use it.
func TestCheckRunsTheTheme(t *testing.T) {
	for _, tt := range []struct {
		name, file, body, want string
	}{
		{"a field no page has", "themes/mine/pages/metric.html",
			"{{define \"main\" -}}\n<h1>{{.Metric.Name}}</h1>\n<p>{{.NoSuchField}}</p>\n{{end}}\n",
			"themes/mine/pages/metric.html:3: executing \"main\" at <.NoSuchField>: can't evaluate field NoSuchField in type *site.MetricPage\n"},
		{"a function that does not exist", "themes/mine/partials/status.html",
			"{{define \"rating\"}}\n{{nosuch .}}\n{{end}}\n",
			"themes/mine/partials/status.html:2: function \"nosuch\" not defined\n"},
		// Drawn once and shared by many pages (site.Frame, a figure's
		// table), and still reported where it fails.
		{"a field no table has", "themes/mine/partials/table.html",
			"{{define \"table\" -}}\n<table>\n{{.NoSuchField}}\n</table>\n{{- end}}\n",
			"themes/mine/partials/table.html:3: executing \"table\" at <.NoSuchField>: can't evaluate field NoSuchField in type chart.Table\n"},
		{"a field no frame has", "themes/mine/layouts/base.html",
			"{{define \"base\"}}<title>{{.Title}}</title>{{frame \"frame-top\" .Frame}}{{block \"main\" .}}{{end}}{{end}}\n{{define \"frame-top\"}}\n{{.Kind}}{{end}}\n",
			"themes/mine/layouts/base.html:3: executing \"frame-top\" at <.Kind>: can't evaluate field Kind in type *site.Frame\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := smallSite(t)
			sitetest.Write(t, filepath.Join(dir, "site.yaml"), "title: Small\ntheme: mine\nbase_url: https://example.org/\n")
			sitetest.Write(t, filepath.Join(dir, filepath.FromSlash(tt.file)), tt.body)
			code, out, errs := runCmd("check", "--source", dir)
			if code != 1 || errs != tt.want || out != "1 error, 0 warnings\n" {
				t.Errorf("check: exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errs, tt.want)
			}
			code, out, errs = runCmd("build", "--source", dir)
			if code != 1 || errs != tt.want || out != "" {
				t.Errorf("build: exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errs, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("the failed build wrote public/")
			}
		})
	}
}

// TestLinksOutOfTheSiteAreRefused links inputs to files outside the site
// folder: none is read, each is a problem at its own path, and nothing of
// the linked files reaches a message or the output.
func TestLinksOutOfTheSiteAreRefused(t *testing.T) {
	dir := smallSite(t)
	outside := t.TempDir()
	secret := "SECRET-9f2c"
	sitetest.Write(t, filepath.Join(outside, "services.csv"), "id,name\n"+secret+","+secret+"\n")
	sitetest.Write(t, filepath.Join(outside, "notes.md"), "---\ntitle: "+secret+"\n---\n"+secret+"\n")
	sitetest.Write(t, filepath.Join(outside, "passwd"), "root:x:0:0:"+secret+"\n")
	sitetest.Write(t, filepath.Join(dir, "themes", "mine", "pages", "page.html"), `{{define "main"}}{{.Body}}{{end}}`)
	sitetest.Write(t, filepath.Join(dir, "site.yaml"), "title: Small\ntheme: mine\nbase_url: https://example.org/\n")
	for link, target := range map[string]string{
		"data/services.csv":             filepath.Join(outside, "services.csv"),
		"content/notes.md":              filepath.Join(outside, "notes.md"),
		"themes/mine/assets/passwd.txt": filepath.Join(outside, "passwd"),
	} {
		p := filepath.Join(dir, filepath.FromSlash(link))
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, verb := range []string{"check", "build"} {
		code, out, errs := runCmd(verb, "--source", dir)
		if code != 1 || strings.Contains(out+errs, secret) {
			t.Errorf("%s: exit %d; a linked file's content reached the messages:\n%s%s", verb, code, out, errs)
		}
		outsideMsg := "it is a link to a file outside the site folder, which is never read; copy the file into the site folder instead\n"
		for _, want := range []string{
			"data/services.csv:1: cannot read the file: " + outsideMsg,
			"content/notes.md:1: cannot read the file: read content/notes.md: " + outsideMsg,
			"themes/mine/assets/passwd.txt:1: cannot read the file: " + outsideMsg,
		} {
			if !strings.Contains(errs, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", verb, want, errs)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a build with links out of the site wrote public/")
	}
}

// TestCheckAndBuildAgree gives check and build the inputs that once
// passed check and then failed build outside PATH:LINE: both must fail
// alike, with every problem at a path and line.
func TestCheckAndBuildAgree(t *testing.T) {
	long := strings.Repeat("a", 300)
	tests := []struct {
		name, file, body, want string
	}{
		{"an id too long for a folder name", "data/services.csv",
			"id,name\nict,ICT\nrb,Revenues\n" + long + ",Long\n",
			`data/services.csv:4: id "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..." is 300 characters long; keep it to 100, since it becomes a folder name`},
		{"a Windows device name", "data/services.csv",
			"id,name\nict,ICT\nrb,Revenues\ncon,Console\n",
			`data/services.csv:4: id "con" is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. "con-1"`},
		{"a saving beyond any budget", "data/savings.csv",
			"service,period,baseline_cost,actual_cost\nict,2024/25,1" + strings.Repeat("0", 308) + ",0\n",
			`data/savings.csv:2: baseline_cost "1000000000000000000000000000000000000..." is more than £1,000,000,000,000; check the figure and its scale`},
		{"a saving in exponent form", "data/savings.csv",
			"service,period,baseline_cost,actual_cost\nict,2024/25,1e308,0\n",
			`data/savings.csv:2: baseline_cost "1e308" is not a number`},
		{"households that overflow", "data/partners.csv",
			"id,name,households,cost_share\nnorth,North,99999999999999999999,60\nsouth,South,1,40\n",
			`data/partners.csv:2: households "99999999999999999999" is more than 100000000`},
		{"a content file named for a device", "content/aux.md",
			"---\ntitle: Aux\n---\n",
			`content/aux.md:1: "aux.md" is a name Windows keeps for a device`},
	}
	line := regexp.MustCompile(`^[a-z/.0-9-]+:\d+: `)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := smallSite(t)
			sitetest.Write(t, filepath.Join(dir, filepath.FromSlash(tt.file)), tt.body)
			checkCode, _, checkErrs := runCmd("check", "--source", dir)
			buildCode, _, buildErrs := runCmd("build", "--source", dir)
			if checkCode != 1 || buildCode != 1 || checkErrs != buildErrs {
				t.Errorf("check exit %d, build exit %d; they disagree:\ncheck:\n%sbuild:\n%s", checkCode, buildCode, checkErrs, buildErrs)
			}
			if !strings.Contains(checkErrs, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, checkErrs)
			}
			for _, l := range strings.Split(strings.TrimSpace(buildErrs), "\n") {
				if !line.MatchString(l) {
					t.Errorf("not a PATH:LINE problem: %q", l)
				}
			}
		})
	}
}

// TestManyProblemsFold: a published table with one fault on every row
// prints ten of them and a count, and --all prints each.
func TestManyProblemsFold(t *testing.T) {
	dir := smallSite(t)
	// 500 quarters of one metric, each figure unreadable in its own way.
	var b strings.Builder
	b.WriteString("metric,period,partner,value\n")
	for i := range 500 {
		fmt.Fprintf(&b, "uptime,%d/%02d Q%d,,n/a%d\n", 1900+i/4, (1900+i/4+1)%100, i%4+1, i)
	}
	sitetest.Write(t, filepath.Join(dir, "data", "performance.csv"), b.String())
	for _, verb := range []string{"check", "build"} {
		_, _, errs := runCmd(verb, "--source", dir)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		want := "data/performance.csv: ... and 490 more lines like 2"
		if !slices.Contains(lines, want) || len(lines) > 40 {
			t.Errorf("%s: %d lines, want a fold %q:\n%s", verb, len(lines), want, errs)
		}
		_, _, errs = runCmd(verb, "--source", dir, "--all")
		if n := strings.Count(errs, "is not a number"); n != 500 {
			t.Errorf("%s --all: %d problems of 500", verb, n)
		}
	}
}

// metricsSite writes a site folder whose metrics.csv has one of the
// report's metrics already (it01), and whose services.csv lacks the
// report's Planning.
func metricsSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yaml":         "title: Test partnership\nbase_url: https://example.org/\n",
		"content/index.md":  "Hello.\n",
		"data/partners.csv": "id,name,cost_share\nnorth,North Council,60\nsouth,South Council,40\n",
		"data/services.csv": "id,name\nict,ICT\ncustomer-services,Customer Services\nhr,Human Resources\n" +
			"revenues-benefits,Revenues and Benefits\nwaste,Waste\nfinance,Finance\n",
		"data/metrics.csv": "id,name,service,goal,unit,scale,direction,target,amber,cumulative,description,source\n" +
			"it01,Availability of core ICT systems,ict,resilience,percent,,higher,99.5,0.5,,,\n",
		"data/performance.csv": "metric,period,value,target\nit01,2025/26 Q1,99.7,\nit01,2025/26 Q2,99.4,\n" +
			"hr07,2025/26 Q1,2.1,2.15\nhr07,2025/26 Q2,4.0,4.25\nct01,2025/26 Q2,655,\n",
	}
	sitetest.WriteFiles(t, dir, files)
	return dir
}

// TestMetricsFromReports runs the officer's afternoon: two quarters'
// committee reports give metrics.csv rows for the metrics the site lacks;
// check then names each cell left empty; with the goals, the two
// directions the ratings could not tell and the missing service filled
// in, check passes.
func TestMetricsFromReports(t *testing.T) {
	const q1, q2 = "testdata/reports/q1-2025-26.csv", "testdata/reports/q2-2025-26.csv"
	dir := metricsSite(t)
	code, out, errs := runCmd("metrics", "--source", dir, q1, q2)
	if code != 0 {
		t.Fatalf("metrics: exit %d\n%s", code, errs)
	}
	want, err := os.ReadFile("testdata/reports/expected-metrics.csv")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("metrics wrote:\n%s\nwant:\n%s", out, want)
	}
	wantErrs := q1 + `:10: warning: data/services.csv lacks "Planning": add a row with id planning and name Planning
` + q2 + `:6: warning: target 4.25 of HR07 differs from 2.15 at ` + q1 + `:6: the target changes by period, so metrics.csv leaves it empty and each report's own target column rates its quarter
` + q2 + `:8: warning: target 58.2 of RB01 differs from 30.0 at ` + q1 + `:8: the target changes by period, so metrics.csv leaves it empty and each report's own target column rates its quarter
partnersite metrics: 8 metrics; 2 directions and 8 goals left empty: fill them in, then run partnersite check
`
	if errs != wantErrs {
		t.Errorf("metrics said:\n%s\nwant:\n%s", errs, wantErrs)
	}

	// The officer adds the rows to metrics.csv as they are.
	metricsCSV := filepath.Join(dir, "data", "metrics.csv")
	old, err := os.ReadFile(metricsCSV)
	if err != nil {
		t.Fatal(err)
	}
	_, rows, _ := strings.Cut(out, "\n")
	if err := os.WriteFile(metricsCSV, append(old, rows...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCmd("check", "--source", dir)
	if code != 1 {
		t.Errorf("check of the rows as written: exit %d, want 1\n%s", code, errs)
	}
	for _, line := range []string{
		`data/metrics.csv:3: direction is empty: write higher or lower (which way is better), or neither for a measure of context`,
		`data/metrics.csv:3: goal is empty: write the goal it measures, one of: efficiency, resilience, capacity (the site's goals, as site.yaml sets them or by default)`,
		`data/metrics.csv:5: direction is empty: write higher or lower (which way is better), or neither for a measure of context`,
		`data/metrics.csv:10: goal is empty: write the goal it measures, one of: efficiency, resilience, capacity (the site's goals, as site.yaml sets them or by default)`,
		`data/metrics.csv:8: service "planning" is not a service in data/services.csv`,
	} {
		if !strings.Contains(errs, line) {
			t.Errorf("check does not say %q; it said:\n%s", line, errs)
		}
	}
	if n := strings.Count(errs, "is empty"); n != 10 {
		t.Errorf("check names %d empty cells, want 10 (8 goals, 2 directions):\n%s", n, errs)
	}

	// The officer's answers: a goal for each, the two directions, and
	// the service row the command asked for.
	goals := map[string]string{"cs04": "efficiency", "hr07": "capacity", "hr09": "capacity", "rb01": "efficiency",
		"ws03": "efficiency", "pl02": "capacity", "fn01": "efficiency", "ct01": "efficiency"}
	directions := map[string]string{"cs04": "higher", "hr09": "lower"}
	recs, err := csv.NewReader(strings.NewReader(string(old) + rows)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if g, ok := goals[rec[0]]; ok {
			rec[3] = g
		}
		if d, ok := directions[rec[0]]; ok {
			rec[6] = d
		}
	}
	var filled bytes.Buffer
	w := csv.NewWriter(&filled)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(metricsCSV, filled.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	services := filepath.Join(dir, "data", "services.csv")
	sv, err := os.ReadFile(services)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(services, append(sv, "planning,Planning\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd("check", "--source", dir); code != 0 || !strings.HasPrefix(out, "0 errors") {
		t.Errorf("check of the filled-in rows: exit %d, %s\n%s", code, out, errs)
	}

	// Now the site has every metric: nothing more to write.
	code, out, errs = runCmd("metrics", "--source", dir, q2)
	if code != 0 || out != strings.SplitAfter(string(want), "\n")[0] ||
		errs != "partnersite metrics: 0 metrics: data/metrics.csv already has every metric the files name\n" {
		t.Errorf("metrics of a site with every metric: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestMetricsUsage: no file is wrong usage; a file that cannot be read or
// names no metric column is a problem at its line, named as given, and
// nothing is written.
func TestMetricsUsage(t *testing.T) {
	dir := metricsSite(t)
	noCode := filepath.Join(t.TempDir(), "no-code.csv")
	if err := os.WriteFile(noCode, []byte("Indicator,Q1 2025/26,Target\nDays lost,2.1,2.15\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("testdata/reports/q2-2025-26.csv")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args     []string
		code     int
		stdout   string // a prefix
		inStderr string
	}{
		{[]string{"metrics", "--source", dir}, 2, "", "name the performance report files to read"},
		{[]string{"metrics", "-h"}, 0, "Usage of partnersite metrics", ""},
		{[]string{"metrics", "--source", dir, "missing.csv"}, 1, "", "missing.csv:1: cannot read the file: no such file or directory\n"},
		{[]string{"metrics", "--source", dir, "testdata/reports/q1-2025-26.csv", noCode}, 1, "",
			noCode + ":1: no header row: none of the first 2 rows names the columns metric"},
		// Flags after the files, and a file named by its full path.
		{[]string{"metrics", abs, "--source", dir}, 0, "id,name,service,goal,unit,scale,direction,target,amber,cumulative,description,source\ncs04,", abs + ":10: warning: data/services.csv lacks"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(tt.args...)
		if code != tt.code || !strings.HasPrefix(out, tt.stdout) || !strings.Contains(errs, tt.inStderr) || tt.code == 1 && out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d, %q, %q", tt.args, code, out, errs, tt.code, tt.stdout, tt.inStderr)
		}
	}
}

// TestMetricsOnTheExample runs `metrics` over every performance file of
// the example site, as an officer would with data/performance/*.csv: the
// file named for its metric is passed over, and the committee reports'
// indicators are all in metrics.csv already, so no row is written.
func TestMetricsOnTheExample(t *testing.T) {
	files, err := filepath.Glob("../../data/performance/*.csv")
	if err != nil || len(files) < 3 {
		t.Fatalf("the example's performance files: %v %v", files, err)
	}
	code, stdout, stderr := runCmd(append([]string{"metrics", "--source", "../.."}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	header := "id,name,name_cy,service,goal,unit,direction,target,amber,description,description_cy,source,source_cy,compare,cumulative\n"
	if stdout != header {
		t.Errorf("stdout = %q, want the example's own header alone", stdout)
	}
	for _, want := range []string{
		`../../data/performance/rb-new-claims-days.csv:1: warning: passed over: its figures are for metric "rb-new-claims-days", which data/metrics.csv has already`,
		"partnersite metrics: 0 metrics: data/metrics.csv already has every metric the files name",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestDocsCommitteeExample holds docs/data.md's worked example, "From
// your committee report", to the example site: each block marked
// "file:" is that file as saved (less Excel's byte-order mark and CRLF
// lines), each "lines of:" block's lines are in that file, and each
// "output:" block is what the command prints on the example with the
// committee's metrics not yet in data/metrics.csv.
func TestDocsCommitteeExample(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/data.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- (file|lines of|output|stderr): ([^>]+?) -->\n```\n(.*?)```\n")
	blocks := re.FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 4 {
		t.Fatalf("docs/data.md has %d marked blocks, want the file, the output and the lines", len(blocks))
	}
	// The example before the officer's answers: metrics.csv without the
	// committee's rows.
	site := sitetest.CopySite(t, "../..")
	metrics := filepath.Join(site, "data", "metrics.csv")
	raw, err := os.ReadFile(metrics)
	if err != nil {
		t.Fatal(err)
	}
	// Nor the cumulative column, which they were the first to need.
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = -1 // trailing empty cells may be left out
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var before bytes.Buffer
	w := csv.NewWriter(&before)
	for _, r := range recs {
		if strings.HasPrefix(r[0], "ss0") {
			continue
		}
		if n := len(recs[0]); len(r) == n {
			if last := r[n-1]; last != "cumulative" && last != "" {
				t.Fatalf("the example's metrics.csv changed shape: %q", r)
			}
			r = r[:n-1]
		}
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	if err := os.WriteFile(metrics, before.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		kind, arg, body := b[1], b[2], b[3]
		switch kind {
		case "file":
			got, err := os.ReadFile(filepath.Join(repo, arg))
			if err != nil {
				t.Fatal(err)
			}
			got = bytes.ReplaceAll(bytes.TrimPrefix(got, []byte("\xef\xbb\xbf")), []byte("\r\n"), []byte("\n"))
			if string(got) != body {
				t.Errorf("docs/data.md's %s differs from the file:\n%s\nwant:\n%s", arg, body, got)
			}
		case "lines of":
			got, err := os.ReadFile(filepath.Join(repo, arg))
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
				if !strings.Contains(string(got), l+"\n") {
					t.Errorf("%s lacks the line docs/data.md gives:\n%s", arg, l)
				}
			}
		case "output", "stderr":
			// Run in the site folder, as the docs show it.
			t.Chdir(site)
			code, stdout, stderr := runCmd(strings.Fields(strings.TrimPrefix(arg, "partnersite "))...)
			got := stdout
			if kind == "stderr" {
				got = stderr
			}
			if code != 0 || got != body {
				t.Errorf("%s: exit %d; its %s:\n%s\ndocs/data.md says:\n%s", arg, code, kind, got, body)
			}
		}
	}
}

// TestLongOutputPath gives an output folder whose path leaves room for the
// site's own pages but not for one deep page: check and build both name
// the page at its file, before anything is written, and an output folder
// too long for any site is refused as wrong usage. Before, check passed
// and build failed half-way with no file and line.
func TestLongOutputPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the limit is Linux's PATH_MAX")
	}
	dir := smallSite(t)
	a, b := strings.Repeat("a", 100), strings.Repeat("b", 100)
	page := "content/" + a + "/" + b + ".md"
	sitetest.Write(t, filepath.Join(dir, filepath.FromSlash(page)), "---\ntitle: Deep\n---\n")
	// An output folder leaving room for want characters inside it: each
	// character added to its path takes one from the room.
	deep := func(want int) string {
		out := filepath.Join(t.TempDir(), "public")
		room, err := publish.Room(out)
		if err != nil {
			t.Fatal(err)
		}
		parts := []string{filepath.Dir(out)}
		for n := room - want; n > 0; {
			l := min(n, 200) - 1 // the separator counts
			if l < 1 {
				l = 1
			}
			parts = append(parts, strings.Repeat("p", l))
			n -= l + 1
		}
		out = filepath.Join(append(parts, "public")...)
		if got, _ := publish.Room(out); got != want {
			t.Fatalf("room %d, want %d", got, want)
		}
		return out
	}
	out := deep(180)
	want := page + ":1: this page would be written to " + a + "/" + b + "/index.html in the output folder, a path too long for this computer to write (212 characters where the output folder leaves room for 180)"
	checkCode, _, checkErrs := runCmd("check", "--source", dir, "--output", out)
	buildCode, _, buildErrs := runCmd("build", "--source", dir, "--output", out)
	if checkCode != 1 || buildCode != 1 || checkErrs != buildErrs || !strings.Contains(checkErrs, want) {
		t.Errorf("check exit %d, build exit %d, want 1 and %q:\ncheck:\n%sbuild:\n%s", checkCode, buildCode, want, checkErrs, buildErrs)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("build made the output folder: %v", err)
	}
	if code, _, errs := runCmd("build", "--source", dir, "--output", deep(300)); code != 0 {
		t.Errorf("with room for the page, build exit %d:\n%s", code, errs)
	}
	for _, cmd := range []string{"check", "build"} {
		code, _, errs := runCmd(cmd, "--source", dir, "--output", deep(100))
		if code != 2 || !strings.Contains(errs, "has a path too long for this computer to write a site in (100 characters to spare") {
			t.Errorf("%s with no room for a site: exit %d\n%s", cmd, code, errs)
		}
	}
}
