// Package slug holds the one rule for the names that become parts of web
// addresses: ids in the data files, goal ids and theme names in site.yaml,
// and the file and folder names under content/. A slug is lower-case
// letters, digits and single hyphens, neither starting nor ending with a
// hyphen, so it is the same in every browser and on every server.
package slug

import "strings"

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
