package activities_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/emersion/go-message"
	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/activities"
)

// receipt is the receipt e-mail a Complaint workflow asks for.
func receipt(na, to string) activities.Mail {
	return activities.Mail{
		Key: activities.CaseMailKey(na, "recibo", "consumidor"), NA: na, Kind: "recibo", To: to,
		Data: activities.MailData{Destinatario: "Maria Demonstração 1", RecebidoEm: "05/10/2026"},
	}
}

// parsed is a received message with its header decoded and its body decoded from its
// transfer encoding.
type parsed struct {
	Subject, MessageID, To, ReplyTo string
	Body                            string
}

func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	e, err := message.Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("received message unreadable: %v", err)
	}
	subject, err := e.Header.Text("Subject")
	if err != nil {
		t.Fatalf("Subject: %v", err)
	}
	body, err := io.ReadAll(e.Body)
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return parsed{
		Subject:   subject,
		MessageID: strings.Trim(e.Header.Get("Message-Id"), "<> "),
		To:        e.Header.Get("To"),
		ReplyTo:   e.Header.Get("Reply-To"),
		Body:      strings.ReplaceAll(string(body), "\r\n", "\n"),
	}
}

// TestSendMailTwiceWithTheSameKeySendsOneMessage: a re-run of SendMail (a retry, a
// replayed workflow) finds the outbox row sent and sends nothing; both runs return the
// same Message-ID, the one derived from the key, and the first version of the mail wins.
func TestSendMailTwiceWithTheSameKeySendsOneMessage(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 1)
	m := receipt(na, "consumidor1@example.com")
	want := activities.MessageIDFor(m.Key, mailDomain)

	first, err := f.sendMail(m)
	if err != nil {
		t.Fatalf("first SendMail: %v", err)
	}
	second, err := f.sendMail(m)
	if err != nil {
		t.Fatalf("second SendMail: %v", err)
	}
	changed := m
	changed.Data = activities.MailData{Destinatario: "Outro Nome", RecebidoEm: "06/10/2026"}
	third, err := f.sendMail(changed)
	if err != nil {
		t.Fatalf("third SendMail: %v", err)
	}
	if first != want || second != want || third != want {
		t.Errorf("Message-IDs = %q, %q, %q; want %q every time", first, second, third, want)
	}

	got := f.sink.received()
	if len(got) != 1 {
		t.Fatalf("SMTP server received %d messages, want 1", len(got))
	}
	p := parse(t, got[0].Data)
	if p.MessageID != want {
		t.Errorf("sent Message-ID = %q, want %q", p.MessageID, want)
	}
	if len(got[0].To) != 1 || got[0].To[0] != "consumidor1@example.com" {
		t.Errorf("envelope recipients = %v, want the consumer", got[0].To)
	}
	if strings.Contains(p.Body, "Outro Nome") {
		t.Error("the re-run with other data changed what was sent")
	}
	if n := f.count(t, `SELECT count(*) FROM outbox WHERE key = $1`, m.Key); n != 1 {
		t.Errorf("outbox has %d rows for the key, want 1", n)
	}
	row := f.outbox(t, m.Key)
	if row.Status != "sent" || row.Attempts != 1 || row.MessageID != want || strings.Contains(row.Body, "Outro Nome") {
		t.Errorf("outbox row = %+v, want sent after 1 attempt with the first version", row)
	}
}

// TestMessageIDForIsStablePerKeyAndInTheMailDomain: the Message-ID depends only on the
// key and the domain.
func TestMessageIDForIsStablePerKeyAndInTheMailDomain(t *testing.T) {
	a := activities.MessageIDFor("recibo/NA-2026-000001", mailDomain)
	if a != activities.MessageIDFor("recibo/NA-2026-000001", mailDomain) {
		t.Error("MessageIDFor is not deterministic")
	}
	if !strings.HasSuffix(a, "@"+mailDomain) || strings.ContainsAny(a, "<> ") {
		t.Errorf("MessageIDFor = %q, want a bare id-left@%s", a, mailDomain)
	}
	if a == activities.MessageIDFor("recibo/NA-2026-000002", mailDomain) {
		t.Error("two keys share a Message-ID")
	}
}

