package prazo

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ClosureKind says whether the agency did not open at all or closed
// before the normal hour. Both make the day a day without business
// (004 §13.1.2: "não houver expediente … ou este for encerrado antes da
// hora normal").
type ClosureKind string

// Closure kinds.
const (
	// ClosureFullDay: no business at all that day.
	ClosureFullDay ClosureKind = "dia_inteiro"
	// ClosureEarly: business closed before the normal hour.
	ClosureEarly ClosureKind = "encerramento_antecipado"
)

// Closure is a day without (normal) business declared by staff at run
// time: a ponto facultativo decreed for the year, a building problem, a
// strike, a system outage… It is a value type so that it can travel in a
// [Snapshot].
type Closure struct {
	// Date is the day without (normal) business.
	Date Date `json:"data"`
	// Kind is a full-day closure or an early closing.
	Kind ClosureKind `json:"tipo"`
	// Reason is shown to users (Portuguese), e.g. "Ponto facultativo –
	// Quarta-feira de Cinzas (Decreto nº 1234-S/2026)".
	Reason string `json:"motivo"`
	// ClosedAt is the closing time "HH:MM" of an early closing; optional,
	// informative only.
	ClosedAt string `json:"horario,omitempty"`
	// Act identifies the act that declared it (portaria, decreto), optional.
	Act string `json:"ato,omitempty"`
}

// Validate checks that c has a valid date, a known kind and a reason.
func (c Closure) Validate() error {
	if !c.Date.Valid() {
		return fmt.Errorf("%w: data %q inválida", ErrInvalidClosure, c.Date.String())
	}
	if c.Kind != ClosureFullDay && c.Kind != ClosureEarly {
		return fmt.Errorf("%w: tipo %q (use %q ou %q)", ErrInvalidClosure, c.Kind, ClosureFullDay, ClosureEarly)
	}
	if strings.TrimSpace(c.Reason) == "" {
		return fmt.Errorf("%w: motivo obrigatório (%s)", ErrInvalidClosure, c.Date)
	}
	if c.ClosedAt != "" {
		if c.Kind != ClosureEarly {
			return fmt.Errorf("%w: horário só se aplica a encerramento antecipado (%s)", ErrInvalidClosure, c.Date)
		}
		if !validHHMM(c.ClosedAt) {
			return fmt.Errorf("%w: horário %q (use HH:MM)", ErrInvalidClosure, c.ClosedAt)
		}
	}
	return nil
}

func validHHMM(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	h, err1 := atoiDigits(s[0:2])
	m, err2 := atoiDigits(s[3:5])
	return err1 == nil && err2 == nil && h < 24 && m < 60
}

// reasonText is the text shown for the closure in a skipped day.
func (c Closure) reasonText() string {
	if c.Kind == ClosureEarly && c.ClosedAt != "" {
		return c.Reason + ", encerramento às " + c.ClosedAt
	}
	return c.Reason
}

// compareClosures orders closures canonically: date, kind, reason, time,
// act. Snapshots list closures in this order.
func compareClosures(a, b Closure) int {
	return cmp.Or(
		a.Date.Compare(b.Date),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Reason, b.Reason),
		cmp.Compare(a.ClosedAt, b.ClosedAt),
		cmp.Compare(a.Act, b.Act),
	)
}

// canonicalClosures validates, sorts and removes exact duplicates.
func canonicalClosures(in []Closure) ([]Closure, error) {
	out := make([]Closure, 0, len(in))
	for _, c := range in {
		if err := c.Validate(); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, compareClosures)
	return slices.Compact(out), nil
}
