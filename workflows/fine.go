package workflows

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/workflowid"
)

// The fine (004 §8.18–§11, §15): from the notification of the first-instance decision to
// its payment or its inscription in Dívida Ativa. It runs as a child workflow of the
// case that judged it (workflowid.Fine), so the case's history stays bounded and the
// fine's rules sit in one place; its events go to the case's timeline and row.

// Legal bounds of a fine in VRTE (004 §8.20; Lei 8.078/1990, art. 57, parágrafo único).
var (
	MinFineVRTE = decimal.NewFromInt(200)
	MaxFineVRTE = decimal.NewFromInt(3_000_000)
)

// waiverFactor is what a waiver leaves of the fine: 25 % off (004 §15.2).
var waiverFactor = decimal.RequireFromString("0.75")

// Case statuses while the fine runs.
const (
	// StatusFineNotified: the supplier may pay within 10 days or appeal within 10 business
	// days of the notification (004 §8.18, §10.1).
	StatusFineNotified = "multa_notificada"
	// StatusFineAppealed: an appeal is pending at the second instance; the fine is
	// suspended (004 §10.2).
	StatusFineAppealed = "recurso_em_analise"
	// StatusFineDue: the decision is final; the fine waits for its payment (004 §10.4–10.5).
	StatusFineDue = "multa_aguardando_pagamento"
	// StatusFineReduced: the supplier waived the appeal; the reduced fine waits for its
	// payment within 30 days of the waiver (004 §15.2).
	StatusFineReduced = "multa_reduzida_aguardando_pagamento"
	// StatusFineAwaitingDelivery: the decision goes by registered letter or by hand; its
	// windows run from the receipt staff record.
	StatusFineAwaitingDelivery = "multa_aguardando_entrega"
	// StatusFineSuspended: a court order suspended the fine; its deadlines are paused
	// (004 §11.2).
	StatusFineSuspended = "multa_suspensa_judicialmente"
	// StatusDebtInscribed: the final fine was not paid by its deadline: inscribed in
	// Dívida Ativa (004 §11.1).
	StatusDebtInscribed = "inscrito_divida_ativa"
)

// Timeline events of the fine.
const (
	EventFineNotified         = "multa_notificada"
	EventFineAwaitingDelivery = "multa_aguardando_entrega"
	EventAppealFiled          = "recurso_interposto"
	EventAppealLate           = "recurso_intempestivo"
	EventSecondInstance       = "decisao_segunda_instancia"
	EventWaiverFiled          = "renuncia_recurso"
	EventDecisionFinal        = "decisao_definitiva"
	EventPaymentRecorded      = "pagamento_registrado"
	EventComplementAsked      = "complementacao_solicitada"
	EventOverpaid             = "pagamento_a_maior"
	EventFinePaid             = "arquivado_multa_paga"
	EventArchivedOnAppeal     = "arquivado_segunda_instancia"
	EventDebtInscribed        = "inscricao_divida_ativa"
	EventCourtOrder           = "ordem_judicial"
	EventFineCancelled        = "arquivado_multa_cancelada"
	outcomeCancelled          = "cancelada_judicialmente"
	outcomePaid               = "paga"
	outcomeArchivedAppeal     = "arquivada_segunda_instancia"
	outcomeDebtInscribed      = "inscrita_divida_ativa"
	secondInstanceMaintain    = "manter"
)

// Court orders on a fine (004 §11.2–11.3).
const (
	CourtSuspend = "suspender"
	CourtResume  = "retomar"
	CourtCancel  = "cancelar"
	CourtReduce  = "reduzir"
)

// UpdatePayment is the Update by which the financeiro records a payment of the fine.
const UpdatePayment = "registrar_pagamento"

// Payment is the argument of UpdatePayment.
type Payment struct {
	Amount    decimal.Decimal `json:"valor"`
	PaidOn    prazo.Date      `json:"pago_em"`
	Reference string          `json:"referencia"`
	By        string          `json:"por"`
	Role      string          `json:"papel"`
}

// ErrInvalidPayment: a payment refused by the fine (422 at the API).
const ErrInvalidPayment = "pagamento_invalido"

