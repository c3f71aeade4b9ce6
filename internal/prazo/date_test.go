package prazo

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// d is a short literal helper for tests.
func d(s string) Date { return MustParseDate(s) }

// toTime and fromTime convert through the time package, the independent
// oracle of the date arithmetic tests.
func toTime(x Date) time.Time { return time.Date(x.Year, x.Month, x.Day, 0, 0, 0, 0, time.UTC) }
func fromTime(t time.Time) Date {
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

func TestParseDate(t *testing.T) {
	valid := []string{"2026-03-14", "2028-02-29", "2000-02-29", "1900-01-01", "2999-12-31", "0001-01-01", "9999-12-31"}
	for _, s := range valid {
		got, err := ParseDate(s)
		if err != nil {
			t.Errorf("ParseDate(%q) error %v", s, err)
			continue
		}
		if got.String() != s {
			t.Errorf("ParseDate(%q).String() = %q", s, got.String())
		}
	}
	invalid := []string{"", "2026-02-29", "1900-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
		"2026-4-01", "2026/04/01", "26-04-01", "2026-04-01T00:00:00Z", "+026-04-01", "2026-0a-01", "0000-01-01", " 2026-04-0"}
	for _, s := range invalid {
		if _, err := ParseDate(s); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseDate(%q) error = %v, want ErrInvalidDate", s, err)
		}
	}
}

func TestDateFormatBR(t *testing.T) {
	if got := d("2026-04-03").FormatBR(); got != "03/04/2026" {
		t.Errorf("FormatBR = %q", got)
	}
	if got := (Date{Year: 987, Month: 1, Day: 2}).FormatBR(); got != "02/01/0987" {
		t.Errorf("FormatBR = %q", got)
	}
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		D Date `json:"d"`
		Z Date `json:"z,omitzero"`
	}
	b, err := json.Marshal(wrap{D: d("2028-02-29")})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"d":"2028-02-29"}` {
		t.Errorf("Marshal = %s", b)
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"d":"2026-12-31","z":""}`), &w); err != nil {
		t.Fatal(err)
	}
	if w.D != d("2026-12-31") || !w.Z.IsZero() {
		t.Errorf("Unmarshal = %+v", w)
	}
	for _, bad := range []string{`{"d":"2026-02-30"}`, `{"d":"03/04/2026"}`, `{"d":20260403}`} {
		if err := json.Unmarshal([]byte(bad), &w); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
	if _, err := json.Marshal(Date{Year: 2026, Month: 2, Day: 30}); err == nil {
		t.Error("Marshal of an invalid date accepted")
	}
}

// The day-number arithmetic must agree with the time package on every day
// of the supported range, for weekday, next day and arbitrary jumps.
func TestDateArithmeticMatchesTimePackage(t *testing.T) {
	start := time.Date(MinYear-1, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(MaxYear+1, 12, 31, 0, 0, 0, 0, time.UTC)
	x := fromTime(start)
	for tt := start; !tt.After(end); tt = tt.AddDate(0, 0, 1) {
		want := fromTime(tt)
		if x != want {
			t.Fatalf("next() walked to %v, want %v", x, want)
		}
		if x.Weekday() != tt.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", x, x.Weekday(), tt.Weekday())
		}
		if got := fromDayNumber(x.dayNumber()); got != x {
			t.Fatalf("fromDayNumber(dayNumber(%v)) = %v", x, got)
		}
		if tt.Day() == 1 { // sample jumps, both directions
			for _, n := range []int{-400000, -36524, -366, -1, 0, 1, 59, 365, 366, 146097} {
				if got, want := x.AddDays(n), fromTime(tt.AddDate(0, 0, n)); got != want {
					t.Fatalf("%v.AddDays(%d) = %v, want %v", x, n, got, want)
				}
			}
			// Unix seconds, not Sub: a Duration saturates after ~292 years.
			if got, want := x.DaysUntil(d("2026-04-03")), int((toTime(d("2026-04-03")).Unix()-tt.Unix())/86400); got != want {
				t.Fatalf("%v.DaysUntil = %d, want %d", x, got, want)
			}
		}
		x = x.next()
	}
}

