package store

import (
	"context"
	"time"
)

// Session lifetimes (issue 16): a session ends after SessionIdle without a request, and
// after SessionMax in all, whatever its use.
const (
	SessionIdle = 30 * time.Minute
	SessionMax  = 12 * time.Hour
)

// Session is a signed-in staff member's session in the console.
type Session struct {
	Staff Staff
	// CSRF is the token each state-changing form of the session carries.
	CSRF string
}

// NewSession opens a session for a staff member and returns the cookie's value (only its
// hash is kept) and the session.
func (s *Store) NewSession(ctx context.Context, st Staff) (string, Session, error) {
	id, err := randomToken()
	if err != nil {
		return "", Session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return "", Session{}, err
	}
	_, err = s.Pool.Exec(ctx, `INSERT INTO staff_sessions (id_hash, staff_id, csrf_token) VALUES ($1, $2, $3)`, HashToken(id), st.ID, csrf)
	return id, Session{Staff: st, CSRF: csrf}, err
}

// SessionByID finds a live session by its cookie's value and marks it used now: a
// session revoked, idle for SessionIdle, older than SessionMax or whose staff member is
// disabled is ErrNotFound.
func (s *Store) SessionByID(ctx context.Context, id string) (Session, error) {
	var ses Session
	err := s.Pool.QueryRow(ctx, `UPDATE staff_sessions ss SET last_seen_at = now()
		FROM staff st
		WHERE ss.id_hash = $1 AND st.id = ss.staff_id AND ss.revoked_at IS NULL AND st.disabled_at IS NULL
			AND ss.last_seen_at > now() - $2 * interval '1 second' AND ss.created_at > now() - $3 * interval '1 second'
		RETURNING st.id, st.name, coalesce(st.email, ''), st.role, ss.csrf_token`,
		HashToken(id), int(SessionIdle.Seconds()), int(SessionMax.Seconds())).
		Scan(&ses.Staff.ID, &ses.Staff.Name, &ses.Staff.Email, &ses.Staff.Role, &ses.CSRF)
	return ses, notFound(err)
}

// EndSession revokes a session (sign-out).
func (s *Store) EndSession(ctx context.Context, id string) error {
	_, err := s.Pool.Exec(ctx, `UPDATE staff_sessions SET revoked_at = coalesce(revoked_at, now()) WHERE id_hash = $1`, HashToken(id))
	return err
}
