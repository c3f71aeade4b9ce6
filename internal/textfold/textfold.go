// Package textfold compares Portuguese text the way people read it: regardless of case,
// accents and compatibility forms. Intake labels, file names and petition keywords are
// matched through it.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and strips accents and compatibility forms
// ("Nº" → "no", "ç" → "c"), so labels, headers and file names compare
// regardless of case and accents.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r <= 0xff && latin1Fold[r-0x80] != "":
			b.WriteString(latin1Fold[r-0x80])
		case r <= 0xff:
			b.WriteRune(unicode.ToLower(r))
		default:
			// Rare: decompose the rest of the string the slow way.
			for _, r := range norm.NFKD.String(s[i:]) {
				if !unicode.Is(unicode.Mn, r) {
					b.WriteRune(unicode.ToLower(r))
				}
			}
			return b.String()
		}
	}
	return b.String()
}

// latin1Fold is Fold for U+0080–U+00FF: the Latin-1 letters of Portuguese
// without their accents, and the ordinal indicators as NFKD reads them.
var latin1Fold = func() (t [128]string) {
	set := func(chars, to string) {
		for _, r := range chars {
			t[r-0x80] = to
		}
	}
	set("ÀÁÂÃÄÅàáâãäåª", "a")
	set("Çç", "c")
	set("ÈÉÊËèéêë", "e")
	set("ÌÍÎÏìíîï", "i")
	set("Ññ", "n")
	set("ÒÓÔÕÖòóôõöº", "o")
	set("ÙÚÛÜùúûü", "u")
	set("Ýýÿ", "y")
	t['\u00a0'-0x80] = " "
	return t
}()
