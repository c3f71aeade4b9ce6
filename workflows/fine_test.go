package workflows_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// vrte2026 is the VRTE value of the fine tests: R$ 4,5000; vrteOf has the next years'
// too, for installments updated yearly (004 §15.7).
var (
	vrte2026 = decimal.RequireFromString("4.5")
	vrteOf   = map[int]decimal.Decimal{2026: vrte2026, 2027: decimal.RequireFromString("4.8"), 2028: decimal.RequireFromString("5")}
)

// fineEnv is cipEnv with the Fine workflow registered and its activities mocked: the
// amount at vrte2026, the judgment, payments and the inscription recorded.
func fineEnv(t *testing.T) (*callLog, *testsuite.TestWorkflowEnvironment) {
	t.Helper()
	return fineEnvWithCalendar(t, &testCalendar{})
}

// fineEnvWithCalendar is fineEnv with ComputeDeadline computing on cal.
func fineEnvWithCalendar(t *testing.T, cal *testCalendar) (*callLog, *testsuite.TestWorkflowEnvironment) {
	t.Helper()
	calls, env := cipEnvWithCalendar(t, cal, loja)
	env.RegisterWorkflow(workflows.Fine)
	env.RegisterWorkflow(workflows.InstallmentPlan)
	acts := &activities.Activities{}
	env.OnActivity(acts.FineAmount, anyArgs(1)...).Return(func(_ context.Context, r activities.FineAmountRequest) (decimal.Decimal, error) {
		calls.add("FineAmount", r)
		return r.VRTE.Mul(vrteOf[r.Year]).Round(2), nil
	}).Maybe()
	env.OnActivity(acts.IssueJudgment, anyArgs(1)...).Return(func(_ context.Context, j activities.JudgmentRecord) (int64, error) {
		calls.add("IssueJudgment", j)
		return 77, nil
	}).Maybe()
	env.OnActivity(acts.RecordPayment, anyArgs(1)...).Return(func(_ context.Context, p activities.PaymentRecord) error {
		calls.add("RecordPayment", p)
		return nil
	}).Maybe()
	env.OnActivity(acts.InscribeDebt, anyArgs(1)...).Return(func(_ context.Context, d activities.DebtInscription) error {
		calls.add("InscribeDebt", d)
		return nil
	}).Maybe()
	return calls, env
}

// toJudgmentOn30March: a direct reclamação defended by e-mail on 03/03 waits in the DIJUR
// queue; the Diretoria Jurídica fines it vrte VRTE on Monday 30/03/2026 at 10h. Pay by
// 09/04 (10 dias corridos); appeal by 15/04 (10 dias úteis: Good Friday 03/04 and Nossa
// Senhora da Penha 13/04 skipped).
func toJudgmentOn30March(env *testsuite.TestWorkflowEnvironment, vrte string) *decisionResult {
	confirmAt(env, local(time.March, 2, 10))
	decideAt(env, local(time.March, 2, 11), workflows.Decide(workflows.DirectComplaint{}, "", ""))
	supplierPetitionAt(env, local(time.March, 3, 9), petition.KindDefense, loja.Email)
	return decideAt(env, local(time.March, 30, 10), workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentUpheld, FineVRTE: decimal.RequireFromString(vrte), Reason: "Venda sem entrega comprovada."}, "Diretor Jurídico (servidor 2)", workflows.RoleDiretorJuridico))
}

// onFine sends an Update to the case's fine after `after`.
func onFine(env *testsuite.TestWorkflowEnvironment, after time.Duration, name string, arg any) *decisionResult {
	got := &decisionResult{}
	if d, ok := arg.(workflows.Decision); ok {
		if d.By == "" {
			d.By = "Atendente Teste (servidor 7)"
		}
		if d.Role == "" {
			d.Role = workflows.RoleAtendente
		}
		arg = d
	}
	env.RegisterDelayedCallback(func() {
		id := name + "/" + after.String() // the same ID twice would be one Update
		_ = env.UpdateWorkflowByID(workflowid.Fine(maria.NA), name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {}, OnReject: func(err error) { got.rejected = err }, OnComplete: func(_ any, err error) { got.failed = err },
		}, arg)
	}, after)
	return got
}