// FineInput starts a fine.
type FineInput struct {
	NA        string                `json:"na"`
	Suppliers []activities.CIPParty `json:"fornecedores"`
	// VRTE is the fine in VRTE as the Diretoria Jurídica fixed it (004 §8.20).
	VRTE decimal.Decimal `json:"multa_vrte"`
	By   string          `json:"por"`
}

// FineState is what the fine's workflow knows (QueryFine).
type FineState struct {
	Status string          `json:"situacao"`
	VRTE   decimal.Decimal `json:"multa_vrte"`
	// Amount is the amount due in reais (VRTE × the VRTE value of the year); Paid what
	// was paid so far.
	Amount    decimal.Decimal `json:"valor"`
	Paid      decimal.Decimal `json:"pago"`
	Due       prazo.Date      `json:"vencimento,omitzero"`
	AppealDue prazo.Date      `json:"prazo_recurso,omitzero"`
	Reduced   bool            `json:"reduzida,omitempty"`
	Final     bool            `json:"definitiva,omitempty"`
	Outcome   string          `json:"resultado,omitempty"`
}

// QueryFine is the query that returns a FineState.
const QueryFine = "estado"

// fine holds one fine's run.
type fine struct {
	in    FineInput
	state FineState
	acts  *activities.Activities
	cal   calendarWatch
	// appealedOn, waivedOn: when the supplier appealed or waived (zero: not);
	// second is the Diretor Presidente's decision; references the payments' seen.
	appealedOn, waivedOn prazo.Date
	secondInstance       *SecondInstance
	secondInstanceBy     string
	references           []string
	// complementAsked: the letter of 004 §11.4 went out.
	complementAsked bool
	// delivered is the receipt of a decision sent by letter (entrega_decisao).
	delivered prazo.Date
	// suspendedOn is the day a court suspended the fine (zero: not suspended); cancelled,
	// a court cancelled it; reducedTo, a court reduced it to that many VRTE.
	suspendedOn prazo.Date
	cancelled   bool
	reducedTo   decimal.Decimal
	// lastOrder names who recorded the last court order, and the order.
	lastOrder string
	// planned is the plan granted (number of installments, 0: none); planning is set while
	// the plan's workflow runs, which then takes the payments.
	planned  int
	planning bool
	// payWindow and appealWindow are the notification's two windows.
	payWindow, appealWindow *deadline
}

// Fine runs a fine from its notification (004 §8.18) to its payment, its archiving at the
// second instance, or its inscription in Dívida Ativa (004 §11.1). It returns the outcome.
func Fine(ctx workflow.Context, in FineInput) (string, error) {
	ctx = withActivityOptions(ctx)
	f := &fine{in: in, state: FineState{VRTE: in.VRTE}}
	if err := f.setup(ctx); err != nil {
		return "", err
	}
	if err := f.serve(ctx); err != nil {
		return "", err
	}
	outcome, err := f.run(ctx)
	if err != nil {
		return "", err
	}
	f.state.Outcome = outcome
	return outcome, workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) })
}

func (f *fine) setup(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, QueryFine, func() (FineState, error) { return f.state, nil }); err != nil {
		return err
	}
	f.cal.child = func() string {
		if f.planning {
			return workflowid.InstallmentPlan(f.in.NA)
		}
		return ""
	}
	f.cal.listen(ctx)
	ch := workflow.GetSignalChannel(ctx, SignalPetition)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var p Petition
			ch.Receive(ctx, &p)
			f.takePetition(ctx, p)
		}
	})
	if err := workflow.SetQueryHandler(ctx, QueryDecisions, func(role string) (DecisionMenu, error) {
		return f.listDecisions(ctx, role)
	}); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdatePayment, f.pay,
		workflow.UpdateHandlerOptions{Validator: f.validatePayment}); err != nil {
		return err
	}
	return workflow.SetUpdateHandlerWithOptions(ctx, UpdateDecide, f.decide,
		workflow.UpdateHandlerOptions{Validator: f.validateDecision})
}

