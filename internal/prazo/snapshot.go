package prazo

import (
	"fmt"
	"slices"
)

// Snapshot is the serializable description of a [Calendar]: the ID of its
// holiday set (holidays are computed by code from the year) and its
// closures. A workflow gets it from an activity and rebuilds the same
// calendar with [Restore], so that replays compute the same deadlines.
// Closures are in canonical order, so equal calendars give equal
// snapshots (and equal JSON).
type Snapshot struct {
	HolidaySet string    `json:"conjunto_feriados"` // registered HolidaySet ID
	Closures   []Closure `json:"fechamentos"`       // canonical order, never null
}

// Snapshot returns the calendar's snapshot.
func (c *Calendar) Snapshot() Snapshot {
	cl := slices.Clone(c.closures)
	if cl == nil {
		cl = []Closure{}
	}
	return Snapshot{HolidaySet: c.set.ID, Closures: cl}
}

// Restore rebuilds the calendar described by s. The holiday set must be
// registered ([VitoriaESSetID] always is; see [RegisterHolidaySet]).
func Restore(s Snapshot) (*Calendar, error) {
	set, ok := LookupHolidaySet(s.HolidaySet)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownHolidaySet, s.HolidaySet)
	}
	return NewCalendar(set, s.Closures...)
}
