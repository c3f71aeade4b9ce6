package store

import (
	"context"
	"encoding/json"
)

// OutgoingMail is one intended outgoing message. Key identifies the intention (e.g.
// "receipt/NA-2026-000001"); MessageID is derived from it and never changes, so a
// message that is sent again after a crash carries the same Message-ID.
type OutgoingMail struct {
	Key         string       `json:"key"`
	MessageID   string       `json:"message_id"`
	NA          string       `json:"na,omitempty"`
	Kind        string       `json:"kind"`
	To          string       `json:"to"`
	Subject     string       `json:"subject"`
	Body        string       `json:"body"`
	Attachments []Attachment `json:"attachments,omitempty"`
	Status      string       `json:"status"`
}

// Attachment is a file attached to an outgoing message.
type Attachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// EnqueueMail records the intention to send a message, once per key, and returns the
// stored row (the first version wins: a retry never changes what is sent).
func (s *Store) EnqueueMail(ctx context.Context, m OutgoingMail) (OutgoingMail, error) {
	att, err := json.Marshal(m.Attachments)
	if err != nil {
		return m, err
	}
	var na any
	if m.NA != "" {
		na = m.NA
	}
	if _, err := s.Pool.Exec(ctx, `INSERT INTO outbox (key, message_id, na, kind, to_addr, subject, body, attachments)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
		m.Key, m.MessageID, na, m.Kind, m.To, m.Subject, m.Body, att); err != nil {
		return m, err
	}
	return s.OutboxMail(ctx, m.Key)
}

// OutboxMail loads an outbox row by key.
func (s *Store) OutboxMail(ctx context.Context, key string) (OutgoingMail, error) {
	var m OutgoingMail
	var att []byte
	err := s.Pool.QueryRow(ctx, `SELECT key, message_id, coalesce(na, ''), kind, to_addr, subject, body, attachments, status
		FROM outbox WHERE key = $1`, key).
		Scan(&m.Key, &m.MessageID, &m.NA, &m.Kind, &m.To, &m.Subject, &m.Body, &att, &m.Status)
	if err != nil {
		return m, notFound(err)
	}
	return m, json.Unmarshal(att, &m.Attachments)
}

// MarkMailSent records that the SMTP server accepted the message.
func (s *Store) MarkMailSent(ctx context.Context, key string) error {
	_, err := s.Pool.Exec(ctx, `UPDATE outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE key = $1`, key)
	return err
}

// MarkMailFailed records a failed delivery attempt; the activity will be retried.
func (s *Store) MarkMailFailed(ctx context.Context, key, reason string) error {
	_, err := s.Pool.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE key = $1`, key, reason)
	return err
}

// OutboxForCase lists the messages intended for a case, oldest first.
func (s *Store) OutboxForCase(ctx context.Context, na string) ([]OutgoingMail, error) {
	rows, err := s.Pool.Query(ctx, `SELECT key, message_id, kind, to_addr, subject, status FROM outbox WHERE na = $1 ORDER BY created_at, key`, na)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutgoingMail
	for rows.Next() {
		m := OutgoingMail{NA: na}
		if err := rows.Scan(&m.Key, &m.MessageID, &m.Kind, &m.To, &m.Subject, &m.Status); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
