package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/procon-es/procon/internal/intake"
	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/worker"
	"github.com/procon-es/procon/workflows"
)

// Issue 4, 004 §3.3.1.5, through the real SMTP and IMAP servers: a complaint without
// its documents and most of its fields is cancelled; the sender receives one reply that
// lists the problems and carries the template, and no case is created.
func TestIncompleteComplaintIsCancelledWithOneReply(t *testing.T) {
	sys := startSystem(t)
	ctx := context.Background()
	sender := "pedro.e2e@example.com"
	m := mail.NewMsg()
	if err := m.From(sender); err != nil {
		t.Fatal(err)
	}
	if err := m.To(sys.cfg.MailIntake); err != nil {
		t.Fatal(err)
	}
	msgID := fmt.Sprintf("e2e-incompleta-%d@example.com", time.Now().UnixNano())
	m.SetMessageIDWithValue(msgID)
	m.Subject("Reclamação contra a loja")
	m.SetBodyString(mail.TypeTextPlain, "CAMPO I\nNOME: Pedro Alves\n\nRELATO\nA loja não entregou o produto.\n")
	if err := worker.NewMailer(sys.cfg).SendMsg(ctx, m); err != nil {
		t.Fatal(err)
	}
	replies := testenv.WaitInbox(t, sys.mail.IMAPAddr, sender, 90*time.Second, func(ms []testenv.Message) bool {
		return len(ms) > 0
	})
	if len(replies) != 1 || replies[0].Subject != intake.CancellationSubject {
		t.Fatalf("replies %+v, want one %q", replies, intake.CancellationSubject)
	}
	parsed, err := mailmsg.ParseMessage(replies[0].Raw, mailmsg.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	body := parsed.Text
	for _, want := range []string{"CANCELADO", "selfie", "FORNECEDOR", "CPF/CNPJ", intake.FormTemplate[:60]} {
		if !strings.Contains(body, want) {
			t.Errorf("the reply does not mention %q", want)
		}
	}
	testenv.Eventually(t, 30*time.Second, "message marked cancelled", func() error {
		var outcome string
		err := sys.store.Pool.QueryRow(ctx, `SELECT coalesce(outcome, '') FROM inbound_messages WHERE mailbox = $1 AND message_id = $2`,
			workflows.MailboxIntake, msgID).Scan(&outcome)
		if err == nil && outcome != "cancelado" {
			err = fmt.Errorf("outcome %q", outcome)
		}
		return err
	})
	var cases int
	if err := sys.store.Pool.QueryRow(ctx, `SELECT count(*) FROM cases`).Scan(&cases); err != nil || cases != 0 {
		t.Errorf("%d cases after a cancelled atendimento (%v)", cases, err)
	}
}
