package intake

import (
	"strings"
	"unicode"

	"github.com/procon-es/procon/internal/mailmsg"
)

// DocumentKind is a mandatory document of 004 §3.3.1.2 and Annex V item 3.
type DocumentKind string

// Document kinds, in the order they are checked and reported.
const (
	DocRG          DocumentKind = "rg"          // copy of the RG
	DocCPF         DocumentKind = "cpf"         // copy of the CPF
	DocSelfie      DocumentKind = "selfie"      // selfie holding the ID
	DocComprovante DocumentKind = "comprovante" // invoice, contract or other proof of the consumer relation
	DocDeclaracao  DocumentKind = "declaracao"  // signed consumer declaration (Annex IX)
	DocProcuracao  DocumentKind = "procuracao"  // power of attorney, notarised (Annex X); only when represented
	// DocOther is an accepted attachment whose name matches no keyword.
	DocOther DocumentKind = "other"
)

// DocumentKinds lists the mandatory kinds in report order; DocProcuracao is
// mandatory only when the consumer is represented.
var DocumentKinds = []DocumentKind{DocRG, DocCPF, DocSelfie, DocComprovante, DocDeclaracao, DocProcuracao}

// DocumentKeywords are the file-name keywords of each kind. A file name is
// folded (lower case, no accents) and split into words at every character
// that is not a letter or digit and between letters and digits
// ("RG-Frente.PDF" → rg, frente, pdf; "cpf2.pdf" → cpf, 2, pdf). The short
// keywords "rg" and "nf" match a word that starts with them ("rgfrente",
// "nfe"), "cin" only the whole word, and the others a word that contains
// them ("minhafatura", "contratos", "selfie2"); "nota fiscal" matches the
// two words in a row or run together ("nota_fiscal", "notafiscal").
var DocumentKeywords = map[DocumentKind][]string{
	DocRG:          {"rg", "identidade", "cin"},
	DocCPF:         {"cpf"},
	DocSelfie:      {"selfie", "selfi"},
	DocComprovante: {"comprovante", "fatura", "contrato", "nota fiscal", "nf", "boleto", "recibo", "cupom"},
	DocDeclaracao:  {"declaracao"},
	DocProcuracao:  {"procuracao"},
}

// classifyName returns the document kinds a file name provides.
//
// One file provides one kind, chosen by precedence, because names often
// mention another document: "selfie_com_rg.jpg" is the selfie,
// "procuracao_rg_outorgante.pdf" the procuração, "declaracao_cpf.pdf" the
// declaration, "comprovante_cpf.pdf" (the Receita's CPF status proof) the
// CPF. Precedence: selfie, procuração, declaração, then RG/CPF, then
// comprovante. The one exception: a name with both RG and CPF keywords
// ("rg_e_cpf.pdf", "RG-CPF.pdf") provides both, since one scan of the
// identity card, which carries the CPF number, is the usual way to send
// them.
func classifyName(filename string) []DocumentKind {
	words := nameWords(filename)
	has := func(k DocumentKind) bool { return matchesKeyword(words, DocumentKeywords[k]) }
	switch {
	case has(DocSelfie):
		return []DocumentKind{DocSelfie}
	case has(DocProcuracao):
		return []DocumentKind{DocProcuracao}
	case has(DocDeclaracao):
		return []DocumentKind{DocDeclaracao}
	}
	rg, cpf := has(DocRG), has(DocCPF)
	switch {
	case rg && cpf:
		return []DocumentKind{DocRG, DocCPF}
	case rg:
		return []DocumentKind{DocRG}
	case cpf:
		return []DocumentKind{DocCPF}
	case has(DocComprovante):
		return []DocumentKind{DocComprovante}
	}
	return nil
}

// nameWords splits a folded file name, extension included, into words.
func nameWords(filename string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range fold(filename) {
		switch {
		case r >= 'a' && r <= 'z':
			if len(cur) > 0 && unicode.IsDigit(cur[len(cur)-1]) {
				flush()
			}
			cur = append(cur, r)
		case r >= '0' && r <= '9':
			if len(cur) > 0 && !unicode.IsDigit(cur[len(cur)-1]) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

func matchesKeyword(words []string, keywords []string) bool {
	for _, kw := range keywords {
		parts := strings.Fields(kw)
		joined := strings.Join(parts, "")
		for i, w := range words {
			switch {
			case joined == "cin":
				if w == joined {
					return true
				}
			case len(joined) < 3:
				if strings.HasPrefix(w, joined) {
					return true
				}
			case strings.Contains(w, joined):
				return true
			}
			if len(parts) == 2 && i+1 < len(words) && words[i] == parts[0] && strings.HasPrefix(words[i+1], parts[1]) {
				return true
			}
		}
	}
	return false
}

// allowedType reports whether a kind accepts a detected content type: PDF for every
// document, JPEG and PNG too for the selfie (issue 4) and for unnamed
// extra evidence.
func allowedType(kind DocumentKind, detected string) bool {
	switch detected {
	case mailmsg.TypePDF:
		return true
	case mailmsg.TypeJPEG, mailmsg.TypePNG:
		return kind == DocSelfie || kind == DocOther
	}
	return false
}

// ignoredPart reports a part that is neither a document nor a problem:
// signatures, vCards, calendar invitations and other text parts without a
// document keyword (such as Outlook's "ATT00001.htm" body fragments), and
// inline images without one (logos, signatures).
func ignoredPart(a *mailmsg.Attachment, kinds []DocumentKind) bool {
	if len(kinds) > 0 {
		return false
	}
	switch a.DeclaredType {
	case "application/pkcs7-signature", "application/x-pkcs7-signature",
		"application/pgp-signature", "application/pgp-keys", "application/pgp-encrypted",
		"application/ms-tnef", "application/vnd.ms-tnef":
		return true
	}
	if strings.HasPrefix(a.DeclaredType, "text/") && !a.TooLarge {
		return true
	}
	return a.Inline
}
