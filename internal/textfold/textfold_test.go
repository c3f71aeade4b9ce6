package textfold

import "testing"

func TestFoldIgnoresCaseAccentsAndCompatibilityForms(t *testing.T) {
	for in, want := range map[string]string{
		"RENÚNCIA AO RECURSO": "renuncia ao recurso",
		"Nº OAB":              "no oab",
		"Conversão":           "conversao",
		"ﬁm":                  "fim", // a ligature, outside Latin-1
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
