package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

// Issue 16: a console session lives server-side. It ends after 30 minutes idle, after 12
// hours in all, at sign-out, when its staff member is disabled and when the password is
// reset; the cookie's value is not what is stored.
func TestSessionEndsIdleAfterHoursAtSignOutAndOnDisable(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	ana := addStaff(t, st, "atendente")

	open := func() string {
		t.Helper()
		id, ses, err := st.NewSession(ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		if ses.CSRF == "" || ses.CSRF == id {
			t.Fatalf("session CSRF token %q", ses.CSRF)
		}
		return id
	}
	live := func(id string) bool {
		t.Helper()
		ses, err := st.SessionByID(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil && ses.Staff.ID == ana.ID
	}
	age := func(id, column, by string) {
		t.Helper()
		if _, err := st.Pool.Exec(ctx, `UPDATE staff_sessions SET `+column+` = now() - $2::interval WHERE id_hash = $1`,
			store.HashToken(id), by); err != nil {
			t.Fatal(err)
		}
	}

	id := open()
	if !live(id) {
		t.Fatal("a new session is not live")
	}
	var stored int
	if err := st.Pool.QueryRow(ctx, `SELECT count(*) FROM staff_sessions WHERE id_hash = $1`, []byte(id)).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("the cookie's value is stored in clear (%d rows, %v)", stored, err)
	}

	age(id, "last_seen_at", "29 minutes")
	if !live(id) {
		t.Error("a session used 29 minutes ago ended")
	}
	age(id, "last_seen_at", "31 minutes")
	if live(id) {
		t.Error("a session idle for 31 minutes is live")
	}

	id = open()
	age(id, "created_at", "12 hours 1 minute")
	if live(id) {
		t.Error("a session older than 12 hours is live, though used a moment ago")
	}

	id = open()
	if err := st.EndSession(ctx, id); err != nil {
		t.Fatal(err)
	}
	if live(id) {
		t.Error("a session signed out is live")
	}

	id = open()
	if err := st.SetPassword(ctx, ana.ID, "$argon2id$novo"); err != nil {
		t.Fatal(err)
	}
	if live(id) {
		t.Error("a session outlived its password's reset")
	}

	id = open()
	if err := st.DisableStaff(ctx, ana.ID); err != nil {
		t.Fatal(err)
	}
	if live(id) {
		t.Error("a disabled staff member's session is live")
	}
}
