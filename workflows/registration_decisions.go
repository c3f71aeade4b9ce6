package workflows

import (
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// The decisions that register the atendimento (004 §3.3.1.6, §4.1): the first staff
// decision on a case, which the preliminary phase then acts on.

// SendCIP registers the atendimento and sends a CIP to each supplier (004 §4.1, §4.2.1).
type SendCIP struct{}

// PhoneContact records a phone contact tried with the supplier: resolved, the case is
// archived; not resolved, the CIPs go out (product §3).
type PhoneContact struct {
	Resolved *bool `json:"resolvido" rotulo:"o resultado do contato telefônico (verdadeiro: resolvido)" obrigatorio:"sim"`
}

// DirectComplaint registers the atendimento as a reclamação and opens the processo
// administrativo at once, without a CIP (004 §7.2 I).
type DirectComplaint struct{}

// Incompetence declares the agency incompetent: not a consumer relation; the case is
// archived and the consumer told why (004 §4.3.8).
type Incompetence struct {
	Reason string `json:"motivo" rotulo:"o motivo da incompetência" obrigatorio:"sim"`
}

// Cancel cancels the atendimento for missing documents, with their list (004 §3.3.1.5).
type Cancel struct {
	MissingDocuments []string `json:"documentos_faltantes" rotulo:"a lista de documentos faltantes" obrigatorio:"sim"`
}

// maxMissingDocuments bounds the list of a cancellation: more is a mistake, not a list.
const maxMissingDocuments = 20

// openRegistration: the atendimento awaits its registration decision.
func (c *complaint) openRegistration(workflow.Context) error {
	if c.reg.body != nil || c.state.Status != StatusAwaitingRegistration {
		return notAllowed("O atendimento já foi registrado: a decisão de registro já foi tomada.")
	}
	return nil
}

// openConfirmedRegistration: the atendimento awaits its registration, and the consumer
// confirmed the request: no CIP goes out in their name before (004 Annex IX VI).
func (c *complaint) openConfirmedRegistration(ctx workflow.Context) error {
	if err := c.openRegistration(ctx); err != nil {
		return err
	}
	if c.state.Identification != IdentificationConfirmed {
		return temporal.NewApplicationError("O consumidor ainda não confirmou o pedido (identificação positiva, Anexo IX, VI): "+
			"nenhuma CIP sai em seu nome antes disso.", ErrIdentificationPending)
	}
	return nil
}

// checkCancel bounds the list of missing documents.
func checkCancel(_ *complaint, _ workflow.Context, b *Cancel) error {
	if len(b.MissingDocuments) > maxMissingDocuments {
		return invalidDecision("Lista de documentos faltantes longa demais.")
	}
	return nil
}

// applyRegistration makes the decision the case's registration; the preliminary phase
// acts on it.
func applyRegistration[B any](c *complaint, _ workflow.Context, _ Decision, b *B) error {
	c.reg.body = b
	return nil
}
