package e2e

import (
	"context"
	"net/smtp"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/testenv"
)

// testenvReceipts returns the receipts for na in the consumer's mailbox.
func testenvReceipts(t *testing.T, sys *system, consumer, na string) []testenv.Message {
	var out []testenv.Message
	for _, m := range testenv.Inbox(t, sys.mail.IMAPAddr, consumer) {
		if strings.Contains(m.Subject, na) && strings.Contains(m.Subject, "recebido") {
			out = append(out, m)
		}
	}
	return out
}

// testenvWaitReceipts waits until the consumer's mailbox holds n receipts for na.
func testenvWaitReceipts(t *testing.T, sys *system, consumer, na string, n int) []testenv.Message {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		got := testenvReceipts(t, sys, consumer, na)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer %s: %d receipts for %s, want %d", consumer, len(got), na, n)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// sendRaw delivers already-rendered message bytes to the intake mailbox over SMTP,
// exactly as they are (the same Message-ID and content: a duplicate delivery).
func sendRaw(_ context.Context, sys *system, from string, raw []byte) error {
	return smtp.SendMail(sys.cfg.SMTPAddr, nil, from, []string{sys.cfg.MailIntake}, raw)
}
