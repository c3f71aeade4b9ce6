package store

import (
	"context"
	"crypto/sha256"
	"time"

	"github.com/jackc/pgx/v5"
)

// InboundMessage is one message read from an agency mailbox, kept raw.
type InboundMessage struct {
	ID        int64
	Mailbox   string
	MessageID string
	SHA256    []byte
	Raw       []byte
	// DeclaredSize is set for a message over the size limit, not downloaded whole: the
	// size its server declared; Raw then holds its header only.
	DeclaredSize int64
	Status       string
	Outcome      string
	ReceivedAt   time.Time
}

// SaveInbound stores a raw message once: a message with the same Message-ID or the same
// content in the same mailbox is the same message. It returns the stored row and whether
// this call created it.
func (s *Store) SaveInbound(ctx context.Context, mailbox, messageID string, raw []byte) (InboundMessage, bool, error) {
	return s.saveInbound(ctx, mailbox, messageID, raw, 0)
}

// SaveOversizedInbound stores, once, the header of a message too large to download
// whole, with the size its server declared (InboundMessage.DeclaredSize).
func (s *Store) SaveOversizedInbound(ctx context.Context, mailbox, messageID string, header []byte, size int64) (InboundMessage, bool, error) {
	return s.saveInbound(ctx, mailbox, messageID, header, size)
}

func (s *Store) saveInbound(ctx context.Context, mailbox, messageID string, raw []byte, declared int64) (InboundMessage, bool, error) {
	sum := sha256.Sum256(raw)
	var mid any
	if messageID != "" {
		mid = messageID
	}
	var m InboundMessage
	created := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		size := int64(len(raw))
		var declaredSize any
		if declared > 0 {
			size, declaredSize = declared, declared
		}
		tag, err := tx.Exec(ctx, `INSERT INTO inbound_messages (mailbox, message_id, sha256, raw, size_bytes, declared_size)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, mailbox, mid, sum[:], raw, size, declaredSize)
		if err != nil {
			return err
		}
		created = tag.RowsAffected() == 1
		row := tx.QueryRow(ctx, `SELECT id, mailbox, coalesce(message_id, ''), sha256, status, coalesce(outcome, ''), received_at
			FROM inbound_messages
			WHERE mailbox = $1 AND (sha256 = $2 OR ($3::text IS NOT NULL AND message_id = $3))
			ORDER BY id LIMIT 1`, mailbox, sum[:], mid)
		return row.Scan(&m.ID, &m.Mailbox, &m.MessageID, &m.SHA256, &m.Status, &m.Outcome, &m.ReceivedAt)
	})
	return m, created, err
}

// Inbound loads a stored message with its raw content.
func (s *Store) Inbound(ctx context.Context, id int64) (InboundMessage, error) {
	var m InboundMessage
	err := s.Pool.QueryRow(ctx, `SELECT id, mailbox, coalesce(message_id, ''), sha256, raw, coalesce(declared_size, 0), status,
			coalesce(outcome, ''), received_at
		FROM inbound_messages WHERE id = $1`, id).
		Scan(&m.ID, &m.Mailbox, &m.MessageID, &m.SHA256, &m.Raw, &m.DeclaredSize, &m.Status, &m.Outcome, &m.ReceivedAt)
	return m, notFound(err)
}

// SetInboundStatus records how far a stored message has gone: "dispatched" once its
// workflow is started, "processed" once the workflow has acted on it.
func (s *Store) SetInboundStatus(ctx context.Context, id int64, status, outcome string) error {
	_, err := s.Pool.Exec(ctx, `UPDATE inbound_messages
		SET status = $2, outcome = coalesce(nullif($3, ''), outcome),
		    processed_at = CASE WHEN $2 = 'processed' THEN coalesce(processed_at, now()) ELSE processed_at END
		WHERE id = $1`, id, status, outcome)
	return err
}

// MailboxPosition is where a poller stands in a mailbox.
type MailboxPosition struct {
	UIDValidity uint32
	LastUID     uint32
}

// MailboxPosition returns the saved position of a mailbox; the zero value when none.
func (s *Store) MailboxPosition(ctx context.Context, mailbox string) (MailboxPosition, error) {
	var p MailboxPosition
	var v, u int64
	err := s.Pool.QueryRow(ctx, `SELECT uid_validity, last_uid FROM mailbox_state WHERE mailbox = $1`, mailbox).Scan(&v, &u)
	if err == pgx.ErrNoRows {
		return p, nil
	}
	p.UIDValidity, p.LastUID = uint32(v), uint32(u)
	return p, err
}

// SaveMailboxPosition records the position of a mailbox.
func (s *Store) SaveMailboxPosition(ctx context.Context, mailbox string, p MailboxPosition) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO mailbox_state (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
		ON CONFLICT (mailbox) DO UPDATE SET uid_validity = $2, last_uid = $3, updated_at = now()`,
		mailbox, int64(p.UIDValidity), int64(p.LastUID))
	return err
}

// CaseMessage is a message that reached a case (its intake e-mail, its petitions), as a
// list shows it: its header (up to 8 KiB of the message) without its body.
type CaseMessage struct {
	ID         int64
	Mailbox    string
	ReceivedAt time.Time
	Size       int
	Header     []byte
}

// caseMessageIDs selects the stored messages of case $1: the one that opened it and each
// one its timeline names (mensagem_recebida).
const caseMessageIDs = `(SELECT inbound_message FROM cases WHERE na = $1
	UNION SELECT (payload->>'mensagem_recebida')::bigint FROM case_events WHERE na = $1 AND payload ? 'mensagem_recebida')`

// CaseInbound loads one stored message of case na, with its raw content; a message of
// another case is ErrNotFound.
func (s *Store) CaseInbound(ctx context.Context, na string, id int64) ([]byte, error) {
	var raw []byte
	err := s.Pool.QueryRow(ctx, `SELECT raw FROM inbound_messages WHERE id = $2 AND id IN `+caseMessageIDs, na, id).Scan(&raw)
	return raw, notFound(err)
}

// InboundForCase lists the stored messages of a case, oldest first: the one that opened
// it and each one its timeline names (mensagem_recebida).
func (s *Store) InboundForCase(ctx context.Context, na string) ([]CaseMessage, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, mailbox, received_at, length(raw), substring(raw from 1 for 8192)
		FROM inbound_messages WHERE id IN `+caseMessageIDs+` ORDER BY received_at, id`, na)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CaseMessage
	for rows.Next() {
		var m CaseMessage
		if err := rows.Scan(&m.ID, &m.Mailbox, &m.ReceivedAt, &m.Size, &m.Header); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OutgoingOf loads one message the outbox holds for a case, with its body.
func (s *Store) OutgoingOf(ctx context.Context, na, key string) (OutgoingMail, error) {
	m, err := s.OutboxMail(ctx, key)
	if err == nil && m.NA != na {
		return OutgoingMail{}, ErrNotFound
	}
	return m, err
}
