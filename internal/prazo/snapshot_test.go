package prazo

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestSnapshotRoundTrip(t *testing.T) {
	closures := []Closure{
		{Date: d("2026-06-05"), Kind: ClosureFullDay, Reason: "Ponte de Corpus Christi", Act: "Decreto nº 1-S/2026"},
		{Date: d("2026-02-18"), Kind: ClosureEarly, Reason: "Quarta-feira de Cinzas", ClosedAt: "12:00"},
		{Date: d("2026-12-24"), Kind: ClosureFullDay, Reason: "Véspera de Natal"},
	}
	c, err := NewVitoriaES().WithClosures(closures...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"conjunto_feriados":"procon-es-vitoria/v1","fechamentos":[` +
		`{"data":"2026-02-18","tipo":"encerramento_antecipado","motivo":"Quarta-feira de Cinzas","horario":"12:00"},` +
		`{"data":"2026-06-05","tipo":"dia_inteiro","motivo":"Ponte de Corpus Christi","ato":"Decreto nº 1-S/2026"},` +
		`{"data":"2026-12-24","tipo":"dia_inteiro","motivo":"Véspera de Natal"}]}`
	if string(b) != want {
		t.Errorf("snapshot JSON =\n%s\nwant\n%s", b, want)
	}

	var s Snapshot
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	back, err := Restore(s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Snapshot(), c.Snapshot()) {
		t.Errorf("snapshot after Restore differs")
	}
	// The restored calendar answers exactly like the original, for every
	// day and every legal period started in 2026.
	for day := d("2026-01-01"); day.Before(d("2027-01-01")); day = day.next() {
		for _, p := range Periods() {
			r1, err1 := c.Compute(p.Request(day))
			r2, err2 := back.Compute(p.Request(day))
			if err1 != nil || err2 != nil || !reflect.DeepEqual(r1, r2) {
				t.Fatalf("%s from %v differs after Restore: %v %v", p.ID, day, err1, err2)
			}
		}
	}
}

func TestSnapshotIsCanonical(t *testing.T) {
	a := Closure{Date: d("2026-03-10"), Kind: ClosureFullDay, Reason: "A"}
	b := Closure{Date: d("2026-03-09"), Kind: ClosureFullDay, Reason: "B"}
	c1, _ := NewVitoriaES().WithClosures(a, b, a)
	c2, _ := NewVitoriaES().WithClosures(b, a)
	j1, _ := json.Marshal(c1.Snapshot())
	j2, _ := json.Marshal(c2.Snapshot())
	if string(j1) != string(j2) {
		t.Errorf("order/duplicates change the snapshot:\n%s\n%s", j1, j2)
	}
	if n := len(c1.Closures()); n != 2 {
		t.Errorf("duplicate closure kept: %d", n)
	}
	empty, _ := json.Marshal(NewVitoriaES().Snapshot())
	if string(empty) != `{"conjunto_feriados":"procon-es-vitoria/v1","fechamentos":[]}` {
		t.Errorf("empty snapshot = %s", empty)
	}
}

func TestRestoreErrors(t *testing.T) {
	if _, err := Restore(Snapshot{HolidaySet: "nao-existe/v9"}); !errors.Is(err, ErrUnknownHolidaySet) {
		t.Errorf("unknown set err = %v", err)
	}
	_, err := Restore(Snapshot{HolidaySet: VitoriaESSetID, Closures: []Closure{{Date: d("2026-03-10"), Kind: ClosureFullDay}}})
	if !errors.Is(err, ErrInvalidClosure) {
		t.Errorf("invalid closure err = %v", err)
	}
	var s Snapshot
	if err := json.Unmarshal([]byte(`{"conjunto_feriados":"procon-es-vitoria/v1","fechamentos":[{"data":"2026-02-30","tipo":"dia_inteiro","motivo":"x"}]}`), &s); err == nil {
		t.Error("invalid date in snapshot JSON accepted")
	}
}
