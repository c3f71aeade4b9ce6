package prazo

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Suspension is a force-majeure interval declared by staff (004 §13.4):
// from Start to End, both included, the deadline does not run.
//
// How a suspended deadline is counted ([Calendar.Compute]):
//
//   - Deadline days are counted one by one from the day after the start
//     (004 §13.1). A day inside any suspension is not counted; counting
//     resumes the day after the suspension ends "with the days that were
//     left": the days left when a suspension begins are the deadline's
//     length minus the days already counted before it
//     ([AppliedSuspension.DaysLeft]).
//   - dias_corridos: every calendar day outside suspensions counts, so the
//     due date moves by the number of suspended days that fell inside the
//     running deadline.
//   - dias_uteis: only business days outside suspensions count; days left
//     are business days. Suspended weekends and holidays change nothing
//     (they would not have counted anyway).
//   - meses/anos: the date-to-date term (004 §13.3) is first converted into
//     its length in calendar days from the start (31/01 → 28/02 is 28 days)
//     and that length is counted as dias_corridos, so the due date moves by
//     the suspended days inside the running deadline; days left are
//     calendar days.
//   - Several suspensions apply in turn; a day covered by overlapping
//     suspensions is suspended once (it is attributed to the earliest one).
//   - A suspension that starts after the last counted day does not change
//     the count. If the 004 §13.1.2 extension reaches suspended days, the
//     due date moves past them to the first business day after the
//     suspension (the party could not act on them); such a suspension
//     reports DaysLeft 0.
//   - A suspension that began on or before the start date only matters
//     from the day after the start.
//   - Suspended days are listed in dias_pulados with tipo "suspensao".
type Suspension struct {
	// Start is the first suspended day.
	Start Date `json:"inicio"`
	// End is the last suspended day (included).
	End Date `json:"fim"`
	// Reason is the force majeure, in Portuguese, e.g. "Enchente na sede".
	Reason string `json:"motivo"`
	// Act identifies the staff decision that declared it, optional.
	Act string `json:"ato,omitempty"`
}

// Validate checks that s has valid dates in range, End not before Start,
// and a reason.
func (s Suspension) Validate() error {
	if !s.Start.Valid() || !s.End.Valid() {
		return fmt.Errorf("%w: datas de início e fim obrigatórias", ErrInvalidSuspension)
	}
	if !s.Start.inSupportedRange() || !s.End.inSupportedRange() {
		return fmt.Errorf("%w: %s a %s", ErrOutOfRange, s.Start, s.End)
	}
	if s.End.Before(s.Start) {
		return fmt.Errorf("%w: fim %s antes do início %s", ErrInvalidSuspension, s.End, s.Start)
	}
	if strings.TrimSpace(s.Reason) == "" {
		return fmt.Errorf("%w: motivo de força maior obrigatório (004 §13.4)", ErrInvalidSuspension)
	}
	return nil
}

func (s Suspension) contains(d Date) bool { return !d.Before(s.Start) && !d.After(s.End) }

// AppliedSuspension reports what a [Suspension] did to a deadline.
type AppliedSuspension struct {
	Suspension
	// Applied is true if at least one day of the deadline was suspended.
	Applied bool `json:"aplicada"`
	// DaysLeft is the number of deadline days (business days for
	// dias_uteis, calendar days otherwise) still to run when the suspension
	// began; 0 if it began after the last counted day.
	DaysLeft int `json:"dias_restantes"`
	// SuspendedDays is the number of days this suspension removed from the
	// deadline (days listed with tipo "suspensao" for it).
	SuspendedDays int `json:"dias_suspensos"`
	// ResumedOn is the day the deadline ran again (End + 1), if Applied.
	ResumedOn Date `json:"retomado_em,omitzero"`
}

// normalizeSuspensions validates and sorts a copy by start, then end.
func normalizeSuspensions(in []Suspension) ([]Suspension, error) {
	out := slices.Clone(in)
	for _, s := range out {
		if err := s.Validate(); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(out, func(a, b Suspension) int {
		return cmp.Or(a.Start.Compare(b.Start), a.End.Compare(b.End))
	})
	return out, nil
}

// suspensionAt returns the index of the first suspension containing d, or
// -1.
func suspensionAt(ss []Suspension, d Date) int {
	for i, s := range ss {
		if s.contains(d) {
			return i
		}
		if d.Before(s.Start) {
			break // sorted by start: no later one can contain d
		}
	}
	return -1
}
