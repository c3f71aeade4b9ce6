package testenv

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/devmail"
	"github.com/procon-es/procon/internal/mailstack"
)

// MailPassword is the IMAP/SMTP password of every test mailbox.
const MailPassword = "procon-test"

// Mail is a running pair of SMTP and IMAP servers where any address receives mail.
type Mail struct {
	SMTPAddr, IMAPAddr string
	// Real is true for Dovecot + OpenSMTPD, false for the in-process servers.
	Real  bool
	Stack *mailstack.Stack // nil unless Real
}

// MailServers starts the mail servers for one test.
func MailServers(t testing.TB) *Mail {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := mailstack.Available(); err != nil {
		if os.Getenv("PROCON_REQUIRE_REAL_MAIL") == "1" {
			t.Fatalf("testenv: real mail servers required but not available: %v", err)
		}
		t.Logf("testenv: real mail servers not available (%v); using the in-process ones", err)
		srv, err := devmail.Start(ctx, devmail.Config{DataDir: t.TempDir(), Password: MailPassword})
		if err != nil {
			t.Fatalf("testenv: devmail: %v", err)
		}
		t.Cleanup(func() { _ = srv.Close() })
		return &Mail{SMTPAddr: srv.SMTPAddr, IMAPAddr: srv.IMAPAddr}
	}
	st, err := mailstack.Start(ctx, mailstack.Config{BaseDir: t.TempDir(), Password: MailPassword})
	if err != nil {
		t.Fatalf("testenv: mail stack: %v", err)
	}
	t.Cleanup(func() { _ = st.Stop() })
	return &Mail{SMTPAddr: st.SMTPAddr, IMAPAddr: st.IMAPAddr, Real: true, Stack: st}
}
