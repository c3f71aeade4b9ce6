package workflows

import (
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// maxNoticeDays bounds the period the Diretoria Jurídica sets in a notification
// (004 §8.9 fixes none): long enough for any request, short enough to catch a typo.
const maxNoticeDays = 90

// validateProcessDecision checks the decisions of the processo administrativo against
// the case's state, in Portuguese.
func (c *complaint) validateProcessDecision(ctx workflow.Context, d Decision) error {
	p := c.state.Process
	if p == nil {
		return notAllowed("O processo administrativo ainda não foi instaurado neste atendimento (item 7.2).")
	}
	today := prazo.CivilDate(workflow.Now(ctx))
	status := c.state.Status
	inQueue := status == StatusAwaitingJudgment || status == StatusAwaitingReasonedDecision
	switch d.Kind {
	case DecisionNoticeDelivered:
		n := p.notice(d.Supplier, "")
		switch {
		case n == nil:
			return notAllowed("Não há notificação de defesa para o fornecedor " + d.Supplier + " neste processo.")
		case !n.ReceivedOn.IsZero():
			return notAllowed("A notificação de defesa deste fornecedor já foi recebida em " + n.ReceivedOn.FormatBR() + ".")
		case d.Means != MeansInPerson && d.Means != MeansRegistered:
			return invalidDecision("Meio de entrega inválido: use pessoal (protocolo de recebimento) ou carta_registrada (AR).")
		case !d.ReceivedOn.Valid():
			return invalidDecision("Informe a data de recebimento (recebida_em, AAAA-MM-DD).")
		case d.ReceivedOn.After(today):
			return invalidDecision("A data de recebimento não pode ser futura.")
		}
	case DecisionDefense:
		n := p.notice(d.Supplier, "")
		switch {
		case status != StatusAwaitingDefense && status != StatusNoticeAwaitingDelivery:
			return notAllowed("O prazo de defesa não está em curso neste processo (item 8.15).")
		case n == nil:
			return notAllowed("Não há notificação de defesa para o fornecedor " + d.Supplier + " neste processo.")
		case !n.DefendedOn.IsZero():
			return notAllowed("A defesa deste fornecedor já foi registrada em " + n.DefendedOn.FormatBR() + ".")
		case d.ReceivedOn.Valid() && d.ReceivedOn.After(today):
			return invalidDecision("A data de recebimento da defesa não pode ser futura.")
		}
	case DecisionHearing:
		if err := c.errNoConsumer("A audiência de autocomposição (item 5.1)"); err != nil {
			return err
		}
		switch {
		case !inQueue && (status != StatusHearingScheduled || p.Hearing.Outcome != ""):
			return notAllowed("A audiência de autocomposição se designa com o processo na Diretoria Jurídica, depois da defesa " +
				"ou do seu prazo, e antes do julgamento (itens 5.1 e 8.17).")
		case activities.MethodWords[d.Method] == "":
			return invalidDecision("Método inválido: use negociacao_assistida, conciliacao, mediacao ou esclarecimentos (item 5.3).")
		case !d.At.After(workflow.Now(ctx)):
			return invalidDecision("Informe data e hora futuras para a audiência (data_hora, por exemplo 2026-05-04T14:00:00-03:00).")
		case strings.TrimSpace(d.Place) == "":
			return invalidDecision("Informe o local ou o link da audiência.")
		}
	case DecisionHearingOutcome:
		switch {
		case status != StatusHearingScheduled || p.Hearing == nil || p.Hearing.Outcome != "":
			return notAllowed("Não há audiência designada aguardando resultado neste processo.")
		case workflow.Now(ctx).Before(p.Hearing.At):
			return notAllowed("A audiência ainda não aconteceu: está marcada para " + p.Hearing.At.In(prazo.AgencyZone).Format("02/01/2006 15h04") + ".")
		case activities.OutcomeWords[d.Outcome] == "":
			return invalidDecision("Resultado inválido: use acordo, impasse, ausencia_fornecedor ou ausencia_consumidor (itens 5.6 e 5.12).")
		case d.Outcome == OutcomeAgreement && strings.TrimSpace(d.Terms) == "":
			return invalidDecision("Informe os termos do acordo para o Termo de Audiência (item 5.6).")
		case d.Outcome == OutcomeAgreement && (!d.ComplianceDate.Valid() || !d.ComplianceDate.After(today)):
			return invalidDecision("Informe a data de cumprimento do acordo, posterior a hoje (data_cumprimento, AAAA-MM-DD; item 5.7).")
		}
	case DecisionBreach:
		if status != StatusAgreement {
			return notAllowed("Não há acordo em cumprimento neste processo (item 5.11).")
		}
	case DecisionClassify:
		if err := c.errNoConsumer("A classificação para o Cadastro de Reclamações Fundamentadas (item 6)"); err != nil {
			return err
		}
		switch {
		case d.Role != RoleGerenteAtendimento:
			return notAllowed("A classificação da reclamação cabe ao Gerente de Atendimento (item 6.8).")
		case p.Classification != "":
			return notAllowed("A reclamação já foi classificada como " + p.Classification + "; uma correção segue o item 6.10.")
		case d.Classification != ClassifiedAttended && d.Classification != ClassifiedNotAttended && d.Classification != ClassifiedUnfounded:
			return invalidDecision("Classificação inválida: use fundamentada_atendida, fundamentada_nao_atendida ou nao_fundamentada (item 6).")
		case !validSubject(d.Subject):
			return invalidDecision("Informe o assunto da reclamação (código de até 80 caracteres), publicado no Cadastro (item 6.6).")
		}
	case DecisionDIJURNotice:
		switch {
		case d.Role != RoleDiretorJuridico:
			return notAllowed("A notificação antes do julgamento cabe à Diretoria Jurídica (item 8.9).")
		case !inQueue:
			return notAllowed("A Diretoria Jurídica notifica com o processo em sua fila, antes do julgamento (item 8.9).")
		case strings.TrimSpace(d.Text) == "":
			return invalidDecision("Informe o texto da notificação (texto).")
		case d.Days < 1 || d.Days > maxNoticeDays:
			return invalidDecision("Informe o prazo da notificação em dias corridos, de 1 a 90 (prazo_dias).")
		case !p.anyEmail():
			return notAllowed("Nenhum fornecedor deste processo tem e-mail cadastrado: expeça a notificação por carta.")
		}
	case DecisionSubject:
		if !validSubject(d.Subject) {
			return invalidDecision("Informe o assunto da reclamação (código de até 80 caracteres).")
		}
	case DecisionNoticeAnswer:
		if status != StatusAwaitingNoticeAnswer {
			return notAllowed("Não há notificação da Diretoria Jurídica aguardando resposta neste processo (item 8.9).")
		}
	}
	if d.Kind == DecisionBreach && strings.TrimSpace(d.Reason) == "" {
		return invalidDecision("Informe o motivo da decisão.")
	}
	return nil
}

// applyProcessDecision applies an accepted decision of the processo administrativo;
// the main flow acts on it. A classification is written to the Cadastro here, so the
// Update answers once it is recorded.
func (c *complaint) applyProcessDecision(ctx workflow.Context, d Decision) error {
	p := c.state.Process
	today := prazo.CivilDate(workflow.Now(ctx))
	switch d.Kind {
	case DecisionNoticeDelivered:
		n := p.notice(d.Supplier, "")
		n.Means, n.ReceivedOn = d.Means, d.ReceivedOn
		c.proc.deliveries++
	case DecisionDefense:
		on := d.ReceivedOn
		if !on.Valid() {
			on = today
		}
		p.notice(d.Supplier, "").DefendedOn = on
	case DecisionHearing:
		c.hearing.count++
		p.Hearing = &Hearing{Number: c.hearing.count, Method: d.Method, At: d.At, Place: strings.TrimSpace(d.Place)}
	case DecisionHearingOutcome:
		h := p.Hearing
		h.Outcome, h.Terms, h.ComplianceDate, h.RecordedBy = d.Outcome, strings.TrimSpace(d.Terms), d.ComplianceDate, d.By
	case DecisionBreach:
		c.hearing.breaches++
		c.hearing.breachBy = d.By
	case DecisionClassify:
		return c.classify(ctx, d)
	case DecisionSubject:
		p.Subject = d.Subject
		return workflow.ExecuteActivity(ctx, c.acts.SetCaseSubject, c.in.NA, d.Subject).Get(ctx, nil)
	case DecisionDIJURNotice:
		p.DIJURNotices = append(p.DIJURNotices, DIJURNotice{Text: strings.TrimSpace(d.Text), Days: d.Days, By: d.By})
	case DecisionNoticeAnswer:
		p.DIJURNotices[len(p.DIJURNotices)-1].AnsweredOn = today
	}
	return nil
}

// anyEmail reports whether a supplier of the process has an address on record.
func (p *Process) anyEmail() bool {
	for _, n := range p.Notices {
		if n.Email != "" {
			return true
		}
	}
	return false
}

// addProcessFields adds a process decision's fields to its timeline payload.
func addProcessFields(payload map[string]any, d Decision) {
	for _, f := range [][2]string{{"fornecedor", d.Supplier}, {"metodo", d.Method}, {"local", d.Place},
		{"resultado", d.Outcome}, {"termos", d.Terms}, {"classificacao", d.Classification}, {"assunto", d.Subject}, {"texto", d.Text}} {
		if f[1] != "" {
			payload[f[0]] = f[1]
		}
	}
	if !d.At.IsZero() {
		payload["data_hora"] = d.At.Format("2006-01-02T15:04:05Z07:00")
	}
	if d.ComplianceDate.Valid() {
		payload["data_cumprimento"] = d.ComplianceDate.String()
	}
	if d.Days > 0 {
		payload["prazo_dias"] = d.Days
	}
}

// validSubject reports whether a subject code is given and short.
func validSubject(s string) bool { return strings.TrimSpace(s) != "" && len(s) <= 80 }
