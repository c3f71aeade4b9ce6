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

// Decision kinds of the TAC (role diretor_juridico).
const (
	// DecisionTACOffer: offer the TAC and call the supplier to sign it at data_hora and
	// local; microempresa and pequena_quantidade attest §12.3 III–IV (the system checks
	// §12.3 I–II).
	DecisionTACOffer = "propor_tac"
	// DecisionTACSigned: the TAC was signed, with its termos and the deadline of its terms
	// (data_cumprimento) (004 §12.5, §12.8).
	DecisionTACSigned = "tac_assinado"
	// DecisionTACNotSigned: the supplier did not sign; the process resumes.
	DecisionTACNotSigned = "tac_nao_assinado"
	// DecisionTACVerified: staff verified the terms: resolvido true (fulfilled, archived,
	// §12.8) or false (breached: the process resumes, §12.6).
	DecisionTACVerified = "tac_verificado"
)

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
	offered, notSigned      bool
	offer, signed, verified *Decision
}

// validateTAC checks the decisions of the TAC.
func (c *complaint) validateTAC(ctx workflow.Context, d Decision) error {
	p, status := c.state.Process, c.state.Status
	if d.Role != RoleDiretorJuridico {
		return notAllowed("O Termo de Ajustamento de Conduta cabe à Diretoria Jurídica (item 12.5).")
	}
	if p == nil {
		return notAllowed("O processo administrativo ainda não foi instaurado neste caso.")
	}
	switch d.Kind {
	case DecisionTACOffer:
		switch {
		case p.Origin != OriginInspection:
			return notAllowed("O TAC cabe a processo decorrente de autuação da fiscalização (item 12.3, I).")
		case c.tac.offered:
			return notAllowed("O TAC já foi proposto neste processo.")
		case status != StatusAwaitingJudgment && status != StatusAwaitingReasonedDecision:
			return notAllowed("O TAC se propõe com o processo na fila de julgamento da Diretoria Jurídica (item 12.5).")
		case d.Micro == nil || !*d.Micro:
			return invalidDecision("Ateste que o fornecedor é microempreendedor ou empresa de pequeno porte (microempresa; item 12.3, III).")
		case d.SmallQuantity == nil || !*d.SmallQuantity:
			return invalidDecision("Ateste o parecer da fiscalização sobre a pequena quantidade de produtos (pequena_quantidade; item 12.3, IV).")
		case !d.At.After(workflow.Now(ctx)) || d.Place == "":
			return invalidDecision("Informe data e hora futuras (data_hora) e o local da assinatura do TAC (item 12.5).")
		}
	case DecisionTACSigned:
		switch {
		case status != StatusTACSummoned:
			return notAllowed("Não há TAC aguardando assinatura neste processo.")
		case d.Terms == "":
			return invalidDecision("Informe os termos do TAC (termos; item 12.7).")
		case !d.ComplianceDate.Valid() || !d.ComplianceDate.After(prazo.CivilDate(workflow.Now(ctx))):
			return invalidDecision("Informe o prazo das obrigações do TAC, posterior a hoje (data_cumprimento).")
		}
	case DecisionTACNotSigned:
		if status != StatusTACSummoned {
			return notAllowed("Não há TAC aguardando assinatura neste processo.")
		}
	case DecisionTACVerified:
		switch {
		case status != StatusTACInForce || c.tac.verified != nil:
			return notAllowed("Não há TAC em cumprimento a verificar neste processo.")
		case d.Resolved == nil || d.Reason == "":
			return invalidDecision("Informe resolvido (verdadeiro: termos cumpridos; falso: descumpridos) e o motivo.")
		}
	}
	return nil
}

// applyTAC applies an accepted decision of the TAC; the main flow acts on it.
func (c *complaint) applyTAC(d Decision) {
	switch d.Kind {
	case DecisionTACOffer:
		c.tac.offered, c.tac.offer = true, &d
	case DecisionTACSigned:
		c.tac.signed = &d
	case DecisionTACNotSigned:
		c.tac.notSigned = true
	case DecisionTACVerified:
		c.tac.verified = &d
	}
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
		return false, c.record(ctx, EventTACRefused, "sistema", "tac-incabivel", map[string]any{
			"motivo": "o fornecedor não é infrator primário: há decisão procedente contra ele em outro processo (item 12.3, II)",
			"fonte":  "004 §12.3, II", "alerta": RoleDiretorJuridico})
	}
	if err := c.setStatus(ctx, StatusTACSummoned); err != nil {
		return false, err
	}
	when := offer.At.In(prazo.AgencyZone).Format("02/01/2006 às 15h04")
	if err := c.tellParties(ctx, "tac-convocacao", "tac_convocacao", func(name string) map[string]any {
		return map[string]any{"Destinatario": name, "DataHora": when, "Local": offer.Place}
	}); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventTACSummoned, offer.By, "tac-convocacao", map[string]any{
		"data_hora": offer.At.Format(time.RFC3339), "local": offer.Place, "fonte": "004 §12.3, §12.5"}); err != nil {
		return false, err
	}
	if err := workflow.Await(ctx, func() bool { return c.tac.signed != nil || c.tac.notSigned || c.interrupted() }); err != nil {
		return false, err
	}
	switch {
	case c.interrupted():
		return true, c.stop()
	case c.tac.signed == nil:
		return false, c.record(ctx, EventTACNotSigned, "sistema", "tac-nao-assinado", map[string]any{"fonte": "004 §12.5"})
	}
	signed := c.tac.signed
	due := signed.ComplianceDate
	c.fixed = &deadline{result: activities.Deadline{
		Result:   prazo.Result{Name: "Cumprimento do TAC", Due: due, Source: "004 §12.8"},
		Sentence: "Cumprimento das obrigações do TAC até " + due.FormatBR() + " (item 12.8).",
	}}
	defer func() { c.fixed = nil }()
	if err := c.setStatus(ctx, StatusTACInForce); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventTACSigned, signed.By, "tac-assinado", map[string]any{
		"termos": signed.Terms, "data_cumprimento": due.String(), "fonte": "004 §12.7, §12.8"}); err != nil {
		return false, err
	}
	verified, err := workflow.AwaitWithTimeout(ctx, c.fixed.lapsesAt().Sub(workflow.Now(ctx)), func() bool {
		return c.tac.verified != nil || c.interrupted()
	})
	if err != nil {
		return false, err
	}
	if !verified {
		if err := c.record(ctx, EventTACVerificationDue, "sistema", "tac-verificacao/"+strconv.Itoa(due.Year), map[string]any{
			"data_cumprimento": due.String(), "alerta": RoleDiretorJuridico, "fonte": "004 §12.8"}); err != nil {
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
		return true, c.end(StatusArchived, EventArchivedTACFulfilled, "004 §12.8",
			"as obrigações do Termo de Ajustamento de Conduta foram cumpridas: "+c.tac.verified.Reason)
	}
	return false, c.record(ctx, EventTACBreached, c.tac.verified.By, "tac-descumprido", map[string]any{
		"motivo": c.tac.verified.Reason, "fonte": "004 §12.6"})
}
