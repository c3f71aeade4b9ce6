package intake

import (
	"net/mail"
	"strings"
	"time"
	"unicode"

	"github.com/procon-es/procon/internal/taxid"
)

// validator collects every problem of one message in one pass
// (issue 4: "All problems are found in one pass").
type validator struct {
	now      time.Time
	problems []Problem
}

func (v *validator) add(code Code, field, message string) {
	v.problems = append(v.problems, Problem{Code: code, Field: field, Message: message})
}

// checkFunc validates a non-empty raw value: it returns the normalised value
// and "" or, when invalid, a reason in Portuguese.
type checkFunc func(raw string) (string, string)

// value validates one field of a block. An empty mandatory field is
// missing_field; a filled field that does not pass check is invalid_field
// (product §2: an invalid value counts as missing) and keeps its raw value.
func (v *validator) value(b block, p rawPerson, key fieldKey, required bool, check checkFunc) string {
	raw := p[key]
	if raw == "" {
		if required {
			v.add(CodeMissingField, b.field(key), missingFieldMessage(b, key))
		}
		return ""
	}
	norm, reason := check(raw)
	if reason != "" {
		v.add(CodeInvalidField, b.field(key), invalidFieldMessage(b, key, reason))
		return raw
	}
	return norm
}

// form validates the raw form and returns it normalised.
func (v *validator) form(f *rawForm) Form {
	out := Form{Suppliers: []Supplier{}}

	// CAMPO I (Annex V; product §2): all mandatory but e-mail and priority.
	b := consumerBlock()
	c := f.consumer
	out.Consumer = Consumer{
		Name:      v.value(b, c, keyName, true, checkPersonName),
		BirthDate: v.value(b, c, keyBirth, true, v.checkBirthDate),
		CPFCNPJ:   v.value(b, c, keyCPFCNPJ, true, checkCPFOrCNPJ),
		RG:        v.value(b, c, keyRG, true, checkRG),
		Address:   v.value(b, c, keyAddress, true, checkAddress),
		Bairro:    v.value(b, c, keyBairro, true, checkPlaceName),
		City:      v.value(b, c, keyCity, true, checkPlaceName),
		State:     v.value(b, c, keyState, true, checkUF),
		CEP:       v.value(b, c, keyCEP, true, checkCEP),
		Phone1:    v.value(b, c, keyPhone1, true, checkPhone),
		Phone2:    v.value(b, c, keyPhone2, true, checkPhone),
		Email:     v.value(b, c, keyEmail, false, checkEmail),
	}
	_, kind := taxid.Check(c[keyCPFCNPJ])
	birth, p := parseBirthDate(c[keyBirth], v.now)
	if p != dateOK {
		birth = ""
	}
	out.Consumer.Priority = priorityOf(c[keyPriority], birth, kind == taxid.CPF, v.now)

	// CAMPO II (004 §3.3.1.3, Annex VI): only when represented.
	if f.isRepresented() {
		b := representativeBlock()
		r := f.rep
		rep := &Representative{Kind: r[keyKind]}
		rep.Name = v.value(b, r, keyName, true, checkPersonName)
		rep.CPFCNPJ = v.value(b, r, keyCPFCNPJ, true, checkCPFOnly)
		rep.RG = v.value(b, r, keyRG, true, checkRG)
		rep.Issuer = v.value(b, r, keyIssuer, true, checkIssuer)
		rep.UF = v.value(b, r, keyUF, true, checkUF)
		rep.OAB = v.value(b, r, keyOAB, rep.Kind == "advogado", checkOAB)
		if rep.Kind == "" && r[keyOAB] != "" {
			rep.Kind = "advogado"
		}
		rep.Address = v.value(b, r, keyAddress, true, checkAddress)
		rep.Bairro = v.value(b, r, keyBairro, true, checkPlaceName)
		rep.City = v.value(b, r, keyCity, true, checkPlaceName)
		rep.State = v.value(b, r, keyState, true, checkUF)
		rep.CEP = v.value(b, r, keyCEP, true, checkCEP)
		rep.Phone1 = v.value(b, r, keyPhone1, true, checkPhone)
		rep.Phone2 = v.value(b, r, keyPhone2, true, checkPhone)
		rep.Email = v.value(b, r, keyEmail, false, checkEmail)
		out.Representative = rep
	}

	// FORNECEDOR (Annex VII): one or more.
	for _, s := range f.suppliers {
		if len(s) == 0 {
			continue // a header with nothing under it
		}
		b := supplierBlock(len(out.Suppliers))
		out.Suppliers = append(out.Suppliers, Supplier{
			Name:    v.value(b, s, keyName, true, checkSupplierName),
			CPFCNPJ: v.value(b, s, keyCPFCNPJ, true, checkCPFOrCNPJ),
			Address: v.value(b, s, keyAddress, true, checkAddress),
			Bairro:  v.value(b, s, keyBairro, false, checkPlaceName),
			City:    v.value(b, s, keyCity, true, checkPlaceName),
			State:   v.value(b, s, keyState, true, checkUF),
			CEP:     v.value(b, s, keyCEP, true, checkCEP),
			Phone1:  v.value(b, s, keyPhone1, false, checkPhone),
			Phone2:  v.value(b, s, keyPhone2, false, checkPhone),
			Email:   v.value(b, s, keyEmail, false, checkEmail),
		})
	}
	if len(out.Suppliers) == 0 {
		v.add(CodeMissingField, "suppliers",
			"Nenhum fornecedor informado: preencha o bloco FORNECEDOR com NOME, CPF/CNPJ, ENDEREÇO, CIDADE, ESTADO e CEP da empresa reclamada.")
	}

	// RELATO (004 §3.3.1.2: "e o seu relato").
	out.Relato = f.relatoText()
	if out.Relato == "" {
		v.add(CodeMissingField, "relato",
			"Relato não preenchido: escreva o que aconteceu abaixo da linha RELATO do formulário.")
	}
	return out
}

