package store

import (
	"context"
	"encoding/json"
	"time"
)

// Event is one entry of a case's timeline: what happened, who or what caused it, when,
// and the deadline then running.
type Event struct {
	ID       int64           `json:"id"`
	NA       string          `json:"na"`
	Kind     string          `json:"tipo"`
	Actor    string          `json:"autor"`
	Payload  json.RawMessage `json:"dados,omitempty"`
	Deadline *time.Time      `json:"vence_em,omitempty"`
	At       time.Time       `json:"em"`
	// DedupKey makes the append idempotent: a retried activity writes the event once.
	DedupKey string `json:"-"`
}

// AppendEvent adds an event to a case's timeline once per DedupKey. It reports whether
// this call added it.
func (s *Store) AppendEvent(ctx context.Context, e Event) (bool, error) {
	if e.Payload == nil {
		e.Payload = json.RawMessage(`{}`)
	}
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	tag, err := s.Pool.Exec(ctx, `INSERT INTO case_events (na, kind, actor, payload, deadline, at, dedup_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedup_key) DO NOTHING`,
		e.NA, e.Kind, e.Actor, e.Payload, e.Deadline, at, e.DedupKey)
	return err == nil && tag.RowsAffected() == 1, err
}

// Events returns a case's timeline, oldest first.
func (s *Store) Events(ctx context.Context, na string) ([]Event, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, na, kind, actor, payload, deadline, at FROM case_events WHERE na = $1 ORDER BY at, id`, na)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.NA, &e.Kind, &e.Actor, &e.Payload, &e.Deadline, &e.At); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
