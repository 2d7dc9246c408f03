// Package partnersite is the root of the partnersite module. It only embeds
// the built-in theme, because go:embed cannot reach a parent folder and the
// theme lives at the repository root beside the example site that uses it.
// The program itself is in cmd/partnersite and the packages in internal/.
package partnersite

import "embed"

// DefaultTheme holds themes/default: layouts, partials, pages and assets.
// A single binary carries it, so a council can run partnersite without
// copying a theme anywhere.
//
//go:embed all:themes/default
var DefaultTheme embed.FS