// TestSendMailRetriedAfterASenderFailureSendsOnce: a failed delivery leaves the row
// pending with the attempt and the (masked) error recorded and fails the activity so that
// Temporal retries it; the retry sends the message once and marks it sent.
func TestSendMailRetriedAfterASenderFailureSendsOnce(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 1)
	flaky := &flakySender{
		next: f.acts.Sender, failures: 1,
		err: errors.New("smtp: 451 4.3.0 mailbox consumidor1@example.com temporarily unavailable"),
	}
	f.acts.Sender = flaky
	m := receipt(na, "consumidor1@example.com")

	_, err := f.sendMail(m)
	if err == nil {
		t.Fatal("SendMail succeeded although the sender failed")
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) && appErr.NonRetryable() {
		t.Errorf("a delivery failure is non-retryable (%v); Temporal would never send the mail", err)
	}
	row := f.outbox(t, m.Key)
	if row.Status != "pending" || row.Attempts != 1 || !strings.Contains(row.LastError, "451") {
		t.Errorf("outbox row after the failure = {status %q, attempts %d, last_error %q}, want pending, 1, the error",
			row.Status, row.Attempts, row.LastError)
	}
	if strings.Contains(row.LastError, "consumidor1@example.com") {
		t.Errorf("last_error keeps the consumer's address: %q", row.LastError)
	}
	if n := len(f.sink.received()); n != 0 {
		t.Fatalf("SMTP server received %d messages from a failed attempt", n)
	}

	id, err := f.sendMail(m)
	if err != nil {
		t.Fatalf("retry: %v", err)
	}
	if id != activities.MessageIDFor(m.Key, mailDomain) {
		t.Errorf("retry returned Message-ID %q, want %q", id, activities.MessageIDFor(m.Key, mailDomain))
	}
	if _, err := f.sendMail(m); err != nil {
		t.Fatalf("re-run after success: %v", err)
	}
	got := f.sink.received()
	if len(got) != 1 {
		t.Fatalf("SMTP server received %d messages, want 1", len(got))
	}
	if p := parse(t, got[0].Data); p.MessageID != id {
		t.Errorf("sent Message-ID %q, want %q", p.MessageID, id)
	}
	if flaky.calls != 2 {
		t.Errorf("Sender called %d times, want 2 (the failure and the retry)", flaky.calls)
	}
	row = f.outbox(t, m.Key)
	if row.Status != "sent" || row.Attempts != 2 || row.LastError != "" {
		t.Errorf("outbox row after the retry = {status %q, attempts %d, last_error %q}, want sent, 2, none",
			row.Status, row.Attempts, row.LastError)
	}
	if n := f.count(t, `SELECT count(*) FROM outbox`); n != 1 {
		t.Errorf("outbox has %d rows, want 1", n)
	}
}

// TestSendMailRendersThePortugueseReceiptWithTheNA: the receipt template gives a
// Portuguese subject with the NA and a body with the consumer's data and the protocol
// address; the outbox keeps exactly what was sent.
func TestSendMailRendersThePortugueseReceiptWithTheNA(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 1)
	m := receipt(na, "consumidor1@example.com")
	if _, err := f.sendMail(m); err != nil {
		t.Fatal(err)
	}
	got := f.sink.received()
	if len(got) != 1 {
		t.Fatalf("SMTP server received %d messages, want 1", len(got))
	}
	p := parse(t, got[0].Data)
	wantSubject := "PROCON/ES - Atendimento eletrônico recebido - " + na
	if p.Subject != wantSubject {
		t.Errorf("Subject = %q, want %q", p.Subject, wantSubject)
	}
	for _, want := range []string{
		"Prezado(a) Maria Demonstração 1,",
		"Recebemos o seu atendimento eletrônico em 05/10/2026.",
		"Número de Atendimento (NA): " + na,
		"escreva para " + protocolAddress + " informando o número " + na,
	} {
		if !strings.Contains(p.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, p.Body)
		}
	}
	if strings.Contains(p.Body, "Atendimento eletrônico recebido - ") {
		t.Error("the subject line is repeated in the body")
	}
	if p.ReplyTo == "" || !strings.Contains(p.ReplyTo, protocolAddress) {
		t.Errorf("Reply-To = %q, want the protocol address", p.ReplyTo)
	}
	row := f.outbox(t, m.Key)
	if row.Subject != wantSubject || !strings.HasPrefix(row.Body, "Prezado(a) Maria Demonstração 1,") {
		t.Errorf("outbox row subject %q, body starting %q; want the rendered mail", row.Subject, firstLine(row.Body))
	}
}

// TestSendMailWithABadTemplateIsAnErrorAndSendsNothing: an unknown kind fails the
// activity before anything is recorded or sent. (A template reading a field its data
// lacks cannot compile: MailData is typed, and TestEveryMailTemplateRendersWithItsData
// checks each template reads only what its senders fill.)
func TestSendMailWithABadTemplateIsAnErrorAndSendsNothing(t *testing.T) {
	f := newFixture(t)
	na := f.newCase(t, 1)
	for _, tc := range []struct {
		name, kind, want string
		data             activities.MailData
	}{
		{"unknown kind", "inexistente", "inexistente", activities.MailData{Destinatario: "Maria"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := activities.Mail{Key: tc.kind + "/" + tc.name + "/" + na, NA: na, Kind: tc.kind, To: "consumidor1@example.com", Data: tc.data}
			_, err := f.sendMail(m)
			if err == nil {
				t.Fatal("SendMail succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name %q", err, tc.want)
			}
			if n := f.count(t, `SELECT count(*) FROM outbox WHERE key = $1`, m.Key); n != 0 {
				t.Errorf("outbox has %d rows for a mail that could not be rendered", n)
			}
		})
	}
	if n := len(f.sink.received()); n != 0 {
		t.Errorf("SMTP server received %d messages", n)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestSendMailWithABadTemplateIsNotRetried: a template error cannot be cured by a retry,
// and the workflows retry activities without limit.
func TestSendMailWithABadTemplateIsNotRetried(t *testing.T) {
	f := newFixture(t)
	_, err := f.sendMail(activities.Mail{Key: "x/inexistente/consumidor", NA: "NA-2026-000001", Kind: "inexistente", To: "consumidor1@example.com"})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() {
		t.Errorf("error = %v, want a non-retryable application error", err)
	}
}
