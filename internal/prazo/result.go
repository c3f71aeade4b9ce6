package prazo

// Result is a computed deadline with its explanation. Its JSON keys are a
// fixed interface used verbatim by the API and the CLI:
//
//	{
//	  "nome": "Resposta à CIP",                  // optional
//	  "inicio": "2026-03-14",                    // event date (start day, excluded)
//	  "evento": "recebimento",                   // what happened on inicio
//	  "primeiro_dia": "2026-03-15",              // first day of counting
//	  "quantidade": 20,
//	  "unidade": "dias_corridos",                // dias_corridos | dias_uteis | meses | anos
//	  "vencimento": "2026-04-06",                // the due date (last day to act)
//	  "vencimento_sem_prorrogacao": "2026-04-03",// last counted day, before 004 §13.1.2
//	  "prorrogado": true,
//	  "regra": "…",                              // Portuguese explanation
//	  "fonte": "004 §4.3.1, §13.1, §13.1.2, §13.2",
//	  "dias_pulados": [{"data": "2026-04-03", "motivo": "Sexta-feira Santa", "tipo": "feriado_nacional"}, …],
//	  "suspensoes": [ … ],                       // only when suspensions were given
//	  "calendario": "procon-es-vitoria/v1"       // holiday set used
//	}
type Result struct {
	// Name is the name of the legal period, if the request came from a
	// [Period].
	Name string `json:"nome,omitempty"`
	// Start is the date of the event the deadline runs from; it is not
	// counted (004 §13.1).
	Start Date `json:"inicio"`
	// Event is the event word used in texts: "notificação", "recebimento"…
	Event string `json:"evento"`
	// FirstDay is the day after Start, from which counting begins.
	FirstDay Date `json:"primeiro_dia"`
	// Quantity is the deadline's length, in Unit.
	Quantity int `json:"quantidade"`
	// Unit is the deadline's unit (never empty in a result).
	Unit Unit `json:"unidade"`
	// Due is the due date: the last day on which the act is on time.
	Due Date `json:"vencimento"`
	// DueWithoutExtension is the last counted day, before the extension of
	// 004 §13.1.2 (after suspensions). For dias_uteis it equals Due, since
	// the last counted day is always a business day.
	DueWithoutExtension Date `json:"vencimento_sem_prorrogacao"`
	// Extended reports whether 004 §13.1.2 moved the due date.
	Extended bool `json:"prorrogado"`
	// Rule explains in Portuguese how the due date was obtained.
	Rule string `json:"regra"`
	// Source lists the rules applied, e.g. "004 §13.1, §13.1.2, §13.2".
	Source string `json:"fonte"`
	// Skipped lists, in date order, the days that did not count or that
	// the due date was moved past, with their reasons: non-business days
	// inside a dias_uteis count, suspended days, and the non-business days
	// from the last counted day to the due date.
	Skipped []SkippedDay `json:"dias_pulados"`
	// Suspensions reports each suspension given in the request, sorted.
	Suspensions []AppliedSuspension `json:"suspensoes,omitempty"`
	// HolidaySet is the ID of the calendar's holiday set.
	HolidaySet string `json:"calendario"`
}

// SkippedDay is a day that a deadline skipped, with the reason.
type SkippedDay struct {
	// Date is the skipped day.
	Date Date `json:"data"`
	// Reason in Portuguese: "Sexta-feira Santa", "Sábado", a closure or
	// suspension reason…
	Reason string `json:"motivo"`
	// Kind: a [HolidayKind] value or one of the Skip* constants.
	Kind SkipKind `json:"tipo"`
}

// skippedOn returns the skipped day with date d, if any.
func (r Result) skippedOn(d Date) (SkippedDay, bool) {
	for _, s := range r.Skipped {
		if s.Date == d {
			return s, true
		}
	}
	return SkippedDay{}, false
}
