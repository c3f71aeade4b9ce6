package prazo

import (
	"time"

	"github.com/rickar/cal/v2"
)

// HolidayKind classifies a holiday by the jurisdiction that declares it.
type HolidayKind string

// Holiday kinds. Their values appear in JSON ("tipo" of a skipped day).
const (
	// KindNational is a national holiday (federal law).
	KindNational HolidayKind = "feriado_nacional"
	// KindState is a holiday of the state (Espírito Santo for PROCON/ES).
	KindState HolidayKind = "feriado_estadual"
	// KindMunicipal is a holiday of the agency's city (Vitória).
	KindMunicipal HolidayKind = "feriado_municipal"
	// KindOptional is a ponto facultativo on which the agency does not work
	// (Carnaval, Corpus Christi): not a holiday by law, but a day without
	// business at the agency, hence non-business for 004 §13.1.2.
	KindOptional HolidayKind = "ponto_facultativo"
)

// Holiday is one occurrence of a holiday on a date.
type Holiday struct {
	Date   Date        `json:"data"`  // the day
	Name   string      `json:"nome"`  // Portuguese name, e.g. "Sexta-feira Santa"
	Kind   HolidayKind `json:"tipo"`  // jurisdiction
	Source string      `json:"fonte"` // law or act that declares it
}

// HolidayProvider computes the holidays of one jurisdiction for a year.
// Implementations must be pure functions of the year (no clock, no I/O) so
// that a calendar rebuilt from a [Snapshot] is identical.
type HolidayProvider interface {
	// ID is a stable identifier, e.g. "br-nacional".
	ID() string
	// HolidaysIn returns the holidays that fall in year.
	HolidaysIn(year int) []Holiday
}

// Rule is one holiday rule of a [RuleProvider]: the date logic comes from
// a github.com/rickar/cal/v2 holiday (fixed day, Easter offset, StartYear,
// EndYear, Except…); Name overrides the rule's name when not empty.
type Rule struct {
	Holiday *cal.Holiday // date logic
	Name    string       // Portuguese name; "" keeps Holiday.Name
	Kind    HolidayKind  // jurisdiction
	Source  string       // law or act, shown in Holiday.Source
}

// RuleProvider is a [HolidayProvider] made of a list of [Rule] values.
type RuleProvider struct {
	ProviderID string // returned by ID
	Rules      []Rule // the holidays
}

// ID implements [HolidayProvider].
func (p RuleProvider) ID() string { return p.ProviderID }

// HolidaysIn implements [HolidayProvider].
func (p RuleProvider) HolidaysIn(year int) []Holiday {
	out := make([]Holiday, 0, len(p.Rules))
	for _, r := range p.Rules {
		// Brazilian holidays are never moved to another weekday, so the
		// observed date is the actual one.
		_, observed := r.Holiday.Calc(year)
		if observed.IsZero() {
			continue // not observed this year (StartYear, EndYear, Except)
		}
		name := r.Name
		if name == "" {
			name = r.Holiday.Name
		}
		out = append(out, Holiday{Date: civilDateOfLibTime(observed), Name: name, Kind: r.Kind, Source: r.Source})
	}
	return out
}

// civilDateOfLibTime converts a time produced by rickar/cal to a civil date.
//
// rickar/cal builds holidays at midnight in cal.DefaultLoc (time.Local).
// In a zone whose daylight-saving time starts at midnight that instant does
// not exist and time.Date returns 23:00 of the previous day (e.g. Finados,
// 1985-11-02, in America/Sao_Paulo). Results would then depend on the
// worker's TZ, which breaks workflow determinism. Transitions move clocks
// by at most two hours, so the civil date 12 hours later is always the day
// the library meant.
func civilDateOfLibTime(t time.Time) Date {
	return DateOf(t.Add(12 * time.Hour))
}
