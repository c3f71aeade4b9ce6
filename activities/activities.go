// Package activities holds the Temporal activities of the case workflows: everything
// that touches the world (Postgres, SMTP). Every activity is idempotent: running it
// again after a crash or a retry writes no second row and sends no second e-mail.
package activities

import (
	"context"
	"go.temporal.io/sdk/client"
	"time"

	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
)

// Sender delivers one outbox row over SMTP.
type Sender interface {
	Send(ctx context.Context, m store.OutgoingMail) error
}

// Activities carries the dependencies of every activity. Register a *Activities with the
// worker; workflows call its methods by reference.
type Activities struct {
	Store  *store.Store
	Sender Sender
	// MailDomain is the right-hand side of the Message-IDs of outgoing mail.
	MailDomain string
	// ProtocolAddress is where consumers and suppliers send petitions (004 §14.1).
	ProtocolAddress string
	// FinanceAddress is the financial department's, told of debts inscribed and
	// overpayments (004 §11.1, §11.5).
	FinanceAddress string
	// IntakeLimits bound the intake e-mails read (zero fields: mailmsg's defaults).
	IntakeLimits mailmsg.Limits
	// SenderAuth authenticates the senders of petitions that act by themselves
	// (PROCON_MAIL_AUTH, issue 14). Its zero value asks for DMARC-aligned proof.
	SenderAuth senderauth.Checker
	// Temporal is the client by which a case forwards the decisions on its fine to the
	// fine's workflow (ForwardFineDecision).
	Temporal client.Client
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

func (a *Activities) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
