// Package petition reads the petitions that arrive at the protocol and debt mailboxes
// (004 §14): which case a petition concerns, by the case number it must carry
// (004 §14.3), and what it asks, by keywords in its subject (documented in README.md).
package petition

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/procon-es/procon/internal/cip"
	"github.com/procon-es/procon/internal/textfold"
)

// Kind is what a petition asks for.
type Kind string

// The kinds of petition recognised by subject keywords. Anything else is a generic
// petition, attached to the case for staff.
const (
	// KindCIPAnswer: the supplier's answer to a CIP (004 §4.3.3–4.3.4).
	KindCIPAnswer Kind = "resposta_cip"
	// KindConsumerReturn: the consumer comes back after the CIP answer (004 §4.3.7).
	KindConsumerReturn Kind = "retorno_consumidor"
	// KindWithdrawal: the consumer withdraws (004 §4.4.1 I).
	KindWithdrawal Kind = "desistencia"
	// KindConversion: the consumer asks for the conversion into a reclamação (004 §4.3.6).
	KindConversion Kind = "conversao_reclamacao"
	// KindAcceptance: the consumer, back after the CIP answer, accepts it: the case is
	// resolved and archived (004 §4.3.7).
	KindAcceptance Kind = "aceite_resposta"
	// KindBreach: the consumer reports a breach of the agreement (004 §5.11).
	KindBreach Kind = "descumprimento_acordo"
	// KindDefense: the supplier's written defense (004 §8.15).
	KindDefense Kind = "defesa"
	// KindNoticeAnswer: the supplier's answer to a notification of the Diretoria Jurídica
	// (004 §8.9) or of the presidency (004 §8.13).
	KindNoticeAnswer Kind = "resposta_notificacao"
	// KindWaiver: the waiver of appeal, Annex XI (004 §15.2–15.3).
	KindWaiver Kind = "renuncia_recurso"
	// KindAppeal: an appeal to the second instance (004 §10.1).
	KindAppeal Kind = "recurso"
	// KindInstallment: an installment request, Annex XIII (004 §15.8).
	KindInstallment Kind = "parcelamento"
	// KindConfirmation: the consumer confirms the request (positive identification,
	// 004 Annex IX VI).
	KindConfirmation Kind = "confirmacao_identificacao"
	// KindIdentificationRefusal: the consumer does not recognise the request; the
	// atendimento is cancelled (004 Annex IX VI).
	KindIdentificationRefusal Kind = "recusa_identificacao"
	// KindGeneric: any other petition.
	KindGeneric Kind = "peticao"
)

// Keyword is a subject keyword and the kind it marks.
type Keyword struct {
	Words string // folded (see textfold), matched as whole words
	Kind  Kind
}

// Keywords lists the subject keywords, most specific first: "renúncia ao recurso" is a
// waiver, not an appeal. Matching ignores case and accents.
var Keywords = []Keyword{
	{"nao confirmo", KindIdentificationRefusal},
	{"nao reconheco", KindIdentificationRefusal},
	{"confirmo", KindConfirmation},
	{"nao aceito", KindConversion},
	{"aceito", KindAcceptance},
	{"aceite", KindAcceptance},
	{"resposta cip", KindCIPAnswer},
	{"resposta a cip", KindCIPAnswer},
	{"resposta da cip", KindCIPAnswer},
	{"resposta notificacao", KindNoticeAnswer},
	{"resposta a notificacao", KindNoticeAnswer},
	{"resposta da notificacao", KindNoticeAnswer},
	{"renuncia", KindWaiver},
	{"parcelamento", KindInstallment},
	{"desistencia", KindWithdrawal},
	{"conversao", KindConversion},
	{"descumprimento", KindBreach},
	{"defesa", KindDefense},
	{"recurso", KindAppeal},
	{"retorno", KindConsumerReturn},
	{"ciente", KindConsumerReturn},
}

// KindOf recognises the kind of a petition from its subject.
func KindOf(subject string) Kind {
	words := " " + strings.Join(strings.FieldsFunc(textfold.Fold(subject), notAlnum), " ") + " "
	for _, k := range Keywords {
		if strings.Contains(words, " "+k.Words+" ") {
			return k.Kind
		}
	}
	return KindGeneric
}

func notAlnum(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
}

// naPattern finds a Número de Atendimento as people write it: "NA-2026-000123",
// "NA 2026/000123", "na: 2026-000123", "NA nº 2026-000123".
var naPattern = regexp.MustCompile(`(?i)\bNA\b[\s:.\-º°nN]*?(\d{4})\s*[-/.]?\s*(\d{6})\b`)

// FindNA returns the first case number in the texts, in order (subject, then body),
// normalised to NA-YYYY-NNNNNN; "" when there is none. A CIP number names its case too
// (cip.Number); within one text an NA is preferred.
func FindNA(texts ...string) string {
	for _, t := range texts {
		if m := naPattern.FindStringSubmatch(t); m != nil {
			return "NA-" + m[1] + "-" + m[2]
		}
		if _, na := cip.Find(t); na != "" {
			return na
		}
	}
	return ""
}

// Party is who may file a kind of petition.
type Party string

// The parties of a case.
const (
	PartyConsumer Party = "consumidor"
	PartySupplier Party = "fornecedor"
	PartyAny      Party = ""
)

// PartyOf says who files a kind of petition.
func PartyOf(k Kind) Party {
	switch k {
	case KindConsumerReturn, KindAcceptance, KindWithdrawal, KindConversion, KindBreach, KindConfirmation,
		KindIdentificationRefusal:
		return PartyConsumer
	case KindCIPAnswer, KindDefense, KindNoticeAnswer, KindAppeal, KindWaiver, KindInstallment:
		return PartySupplier
	}
	return PartyAny
}

// ActsByItself reports whether a kind of petition changes the case with no staff
// decision: the supplier's CIP answer (its clock stops, 004 §4.3.1), the consumer's
// withdrawal, acknowledgement or acceptance of the CIP answer, conversion request,
// breach of the agreement and answer to the positive identification; the supplier's
// defense, answer to a notification, appeal, waiver of appeal and installment request.
// Those take effect by themselves only from the address on record of their party, with
// an authenticated sender (internal/senderauth); otherwise they await staff
// confirmation (issue 14, README "Petitions").
func ActsByItself(k Kind) bool {
	switch k {
	case KindCIPAnswer, KindWithdrawal, KindConsumerReturn, KindAcceptance, KindConversion, KindBreach, KindDefense,
		KindNoticeAnswer, KindAppeal, KindWaiver, KindInstallment, KindConfirmation, KindIdentificationRefusal:
		return true
	}
	return false
}

// installmentsPattern finds the number of installments a request asks for: "12
// parcelas", "em 12 parcelas mensais", "parcelas: 12", "número de parcelas: 12".
var installmentsPattern = regexp.MustCompile(`(?i)(?:\b(\d{1,2})\s+parcelas\b|\bparcelas\s*[:=]\s*(\d{1,2})\b)`)

// FindInstallments returns the number of installments the first text that names one
// asks for (004 §15.8, Annex XIII); 0 when none does.
func FindInstallments(texts ...string) int {
	for _, t := range texts {
		if m := installmentsPattern.FindStringSubmatch(t); m != nil {
			n, _ := strconv.Atoi(m[1] + m[2]) // one of the groups matched, 1–2 digits
			return n
		}
	}
	return 0
}
