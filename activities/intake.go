package activities

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/intake"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// IntakeOutcome is what intake decided about one message of the intake mailbox.
type IntakeOutcome struct {
	// Accepted: the atendimento got an NA and its case row exists.
	Accepted      bool      `json:"aceito"`
	NA            string    `json:"na,omitempty"`
	ConsumerName  string    `json:"consumidor_nome,omitempty"`
	ConsumerEmail string    `json:"consumidor_email,omitempty"`
	ReceivedAt    time.Time `json:"recebido_em"`
	// Reply is the answer to send when the atendimento was not accepted.
	Reply *Mail `json:"resposta,omitempty"`
}

// ProcessIntake reads a stored intake message and decides on it (004 §3.3.1): the form
// and the documents are checked in one pass (internal/intake). A valid atendimento gets
// the next NA and its case row. An invalid one is cancelled (004 §3.3.1.5): the outcome
// carries the one reply to send, listing every problem and the form's template, to the
// sender (Reply-To, else From); with no sender to answer there is no reply. The check is
// made as of the message's arrival, so running it again gives the same verdict, and the
// same NA.
func (a *Activities) ProcessIntake(ctx context.Context, inboundID int64) (IntakeOutcome, error) {
	msg, err := a.Store.Inbound(ctx, inboundID)
	if errors.Is(err, store.ErrNotFound) {
		return IntakeOutcome{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("inbound message %d: %v", inboundID, err), "inbound_missing", err)
	}
	if err != nil {
		return IntakeOutcome{}, err // the database is away: retried until it is back
	}
	defer heartbeatWhile(ctx)() // a large message takes a while to parse under load
	var report intake.Report
	if msg.DeclaredSize > 0 { // only its header was downloaded
		report = intake.TooLarge(msg.DeclaredSize, a.IntakeLimits.WithDefaults().MaxMessageBytes)
	} else {
		report = intake.Check(msg.Raw, intake.Options{Limits: a.IntakeLimits, Now: msg.ReceivedAt})
	}
	f := report.Form
	// Whom to answer: Reply-To, else From, else the e-mail written in the form.
	_, sender := senderAddresses(msg.Raw)
	if sender == "" {
		sender = f.Consumer.Email
	}
	if !report.Valid {
		out := IntakeOutcome{ReceivedAt: msg.ReceivedAt}
		if sender != "" {
			subject, body := intake.CancellationReply(report)
			out.Reply = &Mail{
				Key: fmt.Sprintf("cancelamento/inbound/%d", inboundID), Kind: "atendimento_cancelado", To: sender,
				Data: MailData{Assunto: subject, Corpo: body},
			}
		}
		return out, nil
	}
	c := store.NewCase{
		ConsumerDoc: f.Consumer.CPFCNPJ, ConsumerName: f.Consumer.Name, ConsumerEmail: sender,
		Form: f, Status: "recebido",
	}
	for _, sup := range f.Suppliers {
		c.SupplierDocs = append(c.SupplierDocs, sup.CPFCNPJ)
		c.SupplierNames = append(c.SupplierNames, sup.Name)
	}
	// The NA's year is the agency's civil year of arrival, whatever the worker's zone.
	na, err := a.Store.CreateCaseForInbound(ctx, inboundID, prazo.CivilDate(msg.ReceivedAt).Year, c)
	if err != nil {
		return IntakeOutcome{}, err
	}
	return IntakeOutcome{Accepted: true, NA: na, ConsumerName: f.Consumer.Name, ConsumerEmail: sender, ReceivedAt: msg.ReceivedAt}, nil
}

// senderAddresses reads, in one pass over the headers, the message's From address and
// whom to answer: its Reply-To, else its From. Either is "" when absent or unreadable.
func senderAddresses(raw []byte) (from, replyTo string) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return "", ""
	}
	if list, err := m.Header.AddressList("From"); err == nil && len(list) > 0 {
		from = list[0].Address
	}
	replyTo = from
	if list, err := m.Header.AddressList("Reply-To"); err == nil && len(list) > 0 {
		replyTo = list[0].Address
	}
	return from, replyTo
}

// MarkInbound records the outcome of a stored message once its workflow has acted on it.
func (a *Activities) MarkInbound(ctx context.Context, inboundID int64, outcome string) error {
	return a.Store.SetInboundStatus(ctx, inboundID, "processed", outcome)
}
