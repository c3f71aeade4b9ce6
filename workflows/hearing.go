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
		payload := map[string]any{"numero": h.Number, "metodo": h.Method, "data_hora": h.At.Format(time.RFC3339),
			"local": h.Place, "fonte": "004 §5.3, §5.4"}
		if err := c.record(ctx, EventHearingScheduled, "sistema", "audiencia/"+strconv.Itoa(h.Number), payload); err != nil {
			return false, err
		}
		if err := c.tellParties(ctx, "audiencia/"+strconv.Itoa(h.Number), "audiencia_designada", hearingMail(h)); err != nil {
			return false, err
		}
		over := func() bool { return c.interrupted() || c.hearing.count != n || h.Outcome != "" }
		if wait := dayBefore(h.At).Sub(workflow.Now(ctx)); wait > 0 {
			woken, err := workflow.AwaitWithTimeout(ctx, wait, over)
			if err != nil {
				return false, err
			}
			if !woken {
				if err := c.tellParties(ctx, "lembrete-audiencia/"+strconv.Itoa(h.Number), "lembrete_audiencia", hearingMail(h)); err != nil {
					return false, err
				}
				if err := c.record(ctx, EventHearingReminder, "sistema", "lembrete-audiencia/"+strconv.Itoa(h.Number), map[string]any{
					"numero": h.Number, "fonte": "004 §5.4"}); err != nil {
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
	payload := map[string]any{"numero": h.Number, "resultado": h.Outcome, "termo_documento_id": h.RecordID, "fonte": "004 §5.6"}
	if h.Outcome != OutcomeAgreement {
		p.ReasonedDecision = true
		payload["fonte"] = "004 §5.6, §5.12"
		return false, c.record(ctx, EventHearingHeld, h.RecordedBy, "audiencia-resultado/"+strconv.Itoa(h.Number), payload)
	}
	payload["data_cumprimento"] = h.ComplianceDate.String()
	payload["fonte"] = "004 §5.6, §5.7"
	return c.agreement(ctx, h, payload)
}

// agreement suspends the process until the agreement's compliance date (004 §5.7). A
// breach reported by the consumer (004 §5.11) resumes the process; the date passing
// without one archives the case as fulfilled, recorded in the Cadastro as a reclamação
// fundamentada atendida unless it was classified before (004 §5.10). It reports whether
// the case ended.
func (c *complaint) agreement(ctx workflow.Context, h *Hearing, held map[string]any) (bool, error) {
	due := h.ComplianceDate
	c.fixed = &deadline{result: activities.Deadline{
		Result:   prazo.Result{Name: "Cumprimento do acordo", Due: due, Source: "004 §5.7"},
		Sentence: "Cumprimento do acordo até " + due.FormatBR() + ", data fixada no Termo de Audiência (item 5.7).",
	}}
	defer func() { c.fixed = nil }()
	if err := c.setStatus(ctx, StatusAgreement); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventHearingHeld, h.RecordedBy, "audiencia-resultado/"+strconv.Itoa(h.Number), held); err != nil {
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
		if err := c.record(ctx, EventAgreementBreached, c.hearing.breachBy, "acordo-descumprido/"+strconv.Itoa(h.Number), map[string]any{
			"numero": h.Number, "fonte": "004 §5.11",
		}); err != nil {
			return false, err
		}
		return false, c.tellParties(ctx, "acordo-descumprido/"+strconv.Itoa(h.Number), "acordo_descumprido", func(string) map[string]any {
			return map[string]any{}
		})
	}
	if c.state.Process.Classification == "" {
		if err := c.writeClassification(ctx, ClassifiedAttended, c.state.Process.Subject, "sistema"); err != nil {
			return false, err
		}
		if err := c.record(ctx, EventClassified, "sistema", "classificacao", map[string]any{
			"classificacao": ClassifiedAttended, "assunto": c.state.Process.Subject, "fonte": "004 §5.10, §6",
		}); err != nil {
			return false, err
		}
	}
	return true, c.end(StatusArchived, EventAgreementFulfilled, "004 §5.10",
		"acordo cumprido: a data de cumprimento ("+due.FormatBR()+") passou sem descumprimento informado pelo consumidor (itens 5.10 e 5.11)")
}

// dayBefore is 9 o'clock, agency time, of the day before t: when the reminder goes.
func dayBefore(t time.Time) time.Time {
	t = t.In(prazo.AgencyZone)
	return time.Date(t.Year(), t.Month(), t.Day()-1, 9, 0, 0, 0, prazo.AgencyZone)
}

// hearingMail is the data of a hearing's notification and reminder, for a recipient.
func hearingMail(h *Hearing) func(name string) map[string]any {
	return func(name string) map[string]any {
		return map[string]any{"Destinatario": name, "DataHora": h.At.In(prazo.AgencyZone).Format("02/01/2006 às 15h04"),
			"Metodo": activities.MethodWords[h.Method], "Local": h.Place}
	}
}

// tellParties e-mails the consumer and each supplier with an address, once per key and
// recipient; data gives each recipient's template data from their name.
func (c *complaint) tellParties(ctx workflow.Context, key, kind string, data func(name string) map[string]any) error {
	if err := c.tellConsumer(ctx, key+"/consumidor", kind, data(c.in.ConsumerName)); err != nil {
		return err
	}
	return mailSuppliers(ctx, c.state.Process.parties(), func(_ int, s activities.CIPParty) activities.Mail {
		return activities.Mail{Key: key + "/" + s.Doc, NA: c.in.NA, Kind: kind, Data: data(s.Name)}
	})
}