// payAt records a payment of amount, paid on the day of `after`.
func payAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, amount, ref string) *decisionResult {
	on := prazo.CivilDate(maria.ReceivedAt.Add(after))
	return onFine(env, after, workflows.UpdatePayment, workflows.Payment{Amount: decimal.RequireFromString(amount), PaidOn: on,
		Reference: ref, By: "Financeiro (servidor 5)", Role: workflows.RoleFinanceiro})
}

// 004 §8.18, §8.20, §10.1, §10.5, §11.1, §13.2: a fine of 1.000 VRTE is R$ 4.500,00; no
// appeal by 15/04 (Good Friday and Penha skipped) makes it final; unpaid since 09/04, it
// is inscribed in Dívida Ativa at the end of 15/04, nobody pressing a button.
func TestUnpaidFineIsInscribedWhenFinal_004_11_1(t *testing.T) {
	calls, env := fineEnv(t)
	judged := toJudgmentOn30March(env, "1000")
	again := decideAt(env, local(time.April, 1, 10), workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentDismissed, Reason: "outra"}, "", workflows.RoleDiretorJuridico))
	hearing := decideAt(env, local(time.April, 1, 11), hearingOn20April)
	runToEnd(t, env)

	require.NoError(t, judged.rejected)
	requireRefused(t, again, workflows.ErrDecisionNotAllowed)
	requireRefused(t, hearing, workflows.ErrDecisionNotAllowed)
	judgment := oneCall[activities.JudgmentRecord](t, calls)
	require.Equal(t, workflows.JudgmentUpheld, judgment.Outcome)
	notified := oneMail(t, calls, "multa_notificada")
	require.Equal(t, loja.Email, notified.To)
	require.Equal(t, "R$ 4.500,00", notified.Data.Valor)
	require.Contains(t, notified.Data.Pagamento, "09/04/2026")
	require.Contains(t, notified.Data.Recurso, "15/04/2026")
	final := lastEvent(t, calls, workflows.EventDecisionFinal)
	require.True(t, final.At.Equal(time.Date(2026, 4, 16, 0, 0, 0, 0, prazo.AgencyZone)), "final at %s, want the end of 15/04", final.At)
	debt := oneCall[activities.DebtInscription](t, calls)
	require.Equal(t, "4500.00", debt.Balance.StringFixed(2))
	require.Equal(t, "2026-04-09", debt.Due.String())
	require.Equal(t, workflows.StatusDebtInscribed, lastEvent(t, calls, workflows.EventDebtInscribed).Status)
	require.Equal(t, workflows.StatusDebtInscribed, lastEvent(t, calls, workflows.EventProcessClosed).Status)
}

// 004 §15.2, §15.2.1, §15.5: a waiver by e-mail on the last day of the appeal window takes
// 25 % off (1.000 → 750 VRTE, R$ 3.375,00) with 30 days from the waiver; an appeal the day
// after is late and refused with the reason; the payment archives the case.
func TestWaiverOnTheLastDayReducesAndPaymentArchives_004_15_2(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	supplierPetitionAt(env, local(time.April, 15, 17), petition.KindWaiver, loja.Email)
	supplierPetitionAt(env, local(time.April, 16, 9), petition.KindAppeal, loja.Email)
	paid := payAt(env, local(time.May, 12, 10), "3375.00", "DUA-2026-1")
	runToEnd(t, env)

	require.NoError(t, paid.rejected)
	reduced := oneMail(t, calls, "multa_reduzida")
	require.Equal(t, "R$ 3.375,00", reduced.Data.Valor)
	require.Equal(t, "750", reduced.Data.VRTE)
	require.Contains(t, reduced.Data.Pagamento, "15/05/2026", "30 days from the waiver on 15/04")
	require.Empty(t, eventsOf(calls, workflows.EventAppealFiled), "the waiver came first")
	require.Equal(t, "2026-05-12", oneCall[activities.PaymentRecord](t, calls).PaidOn.String())
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventFinePaid).Status)
	require.Empty(t, callsOf[activities.DebtInscription](calls))
}

