package prazo

import "fmt"

// Unit is the unit of a deadline's length.
type Unit string

// Units of deadlines.
const (
	// DiasCorridos: calendar days, the default (004 §13.2).
	DiasCorridos Unit = "dias_corridos"
	// DiasUteis: business days, only where a rule says so (004 §13.2,
	// §10.1 appeal; §6.10 decision on a Cadastro correction).
	DiasUteis Unit = "dias_uteis"
	// Meses: months, date to date (004 §13.3).
	Meses Unit = "meses"
	// Anos: years, date to date (004 §13.3).
	Anos Unit = "anos"
)

// Limits on a deadline's length, per unit; they keep one computation
// bounded whatever the input.
const (
	MaxDays   = 36500
	MaxMonths = 1200
	MaxYears  = 100
)

// ParseUnit parses a unit; "" is [DiasCorridos], the default of 004 §13.2.
func ParseUnit(s string) (Unit, error) {
	switch u := Unit(s); u {
	case "":
		return DiasCorridos, nil
	case DiasCorridos, DiasUteis, Meses, Anos:
		return u, nil
	default:
		return "", fmt.Errorf("%w: %q (use dias_corridos, dias_uteis, meses ou anos)", ErrInvalidUnit, s)
	}
}

// max returns the largest quantity accepted for u.
func (u Unit) max() int {
	switch u {
	case Meses:
		return MaxMonths
	case Anos:
		return MaxYears
	default:
		return MaxDays
	}
}

// phrase returns "20 dias corridos", "1 dia útil", "3 meses", "1 ano"…
func (u Unit) phrase(q int) string {
	one := q == 1
	var w string
	switch u {
	case DiasUteis:
		w = pick(one, "dia útil", "dias úteis")
	case Meses:
		w = pick(one, "mês", "meses")
	case Anos:
		w = pick(one, "ano", "anos")
	default:
		w = pick(one, "dia corrido", "dias corridos")
	}
	return fmt.Sprintf("%d %s", q, w)
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
