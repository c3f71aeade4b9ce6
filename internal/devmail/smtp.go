package devmail

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"io"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// smtpBackend hands each SMTP connection a session that delivers to store.
type smtpBackend struct {
	store *store
}

// NewSession starts an SMTP session.
func (b smtpBackend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &smtpSession{store: b.store}, nil
}

// smtpSession is one SMTP transaction at a time: every recipient is a
// local account.
type smtpSession struct {
	store *store
	from  string
	rcpts []string
}

var errBadRecipient = &smtp.SMTPError{
	Code:         553,
	EnhancedCode: smtp.EnhancedCode{5, 1, 3},
	Message:      "Bad recipient address syntax",
}

// AuthMechanisms offers AUTH PLAIN: clients configured with credentials
// work, and clients without them may still send.
func (s *smtpSession) AuthMechanisms() []string {
	return []string{sasl.Plain}
}

// Auth accepts any user name with the shared password.
func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, _, password string) error {
		if subtle.ConstantTimeCompare([]byte(password), []byte(s.store.password)) != 1 {
			return smtp.ErrAuthFailed
		}
		return nil
	}), nil
}

// Mail starts a transaction.
func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from, s.rcpts = from, nil
	return nil
}

// Rcpt accepts any recipient that can be an account name.
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	n, err := normalizeUser(to)
	if err != nil {
		return errBadRecipient
	}
	for _, r := range s.rcpts {
		if r == n {
			return nil
		}
	}
	s.rcpts = append(s.rcpts, n)
	return nil
}

// Data delivers the message to every recipient's INBOX.
func (s *smtpSession) Data(r io.Reader) error {
	body, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.store.deliver(s.from, s.rcpts, body); err != nil {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Local delivery failed"}
	}
	return nil
}

// Reset aborts the transaction.
func (s *smtpSession) Reset() { s.from, s.rcpts = "", nil }

// Logout ends the session.
func (s *smtpSession) Logout() error { return nil }

// deliver stores msg in the INBOX of every recipient, prefixed with the
// Return-Path and Delivered-To fields a final delivery adds.
func (s *store) deliver(from string, rcpts []string, msg []byte) error {
	if len(rcpts) == 0 {
		return errors.New("devmail: no recipients")
	}
	now := time.Now()
	var errs []error
	for _, rcpt := range rcpts {
		a, err := s.account(rcpt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var buf bytes.Buffer
		buf.Grow(len(msg) + 128)
		buf.WriteString("Return-Path: <" + from + ">\r\n")
		buf.WriteString("Delivered-To: " + a.name + "\r\n")
		buf.Write(msg)
		if _, err := a.deliver(buf.Bytes(), now); err != nil {
			errs = append(errs, err)
		}
	}
	err := errors.Join(errs...)
	if err != nil {
		s.log.Error("devmail delivery failed", "recipients", len(rcpts), "failed", len(errs), "error", maskedError(err))
	} else {
		s.log.Info("devmail delivered", "recipients", len(rcpts), "bytes", len(msg))
	}
	return err
}
