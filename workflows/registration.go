package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// registrationState is the state of the registration and identification phases.
type registrationState struct {
	// body is the body of the staff decision that registered the atendimento
	// (registration_decisions.go): registration is that decision.
	body any
	// manifested is set by any petition of the consumer from the address on record
	// (004 Annex IX V).
	manifested bool
}

// register runs the registration deadline: the Gerência de Atendimento registers the
// atendimento within 20 dias corridos of its receipt (004 §3.3.1.6). A lapse is
// escalated (an event and a flag the gerente's queue shows); the case keeps its place
// in the queue, and goes on to the identification.
func (c *complaint) register(ctx workflow.Context) (phase, error) {
	d, lapsed, err := c.runDeadline(ctx, prazo.IntakeRegistration.Request(prazo.CivilDate(c.in.ReceivedAt)),
		func() bool { return c.reg.body != nil || c.closing() })
	if err != nil || !lapsed {
		return phaseIdentification, err
	}
	c.state.RegistrationOverdue = true
	return phaseIdentification, c.record(ctx, EventRegistrationOverdue, "sistema", "registro-em-atraso", activities.EventData{
		Vencimento: d.result.Due.String(), Regra: d.result.Sentence, Fonte: d.result.Source,
		Alerta: "gerente_atendimento"})
}

// identify waits for the consumer's manifestation (004 Annex IX V–VI): the confirmation
// asked in the receipt, or any petition from the address on record. A refusal cancels
// the atendimento; no manifestation within 120 days of the form archives it.
func (c *complaint) identify(ctx workflow.Context) (phase, error) {
	if !c.reg.manifested && !c.closing() {
		_, lapsed, err := c.runDeadline(ctx, prazo.NoManifestationArchive.Request(prazo.CivilDate(c.in.ReceivedAt)),
			func() bool { return c.reg.manifested || c.closing() || c.reg.body != nil })
		if err != nil {
			return 0, err
		}
		if lapsed {
			return phaseClosed, c.end(StatusArchived, EventArchivedNoManifestation, srcNoManifestation,
				"não houve manifestação do consumidor em 120 dias a partir do envio do formulário (Anexo IX, item V)")
		}
	}
	if c.closing() {
		return phaseClosed, c.closeOnRequest()
	}
	return phasePreliminary, nil
}
