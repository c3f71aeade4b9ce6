package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/smtp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/worker"
	"github.com/procon-es/procon/workflows"
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

// fileComplaint e-mails a valid sample complaint from `from` to the intake mailbox, as a
// consumer does, and waits until its case shows its registration deadline.
func (s *system) fileComplaint(t *testing.T, from string, seq int) store.Case {
	t.Helper()
	return s.fileComplaintWith(t, samples.Complaint{From: from, Seq: seq})
}

// fileComplaintWith is fileComplaint of a complaint the test describes (its From and Seq
// at least).
func (s *system) fileComplaintWith(t *testing.T, sample samples.Complaint) store.Case {
	t.Helper()
	ctx := context.Background()
	from, seq := sample.From, sample.Seq
	msgID := fmt.Sprintf("e2e-%d-%d@example.com", seq, time.Now().UnixNano())
	sample.To, sample.MessageID = s.cfg.MailIntake, msgID
	m, err := sample.Message()
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.NewMailer(s.cfg).SendMsg(ctx, m); err != nil {
		t.Fatal(err)
	}
	cpf := samples.CPF(100000000 + seq)
	suite.remember("a consumer's e-mail", from)
	suite.remember("a CPF", cpf)
	suite.remember("a formatted CPF", cpf[:3]+"."+cpf[3:6]+"."+cpf[6:9]+"-"+cpf[9:])
	suite.remember("an RG", `"rg":"1234567"`)
	var c store.Case
	testenv.Eventually(t, 90*time.Second, "case with its registration deadline", func() error {
		if c, err = s.store.CaseByMessageID(ctx, workflows.MailboxIntake, msgID); err != nil {
			return err
		}
		if c.CurrentDeadline == nil {
			return fmt.Errorf("no deadline yet")
		}
		return nil
	})
	return c
}

// mailProtocol e-mails the protocol mailbox from `from`, as a party does, with an
// optional PDF attachment.
func (s *system) mailProtocol(t *testing.T, from, subject, body string, pdf []byte) {
	t.Helper()
	s.mailAgency(t, s.cfg.MailProtocol, from, subject, body, pdf)
}

// mailAgency e-mails one of the agency's mailboxes from `from`, with the verdict of the
// agency's receiving server when the system has one.
func (s *system) mailAgency(t *testing.T, mailbox, from, subject, body string, pdf []byte) {
	t.Helper()
	verdict := ""
	if s.verdict != nil {
		verdict = s.verdict(from)
	}
	s.mailAgencyWith(t, mailbox, from, subject, body, pdf, verdict)
}

// mailAgencyWith is mailAgency with the Authentication-Results header given ("" none).
func (s *system) mailAgencyWith(t *testing.T, mailbox, from, subject, body string, pdf []byte, authResults string) {
	t.Helper()
	m := mail.NewMsg()
	if authResults != "" {
		m.SetGenHeader("Authentication-Results", authResults)
	}
	if err := m.From(from); err != nil {
		t.Fatal(err)
	}
	if err := m.To(mailbox); err != nil {
		t.Fatal(err)
	}
	m.Subject(subject)
	m.SetBodyString(mail.TypeTextPlain, body)
	if pdf != nil {
		if err := m.AttachReader("documento.pdf", bytes.NewReader(pdf)); err != nil {
			t.Fatal(err)
		}
	}
	if err := worker.NewMailer(s.cfg).SendMsg(context.Background(), m); err != nil {
		t.Fatal(err)
	}
}

// waitStatus waits until the case's row shows status want.
func (s *system) waitStatus(t *testing.T, na, want string) {
	t.Helper()
	testenv.Eventually(t, 90*time.Second, "case "+want, func() error {
		now, err := s.store.GetCase(context.Background(), na)
		if err != nil {
			return err
		}
		if now.Status != want {
			return fmt.Errorf("status %s", now.Status)
		}
		return nil
	})
}

// decide posts a decision until the case's state takes it (the workflow may still be on
// the previous step).
func (s *system) decide(t *testing.T, na, token, body string) {
	t.Helper()
	testenv.Eventually(t, 90*time.Second, na+" "+body, func() error {
		if code, answer := s.sendWithKey(t, "/api/v1/cases/"+na+"/decisoes", token, body+na, body); code != http.StatusOK {
			return fmt.Errorf("%d %s", code, answer)
		}
		return nil
	})
}

// setSupplierAddress registers addr as the CIP address of the case's first supplier
// ("" clears it), as staff do at /api/v1/fornecedores.
func (s *system) setSupplierAddress(t *testing.T, c store.Case, addr string) {
	t.Helper()
	if code, body := s.send(t, http.MethodPut, "/api/v1/fornecedores/"+c.SupplierDocs[0], s.token(t, "atendente"),
		fmt.Sprintf(`{"nome":%q,"email_cip":%q}`, c.SupplierNames[0], addr)); code != http.StatusOK {
		t.Fatalf("supplier's address: %d %s", code, body)
	}
}

// waitMail waits until addr's mailbox holds a message whose subject contains subject,
// and returns it: mails of different activities arrive in either order.
func (s *system) waitMail(t *testing.T, addr, subject string) testenv.Message {
	t.Helper()
	has := func(m testenv.Message) bool { return strings.Contains(m.Subject, subject) }
	got := testenv.WaitInbox(t, s.mail.IMAPAddr, addr, 90*time.Second, func(ms []testenv.Message) bool { return slices.ContainsFunc(ms, has) })
	return got[slices.IndexFunc(got, has)]
}
