package workflows

import (
	"fmt"
	"strconv"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/workflowid"
)

// Case statuses shown to staff and stored in the case row.
const (
	// StatusAwaitingRegistration: a valid atendimento waiting for the Gerência de
	// Atendimento to register it (004 §3.3.1.6).
	StatusAwaitingRegistration = "aguardando_registro"
	// StatusCancelled: the consumer refused the positive identification (004 Annex IX VI).
	StatusCancelled = "cancelado"
	// StatusArchived: archived; the reason is on the timeline.
	StatusArchived = "arquivado"
)

// Identification states of the positive identification (004 Annex IX VI).
const (
	IdentificationPending   = "pendente"
	IdentificationConfirmed = "confirmada"
	IdentificationRefused   = "recusada"
)

// Timeline event kinds of the registration phase.
const (
	// EventReceived: the atendimento eletrônico arrived and the case began.
	EventReceived = "atendimento_recebido"
	// EventReceiptSent: the consumer's receipt went out (004 §3.3.1.6).
	EventReceiptSent = "recibo_enviado"
	// EventDeadlineStarted: a legal deadline began to run (payload: prazo, vencimento, regra).
	EventDeadlineStarted = "prazo_iniciado"
	// EventDeadlineMoved: a running deadline moved, e.g. after a closure was declared.
	EventDeadlineMoved = "prazo_alterado"
	// EventRegistrationOverdue: the 20 days to register lapsed (004 §3.3.1.6); the
	// Gerência de Atendimento is alerted, the case stays in the queue.
	EventRegistrationOverdue = "registro_em_atraso"
	// EventCancelledIdentification: the consumer refused the positive identification;
	// the atendimento is cancelled (004 Annex IX VI).
	EventCancelledIdentification = "cancelado_identificacao_recusada"
	// EventArchivedNoManifestation: 120 days from the form without any manifestation of
	// the consumer; the atendimento is archived (004 Annex IX V).
	EventArchivedNoManifestation = "arquivado_sem_manifestacao"
	// EventWithdrawn: the consumer withdrew by e-mail to the protocol; the case is closed
	// ("baixa" at the consumer's request, 004 §4.4.1 I).
	EventWithdrawn = "baixa_a_pedido_do_consumidor"
)

// EventSuspensionDeclared: staff suspended the running deadline for force majeure
// (004 §13.4).
const EventSuspensionDeclared = "suspensao_declarada"

// UpdateDeclareSuspension is the Update by which staff suspend the running deadline for
// force majeure (004 §13.4): from the first to the last day given, the deadline does
// not run, and it resumes with the days that were left. It answers the deadline as
// recomputed. Refused (nothing recorded) when no deadline runs.
const UpdateDeclareSuspension = "declarar_suspensao"

// SuspensionRequest is the argument of UpdateDeclareSuspension.
type SuspensionRequest struct {
	Suspension prazo.Suspension `json:"suspensao"`
	// By names the staff member who declared it, for the timeline.
	By string `json:"por"`
}

// QueryState is the query that returns a ComplaintState.
const QueryState = "estado"

// ComplaintInput starts a case.
type ComplaintInput struct {
	NA            string    `json:"na"`
	ConsumerName  string    `json:"consumidor_nome"`
	ConsumerEmail string    `json:"consumidor_email"`
	ReceivedAt    time.Time `json:"recebido_em"`
	// Origin is set for a case opened by staff (004 §7.2 III–V) or by the presidency's
	// notification (§8.12); empty for a consumer's e-mail.
	Origin string `json:"origem,omitempty"`
	// ExOfficio is the presidency's notification, for Origin notificacao_oficio.
	ExOfficio *ExOfficioNotice `json:"notificacao_oficio,omitempty"`
}

