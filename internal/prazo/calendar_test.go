package prazo

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

func TestIsBusinessDay_004_13_1_2(t *testing.T) {
	c := NewVitoriaES()
	cases := []struct {
		name   string
		date   string
		ok     bool
		reason string
	}{
		{"004 §13.1.2 weekday without holiday", "2026-04-06", true, ""},
		{"004 §13.1.2 Saturday", "2026-04-04", false, "Sábado"},
		{"004 §13.1.2 Sunday", "2026-04-05", false, "Domingo"},
		{"004 §13.1.2 national holiday Sexta-feira Santa (also municipal, named once)", "2026-04-03", false, "Sexta-feira Santa"},
		{"004 §13.1.2 national holiday Tiradentes", "2026-04-21", false, "Tiradentes"},
		{"004 §13.1.2 state holiday Nossa Senhora da Penha", "2026-04-13", false, "Nossa Senhora da Penha"},
		{"004 §13.1.2 municipal holiday Nossa Senhora da Vitória", "2026-09-08", false, "Nossa Senhora da Vitória"},
		{"004 §13.1.2 ponto facultativo Carnaval Monday", "2026-02-16", false, "Carnaval (segunda-feira)"},
		{"004 §13.1.2 Corpus Christi (ponto facultativo and Vitória holiday)", "2026-06-04", false, "Corpus Christi"},
		{"004 §13.1.2 holiday on a Sunday", "2026-11-15", false, "Proclamação da República (domingo)"},
		{"004 §13.1.2 holiday on a Saturday", "2027-05-01", false, "Dia do Trabalho (sábado)"},
		{"Ash Wednesday is a business day unless a closure is declared", "2026-02-18", true, ""},
		{"Easter Monday is a business day", "2026-04-06", true, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ok, reason := c.IsBusinessDay(d(tc.date))
			if ok != tc.ok || reason != tc.reason {
				t.Errorf("IsBusinessDay(%s) = %v, %q; want %v, %q", tc.date, ok, reason, tc.ok, tc.reason)
			}
		})
	}
}

func TestClosures_004_13_1_2(t *testing.T) {
	base := NewVitoriaES()
	full := Closure{Date: d("2026-03-23"), Kind: ClosureFullDay, Reason: "Mudança de sede", Act: "Portaria nº 10/2026"}
	early := Closure{Date: d("2026-03-24"), Kind: ClosureEarly, Reason: "Falta de energia", ClosedAt: "14:00"}
	c, err := base.WithClosures(full, early)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("004 §13.1.2 full-day closure is a day without business", func(t *testing.T) {
		ok, reason := c.IsBusinessDay(full.Date)
		if ok || reason != "Mudança de sede" {
			t.Errorf("got %v %q", ok, reason)
		}
	})
	t.Run("004 §13.1.2 early closing is a day without business", func(t *testing.T) {
		ok, reason := c.IsBusinessDay(early.Date)
		if ok || reason != "Falta de energia, encerramento às 14:00" {
			t.Errorf("got %v %q", ok, reason)
		}
	})
	t.Run("WithClosures leaves the original calendar unchanged", func(t *testing.T) {
		if ok, _ := base.IsBusinessDay(full.Date); !ok {
			t.Error("base calendar changed")
		}
		if len(base.Closures()) != 0 || len(c.Closures()) != 2 {
			t.Errorf("closures: base %d, derived %d", len(base.Closures()), len(c.Closures()))
		}
	})
	t.Run("closure on a holiday keeps the holiday kind and both reasons", func(t *testing.T) {
		c2, err := base.WithClosures(Closure{Date: d("2026-04-03"), Kind: ClosureFullDay, Reason: "Dedetização"})
		if err != nil {
			t.Fatal(err)
		}
		ok, kind, reason := c2.dayStatus(d("2026-04-03"))
		if ok || kind != SkipKind(KindNational) || reason != "Sexta-feira Santa; Dedetização" {
			t.Errorf("got %v %q %q", ok, kind, reason)
		}
	})
	t.Run("early and full closures on one day", func(t *testing.T) {
		c2, err := base.WithClosures(
			Closure{Date: d("2026-03-25"), Kind: ClosureEarly, Reason: "B"},
			Closure{Date: d("2026-03-25"), Kind: ClosureFullDay, Reason: "A"})
		if err != nil {
			t.Fatal(err)
		}
		ok, kind, reason := c2.dayStatus(d("2026-03-25"))
		if ok || kind != SkipClosure || reason != "A; B" {
			t.Errorf("got %v %q %q", ok, kind, reason)
		}
	})
}