// serve computes the amount and both windows and e-mails the notification: pay within
// 10 days (004 §8.18) or appeal within 10 business days (004 §10.1, §13.2), counted from
// the day the supplier received it: the e-mail's day, or, for a supplier without an
// address, the receipt staff record for the letter (entrega_decisao).
func (f *fine) serve(ctx workflow.Context) error {
	today := prazo.CivilDate(workflow.Now(ctx))
	if err := f.price(ctx, f.state.VRTE); err != nil {
		return err
	}
	if f.in.Suppliers[0].Email == "" {
		if err := f.record(ctx, StatusFineAwaitingDelivery, EventFineAwaitingDelivery, "sistema", "aguardando-entrega", activities.EventData{
			Valor: f.state.Amount.StringFixed(2), Motivo: "fornecedor sem e-mail cadastrado: a decisão segue por carta registrada ou entrega pessoal",
			Fonte: srcFineByHand}, nil); err != nil {
			return err
		}
		if err := workflow.Await(ctx, func() bool { return f.delivered.Valid() }); err != nil {
			return err
		}
		today = f.delivered
	}
	pay, err := computeDeadline(ctx, prazo.FinePayment.Request(today))
	if err != nil {
		return err
	}
	appeal, err := computeDeadline(ctx, prazo.Appeal.Request(today))
	if err != nil {
		return err
	}
	f.payWindow, f.appealWindow = pay, appeal
	f.state.Due, f.state.AppealDue = pay.result.Due, appeal.result.Due
	if err := f.tellSuppliers(ctx, "multa-notificada", "multa_notificada", activities.MailData{
		Valor: activities.BRL(f.state.Amount), VRTE: f.state.VRTE.String(), Pagamento: pay.result.Sentence, Recurso: appeal.result.Sentence}); err != nil {
		return err
	}
	return f.record(ctx, StatusFineNotified, EventFineNotified, "sistema", "multa-notificada", activities.EventData{
		MultaVRTE: f.state.VRTE.String(), Valor: f.state.Amount.StringFixed(2), Vencimento: f.state.Due.String(),
		PrazoRecurso: f.state.AppealDue.String(), Fonte: srcFineNotified}, appeal)
}

// run waits out the appeal window, then the payment: it returns the fine's outcome.
func (f *fine) run(ctx workflow.Context) (string, error) {
	if _, err := f.wait(ctx, f.appealWindow, func() bool {
		return !f.appealedOn.IsZero() || !f.waivedOn.IsZero() || f.paidInFull() || f.planned > 0
	}); err != nil {
		return "", err
	}
	switch {
	case f.cancelled:
		return f.cancel(ctx)
	case f.planned > 0: // the request confesses the debt and gives up the appeal (004 §15.8)
		f.state.Final = true
		if err := f.record(ctx, "", EventDecisionFinal, "sistema", "definitiva", activities.EventData{
			Motivo: "pedido de parcelamento, com reconhecimento da infração e confissão de dívida", Fonte: srcFinalByPlanRequest}, nil); err != nil {
			return "", err
		}
		return f.installments(ctx)
	case f.paidInFull():
		return f.settle(ctx)
	case !f.waivedOn.IsZero():
		return f.reduce(ctx)
	case !f.appealedOn.IsZero():
		return f.appeal(ctx)
	}
	// No appeal in time: the first-instance decision is final (004 §10.5).
	f.state.Final = true
	if err := f.record(ctx, StatusFineDue, EventDecisionFinal, "sistema", "definitiva", activities.EventData{
		Motivo: "sem recurso no prazo de 10 dias úteis", Fonte: srcFinalNoAppeal}, nil); err != nil {
		return "", err
	}
	return f.collect(ctx, f.payWindow, StatusFineDue)
}