// ComplaintState is what the workflow knows of its case at any time.
type ComplaintState struct {
	NA     string `json:"na"`
	Status string `json:"situacao"`
	// ReceiptMessageID is the Message-ID of the receipt e-mail, once sent.
	ReceiptMessageID string `json:"id_mensagem_recibo,omitempty"`
	// Deadline is the legal deadline running now, if any, with its rule.
	Deadline *activities.Deadline `json:"prazo,omitempty"`
	// RegistrationOverdue is set when the 20 days to register lapsed (004 §3.3.1.6).
	RegistrationOverdue bool `json:"registro_em_atraso,omitempty"`
	// Identification is the positive identification's state (004 Annex IX VI):
	// pendente, confirmada or recusada.
	Identification string `json:"identificacao,omitempty"`
	// CIPs are the case's Cartas de Informação Preliminar, one per supplier (004 §4).
	CIPs []CIP `json:"cips,omitempty"`
	// Infraction: staff marked evidence of an infraction (004 §4.3.7, §4.4.1 II).
	Infraction bool `json:"indicio_infracao,omitempty"`
	// ConsumerReturned: the consumer came back after the CIP answer (004 §4.3.7).
	ConsumerReturned bool `json:"consumidor_retornou,omitempty"`
	// ReviewReason is why the case is (or goes) to the "CIP vencida/insatisfatória" queue.
	ReviewReason string `json:"motivo_fila,omitempty"`
	// Process is the processo administrativo, once opened (004 §7–§8).
	Process *Process `json:"processo,omitempty"`
	// PendingPetitions await staff confirmation of their sender (issue 14).
	PendingPetitions []PendingPetition `json:"peticoes_aguardando_confirmacao,omitempty"`
}

// Complaint is the lifecycle of one consumer complaint, from the accepted e-mail (or
// the staff's opening of a process) to its end. Its workflow ID is derived from the NA
// (workflowid.Complaint). The phases run in this order; each returns the phase that
// comes next, or phaseClosed once it decided how the case ends. A withdrawal of the
// consumer ends the case from any phase (004 §4.4.1 I). docs/lifecycle.md draws it.
func Complaint(ctx workflow.Context, in ComplaintInput) error {
	ctx = withActivityOptions(ctx)
	c := newComplaint(in)
	if err := c.setup(ctx); err != nil {
		return err
	}
	next, err := c.start(ctx)
	for err == nil && next != phaseClosed {
		switch next {
		case phaseRegistration: // 20 days to register (004 §3.3.1.6)
			next, err = c.register(ctx)
		case phaseIdentification: // the consumer confirms, or 120 days archive (004 Annex IX V–VI)
			next, err = c.identify(ctx)
		case phasePreliminary: // staff's decision, the CIPs, the consumer's return (004 §4)
			next, err = c.preliminary(ctx)
		case phaseExOfficio: // the presidency's notification (004 §8.12–8.14)
			next, err = c.exOfficioNotice(ctx)
		case phaseProcess: // defense, hearings, notifications, the TAC (004 §5–§8, §12)
			next, err = c.processo(ctx)
		case phaseCollective: // judged with the collective process (004 §8.4–8.7)
			next, err = c.awaitCollective(ctx)
		case phaseJudgment: // the Diretoria Jurídica's decision (004 §8.8–8.10)
			next, err = c.judge(ctx)
		case phaseFine: // the fine's own workflow, to payment or Dívida Ativa (004 §8.18–§15)
			next, err = c.collectFine(ctx)
		default:
			return fmt.Errorf("complaint %s: unknown phase %d", in.NA, next)
		}
	}
	if err != nil {
		return err
	}
	return c.close(ctx)
}

// phase is a step of the lifecycle (see Complaint).
type phase int

// The phases of the lifecycle, in order.
const (
	phaseRegistration phase = iota
	phaseIdentification
	phasePreliminary
	phaseExOfficio
	phaseProcess
	phaseCollective
	phaseJudgment
	phaseFine
	phaseClosed
)

