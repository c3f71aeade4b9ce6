package workflows

import (
	"strconv"

	"github.com/shopspring/decimal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Installment plans (004 §15.7–15.13): a final fine paid in up to 30 monthly
// installments of at least 200 VRTE each, with no reduction, each updated by the VRTE of
// its year; 15 days after an installment's due date without its payment the plan breaks,
// the whole balance falls due and is inscribed in Dívida Ativa, and no new plan is
// granted. The plan is a child workflow of the fine, continued as new every few
// installments so its history stays bounded.

// MinInstallmentVRTE is the smallest installment (004 §15.7).
var MinInstallmentVRTE = decimal.NewFromInt(200)

// installmentsPerRun is how many installments one run of a plan holds before it
// continues as new: a 30-installment plan runs 5 times. The recorded plan has 29 events
// at its first installment's wait; with each installment's payment, a run stays at a few
// hundred events, far below Temporal's history limits.
const installmentsPerRun = 6

// SignalInstallmentPayment gives a plan a payment recorded on its fine (in reais).
const SignalInstallmentPayment = "pagamento_parcela"

// StatusInstallments: the fine is being paid in installments (004 §15.7).
const StatusInstallments = "multa_parcelada"

// Timeline events of a plan.
const (
	EventPlanGranted       = "parcelamento_deferido"
	EventInstallmentIssued = "parcela_emitida"
	EventInstallmentPaid   = "parcela_paga"
	EventPlanBroken        = "parcelamento_rompido"
	EventPlanPaid          = "parcelamento_quitado"
	EventPlanRefused       = "parcelamento_recusado"
)

// PlanInput starts (or continues) an installment plan.
type PlanInput struct {
	NA        string                `json:"na"`
	Suppliers []activities.CIPParty `json:"fornecedores"`
	// Installments are the VRTE of each installment; First the first due date.
	Installments []decimal.Decimal `json:"parcelas_vrte"`
	First        prazo.Date        `json:"primeiro_vencimento"`
	// Next is the index of the installment this run starts with; Credit what was paid
	// and not yet applied to an installment, in reais.
	Next   int             `json:"proxima"`
	Credit decimal.Decimal `json:"credito"`
}

// PlanResult is how a plan ended: paid, or broken at installment Broken (1-based) with
// RemainingVRTE unpaid and Credit paid towards it.
type PlanResult struct {
	Broken        int             `json:"rompido_na_parcela,omitempty"`
	RemainingVRTE decimal.Decimal `json:"saldo_vrte"`
	Credit        decimal.Decimal `json:"credito"`
}

// SplitInstallments divides a fine of total VRTE into n installments of equal VRTE (to
// four places), the last taking what rounding left.
func SplitInstallments(total decimal.Decimal, n int) []decimal.Decimal {
	each := total.DivRound(decimal.NewFromInt(int64(n)), 4)
	out := make([]decimal.Decimal, n)
	rest := total
	for i := range n - 1 {
		out[i] = each
		rest = rest.Sub(each)
	}
	out[n-1] = rest
	return out
}

// InstallmentPlan runs an installment plan: each installment notified with its amount at
// the VRTE of its due date's year, then paid from the payments the fine hands over, or
// the plan broken once its 15 days of grace are over (004 §15.9–15.10).
func InstallmentPlan(ctx workflow.Context, in PlanInput) (PlanResult, error) {
	ctx = withActivityOptions(ctx)
	var acts *activities.Activities
	credit := in.Credit
	payments := workflow.GetSignalChannel(ctx, SignalInstallmentPayment)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var amount decimal.Decimal
			payments.Receive(ctx, &amount)
			credit = credit.Add(amount)
		}
	})
	take := func() { // before continuing as new: no payment is left behind
		var amount decimal.Decimal
		for payments.ReceiveAsync(&amount) {
			credit = credit.Add(amount)
		}
	}
	var cal calendarWatch
	cal.listen(ctx)
	end := min(len(in.Installments), in.Next+installmentsPerRun)
	for i := in.Next; i < end; i++ {
		n := i + 1
		due, err := prazo.InstallmentDate(in.First, n)
		if err != nil {
			return PlanResult{}, err
		}
		var amount decimal.Decimal
		if err := workflow.ExecuteActivity(ctx, acts.FineAmount, activities.FineAmountRequest{VRTE: in.Installments[i], Year: due.Year}).
			Get(ctx, &amount); err != nil {
			return PlanResult{}, err
		}
		grace := prazo.InstallmentGrace.Request(due)
		grace.Event = "vencimento da parcela " + strconv.Itoa(n)
		d, err := computeDeadline(ctx, grace)
		if err != nil {
			return PlanResult{}, err
		}
		if err := notify(ctx, in.NA, letter{act: "multa/parcela/" + strconv.Itoa(n), kind: "parcela_emitida",
			data: activities.MailData{Parcela: n, Total: len(in.Installments), Valor: activities.BRL(amount),
				Vencimento: due.FormatBR(), Tolerancia: d.result.Sentence}}, supplierParties(in.Suppliers)...); err != nil {
			return PlanResult{}, err
		}
		if err := planEvent(ctx, in.NA, EventInstallmentIssued, "parcela/"+strconv.Itoa(n), activities.EventData{
			Parcela: n, Parcelas: len(in.Installments), VRTE: in.Installments[i].String(), Valor: amount.StringFixed(2),
			Vencimento: due.String(), ToleranciaAte: d.result.Due.String(), Fonte: srcInstallmentIssued}, d); err != nil {
			return PlanResult{}, err
		}
		lapsed, err := awaitDeadline(ctx, d, &cal, func() bool { return credit.GreaterThanOrEqual(amount) }, noMoves)
		if err != nil {
			return PlanResult{}, err
		}
		if lapsed {
			remaining := decimal.Zero
			for _, v := range in.Installments[i:] {
				remaining = remaining.Add(v)
			}
			return PlanResult{Broken: n, RemainingVRTE: remaining, Credit: credit}, nil
		}
		credit = credit.Sub(amount)
		if err := planEvent(ctx, in.NA, EventInstallmentPaid, "parcela-paga/"+strconv.Itoa(n), activities.EventData{
			Parcela: n, Valor: amount.StringFixed(2), Fonte: srcInstallment}, nil); err != nil {
			return PlanResult{}, err
		}
	}
	if end < len(in.Installments) {
		take()
		next := in
		next.Next, next.Credit = end, credit
		return PlanResult{}, workflow.NewContinueAsNewError(ctx, InstallmentPlan, next)
	}
	return PlanResult{Credit: credit}, nil
}

// planEvent writes an event of the plan on its case's timeline, with its deadline.
func planEvent(ctx workflow.Context, na, kind, key string, data activities.EventData, d *deadline) error {
	e := activities.CaseEvent{NA: na, Kind: kind, Actor: "sistema", Payload: data, Key: "parcelamento/" + key}
	if d != nil {
		e.Status = StatusInstallments
	}
	return writeEvent(ctx, e, d)
}