// appeal waits for the second instance with the fine suspended (004 §10.2): archived, or
// maintained with 30 days to pay from its notification (004 §10.3–10.4). Withdrawing the
// appeal with a waiver gets the reduction (004 §15.6).
func (f *fine) appeal(ctx workflow.Context) (string, error) {
	if err := f.record(ctx, StatusFineAppealed, EventAppealFiled, "fornecedor", "recurso", activities.EventData{
		RecebidoEm: f.appealedOn.String(), EfeitoSuspensivo: true, Fonte: srcAppealFiled}, nil); err != nil {
		return "", err
	}
	if err := workflow.Await(ctx, func() bool { return f.secondInstance != nil || !f.waivedOn.IsZero() || f.paidInFull() || f.cancelled }); err != nil {
		return "", err
	}
	switch {
	case f.cancelled:
		return f.cancel(ctx)
	case f.paidInFull():
		return f.settle(ctx)
	case !f.waivedOn.IsZero():
		return f.reduce(ctx)
	case f.secondInstance.Outcome != secondInstanceMaintain:
		if err := f.record(ctx, StatusArchived, EventArchivedOnAppeal, f.secondInstanceBy, "segunda-instancia", activities.EventData{
			Decisao: "arquivar", Motivo: f.secondInstance.Reason, Fonte: srcAppealArchived}, nil); err != nil {
			return "", err
		}
		return outcomeArchivedAppeal, f.tellSuppliers(ctx, "segunda-instancia", "segunda_instancia", activities.MailData{
			Decisao: "arquivar o processo", Motivo: f.secondInstance.Reason, Valor: "", Pagamento: ""})
	}
	f.state.Final = true
	today := prazo.CivilDate(workflow.Now(ctx))
	d, err := computeDeadline(ctx, prazo.PaymentAfterSecondInstance.Request(today))
	if err != nil {
		return "", err
	}
	if err := f.tellSuppliers(ctx, "segunda-instancia", "segunda_instancia", activities.MailData{
		Decisao: "manter a multa", Motivo: f.secondInstance.Reason, Valor: activities.BRL(f.state.Amount), Pagamento: d.result.Sentence}); err != nil {
		return "", err
	}
	if err := f.record(ctx, StatusFineDue, EventSecondInstance, f.secondInstanceBy, "segunda-instancia", activities.EventData{
		Decisao: "manter", Motivo: f.secondInstance.Reason, Vencimento: d.result.Due.String(), Fonte: srcAppealDenied}, d); err != nil {
		return "", err
	}
	return f.collect(ctx, d, StatusFineDue)
}

// reduce applies the waiver: 25 % off, never below the legal minimum (004 §15.2, §15.5),
// to be paid within 30 days of the waiver (§15.2.1). The decision is final.
func (f *fine) reduce(ctx workflow.Context) (string, error) {
	f.state.Final, f.state.Reduced = true, true
	reduced := decimal.Max(f.state.VRTE.Mul(waiverFactor), MinFineVRTE)
	if err := f.price(ctx, reduced); err != nil {
		return "", err
	}
	f.state.VRTE = reduced
	d, err := computeDeadline(ctx, prazo.PaymentAfterWaiver.Request(f.waivedOn))
	if err != nil {
		return "", err
	}
	if err := f.tellSuppliers(ctx, "renuncia", "multa_reduzida", activities.MailData{
		Valor: activities.BRL(f.state.Amount), VRTE: reduced.String(), Pagamento: d.result.Sentence}); err != nil {
		return "", err
	}
	if err := f.record(ctx, StatusFineReduced, EventWaiverFiled, "fornecedor", "renuncia", activities.EventData{
		RenunciaEm: f.waivedOn.String(), MultaVRTE: reduced.String(), Valor: f.state.Amount.StringFixed(2),
		Vencimento: d.result.Due.String(), Fonte: srcWaiver}, d); err != nil {
		return "", err
	}
	return f.collect(ctx, d, StatusFineReduced)
}

// collect waits for the payment of the final fine until d's deadline. Paid in part at
// the deadline, the supplier is asked once for the rest (004 §11.4); unpaid, the debt is
// inscribed in Dívida Ativa (004 §11.1), with nobody pressing a button.
func (f *fine) collect(ctx workflow.Context, d *deadline, status string) (string, error) {
	for {
		f.state.Due = d.result.Due
		lapsed, err := f.wait(ctx, d, func() bool { return f.paidInFull() || f.planned > 0 })
		if err != nil {
			return "", err
		}
		f.state.Due = d.result.Due
		switch {
		case f.cancelled:
			return f.cancel(ctx)
		case f.planned > 0:
			return f.installments(ctx)
		case !lapsed:
			return f.settle(ctx)
		}
		if f.state.Paid.IsZero() || f.complementAsked {
			return f.inscribe(ctx)
		}
		f.complementAsked = true
		next, err := computeDeadline(ctx, prazo.FineComplement.Request(prazo.CivilDate(workflow.Now(ctx))))
		if err != nil {
			return "", err
		}
		rest := f.state.Amount.Sub(f.state.Paid)
		if err := f.tellSuppliers(ctx, "complementacao", "complementacao_multa", activities.MailData{
			Valor: activities.BRL(f.state.Amount), Pago: activities.BRL(f.state.Paid), Saldo: activities.BRL(rest), Pagamento: next.result.Sentence}); err != nil {
			return "", err
		}
		if err := f.record(ctx, status, EventComplementAsked, "sistema", "complementacao", activities.EventData{
			Saldo: rest.StringFixed(2), Vencimento: next.result.Due.String(), Fonte: srcComplement}, next); err != nil {
			return "", err
		}
		d = next
	}
}