// 004 §15.5: the reduction never takes a fine below the legal minimum of 200 VRTE.
func TestWaiverNeverGoesBelowTheMinimum_004_15_5(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "250")
	supplierPetitionAt(env, local(time.April, 1, 9), petition.KindWaiver, loja.Email)
	payAt(env, local(time.April, 2, 10), "900", "DUA-1")
	runToEnd(t, env)

	require.Equal(t, "200", oneMail(t, calls, "multa_reduzida").Data.VRTE, "250 × 0,75 = 187,5 is below 200")
	require.Equal(t, "R$ 900,00", oneMail(t, calls, "multa_reduzida").Data.Valor)
}

// 004 §10.1–10.4, §11.4, §11.1: an appeal in time suspends the fine; the Diretor
// Presidente maintains it on 04/05, with 30 days to pay (03/06); a partial payment gets
// the letter asking for the rest with 10 more days (13/06, a Saturday: Monday 15/06),
// then the balance is inscribed. A late appeal is refused with the reason.
func TestAppealMaintainedPartialPaymentThenDebt_004_10_and_11_4(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	supplierPetitionAt(env, local(time.April, 14, 9), petition.KindAppeal, loja.Email)
	byJuridico := onFine(env, local(time.May, 4, 9), workflows.UpdateDecide, workflows.Decide(workflows.SecondInstance{Outcome: "manter", Reason: "x"}, "", workflows.RoleDiretorJuridico))
	maintained := onFine(env, local(time.May, 4, 10), workflows.UpdateDecide, workflows.Decide(workflows.SecondInstance{Outcome: "manter", Reason: "A infração está provada."}, "Presidente (servidor 1)", workflows.RoleDiretorPresidente))
	payAt(env, local(time.May, 20, 10), "1000.00", "DUA-A")
	duplicate := payAt(env, local(time.May, 21, 10), "1000.00", "DUA-A")
	runToEnd(t, env)

	requireRefused(t, byJuridico, workflows.ErrDecisionNotAllowed)
	require.NoError(t, maintained.rejected)
	requireRefused(t, duplicate, workflows.ErrInvalidPayment)
	appealed := lastEvent(t, calls, workflows.EventAppealFiled)
	require.Equal(t, workflows.StatusFineAppealed, appealed.Status)
	second := oneMail(t, calls, "segunda_instancia")
	require.Contains(t, second.Data.Pagamento, "03/06/2026")
	letter := oneMail(t, calls, "complementacao_multa")
	require.Equal(t, "R$ 3.500,00", letter.Data.Saldo)
	require.Contains(t, letter.Data.Pagamento, "15/06/2026")
	debt := oneCall[activities.DebtInscription](t, calls)
	require.Equal(t, "3500.00", debt.Balance.StringFixed(2))
	require.Equal(t, "2026-06-15", debt.Due.String())
}

// 004 §10.1, §11.4, §13.2: a fine paid in part is still running after the appeal window
// (the rest is asked for); an appeal then is refused with the reason, by e-mail and from
// staff alike; the rest paid archives the case.
func TestLateAppealIsRefusedWithTheReason_004_10_1(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	payAt(env, local(time.April, 2, 10), "1000", "DUA-1")
	supplierPetitionAt(env, local(time.April, 16, 9), petition.KindAppeal, loja.Email)
	byStaff := onFine(env, local(time.April, 16, 10), workflows.UpdateDecide, workflows.Decide(workflows.Appeal{ReceivedOn: prazo.MustParseDate("2026-04-16")}, "Atendente (servidor 7)", ""))
	payAt(env, local(time.April, 20, 10), "3500", "DUA-2")
	runToEnd(t, env)

	requireRefused(t, byStaff, workflows.ErrDecisionNotAllowed)
	refused := oneMail(t, calls, "recurso_recusado")
	require.Contains(t, refused.Data.Motivo, "15/04/2026")
	require.Equal(t, "R$ 3.500,00", oneMail(t, calls, "complementacao_multa").Data.Saldo)
	require.Empty(t, eventsOf(calls, workflows.EventAppealFiled))
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventFinePaid).Status)
	require.Empty(t, callsOf[activities.DebtInscription](calls))
}

