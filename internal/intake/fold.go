package intake

import (
	"strings"
	"unicode"

	"github.com/procon-es/procon/internal/textfold"
)

// fold is textfold.Fold.
func fold(s string) string { return textfold.Fold(s) }

// foldWords folds s and keeps only letters and digits, single-space
// separated: "Dados do(s) FORNECEDOR(res):" → "dados do s fornecedor res".
func foldWords(s string) string {
	return strings.Join(strings.FieldsFunc(fold(s), notAlnum), " ")
}

// foldCompact folds s and keeps only ASCII letters and digits:
// "*N° OAB" → "noab", "E-MAIL" → "email".
func foldCompact(s string) string {
	var b strings.Builder
	for _, r := range fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// hasAlnum reports whether s has at least one letter or digit.
func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !notAlnum(r) }) >= 0
}
