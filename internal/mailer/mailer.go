// Package mailer sends the agency's outgoing mail over SMTP with go-mail. It sends one
// outbox row as one message, with the row's stable Message-ID, so that a message sent
// again after a crash can be recognised as the same message.
package mailer

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/procon-es/procon/internal/store"
)

// Config says how to reach the SMTP server and how outgoing mail is addressed.
type Config struct {
	Addr     string // host:port
	User     string // empty: no SMTP authentication
	Password string
	From     string // From address
	ReplyTo  string // replies go to the protocol mailbox (004 §14.1)
	HELO     string
}

// Mailer sends messages.
type Mailer struct{ cfg Config }

// New returns a Mailer for cfg.
func New(cfg Config) *Mailer { return &Mailer{cfg: cfg} }

// Build renders an outbox row as a MIME message.
func (m *Mailer) Build(out store.OutgoingMail) (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := msg.FromFormat("PROCON/ES", m.cfg.From); err != nil {
		return nil, fmt.Errorf("mailer: from: %w", err)
	}
	if err := msg.To(out.To); err != nil {
		return nil, fmt.Errorf("mailer: to: %w", err)
	}
	if m.cfg.ReplyTo != "" {
		if err := msg.ReplyTo(m.cfg.ReplyTo); err != nil {
			return nil, fmt.Errorf("mailer: reply-to: %w", err)
		}
	}
	msg.SetMessageIDWithValue(out.MessageID)
	msg.SetDate()
	msg.Subject(out.Subject)
	msg.SetBodyString(mail.TypeTextPlain, out.Body)
	for _, a := range out.Attachments {
		ct := mail.ContentType(a.ContentType)
		if err := msg.AttachReader(a.Filename, bytes.NewReader(a.Data), mail.WithFileContentType(ct)); err != nil {
			return nil, fmt.Errorf("mailer: attach %s: %w", a.Filename, err)
		}
	}
	return msg, nil
}

// Send delivers one message to the SMTP server.
func (m *Mailer) Send(ctx context.Context, out store.OutgoingMail) error {
	msg, err := m.Build(out)
	if err != nil {
		return err
	}
	return m.SendMsg(ctx, msg)
}

// SendMsg delivers a message built elsewhere (samples, tools).
func (m *Mailer) SendMsg(ctx context.Context, msg *mail.Msg) error {
	c, err := m.client()
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}

// Ping checks that the SMTP server answers its greeting.
func (m *Mailer) Ping(ctx context.Context) error {
	d := net.Dialer{Timeout: 3 * time.Second}
	conn, err := d.DialContext(ctx, "tcp", m.cfg.Addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	buf := make([]byte, 3)
	if _, err := conn.Read(buf); err != nil {
		return fmt.Errorf("smtp greeting: %w", err)
	}
	if string(buf) != "220" {
		return fmt.Errorf("smtp greeting: unexpected %q", buf)
	}
	return nil
}

func (m *Mailer) client() (*mail.Client, error) {
	host, portStr, err := net.SplitHostPort(m.cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("mailer: address %q: %w", m.cfg.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("mailer: port %q: %w", portStr, err)
	}
	helo := m.cfg.HELO
	if helo == "" {
		helo = "procon.local"
	}
	opts := []mail.Option{
		mail.WithPort(port), mail.WithTLSPolicy(mail.TLSOpportunistic), mail.WithTimeout(30 * time.Second), mail.WithHELO(helo),
	}
	if m.cfg.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(m.cfg.User), mail.WithPassword(m.cfg.Password))
	}
	return mail.NewClient(host, opts...)
}
