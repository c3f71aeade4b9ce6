package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Origins of a processo administrativo opened by staff through the API (004 §7.1–7.2),
// and of the presidency's ex-officio notification (004 §8.12).
const (
	// OriginExOfficio: an ex-officio act of the competent agent (§7.2 III), or the
	// presidency's decision after its notification (§8.15).
	OriginExOfficio = "oficio"
	// OriginInspection: an infraction notice of the inspection (auto de infração,
	// constatação ou apreensão, §7.2 IV).
	OriginInspection = "auto_infracao"
	// OriginReferral: a complaint referred by another agency of the SNDC (§7.2 V).
	OriginReferral = "denuncia_orgao"
	// OriginExOfficioNotice: the presidency's notification (recomendatória or to give
	// explanations, §8.12), before any process.
	OriginExOfficioNotice = "notificacao_oficio"
)

// Case statuses of the presidency's ex-officio notification (004 §8.12–8.16).
const (
	// StatusExOfficioAwaitingAnswer: the supplier's 20 days to answer run (004 §8.13).
	StatusExOfficioAwaitingAnswer = "notificacao_oficio_aguardando_resposta"
	// StatusAwaitingPresidency: the Diretor Presidente decides: archive with a reason or
	// open a process (004 §8.14).
	StatusAwaitingPresidency = "aguardando_decisao_presidencia"
)

// Timeline events of the ex-officio notification.
const (
	EventExOfficioSent     = "notificacao_oficio_expedida"
	EventExOfficioAnswered = "notificacao_oficio_respondida"
	EventExOfficioLapsed   = "notificacao_oficio_vencida"
	// EventPresidencyQueue: the case waits for the Diretor Presidente (004 §8.14).
	EventPresidencyQueue = "fila_decisao_presidencia"
	// EventArchivedPresidency: the Diretor Presidente archived it, with the reason.
	EventArchivedPresidency = "arquivado_presidencia"
)

