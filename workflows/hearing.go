package workflows

import (
	"strconv"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Case statuses of the autocomposição hearing (004 §5).
const (
	// StatusHearingScheduled: a hearing is scheduled; both parties were notified (004 §5.4).
	StatusHearingScheduled = "audiencia_designada"
	// StatusAgreement: an agreement was signed; the process is suspended until its
	// compliance date (004 §5.7).
	StatusAgreement = "acordo_em_cumprimento"
)

// Hearing outcomes, as the Termo de Audiência records them (004 §5.6, §5.12).
const (
	OutcomeAgreement      = "acordo"
	OutcomeImpasse        = "impasse"
	OutcomeSupplierAbsent = "ausencia_fornecedor"
	OutcomeConsumerAbsent = "ausencia_consumidor"
)

// Timeline events of the hearing.
const (
	// EventHearingScheduled: a hearing was scheduled and the parties notified (004 §5.4).
	EventHearingScheduled = "audiencia_designada"
	// EventHearingReminder: the parties were reminded the day before.
	EventHearingReminder = "lembrete_audiencia"
	// EventHearingHeld: the outcome was recorded with the Termo de Audiência (004 §5.6).
	EventHearingHeld = "audiencia_realizada"
	// EventAgreementBreached: the consumer reported a breach of the agreement (004 §5.11);
	// the process resumes.
	EventAgreementBreached = "acordo_descumprido"
	// EventAgreementFulfilled: the compliance date passed with no breach reported: the
	// agreement is taken as fulfilled and the case archived (004 §5.10).
	EventAgreementFulfilled = "arquivado_acordo_cumprido"
)

// hearingState counts what happens around the hearings, so waits can tell something
// happened (004 §5).
type hearingState struct {
	// count is the number of hearings scheduled; breaches the breaches of an agreement
	// reported, breachBy by whom.
	count, breaches int
	breachBy        string
}

// Hearing is an autocomposição hearing (004 §5).
type Hearing struct {
	// Number counts the hearings of the case; a rescheduled hearing is a new one.
	Number int `json:"numero"`
	// Method is one of 004 §5.3: negociacao_assistida, conciliacao, mediacao, esclarecimentos.
	Method string    `json:"metodo"`
	At     time.Time `json:"data_hora"`
	// Place is the address or the link of the hearing.
	Place string `json:"local"`
	// Outcome, Terms and ComplianceDate are recorded after the hearing (004 §5.6).
	Outcome        string     `json:"resultado,omitempty"`
	Terms          string     `json:"termos,omitempty"`
	ComplianceDate prazo.Date `json:"data_cumprimento,omitzero"`
	RecordedBy     string     `json:"registrado_por,omitempty"`
	// RecordID is the Termo de Audiência among the case's documents.
	RecordID int64 `json:"termo_documento_id,omitempty"`
}

// holdHearing runs the last hearing scheduled: both parties notified with its date, and
// reminded the day before; a new schedule replaces it. Once staff record the outcome,
// the Termo de Audiência is issued: an agreement suspends the process until its
// compliance date (004 §5.7); an impasse or an absence suspends it for a reasoned
// decision (004 §5.12). It reports whether the case ended.
func (c *complaint) holdHearing(ctx workflow.Context) (bool, error) {
	p := c.state.Process
	var h *Hearing
	for {
		h = p.Hearing
		n := c.hearing.count
		if err := c.setStatus(ctx, StatusHearingScheduled); err != nil {
			return false, err
		}
		number := strconv.Itoa(h.Number)
		if err := c.record(ctx, EventHearingScheduled, "sistema", "audiencia/"+number, activities.EventData{Numero: number,
			Metodo: h.Method, DataHora: h.At.Format(time.RFC3339), Local: h.Place, Fonte: srcHearingScheduled}); err != nil {
			return false, err
		}
		if err := notify(ctx, c.in.NA, hearingLetter(h, "audiencia/"+number, "audiencia_designada"), c.toParties()...); err != nil {
			return false, err
		}
		over := func() bool { return c.interrupted() || c.hearing.count != n || h.Outcome != "" }
		if wait := dayBefore(h.At).Sub(workflow.Now(ctx)); wait > 0 {
			woken, err := workflow.AwaitWithTimeout(ctx, wait, over)
			if err != nil {
				return false, err
			}
			if !woken {
				if err := notify(ctx, c.in.NA, hearingLetter(h, "lembrete-audiencia/"+number, "lembrete_audiencia"), c.toParties()...); err != nil {
					return false, err
				}
				if err := c.record(ctx, EventHearingReminder, "sistema", "lembrete-audiencia/"+number, activities.EventData{
					Numero: number, Fonte: srcHearingReminder}); err != nil {
					return false, err
				}
			}
		}
		if err := workflow.Await(ctx, over); err != nil {
			return false, err
		}
		if c.interrupted() {
			return true, c.stop()
		}
		if c.hearing.count == n {
			break
		}
	}
	if err := workflow.ExecuteActivity(ctx, c.acts.IssueHearingRecord, activities.HearingRecord{
		NA: c.in.NA, Number: h.Number, HeldOn: prazo.CivilDate(workflow.Now(ctx)), Method: h.Method, Outcome: h.Outcome,
		Terms: h.Terms, Deadline: h.ComplianceDate, By: h.RecordedBy, Suppliers: p.parties(),
	}).Get(ctx, &h.RecordID); err != nil {
		return false, err
	}
	held := activities.EventData{Numero: strconv.Itoa(h.Number), Resultado: h.Outcome, DocumentoID: h.RecordID, Fonte: srcHearingHeld}
	if h.Outcome != OutcomeAgreement {
		p.ReasonedDecision = true
		return false, c.record(ctx, EventHearingHeld, h.RecordedBy, "audiencia-resultado/"+held.Numero, held)
	}
	held.DataCumprimento, held.Fonte = h.ComplianceDate.String(), srcAgreementReached
	return c.agreement(ctx, h, held)
}

// agreement suspends the process until the agreement's compliance date (004 §5.7). A
// breach reported by the consumer (004 §5.11) resumes the process; the date passing
// without one archives the case as fulfilled, recorded in the Cadastro as a reclamação
// fundamentada atendida unless it was classified before (004 §5.10). It reports whether
// the case ended.
func (c *complaint) agreement(ctx workflow.Context, h *Hearing, held activities.EventData) (bool, error) {
	due := h.ComplianceDate
	c.fixed = &deadline{result: activities.Deadline{
		Result:   prazo.Result{Name: "Cumprimento do acordo", Due: due, Source: srcAgreementDue},
		Sentence: "Cumprimento do acordo até " + due.FormatBR() + ", data fixada no Termo de Audiência (item 5.7).",
	}}
	defer func() { c.fixed = nil }()
	if err := c.setStatus(ctx, StatusAgreement); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventHearingHeld, h.RecordedBy, "audiencia-resultado/"+held.Numero, held); err != nil {
		return false, err
	}
	breaches := c.hearing.breaches
	breached, err := workflow.AwaitWithTimeout(ctx, c.fixed.lapsesAt().Sub(workflow.Now(ctx)), func() bool {
		return c.interrupted() || c.hearing.breaches != breaches
	})
	if err != nil {
		return false, err
	}
	if c.interrupted() {
		return true, c.stop()
	}
	if breached {
		c.fixed = nil
		if err := c.record(ctx, EventAgreementBreached, c.hearing.breachBy, "acordo-descumprido/"+held.Numero, activities.EventData{
			Numero: held.Numero, Fonte: srcAgreementBreached}); err != nil {
			return false, err
		}
		return false, notify(ctx, c.in.NA, letter{act: "acordo-descumprido/" + held.Numero, kind: "acordo_descumprido"}, c.toParties()...)
	}
	if c.state.Process.Classification == "" {
		if err := c.writeClassification(ctx, ClassifiedAttended, c.state.Process.Subject, "sistema"); err != nil {
			return false, err
		}
		if err := c.record(ctx, EventClassified, "sistema", "classificacao", activities.EventData{
			Classificacao: ClassifiedAttended, Assunto: c.state.Process.Subject, Fonte: srcAttendedClassified}); err != nil {
			return false, err
		}
	}
	return true, c.end(StatusArchived, EventAgreementFulfilled, srcAgreementFulfilled,
		"acordo cumprido: a data de cumprimento ("+due.FormatBR()+") passou sem descumprimento informado pelo consumidor (itens 5.10 e 5.11)")
}

// dayBefore is 9 o'clock, agency time, of the day before t: when the reminder goes.
func dayBefore(t time.Time) time.Time {
	t = t.In(prazo.AgencyZone)
	return time.Date(t.Year(), t.Month(), t.Day()-1, 9, 0, 0, 0, prazo.AgencyZone)
}

// hearingLetter is a hearing's notification or reminder (its act and template).
func hearingLetter(h *Hearing, act, kind string) letter {
	return letter{act: act, kind: kind, data: activities.MailData{
		DataHora: h.At.In(prazo.AgencyZone).Format("02/01/2006 às 15h04"), Metodo: activities.MethodWords[h.Method], Local: h.Place}}
}
