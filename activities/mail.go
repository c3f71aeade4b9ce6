package activities

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"strings"
	"text/template"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/logging"
	"github.com/procon-es/procon/internal/store"
)

//go:embed templates/*.txt
var templateFiles embed.FS

// templates holds one template per kind of outgoing mail; the first line of each file is
// the subject, the rest the body (Brazilian Portuguese).
var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(templateFiles, "templates/*.txt"))

// Mail asks for one e-mail. Key identifies the intention ("receipt/NA-2026-000001"): the
// same key is sent at most once, whatever retries happen.
type Mail struct {
	Key  string   `json:"chave"`
	NA   string   `json:"na,omitempty"`
	Kind string   `json:"tipo"` // a template in templates/, without .txt
	To   string   `json:"para"`
	Data MailData `json:"dados"`
	// Attachments go with the message as they are.
	Attachments []store.Attachment `json:"anexos,omitempty"`
}

// CaseMailKey is the once-only key of the mail announcing act (unique within the case:
// "recibo", "audiencia/2") to one party of case na ("consumidor", "fornecedor-2"). Every
// mail of a case is keyed here, so two cases never share a key and one act never
// reaches a party twice.
func CaseMailKey(na, act, party string) string {
	return na + "/" + act + "/" + party
}

// MessageIDFor derives the stable Message-ID of an outgoing message from its key.
func MessageIDFor(key, domain string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:12]) + "@" + domain
}

// render produces the subject and body of a mail from its template.
func (a *Activities) render(m Mail) (subject, body string, err error) {
	data := m.Data
	data.NA, data.Protocolo = m.NA, a.ProtocolAddress
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, m.Kind+".txt", data); err != nil {
		return "", "", fmt.Errorf("template %s: %w", m.Kind, err)
	}
	subject, body, _ = strings.Cut(buf.String(), "\n")
	return strings.TrimSpace(subject), strings.TrimLeft(body, "\n"), nil
}

// SendMail records the message in the outbox (once per key) and delivers it unless the
// outbox says it was already sent. It returns the Message-ID.
//
// Crash window: if the process dies after the SMTP server accepted the message and
// before the outbox row is marked sent, the retry sends it again with the same
// Message-ID; receivers and our counters can tell the copies apart by that ID.
func (a *Activities) SendMail(ctx context.Context, m Mail) (string, error) {
	subject, body, err := a.render(m)
	if err != nil { // a defect of ours: retrying cannot mend it
		return "", temporal.NewNonRetryableApplicationError(err.Error(), "template_error", err)
	}
	out, err := a.Store.EnqueueMail(ctx, store.OutgoingMail{
		Key: m.Key, MessageID: MessageIDFor(m.Key, a.MailDomain), NA: m.NA, Kind: m.Kind, To: m.To,
		Subject: subject, Body: body, Attachments: m.Attachments,
	})
	if err != nil {
		return "", err
	}
	if out.Status == "sent" {
		return out.MessageID, nil
	}
	// A slow SMTP session must not look like a lost worker: the server would retry the
	// attempt while this one still delivers, and the message would go out twice.
	defer heartbeatWhile(ctx)()
	if err := a.Sender.Send(ctx, out); err != nil {
		_ = a.Store.MarkMailFailed(ctx, out.Key, logging.Mask(err.Error()))
		activity.GetLogger(ctx).Warn("mail not sent; will retry", "key", out.Key, "error", err)
		return "", err
	}
	return out.MessageID, a.markSent(ctx, out.Key)
}

// markSent marks the outbox row sent. The message is out: failing now would send it
// again on retry, so while the database is away it keeps trying, heartbeating, until the
// activity's time is up.
func (a *Activities) markSent(ctx context.Context, key string) error {
	wait := 250 * time.Millisecond
	for {
		err := a.Store.MarkMailSent(ctx, key)
		if err == nil {
			return nil
		}
		activity.RecordHeartbeat(ctx, "marking "+key)
		activity.GetLogger(ctx).Warn("mail sent but not yet marked; retrying", "key", key, "error", err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// heartbeatWhile heartbeats every few seconds until the returned stop is called, so an
// activity busy in one long call (an SMTP session under load) is not taken for lost.
func heartbeatWhile(ctx context.Context) (stop func()) {
	if !activity.IsActivity(ctx) { // called directly, as in tests
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(3 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				activity.RecordHeartbeat(ctx, "sending")
			}
		}
	}()
	return func() { close(done) }
}
