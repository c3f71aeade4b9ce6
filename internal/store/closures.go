package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/procon-es/procon/internal/prazo"
)

// ErrDuplicateClosure is returned by [Store.AddClosure] when the date already has an
// active closure; the closure returned with it is the existing one.
var ErrDuplicateClosure = errors.New("store: date already has an active closure")

// StaffRef names the staff member who did something.
type StaffRef struct {
	ID   int64  `json:"id"`
	Name string `json:"nome"`
}

// CalendarClosure is a day without (normal) business declared by staff (004 §13.1.2),
// as stored in calendar_closures, with who declared it and, once removed, who removed it.
// Its JSON keys are Portuguese, like the request that declares it.
type CalendarClosure struct {
	// ID identifies the declaration (DELETE /api/v1/calendario/fechamentos/:id).
	ID int64 `json:"id"`
	// Date is the day without (normal) business.
	Date prazo.Date `json:"data"`
	// Kind is prazo.ClosureFullDay or prazo.ClosureEarly.
	Kind prazo.ClosureKind `json:"tipo"`
	// ClosedAt is "HH:MM" for an early closing, empty for a full day.
	ClosedAt string `json:"encerrado_as,omitempty"`
	// Reason is shown to users in the deadlines it moves.
	Reason string `json:"motivo"`
	// Act identifies the act (portaria, decreto) that declared it, if any.
	Act string `json:"ato,omitempty"`
	// DeclaredBy and DeclaredAt say who declared the closure and when.
	DeclaredBy StaffRef  `json:"declarado_por"`
	DeclaredAt time.Time `json:"declarado_em"`
	// DeletedAt and DeletedBy are set once the closure was removed (soft delete).
	DeletedAt *time.Time `json:"removido_em,omitempty"`
	DeletedBy *StaffRef  `json:"removido_por,omitempty"`
}

// Closure returns the closure as the deadline engine sees it.
func (c CalendarClosure) Closure() prazo.Closure {
	return prazo.Closure{Date: c.Date, Kind: c.Kind, Reason: c.Reason, ClosedAt: c.ClosedAt, Act: c.Act}
}

// ClosureFilter selects closures by date. A zero From or To leaves that side open.
type ClosureFilter struct {
	From, To prazo.Date
	// IncludeDeleted also lists removed closures (the calendar's history).
	IncludeDeleted bool
}

// dbKind maps the engine's closure kinds to the values of calendar_closures.kind.
func dbKind(k prazo.ClosureKind) (string, error) {
	switch k {
	case prazo.ClosureFullDay:
		return "full_day", nil
	case prazo.ClosureEarly:
		return "early", nil
	}
	return "", fmt.Errorf("store: unknown closure kind %q", k)
}

func engineKind(k string) prazo.ClosureKind {
	if k == "early" {
		return prazo.ClosureEarly
	}
	return prazo.ClosureFullDay
}

// closureColumns is what scanClosure reads, in order.
const closureColumns = `c.id, to_char(c.date, 'YYYY-MM-DD'), c.kind, coalesce(to_char(c.closed_at, 'HH24:MI'), ''),
	c.reason, coalesce(c.act, ''), c.declared_by, d.name, c.declared_at, c.deleted_at, c.deleted_by, coalesce(r.name, '')
	FROM calendar_closures c JOIN staff d ON d.id = c.declared_by LEFT JOIN staff r ON r.id = c.deleted_by`

func scanClosure(row pgx.Row) (CalendarClosure, error) {
	var (
		c               CalendarClosure
		date, kind      string
		deletedBy       *int64
		deletedByName   string
		deletedAt       *time.Time
		declaredByName  string
		declaredByStaff int64
	)
	if err := row.Scan(&c.ID, &date, &kind, &c.ClosedAt, &c.Reason, &c.Act, &declaredByStaff, &declaredByName,
		&c.DeclaredAt, &deletedAt, &deletedBy, &deletedByName); err != nil {
		return c, notFound(err)
	}
	d, err := prazo.ParseDate(date)
	if err != nil {
		return c, fmt.Errorf("store: closure %d: %w", c.ID, err)
	}
	c.Date, c.Kind = d, engineKind(kind)
	c.DeclaredBy = StaffRef{ID: declaredByStaff, Name: declaredByName}
	if deletedAt != nil && deletedBy != nil {
		c.DeletedAt = deletedAt
		c.DeletedBy = &StaffRef{ID: *deletedBy, Name: deletedByName}
	}
	return c, nil
}

