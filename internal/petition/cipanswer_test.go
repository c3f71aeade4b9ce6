package petition

import (
	"slices"
	"testing"

	"github.com/procon-es/procon/internal/mailmsg"
)

var answerCase = CIPAnswerCase{NA: "NA-2026-000123", ConsumerName: "Maria da Conceição Silva", ConsumerDoc: "52998224725", Suppliers: 2}

var pdf = &mailmsg.Attachment{Filename: "resposta.pdf", DetectedType: mailmsg.TypePDF}

func codes(ps []AnswerProblem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

// 004 §4.3.4: the answer names the consumer, the consumer's CPF and the CIP number.
func TestCIPAnswerNamesConsumerCPFAndNumber_004_4_3_4(t *testing.T) {
	m := &mailmsg.Message{Subject: "RESPOSTA CIP CIP-2026-000123-2",
		Text: "Em resposta à reclamação de MARIA DA CONCEICAO  SILVA, CPF 529.982.247-25, segue anexo.", Attachments: []*mailmsg.Attachment{pdf}}
	number, problems := CheckCIPAnswer(m, answerCase)
	if number != "CIP-2026-000123-2" || len(problems) != 0 {
		t.Fatalf("CheckCIPAnswer = %q, %v; want a valid answer to CIP-2026-000123-2", number, problems)
	}
}

func TestCIPAnswerLackingEverythingIsToldEverything(t *testing.T) {
	m := &mailmsg.Message{Subject: "Resposta CIP NA-2026-000123", Text: "Segue resposta.",
		Attachments: []*mailmsg.Attachment{{Filename: "resposta.docx", DetectedType: mailmsg.TypeZip}}}
	number, problems := CheckCIPAnswer(m, answerCase)
	want := []string{AnswerNoCIPNumber, AnswerNoConsumerName, AnswerNoConsumerDoc, AnswerNotPDF, AnswerNoPDF}
	if number != "" || !slices.Equal(codes(problems), want) {
		t.Fatalf("CheckCIPAnswer = %q, %v; want %v", number, codes(problems), want)
	}
}

// A CIP number of another case, or beyond the case's suppliers, is no number of this case.
func TestCIPAnswerNumberMustBeOneOfTheCase(t *testing.T) {
	for _, subject := range []string{"RESPOSTA CIP CIP-2026-000999-1", "RESPOSTA CIP CIP-2026-000123-3"} {
		m := &mailmsg.Message{Subject: subject, Text: "Maria da Conceição Silva 52998224725", Attachments: []*mailmsg.Attachment{pdf}}
		if _, problems := CheckCIPAnswer(m, answerCase); !slices.Equal(codes(problems), []string{AnswerNoCIPNumber}) {
			t.Errorf("%s: problems %v", subject, codes(problems))
		}
	}
}

// 004 §4.2.3: PDF only, by content; an inline logo is no attachment.
func TestCIPAnswerPDFOnly_004_4_2_3(t *testing.T) {
	fake := &mailmsg.Attachment{Filename: "resposta.pdf", DetectedType: "text/plain; charset=utf-8"}
	logo := &mailmsg.Attachment{Filename: "logo.png", DetectedType: mailmsg.TypePNG, Inline: true}
	m := &mailmsg.Message{Subject: "RESPOSTA CIP CIP-2026-000123-1", Text: "Maria da Conceição Silva 529.982.247-25",
		Attachments: []*mailmsg.Attachment{pdf, fake, logo}}
	if _, problems := CheckCIPAnswer(m, answerCase); !slices.Equal(codes(problems), []string{AnswerNotPDF}) {
		t.Fatalf("problems %v; want only the renamed text file refused", codes(problems))
	}
}