// 004 §10.3: the second instance archives the process; 003: an improcedente judgment
// archives the case at once.
func TestSecondInstanceArchivesAndDismissalArchives_004_10_3(t *testing.T) {
	t.Run("archived on appeal", func(t *testing.T) {
		calls, env := fineEnv(t)
		toJudgmentOn30March(env, "1000")
		supplierPetitionAt(env, local(time.April, 1, 9), petition.KindAppeal, loja.Email)
		onFine(env, local(time.April, 20, 10), workflows.UpdateDecide, workflows.Decide(workflows.SecondInstance{Outcome: "arquivar", Reason: "Prova insuficiente."}, "Presidente (servidor 1)", workflows.RoleDiretorPresidente))
		runToEnd(t, env)
		require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventArchivedOnAppeal).Status)
		require.Equal(t, "arquivado", lastMail(t, calls).Data.Situacao)
	})
	t.Run("improcedente", func(t *testing.T) {
		calls, env := fineEnv(t)
		confirmAt(env, local(time.March, 2, 10))
		decideAt(env, local(time.March, 2, 11), workflows.Decide(workflows.DirectComplaint{}, "", ""))
		supplierPetitionAt(env, local(time.March, 3, 9), petition.KindDefense, loja.Email)
		withFine := decideAt(env, local(time.March, 30, 9), workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentDismissed, FineVRTE: decimal.NewFromInt(500), Reason: "x"}, "", workflows.RoleDiretorJuridico))
		tooSmall := decideAt(env, local(time.March, 30, 9), workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentUpheld, FineVRTE: decimal.NewFromInt(199), Reason: "x"}, "", workflows.RoleDiretorJuridico))
		decideAt(env, local(time.March, 30, 10), workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentDismissed, Reason: "Não houve lesão."}, "", workflows.RoleDiretorJuridico))
		runToEnd(t, env)
		requireRefused(t, withFine, workflows.ErrInvalidDecision)
		requireRefused(t, tooSmall, workflows.ErrInvalidDecision)
		require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventProcessClosed).Status)
		require.Empty(t, mailsOf(calls, "multa_notificada"))
	})
}

// 004 §11.5: a payment over the amount archives the fine and records the excess for a
// refund on request.
func TestOverpaymentIsRecordedForRefund_004_11_5(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	payAt(env, local(time.April, 2, 10), "9000.00", "DUA-DOBRO")
	runToEnd(t, env)
	require.Equal(t, "4500.00", lastEvent(t, calls, workflows.EventOverpaid).Payload.Excedente)
	require.Equal(t, "R$ 4.500,00", oneMail(t, calls, "pagamento_a_maior").Data.Excedente)
}