// isRepresented reports a filled CAMPO II or a "Sim" to the question
// "Você está sendo representado por um procurador?". Filled values win
// over a "Não".
func (f *rawForm) isRepresented() bool {
	return f.represented == "sim" || len(f.rep) > 0
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func checkPersonName(s string) (string, string) {
	if countLetters(s) < 2 {
		return "", "informe o nome completo."
	}
	return s, ""
}

func checkSupplierName(s string) (string, string) {
	if countLetters(s) < 1 || len([]rune(s)) < 2 {
		return "", "informe o nome ou a razão social do fornecedor."
	}
	return s, ""
}

func checkAddress(s string) (string, string) {
	if countLetters(s) < 2 {
		return "", "informe o logradouro (rua, avenida…), o número e o complemento."
	}
	return s, ""
}

func checkPlaceName(s string) (string, string) {
	if countLetters(s) < 2 {
		return "", "informe o nome por extenso."
	}
	return s, ""
}

func (v *validator) checkBirthDate(s string) (string, string) {
	d, p := parseBirthDate(s, v.now)
	switch p {
	case dateOK:
		return d, ""
	case dateShortYear:
		return "", "informe o ano com quatro dígitos, no formato DD/MM/AAAA."
	case dateNotReal:
		return "", "a data informada não existe no calendário; use o formato DD/MM/AAAA."
	case dateFuture:
		return "", "a data informada é posterior à data de hoje."
	case dateTooOld:
		return "", "a data informada é anterior a 1900."
	}
	return "", "use o formato DD/MM/AAAA (ex.: 25/03/1980)."
}

func checkCPFOrCNPJ(s string) (string, string) {
	c, k := taxid.Check(s)
	switch k {
	case taxid.CPF, taxid.CNPJ:
		return c, ""
	case taxid.BadCPF:
		return "", "o CPF informado é inválido (os dígitos verificadores não conferem)."
	case taxid.BadCNPJ:
		return "", "o CNPJ informado é inválido (os dígitos verificadores não conferem)."
	}
	return "", "o número informado não é um CPF (11 dígitos) nem um CNPJ (14 caracteres)."
}

func checkCPFOnly(s string) (string, string) {
	c, k := taxid.Check(s)
	switch k {
	case taxid.CPF:
		return c, ""
	case taxid.BadCPF:
		return "", "o CPF informado é inválido (os dígitos verificadores não conferem)."
	}
	return "", "informe o CPF do procurador, com 11 dígitos."
}

func checkRG(s string) (string, string) {
	c := taxid.Clean(s)
	if len(c) < 4 || len(c) > 16 || len(digits(c)) < 3 {
		return "", "informe o número do documento de identidade (RG)."
	}
	return c, ""
}

func checkIssuer(s string) (string, string) {
	if countLetters(s) < 2 || len([]rune(s)) > 30 {
		return "", "informe a sigla do órgão expedidor do RG (ex.: SSP/ES, SPTC/ES, DETRAN/ES)."
	}
	return strings.ToUpper(s), ""
}

func checkUF(s string) (string, string) {
	if uf, ok := normalizeUF(s); ok {
		return uf, ""
	}
	return "", "informe a sigla de uma das 27 unidades da federação (ex.: ES)."
}

func checkCEP(s string) (string, string) {
	if c, ok := normalizeCEP(s); ok {
		return c, ""
	}
	return "", "informe os 8 dígitos do CEP (ex.: 29000-000)."
}

func checkPhone(s string) (string, string) {
	if p, ok := normalizePhone(s); ok {
		return p, ""
	}
	return "", "informe DDD e número, ex.: (27) 99999-9999 ou (27) 3333-4444."
}

func checkEmail(s string) (string, string) {
	a, err := mail.ParseAddress(s)
	if err == nil {
		local, domain, _ := strings.Cut(a.Address, "@")
		if local != "" && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") &&
			!strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..") && !strings.ContainsAny(a.Address, " \t") {
			return strings.ToLower(a.Address), ""
		}
	}
	return "", "o endereço de e-mail informado não é válido (ex.: nome@exemplo.com.br)."
}

// checkOAB reads an OAB registration ("12.345", "OAB/ES 12345",
// "12345/ES", "ES-12345-A"): 1 to 7 digits, and the seccional when a UF is
// written. It returns "12345/ES", or "12345" without a UF.
func checkOAB(s string) (string, string) {
	var num, uf string
	for _, w := range strings.Fields(foldWords(s)) {
		switch {
		case isDigits(w):
			num += w
		case len(w) == 2:
			if _, ok := ufNames[strings.ToUpper(w)]; ok && uf == "" {
				uf = strings.ToUpper(w)
			}
		}
	}
	if len(num) < 1 || len(num) > 7 {
		return "", "informe o número de inscrição na OAB com a seccional (ex.: 12345/ES)."
	}
	if uf != "" {
		return num + "/" + uf, ""
	}
	return num, ""
}
