package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
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

// StaffLogin is what signing in needs to know of a staff member found by e-mail.
type StaffLogin struct {
	Staff
	// PasswordHash is "" while no password is set.
	PasswordHash string
	// FailedLogins counts the failed attempts since the last success; LastFailed is the
	// last one's time.
	FailedLogins int
	LastFailed   time.Time
	Disabled     bool
}

// StaffByEmail finds a staff member by e-mail address, whatever its case.
func (s *Store) StaffByEmail(ctx context.Context, email string) (StaffLogin, error) {
	var l StaffLogin
	var last, disabled *time.Time
	err := s.Pool.QueryRow(ctx, `SELECT id, name, coalesce(email, ''), role, coalesce(password_hash, ''), failed_logins,
			last_failed_login, disabled_at
		FROM staff WHERE lower(email) = lower($1)`, strings.TrimSpace(email)).
		Scan(&l.ID, &l.Name, &l.Email, &l.Role, &l.PasswordHash, &l.FailedLogins, &last, &disabled)
	if err != nil {
		return l, notFound(err)
	}
	if last != nil {
		l.LastFailed = *last
	}
	l.Disabled = disabled != nil
	return l, nil
}

// RecordLogin records a sign-in attempt: a failure counts, a success resets the count.
func (s *Store) RecordLogin(ctx context.Context, staffID int64, ok bool) error {
	q := `UPDATE staff SET failed_logins = failed_logins + 1, last_failed_login = now() WHERE id = $1`
	if ok {
		q = `UPDATE staff SET failed_logins = 0, last_failed_login = NULL WHERE id = $1`
	}
	_, err := s.Pool.Exec(ctx, q, staffID)
	return err
}

// SetPassword stores a staff member's password hash (argon2id, internal/password) and
// ends its sessions: a reset password signs everyone out.
func (s *Store) SetPassword(ctx context.Context, staffID int64, hash string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE staff SET password_hash = $2, failed_logins = 0, last_failed_login = NULL WHERE id = $1`, staffID, hash)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return ErrNotFound
		}
		_, err = tx.Exec(ctx, `UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = $1 AND revoked_at IS NULL`, staffID)
		return err
	})
}

// DisableStaff disables a staff member: its tokens and sessions stop working at once.
func (s *Store) DisableStaff(ctx context.Context, staffID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE staff SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1`, staffID); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE staff_sessions SET revoked_at = now() WHERE staff_id = $1 AND revoked_at IS NULL`, staffID)
		return err
	})
}

// passwordLinkLifetime is how long a link to set one's password stays valid.
const passwordLinkLifetime = 72 * time.Hour

// NewPasswordLink creates a one-time token to set a staff member's password, valid for
// three days; only its hash is kept.
func (s *Store) NewPasswordLink(ctx context.Context, staffID int64) (string, error) {
	token, err := randomToken()
	if err != nil {
		return "", err
	}
	_, err = s.Pool.Exec(ctx, `INSERT INTO staff_password_links (token_hash, staff_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')`,
		HashToken(token), staffID, int(passwordLinkLifetime.Seconds()))
	return token, err
}

// PasswordLinkStaff finds the staff member a valid, unused password link is for.
func (s *Store) PasswordLinkStaff(ctx context.Context, token string) (Staff, error) {
	var st Staff
	err := s.Pool.QueryRow(ctx, `SELECT s.id, s.name, coalesce(s.email, ''), s.role FROM staff_password_links l
		JOIN staff s ON s.id = l.staff_id
		WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND s.disabled_at IS NULL`, HashToken(token)).
		Scan(&st.ID, &st.Name, &st.Email, &st.Role)
	return st, notFound(err)
}

// UsePasswordLink sets the password through a valid link, once: the link is spent.
func (s *Store) UsePasswordLink(ctx context.Context, token, hash string) (Staff, error) {
	st, err := s.PasswordLinkStaff(ctx, token)
	if err != nil {
		return st, err
	}
	tag, err := s.Pool.Exec(ctx, `UPDATE staff_password_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL`, HashToken(token))
	if err != nil {
		return st, err
	}
	if tag.RowsAffected() == 0 {
		return st, ErrNotFound
	}
	return st, s.SetPassword(ctx, st.ID, hash)
}

// randomToken is 256 random bits, URL-safe.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// NewStaffToken gives a staff member one more bearer token, returned in clear once.
func (s *Store) NewStaffToken(ctx context.Context, staffID int64) (string, error) {
	token, err := NewToken()
	if err != nil {
		return "", err
	}
	_, err = s.Pool.Exec(ctx, `INSERT INTO staff_tokens (token_hash, staff_id) VALUES ($1, $2)`, HashToken(token), staffID)
	return token, err
}
