package prazo

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Calendar tells which days the agency has business on. It combines a
// [HolidaySet] (computed from the year) with closures declared by staff.
// A Calendar is immutable and safe for concurrent use; derive a new one
// with [Calendar.WithClosures].
type Calendar struct {
	set      HolidaySet
	cache    *holidayCache
	closures []Closure // canonical order
	byDate   map[Date][]Closure
}

// holidayCache memoizes the holidays of each year. It depends only on the
// providers, so calendars derived with WithClosures share it.
type holidayCache struct {
	providers []HolidayProvider
	mu        sync.RWMutex
	years     map[int]map[Date][]Holiday
}

// NewCalendar returns a calendar with the holidays of set and the given
// closures. It fails if set has no ID or a closure is invalid.
func NewCalendar(set HolidaySet, closures ...Closure) (*Calendar, error) {
	if set.ID == "" {
		return nil, fmt.Errorf("%w: identificador vazio", ErrInvalidHolidaySet)
	}
	cache := &holidayCache{providers: slices.Clone(set.Providers), years: map[int]map[Date][]Holiday{}}
	return newCalendar(set, cache, closures)
}

func newCalendar(set HolidaySet, cache *holidayCache, closures []Closure) (*Calendar, error) {
	canon, err := canonicalClosures(closures)
	if err != nil {
		return nil, err
	}
	c := &Calendar{set: set, cache: cache, closures: canon}
	if len(canon) > 0 {
		c.byDate = make(map[Date][]Closure, len(canon))
		for _, cl := range canon {
			c.byDate[cl.Date] = append(c.byDate[cl.Date], cl)
		}
	}
	return c, nil
}

// NewVitoriaES returns the default calendar of PROCON/ES ([VitoriaES]
// holiday set) with no closures.
func NewVitoriaES() *Calendar {
	c, err := NewCalendar(VitoriaES())
	if err != nil {
		panic(err) // unreachable: the set has an ID and there are no closures
	}
	return c
}

// WithClosures returns a new calendar with the closures of c plus extra,
// leaving c unchanged; use it for a closure that applies to one
// computation or to add closures declared after c was built.
func (c *Calendar) WithClosures(extra ...Closure) (*Calendar, error) {
	all := make([]Closure, 0, len(c.closures)+len(extra))
	all = append(all, c.closures...)
	all = append(all, extra...)
	return newCalendar(c.set, c.cache, all)
}

// HolidaySetID returns the ID of the calendar's holiday set.
func (c *Calendar) HolidaySetID() string { return c.set.ID }

// Closures returns a copy of the calendar's closures in canonical order.
func (c *Calendar) Closures() []Closure { return slices.Clone(c.closures) }

// Holidays returns the holidays of year in date order (and, on one date,
// in provider order). A date may appear more than once when several
// jurisdictions declare it (e.g. Corpus Christi in Vitória).
func (c *Calendar) Holidays(year int) []Holiday {
	m := c.cache.year(year)
	dates := make([]Date, 0, len(m))
	for d := range m {
		dates = append(dates, d)
	}
	slices.SortFunc(dates, Date.Compare)
	var out []Holiday
	for _, d := range dates {
		out = append(out, m[d]...)
	}
	return out
}

// HolidaysOn returns the holidays on d, in provider order.
func (c *Calendar) HolidaysOn(d Date) []Holiday {
	return slices.Clone(c.cache.year(d.Year)[d])
}

// ClosuresOn returns the closures declared for d.
func (c *Calendar) ClosuresOn(d Date) []Closure { return slices.Clone(c.byDate[d]) }

func (hc *holidayCache) year(y int) map[Date][]Holiday {
	hc.mu.RLock()
	m, ok := hc.years[y]
	hc.mu.RUnlock()
	if ok {
		return m
	}
	m = make(map[Date][]Holiday)
	for _, p := range hc.providers {
		for _, h := range p.HolidaysIn(y) {
			if h.Date.Year != y || !h.Date.Valid() {
				continue // a provider must only report its own year
			}
			m[h.Date] = append(m[h.Date], h)
		}
	}
	hc.mu.Lock()
	if prev, ok := hc.years[y]; ok {
		m = prev // another goroutine won; keep one map per year
	} else {
		hc.years[y] = m
	}
	hc.mu.Unlock()
	return m
}