// monthsOracle adds months with the time package and clamps to the last
// day of the target month: an independent statement of 004 §13.3.
func monthsOracle(x Date, n int) Date {
	first := time.Date(x.Year, x.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := min(x.Day, last)
	return Date{Year: first.Year(), Month: first.Month(), Day: day}
}

func TestAddMonths_004_13_3(t *testing.T) {
	cases := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"004 §13.3 date to date", "2026-03-14", 1, "2026-04-14"},
		{"004 §13.3 31 Jan + 1 month is 28 Feb (common year)", "2026-01-31", 1, "2026-02-28"},
		{"004 §13.3 31 Jan + 1 month is 29 Feb (leap year 2028)", "2028-01-31", 1, "2028-02-29"},
		{"004 §13.3 31 Mar + 1 month is 30 Apr", "2026-03-31", 1, "2026-04-30"},
		{"004 §13.3 31 Aug + 6 months is 28 Feb", "2026-08-31", 6, "2027-02-28"},
		{"004 §13.3 year end", "2026-12-15", 1, "2027-01-15"},
		{"004 §13.3 30 Jan + 1 month (leap) is 29 Feb", "2028-01-30", 1, "2028-02-29"},
		{"004 §13.3 29 Feb + 12 months is 28 Feb", "2028-02-29", 12, "2029-02-28"},
		{"004 §13.3 29 Feb + 48 months is 29 Feb", "2028-02-29", 48, "2032-02-29"},
		{"004 §13.3 1900 is not a leap year", "1900-01-31", 1, "1900-02-28"},
		{"004 §13.3 2000 is a leap year", "2000-01-31", 1, "2000-02-29"},
		{"negative months", "2026-03-31", -1, "2026-02-28"},
		{"zero months", "2026-03-31", 0, "2026-03-31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := d(c.from).AddMonths(c.n); got != d(c.want) {
				t.Errorf("%s + %d months = %v, want %s", c.from, c.n, got, c.want)
			}
		})
	}
	t.Run("004 §13.3 years: 29 Feb 2028 + 1 year is 28 Feb 2029", func(t *testing.T) {
		if got := d("2028-02-29").AddYears(1); got != d("2029-02-28") {
			t.Errorf("got %v", got)
		}
	})
	t.Run("oracle over every day of 2026-2029 and 0..30 months", func(t *testing.T) {
		for x := d("2026-01-01"); x.Before(d("2030-01-01")); x = x.next() {
			for n := 0; n <= 30; n++ {
				if got, want := x.AddMonths(n), monthsOracle(x, n); got != want {
					t.Fatalf("%v + %d months = %v, want %v", x, n, got, want)
				}
			}
		}
	})
}

func TestDateCompareAndValid(t *testing.T) {
	a, b := d("2026-04-03"), d("2026-04-06")
	if !a.Before(b) || a.After(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare/Before/After disagree")
	}
	if d("2027-01-01").Compare(d("2026-12-31")) != 1 || d("2026-02-01").Compare(d("2026-01-31")) != 1 {
		t.Error("Compare across year/month")
	}
	if (Date{}).Valid() || !(Date{}).IsZero() || (Date{}).String() != "" {
		t.Error("zero Date")
	}
	if _, err := NewDate(2026, time.February, 29); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("NewDate(2026-02-29) err = %v", err)
	}
	if got := DateOf(time.Date(2026, 4, 3, 23, 59, 0, 0, time.FixedZone("BRT", -3*3600))); got != d("2026-04-03") {
		t.Errorf("DateOf = %v", got)
	}
}

// Midnight is the start of the date in the location given, and DateOf reads it back.
func TestMidnight(t *testing.T) {
	d := MustParseDate("2026-04-21")
	for _, loc := range []*time.Location{time.UTC, AgencyZone} {
		m := d.Midnight(loc)
		if m.Hour() != 0 || m.Minute() != 0 || m.Location() != loc || DateOf(m) != d {
			t.Errorf("%s: %s", loc, m)
		}
	}
}