// Presidency is the Diretor Presidente's decision after the notification's deadline:
// archive with a reason (abrir_processo false) or open a process (true) (004 §8.14–8.15).
type Presidency struct {
	OpenProcess *bool  `json:"abrir_processo,omitempty" rotulo:"se abre processo de ofício (falso: arquiva)" obrigatorio:"sim"`
	Reason      string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// ExOfficioNotice is the presidency's notification that starts a case (004 §8.12).
type ExOfficioNotice struct {
	// Kind is recomendatoria or esclarecimentos.
	Kind string `json:"tipo"`
	Text string `json:"texto"`
	By   string `json:"por"`
}

// exOfficioKinds names the kinds of notification of 004 §8.12.
var exOfficioKinds = map[string]string{
	"recomendatoria": "notificação recomendatória", "esclarecimentos": "notificação para prestar esclarecimentos",
}

// ValidExOfficioKind reports whether kind is a notification of 004 §8.12.
func ValidExOfficioKind(kind string) bool { return exOfficioKinds[kind] != "" }

// ExOfficioKindWords names a kind of the presidency's notification (004 §8.12).
func ExOfficioKindWords(kind string) string { return exOfficioKinds[kind] }

// exOfficioState is the state of the presidency's ex-officio notification.
type exOfficioState struct {
	// answered is the day a supplier answered the notification; presidency the Diretor
	// Presidente's decision after it (004 §8.13–8.14).
	answered   prazo.Date
	presidency *Presidency
}

// startOpened starts a case opened by staff rather than by a consumer's e-mail: a
// process from an ex-officio act, an infraction notice or a referral (004 §7.2 III–V),
// or the presidency's notification that may become one (004 §8.12–8.16).
func (c *complaint) startOpened(ctx workflow.Context) (phase, error) {
	c.state.Identification, c.state.Status = "", StatusAwaitingDefense
	if c.in.Origin == OriginExOfficioNotice {
		c.state.Status = StatusExOfficioAwaitingAnswer
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx,
		CaseNAKey.ValueSet(c.in.NA), CaseStatusKey.ValueSet(c.state.Status)); err != nil {
		return 0, err
	}
	if c.in.Origin == OriginExOfficioNotice {
		return phaseExOfficio, nil
	}
	c.proc.origin = c.in.Origin
	return phaseProcess, nil
}

// exOfficioNotice e-mails the presidency's notification to the suppliers with 20 days
// to answer (004 §8.12–8.13); after the answer or the lapse the Diretor Presidente
// archives with a reason or opens a process ex officio (004 §8.14–8.15).
func (c *complaint) exOfficioNotice(ctx workflow.Context) (phase, error) {
	n := c.in.ExOfficio
	if err := c.openRecord(ctx, OriginExOfficioNotice); err != nil {
		return 0, err
	}
	p := c.state.Process
	d, err := computeDeadline(ctx, prazo.ExOfficioAnswer.Request(p.OpenedOn))
	if err != nil {
		return 0, err
	}
	if err := c.setStatus(ctx, StatusExOfficioAwaitingAnswer); err != nil {
		return 0, err
	}
	if err := notify(ctx, c.in.NA, letter{act: "notificacao-oficio", kind: "notificacao_oficio",
		data: activities.MailData{Tipo: exOfficioKinds[n.Kind], Texto: n.Text, Prazo: d.result.Sentence}}, c.toParties()...); err != nil {
		return 0, err
	}
	if err := c.record(ctx, EventExOfficioSent, n.By, "notificacao-oficio", activities.EventData{
		Tipo: n.Kind, Texto: n.Text, Vencimento: d.result.Due.String(), Regra: d.result.Sentence, Fonte: srcExOfficioSent}); err != nil {
		return 0, err
	}
	_, lapsed, err := c.runComputedDeadline(ctx, d, func() bool { return !c.oficio.answered.IsZero() })
	if err != nil {
		return 0, err
	}
	kind, payload := EventExOfficioAnswered, activities.EventData{RespondidaEm: c.oficio.answered.String(), Fonte: srcExOfficioAnswered}
	if lapsed {
		kind, payload = EventExOfficioLapsed, activities.EventData{Vencimento: d.result.Due.String(), Fonte: srcExOfficioLapsed}
	}
	if err := c.record(ctx, kind, "sistema", kind, payload); err != nil {
		return 0, err
	}
	if err := c.setStatus(ctx, StatusAwaitingPresidency); err != nil {
		return 0, err
	}
	if err := c.record(ctx, EventPresidencyQueue, "sistema", "fila-presidencia", activities.EventData{
		Fonte: srcPresidency, Alerta: RoleDiretorPresidente}); err != nil {
		return 0, err
	}
	if err := workflow.Await(ctx, func() bool { return c.oficio.presidency != nil }); err != nil {
		return 0, err
	}
	if !*c.oficio.presidency.OpenProcess {
		return phaseClosed, c.end(StatusArchived, EventArchivedPresidency, srcPresidency, c.oficio.presidency.Reason)
	}
	c.proc.origin = OriginExOfficio
	return phaseProcess, nil
}

// openPresidency: the notification's deadline is over and the Diretor Presidente decides.
func (c *complaint) openPresidency(workflow.Context) error {
	return c.requireStatus("Não há notificação de ofício aguardando decisão do Diretor Presidente neste caso (item 8.14).", StatusAwaitingPresidency)
}

// applyPresidency archives or opens the process (the main flow does).
func applyPresidency(c *complaint, _ workflow.Context, _ Decision, b *Presidency) error {
	c.oficio.presidency = b
	return nil
}

// errNoConsumer refuses what only a consumer's reclamação has (a hearing, the Cadastro).
func (c *complaint) errNoConsumer(what string) error {
	if c.in.ConsumerName != "" {
		return nil
	}
	return temporal.NewApplicationError(what+" cabe a reclamações de consumidor; este processo não tem consumidor reclamante.", ErrDecisionNotAllowed)
}
