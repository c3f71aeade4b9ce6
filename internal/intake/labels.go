package intake

import (
	"strings"
	"unicode"
)

// fieldKey is a form field, independent of the section it appears in.
type fieldKey string

const (
	keyName     fieldKey = "name"
	keyBirth    fieldKey = "birth_date"
	keyCPFCNPJ  fieldKey = "cpf_cnpj"
	keyRG       fieldKey = "rg"
	keyIssuer   fieldKey = "issuer"
	keyUF       fieldKey = "uf"
	keyOAB      fieldKey = "oab"
	keyAddress  fieldKey = "address"
	keyBairro   fieldKey = "bairro"
	keyCity     fieldKey = "city"
	keyState    fieldKey = "state"
	keyCEP      fieldKey = "cep"
	keyPhone1   fieldKey = "phone1"
	keyPhone2   fieldKey = "phone2"
	keyPhone    fieldKey = "phone" // unnumbered: fills phone1, then phone2
	keyEmail    fieldKey = "email"
	keyPriority fieldKey = "priority"
	keyKind     fieldKey = "kind" // "Este procurador é:" / "TIPO DE PROCURADOR:"
)

// labelAliases maps a label, folded by foldCompact with any parenthesised
// hint removed, to its field. The published labels of Annexes V–VII come
// first on each line; the rest are spellings consumers use.
var labelAliases = map[string]fieldKey{}

func init() {
	add := func(k fieldKey, names ...string) {
		for _, n := range names {
			labelAliases[n] = k
		}
	}
	add(keyName, "nome", "nomecompleto", "razaosocial", "nomerazaosocial", "nomedoconsumidor",
		"nomedoprocurador", "nomedofornecedor", "nomedaempresa", "empresa")
	add(keyBirth, "datadenasc", "datadenascimento", "datanasc", "datanascimento", "dtnasc",
		"dtnascimento", "dtdenasc", "dtdenascimento", "nascimento", "nasc")
	add(keyCPFCNPJ, "cpfcnpj", "cpfoucnpj", "cnpjcpf", "cpf", "cnpj", "ncpf", "nocpf", "numerodocpf",
		"ncnpj", "nocnpj", "cpfcnpjn", "cpfn", "cnpjn")
	add(keyRG, "rg", "rgn", "rgno", "nrg", "norg", "identidade", "carteiradeidentidade", "numerodorg",
		"rgnumero", "cin")
	add(keyIssuer, "orgexp", "orgaoexp", "orgaoexpedidor", "orgaoemissor", "orgexpedidor",
		"orgemissor", "expedidor", "emissor", "orgaoexpeditor")
	add(keyUF, "uf")
	add(keyOAB, "noab", "nooab", "oab", "oabn", "oabno", "numerooab", "numerodaoab", "inscricaooab",
		"inscricaonaoab", "noaboab")
	add(keyAddress, "endereco", "enderecocompleto", "logradouro", "enderecorua", "rua", "residencia")
	add(keyBairro, "bairro")
	add(keyCity, "cidade", "municipio", "cidademunicipio")
	add(keyState, "estado", "estadouf", "ufestado")
	add(keyCEP, "cep", "codigopostal")
	add(keyPhone1, "tel1", "telefone1", "fone1", "cel1", "celular1", "tel01", "telefone01", "contato1")
	add(keyPhone2, "tel2", "telefone2", "fone2", "cel2", "celular2", "tel02", "telefone02", "contato2")
	add(keyPhone, "tel", "telefone", "fone", "celular", "cel", "whatsapp", "telefonecelular",
		"telefonefixo", "telefoneparacontato", "telcontato")
	add(keyEmail, "email", "emails", "correioeletronico", "enderecoeletronico", "mail")
	add(keyPriority, "prioridade", "atendimentoprioritario", "prioridadedeatendimento")
	add(keyKind, "procuradore", "esteprocuradore", "tipodeprocurador", "tipodoprocurador",
		"tipoprocurador", "procuradortipo", "qualificacaodoprocurador")
}

