package petition

import (
	"regexp"
	"strings"

	"github.com/procon-es/procon/internal/cip"
	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/textfold"
)

// Codes of what a supplier's CIP answer lacks (004 §4.3.4, §4.2.3).
const (
	// AnswerNoCIPNumber: the answer names no CIP of the case.
	AnswerNoCIPNumber = "numero_cip"
	// AnswerNoConsumerName: the answer does not name the consumer.
	AnswerNoConsumerName = "nome_consumidor"
	// AnswerNoConsumerDoc: the answer does not carry the consumer's CPF (or CNPJ).
	AnswerNoConsumerDoc = "cpf_consumidor"
	// AnswerNoPDF: the answer has no PDF attached.
	AnswerNoPDF = "sem_pdf"
	// AnswerNotPDF: a file attached is not a PDF (checked by content).
	AnswerNotPDF = "anexo_nao_pdf"
)

// AnswerProblem is one thing a CIP answer lacks, with the sentence that tells the
// supplier (Portuguese).
type AnswerProblem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// CIPAnswerCase is what the check needs of the case an answer names.
type CIPAnswerCase struct {
	NA           string
	ConsumerName string
	ConsumerDoc  string // cleaned (taxid.Clean)
	Suppliers    int    // how many suppliers, hence CIPs, the case has
}

// docPattern finds CPF/CNPJ-like runs, punctuated or not.
var docPattern = regexp.MustCompile(`[0-9A-Za-z][0-9A-Za-z.\-/ ]{9,22}[0-9]`)

// CheckCIPAnswer checks a supplier's answer to a CIP (004 §4.3.3–4.3.4, §4.2.3): its
// subject or text must name the CIP number (one of the case's), the consumer's name and
// CPF; the answer and its documents go as PDF files only. It returns the CIP number
// found and every problem, in one pass.
func CheckCIPAnswer(m *mailmsg.Message, c CIPAnswerCase) (string, []AnswerProblem) {
	texts := append([]string{m.Subject}, m.Bodies()...)
	var problems []AnswerProblem
	number, na := cip.Find(texts...)
	if n := cip.Position(number); number == "" || na != c.NA || n > c.Suppliers {
		number = ""
		problems = append(problems, AnswerProblem{AnswerNoCIPNumber,
			"Informe o número da CIP a que a resposta se refere (por exemplo " + cip.Number(c.NA, 1) + ") (item 4.3.4)."})
	}
	all := textfold.Fold(strings.Join(texts, "\n"))
	if !strings.Contains(strings.Join(strings.Fields(all), " "), strings.Join(strings.Fields(textfold.Fold(c.ConsumerName)), " ")) {
		problems = append(problems, AnswerProblem{AnswerNoConsumerName, "Informe o nome completo do(a) consumidor(a) reclamante (item 4.3.4)."})
	}
	if !namesDoc(texts, c.ConsumerDoc) {
		problems = append(problems, AnswerProblem{AnswerNoConsumerDoc, "Informe o CPF (ou CNPJ) do(a) consumidor(a) reclamante (item 4.3.4)."})
	}
	pdfs := 0
	for _, a := range m.AllAttachments() {
		switch {
		case a.Inline:
			// a logo in a signature is not a document
		case a.DetectedType == mailmsg.TypePDF:
			pdfs++
		default:
			problems = append(problems, AnswerProblem{AnswerNotPDF,
				"O arquivo \"" + a.Filename + "\" não é PDF: envie a resposta e os documentos somente em PDF (item 4.2.3)."})
		}
	}
	if pdfs == 0 {
		problems = append(problems, AnswerProblem{AnswerNoPDF, "Anexe a resposta em arquivo PDF (item 4.2.3)."})
	}
	return number, problems
}

// namesDoc reports whether the texts carry doc, punctuated or not.
func namesDoc(texts []string, doc string) bool {
	if doc == "" {
		return false
	}
	for _, t := range texts {
		for _, run := range docPattern.FindAllString(t, -1) {
			if strings.Contains(taxid.Clean(run), doc) {
				return true
			}
		}
	}
	return false
}
