package api

import (
	"sort"
	"strings"

	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/workflows"
)

// statusWords says each status of a case in words, as the console shows it.
var statusWords = map[string]string{
	"recebido":                               "Recebido",
	workflows.StatusAwaitingRegistration:     "Aguardando registro",
	workflows.StatusCancelled:                "Cancelado",
	workflows.StatusArchived:                 "Arquivado",
	workflows.StatusCIPAwaitingDelivery:      "CIP aguardando entrega",
	workflows.StatusCIPAwaitingAnswer:        "CIP aguardando resposta",
	workflows.StatusCIPAnswered:              "CIP respondida",
	workflows.StatusConsumerReturned:         "Consumidor retornou",
	workflows.StatusCIPReview:                "CIP vencida ou insatisfatória",
	workflows.StatusConverted:                "Convertido em reclamação",
	workflows.StatusNoticeAwaitingDelivery:   "Notificação aguardando entrega",
	workflows.StatusAwaitingDefense:          "Aguardando defesa",
	workflows.StatusHearingScheduled:         "Audiência designada",
	workflows.StatusAgreement:                "Acordo em cumprimento",
	workflows.StatusAwaitingJudgment:         "Aguardando julgamento",
	workflows.StatusAwaitingNoticeAnswer:     "Aguardando resposta à notificação",
	workflows.StatusAwaitingReasonedDecision: "Aguardando decisão fundamentada",
	workflows.StatusTACSummoned:              "TAC: fornecedor convocado",
	workflows.StatusTACInForce:               "TAC em cumprimento",
	workflows.StatusExOfficioAwaitingAnswer:  "Notificação de ofício aguardando resposta",
	workflows.StatusAwaitingPresidency:       "Aguardando decisão da Presidência",
	workflows.StatusFineNotified:             "Multa notificada",
	workflows.StatusFineAppealed:             "Recurso em análise",
	workflows.StatusFineDue:                  "Multa aguardando pagamento",
	workflows.StatusFineReduced:              "Multa reduzida aguardando pagamento",
	workflows.StatusFineAwaitingDelivery:     "Decisão da multa aguardando entrega",
	workflows.StatusFineSuspended:            "Multa suspensa por ordem judicial",
	workflows.StatusInstallments:             "Multa parcelada",
	workflows.StatusDebtInscribed:            "Inscrito em Dívida Ativa",
	workflows.StatusGrouped:                  "Reunido em processo coletivo",
}

// statusInWords says a status in words; an unknown one as it is.
func statusInWords(status string) string {
	if w, ok := statusWords[status]; ok {
		return w
	}
	return status
}

// roleWords names each staff role.
var roleWords = map[string]string{
	RoleAtendente:          "Atendente",
	RoleGerenteAtendimento: "Gerente de Atendimento",
	RoleDiretorJuridico:    "Diretoria Jurídica",
	RoleDiretorPresidente:  "Diretor Presidente",
	RoleFinanceiro:         "Financeiro",
	RoleAdmin:              "Administração",
}

// roleInWords names a role.
func roleInWords(role string) string {
	if w, ok := roleWords[role]; ok {
		return w
	}
	return role
}

// sortedStatuses lists the statuses in words' order, for a form's list.
func sortedStatuses() []string {
	out := make([]string, 0, len(statusWords))
	for st := range statusWords {
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return statusWords[out[i]] < statusWords[out[j]] })
	return out
}

// eventInWords says a timeline event's kind in words: the public description when
// there is one, the kind made readable otherwise.
func eventInWords(kind string) string {
	if w, ok := publicEvents[kind]; ok {
		return w
	}
	if kind == workflows.EventDecision {
		return "Decisão"
	}
	w := wordsOf(kind)
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// outboxWords says where an outgoing message stands.
var outboxWords = map[string]string{"pending": "aguardando envio", "sent": "enviada", "failed": "com falha, será reenviada"}

// outboxInWords says an outgoing message's status in words.
func outboxInWords(status string) string {
	if w, ok := outboxWords[status]; ok {
		return w
	}
	return status
}

// petitionWords names each kind of petition (internal/petition) as the timeline shows it.
var petitionWords = map[petition.Kind]string{
	petition.KindCIPAnswer:             "resposta à CIP",
	petition.KindConsumerReturn:        "retorno do consumidor",
	petition.KindWithdrawal:            "desistência",
	petition.KindConversion:            "pedido de conversão em reclamação",
	petition.KindAcceptance:            "aceite da resposta",
	petition.KindBreach:                "descumprimento de acordo",
	petition.KindDefense:               "defesa",
	petition.KindNoticeAnswer:          "resposta à notificação",
	petition.KindWaiver:                "renúncia ao recurso",
	petition.KindAppeal:                "recurso",
	petition.KindInstallment:           "pedido de parcelamento",
	petition.KindConfirmation:          "confirmação da identificação",
	petition.KindIdentificationRefusal: "recusa da identificação",
	petition.KindGeneric:               "petição",
}

// eventTypeInWords says what a timeline event's tipo names: a decision by its label, a
// petition by its kind, anything else made readable.
func eventTypeInWords(kind, tipo string) string {
	switch kind {
	case workflows.EventDecision:
		if l := workflows.DecisionLabel(tipo); l != "" {
			return l
		}
	case workflows.EventPetitionReceived:
		if w, ok := petitionWords[petition.Kind(tipo)]; ok {
			return w
		}
	}
	return wordsOf(tipo)
}