// complaint holds one run's state. What belongs to one phase lives in that phase's
// struct, in the phase's file; what is here is shared by all of them.
type complaint struct {
	in       ComplaintInput
	state    ComplaintState
	acts     *activities.Activities
	calendar calendarWatch
	// running is the legal deadline running now; nil between deadlines. fixed is a date
	// the case waits for that is no legal deadline (an agreement's compliance date):
	// shown on the case row like one, never recomputed or suspended.
	running, fixed *deadline
	// decisions counts the staff decisions, which key their timeline events.
	decisions int
	// consumer holds what the consumer asked that ends the case from any phase.
	consumer consumerRequests
	// fining is set while a fine runs as a child workflow, which then takes the
	// supplier's petitions on it and the calendar's changes.
	fining bool
	// ending is how the case ends, set by the phase that ends it (end).
	ending *ending

	reg        registrationState // registration.go
	prelim     preliminaryState  // preliminary.go
	proc       processState      // process.go
	hearing    hearingState      // hearing.go
	tac        tacState          // tac.go
	oficio     exOfficioState    // exofficio.go
	collective collectiveState   // collective.go
	judgment   judgmentState     // judgment.go
}

// newComplaint is the state a case starts with.
func newComplaint(in ComplaintInput) *complaint {
	return &complaint{in: in, state: ComplaintState{NA: in.NA, Status: StatusAwaitingRegistration, Identification: IdentificationPending}}
}

// consumerRequests are the consumer's requests that end the case in any phase: the
// refusal of the positive identification (004 Annex IX VI) and the withdrawal
// (004 §4.4.1 I).
type consumerRequests struct {
	refused, withdrawn bool
}

// ending is how a case ends: its final status, and the event that says why.
type ending struct {
	status, kind, source, reason string
}

// closing reports whether the consumer asked for the case to end: a refused
// identification or a withdrawal.
func (c *complaint) closing() bool { return c.consumer.refused || c.consumer.withdrawn }

// closeOnRequest ends the case the consumer asked to end: a refusal of the positive
// identification cancels it (004 Annex IX VI); a withdrawal closes it (004 §4.4.1 I).
func (c *complaint) closeOnRequest() error {
	if c.consumer.refused {
		c.state.Identification = IdentificationRefused
		return c.end(StatusCancelled, EventCancelledIdentification, srcIdentificationRefused,
			"o consumidor não confirmou o pedido na identificação positiva (Anexo IX, item VI)")
	}
	return c.end(StatusArchived, EventWithdrawn, srcWithdrawn,
		"o consumidor pediu a baixa do atendimento pelo protocolo eletrônico (item 4.4.1, I)")
}

func (c *complaint) setup(ctx workflow.Context) error {
	c.calendar.child = func() string {
		if c.fining {
			return workflowid.Fine(c.in.NA)
		}
		return ""
	}
	c.calendar.listen(ctx)
	c.listenPetitions(ctx)
	c.listenGrouping(ctx)
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (ComplaintState, error) { return c.state, nil }); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateDeclareSuspension, c.declareSuspension,
		workflow.UpdateHandlerOptions{Validator: c.validateSuspension}); err != nil {
		return err
	}
	if err := workflow.SetQueryHandler(ctx, QueryDecisions, func(role string) (DecisionMenu, error) {
		return c.listDecisions(ctx, role)
	}); err != nil {
		return err
	}
	return workflow.SetUpdateHandlerWithOptions(ctx, UpdateDecide, c.decide,
		workflow.UpdateHandlerOptions{Validator: c.validateDecision})
}

// validateSuspension refuses a suspension when no deadline runs or when it is malformed
// (the API checks it first; this guards the workflow itself).
func (c *complaint) validateSuspension(r SuspensionRequest) error {
	s := r.Suspension
	switch {
	case c.running == nil:
		return temporal.NewApplicationError("Não há prazo em curso neste atendimento para suspender.", ErrNoRunningDeadline)
	case !s.Start.Valid() || !s.End.Valid() || s.End.Before(s.Start) || s.Reason == "":
		return temporal.NewApplicationError("Suspensão inválida: informe início, fim (não anterior ao início) e motivo.", ErrInvalidSuspension)
	}
	return nil
}

