// Package taxid validates the Brazilian tax IDs of consumers and suppliers: the CPF
// (11 digits) and the CNPJ (14 characters, numeric or, since July 2026, alphanumeric),
// by their check digits.
package taxid

import (
	"strings"

	"github.com/paemuri/brdoc"
)

// Kind tells what a CPF/CNPJ holds.
type Kind int

const (
	InvalidLength Kind = iota // neither 11 nor 14 characters
	BadCPF                    // 11 digits, check digits wrong
	BadCNPJ                   // 14 characters, check digits wrong
	CPF                       // valid CPF
	CNPJ                      // valid CNPJ
)

// Clean keeps the letters and digits of a CPF or CNPJ, upper-cased:
// "123.456.789-09" → "12345678909", "12.ABC.345/01DE-35" → "12ABC34501DE35".
func Clean(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Check validates a CPF (11 digits) or a CNPJ (14 characters), with or
// without punctuation, and returns it cleaned.
//
// CPF and numeric CNPJ check digits are verified by
// github.com/paemuri/brdoc. Alphanumeric CNPJs (Receita Federal, IN RFB
// 2.229/2024, issued from July 2026: 12 letters or digits and 2 check
// digits) are verified by checkAlphaCNPJ, since brdoc v1.1.1 predates them.
func Check(s string) (string, Kind) {
	c := Clean(s)
	switch {
	case len(c) == 11 && isDigits(c):
		if brdoc.IsCPF(c) {
			return c, CPF
		}
		return c, BadCPF
	case len(c) == 14 && isDigits(c):
		if brdoc.IsCNPJ(c) {
			return c, CNPJ
		}
		return c, BadCNPJ
	case len(c) == 14 && isDigits(c[12:]):
		if checkAlphaCNPJ(c) {
			return c, CNPJ
		}
		return c, BadCNPJ
	}
	return c, InvalidLength
}

// checkAlphaCNPJ verifies the two check digits of an alphanumeric CNPJ:
// each character is worth its ASCII code minus 48 ('0'–'9' → 0–9,
// 'A'–'Z' → 17–42), weighted 2–9 from the right and reduced modulo 11, as
// for the numeric CNPJ.
func checkAlphaCNPJ(c string) bool {
	if len(c) != 14 || strings.Count(c, c[:1]) == 14 {
		return false
	}
	dv := func(body string) byte {
		sum, w := 0, 2
		for i := len(body) - 1; i >= 0; i-- {
			sum += int(body[i]-'0') * w
			w++
			if w > 9 {
				w = 2
			}
		}
		r := sum % 11
		if r < 2 {
			return '0'
		}
		return byte('0' + 11 - r)
	}
	d1 := dv(c[:12])
	d2 := dv(c[:12] + string(d1))
	return c[12] == d1 && c[13] == d2
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Format punctuates a cleaned CPF (123.456.789-09) or CNPJ (12.345.678/0001-95) for
// reading; anything else is returned as it is.
func Format(c string) string {
	switch len(c) {
	case 11:
		return c[0:3] + "." + c[3:6] + "." + c[6:9] + "-" + c[9:]
	case 14:
		return c[0:2] + "." + c[2:5] + "." + c[5:8] + "/" + c[8:12] + "-" + c[12:]
	}
	return c
}