// AddClosure stores a closure declared by staff member by. The closure is validated as
// the engine would (date, kind, reason, "HH:MM"); an early closing must give its time.
// If the date already has an active closure, nothing is written and the existing one is
// returned with [ErrDuplicateClosure]: a retried declaration never adds a second row.
func (s *Store) AddClosure(ctx context.Context, cl prazo.Closure, by int64) (CalendarClosure, error) {
	cl.Reason, cl.Act, cl.ClosedAt = strings.TrimSpace(cl.Reason), strings.TrimSpace(cl.Act), strings.TrimSpace(cl.ClosedAt)
	if err := cl.Validate(); err != nil {
		return CalendarClosure{}, err
	}
	if cl.Kind == prazo.ClosureEarly && cl.ClosedAt == "" {
		return CalendarClosure{}, fmt.Errorf("%w: horário de encerramento obrigatório (%s)", prazo.ErrInvalidClosure, cl.Date)
	}
	kind, err := dbKind(cl.Kind)
	if err != nil {
		return CalendarClosure{}, err
	}
	var id int64
	err = s.Pool.QueryRow(ctx, `INSERT INTO calendar_closures (date, kind, closed_at, reason, act, declared_by)
		VALUES ($1::date, $2, nullif($3, '')::time, $4, nullif($5, ''), $6)
		ON CONFLICT (date) WHERE deleted_at IS NULL DO NOTHING
		RETURNING id`, cl.Date.String(), kind, cl.ClosedAt, cl.Reason, cl.Act, by).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		existing, err := scanClosure(s.Pool.QueryRow(ctx, `SELECT `+closureColumns+`
			WHERE c.date = $1::date AND c.deleted_at IS NULL`, cl.Date.String()))
		if err != nil && !errors.Is(err, ErrNotFound) {
			return CalendarClosure{}, err
		}
		return existing, ErrDuplicateClosure
	}
	if err != nil {
		return CalendarClosure{}, err
	}
	return s.ClosureByID(ctx, id)
}

// ClosureByID returns one closure, active or removed, or [ErrNotFound].
func (s *Store) ClosureByID(ctx context.Context, id int64) (CalendarClosure, error) {
	return scanClosure(s.Pool.QueryRow(ctx, `SELECT `+closureColumns+` WHERE c.id = $1`, id))
}

// Closures lists the closures whose date is within f, in date order (then declaration
// order, for removed ones). Only active closures unless f.IncludeDeleted.
func (s *Store) Closures(ctx context.Context, f ClosureFilter) ([]CalendarClosure, error) {
	var from, to *string // NULL: open side
	if !f.From.IsZero() {
		v := f.From.String()
		from = &v
	}
	if !f.To.IsZero() {
		v := f.To.String()
		to = &v
	}
	rows, err := s.Pool.Query(ctx, `SELECT `+closureColumns+`
		WHERE ($1::date IS NULL OR c.date >= $1::date) AND ($2::date IS NULL OR c.date <= $2::date)
		  AND ($3 OR c.deleted_at IS NULL)
		ORDER BY c.date, c.id`, from, to, f.IncludeDeleted)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CalendarClosure{}
	for rows.Next() {
		c, err := scanClosure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// DeleteClosure removes an active closure on behalf of staff member by: the row is kept,
// with deleted_at and deleted_by set. It returns the removed closure, or [ErrNotFound] if
// there is no such closure or it was already removed (so a retry changes nothing).
func (s *Store) DeleteClosure(ctx context.Context, id, by int64) (CalendarClosure, error) {
	tag, err := s.Pool.Exec(ctx, `UPDATE calendar_closures SET deleted_at = now(), deleted_by = $2
		WHERE id = $1 AND deleted_at IS NULL`, id, by)
	if err != nil {
		return CalendarClosure{}, err
	}
	if tag.RowsAffected() == 0 {
		return CalendarClosure{}, ErrNotFound
	}
	return s.ClosureByID(ctx, id)
}

// Calendar returns the agency's calendar: the built-in PROCON/ES holidays
// ([prazo.NewVitoriaES]) plus every active closure declared by staff.
func (s *Store) Calendar(ctx context.Context) (*prazo.Calendar, error) {
	active, err := s.Closures(ctx, ClosureFilter{})
	if err != nil {
		return nil, err
	}
	cls := make([]prazo.Closure, len(active))
	for i, c := range active {
		cls[i] = c.Closure()
	}
	cal, err := prazo.NewVitoriaES().WithClosures(cls...)
	if err != nil {
		return nil, fmt.Errorf("store: calendar: %w", err)
	}
	return cal, nil
}

// CalendarSnapshot returns the snapshot of [Store.Calendar]: what an activity hands to a
// workflow so that it computes its deadlines deterministically (prazo.Restore).
func (s *Store) CalendarSnapshot(ctx context.Context) (prazo.Snapshot, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return prazo.Snapshot{}, err
	}
	return cal.Snapshot(), nil
}
