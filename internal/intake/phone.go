package intake

import "strings"

// validDDD lists the Brazilian area codes (DDD) in use, per Anatel.
var validDDD = map[string]bool{}

func init() {
	for _, d := range strings.Fields(`11 12 13 14 15 16 17 18 19 21 22 24 27 28
		31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 55
		61 62 63 64 65 66 67 68 69 71 73 74 75 77 79
		81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99`) {
		validDDD[d] = true
	}
}

// normalizePhone returns a Brazilian phone number as DDD + number, digits
// only, and whether it is valid. Accepted: an optional +55 country code, an
// optional trunk 0 before the DDD, any punctuation; then a valid DDD and
// either a 9-digit mobile number starting with 9 or an 8-digit landline
// starting with 2–5.
func normalizePhone(s string) (string, bool) {
	if strings.IndexFunc(s, func(r rune) bool {
		return r != '+' && r != '(' && r != ')' && r != '-' && r != '.' && r != ' ' && r != '/' && (r < '0' || r > '9')
	}) >= 0 {
		return strings.TrimSpace(s), false
	}
	d := digits(s)
	if (len(d) == 12 || len(d) == 13) && strings.HasPrefix(d, "55") {
		d = d[2:]
	}
	if (len(d) == 11 || len(d) == 12) && d[0] == '0' {
		d = d[1:]
	}
	switch {
	case len(d) == 11 && validDDD[d[:2]] && d[2] == '9':
		return d, true
	case len(d) == 10 && validDDD[d[:2]] && d[2] >= '2' && d[2] <= '5':
		return d, true
	}
	return strings.TrimSpace(s), false
}
