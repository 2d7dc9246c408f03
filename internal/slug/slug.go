// Package slug holds the one rule for the names that become parts of web
// addresses: ids in the data files, goal ids and theme names in site.yaml,
// and the file and folder names under content/. A slug is lower-case
// letters, digits and single hyphens, neither starting nor ending with a
// hyphen, so it is the same in every browser and on every server.
package slug

import (
	"fmt"
	"strings"
)

// Valid reports whether s is a slug. It is a loop rather than a regular
// expression because ids are checked on every row of every data file.
func Valid(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// MaxLen is the longest slug: a folder name in the output, which must fit
// the 255-byte limit of file systems with room to spare for a council
// that copies the site into a deep folder.
const MaxLen = 100

// windows are the names Windows keeps for devices: a folder called "con"
// or "com1" cannot be created, copied or unzipped on a council laptop.
var windows = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// Check returns why a valid slug still cannot name a folder everywhere
// the site will be copied: too long, or a name Windows keeps for itself.
// It returns nil for a usable slug; Valid decides the form.
func Check(s string) error {
	switch {
	case len(s) > MaxLen:
		return fmt.Errorf("is %d characters long; keep it to %d, since it becomes a folder name", len(s), MaxLen)
	case windows[s]:
		return fmt.Errorf("is a name Windows keeps for a device and cannot use for a folder; choose another, e.g. %q", s+"-1")
	}
	return nil
}

// From suggests a slug for a name, for the hint in an error message:
// From("Revenues & Benefits") is "revenues-benefits". It may be "" for a
// name with no letters or digits.
func From(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
