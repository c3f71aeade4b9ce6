// Package prazo is the legal deadline engine and agency calendar of PROCON/ES.
//
// It counts the deadlines of the PROCON/ES procedure norms ("Normas de
// procedimento – DIJUR", cited as 004 §n) and explains every result in
// Portuguese. It is pure Go: no I/O, no database, no clock, no time zones
// in results, so that Temporal workflows can call it deterministically.
//
// Counting rules (004 §13):
//
//   - The deadline starts to run from the event date (notification,
//     receipt, protocol…): the start day is excluded and the last day is
//     included (004 §13.1).
//   - Days are calendar days (dias corridos) unless the rule says business
//     days (dias úteis): the appeal against a first-instance decision
//     (004 §13.2, §10.1) and the decision on a Cadastro correction (004 §6.10).
//     For business-day deadlines only business days are counted.
//   - Months and years count date to date; when the target month has no
//     such day, the term is the last day of that month (004 §13.3).
//   - If the last day is a day without business at the agency (weekend,
//     national/state/municipal holiday, a declared closure, or a day the
//     agency closed before the normal hour) the deadline is extended to the
//     next business day (004 §13.1.2).
//   - Deadlines do not pause, except for force majeure proven and declared
//     by staff (004 §13.4): see [Suspension] for the exact counting.
//
// Business days. One definition is used everywhere ([Calendar.IsBusinessDay]):
// a day is a business day unless it is a Saturday or Sunday, a holiday of
// the calendar's [HolidaySet], or a day with a declared [Closure] (full day
// or early closing). Early-closing days are therefore neither counted in
// business-day deadlines nor accepted as a due date; this is the reading
// of 004 §13.1.2 most favourable to the party who must act.
//
// Pontos facultativos. Carnaval (Monday and Tuesday) and Corpus Christi are
// pontos facultativos nationally, not holidays; the Espírito Santo state
// executive, to which PROCON/ES belongs, does not work on them, and Corpus
// Christi is also a municipal holiday in Vitória. The default calendar
// ([NewVitoriaES]) treats them as days without business. Other yearly
// pontos facultativos decreed by the state (Quarta-feira de Cinzas,
// Colonização do Solo Espírito-Santense on 23 May, Dia do Servidor Público,
// 24 and 31 December, bridges) change from year to year and are entered as
// [Closure] values when the decree is published.
//
// Determinism. Holidays are computed by code from the year; a calendar is
// fully described by its holiday-set identifier and its closures
// ([Snapshot]). A workflow receives the snapshot from an activity and
// rebuilds the very same calendar with [Restore]. When the holiday rules
// change (a new law), register a new, versioned [HolidaySet] and keep the
// old one so that running workflows replay identically.
package prazo
