package prazo

import (
	"fmt"
	"strconv"
	"time"
)

// Supported range of years for deadline computations. Dates outside it are
// refused by [Calendar.Compute] with [ErrOutOfRange]; the bound also caps
// the work done for absurd inputs.
const (
	MinYear = 1900
	MaxYear = 2999
)

// Date is a civil date (year, month, day) with no time of day and no time
// zone. Its JSON and text form is "YYYY-MM-DD". The zero Date is not a
// valid date; it marshals as "" and [Date.IsZero] reports it.
type Date struct {
	Year  int        // 1..9999
	Month time.Month // January..December
	Day   int        // 1..31, existing in the month
}

// NewDate returns the date y-m-d, or an error wrapping [ErrInvalidDate] if
// it does not exist (e.g. 2026-02-29) or the year is outside 1..9999.
func NewDate(y int, m time.Month, d int) (Date, error) {
	dt := Date{Year: y, Month: m, Day: d}
	if !dt.Valid() {
		return Date{}, fmt.Errorf("%w: %04d-%02d-%02d não existe", ErrInvalidDate, y, int(m), d)
	}
	return dt, nil
}

// MustDate is like [NewDate] but panics on an invalid date. Use it for
// literals in code and tests.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// ParseDate parses "YYYY-MM-DD" (exactly that form, zero-padded).
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w: %q (use o formato AAAA-MM-DD)", ErrInvalidDate, s)
	}
	y, err1 := atoiDigits(s[0:4])
	m, err2 := atoiDigits(s[5:7])
	d, err3 := atoiDigits(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("%w: %q (use o formato AAAA-MM-DD)", ErrInvalidDate, s)
	}
	return NewDate(y, time.Month(m), d)
}

// MustParseDate is like [ParseDate] but panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// atoiDigits parses a string of ASCII digits only (no sign, no spaces).
func atoiDigits(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.Atoi(s)
}

// DateOf returns the civil date of t in t's own location. Convert t to the
// agency's zone (America/Sao_Paulo) first if it came from a clock.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Valid reports whether d is an existing date with a year in 1..9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December {
		return false
	}
	return d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns d as "YYYY-MM-DD".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [10]byte
	putDigits(b[0:4], d.Year)
	b[4] = '-'
	putDigits(b[5:7], int(d.Month))
	b[7] = '-'
	putDigits(b[8:10], d.Day)
	return string(b[:])
}

// FormatBR returns d as "DD/MM/YYYY", the form used in Portuguese texts.
func (d Date) FormatBR() string {
	var b [10]byte
	putDigits(b[0:2], d.Day)
	b[2] = '/'
	putDigits(b[3:5], int(d.Month))
	b[5] = '/'
	putDigits(b[6:10], d.Year)
	return string(b[:])
}

// Midnight returns the first instant of d in loc: with time.UTC, a date as PostgreSQL
// writes and reads a date column; with AgencyZone, the start of the agency's day.
func (d Date) Midnight(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

func putDigits(b []byte, v int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// Day 0 of dayNumber is 1970-01-01, a Thursday.
	w := (d.dayNumber() + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// AddDays returns d plus n calendar days (n may be negative).
func (d Date) AddDays(n int) Date {
	if n == 1 {
		return d.next()
	}
	return fromDayNumber(d.dayNumber() + n)
}

// next returns the following day without going through day numbers.
func (d Date) next() Date {
	if d.Day < daysIn(d.Year, d.Month) {
		d.Day++
		return d
	}
	d.Day = 1
	if d.Month == time.December {
		d.Month = time.January
		d.Year++
		return d
	}
	d.Month++
	return d
}

// AddMonths returns the same day n months later (or earlier if n < 0),
// "de data a data"; if the target month has no such day, the last day of
// that month (004 §13.3). 2026-01-31 plus 1 month is 2026-02-28.
func (d Date) AddMonths(n int) Date {
	mi := d.Year*12 + int(d.Month-1) + n
	y, m := mi/12, time.Month(mi%12+1)
	if mi < 0 { // keep floor semantics; never reached for valid years
		y, m = (mi-11)/12, time.Month((mi%12+12)%12+1)
	}
	day := d.Day
	if last := daysIn(y, m); day > last {
		day = last
	}
	return Date{Year: y, Month: m, Day: day}
}

// AddYears returns the same day n years later, date to date; 29 February
// becomes 28 February in a common year (004 §13.3).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// DaysUntil returns the number of calendar days from d to o (negative if o
// is before d).
func (d Date) DaysUntil(o Date) int { return o.dayNumber() - d.dayNumber() }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	if a < b {
		return -1
	}
	if a > b {
		return 1
	}
	return 0
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// MarshalText implements encoding.TextMarshaler ("YYYY-MM-DD").
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsZero() && !d.Valid() {
		return nil, fmt.Errorf("%w: %d-%d-%d", ErrInvalidDate, d.Year, int(d.Month), d.Day)
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; "" gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// isLeap reports whether y is a Gregorian leap year.
func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// daysIn returns the number of days of month m in year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	default:
		return 31
	}
}

// dayNumber returns the number of days since 1970-01-01 (proleptic
// Gregorian calendar), after H. Hinnant's days_from_civil.
func (d Date) dayNumber() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDayNumber is the inverse of dayNumber (H. Hinnant's civil_from_days).
func fromDayNumber(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return Date{Year: y, Month: time.Month(m), Day: day}
}

// inSupportedRange reports whether d lies within [MinYear, MaxYear].
func (d Date) inSupportedRange() bool { return d.Year >= MinYear && d.Year <= MaxYear }
