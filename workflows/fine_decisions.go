package workflows

import (
	"github.com/shopspring/decimal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/internal/prazo"
)

// The decisions taken on a fine (004 §10–§11, §15). Staff take them on the case; the
// Complaint forwards them to the fine's workflow, whose Update validator checks them.

// fineDecisionTable declares every decision taken on a fine.
var fineDecisionTable = []decisionKind[*fine]{
	declare("recurso", "Registrar recurso recebido por outro meio", "004 §10.1, §10.2", caseStaff,
		(*fine).openAppeal, checkAppeal, applyAppeal),
	declare("renuncia", "Registrar renúncia ao recurso (Anexo XI)", "004 §15.2, §15.3, §15.6", caseStaff,
		(*fine).openWaiver, checkWaiver, applyWaiver),
	declare("segunda_instancia", "Decidir o recurso em segunda instância", "004 §10.3, §10.4", []string{RoleDiretorPresidente},
		(*fine).openSecondInstance, nil, applySecondInstance),
	declare("entrega_decisao", "Registrar a entrega da decisão em mãos ou por carta", "004 §8.18; §4.2.1, II–III", caseStaff,
		(*fine).openDecisionDelivery, checkDecisionDelivered, applyDecisionDelivered),
	declare("ordem_judicial", "Registrar ordem judicial sobre a multa", "004 §11.2, §11.3",
		[]string{RoleDiretorJuridico, RoleFinanceiro, RoleAdmin},
		(*fine).openCourtOrder, checkCourtOrder, applyCourtOrder),
	declare("parcelamento", "Deferir o parcelamento (Anexo XIII)", "004 §15.7–15.13", caseStaff,
		(*fine).openInstallments, checkGrantInstallments, applyGrantInstallments),
}

// RoleAdmin is the administrator's role, which may record court orders.
const RoleAdmin = "admin"

// Appeal records an appeal that came by other means than e-mail, with the day it was
// filed; after the window it is refused (004 §10.1).
type Appeal struct {
	ReceivedOn prazo.Date `json:"recebida_em,omitzero" rotulo:"a data do recurso (hoje, se vazia)"`
}

// Waiver records the waiver of appeal, Annex XI (004 §15.2–15.3, §15.6).
type Waiver struct {
	ReceivedOn prazo.Date `json:"recebida_em,omitzero" rotulo:"a data da renúncia (hoje, se vazia)"`
}

