package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Staff is a member of the agency's staff with one role.
type Staff struct {
	ID    int64  `json:"id"`
	Name  string `json:"nome"`
	Email string `json:"email,omitempty"`
	Role  string `json:"papel"`
}

// Signature names the staff member as the timeline and documents show who acted:
// "Name (servidor ID)".
func (s Staff) Signature() string { return fmt.Sprintf("%s (servidor %d)", s.Name, s.ID) }

// HashToken is how a bearer token is kept: its SHA-256.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// NewToken returns a fresh random bearer token.
func NewToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return "pct_" + base64.RawURLEncoding.EncodeToString(b), nil
}

// AddStaff creates a staff member and a first token, returned in clear once.
func (s *Store) AddStaff(ctx context.Context, name, email, role string) (Staff, string, error) {
	token, err := NewToken()
	if err != nil {
		return Staff{}, "", err
	}
	st := Staff{Name: name, Email: email, Role: role}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO staff (name, email, role) VALUES ($1, nullif($2, ''), $3) RETURNING id`,
			name, email, role).Scan(&st.ID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO staff_tokens (token_hash, staff_id) VALUES ($1, $2)`, HashToken(token), st.ID)
		return err
	})
	return st, token, err
}

// StaffByToken finds the active staff member holding a token.
func (s *Store) StaffByToken(ctx context.Context, token string) (Staff, error) {
	var st Staff
	var revoked, disabled *time.Time
	err := s.Pool.QueryRow(ctx, `SELECT s.id, s.name, coalesce(s.email, ''), s.role, t.revoked_at, s.disabled_at
		FROM staff_tokens t JOIN staff s ON s.id = t.staff_id WHERE t.token_hash = $1`, HashToken(token)).
		Scan(&st.ID, &st.Name, &st.Email, &st.Role, &revoked, &disabled)
	if err != nil {
		return st, notFound(err)
	}
	if revoked != nil || disabled != nil {
		return st, ErrNotFound
	}
	return st, nil
}