// declareSuspension records the suspension and waits until the running deadline has
// been recomputed with it (by awaitDeadline), then answers the new deadline.
func (c *complaint) declareSuspension(ctx workflow.Context, r SuspensionRequest) (activities.Deadline, error) {
	ctx = withActivityOptions(ctx) // handlers get the root context, without the options
	d := c.running
	revision := d.suspend(r.Suspension)
	s := r.Suspension
	if err := c.note(ctx, EventSuspensionDeclared, r.By, "suspensao/"+strconv.Itoa(revision), activities.EventData{
		Inicio: s.Start.String(), Fim: s.End.String(), Motivo: s.Reason, Ato: s.Act, Fonte: srcSuspension,
	}); err != nil {
		return activities.Deadline{}, err
	}
	if err := workflow.Await(ctx, func() bool { return d.computed >= revision || c.running != d }); err != nil {
		return activities.Deadline{}, err
	}
	if c.running != d {
		return activities.Deadline{}, temporal.NewApplicationError("O prazo terminou antes de a suspensão ser aplicada.", ErrNoRunningDeadline)
	}
	return d.result, nil
}

// start records the case's arrival and sends the consumer its receipt (004 §3.3.1.6);
// a case opened by staff starts at its process, or at the presidency's notification.
// It returns the first phase.
func (c *complaint) start(ctx workflow.Context) (phase, error) {
	if c.in.Origin != "" {
		return c.startOpened(ctx)
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx,
		CaseNAKey.ValueSet(c.in.NA), CaseStatusKey.ValueSet(c.state.Status)); err != nil {
		return 0, err
	}
	if err := c.record(ctx, EventReceived, "sistema", "start", activities.EventData{
		RecebidoEm: c.in.ReceivedAt.Format(time.RFC3339),
	}); err != nil {
		return 0, err
	}
	if c.in.ConsumerEmail != "" {
		id, err := send(ctx, c.in.NA, letter{act: "recibo", kind: "recibo",
			data: activities.MailData{RecebidoEm: brazilDate(c.in.ReceivedAt)}}, c.toConsumer())
		if err != nil {
			return 0, err
		}
		c.state.ReceiptMessageID = id
		if err := c.record(ctx, EventReceiptSent, "sistema", "receipt", activities.EventData{IDMensagem: id}); err != nil {
			return 0, err
		}
	}
	return phaseRegistration, nil
}

// end decides how the case ends: its final status, and the event that says why (kind,
// with its legal source and the reason). The lifecycle then closes it (close), as the
// phase that called end returns phaseClosed. It never fails; it returns an error so
// that phases and their steps can end with it.
func (c *complaint) end(status, kind, source, reason string) error {
	c.ending = &ending{status: status, kind: kind, source: source, reason: reason}
	return nil
}

// close closes the case as its last phase decided (end): its final status and event
// (the running deadline cleared), and the consumer told why.
func (c *complaint) close(ctx workflow.Context) error {
	e := c.ending
	c.state.Status, c.state.Deadline = e.status, nil
	if err := workflow.UpsertTypedSearchAttributes(ctx, CaseStatusKey.ValueSet(e.status)); err != nil {
		return err
	}
	if err := c.record(ctx, e.kind, "sistema", e.kind, activities.EventData{Motivo: e.reason, Fonte: e.source}); err != nil {
		return err
	}
	situation := map[string]string{StatusCancelled: "cancelado", StatusArchived: "arquivado",
		StatusDebtInscribed: "encerrado, com a multa do fornecedor inscrita em Dívida Ativa"}[e.status]
	if err := notify(ctx, c.in.NA, letter{act: "encerramento", kind: "atendimento_encerrado",
		data: activities.MailData{Situacao: situation, Motivo: e.reason}}, c.toConsumer()); err != nil {
		return err
	}
	// A staff Update in flight answers before the case ends.
	return workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
}