// SkipKind says why a day was skipped; it is the "tipo" of a
// [SkippedDay]. Holiday kinds ([HolidayKind]) are also skip kinds.
type SkipKind string

// Skip kinds other than the holiday kinds.
const (
	SkipWeekend      SkipKind = "fim_de_semana"
	SkipClosure      SkipKind = "sem_expediente"
	SkipEarlyClosing SkipKind = "encerramento_antecipado"
	SkipSuspension   SkipKind = "suspensao"
)

// skipPriority orders kinds for a day with several reasons: the most
// specific one names the day's "tipo".
func skipPriority(k SkipKind) int {
	switch k {
	case SkipSuspension:
		return 0
	case SkipKind(KindNational):
		return 1
	case SkipKind(KindState):
		return 2
	case SkipKind(KindMunicipal):
		return 3
	case SkipKind(KindOptional):
		return 4
	case SkipClosure:
		return 5
	case SkipEarlyClosing:
		return 6
	default:
		return 7
	}
}

// IsBusinessDay reports whether the agency has business on d. If not,
// reason says why in Portuguese: the holiday names ("Sexta-feira Santa"),
// the closure reasons, or "Sábado"/"Domingo"; a holiday on a weekend reads
// "Independência do Brasil (sábado)".
func (c *Calendar) IsBusinessDay(d Date) (bool, string) {
	ok, _, reason := c.dayStatus(d)
	return ok, reason
}

// dayStatus is IsBusinessDay plus the kind of the main reason. It only
// allocates for non-business days that are not plain weekends.
func (c *Calendar) dayStatus(d Date) (bool, SkipKind, string) {
	wd := d.Weekday()
	weekend := wd == time.Saturday || wd == time.Sunday
	hs := c.cache.year(d.Year)[d]
	cls := c.byDate[d]
	if len(hs) == 0 && len(cls) == 0 {
		if !weekend {
			return true, "", ""
		}
		return false, SkipWeekend, weekdayName(wd)
	}
	kind := SkipWeekend
	if !weekend {
		kind = SkipKind("")
	}
	var parts []string
	add := func(s string, k SkipKind) {
		if !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
		if kind == "" || skipPriority(k) < skipPriority(kind) {
			kind = k
		}
	}
	for _, h := range hs {
		add(h.Name, SkipKind(h.Kind))
	}
	for _, cl := range cls {
		k := SkipClosure
		if cl.Kind == ClosureEarly {
			k = SkipEarlyClosing
		}
		add(cl.reasonText(), k)
	}
	reason := strings.Join(parts, "; ")
	if weekend {
		reason += " (" + strings.ToLower(weekdayName(wd)) + ")"
	}
	return false, kind, reason
}

func weekdayName(wd time.Weekday) string {
	return [...]string{"Domingo", "Segunda-feira", "Terça-feira", "Quarta-feira", "Quinta-feira", "Sexta-feira", "Sábado"}[wd]
}

// NonBusinessDaysBetween lists the days without business from from to to,
// both included, with their reasons; for staff views.
func (c *Calendar) NonBusinessDaysBetween(from, to Date) []SkippedDay {
	out := []SkippedDay{}
	if !from.Valid() || !to.Valid() {
		return out
	}
	for d := from; !d.After(to); d = d.next() {
		if ok, kind, reason := c.dayStatus(d); !ok {
			out = append(out, SkippedDay{Date: d, Reason: reason, Kind: kind})
		}
	}
	return out
}

// CountBusinessDays returns the number of business days in (after,
// through]: after excluded, through included, the counting of 004 §13.1.
// It is 0 when through is not after after.
func (c *Calendar) CountBusinessDays(after, through Date) int {
	n := 0
	if !after.Valid() || !through.Valid() {
		return 0
	}
	for d := after.next(); !d.After(through); d = d.next() {
		if ok, _, _ := c.dayStatus(d); ok {
			n++
		}
	}
	return n
}

// NextBusinessDay returns the first business day strictly after d.
func (c *Calendar) NextBusinessDay(d Date) Date {
	for {
		d = d.next()
		if ok, _, _ := c.dayStatus(d); ok {
			return d
		}
	}
}
