package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

func addStaff(t *testing.T, st *store.Store, role string) store.Staff {
	t.Helper()
	s, _, err := st.AddStaff(context.Background(), "Servidor "+role, "", role)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Closures declared at run time by staff are kept with who declared them; at most one
// active closure per date (issue 3, "The calendar").
func TestAddClosureStoresDeclarerAndRefusesSecondActiveClosureOnDate(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	gerente := addStaff(t, st, "gerente_atendimento")
	cl := prazo.Closure{Date: prazo.MustParseDate("2026-02-18"), Kind: prazo.ClosureEarly, ClosedAt: "12:00",
		Reason: "  Quarta-feira de Cinzas  ", Act: "Decreto nº 1234-S/2026"}

	got, err := st.AddClosure(ctx, cl, gerente.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID == 0 || got.Date != cl.Date || got.Kind != prazo.ClosureEarly || got.ClosedAt != "12:00" ||
		got.Reason != "Quarta-feira de Cinzas" || got.Act != cl.Act {
		t.Fatalf("stored closure = %+v", got)
	}
	if got.DeclaredBy.ID != gerente.ID || got.DeclaredBy.Name != gerente.Name || got.DeclaredAt.IsZero() || got.DeletedAt != nil {
		t.Fatalf("declarer = %+v at %v, deleted %v", got.DeclaredBy, got.DeclaredAt, got.DeletedAt)
	}

	again, err := st.AddClosure(ctx, prazo.Closure{Date: cl.Date, Kind: prazo.ClosureFullDay, Reason: "Outro"}, gerente.ID)
	if !errors.Is(err, store.ErrDuplicateClosure) || again.ID != got.ID {
		t.Fatalf("second closure on same date: %+v, %v; want the existing one and ErrDuplicateClosure", again, err)
	}
	list, err := st.Closures(ctx, store.ClosureFilter{IncludeDeleted: true})
	if err != nil || len(list) != 1 {
		t.Fatalf("closures = %+v, %v; want exactly one row", list, err)
	}
}

// An early closing must say when the agency closed; a closure needs a reason
// (004 §13.1.2: the reason is shown in every deadline it moves).
func TestAddClosureValidates(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	admin := addStaff(t, st, "admin")
	d := prazo.MustParseDate("2026-05-22")
	for name, cl := range map[string]prazo.Closure{
		"early without time": {Date: d, Kind: prazo.ClosureEarly, Reason: "Falta de energia"},
		"no reason":          {Date: d, Kind: prazo.ClosureFullDay, Reason: "   "},
		"bad kind":           {Date: d, Kind: "meio_dia", Reason: "x"},
		"bad time":           {Date: d, Kind: prazo.ClosureEarly, ClosedAt: "25:00", Reason: "x"},
		"time on full day":   {Date: d, Kind: prazo.ClosureFullDay, ClosedAt: "12:00", Reason: "x"},
	} {
		if _, err := st.AddClosure(ctx, cl, admin.ID); !errors.Is(err, prazo.ErrInvalidClosure) {
			t.Errorf("%s: err = %v, want ErrInvalidClosure", name, err)
		}
	}
}

// A removal is a soft delete: the history is kept, the date is free again, and a
// second removal changes nothing.
func TestDeleteClosureKeepsHistoryAndFreesTheDate(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	gerente := addStaff(t, st, "gerente_atendimento")
	admin := addStaff(t, st, "admin")
	d := prazo.MustParseDate("2026-06-05")
	cl, err := st.AddClosure(ctx, prazo.Closure{Date: d, Kind: prazo.ClosureFullDay, Reason: "Ponte de Corpus Christi"}, gerente.ID)
	if err != nil {
		t.Fatal(err)
	}
	removed, err := st.DeleteClosure(ctx, cl.ID, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if removed.DeletedAt == nil || removed.DeletedBy == nil || removed.DeletedBy.ID != admin.ID || removed.DeclaredBy.ID != gerente.ID {
		t.Fatalf("removed = %+v", removed)
	}
	if _, err := st.DeleteClosure(ctx, cl.ID, admin.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete: %v, want ErrNotFound", err)
	}
	if _, err := st.DeleteClosure(ctx, 999999, admin.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("delete unknown: %v, want ErrNotFound", err)
	}
	active, err := st.Closures(ctx, store.ClosureFilter{})
	if err != nil || len(active) != 0 {
		t.Fatalf("active = %+v, %v; want none", active, err)
	}
	all, err := st.Closures(ctx, store.ClosureFilter{IncludeDeleted: true})
	if err != nil || len(all) != 1 || all[0].DeletedAt == nil {
		t.Fatalf("history = %+v, %v; want the removed closure", all, err)
	}
	if _, err := st.AddClosure(ctx, prazo.Closure{Date: d, Kind: prazo.ClosureFullDay, Reason: "Ponto facultativo"}, admin.ID); err != nil {
		t.Fatalf("declare again after removal: %v", err)
	}
}

func TestClosuresFiltersByDateRange(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	admin := addStaff(t, st, "admin")
	for _, s := range []string{"2026-12-24", "2026-01-02", "2026-12-31", "2027-01-04"} {
		if _, err := st.AddClosure(ctx, prazo.Closure{Date: prazo.MustParseDate(s), Kind: prazo.ClosureFullDay, Reason: "Ponto facultativo"}, admin.ID); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		from, to string
		want     []string
	}{
		{"", "", []string{"2026-01-02", "2026-12-24", "2026-12-31", "2027-01-04"}},
		{"2026-12-24", "2026-12-31", []string{"2026-12-24", "2026-12-31"}},
		{"2026-12-25", "", []string{"2026-12-31", "2027-01-04"}},
		{"", "2026-01-02", []string{"2026-01-02"}},
		{"2026-02-01", "2026-11-30", nil},
	} {
		var f store.ClosureFilter
		if tc.from != "" {
			f.From = prazo.MustParseDate(tc.from)
		}
		if tc.to != "" {
			f.To = prazo.MustParseDate(tc.to)
		}
		got, err := st.Closures(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var dates []string
		for _, c := range got {
			dates = append(dates, c.Date.String())
		}
		if len(dates) != len(tc.want) {
			t.Errorf("%s..%s: %v, want %v", tc.from, tc.to, dates, tc.want)
			continue
		}
		for i := range dates {
			if dates[i] != tc.want[i] {
				t.Errorf("%s..%s: %v, want %v", tc.from, tc.to, dates, tc.want)
				break
			}
		}
	}
}

// 004 §13.1.2: a declared closure on the last day moves the deadline; the calendar a
// workflow gets (snapshot) carries the active closures only, and restores identically.
func TestCalendarSnapshotCarriesActiveClosures_004_13_1_2(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	admin := addStaff(t, st, "admin")
	monday := prazo.MustParseDate("2026-04-06")
	kept, err := st.AddClosure(ctx, prazo.Closure{Date: monday, Kind: prazo.ClosureEarly, ClosedAt: "13:00", Reason: "Falta de energia"}, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	gone, err := st.AddClosure(ctx, prazo.Closure{Date: prazo.MustParseDate("2026-04-07"), Kind: prazo.ClosureFullDay, Reason: "Greve"}, admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DeleteClosure(ctx, gone.ID, admin.ID); err != nil {
		t.Fatal(err)
	}
	snap, err := st.CalendarSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if snap.HolidaySet != prazo.VitoriaESSetID || len(snap.Closures) != 1 || snap.Closures[0] != kept.Closure() {
		t.Fatalf("snapshot = %+v", snap)
	}
	cal, err := prazo.Restore(snap)
	if err != nil {
		t.Fatal(err)
	}
	// 20 dias corridos from 2026-03-14: 03/04 is Sexta-feira Santa, 06/04 closed early,
	// so the due date is Tuesday 07/04 (the removed closure does not count).
	res, err := cal.Compute(prazo.Request{Start: prazo.MustParseDate("2026-03-14"), Quantity: 20})
	if err != nil {
		t.Fatal(err)
	}
	if res.Due.String() != "2026-04-07" {
		t.Fatalf("due = %s, want 2026-04-07; skipped %+v", res.Due, res.Skipped)
	}
}