// runDeadline computes req's deadline, makes it the case's running deadline and waits
// until it lapses or done() holds (see awaitDeadline), showing each move on the
// timeline. It reports whether the deadline lapsed.
func (c *complaint) runDeadline(ctx workflow.Context, req prazo.Request, done func() bool) (*deadline, bool, error) {
	defer func() { c.running = nil }()
	// Running before it is shown: staff who see it may suspend it at once; a suspension
	// that comes while it is computed is applied by awaitDeadline.
	d := &deadline{req: req}
	c.running = d
	if err := workflow.ExecuteActivity(ctx, c.acts.StartDeadline, activities.DeadlineStart{Request: req, Event: activities.CaseEvent{
		NA: c.in.NA, Kind: EventDeadlineStarted, Actor: "sistema", At: workflow.Now(ctx), Status: c.state.Status,
	}}).Get(ctx, &d.result); err != nil {
		return nil, false, err
	}
	c.state.Deadline = &d.result
	if err := workflow.UpsertTypedSearchAttributes(ctx, CaseDeadlineKey.ValueSet(d.dueTime())); err != nil {
		return nil, false, err
	}
	return c.awaitRunning(ctx, d, done)
}

// runComputedDeadline is runDeadline for a deadline computed beforehand, because a
// notification had to carry its due date: shown on the timeline, then awaited.
func (c *complaint) runComputedDeadline(ctx workflow.Context, d *deadline, done func() bool) (*deadline, bool, error) {
	defer func() { c.running = nil }()
	c.running = d
	if err := c.showDeadline(ctx, d, EventDeadlineStarted, prazo.Date{}); err != nil {
		return nil, false, err
	}
	return c.awaitRunning(ctx, d, done)
}

// awaitRunning waits on the running deadline d (see awaitDeadline), showing each move.
func (c *complaint) awaitRunning(ctx workflow.Context, d *deadline, done func() bool) (*deadline, bool, error) {
	lapsed, err := awaitDeadline(ctx, d, &c.calendar, done, func(from prazo.Date) error {
		return c.showDeadline(ctx, d, EventDeadlineMoved, from)
	})
	return d, lapsed, err
}

// showDeadline makes d the case's running deadline: in the state, the timeline (with
// its rule in Portuguese) and the CaseDeadline search attribute. previous is the due
// date it replaces, if it moved.
func (c *complaint) showDeadline(ctx workflow.Context, d *deadline, kind string, previous prazo.Date) error {
	c.state.Deadline = &d.result
	if err := workflow.UpsertTypedSearchAttributes(ctx, CaseDeadlineKey.ValueSet(d.dueTime())); err != nil {
		return err
	}
	data := d.result.EventData()
	if !previous.IsZero() {
		data.VencimentoAnterior = previous.String()
	}
	return writeEvent(ctx, activities.CaseEvent{NA: c.in.NA, Kind: kind, Actor: "sistema", Payload: data,
		Key: kind + "/" + d.result.Due.String(), Status: c.state.Status}, d)
}

// shown is the deadline the case row shows: the legal deadline running, once known, or
// the fixed date the case waits for; nil when none.
func (c *complaint) shown() *deadline {
	if d := c.running; d != nil && d.known() {
		return d
	}
	return c.fixed
}

// brazilDate formats a date as Brazilians read it, in the agency's time zone.
func brazilDate(t time.Time) string {
	return t.In(prazo.AgencyZone).Format("02/01/2006")
}

// Error types of the Complaint's Updates, stable for the API to map to its codes.
const (
	// ErrNoRunningDeadline: the case has no deadline running to act on.
	ErrNoRunningDeadline = "sem_prazo_em_curso"
	// ErrInvalidSuspension: a suspension without dates in order or a reason.
	ErrInvalidSuspension = "suspensao_invalida"
)