func TestClosureValidation(t *testing.T) {
	bad := []Closure{
		{Kind: ClosureFullDay, Reason: "x"},
		{Date: Date{Year: 2026, Month: 2, Day: 30}, Kind: ClosureFullDay, Reason: "x"},
		{Date: d("2026-03-23"), Kind: "meio_dia", Reason: "x"},
		{Date: d("2026-03-23"), Reason: "x"},
		{Date: d("2026-03-23"), Kind: ClosureFullDay, Reason: "  "},
		{Date: d("2026-03-23"), Kind: ClosureFullDay, Reason: "x", ClosedAt: "14:00"},
		{Date: d("2026-03-23"), Kind: ClosureEarly, Reason: "x", ClosedAt: "25:00"},
		{Date: d("2026-03-23"), Kind: ClosureEarly, Reason: "x", ClosedAt: "14h00"},
	}
	for i, cl := range bad {
		if _, err := NewVitoriaES().WithClosures(cl); !errors.Is(err, ErrInvalidClosure) {
			t.Errorf("case %d %+v: err = %v, want ErrInvalidClosure", i, cl, err)
		}
	}
	if err := (Closure{Date: d("2026-03-23"), Kind: ClosureEarly, Reason: "x", ClosedAt: "13:30"}).Validate(); err != nil {
		t.Errorf("valid closure refused: %v", err)
	}
}

func TestCountBusinessDaysAndNonBusinessDays(t *testing.T) {
	c := NewVitoriaES()
	// April 2026: 30 days, 8 weekend days, Sexta-feira Santa (3), Penha (13)
	// and Tiradentes (21) on weekdays: 19 business days.
	if got := c.CountBusinessDays(d("2026-03-31"), d("2026-04-30")); got != 19 {
		t.Errorf("business days in April 2026 = %d, want 19", got)
	}
	// (after, through]: the first day is excluded, the last included.
	if got := c.CountBusinessDays(d("2026-04-06"), d("2026-04-07")); got != 1 {
		t.Errorf("(06/04, 07/04] = %d, want 1", got)
	}
	if got := c.CountBusinessDays(d("2026-04-07"), d("2026-04-07")); got != 0 {
		t.Errorf("empty interval = %d", got)
	}
	got := c.NonBusinessDaysBetween(d("2026-04-02"), d("2026-04-13"))
	want := []SkippedDay{
		{d("2026-04-03"), "Sexta-feira Santa", SkipKind(KindNational)},
		{d("2026-04-04"), "Sábado", SkipWeekend},
		{d("2026-04-05"), "Domingo", SkipWeekend},
		{d("2026-04-11"), "Sábado", SkipWeekend},
		{d("2026-04-12"), "Domingo", SkipWeekend},
		{d("2026-04-13"), "Nossa Senhora da Penha", SkipKind(KindState)},
	}
	if !slices.Equal(got, want) {
		t.Errorf("NonBusinessDaysBetween = %v\nwant %v", got, want)
	}
	if next := c.NextBusinessDay(d("2026-04-02")); next != d("2026-04-06") {
		t.Errorf("NextBusinessDay(02/04) = %v, want 2026-04-06", next)
	}
	if next := c.NextBusinessDay(d("2026-12-31")); next != d("2027-01-04") {
		t.Errorf("NextBusinessDay(31/12/2026) = %v, want 2027-01-04", next)
	}
}

func TestHolidaySetRegistry(t *testing.T) {
	if err := RegisterHolidaySet(HolidaySet{}); !errors.Is(err, ErrInvalidHolidaySet) {
		t.Errorf("empty ID: %v", err)
	}
	if err := RegisterHolidaySet(VitoriaES()); !errors.Is(err, ErrInvalidHolidaySet) {
		t.Errorf("duplicate ID: %v", err)
	}
	if _, err := NewCalendar(HolidaySet{}); !errors.Is(err, ErrInvalidHolidaySet) {
		t.Errorf("NewCalendar without ID: %v", err)
	}
	id := "test-registry/v1"
	if err := RegisterHolidaySet(HolidaySet{ID: id, Providers: []HolidayProvider{NationalBR()}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := LookupHolidaySet(id); !ok {
		t.Error("registered set not found")
	}
	if !slices.Contains(HolidaySetIDs(), VitoriaESSetID) || !slices.Contains(HolidaySetIDs(), id) {
		t.Errorf("HolidaySetIDs = %v", HolidaySetIDs())
	}
}

// Many goroutines on one calendar, each on years not yet cached: run with
// -race.
func TestCalendarConcurrentUse(t *testing.T) {
	c := NewVitoriaES()
	want := map[int]string{}
	for y := 2030; y < 2040; y++ {
		want[y] = fmt.Sprint(NewVitoriaES().Holidays(y))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for y := 2030; y < 2040; y++ {
				if got := fmt.Sprint(c.Holidays(y)); got != want[y] {
					errs <- fmt.Sprintf("%d: %s", y, got)
				}
				if _, err := c.Compute(Request{Start: Date{Year: y, Month: 3, Day: 1}, Quantity: 30, Unit: DiasUteis}); err != nil {
					errs <- err.Error()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