// callsOf returns the arguments of type T the activities were called with, in order.
func callsOf[T any](calls *callLog) []T {
	var out []T
	for _, c := range calls.all() {
		if v, ok := c.arg.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// oneCall returns the only argument of type T an activity was called with.
func oneCall[T any](t *testing.T, calls *callLog) T {
	t.Helper()
	got := callsOf[T](calls)
	require.Len(t, got, 1)
	return got[0]
}

// 004 §11.2–11.3: the fine maintained on 04/05 is due on 03/06 (30 days); a court
// suspends its collection on 20/05 and the order is lifted on 30/05: the deadline resumes
// with the days that were left (10 suspended days: 13/06, a Saturday, so 15/06); a court
// then reduces it to 500 VRTE (R$ 2.250,00), and that payment, on 12/06, archives the
// case without any inscription.
func TestCourtOrdersPauseAndReduceTheFine_004_11_2(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	supplierPetitionAt(env, local(time.April, 1, 9), petition.KindAppeal, loja.Email)
	onFine(env, local(time.May, 4, 10), workflows.UpdateDecide, workflows.Decide(workflows.SecondInstance{Outcome: "manter", Reason: "Mantida."}, "Presidente (servidor 1)", workflows.RoleDiretorPresidente))
	order := func(after time.Duration, outcome, vrte string) *decisionResult {
		o := workflows.CourtOrder{Outcome: outcome, Reason: "1ª Vara da Fazenda, processo 123"}
		if vrte != "" {
			o.FineVRTE = decimal.RequireFromString(vrte)
		}
		return onFine(env, after, workflows.UpdateDecide, workflows.Decide(o, "Financeiro (servidor 5)", workflows.RoleFinanceiro))
	}
	order(local(time.May, 20, 10), workflows.CourtSuspend, "")
	twice := order(local(time.May, 20, 11), workflows.CourtSuspend, "")
	order(local(time.May, 30, 10), workflows.CourtResume, "")
	raise := order(local(time.June, 1, 10), workflows.CourtReduce, "2000")
	order(local(time.June, 1, 11), workflows.CourtReduce, "500")
	payAt(env, local(time.June, 12, 10), "2250.00", "DUA-JUD")
	runToEnd(t, env)

	requireRefused(t, twice, workflows.ErrDecisionNotAllowed)
	requireRefused(t, raise, workflows.ErrInvalidDecision)
	var resumed, reduced activities.CaseEvent
	for _, e := range eventsOf(calls, workflows.EventCourtOrder) {
		switch e.Payload.Ordem {
		case workflows.CourtResume:
			resumed = e
		case workflows.CourtReduce:
			reduced = e
		}
	}
	require.Equal(t, "2026-05-29", resumed.Payload.SuspensaAte)
	require.Equal(t, workflows.StatusFineDue, resumed.Status, "the fine resumes where it was")
	require.Equal(t, "2250.00", reduced.Payload.Valor)
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventFinePaid).Status)
	require.Empty(t, callsOf[activities.DebtInscription](calls), "paid on 12/06, within the deadline moved by the suspension")
}

// 004 §11.2: a court cancels the fine: the case is archived.
func TestCourtCancelsTheFine_004_11_2(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	onFine(env, local(time.April, 6, 10), workflows.UpdateDecide, workflows.Decide(workflows.CourtOrder{Outcome: workflows.CourtCancel, Reason: "Sentença, processo 456"}, "Diretor Jurídico (servidor 2)", workflows.RoleDiretorJuridico))
	runToEnd(t, env)
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventFineCancelled).Status)
	require.Contains(t, lastEvent(t, calls, workflows.EventProcessClosed).Payload.Motivo, "cancelada por decisão judicial")
}

