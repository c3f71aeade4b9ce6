package intake

import "strings"

// ufNames maps the 27 federative units (26 states and the Distrito
// Federal) to their folded names, so "ES", "es", "Espírito Santo" and
// "espirito santo" all read as ES.
var ufNames = map[string]string{
	"AC": "acre", "AL": "alagoas", "AP": "amapa", "AM": "amazonas", "BA": "bahia",
	"CE": "ceara", "DF": "distrito federal", "ES": "espirito santo", "GO": "goias",
	"MA": "maranhao", "MT": "mato grosso", "MS": "mato grosso do sul", "MG": "minas gerais",
	"PA": "para", "PB": "paraiba", "PR": "parana", "PE": "pernambuco", "PI": "piaui",
	"RJ": "rio de janeiro", "RN": "rio grande do norte", "RS": "rio grande do sul",
	"RO": "rondonia", "RR": "roraima", "SC": "santa catarina", "SP": "sao paulo",
	"SE": "sergipe", "TO": "tocantins",
}

var ufByName = func() map[string]string {
	m := map[string]string{}
	for uf, name := range ufNames {
		m[name] = uf
	}
	return m
}()

// normalizeUF returns the two-letter UF for a code or a state name, and
// whether it is one of the 27.
func normalizeUF(s string) (string, bool) {
	w := foldWords(s)
	if uf := strings.ToUpper(w); len(uf) == 2 {
		_, ok := ufNames[uf]
		return uf, ok
	}
	if uf, ok := ufByName[w]; ok {
		return uf, true
	}
	// "ES - Espírito Santo", "Espírito Santo (ES)"
	if f := strings.Fields(w); len(f) > 1 {
		for _, code := range []string{f[0], f[len(f)-1]} {
			uf := strings.ToUpper(code)
			rest := strings.TrimSpace(strings.Replace(w, code, "", 1))
			if len(code) == 2 && ufNames[uf] == rest {
				return uf, true
			}
		}
	}
	return strings.TrimSpace(s), false
}

// normalizeCEP returns the 8 digits of a CEP typed with or without
// punctuation ("29.000-000", "29000-000", "29000000"), and whether it is
// valid: exactly 8 digits and not below 01000-000, the lowest CEP in use.
func normalizeCEP(s string) (string, bool) {
	d := digits(s)
	if len(d) != 8 || strings.IndexFunc(s, func(r rune) bool {
		return r != '.' && r != '-' && r != ' ' && (r < '0' || r > '9')
	}) >= 0 {
		return strings.TrimSpace(s), false
	}
	return d, d >= "01000000"
}