// settle archives a fine paid in full; paid over, the excess is recorded for refund on
// the supplier's request (004 §11.5).
func (f *fine) settle(ctx workflow.Context) (string, error) {
	if excess := f.state.Paid.Sub(f.state.Amount); excess.IsPositive() {
		if err := f.record(ctx, "", EventOverpaid, "sistema", "pagamento-a-maior", activities.EventData{
			Excedente: excess.StringFixed(2), Fonte: srcOverpaid, Alerta: RoleFinanceiro}, nil); err != nil {
			return "", err
		}
		if err := f.tellSuppliers(ctx, "pagamento-a-maior", "pagamento_a_maior", activities.MailData{Excedente: activities.BRL(excess)}); err != nil {
			return "", err
		}
	}
	return outcomePaid, f.record(ctx, StatusArchived, EventFinePaid, "sistema", "multa-paga", activities.EventData{
		Valor: f.state.Amount.StringFixed(2), Pago: f.state.Paid.StringFixed(2), Fonte: srcPayment}, nil)
}

// inscribe inscribes the unpaid balance in Dívida Ativa (004 §11.1): recorded for the
// state's debt system, the supplier and the financial department told.
func (f *fine) inscribe(ctx workflow.Context) (string, error) {
	balance := f.state.Amount.Sub(f.state.Paid)
	if err := workflow.ExecuteActivity(ctx, f.acts.InscribeDebt, activities.DebtInscription{
		NA: f.in.NA, Suppliers: f.in.Suppliers, VRTE: f.state.VRTE, Amount: f.state.Amount, Balance: balance,
		Due: f.state.Due, On: prazo.CivilDate(workflow.Now(ctx)),
	}).Get(ctx, nil); err != nil {
		return "", err
	}
	return outcomeDebtInscribed, f.record(ctx, StatusDebtInscribed, EventDebtInscribed, "sistema", "divida-ativa", activities.EventData{
		Saldo: balance.StringFixed(2), Vencimento: f.state.Due.String(), Fonte: srcDebtInscribed, Alerta: RoleFinanceiro}, nil)
}

// price sets the amount in reais of vrte VRTE at the value of this year.
func (f *fine) price(ctx workflow.Context, vrte decimal.Decimal) error {
	var amount decimal.Decimal
	if err := workflow.ExecuteActivity(ctx, f.acts.FineAmount, activities.FineAmountRequest{
		VRTE: vrte, Year: prazo.CivilDate(workflow.Now(ctx)).Year,
	}).Get(ctx, &amount); err != nil {
		return err
	}
	f.state.Amount = amount
	return nil
}

