package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/partnersite/partnersite"
)

// TestVendoredECharts checks the embedded ECharts against the pin in
// scripts/vendor-echarts.sh, so an edited or truncated copy cannot ship.
func TestVendoredECharts(t *testing.T) {
	script, err := os.ReadFile("../../scripts/vendor-echarts.sh")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^MIN_SHA256=([0-9a-f]{64})$`).FindSubmatch(script)
	if m == nil {
		t.Fatal("no MIN_SHA256 in scripts/vendor-echarts.sh")
	}
	js, err := fs.ReadFile(partnersite.DefaultTheme, "themes/default/assets/echarts.min.js")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(js)
	if got := hex.EncodeToString(sum[:]); got != string(m[1]) {
		t.Errorf("echarts.min.js SHA-256 %s, pinned %s", got, m[1])
	}
	if lic, _ := fs.ReadFile(partnersite.DefaultTheme, "themes/default/assets/echarts-LICENSE.txt"); !strings.Contains(string(lic), "Apache License") {
		t.Error("ECharts licence is not shipped beside it")
	}
}
