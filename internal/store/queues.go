package store

import (
	"context"
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
// arrival order, and with priorityFirst the priority attendance ahead (SPEC §2, 003): 80
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