// wait runs d until it lapses or done holds, paused while a court suspends the fine
// (004 §11.2): once the suspension is lifted, the deadline resumes with the days that
// were left. It reports whether d lapsed; a cancellation stops it (not lapsed).
func (f *fine) wait(ctx workflow.Context, d *deadline, done func() bool) (bool, error) {
	for {
		if f.reducedTo.IsPositive() {
			if err := f.reduceByCourt(ctx); err != nil {
				return false, err
			}
		}
		lapsed, err := awaitDeadline(ctx, d, &f.cal, func() bool {
			return done() || f.cancelled || !f.suspendedOn.IsZero() || f.reducedTo.IsPositive()
		}, f.moved(ctx, d))
		if err != nil || lapsed || done() || f.cancelled {
			return lapsed, err
		}
		if f.suspendedOn.IsZero() {
			continue // reduced: price again, wait on
		}
		from, status := f.suspendedOn, f.state.Status
		if err := f.record(ctx, StatusFineSuspended, EventCourtOrder, f.lastOrder, "suspensao/"+from.String(), activities.EventData{
			Ordem: CourtSuspend, Inicio: from.String(), Fonte: srcCourtOrder}, nil); err != nil {
			return false, err
		}
		if err := workflow.Await(ctx, func() bool { return f.suspendedOn.IsZero() || f.cancelled }); err != nil {
			return false, err
		}
		if f.cancelled {
			return false, nil
		}
		until := prazo.CivilDate(workflow.Now(ctx))
		end := until.AddDays(-1)
		if end.Before(from) {
			end = from
		}
		d.suspend(prazo.Suspension{Start: from, End: end, Reason: "suspensão da exigibilidade por ordem judicial", Act: f.lastOrder})
		if err := f.record(ctx, status, EventCourtOrder, f.lastOrder, "retomada/"+until.String(), activities.EventData{
			Ordem: CourtResume, SuspensaDe: from.String(), SuspensaAte: end.String(), Fonte: srcCourtOrder}, nil); err != nil {
			return false, err
		}
	}
}

// reduceByCourt prices the fine again at the VRTE a court reduced it to (004 §11.3).
func (f *fine) reduceByCourt(ctx workflow.Context) error {
	vrte := f.reducedTo
	f.reducedTo = decimal.Decimal{}
	if err := f.price(ctx, vrte); err != nil {
		return err
	}
	f.state.VRTE = vrte
	return f.record(ctx, "", EventCourtOrder, f.lastOrder, "reducao/"+vrte.String(), activities.EventData{
		Ordem: CourtReduce, MultaVRTE: vrte.String(), Valor: f.state.Amount.StringFixed(2), Fonte: srcCourtReduction}, nil)
}

// cancel ends a fine a court cancelled (004 §11.2).
func (f *fine) cancel(ctx workflow.Context) (string, error) {
	return outcomeCancelled, f.record(ctx, StatusArchived, EventFineCancelled, f.lastOrder, "cancelamento", activities.EventData{
		Ordem: CourtCancel, Fonte: srcCourtOrder}, nil)
}

// noMoves is the answer to a deadline that moved where no event is due: the state shows
// the new date.
func noMoves(prazo.Date) error { return nil }

// moved records on the case that d moved from its due date from (a closure declared, a
// suspension), with the fine's status, so the case row shows the new date.
func (f *fine) moved(ctx workflow.Context, d *deadline) func(prazo.Date) error {
	return func(from prazo.Date) error {
		return f.record(ctx, f.state.Status, EventDeadlineMoved, "sistema", "prazo-alterado/"+d.result.Due.String(), activities.EventData{
			Prazo: d.result.Name, Vencimento: d.result.Due.String(), VencimentoAnterior: from.String(),
			Regra: d.result.Sentence, Fonte: d.result.Source}, d)
	}
}

// paidInFull reports whether the payments cover the amount due.
func (f *fine) paidInFull() bool {
	return !f.state.Amount.IsZero() && f.state.Paid.GreaterThanOrEqual(f.state.Amount)
}

// record writes an event of the fine on the case's timeline; a status, when given,
// becomes the case's, with d as its deadline.
func (f *fine) record(ctx workflow.Context, status, kind, actor, key string, data activities.EventData, d *deadline) error {
	if status != "" {
		f.state.Status = status
	}
	return writeEvent(ctx, activities.CaseEvent{NA: f.in.NA, Kind: kind, Actor: actor, Payload: data,
		Key: "multa/" + key, Status: status}, d)
}

// tellSuppliers e-mails the fine's letter (its act within the fine: "segunda-instancia")
// to each supplier with an address, once.
func (f *fine) tellSuppliers(ctx workflow.Context, act, kind string, data activities.MailData) error {
	return notify(ctx, f.in.NA, letter{act: "multa/" + act, kind: kind, data: data}, supplierParties(f.in.Suppliers)...)
}

