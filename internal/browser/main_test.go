package browser

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// missing lists what the browser tests need and this machine lacks,
// with how to get it: Debian's chromium, poppler-utils for the printed
// pages, and axe-core (npm ci) for the accessibility rules.
func missing() []string {
	var out []string
	if _, err := exec.LookPath("chromium"); err != nil {
		if _, err := exec.LookPath("chromium-browser"); err != nil {
			out = append(out, "chromium (apt-get install chromium)")
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		out = append(out, "pdftotext (apt-get install poppler-utils)")
	}
	if _, err := os.Stat("../../node_modules/axe-core/axe.min.js"); err != nil {
		out = append(out, "axe-core (npm ci)")
	}
	return out
}

// TestMain says in one line, before the tests run, which of them will not
// and why. go test keeps a passing package's output to itself, so outside
// CI the line goes to the terminal too: a plain go test ./... would
// otherwise pass in silence on a machine that ran no browser at all.
func TestMain(m *testing.M) {
	if need := missing(); len(need) > 0 && os.Getenv("CI") == "" {
		line := fmt.Sprintf("internal/browser: the tests that need %s did not run (see README, \"The browser tests\"); CI runs them all\n", strings.Join(need, ", "))
		fmt.Print(line)
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			fmt.Fprint(tty, line)
			tty.Close()
		}
	}
	os.Exit(m.Run())
}
