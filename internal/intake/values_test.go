package intake

import (
	"testing"
	"time"
)

func TestNormalizeUF(t *testing.T) {
	for in, want := range map[string]string{
		"ES": "ES", "es": "ES", " Es ": "ES", "Espírito Santo": "ES", "ESPIRITO SANTO": "ES",
		"São Paulo": "SP", "Distrito Federal": "DF", "ES - Espírito Santo": "ES", "Mato Grosso do Sul": "MS",
	} {
		if got, ok := normalizeUF(in); !ok || got != want {
			t.Errorf("normalizeUF(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"XX", "E", "Vitória", "EX", "Espírito"} {
		if _, ok := normalizeUF(in); ok {
			t.Errorf("normalizeUF(%q) accepted", in)
		}
	}
	if len(ufNames) != 27 {
		t.Errorf("%d UFs, want 27", len(ufNames))
	}
}

func TestNormalizeCEP(t *testing.T) {
	for in, want := range map[string]string{"29060-000": "29060000", "29060000": "29060000", "29.060-000": "29060000", "01310-100": "01310100"} {
		if got, ok := normalizeCEP(in); !ok || got != want {
			t.Errorf("normalizeCEP(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"2906-000", "290600000", "00000-000", "CEP 29060-000", "29060-00a"} {
		if _, ok := normalizeCEP(in); ok {
			t.Errorf("normalizeCEP(%q) accepted", in)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"(27) 99876-5432": "27998765432", "27 3322-1100": "2733221100", "+55 27 99876-5432": "27998765432",
		"5527998765432": "27998765432", "027 3322-1100": "2733221100", "(11)3003-1234": "1130031234",
		"27998765432": "27998765432",
	} {
		if got, ok := normalizePhone(in); !ok || got != want {
			t.Errorf("normalizePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"99876-5432", "(20) 3322-1100", "(27) 8876-5432", "(27) 19876-5432", "27 99876-543",
		"ramal 20", "(27) 9987-65432x", "0800 123 4567"} {
		if _, ok := normalizePhone(in); ok {
			t.Errorf("normalizePhone(%q) accepted", in)
		}
	}
}

func TestParseBirthDate(t *testing.T) {
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC) // 22/11 in Brasília
	tests := []struct {
		in   string
		want string
		p    dateProblem
	}{
		{"15/04/1985", "1985-04-15", dateOK},
		{"5/4/1985", "1985-04-05", dateOK},
		{"15-04-1985", "1985-04-15", dateOK},
		{"15.04.1985", "1985-04-15", dateOK},
		{"1985-04-15", "1985-04-15", dateOK},
		{"29/02/2000", "2000-02-29", dateOK},
		{"01/01/1900", "1900-01-01", dateOK},
		{"22/11/2026", "2026-11-22", dateOK},
		{"23/11/2026", "", dateFuture}, // still the 22nd in Brasília
		{"29/02/2001", "", dateNotReal},
		{"31/04/1985", "", dateNotReal},
		{"15/13/1985", "", dateNotReal},
		{"31/12/1899", "", dateTooOld},
		{"15/04/85", "", dateShortYear},
		{"quinze de abril", "", dateFormat},
		{"04/15/1985", "", dateNotReal},
	}
	for _, tt := range tests {
		got, p := parseBirthDate(tt.in, now)
		if got != tt.want || p != tt.p {
			t.Errorf("parseBirthDate(%q) = %q, %v; want %q, %v", tt.in, got, p, tt.want, tt.p)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for in, want := range map[string]string{"Maria@Example.com.br": "maria@example.com.br", "Maria <m@x.com>": "m@x.com"} {
		if got, reason := checkEmail(in); reason != "" || got != want {
			t.Errorf("checkEmail(%q) = %q, %q", in, got, reason)
		}
	}
	for _, in := range []string{"maria@", "maria", "maria@localhost", "@x.com", "maria@x..com", "maria @x.com"} {
		if _, reason := checkEmail(in); reason == "" {
			t.Errorf("checkEmail(%q) accepted", in)
		}
	}
}

func TestCheckOAB(t *testing.T) {
	for in, want := range map[string]string{
		"12345": "12345", "12.345/ES": "12345/ES", "OAB/ES 12345": "12345/ES", "ES-12345": "12345/ES", "nº 1234 ES": "1234/ES",
	} {
		if got, reason := checkOAB(in); reason != "" || got != want {
			t.Errorf("checkOAB(%q) = %q, %q; want %q", in, got, reason, want)
		}
	}
	for _, in := range []string{"OAB", "advogado", "123456789"} {
		if _, reason := checkOAB(in); reason == "" {
			t.Errorf("checkOAB(%q) accepted", in)
		}
	}
}

func TestCheckRG(t *testing.T) {
	for in, want := range map[string]string{"1.234.567": "1234567", "MG-12.345.678": "MG12345678", "12.345.678-x": "12345678X"} {
		if got, reason := checkRG(in); reason != "" || got != want {
			t.Errorf("checkRG(%q) = %q, %q", in, got, reason)
		}
	}
	for _, in := range []string{"12", "não tenho", "SSP"} {
		if _, reason := checkRG(in); reason == "" {
			t.Errorf("checkRG(%q) accepted", in)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"ENDEREÇO": "endereco", "Nº OAB": "no oab", "N° OAB": "n° oab", "Órgão Expedidor": "orgao expedidor",
		"Espírito Santo": "espirito santo", "ÿ€": "y€", "ﬁ": "fi", "São Paulo – SP": "sao paulo – sp",
		"Declaração": "declaracao", "e\u0301": "e",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