// takePetition takes the supplier's petitions forwarded by the case: an appeal within its window
// (004 §10.1); a late one is answered with the reason; a waiver within the window, or
// with an appeal pending (004 §15.2, §15.6).
func (f *fine) takePetition(ctx workflow.Context, p Petition) {
	if !p.trusted() {
		return
	}
	today := p.arrivedOn(ctx)
	switch p.Kind {
	case petition.KindAppeal:
		if err := f.takeAppeal(ctx, today, "peticao/"+strconv.FormatInt(p.InboundID, 10)); err != nil {
			workflow.GetLogger(ctx).Error("appeal not taken", "inbound_id", p.InboundID, "error", err)
		}
	case petition.KindWaiver:
		if f.canWaive(today) {
			f.waivedOn = today
		}
	case petition.KindInstallment:
		if err := f.takeInstallments(ctx, p); err != nil {
			workflow.GetLogger(ctx).Error("installment request not answered", "inbound_id", p.InboundID, "error", err)
		}
	}
}

// takeAppeal takes an appeal filed on day: in time and before any other step, it suspends
// the fine; late, the suppliers are told why it is refused.
func (f *fine) takeAppeal(ctx workflow.Context, day prazo.Date, key string) error {
	switch {
	case f.state.Status == StatusFineNotified && !day.After(f.state.AppealDue) && f.appealedOn.IsZero() && f.waivedOn.IsZero():
		f.appealedOn = day
		return nil
	case f.state.Status == StatusFineNotified && day.After(f.state.AppealDue) || f.state.Final:
		reason := "o prazo de recurso, de 10 dias úteis da notificação, terminou em " + f.state.AppealDue.FormatBR() + " (itens 10.1 e 13.2)"
		if err := f.tellSuppliers(ctx, "recurso-intempestivo/"+key, "recurso_recusado", activities.MailData{Motivo: reason}); err != nil {
			return err
		}
		return f.record(ctx, "", EventAppealLate, "fornecedor", "recurso-intempestivo/"+key, activities.EventData{
			Motivo: reason, Fonte: srcAppealLate}, nil)
	}
	return nil
}

// canWaive reports whether a waiver filed on day counts: within the appeal window, or
// withdrawing a pending appeal (004 §15.2, §15.6).
func (f *fine) canWaive(day prazo.Date) bool {
	return f.waivedOn.IsZero() && (f.state.Status == StatusFineNotified && !day.After(f.state.AppealDue) || f.state.Status == StatusFineAppealed)
}

// validatePayment refuses a payment without a positive amount, a past or present day and
// a reference not seen before, or by another role than the financeiro.
func (f *fine) validatePayment(ctx workflow.Context, p Payment) error {
	for _, r := range f.references {
		if r == p.Reference {
			return temporal.NewApplicationError("Pagamento já registrado com a referência "+p.Reference+".", ErrInvalidPayment)
		}
	}
	switch {
	case p.Role != RoleFinanceiro:
		return temporal.NewApplicationError("O registro de pagamentos cabe ao financeiro.", ErrDecisionNotAllowed)
	case !p.Amount.IsPositive() || p.Amount.Exponent() < -2:
		return temporal.NewApplicationError("Valor inválido: informe um valor positivo em reais, com até 2 casas decimais.", ErrInvalidPayment)
	case !p.PaidOn.Valid() || p.PaidOn.After(prazo.CivilDate(workflow.Now(ctx))):
		return temporal.NewApplicationError("Data de pagamento inválida: informe uma data não futura (pago_em, AAAA-MM-DD).", ErrInvalidPayment)
	case p.Reference == "":
		return temporal.NewApplicationError("Informe a referência do pagamento (número do DUA ou do comprovante).", ErrInvalidPayment)
	case f.state.Outcome != "":
		return temporal.NewApplicationError("A multa já foi encerrada ("+f.state.Outcome+").", ErrDecisionNotAllowed)
	}
	return nil
}

