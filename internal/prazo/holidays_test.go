package prazo

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/Sao_Paulo for the DST test, whatever the host has

	"github.com/rickar/cal/v2"
)

// easterKnuth computes Gregorian Easter Sunday with the algorithm of
// D. E. Knuth (TAOCP vol. 1, §1.3.2, exercise 14), independent of the
// Meeus/Jones/Butcher algorithm that rickar/cal uses.
func easterKnuth(y int) Date {
	g := y%19 + 1
	c := y/100 + 1
	x := 3*c/4 - 12
	z := (8*c+5)/25 - 5
	dd := 5*y/4 - x - 10
	e := (11*g + 20 + z - x) % 30
	if (e == 25 && g > 11) || e == 24 {
		e++
	}
	n := 44 - e
	if n < 21 {
		n += 30
	}
	n = n + 7 - (dd+n)%7
	if n > 31 {
		return Date{Year: y, Month: time.April, Day: n - 31}
	}
	return Date{Year: y, Month: time.March, Day: n}
}

func TestEasterKnuthKnownDates(t *testing.T) {
	// Published Easter Sundays, including the earliest (22 Mar) and latest
	// (25 Apr) possible dates.
	known := []string{"1943-04-25", "2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31",
		"2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25", "2285-03-22"}
	for _, s := range known {
		want := d(s)
		if got := easterKnuth(want.Year); got != want {
			t.Errorf("easterKnuth(%d) = %v, want %v", want.Year, got, want)
		}
	}
}

// holidayNamed returns the date of the holiday with the given name in
// year, from calendar c (the first one if several providers declare it).
func holidayNamed(t *testing.T, c *Calendar, year int, name string) (Date, HolidayKind) {
	t.Helper()
	for _, h := range c.Holidays(year) {
		if h.Name == name {
			return h.Date, h.Kind
		}
	}
	t.Fatalf("no holiday %q in %d", name, year)
	return Date{}, ""
}

func TestMoveableHolidays_2026_2027(t *testing.T) {
	c := NewVitoriaES()
	cases := []struct {
		year    int
		name    string
		want    string
		weekday time.Weekday
	}{
		{2026, "Carnaval (segunda-feira)", "2026-02-16", time.Monday},
		{2026, "Carnaval (terça-feira)", "2026-02-17", time.Tuesday},
		{2026, "Sexta-feira Santa", "2026-04-03", time.Friday},
		{2026, "Nossa Senhora da Penha", "2026-04-13", time.Monday},
		{2026, "Corpus Christi", "2026-06-04", time.Thursday},
		{2027, "Carnaval (segunda-feira)", "2027-02-08", time.Monday},
		{2027, "Carnaval (terça-feira)", "2027-02-09", time.Tuesday},
		{2027, "Sexta-feira Santa", "2027-03-26", time.Friday},
		{2027, "Nossa Senhora da Penha", "2027-04-05", time.Monday},
		{2027, "Corpus Christi", "2027-05-27", time.Thursday},
		{2028, "Carnaval (terça-feira)", "2028-02-29", time.Tuesday}, // leap day
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%d %s", tc.year, tc.name), func(t *testing.T) {
			got, _ := holidayNamed(t, c, tc.year, tc.name)
			if got != d(tc.want) {
				t.Errorf("got %v, want %s", got, tc.want)
			}
			if got.Weekday() != tc.weekday {
				t.Errorf("%v is a %v, want %v", got, got.Weekday(), tc.weekday)
			}
			if ok, reason := c.IsBusinessDay(got); ok || !strings.Contains(reason, tc.name) {
				t.Errorf("IsBusinessDay(%v) = %v, %q", got, ok, reason)
			}
		})
	}
}