// SecondInstance is the Diretor Presidente's decision on the appeal: arquivar, or manter
// the fine (004 §10.3).
type SecondInstance struct {
	Outcome string `json:"resultado" rotulo:"a decisão" obrigatorio:"sim" valores:"manter|arquivar"`
	Reason  string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// DecisionDelivered records that the decision reached a supplier without an address by
// registered letter or by hand on the day given; its windows run from that day.
type DecisionDelivered struct {
	Means      string     `json:"meio" rotulo:"o meio de entrega" obrigatorio:"sim" valores:"pessoal|carta_registrada"`
	ReceivedOn prazo.Date `json:"recebida_em,omitzero" rotulo:"a data de recebimento (AAAA-MM-DD)" obrigatorio:"sim"`
}

// CourtOrder is a court order on the fine (004 §11.2–11.3): suspender (collection
// paused), retomar (the suspension lifted: the deadlines resume with the days left),
// cancelar, or reduzir to multa_vrte; motivo names the order.
type CourtOrder struct {
	Outcome  string          `json:"resultado" rotulo:"a ordem" obrigatorio:"sim" valores:"suspender|retomar|cancelar|reduzir"`
	FineVRTE decimal.Decimal `json:"multa_vrte,omitzero" rotulo:"o valor reduzido em VRTE (para reduzir)"`
	Reason   string          `json:"motivo" rotulo:"a ordem judicial (juízo, número do processo)" obrigatorio:"sim"`
}

// GrantInstallments grants the supplier's request (Annex XIII) for a plan of parcelas
// monthly installments (004 §15.8).
type GrantInstallments struct {
	Installments int `json:"parcelas" rotulo:"o número de parcelas mensais (2 a 30)" obrigatorio:"sim"`
}

// validateDecision is the fine's Update validator.
func (f *fine) validateDecision(ctx workflow.Context, d Decision) error {
	k, ok := find(fineDecisionTable, d.Kind)
	if !ok {
		return invalidDecision("Decisão desconhecida para a multa: use " + listWords(fineKinds()) + ".")
	}
	return k.validate(f, ctx, d)
}

// decide applies an accepted decision on the fine; the main flow acts on it.
func (f *fine) decide(ctx workflow.Context, d Decision) (FineState, error) {
	k, _ := find(fineDecisionTable, d.Kind)
	body, err := DecodeDecisionBody(d.Kind, d.Body)
	if err != nil {
		return f.state, err
	}
	return f.state, k.apply(f, ctx, d, body)
}

// listDecisions answers QueryDecisions on the fine.
func (f *fine) listDecisions(ctx workflow.Context, role string) (DecisionMenu, error) {
	menu := DecisionMenu{Options: []DecisionOption{}}
	if f.state.Outcome == "" {
		menu.Options = append(menu.Options, options(fineDecisionTable, f, ctx, role)...)
	}
	return menu, nil
}

// fineKinds lists the wire names of the fine's kinds.
func fineKinds() []string {
	var out []string
	for _, k := range fineDecisionTable {
		out = append(out, k.name)
	}
	return out
}

// filedOn is the day a decision says something was filed; today when it says none.
func filedOn(ctx workflow.Context, on prazo.Date) prazo.Date {
	if !on.Valid() {
		return prazo.CivilDate(workflow.Now(ctx))
	}
	return on
}

// openAppeal: in the appeal window, before any other step.
func (f *fine) openAppeal(workflow.Context) error {
	if f.state.Status != StatusFineNotified || !f.appealedOn.IsZero() || !f.waivedOn.IsZero() {
		return notAllowed("Não cabe recurso: a multa não está no prazo de recurso (item 10.1).")
	}
	return nil
}

// checkAppeal: filed on a day not in the future, within the 10 business days.
func checkAppeal(f *fine, ctx workflow.Context, b *Appeal) error {
	on := filedOn(ctx, b.ReceivedOn)
	switch {
	case on.After(prazo.CivilDate(workflow.Now(ctx))):
		return invalidDecision("A data do recurso não pode ser futura.")
	case on.After(f.state.AppealDue):
		return notAllowed("Recurso fora do prazo: os 10 dias úteis da notificação terminaram em " + f.state.AppealDue.FormatBR() + " (itens 10.1 e 13.2).")
	}
	return nil
}

// applyAppeal suspends the fine (the main flow does).
func applyAppeal(f *fine, ctx workflow.Context, _ Decision, b *Appeal) error {
	f.appealedOn = filedOn(ctx, b.ReceivedOn)
	return nil
}

// openWaiver: in the appeal window or with an appeal pending, not waived yet.
func (f *fine) openWaiver(workflow.Context) error {
	if !f.waivedOn.IsZero() || f.state.Status != StatusFineNotified && f.state.Status != StatusFineAppealed {
		return notAllowed("A renúncia com redução de 25% cabe no prazo de recurso ou com recurso pendente (itens 15.2 e 15.6).")
	}
	return nil
}

// checkWaiver: filed on a day not in the future on which it counts.
func checkWaiver(f *fine, ctx workflow.Context, b *Waiver) error {
	on := filedOn(ctx, b.ReceivedOn)
	if on.After(prazo.CivilDate(workflow.Now(ctx))) || !f.canWaive(on) {
		return notAllowed("A renúncia com redução de 25% cabe no prazo de recurso ou com recurso pendente (itens 15.2 e 15.6).")
	}
	return nil
}

// applyWaiver reduces the fine (the main flow does).
func applyWaiver(f *fine, ctx workflow.Context, _ Decision, b *Waiver) error {
	f.waivedOn = filedOn(ctx, b.ReceivedOn)
	return nil
}

// openSecondInstance: an appeal awaits its decision.
func (f *fine) openSecondInstance(workflow.Context) error {
	if f.state.Status != StatusFineAppealed || f.secondInstance != nil {
		return notAllowed("Não há recurso pendente de decisão nesta multa.")
	}
	return nil
}

// applySecondInstance archives or maintains (the main flow does).
func applySecondInstance(f *fine, _ workflow.Context, d Decision, b *SecondInstance) error {
	f.secondInstance, f.secondInstanceBy = b, d.By
	return nil
}

// openDecisionDelivery: the decision awaits delivery by letter or by hand.
func (f *fine) openDecisionDelivery(workflow.Context) error {
	if f.state.Status != StatusFineAwaitingDelivery || f.delivered.Valid() {
		return notAllowed("A decisão não aguarda entrega por carta ou pessoalmente.")
	}
	return nil
}

// checkDecisionDelivered: received on a day not in the future.
func checkDecisionDelivered(_ *fine, ctx workflow.Context, b *DecisionDelivered) error {
	if b.ReceivedOn.After(prazo.CivilDate(workflow.Now(ctx))) {
		return invalidDecision("Informe a data de recebimento (recebida_em, AAAA-MM-DD), não futura.")
	}
	return nil
}

// applyDecisionDelivered starts the windows from the receipt (the main flow does).
func applyDecisionDelivered(f *fine, _ workflow.Context, _ Decision, b *DecisionDelivered) error {
	f.delivered = b.ReceivedOn
	return nil
}

// openCourtOrder: the fine is still collected.
func (f *fine) openCourtOrder(workflow.Context) error {
	if f.state.Outcome != "" || f.cancelled {
		return notAllowed("A multa já foi encerrada: registre a ordem judicial na inscrição em Dívida Ativa.")
	}
	return nil
}

// checkCourtOrder checks the order against the fine's state (004 §11.2–11.3).
func checkCourtOrder(f *fine, _ workflow.Context, b *CourtOrder) error {
	switch {
	case b.Outcome == CourtSuspend && !f.suspendedOn.IsZero():
		return notAllowed("A multa já está suspensa por ordem judicial.")
	case b.Outcome == CourtResume && f.suspendedOn.IsZero():
		return notAllowed("A multa não está suspensa.")
	case b.Outcome == CourtReduce && (!b.FineVRTE.IsPositive() || !b.FineVRTE.LessThan(f.state.VRTE)):
		return invalidDecision("Informe em multa_vrte o valor reduzido, menor que o atual (" + f.state.VRTE.String() + " VRTE).")
	}
	return nil
}

// applyCourtOrder suspends, resumes, cancels or reduces (the main flow acts on it).
func applyCourtOrder(f *fine, ctx workflow.Context, d Decision, b *CourtOrder) error {
	f.lastOrder = d.By + ": " + b.Reason
	switch b.Outcome {
	case CourtSuspend:
		f.suspendedOn = prazo.CivilDate(workflow.Now(ctx))
	case CourtResume:
		f.suspendedOn = prazo.Date{}
	case CourtCancel:
		f.cancelled = true
	case CourtReduce:
		f.reducedTo = b.FineVRTE
	}
	return nil
}

// openInstallments: in the appeal window (the request confesses the debt, §15.8) or a
// final fine being collected, never with the waiver's reduction nor after a plan.
func (f *fine) openInstallments(workflow.Context) error {
	switch {
	case f.planned > 0:
		return notAllowed("Esta multa já foi parcelada; rompido o parcelamento, não se defere outro (item 15.13).")
	case !(f.state.Status == StatusFineNotified && f.appealedOn.IsZero() && f.waivedOn.IsZero()) && !(f.state.Final && f.state.Status == StatusFineDue):
		return notAllowed("O parcelamento cabe à multa no prazo de recurso, sem recurso nem renúncia, ou à multa definitiva em cobrança; " +
			"não se soma à redução da renúncia (itens 15.7, 15.8 e 15.12).")
	}
	return nil
}

// checkGrantInstallments checks the number of installments.
func checkGrantInstallments(f *fine, _ workflow.Context, b *GrantInstallments) error {
	return f.checkInstallmentCount(b.Installments)
}

// applyGrantInstallments grants the plan (the main flow starts it).
func applyGrantInstallments(f *fine, _ workflow.Context, _ Decision, b *GrantInstallments) error {
	f.planned = b.Installments
	return nil
}

// checkInstallments checks a request for n installments by e-mail (Annex XIII, 004
// §15.7–15.13) with the same rules as the staff's parcelamento: openInstallments, then
// the count.
func (f *fine) checkInstallments(ctx workflow.Context, n int) error {
	if err := f.openInstallments(ctx); err != nil {
		return err
	}
	return f.checkInstallmentCount(n)
}

// checkInstallmentCount: 2 to 30 installments of at least 200 VRTE each (004 §15.7).
func (f *fine) checkInstallmentCount(n int) error {
	switch {
	case n < 2 || n > prazo.MaxInstallments:
		return invalidDecision("Informe de 2 a 30 parcelas mensais (parcelas; item 15.7).")
	case f.state.VRTE.Div(decimal.NewFromInt(int64(n))).LessThan(MinInstallmentVRTE):
		return invalidDecision("Cada parcela deve ter ao menos 200 VRTE: esta multa de " + f.state.VRTE.String() +
			" VRTE admite no máximo " + f.state.VRTE.Div(MinInstallmentVRTE).Floor().String() + " parcelas (item 15.7).")
	}
	return nil
}