// pay records a payment: kept in Postgres and on the timeline; the main flow settles the
// fine once it is paid in full.
func (f *fine) pay(ctx workflow.Context, p Payment) (FineState, error) {
	ctx = withActivityOptions(ctx)
	f.references = append(f.references, p.Reference)
	if err := workflow.ExecuteActivity(ctx, f.acts.RecordPayment, activities.PaymentRecord{
		NA: f.in.NA, Amount: p.Amount, PaidOn: p.PaidOn, Reference: p.Reference, By: p.By,
	}).Get(ctx, nil); err != nil {
		return f.state, err
	}
	f.state.Paid = f.state.Paid.Add(p.Amount)
	if f.planning { // the plan applies it to its installments
		if err := workflow.SignalExternalWorkflow(ctx, workflowid.InstallmentPlan(f.in.NA), "", SignalInstallmentPayment, p.Amount).Get(ctx, nil); err != nil {
			return f.state, err
		}
	}
	if err := f.record(ctx, "", EventPaymentRecorded, p.By, "pagamento/"+p.Reference, activities.EventData{
		Valor: p.Amount.StringFixed(2), PagoEm: p.PaidOn.String(), Referencia: p.Reference,
		TotalPago: f.state.Paid.StringFixed(2), Fonte: srcPayment}, nil); err != nil {
		return f.state, err
	}
	return f.state, nil
}

// installments runs the plan granted as a child workflow: paid, the fine is archived;
// broken, the whole balance, at the VRTE of this year, is inscribed in Dívida Ativa
// (004 §15.10), and no new plan is granted (§15.13).
func (f *fine) installments(ctx workflow.Context) (string, error) {
	first := prazo.CivilDate(workflow.Now(ctx)).AddMonths(1)
	if err := f.record(ctx, StatusInstallments, EventPlanGranted, "sistema", "parcelamento", activities.EventData{
		Parcelas: f.planned, PrimeiroVencimento: first.String(), Fonte: srcPlanGranted}, nil); err != nil {
		return "", err
	}
	f.planning = true
	var res PlanResult
	err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: workflowid.InstallmentPlan(f.in.NA)}),
		InstallmentPlan, PlanInput{NA: f.in.NA, Suppliers: f.in.Suppliers, Installments: SplitInstallments(f.state.VRTE, f.planned), First: first},
	).Get(ctx, &res)
	f.planning = false
	if err != nil {
		return "", err
	}
	if res.Broken == 0 {
		return outcomePaid, f.record(ctx, StatusArchived, EventPlanPaid, "sistema", "parcelamento-quitado", activities.EventData{
			Pago: f.state.Paid.StringFixed(2), Fonte: srcInstallment}, nil)
	}
	if err := f.price(ctx, res.RemainingVRTE); err != nil {
		return "", err
	}
	balance := decimal.Max(f.state.Amount.Sub(res.Credit), decimal.Zero)
	f.state.VRTE, f.state.Amount = res.RemainingVRTE, f.state.Paid.Add(balance)
	if err := f.record(ctx, "", EventPlanBroken, "sistema", "parcelamento-rompido", activities.EventData{
		Parcela: res.Broken, SaldoVRTE: res.RemainingVRTE.String(), Saldo: balance.StringFixed(2),
		Fonte: srcPlanBroken}, nil); err != nil {
		return "", err
	}
	return f.inscribe(ctx)
}

// takeInstallments takes an installment request by e-mail (Annex XIII, 004 §15.8): one
// that breaks a rule of §15.7–15.13, or names no number of installments, is answered
// with the reason.
func (f *fine) takeInstallments(ctx workflow.Context, p Petition) error {
	err := f.checkInstallments(ctx, p.Installments)
	if err == nil {
		f.planned = p.Installments
		return nil
	}
	reason := err.Error()
	var app *temporal.ApplicationError
	if errors.As(err, &app) {
		reason = app.Message()
	}
	if p.Installments == 0 {
		reason = "o pedido não informa o número de parcelas (por exemplo, \"12 parcelas\"; Anexo XIII, item 15.8)"
	}
	key := "parcelamento-recusado/" + strconv.FormatInt(p.InboundID, 10)
	if err := f.tellSuppliers(ctx, key, "parcelamento_recusado", activities.MailData{Motivo: reason}); err != nil {
		return err
	}
	return f.record(ctx, "", EventPlanRefused, "fornecedor", key, activities.EventData{Motivo: reason, Fonte: srcPlanRefused}, nil)
}
