package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/worker"
	"github.com/procon-es/procon/workflows"
)

// Issue 4, 004 §14.3, through the real SMTP and IMAP servers: a petition to the protocol
// mailbox that names a case reaches that case's timeline with its kind; one that names
// no case is answered with a reply saying so, and changes nothing.
func TestPetitionsThroughTheProtocolMailbox(t *testing.T) {
	sys := startSystem(t)
	ctx := context.Background()
	mailer := worker.NewMailer(sys.cfg)
	c := sys.fileComplaint(t, "lucia.e2e@example.com", 17)

	send := func(from, subject, body string) {
		t.Helper()
		m := mail.NewMsg()
		if err := m.From(from); err != nil {
			t.Fatal(err)
		}
		if err := m.To(sys.cfg.MailProtocol); err != nil {
			t.Fatal(err)
		}
		m.Subject(subject)
		m.SetBodyString(mail.TypeTextPlain, body)
		if err := mailer.SendMsg(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	send("lucia.e2e@example.com", "Documentos complementares - "+c.NA, "Seguem os documentos.")
	send("anonimo.e2e@example.com", "Documentos complementares", "Esqueci o número.")

	testenv.Eventually(t, 90*time.Second, "petition on the case's timeline", func() error {
		events, err := sys.store.Events(ctx, c.NA)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.Kind == workflows.EventPetitionReceived && strings.Contains(string(e.Payload), `"tipo": "peticao"`) {
				return nil
			}
		}
		return fmt.Errorf("no %s event among %d", workflows.EventPetitionReceived, len(events))
	})
	replies := testenv.WaitInbox(t, sys.mail.IMAPAddr, "anonimo.e2e@example.com", 90*time.Second, func(ms []testenv.Message) bool {
		return len(ms) > 0
	})
	if len(replies) != 1 || !strings.Contains(replies[0].Subject, "Petição não protocolada") {
		t.Fatalf("replies to the petition without a number: %+v", replies)
	}
	if got := testenv.Inbox(t, sys.mail.IMAPAddr, "lucia.e2e@example.com"); len(got) != 1 {
		t.Errorf("the consumer has %d messages, want only the receipt", len(got))
	}
}

// Issue 4, 004 Annex IX VI, through the real mail servers: the receipt asks for the
// positive identification; the consumer answers NÃO CONFIRMO from the address on
// record, and the atendimento is cancelled and the consumer told.
func TestIdentificationRefusedByEmailCancels(t *testing.T) {
	sys := startSystem(t)
	ctx := context.Background()
	consumer := "bruno.e2e@example.com"
	c := sys.fileComplaint(t, consumer, 19)
	receipts := testenvWaitReceipts(t, sys, consumer, c.NA, 1)
	parsed, err := mailmsg.ParseMessage(receipts[0].Raw, mailmsg.Limits{})
	if err != nil || !strings.Contains(parsed.Text, "NÃO CONFIRMO "+c.NA) {
		t.Fatalf("the receipt does not ask for the positive identification (%v):\n%s", err, parsed.Text)
	}

	m := mail.NewMsg()
	if err := m.From(consumer); err != nil {
		t.Fatal(err)
	}
	if err := m.To(sys.cfg.MailProtocol); err != nil {
		t.Fatal(err)
	}
	m.Subject("NÃO CONFIRMO " + c.NA)
	m.SetBodyString(mail.TypeTextPlain, "Não fiz este pedido.")
	if err := worker.NewMailer(sys.cfg).SendMsg(ctx, m); err != nil {
		t.Fatal(err)
	}
	testenv.Eventually(t, 90*time.Second, "case cancelled", func() error {
		now, err := sys.store.GetCase(ctx, c.NA)
		if err == nil && now.Status != workflows.StatusCancelled {
			err = fmt.Errorf("status %s", now.Status)
		}
		return err
	})
	testenv.WaitInbox(t, sys.mail.IMAPAddr, consumer, 60*time.Second, func(ms []testenv.Message) bool {
		for _, m := range ms {
			if strings.Contains(m.Subject, "cancelado") && strings.Contains(m.Subject, c.NA) {
				return true
			}
		}
		return false
	})
}
