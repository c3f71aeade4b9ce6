package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wneessen/go-mail"

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
