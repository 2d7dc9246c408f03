package chart

import (
	"math"
	"strconv"
	"testing"
)

// luminance is WCAG 2's relative luminance of a #RRGGBB colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestPaletteContrast holds the chart colours to WCAG 2.2's 3:1 for
// graphical objects (1.4.11): each series colour against the white
// background, and each against the series drawn next to it, in order.
// The dashed target line is told apart by its dash, not its colour, so it
// is held to 3:1 against white only.
func TestPaletteContrast(t *testing.T) {
	for i, c := range Palette {
		if r := contrast(t, c, "#FFFFFF"); r < 3 {
			t.Errorf("%s on white: %.2f:1, want at least 3:1", c, r)
		}
		if i > 0 {
			if r := contrast(t, c, Palette[i-1]); r < 3 {
				t.Errorf("%s next to %s: %.2f:1, want at least 3:1", c, Palette[i-1], r)
			}
		}
	}
	if r := contrast(t, TargetColour, "#FFFFFF"); r < 3 {
		t.Errorf("target line on white: %.2f:1", r)
	}
}