// labelValue is one "LABEL: value" pair found on a line.
type labelValue struct {
	key   fieldKey
	value string
}

// maxLabelWords is how many words a label may span ("N° OAB (se for
// advogado)" is five), and maxLabelBytes how long it may be.
const (
	maxLabelWords = 6
	maxLabelBytes = 60
)

// lookupLabel returns the field a label names.
func lookupLabel(s string) (fieldKey, bool) {
	k, ok := labelAliases[foldCompact(stripParens(s))]
	return k, ok
}

// stripParens removes parenthesised hints: "N° OAB (se for advogado)".
func stripParens(s string) string {
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+1:]
	}
}

// splitLabels finds the labelled values of one line. A line may hold
// several labels, as the two-column published form does:
//
//	*CPF/CNPJ : 123.456.789-09	*RG : 1.234.567
//
// Every colon is a candidate end of a label: the label is the longest run of
// up to maxLabelWords words (a leading "*" starts a word) before it that
// names a known field. A colon with no label before it belongs to the value
// ("10:30"). The first label must open the line, after at most a bullet or
// an enumeration ("1.", "-", "•"); a line that does not is not a form line.
func splitLabels(line string) []labelValue {
	if strings.IndexByte(line, ':') < 0 && !strings.Contains(line, "：") {
		return nil
	}
	line = strings.ReplaceAll(line, "：", ":")
	var out []labelValue
	valueStart := 0 // byte offset where the current label's value starts
	prevColon := -1
	for i := 0; i < len(line); i++ {
		if line[i] != ':' {
			continue
		}
		// A label holds no colon and is short: look only at the last
		// maxLabelBytes before this colon, so long lines stay linear.
		segStart := prevColon + 1
		prevColon = i
		if i-segStart > maxLabelBytes {
			segStart = i - maxLabelBytes
			for segStart < i && !unicode.IsSpace(rune(line[segStart])) && line[segStart] != '*' {
				segStart++ // drop a partial first word
			}
		}
		key, at, ok := labelSuffix(line[segStart:i])
		if !ok {
			continue
		}
		labelAt := segStart + at
		if len(out) == 0 {
			if strings.IndexFunc(line[:labelAt], unicode.IsLetter) >= 0 {
				// "Meu nome: …" is not a form line, and no later label
				// can open it either.
				return nil
			}
		} else {
			out[len(out)-1].value = line[valueStart:labelAt]
		}
		out = append(out, labelValue{key: key})
		valueStart = i + 1
	}
	if len(out) > 0 {
		out[len(out)-1].value = line[valueStart:]
	}
	for i := range out {
		out[i].value = cleanValue(out[i].value)
	}
	return out
}

// labelSuffix finds the longest word suffix of seg that is a label, and
// where it starts.
func labelSuffix(seg string) (fieldKey, int, bool) {
	starts := wordStarts(seg)
	n := len(starts)
	for k := min(maxLabelWords, n); k >= 1; k-- {
		at := starts[n-k]
		cand := seg[at:]
		if len(cand) > maxLabelBytes {
			continue
		}
		if key, ok := lookupLabel(cand); ok {
			return key, at, true
		}
	}
	return "", 0, false
}

// wordStarts returns the byte offsets where words of s start; white space
// separates words and a "*" (the mandatory-field mark) starts one.
func wordStarts(s string) []int {
	var starts []int
	inWord := false
	for i, r := range s {
		switch {
		case r == '*':
			starts = append(starts, i)
			inWord = true
		case unicode.IsSpace(r):
			inWord = false
		default:
			if !inWord {
				starts = append(starts, i)
				inWord = true
			}
		}
	}
	return starts
}

// cleanValue trims a value and blanks placeholders: a value with no letter
// or digit ("( )", "____", "-") is empty.
func cleanValue(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == ';' || r == ','
	})
	v = strings.TrimRightFunc(v, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '–' || r == '—' || r == '|' || r == ';' || r == ','
	})
	if !hasAlnum(v) {
		return ""
	}
	return strings.Join(strings.Fields(v), " ")
}
