package store

import (
	"context"

	"github.com/procon-es/procon/internal/prazo"
)

// WorkflowsWithDeadlineFrom lists the workflows of the cases whose current deadline falls
// on date or later: the ones a closure declared or removed on date may move (a due date
// on that day, a due date already moved past it, a count of business days across it).
func (s *Store) WorkflowsWithDeadlineFrom(ctx context.Context, date prazo.Date) ([]string, error) {
	rows, err := s.Pool.Query(ctx, `SELECT workflow_id FROM cases WHERE current_deadline >= $1::date ORDER BY current_deadline, na`,
		date.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
