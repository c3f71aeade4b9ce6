package workflows

import (
	"time"

	"github.com/procon-es/procon/internal/prazo"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
)

// Case statuses shown to staff and stored in the case row.
const (
	// StatusAwaitingRegistration: a valid atendimento waiting for the Gerência de
	// Atendimento to register it (004 §3.3.1.6).
	StatusAwaitingRegistration = "aguardando_registro"
)

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
	in    ComplaintInput
	state ComplaintState
	acts  *activities.Activities
}

func (c *complaint) setup(ctx workflow.Context) error {
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
	// Placeholder: the lifecycle after the receipt (registration, CIP…) is issue 5.
	// Until then the case waits here, durably.
	return workflow.Await(ctx, func() bool { return false })
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
