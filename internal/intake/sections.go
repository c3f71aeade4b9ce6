package intake

import (
	"regexp"
	"strings"
)

// section is the part of the form a line belongs to.
type section int

const (
	secConsumer       section = iota // CAMPO I (also before any header)
	secRepresentative                // CAMPO II
	secSupplier                      // FORNECEDOR / Annex VII
	secRelato                        // RELATO: free text
	secIgnore                        // DOCUMENTOS, pasted annexes: until a header or a labelled line
	secSignature                     // after the "-- " signature line: until a header
)

var (
	campoRe        = regexp.MustCompile(`^campo (i|ii|iii|1|2|3)( |$)`)
	supplierRe     = regexp.MustCompile(`^(\d+ )?fornecedor(es| es| res)?( \d+)?$`)
	supplierNumRe  = regexp.MustCompile(`^fornecedor(es| es| res)? \d+ `)
	annexRe        = regexp.MustCompile(`^anexo [ivxl]+( |$)`)
	relatoHeaderRe = regexp.MustCompile(`^[*#\s]*(relato|descricao)(\s+d[oa]s?\s+[a-z]+)?\s*(\([^)]*\))?\s*([:\-–—]?)\s*(.*)$`)
)

var consumerHeaders = map[string]bool{
	"consumidor": true, "consumidor titular da reclamacao": true, "consumidor titular": true,
	"dados do consumidor": true, "consumidor reclamante": true, "reclamante": true,
}

var representativeHeaders = map[string]bool{
	"procurador": true, "procurador se houver": true, "dados do procurador": true,
	"procurador representante": true, "representante": true, "representante legal": true,
	"dados do representante": true, "procurador representante legal": true,
}

// header classifies a line that opens a section. rest is content that
// follows the header on the same line (only for "RELATO: text"). Inside the
// relato only unambiguous headers count, so a sentence of the account is
// never taken for one.
func header(line string, inRelato bool) (sec section, rest string, ok bool) {
	w := foldWords(line)
	if w == "" {
		return 0, "", false
	}
	trimmed := strings.TrimLeft(strings.TrimSpace(line), "*#-=• ")
	upper := trimmed != "" && strings.ToUpper(trimmed) == trimmed

	if m := campoRe.FindStringSubmatch(w); m != nil {
		switch m[1] {
		case "i", "1":
			return secConsumer, "", true
		case "ii", "2":
			return secRepresentative, "", true
		default:
			return secSupplier, "", true
		}
	}
	if supplierRe.MatchString(w) {
		return secSupplier, "", true
	}
	if w == "documentos" || w == "documentos obrigatorios" ||
		(upper && strings.HasPrefix(w, "documentos ")) {
		return secIgnore, "", true
	}
	if inRelato && !upper {
		return 0, "", false
	}
	// Headers below are accepted in the relato only when typed in capitals,
	// as the published template writes them.
	if supplierNumRe.MatchString(w) || w == "anexo vii" ||
		strings.HasPrefix(w, "dados do s fornecedor") || strings.HasPrefix(w, "dados do fornecedor") ||
		strings.HasPrefix(w, "dados dos fornecedores") || w == "empresa reclamada" || w == "fornecedor reclamado" {
		return secSupplier, "", true
	}
	if consumerHeaders[w] || strings.HasPrefix(w, "dados do consumidor") {
		return secConsumer, "", true
	}
	if representativeHeaders[w] {
		return secRepresentative, "", true
	}
	if annexRe.MatchString(w) || w == "declaracao do consumidor" {
		return secIgnore, "", true
	}
	if !inRelato {
		if m := relatoHeaderRe.FindStringSubmatch(fold(line)); m != nil {
			sep, text := m[4], strings.TrimSpace(m[5])
			if text == "" {
				return secRelato, "", true
			}
			if sep != "" || m[3] != "" {
				// The account goes on after the hint and separator, as typed.
				after := line
				if m[3] != "" {
					_, after, _ = strings.Cut(after, ")")
				}
				if sep != "" {
					_, after, _ = strings.Cut(after, sep)
				}
				return secRelato, strings.TrimSpace(after), true
			}
		}
	}
	return 0, "", false
}

// isSignatureDelimiter reports the "-- " line that starts a signature
// (RFC 3676 §4.3); what follows is not part of the form.
func isSignatureDelimiter(line string) bool {
	return strings.TrimRight(line, " \t") == "--" && strings.HasPrefix(line, "--")
}