// 004 §15.7–15.9, §13.3: a fine of 6.000 VRTE in 30 installments of 200 VRTE, asked in the
// appeal window, falls due monthly from 01/05/2026, date to date, each updated by the
// VRTE of its year (R$ 900,00 in 2026, R$ 960,00 in 2027, R$ 1.000,00 in 2028); all 30
// paid, the case is archived. The plan continues as new every few installments and no
// payment is lost.
func TestThirtyInstallmentsPaid_004_15_7(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "6000")
	tooMany := onFine(env, local(time.April, 1, 9), workflows.UpdateDecide, workflows.Decide(workflows.GrantInstallments{Installments: 31}, "", ""))
	onFine(env, local(time.April, 1, 10), workflows.UpdateDecide, workflows.Decide(workflows.GrantInstallments{Installments: 30}, "", ""))
	first := prazo.MustParseDate("2026-05-01")
	for n := 1; n <= 30; n++ {
		due, err := prazo.InstallmentDate(first, n)
		require.NoError(t, err)
		at := time.Date(due.Year, due.Month, due.Day, 10, 0, 0, 0, prazo.AgencyZone).Sub(maria.ReceivedAt)
		payAt(env, at, decimal.NewFromInt(200).Mul(vrteOf[due.Year]).StringFixed(2), "DUA-P"+strconv.Itoa(n))
	}
	runToEnd(t, env)

	requireRefused(t, tooMany, workflows.ErrInvalidDecision)
	issued := eventsOf(calls, workflows.EventInstallmentIssued)
	require.Len(t, issued, 30)
	require.Equal(t, "2026-05-01", issued[0].Payload.Vencimento)
	require.Equal(t, "900.00", issued[0].Payload.Valor)
	require.Equal(t, "2027-01-01", issued[8].Payload.Vencimento)
	require.Equal(t, "960.00", issued[8].Payload.Valor)
	require.Equal(t, "2028-10-01", issued[29].Payload.Vencimento)
	require.Equal(t, "1000.00", issued[29].Payload.Valor)
	require.Len(t, eventsOf(calls, workflows.EventInstallmentPaid), 30)
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventPlanPaid).Status)
	require.Empty(t, callsOf[activities.DebtInscription](calls))
	require.Len(t, mailsOf(calls, "parcela_emitida"), 30)
}

// 004 §15.9, §15.10, §15.13: installment 7 of 12 (due 01/11/2026) unpaid 15 days after
// its due date (16/11) breaks the plan: the 6 installments left (1.500 VRTE,
// R$ 6.750,00) fall due and are inscribed in Dívida Ativa. A plan below 200 VRTE an
// installment is refused with the reason.
func TestPlanBrokenAtTheSeventhInstallment_004_15_10(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "3000")
	tooSmall := onFine(env, local(time.April, 1, 9), workflows.UpdateDecide, workflows.Decide(workflows.GrantInstallments{Installments: 16}, "", ""))
	onFine(env, local(time.April, 1, 10), workflows.UpdateDecide, workflows.Decide(workflows.GrantInstallments{Installments: 12}, "", ""))
	for n := 1; n <= 6; n++ {
		due, err := prazo.InstallmentDate(prazo.MustParseDate("2026-05-01"), n)
		require.NoError(t, err)
		payAt(env, time.Date(due.Year, due.Month, due.Day, 10, 0, 0, 0, prazo.AgencyZone).Sub(maria.ReceivedAt), "1125.00", "DUA-Q"+strconv.Itoa(n))
	}
	runToEnd(t, env)

	refused := requireRefusedMessage(t, tooSmall, workflows.ErrInvalidDecision)
	require.Contains(t, refused, "no máximo 15 parcelas")
	broken := lastEvent(t, calls, workflows.EventPlanBroken)
	require.EqualValues(t, 7, broken.Payload.Parcela)
	require.True(t, broken.At.Equal(time.Date(2026, 11, 17, 0, 0, 0, 0, prazo.AgencyZone)), "broken at %s, want the end of 16/11", broken.At)
	debt := oneCall[activities.DebtInscription](t, calls)
	require.Equal(t, "6750.00", debt.Balance.StringFixed(2))
	require.Equal(t, workflows.StatusDebtInscribed, lastEvent(t, calls, workflows.EventProcessClosed).Status)
}

// requireRefusedMessage asserts a refusal with code and returns its message.
func requireRefusedMessage(t *testing.T, got *decisionResult, code string) string {
	t.Helper()
	requireRefused(t, got, code)
	return got.rejected.Error()
}

