package activities

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// IntakeOutcome is what intake decided about one message of the intake mailbox.
type IntakeOutcome struct {
	// Accepted: the atendimento got an NA and its case row exists.
	Accepted      bool      `json:"accepted"`
	NA            string    `json:"na,omitempty"`
	ConsumerName  string    `json:"consumer_name,omitempty"`
	ConsumerEmail string    `json:"consumer_email,omitempty"`
	ReceivedAt    time.Time `json:"received_at"`
	// Reply is the answer to send when the atendimento was not accepted.
	Reply *Mail `json:"reply,omitempty"`
}

// ProcessIntake reads a stored intake message and accepts it: it assigns the next NA
// and creates the case row. Running it again for the same message returns the same NA.
func (a *Activities) ProcessIntake(ctx context.Context, inboundID int64) (IntakeOutcome, error) {
	msg, err := a.Store.Inbound(ctx, inboundID)
	if errors.Is(err, store.ErrNotFound) {
		return IntakeOutcome{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("inbound message %d: %v", inboundID, err), "inbound_missing", err)
	}
	if err != nil {
		return IntakeOutcome{}, err // the database is away: retried until it is back
	}
	parsed, err := mail.ReadMessage(bytes.NewReader(msg.Raw))
	if err != nil {
		return IntakeOutcome{}, temporal.NewNonRetryableApplicationError("unreadable message", "unreadable_message", err)
	}
	from, err := mail.ParseAddress(parsed.Header.Get("From"))
	if err != nil {
		return IntakeOutcome{}, temporal.NewNonRetryableApplicationError("message without a valid From", "unreadable_message", err)
	}
	name := from.Name
	if name == "" {
		name = from.Address
	}
	// The NA's year is the agency's civil year of arrival, whatever the worker's zone.
	na, err := a.Store.CreateCaseForInbound(ctx, inboundID, prazo.CivilDate(msg.ReceivedAt).Year, store.NewCase{
		ConsumerName: name, ConsumerEmail: from.Address, Status: "recebido",
	})
	if err != nil {
		return IntakeOutcome{}, err
	}
	return IntakeOutcome{Accepted: true, NA: na, ConsumerName: name, ConsumerEmail: from.Address, ReceivedAt: msg.ReceivedAt}, nil
}

// MarkInbound records the outcome of a stored message once its workflow has acted on it.
func (a *Activities) MarkInbound(ctx context.Context, inboundID int64, outcome string) error {
	return a.Store.SetInboundStatus(ctx, inboundID, "processed", outcome)
}
