// Package cip holds the Carta de Informação Preliminar (004 §4): the number each letter
// carries and the letter itself, the PDF the supplier receives.
package cip

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Prefix starts every CIP number.
const Prefix = "CIP-"

// Number is the number of the CIP sent to the n-th supplier (1-based, in the order of
// the form) of a case: CIP-YYYY-NNNNNN-n, the case's NA with the supplier's position.
// One CIP per supplier: each answers its own, individually (004 §4.3.3). The number
// leads back to its case, so an answer naming only the CIP number still finds it
// (004 §14.3). Documented in README.md.
func Number(na string, n int) string {
	return Prefix + strings.TrimPrefix(na, "NA-") + "-" + strconv.Itoa(n)
}

// numberPattern finds a CIP number as people write it: "CIP-2026-000123-1",
// "CIP nº 2026/000123-1", "cip 2026-000123/2".
var numberPattern = regexp.MustCompile(`(?i)\bCIP\b[\s:.\-º°nN]*?(\d{4})\s*[-/.]?\s*(\d{6})\s*[-/.]\s*(\d{1,2})\b`)

// Find returns the first CIP number in the texts, in order, normalised
// (CIP-YYYY-NNNNNN-n), and the NA of its case; "" when there is none.
func Find(texts ...string) (number, na string) {
	for _, t := range texts {
		if m := numberPattern.FindStringSubmatch(t); m != nil {
			n, _ := strconv.Atoi(m[3])
			if n == 0 {
				continue
			}
			na = fmt.Sprintf("NA-%s-%s", m[1], m[2])
			return Number(na, n), na
		}
	}
	return "", ""
}

// Position is the supplier's position (1-based) a normalised CIP number carries, 0 when
// it carries none.
func Position(number string) int {
	i := strings.LastIndexByte(number, '-')
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(number[i+1:])
	if err != nil || n < 0 {
		return 0
	}
	return n
}