// Every moveable holiday must sit at its offset from Easter computed by an
// independent algorithm, in every supported year.
func TestMoveableHolidaysMatchIndependentEaster(t *testing.T) {
	c := NewVitoriaES()
	offsets := map[string]int{
		"Carnaval (segunda-feira)": -48,
		"Carnaval (terça-feira)":   -47,
		"Sexta-feira Santa":        -2,
		"Nossa Senhora da Penha":   8,
		"Corpus Christi":           60,
	}
	for y := MinYear; y <= MaxYear; y++ {
		easter := easterKnuth(y)
		seen := map[string]bool{}
		for _, h := range c.Holidays(y) {
			off, ok := offsets[h.Name]
			if !ok {
				continue
			}
			seen[h.Name] = true
			if want := easter.AddDays(off); h.Date != want {
				t.Fatalf("%d %s (%s) = %v, want %v", y, h.Name, h.Kind, h.Date, want)
			}
		}
		wantSeen := len(offsets)
		if y < 1967 { // Penha: Vitória law of 1967, state law of 2019
			wantSeen--
		}
		if len(seen) != wantSeen {
			t.Fatalf("%d: moveable holidays found %v", y, seen)
		}
	}
}

// The complete 2026 list of PROCON/ES (Vitória): a golden list, so that a
// holiday added or lost by a library upgrade fails here.
func TestHolidayList2026VitoriaES(t *testing.T) {
	want := []string{
		"2026-01-01 Confraternização Universal feriado_nacional",
		"2026-02-16 Carnaval (segunda-feira) ponto_facultativo",
		"2026-02-17 Carnaval (terça-feira) ponto_facultativo",
		"2026-04-03 Sexta-feira Santa feriado_nacional",
		"2026-04-03 Sexta-feira Santa feriado_municipal",
		"2026-04-13 Nossa Senhora da Penha feriado_estadual",
		"2026-04-13 Nossa Senhora da Penha feriado_municipal",
		"2026-04-21 Tiradentes feriado_nacional",
		"2026-05-01 Dia do Trabalho feriado_nacional",
		"2026-06-04 Corpus Christi ponto_facultativo",
		"2026-06-04 Corpus Christi feriado_municipal",
		"2026-09-07 Independência do Brasil feriado_nacional",
		"2026-09-08 Nossa Senhora da Vitória feriado_municipal",
		"2026-10-12 Nossa Senhora Aparecida feriado_nacional",
		"2026-11-02 Finados feriado_nacional",
		"2026-11-15 Proclamação da República feriado_nacional",
		"2026-11-20 Dia Nacional de Zumbi e da Consciência Negra feriado_nacional",
		"2026-12-25 Natal feriado_nacional",
	}
	var got []string
	for _, h := range NewVitoriaES().Holidays(2026) {
		got = append(got, fmt.Sprintf("%s %s %s", h.Date, h.Name, h.Kind))
		if h.Source == "" {
			t.Errorf("%s %s has no source", h.Date, h.Name)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("holidays 2026:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConscienciaNegra_Lei14759_2023(t *testing.T) {
	c := NewVitoriaES()
	// 20/11/2023 was a Monday before the law took effect: a business day.
	if ok, reason := c.IsBusinessDay(d("2023-11-20")); !ok {
		t.Errorf("2023-11-20 non-business: %q", reason)
	}
	for _, s := range []string{"2024-11-20", "2025-11-20", "2026-11-20", "2027-11-20"} {
		ok, reason := c.IsBusinessDay(d(s))
		if ok || !strings.HasPrefix(reason, "Dia Nacional de Zumbi e da Consciência Negra") {
			t.Errorf("%s: %v %q", s, ok, reason)
		}
	}
}

func TestStateHolidayPenha_Lei11010_2019(t *testing.T) {
	// Another city of Espírito Santo, without Vitória's municipal law:
	// the state holiday exists from 2020 only.
	set := HolidaySet{ID: "test-es-sem-vitoria", Providers: []HolidayProvider{NationalBR(), EspiritoSanto()}}
	c, err := NewCalendar(set)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.IsBusinessDay(d("2019-04-29")); !ok {
		t.Error("2019-04-29 (Penha before the state law) should be a business day outside Vitória")
	}
	if ok, reason := c.IsBusinessDay(d("2020-04-20")); ok || reason != "Nossa Senhora da Penha" {
		t.Errorf("2020-04-20: %v %q", ok, reason)
	}
	// In Vitória the municipal law (1967) already made it a holiday.
	if ok, _ := NewVitoriaES().IsBusinessDay(d("2019-04-29")); ok {
		t.Error("2019-04-29 is a municipal holiday in Vitória")
	}
}

func TestNationalBRHolidaysOnly_WorksOnCarnaval(t *testing.T) {
	set := HolidaySet{ID: "test-nacional-estrito", Providers: []HolidayProvider{NationalBRHolidaysOnly()}}
	c, err := NewCalendar(set)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"2026-02-16", "2026-02-17", "2026-06-04"} {
		if ok, reason := c.IsBusinessDay(d(s)); !ok {
			t.Errorf("%s should be a business day without pontos facultativos: %q", s, reason)
		}
	}
	if ok, _ := c.IsBusinessDay(d("2026-04-03")); ok {
		t.Error("Good Friday is a holiday in every set")
	}
}

// rickar/cal computes holidays at midnight in cal.DefaultLoc; in a zone
// whose DST starts at midnight (America/Sao_Paulo, 1985-11-02, Finados)
// that instant does not exist and a naive conversion gives 1 November.
// The calendar must not depend on the worker's time zone.
func TestHolidaysIndependentOfLibraryTimeZone(t *testing.T) {
	loc, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Fatal(err)
	}
	old := cal.DefaultLoc
	cal.DefaultLoc = loc
	defer func() { cal.DefaultLoc = old }()

	_, raw := (&cal.Holiday{Month: time.November, Day: 2, Func: cal.CalcDayOfMonth}).Calc(1985)
	if DateOf(raw) == d("1985-11-02") {
		t.Skip("tzdata without the 1985 midnight DST start; the trap is not reproducible here")
	}
	found := false
	for _, h := range NationalBR().HolidaysIn(1985) {
		if h.Name == "Finados" {
			found = true
			if h.Date != d("1985-11-02") {
				t.Errorf("Finados 1985 = %v in America/Sao_Paulo, want 1985-11-02", h.Date)
			}
		}
	}
	if !found {
		t.Error("Finados 1985 missing")
	}
	// And every holiday of a century agrees with the UTC computation.
	for y := 1950; y <= 2050; y++ {
		cal.DefaultLoc = loc
		inSP := NationalBR().HolidaysIn(y)
		cal.DefaultLoc = time.UTC
		inUTC := NationalBR().HolidaysIn(y)
		if fmt.Sprint(inSP) != fmt.Sprint(inUTC) {
			t.Fatalf("%d: holidays differ between zones:\n%v\n%v", y, inSP, inUTC)
		}
	}
}

// A provider that reports dates outside the requested year (a bug in a
// custom provider) must not leak them into another year's lookups.
type sloppyProvider struct{}

func (sloppyProvider) ID() string { return "sloppy" }
func (sloppyProvider) HolidaysIn(year int) []Holiday {
	return []Holiday{
		{Date: Date{Year: year + 1, Month: time.March, Day: 10}, Name: "Errado", Kind: KindMunicipal},
		{Date: Date{Year: year, Month: time.March, Day: 11}, Name: "Certo", Kind: KindMunicipal},
	}
}

func TestProviderDatesOutsideYearAreIgnored(t *testing.T) {
	c, err := NewCalendar(HolidaySet{ID: "test-sloppy", Providers: []HolidayProvider{sloppyProvider{}}})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.IsBusinessDay(d("2026-03-10")); !ok {
		t.Error("2026-03-10 reported for year 2025 leaked in")
	}
	if ok, reason := c.IsBusinessDay(d("2026-03-11")); ok || reason != "Certo" {
		t.Errorf("2026-03-11: %v %q", ok, reason)
	}
}
