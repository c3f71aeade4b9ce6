package store

import (
	"context"
	"time"
)

// PetitionReview is a petition awaiting confirmation of its sender (issue 14).
type PetitionReview struct {
	InboundID  int64     `json:"peticao"`
	NA         string    `json:"na"`
	Kind       string    `json:"tipo"`
	Reason     string    `json:"motivo"`
	ReceivedAt time.Time `json:"recebida_em"`
}

// OpenPetitionReview records, once, that a petition of a case awaits confirmation.
func (s *Store) OpenPetitionReview(ctx context.Context, r PetitionReview) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO petition_reviews (inbound_id, na, kind, reason, received_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (inbound_id) DO NOTHING`, r.InboundID, r.NA, r.Kind, r.Reason, r.ReceivedAt)
	return err
}

// SettlePetitionReview records staff's decision on a pending petition (confirmar_peticao
// or descartar_peticao); a second call changes nothing.
func (s *Store) SettlePetitionReview(ctx context.Context, inboundID int64, decision, by string, at time.Time) error {
	_, err := s.Pool.Exec(ctx, `UPDATE petition_reviews SET settled = $2, settled_by = $3, settled_at = $4
		WHERE inbound_id = $1 AND settled IS NULL`, inboundID, decision, by, at)
	return err
}

// PendingPetitions lists the petitions of a case that await confirmation, oldest first.
func (s *Store) PendingPetitions(ctx context.Context, na string) ([]PetitionReview, error) {
	rows, err := s.Pool.Query(ctx, `SELECT inbound_id, na, kind, reason, received_at FROM petition_reviews
		WHERE na = $1 AND settled IS NULL ORDER BY received_at, inbound_id`, na)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PetitionReview{}
	for rows.Next() {
		var r PetitionReview
		if err := rows.Scan(&r.InboundID, &r.NA, &r.Kind, &r.Reason, &r.ReceivedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
