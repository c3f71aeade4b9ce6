package workflows

import (
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/taxid"
)

// The decisions of the processo administrativo (004 §5–§8): deliveries and defenses,
// hearings, the Cadastro's classification and the Diretoria Jurídica's notifications.

// maxNoticeDays bounds the period the Diretoria Jurídica sets in a notification
// (004 §8.9 fixes none): long enough for any request, short enough to catch a typo.
const maxNoticeDays = 90

// NoticeDelivered records that a defense notification was delivered by hand or
// registered letter on the day given.
type NoticeDelivered struct {
	Supplier   string     `json:"fornecedor" rotulo:"o CPF/CNPJ do fornecedor" obrigatorio:"sim"`
	Means      string     `json:"meio" rotulo:"o meio de entrega" obrigatorio:"sim" valores:"pessoal|carta_registrada"`
	ReceivedOn prazo.Date `json:"recebida_em,omitzero" rotulo:"a data de recebimento (AAAA-MM-DD)" obrigatorio:"sim"`
}

// normalize keeps the CPF/CNPJ's digits.
func (b *NoticeDelivered) normalize() { b.Supplier = taxid.Clean(b.Supplier) }

// Defense records a supplier's defense that came by other means than e-mail (004 §8.15).
type Defense struct {
	Supplier   string     `json:"fornecedor" rotulo:"o CPF/CNPJ do fornecedor" obrigatorio:"sim"`
	ReceivedOn prazo.Date `json:"recebida_em,omitzero" rotulo:"a data em que a defesa chegou (hoje, se vazia)"`
}

// normalize keeps the CPF/CNPJ's digits.
func (b *Defense) normalize() { b.Supplier = taxid.Clean(b.Supplier) }

// ScheduleHearing schedules (or reschedules) a hearing of autocomposição (004 §5.2–5.4).
type ScheduleHearing struct {
	Method string    `json:"metodo" rotulo:"o método (item 5.3)" obrigatorio:"sim" valores:"negociacao_assistida|conciliacao|mediacao|esclarecimentos"`
	At     time.Time `json:"data_hora,omitzero" rotulo:"data e hora futuras, com fuso (2026-05-04T14:00:00-03:00)" obrigatorio:"sim"`
	Place  string    `json:"local" rotulo:"o local ou o link da audiência" obrigatorio:"sim"`
}

// HearingOutcome records the hearing's outcome for the Termo de Audiência; an agreement
// has its terms and compliance date (004 §5.6–5.7, §5.12).
type HearingOutcome struct {
	Outcome        string     `json:"resultado" rotulo:"o resultado" obrigatorio:"sim" valores:"acordo|impasse|ausencia_fornecedor|ausencia_consumidor"`
	Terms          string     `json:"termos,omitempty" rotulo:"os termos do acordo"`
	ComplianceDate prazo.Date `json:"data_cumprimento,omitzero" rotulo:"a data de cumprimento do acordo (AAAA-MM-DD)"`
}

