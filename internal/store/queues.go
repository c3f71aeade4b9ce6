package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// QueuedCase is a case in a staff work queue, with its place and priority.
type QueuedCase struct {
	Case
	// Position is the case's place in the queue, from 1.
	Position int `json:"posicao"`
	// Priority is the consumer's priority-attendance code (intake.Priority*), "" when none.
	Priority string `json:"prioridade,omitempty"`
}

// ListQueue returns one page of the cases in any of statuses, in the queue's order:
// arrival order, and with priorityFirst the priority attendance ahead (product §2, 003): 80
// or older first, then every other priority, then the rest.
func (s *Store) ListQueue(ctx context.Context, statuses []string, priorityFirst bool, offset, limit int) ([]QueuedCase, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+caseColumns+`, coalesce(form->'consumer'->>'priority', '') FROM cases
		WHERE status = ANY ($1)
		ORDER BY CASE WHEN NOT $2 THEN 0
		              WHEN form->'consumer'->>'priority' = 'idoso_80' THEN 0
		              WHEN coalesce(form->'consumer'->>'priority', '') <> '' THEN 1
		              ELSE 2 END,
		         created_at, na
		OFFSET $3 LIMIT $4`, statuses, priorityFirst, offset, limit)
	if err != nil {
		return nil, err
	}
	return scanQueue(rows, offset)
}

// ListPetitionQueue returns one page of the cases with a petition awaiting confirmation
// of its sender (issue 14), the oldest petition first: the clock of a CIP answer keeps
// running until staff confirm it.
func (s *Store) ListPetitionQueue(ctx context.Context, offset, limit int) ([]QueuedCase, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+caseColumns+`, coalesce(form->'consumer'->>'priority', '')
		FROM (SELECT c.*, p.oldest FROM cases c
		      JOIN (SELECT na, min(received_at) AS oldest FROM petition_reviews WHERE settled IS NULL GROUP BY na) p
		        ON p.na = c.na) cases
		ORDER BY oldest, na
		OFFSET $1 LIMIT $2`, offset, limit)
	if err != nil {
		return nil, err
	}
	return scanQueue(rows, offset)
}

// scanQueue reads the rows of a queue's page that starts after offset cases.
func scanQueue(rows pgx.Rows, offset int) ([]QueuedCase, error) {
	defer rows.Close()
	out := []QueuedCase{}
	for rows.Next() {
		var q QueuedCase
		err := rows.Scan(&q.NA, &q.WorkflowID, &q.InboundMessage, &q.Status, &q.ConsumerDoc, &q.ConsumerName, &q.ConsumerEmail,
			&q.SupplierDocs, &q.SupplierNames, &q.Form, &q.CurrentDeadline, &q.DeadlineRule, &q.CreatedAt, &q.UpdatedAt, &q.Priority)
		if err != nil {
			return nil, err
		}
		q.Position = offset + len(out) + 1
		out = append(out, q)
	}
	return out, rows.Err()
}

// QueueStats sums up a work queue for the console's home page.
type QueueStats struct {
	// Cases is how many cases the queue holds.
	Cases int
	// Soon counts the cases whose deadline lapses on or before the soon day given, not
	// yet lapsed; Lapsed those whose deadline lapsed before today.
	Soon, Lapsed int
	// Oldest is when the oldest case of the queue arrived (zero when empty).
	Oldest time.Time
}

// StatusQueueStats sums up the cases in the statuses: today and soon are days (their
// date is read in UTC, as dates are stored), compared with each case's current deadline.
func (s *Store) StatusQueueStats(ctx context.Context, statuses []string, today, soon time.Time) (QueueStats, error) {
	return s.queueStats(ctx, `SELECT count(*), count(*) FILTER (WHERE current_deadline >= $2::date AND current_deadline <= $3::date),
			count(*) FILTER (WHERE current_deadline < $2::date), min(created_at)
		FROM cases WHERE status = ANY ($1)`, statuses, today, soon)
}

// PetitionQueueStats sums up the cases with a petition awaiting confirmation of its
// sender, as StatusQueueStats does; Oldest is the oldest petition's arrival.
func (s *Store) PetitionQueueStats(ctx context.Context, today, soon time.Time) (QueueStats, error) {
	return s.queueStats(ctx, `SELECT count(*), count(*) FILTER (WHERE current_deadline >= $1::date AND current_deadline <= $2::date),
			count(*) FILTER (WHERE current_deadline < $1::date), min(oldest)
		FROM cases c JOIN (SELECT na, min(received_at) AS oldest FROM petition_reviews WHERE settled IS NULL GROUP BY na) p ON p.na = c.na`,
		today, soon)
}

func (s *Store) queueStats(ctx context.Context, q string, args ...any) (QueueStats, error) {
	var st QueueStats
	var oldest *time.Time
	err := s.Pool.QueryRow(ctx, q, args...).Scan(&st.Cases, &st.Soon, &st.Lapsed, &oldest)
	if oldest != nil {
		st.Oldest = *oldest
	}
	return st, err
}
