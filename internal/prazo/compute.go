package prazo

import (
	"fmt"
	"strings"
	"time"
)

// DefaultEvent is the event a deadline runs from when a [Request] names
// none: "a partir da data da notificação" (004 §13.1).
const DefaultEvent = "notificação"

// Request asks for a deadline.
type Request struct {
	// Start is the date of the event (notification, receipt…). It is the
	// "dia do começo", excluded from the count (004 §13.1). It is taken
	// as given: whether an e-mail received on a Saturday counts as
	// notified that day is the caller's decision.
	Start Date `json:"inicio"`
	// Quantity is the deadline's length, at least 1.
	Quantity int `json:"quantidade"`
	// Unit is the deadline's unit; "" means dias_corridos (004 §13.2).
	Unit Unit `json:"unidade,omitempty"`
	// Event is the event word for texts ("recebimento", "notificação",
	// "protocolo"…); "" means [DefaultEvent]. The article ("do"/"da") is
	// chosen by the word; start Event with "do ", "da ", "dos " or "das "
	// to force it.
	Event string `json:"evento,omitempty"`
	// Name is the legal period's name (see [Period]); optional.
	Name string `json:"nome,omitempty"`
	// Source cites the legal period's rule, e.g. "004 §4.3.1"; optional.
	// It is merged into the result's "fonte".
	Source string `json:"fonte,omitempty"`
	// Suspensions are force-majeure intervals declared by staff
	// (004 §13.4); see [Suspension] for how they are counted.
	Suspensions []Suspension `json:"suspensoes,omitempty"`
}

// maxDate bounds every computation.
var maxDate = Date{Year: MaxYear, Month: time.December, Day: 31}

// Compute returns the due date of r on calendar c, with its explanation.
//
// Days are counted from the day after r.Start (004 §13.1): calendar days
// for dias_corridos, business days only for dias_uteis (004 §13.2), date to
// date for meses and anos (004 §13.3). Suspended days do not count
// (004 §13.4). If the last counted day has no business, the due date is
// the next business day (004 §13.1.2).
func (c *Calendar) Compute(r Request) (Result, error) {
	unit, err := ParseUnit(string(r.Unit))
	if err != nil {
		return Result{}, err
	}
	if !r.Start.Valid() {
		return Result{}, fmt.Errorf("%w: data de início %q", ErrInvalidDate, r.Start.String())
	}
	if !r.Start.inSupportedRange() {
		return Result{}, fmt.Errorf("%w: %s (anos %d a %d)", ErrOutOfRange, r.Start, MinYear, MaxYear)
	}
	if r.Quantity < 1 || r.Quantity > unit.max() {
		return Result{}, fmt.Errorf("%w: %d %s (mínimo 1, máximo %d)", ErrInvalidQuantity, r.Quantity, unit, unit.max())
	}
	susp, err := normalizeSuspensions(r.Suspensions)
	if err != nil {
		return Result{}, err
	}

	// target: number of days to count. Months and years become the
	// number of calendar days of the date-to-date term (004 §13.3).
	target := r.Quantity
	var term Date
	switch unit {
	case Meses:
		term = r.Start.AddMonths(r.Quantity)
	case Anos:
		term = r.Start.AddYears(r.Quantity)
	}
	if unit == Meses || unit == Anos {
		if term.After(maxDate) {
			return Result{}, fmt.Errorf("%w: vencimento após %d", ErrOutOfRange, MaxYear)
		}
		target = r.Start.DaysUntil(term)
	}

	event := strings.TrimSpace(r.Event)
	if event == "" {
		event = DefaultEvent
	}
	res := Result{
		Name:       r.Name,
		Start:      r.Start,
		Event:      event,
		FirstDay:   r.Start.next(),
		Quantity:   r.Quantity,
		Unit:       unit,
		Skipped:    []SkippedDay{},
		HolidaySet: c.set.ID,
	}
	if len(susp) > 0 {
		res.Suspensions = make([]AppliedSuspension, len(susp))
		for i, s := range susp {
			res.Suspensions[i] = AppliedSuspension{Suspension: s, DaysLeft: -1}
		}
	}
	suspended := func(d Date, counted int) bool {
		i := suspensionAt(susp, d)
		if i < 0 {
			return false
		}
		a := &res.Suspensions[i]
		if a.DaysLeft < 0 {
			a.DaysLeft = target - counted
		}
		a.SuspendedDays++
		res.Skipped = append(res.Skipped, SkippedDay{
			Date:   d,
			Reason: "Prazo suspenso por força maior: " + a.Reason,
			Kind:   SkipSuspension,
		})
		return true
	}

	// Count (004 §13.1): start day excluded, last day included.
	d := r.Start
	nonBusinessInCount := 0
	for counted := 0; counted < target; {
		d = d.next()
		if d.After(maxDate) {
			return Result{}, fmt.Errorf("%w: vencimento após %d", ErrOutOfRange, MaxYear)
		}
		if suspended(d, counted) {
			continue
		}
		if unit == DiasUteis {
			if ok, kind, reason := c.dayStatus(d); !ok {
				res.Skipped = append(res.Skipped, SkippedDay{Date: d, Reason: reason, Kind: kind})
				nonBusinessInCount++
				continue
			}
		}
		counted++
	}
	res.DueWithoutExtension = d

	// Extension to the next business day (004 §13.1.2), also past
	// suspended days (004 §13.4).
	for {
		if d != res.DueWithoutExtension && suspended(d, target) {
			d = d.next()
		} else if ok, kind, reason := c.dayStatus(d); !ok {
			res.Skipped = append(res.Skipped, SkippedDay{Date: d, Reason: reason, Kind: kind})
			d = d.next()
		} else {
			break
		}
		if d.After(maxDate) {
			return Result{}, fmt.Errorf("%w: vencimento após %d", ErrOutOfRange, MaxYear)
		}
	}
	res.Due = d
	res.Extended = d != res.DueWithoutExtension

	for i := range res.Suspensions {
		a := &res.Suspensions[i]
		a.Applied = a.SuspendedDays > 0
		if a.DaysLeft < 0 {
			a.DaysLeft = 0
		}
		if a.Applied {
			a.ResumedOn = a.End.next()
		}
	}

	clamped := (unit == Meses || unit == Anos) && term.Day != r.Start.Day
	res.Rule = explain(res, r.Source, target, nonBusinessInCount, clamped)
	res.Source = sources(res, r.Source)
	return res, nil
}

// AddBusinessDays returns the day on which n business days (n ≥ 1) counted
// after d end (004 §13.1, §13.2), without explanation.
func (c *Calendar) AddBusinessDays(d Date, n int) (Date, error) {
	res, err := c.Compute(Request{Start: d, Quantity: n, Unit: DiasUteis})
	return res.Due, err
}