// 004 §15.8, §15.7: an installment request by e-mail ("10 parcelas") in the appeal window
// is granted; after a waiver, another request is refused with the reason, by e-mail.
func TestInstallmentRequestByEmail_004_15_8(t *testing.T) {
	t.Run("granted", func(t *testing.T) {
		calls, env := fineEnv(t)
		toJudgmentOn30March(env, "3000")
		env.RegisterDelayedCallback(func() {
			env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{InboundID: 901, Mailbox: workflows.MailboxDebt,
				Kind: petition.KindInstallment, FromPartyOnRecord: true, Sender: loja.Email, Installments: 10})
		}, local(time.April, 2, 9))
		runComplaint(t, env, maria, local(time.April, 3, 0))
		require.EqualValues(t, 10, lastEvent(t, calls, workflows.EventPlanGranted).Payload.Parcelas)
		require.Len(t, mailsOf(calls, "parcela_emitida"), 1, "the first installment is notified at once")
	})
	t.Run("refused after a waiver", func(t *testing.T) {
		calls, env := fineEnv(t)
		toJudgmentOn30March(env, "3000")
		supplierPetitionAt(env, local(time.April, 1, 9), petition.KindWaiver, loja.Email)
		env.RegisterDelayedCallback(func() {
			env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{InboundID: 902, Mailbox: workflows.MailboxDebt,
				Kind: petition.KindInstallment, FromPartyOnRecord: true, Sender: loja.Email, Installments: 10})
		}, local(time.April, 2, 9))
		runComplaint(t, env, maria, local(time.April, 3, 0))
		refused := oneMail(t, calls, "parcelamento_recusado")
		require.Contains(t, refused.Data.Motivo, "redução da renúncia")
		require.Empty(t, eventsOf(calls, workflows.EventPlanGranted))
	})
}

// 004 §10.1, §13.1, §15.6: an appeal by e-mail at 23h on the window's last day (15/04) is
// in time and suspends the fine; withdrawing it with a waiver on 20/04 gets the 25 %
// reduction, with 30 days from the waiver (20/05).
func TestAppealOnTheLastDayThenWithdrawnForTheReduction_004_15_6(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	supplierPetitionAt(env, local(time.April, 15, 23), petition.KindAppeal, loja.Email)
	supplierPetitionAt(env, local(time.April, 20, 9), petition.KindWaiver, loja.Email)
	payAt(env, local(time.May, 19, 10), "3375.00", "DUA-R")
	runToEnd(t, env)

	require.Equal(t, "2026-04-15", lastEvent(t, calls, workflows.EventAppealFiled).Payload.RecebidoEm)
	require.Empty(t, mailsOf(calls, "recurso_recusado"))
	reduced := oneMail(t, calls, "multa_reduzida")
	require.Equal(t, "R$ 3.375,00", reduced.Data.Valor)
	require.Contains(t, reduced.Data.Pagamento, "20/05/2026")
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventFinePaid).Status)
}

// 004 §13.1.2: a closure declared on the last day to appeal (15/04) while the fine runs
// reaches it through its case: the window moves to 16/04, the move is on the timeline
// and the case row, and the fine becomes final only at the end of 16/04.
func TestClosureMovesTheFinesWindow_004_13_1_2(t *testing.T) {
	cal := &testCalendar{}
	calls, env := fineEnvWithCalendar(t, cal)
	toJudgmentOn30March(env, "1000")
	env.RegisterDelayedCallback(func() {
		cal.close("2026-04-15", "Ponto facultativo")
		env.SignalWorkflow(workflows.SignalCalendarChanged, workflows.CalendarChange{Date: prazo.MustParseDate("2026-04-15")})
	}, local(time.April, 8, 10))
	runToEnd(t, env)

	moved := lastEvent(t, calls, workflows.EventDeadlineMoved)
	require.Equal(t, "2026-04-15", moved.Payload.VencimentoAnterior)
	require.Equal(t, "2026-04-16", moved.Payload.Vencimento)
	require.Equal(t, workflows.StatusFineNotified, moved.Status)
	require.True(t, moved.At.Before(time.Date(2026, 4, 9, 0, 0, 0, 0, prazo.AgencyZone)),
		"moved at %s: shown when the closure was declared, not only when the old date came", moved.At)
	final := lastEvent(t, calls, workflows.EventDecisionFinal)
	require.True(t, final.At.Equal(time.Date(2026, 4, 17, 0, 0, 0, 0, prazo.AgencyZone)), "final at %s, want the end of 16/04", final.At)
}
