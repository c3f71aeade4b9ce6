package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Case statuses shown to staff and stored in the case row.
const (
	// StatusAwaitingRegistration: a valid atendimento waiting for the Gerência de
	// Atendimento to register it (004 §3.3.1.6).
	StatusAwaitingRegistration = "aguardando_registro"
)

// Timeline event kinds of the registration phase.
const (
	// EventDeadlineStarted: a legal deadline began to run (payload: prazo, vencimento, regra).
	EventDeadlineStarted = "prazo_iniciado"
	// EventDeadlineMoved: a running deadline moved, e.g. after a closure was declared.
	EventDeadlineMoved = "prazo_alterado"
	// EventRegistrationOverdue: the 20 days to register lapsed (004 §3.3.1.6); the
	// Gerência de Atendimento is alerted, the case stays in the queue.
	EventRegistrationOverdue = "registro_em_atraso"
)

// changeRegistrationDeadline versions the registration deadline: cases started before
// it (workflow.DefaultVersion) keep waiting without one.
const changeRegistrationDeadline = "registration-deadline"

// QueryState is the query that returns a ComplaintState.
const QueryState = "estado"

// ComplaintInput starts a case.
type ComplaintInput struct {
	NA            string    `json:"na"`
	ConsumerName  string    `json:"consumer_name"`
	ConsumerEmail string    `json:"consumer_email"`
	ReceivedAt    time.Time `json:"received_at"`
}

// ComplaintState is what the workflow knows of its case at any time.
type ComplaintState struct {
	NA     string `json:"na"`
	Status string `json:"status"`
	// ReceiptMessageID is the Message-ID of the receipt e-mail, once sent.
	ReceiptMessageID string `json:"receipt_message_id,omitempty"`
	// Deadline is the legal deadline running now, if any, with its rule.
	Deadline *activities.Deadline `json:"deadline,omitempty"`
	// RegistrationOverdue is set when the 20 days to register lapsed (004 §3.3.1.6).
	RegistrationOverdue bool `json:"registration_overdue,omitempty"`
}

// Complaint is the lifecycle of one consumer complaint, from the accepted e-mail on.
// Its workflow ID is derived from the NA (store.WorkflowIDForNA).
func Complaint(ctx workflow.Context, in ComplaintInput) error {
	c := &complaint{in: in, state: ComplaintState{NA: in.NA, Status: StatusAwaitingRegistration}}
	if err := c.setup(ctx); err != nil {
		return err
	}
	return c.run(ctx)
}

// complaint holds one run's state; the methods are the steps of the lifecycle.
type complaint struct {
	in       ComplaintInput
	state    ComplaintState
	acts     *activities.Activities
	calendar calendarWatch
	// registered is set by the staff decision that registers the atendimento (issue 5).
	registered bool
}

func (c *complaint) setup(ctx workflow.Context) error {
	c.calendar.listen(ctx)
	return workflow.SetQueryHandler(ctx, QueryState, func() (ComplaintState, error) { return c.state, nil })
}

func (c *complaint) run(ctx workflow.Context) error {
	ctx = withActivityOptions(ctx)
	if err := workflow.UpsertTypedSearchAttributes(ctx,
		CaseNAKey.ValueSet(c.in.NA), CaseStatusKey.ValueSet(c.state.Status)); err != nil {
		return err
	}
	if err := c.record(ctx, "atendimento_recebido", "sistema", "start", map[string]any{
		"recebido_em": c.in.ReceivedAt.Format(time.RFC3339),
	}); err != nil {
		return err
	}
	if c.in.ConsumerEmail != "" {
		err := workflow.ExecuteActivity(ctx, c.acts.SendMail, activities.Mail{
			Key: "recibo/" + c.in.NA, NA: c.in.NA, Kind: "recibo", To: c.in.ConsumerEmail,
			Data: map[string]any{"Nome": c.in.ConsumerName, "RecebidoEm": brazilDate(c.in.ReceivedAt)},
		}).Get(ctx, &c.state.ReceiptMessageID)
		if err != nil {
			return err
		}
		if err := c.record(ctx, "recibo_enviado", "sistema", "receipt", map[string]any{
			"message_id": c.state.ReceiptMessageID,
		}); err != nil {
			return err
		}
	}
	if workflow.GetVersion(ctx, changeRegistrationDeadline, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return workflow.Await(ctx, func() bool { return false })
	}
	if err := c.awaitRegistration(ctx); err != nil {
		return err
	}
	// The lifecycle after the registration (CIP…) is issue 5; until then the case
	// waits here, durably.
	return workflow.Await(ctx, func() bool { return false })
}

// awaitRegistration runs the registration deadline: the Gerência de Atendimento
// registers the atendimento within 20 dias corridos of its receipt (004 §3.3.1.6). A
// lapse is escalated (an event and a flag the gerente's queue shows); the case keeps
// its place in the queue.
func (c *complaint) awaitRegistration(ctx workflow.Context) error {
	received := prazo.CivilDate(c.in.ReceivedAt)
	d, err := computeDeadline(ctx, prazo.IntakeRegistration.Request(received))
	if err != nil {
		return err
	}
	if err := c.showDeadline(ctx, d, EventDeadlineStarted, prazo.Date{}); err != nil {
		return err
	}
	lapsed, err := awaitDeadline(ctx, d, &c.calendar, func() bool { return c.registered }, func(from prazo.Date) error {
		return c.showDeadline(ctx, d, EventDeadlineMoved, from)
	})
	if err != nil || !lapsed {
		return err
	}
	c.state.RegistrationOverdue = true
	return c.record(ctx, EventRegistrationOverdue, "sistema", "registro-em-atraso", map[string]any{
		"vencimento": d.result.Due.String(), "regra": d.result.Sentence, "fonte": d.result.Source,
		"alerta": "gerente_atendimento",
	})
}

// showDeadline makes d the case's running deadline: in the state, the timeline (with
// its rule in Portuguese) and the CaseDeadline search attribute. previous is the due
// date it replaces, if it moved.
func (c *complaint) showDeadline(ctx workflow.Context, d *deadline, kind string, previous prazo.Date) error {
	c.state.Deadline = &d.result
	if err := workflow.UpsertTypedSearchAttributes(ctx, CaseDeadlineKey.ValueSet(d.dueTime())); err != nil {
		return err
	}
	payload := map[string]any{
		"prazo": d.result.Name, "vencimento": d.result.Due.String(), "regra": d.result.Sentence, "fonte": d.result.Source,
	}
	if !previous.IsZero() {
		payload["vencimento_anterior"] = previous.String()
	}
	due := d.dueTime()
	return workflow.ExecuteActivity(ctx, c.acts.RecordEvent, activities.CaseEvent{
		NA: c.in.NA, Kind: kind, Actor: "sistema", Payload: payload, At: workflow.Now(ctx),
		Key: kind + "/" + d.result.Due.String(), Status: c.state.Status, Deadline: &due, DeadlineRule: d.result.Sentence,
	}).Get(ctx, nil)
}

// record writes one timeline event with the case's current status.
func (c *complaint) record(ctx workflow.Context, kind, actor, key string, payload map[string]any) error {
	return workflow.ExecuteActivity(ctx, c.acts.RecordEvent, activities.CaseEvent{
		NA: c.in.NA, Kind: kind, Actor: actor, Payload: payload, At: workflow.Now(ctx), Key: key,
		Status: c.state.Status,
	}).Get(ctx, nil)
}

// brazilDate formats a date as Brazilians read it, in the agency's time zone.
func brazilDate(t time.Time) string {
	return t.In(prazo.AgencyZone).Format("02/01/2006")
}