// Breach records the consumer's report of a breach of the agreement (004 §5.11).
type Breach struct {
	Reason string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// Classify classifies the reclamação for the Cadastro (004 §6.8).
type Classify struct {
	Classification string `json:"classificacao" rotulo:"a classificação" obrigatorio:"sim" valores:"fundamentada_atendida|fundamentada_nao_atendida|nao_fundamentada"`
	Subject        string `json:"assunto" rotulo:"o assunto (código de até 80 caracteres)" obrigatorio:"sim"`
}

// SetSubject assigns the reclamação's subject code, by which continued practices are
// found (004 §8.2, §8.5).
type SetSubject struct {
	Subject string `json:"assunto" rotulo:"o assunto (código de até 80 caracteres)" obrigatorio:"sim"`
}

// NotifyBeforeJudgment is the Diretoria Jurídica's notification of the suppliers before
// judging, with its period in calendar days (004 §8.9).
type NotifyBeforeJudgment struct {
	Text string `json:"texto" rotulo:"o texto da notificação" obrigatorio:"sim"`
	Days int    `json:"prazo_dias" rotulo:"o prazo em dias corridos (1 a 90)" obrigatorio:"sim"`
}

// NoticeAnswer records the suppliers' answer to that notification that came by other
// means (004 §8.9).
type NoticeAnswer struct{}

// openProcess: the processo administrativo was opened.
func (c *complaint) openProcess(workflow.Context) error {
	if c.state.Process == nil {
		return notAllowed("O processo administrativo ainda não foi instaurado neste atendimento (item 7.2).")
	}
	return nil
}

// inJudgmentQueue reports whether the process is in the Diretoria Jurídica's queue.
func (c *complaint) inJudgmentQueue() bool {
	return c.state.Status == StatusAwaitingJudgment || c.state.Status == StatusAwaitingReasonedDecision
}

// openNoticeDelivery: a defense notification awaits delivery.
func (c *complaint) openNoticeDelivery(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	if c.state.Process.undelivered() == 0 {
		return notAllowed("Nenhuma notificação de defesa deste processo aguarda entrega.")
	}
	return nil
}

// suppliersWhere are the suppliers of the process whose notice satisfies pending, as the
// choice of a decision's fornecedor.
func (c *complaint) suppliersWhere(pending func(DefenseNotice) bool) map[string][]string {
	var docs []string
	if p := c.state.Process; p != nil {
		for _, n := range p.Notices {
			if pending(n) {
				docs = append(docs, n.SupplierDoc)
			}
		}
	}
	return map[string][]string{"fornecedor": docs}
}

// undeliveredChoices are the suppliers whose notification awaits delivery.
func (c *complaint) undeliveredChoices() map[string][]string {
	return c.suppliersWhere(func(n DefenseNotice) bool { return n.ReceivedOn.IsZero() })
}

// checkNoticeDelivered: the supplier's notification awaits delivery, received on a day
// not in the future.
func checkNoticeDelivered(c *complaint, ctx workflow.Context, b *NoticeDelivered) error {
	n := c.state.Process.notice(b.Supplier, "")
	switch {
	case n == nil:
		return notAllowed("Não há notificação de defesa para o fornecedor " + b.Supplier + " neste processo.")
	case !n.ReceivedOn.IsZero():
		return notAllowed("A notificação de defesa deste fornecedor já foi recebida em " + n.ReceivedOn.FormatBR() + ".")
	case b.ReceivedOn.After(prazo.CivilDate(workflow.Now(ctx))):
		return invalidDecision("A data de recebimento não pode ser futura.")
	}
	return nil
}

// applyNoticeDelivered records the delivery; the defense's 20 days run from the last one.
func applyNoticeDelivered(c *complaint, _ workflow.Context, _ Decision, b *NoticeDelivered) error {
	n := c.state.Process.notice(b.Supplier, "")
	n.Means, n.ReceivedOn = b.Means, b.ReceivedOn
	c.proc.deliveries++
	return nil
}

// openDefense: the 20 days of defense run (004 §8.15).
func (c *complaint) openDefense(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	if c.state.Status != StatusAwaitingDefense && c.state.Status != StatusNoticeAwaitingDelivery {
		return notAllowed("O prazo de defesa não está em curso neste processo (item 8.15).")
	}
	return nil
}

// undefendedChoices are the suppliers with no defense yet.
func (c *complaint) undefendedChoices() map[string][]string {
	return c.suppliersWhere(func(n DefenseNotice) bool { return n.DefendedOn.IsZero() })
}

// checkDefense: a party of the process with no defense yet, on a day not in the future.
func checkDefense(c *complaint, ctx workflow.Context, b *Defense) error {
	n := c.state.Process.notice(b.Supplier, "")
	switch {
	case n == nil:
		return notAllowed("Não há notificação de defesa para o fornecedor " + b.Supplier + " neste processo.")
	case !n.DefendedOn.IsZero():
		return notAllowed("A defesa deste fornecedor já foi registrada em " + n.DefendedOn.FormatBR() + ".")
	case b.ReceivedOn.Valid() && b.ReceivedOn.After(prazo.CivilDate(workflow.Now(ctx))):
		return invalidDecision("A data de recebimento da defesa não pode ser futura.")
	}
	return nil
}

// applyDefense records the defense on its day (today when none is given).
func applyDefense(c *complaint, ctx workflow.Context, _ Decision, b *Defense) error {
	on := b.ReceivedOn
	if !on.Valid() {
		on = prazo.CivilDate(workflow.Now(ctx))
	}
	c.state.Process.notice(b.Supplier, "").DefendedOn = on
	return nil
}

// openHearing: a consumer's reclamação in the Diretoria Jurídica's queue, after the
// defense or its deadline and before the judgment, or a hearing to reschedule (004 §5.1,
// §8.17).
func (c *complaint) openHearing(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	if err := c.errNoConsumer("A audiência de autocomposição (item 5.1)"); err != nil {
		return err
	}
	p := c.state.Process
	if !c.inJudgmentQueue() && (c.state.Status != StatusHearingScheduled || p.Hearing.Outcome != "") {
		return notAllowed("A audiência de autocomposição se designa com o processo na Diretoria Jurídica, depois da defesa " +
			"ou do seu prazo, e antes do julgamento (itens 5.1 e 8.17).")
	}
	return nil
}

// checkHearing: a future date and time.
func checkHearing(_ *complaint, ctx workflow.Context, b *ScheduleHearing) error {
	if !b.At.After(workflow.Now(ctx)) {
		return invalidDecision("Informe data e hora futuras para a audiência (data_hora, por exemplo 2026-05-04T14:00:00-03:00).")
	}
	return nil
}

// applyHearing schedules it; the main flow notifies the parties.
func applyHearing(c *complaint, _ workflow.Context, _ Decision, b *ScheduleHearing) error {
	c.hearing.count++
	c.state.Process.Hearing = &Hearing{Number: c.hearing.count, Method: b.Method, At: b.At, Place: b.Place}
	return nil
}

// openHearingOutcome: a hearing took place and awaits its outcome.
func (c *complaint) openHearingOutcome(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	h := c.state.Process.Hearing
	switch {
	case c.state.Status != StatusHearingScheduled || h == nil || h.Outcome != "":
		return notAllowed("Não há audiência designada aguardando resultado neste processo.")
	case workflow.Now(ctx).Before(h.At):
		return notAllowed("A audiência ainda não aconteceu: está marcada para " + h.At.In(prazo.AgencyZone).Format("02/01/2006 15h04") + ".")
	}
	return nil
}

// checkHearingOutcome: an agreement has its terms and a compliance date after today.
func checkHearingOutcome(_ *complaint, ctx workflow.Context, b *HearingOutcome) error {
	switch {
	case b.Outcome == OutcomeAgreement && b.Terms == "":
		return invalidDecision("Informe os termos do acordo para o Termo de Audiência (item 5.6).")
	case b.Outcome == OutcomeAgreement && (!b.ComplianceDate.Valid() || !b.ComplianceDate.After(prazo.CivilDate(workflow.Now(ctx)))):
		return invalidDecision("Informe a data de cumprimento do acordo, posterior a hoje (data_cumprimento, AAAA-MM-DD; item 5.7).")
	}
	return nil
}

// applyHearingOutcome records it; the main flow issues the Termo de Audiência.
func applyHearingOutcome(c *complaint, _ workflow.Context, d Decision, b *HearingOutcome) error {
	h := c.state.Process.Hearing
	h.Outcome, h.Terms, h.ComplianceDate, h.RecordedBy = b.Outcome, b.Terms, b.ComplianceDate, d.By
	return nil
}

// openBreach: an agreement is being complied with (004 §5.11).
func (c *complaint) openBreach(workflow.Context) error {
	return c.requireStatus("Não há acordo em cumprimento neste processo (item 5.11).", StatusAgreement)
}

// applyBreach resumes the process (the main flow does).
func applyBreach(c *complaint, _ workflow.Context, d Decision, _ *Breach) error {
	c.hearing.breaches++
	c.hearing.breachBy = d.By
	return nil
}

// openClassification: a consumer's reclamação not classified yet (004 §6.8, §6.10).
func (c *complaint) openClassification(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	if err := c.errNoConsumer("A classificação para o Cadastro de Reclamações Fundamentadas (item 6)"); err != nil {
		return err
	}
	if p := c.state.Process; p.Classification != "" {
		return notAllowed("A reclamação já foi classificada como " + p.Classification + "; uma correção segue o item 6.10.")
	}
	return nil
}

// checkClassify: a subject code, short.
func checkClassify(_ *complaint, _ workflow.Context, b *Classify) error {
	if !validSubject(b.Subject) {
		return invalidDecision("Informe o assunto da reclamação (código de até 80 caracteres), publicado no Cadastro (item 6.6).")
	}
	return nil
}

// applyClassify writes the Cadastro, then the timeline; the main flow archives the case
// when the classification says so.
func applyClassify(c *complaint, ctx workflow.Context, d Decision, b *Classify) error {
	if err := c.writeClassification(ctx, b.Classification, b.Subject, d.By); err != nil {
		return err
	}
	return c.note(ctx, EventClassified, d.By, "classificacao", activities.EventData{
		Classificacao: b.Classification, Assunto: b.Subject, Fonte: srcClassified})
}

// checkSubject: a subject code, short.
func checkSubject(_ *complaint, _ workflow.Context, b *SetSubject) error {
	if !validSubject(b.Subject) {
		return invalidDecision("Informe o assunto da reclamação (código de até 80 caracteres).")
	}
	return nil
}

// applySubject assigns the subject, in the case row too.
func applySubject(c *complaint, ctx workflow.Context, _ Decision, b *SetSubject) error {
	c.state.Process.Subject = b.Subject
	return workflow.ExecuteActivity(ctx, c.acts.SetCaseSubject, c.in.NA, b.Subject).Get(ctx, nil)
}

// openDIJURNotice: the process in the Diretoria Jurídica's queue, a supplier reachable
// by e-mail (004 §8.9).
func (c *complaint) openDIJURNotice(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	switch {
	case !c.inJudgmentQueue():
		return notAllowed("A Diretoria Jurídica notifica com o processo em sua fila, antes do julgamento (item 8.9).")
	case !c.state.Process.anyEmail():
		return notAllowed("Nenhum fornecedor deste processo tem e-mail cadastrado: expeça a notificação por carta.")
	}
	return nil
}

// checkDIJURNotice: a period of 1 to 90 days.
func checkDIJURNotice(_ *complaint, _ workflow.Context, b *NotifyBeforeJudgment) error {
	if b.Days < 1 || b.Days > maxNoticeDays {
		return invalidDecision("Informe o prazo da notificação em dias corridos, de 1 a 90 (prazo_dias).")
	}
	return nil
}

// applyDIJURNotice adds it; the main flow e-mails it and runs its period.
func applyDIJURNotice(c *complaint, _ workflow.Context, d Decision, b *NotifyBeforeJudgment) error {
	p := c.state.Process
	p.DIJURNotices = append(p.DIJURNotices, DIJURNotice{Text: b.Text, Days: b.Days, By: d.By})
	return nil
}

// openNoticeAnswer: the notification's period runs.
func (c *complaint) openNoticeAnswer(workflow.Context) error {
	return c.requireStatus("Não há notificação da Diretoria Jurídica aguardando resposta neste processo (item 8.9).", StatusAwaitingNoticeAnswer)
}

// applyNoticeAnswer records the answer on today.
func applyNoticeAnswer(c *complaint, ctx workflow.Context, _ Decision, _ *NoticeAnswer) error {
	p := c.state.Process
	p.DIJURNotices[len(p.DIJURNotices)-1].AnsweredOn = prazo.CivilDate(workflow.Now(ctx))
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

// validSubject reports whether a subject code is given and short.
func validSubject(s string) bool { return strings.TrimSpace(s) != "" && len(s) <= 80 }
