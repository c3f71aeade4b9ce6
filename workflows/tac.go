package workflows

import (
	"strconv"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// The Termo de Ajustamento de Conduta (004 §12): for a process from an inspection, with
// a primary offender that is a micro or small company and a report of small quantity,
// the Diretoria Jurídica may offer a TAC instead of the fine; once signed the process is
// suspended until its terms' deadline and archived when staff verify them; a breach
// resumes it.

// Case statuses of the TAC.
const (
	// StatusTACSummoned: the supplier is called to sign the TAC (004 §12.5).
	StatusTACSummoned = "tac_convocado"
	// StatusTACInForce: the TAC was signed; the process is suspended until its terms'
	// deadline and their verification (004 §12.8).
	StatusTACInForce = "tac_em_cumprimento"
)

// Timeline events of the TAC.
const (
	EventTACRefused           = "tac_incabivel"
	EventTACSummoned          = "tac_convocacao"
	EventTACNotSigned         = "tac_nao_assinado"
	EventTACSigned            = "tac_assinado"
	EventTACVerificationDue   = "tac_verificacao_pendente"
	EventTACBreached          = "tac_descumprido"
	EventArchivedTACFulfilled = "arquivado_tac_cumprido"
)

// tacState is the state of the Termo de Ajustamento de Conduta (004 §12).
type tacState struct {
	// offered: a TAC was offered (once per process); offer, signed, notSigned and
	// verified are its steps.
	offered, notSigned bool
	offer              *TACOffer
	offerBy            string
	signed             *TACSigned
	signedBy           string
	verified           *TACVerified
	verifiedBy         string
}

// TACOffer offers the TAC and calls the supplier to sign it at data_hora and local;
// microempresa and pequena_quantidade attest §12.3 III–IV (the system checks §12.3 I–II).
type TACOffer struct {
	Micro         *bool     `json:"microempresa,omitempty" rotulo:"que o fornecedor é microempreendedor ou empresa de pequeno porte (item 12.3, III)" obrigatorio:"sim"`
	SmallQuantity *bool     `json:"pequena_quantidade,omitempty" rotulo:"o parecer da fiscalização sobre a pequena quantidade de produtos (item 12.3, IV)" obrigatorio:"sim"`
	At            time.Time `json:"data_hora,omitzero" rotulo:"data e hora futuras da assinatura" obrigatorio:"sim"`
	Place         string    `json:"local" rotulo:"o local da assinatura" obrigatorio:"sim"`
}

// TACSigned records the TAC signed, with its terms and their deadline (004 §12.5, §12.8).
type TACSigned struct {
	Terms          string     `json:"termos" rotulo:"os termos do TAC (item 12.7)" obrigatorio:"sim"`
	ComplianceDate prazo.Date `json:"data_cumprimento,omitzero" rotulo:"o prazo das obrigações (AAAA-MM-DD)" obrigatorio:"sim"`
}

// TACNotSigned records that the supplier did not sign; the process resumes.
type TACNotSigned struct{}

// TACVerified records the verification of the terms: resolvido true (fulfilled,
// archived, §12.8) or false (breached: the process resumes, §12.6).
type TACVerified struct {
	Resolved *bool  `json:"resolvido,omitempty" rotulo:"se os termos foram cumpridos" obrigatorio:"sim"`
	Reason   string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// openTACOffer: a process from an inspection, in the judgment queue, never offered.
func (c *complaint) openTACOffer(ctx workflow.Context) error {
	if err := c.openProcess(ctx); err != nil {
		return err
	}
	switch {
	case c.state.Process.Origin != OriginInspection:
		return notAllowed("O TAC cabe a processo decorrente de autuação da fiscalização (item 12.3, I).")
	case c.tac.offered:
		return notAllowed("O TAC já foi proposto neste processo.")
	case !c.inJudgmentQueue():
		return notAllowed("O TAC se propõe com o processo na fila de julgamento da Diretoria Jurídica (item 12.5).")
	}
	return nil
}

// checkTACOffer: both criteria attested, a future date and a place.
func checkTACOffer(_ *complaint, ctx workflow.Context, b *TACOffer) error {
	switch {
	case !*b.Micro:
		return invalidDecision("Ateste que o fornecedor é microempreendedor ou empresa de pequeno porte (microempresa; item 12.3, III).")
	case !*b.SmallQuantity:
		return invalidDecision("Ateste o parecer da fiscalização sobre a pequena quantidade de produtos (pequena_quantidade; item 12.3, IV).")
	case !b.At.After(workflow.Now(ctx)):
		return invalidDecision("Informe data e hora futuras (data_hora) e o local da assinatura do TAC (item 12.5).")
	}
	return nil
}

// applyTACOffer offers it; the main flow checks the primary offender and summons.
func applyTACOffer(c *complaint, _ workflow.Context, d Decision, b *TACOffer) error {
	c.tac.offered, c.tac.offer, c.tac.offerBy = true, b, d.By
	return nil
}

// openTACSignature: the supplier is summoned to sign.
func (c *complaint) openTACSignature(workflow.Context) error {
	return c.requireStatus("Não há TAC aguardando assinatura neste processo.", StatusTACSummoned)
}

// checkTACSigned: the terms' deadline after today.
func checkTACSigned(_ *complaint, ctx workflow.Context, b *TACSigned) error {
	if !b.ComplianceDate.Valid() || !b.ComplianceDate.After(prazo.CivilDate(workflow.Now(ctx))) {
		return invalidDecision("Informe o prazo das obrigações do TAC, posterior a hoje (data_cumprimento).")
	}
	return nil
}

// applyTACSigned suspends the process until the terms' deadline (the main flow does).
func applyTACSigned(c *complaint, _ workflow.Context, d Decision, b *TACSigned) error {
	c.tac.signed, c.tac.signedBy = b, d.By
	return nil
}

// applyTACNotSigned resumes the process (the main flow does).
func applyTACNotSigned(c *complaint, _ workflow.Context, _ Decision, _ *TACNotSigned) error {
	c.tac.notSigned = true
	return nil
}

// openTACVerification: a TAC in force, not verified yet.
func (c *complaint) openTACVerification(workflow.Context) error {
	if c.state.Status != StatusTACInForce || c.tac.verified != nil {
		return notAllowed("Não há TAC em cumprimento a verificar neste processo.")
	}
	return nil
}

// applyTACVerified archives or resumes (the main flow does).
func applyTACVerified(c *complaint, _ workflow.Context, d Decision, b *TACVerified) error {
	c.tac.verified, c.tac.verifiedBy = b, d.By
	return nil
}

// runTAC runs an offered TAC (004 §12): the system checks the supplier is a primary
// offender (§12.3 II); the supplier is called to sign (§12.5); signed, the process is
// suspended until its terms' deadline and archived once staff verify them (§12.8); not
// signed, or breached, the process returns to the queue. It reports whether the case
// ended.
func (c *complaint) runTAC(ctx workflow.Context) (bool, error) {
	offer := c.tac.offer
	var docs []string
	for _, n := range c.state.Process.Notices {
		docs = append(docs, n.SupplierDoc)
	}
	var primary bool
	if err := workflow.ExecuteActivity(ctx, c.acts.PrimaryOffender, activities.PrimaryOffenderRequest{NA: c.in.NA, Suppliers: docs}).
		Get(ctx, &primary); err != nil {
		return false, err
	}
	if !primary {
		return false, c.record(ctx, EventTACRefused, "sistema", "tac-incabivel", activities.EventData{
			Motivo: "o fornecedor não é infrator primário: há decisão procedente contra ele em outro processo (item 12.3, II)",
			Fonte:  srcTACRefused, Alerta: RoleDiretorJuridico})
	}
	if err := c.setStatus(ctx, StatusTACSummoned); err != nil {
		return false, err
	}
	when := offer.At.In(prazo.AgencyZone).Format("02/01/2006 às 15h04")
	if err := notify(ctx, c.in.NA, letter{act: "tac-convocacao", kind: "tac_convocacao",
		data: activities.MailData{DataHora: when, Local: offer.Place}}, c.toParties()...); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventTACSummoned, c.tac.offerBy, "tac-convocacao", activities.EventData{
		DataHora: offer.At.Format(time.RFC3339), Local: offer.Place, Fonte: srcTACSummoned}); err != nil {
		return false, err
	}
	if err := workflow.Await(ctx, func() bool { return c.tac.signed != nil || c.tac.notSigned || c.interrupted() }); err != nil {
		return false, err
	}
	switch {
	case c.interrupted():
		return true, c.stop()
	case c.tac.signed == nil:
		return false, c.record(ctx, EventTACNotSigned, "sistema", "tac-nao-assinado", activities.EventData{Fonte: srcTACNotSigned})
	}
	signed := c.tac.signed
	due := signed.ComplianceDate
	c.fixed = &deadline{result: activities.Deadline{
		Result:   prazo.Result{Name: "Cumprimento do TAC", Due: due, Source: srcTACVerification},
		Sentence: "Cumprimento das obrigações do TAC até " + due.FormatBR() + " (item 12.8).",
	}}
	defer func() { c.fixed = nil }()
	if err := c.setStatus(ctx, StatusTACInForce); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventTACSigned, c.tac.signedBy, "tac-assinado", activities.EventData{
		Termos: signed.Terms, DataCumprimento: due.String(), Fonte: srcTACSigned}); err != nil {
		return false, err
	}
	verified, err := workflow.AwaitWithTimeout(ctx, c.fixed.lapsesAt().Sub(workflow.Now(ctx)), func() bool {
		return c.tac.verified != nil || c.interrupted()
	})
	if err != nil {
		return false, err
	}
	if !verified {
		if err := c.record(ctx, EventTACVerificationDue, "sistema", "tac-verificacao/"+strconv.Itoa(due.Year), activities.EventData{
			DataCumprimento: due.String(), Alerta: RoleDiretorJuridico, Fonte: srcTACVerification}); err != nil {
			return false, err
		}
		if err := workflow.Await(ctx, func() bool { return c.tac.verified != nil || c.interrupted() }); err != nil {
			return false, err
		}
	}
	if c.interrupted() {
		return true, c.stop()
	}
	if *c.tac.verified.Resolved {
		return true, c.end(StatusArchived, EventArchivedTACFulfilled, srcTACVerification,
			"as obrigações do Termo de Ajustamento de Conduta foram cumpridas: "+c.tac.verified.Reason)
	}
	return false, c.record(ctx, EventTACBreached, c.tac.verifiedBy, "tac-descumprido", activities.EventData{
		Motivo: c.tac.verified.Reason, Fonte: srcTACBreached})
}
