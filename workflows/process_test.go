package workflows_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// mockProcess mocks SendDefenseNotice, IssueHearingRecord, RecordClassification and
// SetCaseSubject to record their calls.
func mockProcess(env *testsuite.TestWorkflowEnvironment, calls *callLog) {
	acts := &activities.Activities{}
	env.OnActivity(acts.SendDefenseNotice, anyArgs(1)...).Return(func(_ context.Context, n activities.DefenseNotice) (string, error) {
		calls.add("SendDefenseNotice", n)
		if n.Party.Email == "" {
			return "", nil
		}
		return activities.MessageIDFor("notificacao-defesa/"+n.NA+"/"+n.Party.Doc, testMailDomain), nil
	}).Maybe()
	env.OnActivity(acts.IssueHearingRecord, anyArgs(1)...).Return(func(_ context.Context, h activities.HearingRecord) (int64, error) {
		calls.add("IssueHearingRecord", h)
		return 900 + int64(h.Number), nil
	}).Maybe()
	env.OnActivity(acts.RecordClassification, anyArgs(1)...).Return(func(_ context.Context, c activities.Classification) error {
		calls.add("RecordClassification", c)
		return nil
	}).Maybe()
	env.OnActivity(acts.SetCaseSubject, anyArgs(2)...).Return(func(_ context.Context, na, subject string) error {
		calls.add("SetCaseSubject", subject)
		return nil
	}).Maybe()
	env.OnActivity(acts.PrimaryOffender, anyArgs(1)...).Return(func(_ context.Context, r activities.PrimaryOffenderRequest) (bool, error) {
		calls.add("PrimaryOffender", r)
		return !slices.Contains(r.Suppliers, repeatOffender), nil
	}).Maybe()
}

// supplierPetitionAt signals a petition of the supplier, from its address on record.
func supplierPetitionAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, kind petition.Kind, from string) {
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{
			InboundID: 700 + int64(after/time.Hour), Mailbox: workflows.MailboxProtocol, Kind: kind,
			FromPartyOnRecord: true, Sender: from,
		})
	}, after)
}

// convertOn8April: the CIP of 14/03 lapses unanswered on 06/04 and staff convert it on
// Wednesday 08/04/2026 at 10h: the processo administrativo opens that day.
func convertOn8April(env *testsuite.TestWorkflowEnvironment) {
	sendCIPOn14March(env)
	decideAt(env, local(time.April, 8, 10), workflows.Decide(workflows.Convert{Reason: "sem resposta à CIP"}, "", ""))
}

// gerente is the Gerente de Atendimento's decision, who alone classifies (004 §6.8).
func gerente(d workflows.Decision) workflows.Decision {
	d.By, d.Role = "Gerente Teste (servidor 3)", workflows.RoleGerenteAtendimento
	return d
}

// hearingOn20April schedules a conciliação for Monday 20/04/2026 at 14h.
var hearingOn20April = workflows.Decide(hearing20April, "", "")

// hearing20April is the body of hearingOn20April.
var hearing20April = workflows.ScheduleHearing{Method: "conciliacao", At: time.Date(2026, 4, 20, 14, 0, 0, 0, time.FixedZone("BRT", -3*3600)), Place: "Sala 2, PROCON/ES, Vitória"}

// requireRefused asserts that a decision was refused by the validator with code.
func requireRefused(t *testing.T, got *decisionResult, code string) {
	t.Helper()
	var refused *temporal.ApplicationError
	require.True(t, errors.As(got.rejected, &refused), "the decision must be refused, got %v", got.rejected)
	require.Equal(t, code, refused.Type(), refused.Message())
}

// kindsOf returns the kinds of the events recorded, in order.
func kindsOf(calls *callLog) []string {
	var out []string
	for _, c := range calls.all() {
		if e, ok := c.arg.(activities.CaseEvent); ok {
			out = append(out, e.Kind)
		}
	}
	return out
}

// requireInOrder asserts that want appear in got in that order (other items between).
func requireInOrder(t *testing.T, got []string, want ...string) {
	t.Helper()
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	require.Equal(t, len(want), i, "events %v should contain, in order, %v", got, want)
}

// 004 §7.2 II, §8.15–8.16, §5.4–5.11, §6.8: the converted CIP opens the process and the
// supplier is notified with 20 days for a defense (28/04); the defense by e-mail sends the
// case to the Diretoria Jurídica's queue; a hearing is scheduled and both parties are
// notified and reminded the day before; the agreement suspends the process until its
// date; the consumer's breach by e-mail resumes it; the gerente classifies it
// fundamentada não atendida, which goes on to judgment.
func TestProcessFromCIPThroughHearingBreachAndClassification_004_5_and_8(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	earlyHearing := decideAt(env, local(time.April, 9, 10), hearingOn20April)
	supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, "CIP@loja.example")
	scheduled := decideAt(env, local(time.April, 13, 10), hearingOn20April)
	tooEarly := decideAt(env, local(time.April, 20, 10), workflows.Decide(workflows.HearingOutcome{Outcome: "impasse"}, "", ""))
	agreed := decideAt(env, local(time.April, 20, 15), workflows.Decide(workflows.HearingOutcome{Outcome: workflows.OutcomeAgreement, Terms: "Entrega da geladeira até 20/05/2026.", ComplianceDate: prazo.MustParseDate("2026-05-20")}, "", ""))
	petitionAt(env, local(time.May, 5, 9), petition.KindBreach, true)
	byAtendente := decideAt(env, local(time.May, 6, 9), workflows.Decide(workflows.Classify{Classification: workflows.ClassifiedNotAttended, Subject: "produto_nao_entregue"}, "", ""))
	classified := decideAt(env, local(time.May, 6, 10), gerente(workflows.Decide(workflows.Classify{Classification: workflows.ClassifiedNotAttended, Subject: "produto_nao_entregue"}, "", "")))
	got := runComplaint(t, env, maria, local(time.May, 7, 0))

	requireRefused(t, earlyHearing, workflows.ErrDecisionNotAllowed) // defense still running
	require.NoError(t, scheduled.rejected)
	requireRefused(t, tooEarly, workflows.ErrDecisionNotAllowed)
	require.NoError(t, agreed.rejected)
	requireRefused(t, byAtendente, workflows.ErrDecisionNotAllowed)
	require.NoError(t, classified.rejected)
	require.NoError(t, classified.failed)

	// the defense notification: e-mailed on 08/04 with 20 dias corridos, due 28/04
	var notice activities.DefenseNotice
	for _, c := range calls.all() {
		if n, ok := c.arg.(activities.DefenseNotice); ok {
			notice = n
		}
	}
	require.Equal(t, loja.Email, notice.Party.Email)
	require.Equal(t, "2026-04-08", notice.IssuedOn.String())
	require.Equal(t, "2026-04-28", notice.Due.Due.String())
	require.Contains(t, oneMail(t, calls, "processo_instaurado").Data.Prazo, "28/04/2026")

	requireInOrder(t, kindsOf(calls), workflows.EventConverted, workflows.EventProcessOpened, workflows.EventDefenseNoticeSent,
		workflows.EventDeadlineStarted, workflows.EventDefenseReceived, workflows.EventJudgmentQueue,
		workflows.EventHearingScheduled, workflows.EventHearingReminder, workflows.EventHearingHeld,
		workflows.EventAgreementBreached, workflows.EventJudgmentQueue)
	defense := lastEvent(t, calls, workflows.EventDefenseReceived)
	require.Equal(t, "2026-04-10", defense.Payload.RecebidoEm)
	require.Equal(t, loja.Name, defense.Payload.Fornecedor)

	// hearing: both parties notified, then reminded on Sunday 19/04 at 9h
	notified := mailsOf(calls, "audiencia_designada")
	require.Len(t, notified, 2)
	require.ElementsMatch(t, []string{maria.ConsumerEmail, loja.Email}, []string{notified[0].To, notified[1].To})
	require.Equal(t, "20/04/2026 às 14h00", notified[0].Data.DataHora)
	require.Equal(t, "conciliação", notified[0].Data.Metodo)
	reminders := mailsOf(calls, "lembrete_audiencia")
	require.Len(t, reminders, 2)
	reminded := lastEvent(t, calls, workflows.EventHearingReminder)
	require.True(t, reminded.At.Equal(time.Date(2026, 4, 19, 9, 0, 0, 0, time.FixedZone("BRT", -3*3600))), "reminded at %s", reminded.At)

	// agreement: the Termo issued, the case suspended until 20/05 with that date shown
	var record activities.HearingRecord
	for _, c := range calls.all() {
		if h, ok := c.arg.(activities.HearingRecord); ok {
			record = h
		}
	}
	require.Equal(t, workflows.OutcomeAgreement, record.Outcome)
	require.Equal(t, "2026-05-20", record.Deadline.String())
	held := lastEvent(t, calls, workflows.EventHearingHeld)
	require.Equal(t, workflows.StatusAgreement, held.Status)
	require.NotNil(t, held.Deadline)
	require.Equal(t, "2026-05-20", held.Deadline.In(time.FixedZone("BRT", -3*3600)).Format("2006-01-02"))
	require.EqualValues(t, 901, held.Payload.DocumentoID)

	// breach by the consumer's e-mail: back to the process, both parties told
	breach := lastEvent(t, calls, workflows.EventAgreementBreached)
	require.Equal(t, "consumidor", breach.Actor)
	require.Len(t, mailsOf(calls, "acordo_descumprido"), 2)

	// classification: in the Cadastro, and the case stays in the judgment queue
	var cadastro activities.Classification
	for _, c := range calls.all() {
		if cl, ok := c.arg.(activities.Classification); ok {
			cadastro = cl
		}
	}
	require.Equal(t, workflows.ClassifiedNotAttended, cadastro.Classification)
	require.Equal(t, "produto_nao_entregue", cadastro.Subject)
	require.Equal(t, []activities.CIPParty{{Doc: loja.Doc, Name: loja.Name}}, cadastro.Suppliers)
	require.Equal(t, "Gerente Teste (servidor 3)", lastEvent(t, calls, workflows.EventClassified).Actor)

	require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status)
	require.Equal(t, workflows.ClassifiedNotAttended, got.state.Process.Classification)
	require.Equal(t, workflows.StatusAwaitingJudgment, lastEvent(t, calls, workflows.EventJudgmentQueue).Status)
}

// 004 §7.2 I, §4.2.1 II, §8.15, §13.1.2: a reclamação opened directly, against a supplier
// without an address: the notification waits for staff to deliver it; delivered by hand
// on 01/04, its 20 days end on Tiradentes (21/04), so the defense is due on 22/04; the
// lapse sends the case to the Diretoria Jurídica's queue.
func TestDirectComplaintNoticeByHandLapsesToJudgment_004_7_2_I_and_8_16(t *testing.T) {
	calls, env := cipEnv(t, lojaByHand)
	confirmAt(env, local(time.March, 2, 10))
	direct := decideAt(env, local(time.March, 14, 14), workflows.Decide(workflows.DirectComplaint{}, "", ""))
	early := decideAt(env, local(time.March, 20, 10), workflows.Decide(workflows.Defense{Supplier: loja.Doc}, "", ""))
	delivered := decideAt(env, local(time.April, 2, 10), workflows.Decide(workflows.NoticeDelivered{Supplier: loja.Doc, Means: workflows.MeansInPerson, ReceivedOn: prazo.MustParseDate("2026-04-01")}, "", ""))
	got := runComplaint(t, env, maria, local(time.April, 24, 0))

	require.NoError(t, direct.rejected)
	require.NoError(t, early.rejected, "a defense may come before the delivery is recorded")
	require.NoError(t, delivered.rejected)
	require.Empty(t, mailsOf(calls, "cip"), "no CIP in a direct reclamação")
	opened := lastEvent(t, calls, workflows.EventProcessOpened)
	require.Equal(t, workflows.OriginComplaint, opened.Payload.Origem)
	require.Equal(t, workflows.StatusAwaitingDefense, opened.Status)
	require.Equal(t, workflows.StatusNoticeAwaitingDelivery, lastEvent(t, calls, workflows.EventDefenseNoticeAwaitingDelivery).Status)
	require.Equal(t, loja.Name, lastEvent(t, calls, workflows.EventDefenseReceived).Payload.Fornecedor)
	require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status, "every supplier defended: straight to judgment")
	require.Empty(t, eventsOf(calls, workflows.EventDefenseLapsed))
}

// 004 §8.15–8.16, §13.1.2: without a defense, the 20 days from the notice delivered by hand
// on 01/04 end on Tiradentes (21/04), so the supplier has until 22/04; the lapse at the end
// of 22/04 sends the case to the Diretoria Jurídica's queue.
func TestDefenseLapseMovedByHolidayGoesToJudgment_004_8_16(t *testing.T) {
	calls, env := cipEnv(t, lojaByHand)
	confirmAt(env, local(time.March, 2, 10))
	decideAt(env, local(time.March, 14, 14), workflows.Decide(workflows.DirectComplaint{}, "", ""))
	decideAt(env, local(time.April, 2, 10), workflows.Decide(workflows.NoticeDelivered{Supplier: loja.Doc, Means: workflows.MeansRegistered, ReceivedOn: prazo.MustParseDate("2026-04-01")}, "", ""))
	got := runComplaint(t, env, maria, local(time.April, 24, 0))

	var notices []activities.DefenseNotice
	for _, c := range calls.all() {
		if n, ok := c.arg.(activities.DefenseNotice); ok {
			notices = append(notices, n)
		}
	}
	require.Len(t, notices, 1, "rendered once, for staff to deliver")
	require.True(t, notices[0].Due.Due.IsZero(), "a notice delivered by hand gives the period, not a date")
	require.Contains(t, oneMail(t, calls, "processo_instaurado").Data.Prazo, "22/04/2026")
	lapsed := lastEvent(t, calls, workflows.EventDefenseLapsed)
	require.True(t, lapsed.At.Equal(time.Date(2026, 4, 23, 0, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s, want the end of 22/04", lapsed.At)
	require.Equal(t, "2026-04-22", lapsed.Payload.Vencimento)
	require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status)
	require.Equal(t, "diretor_juridico", lastEvent(t, calls, workflows.EventJudgmentQueue).Payload.Alerta)
}

// 004 §5.7, §5.10, §6: the agreement's compliance date passes with no breach reported:
// the case is archived as fulfilled and recorded in the Cadastro as fundamentada
// atendida, by the system.
func TestAgreementFulfilledArchivesAndRecordsTheCadastro_004_5_10(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, loja.Email)
	decideAt(env, local(time.April, 13, 10), hearingOn20April)
	decideAt(env, local(time.April, 20, 15), workflows.Decide(workflows.HearingOutcome{Outcome: workflows.OutcomeAgreement, Terms: "Reembolso integral.", ComplianceDate: prazo.MustParseDate("2026-05-04")}, "", ""))
	runToEnd(t, env)

	end := lastEvent(t, calls, workflows.EventAgreementFulfilled)
	require.Equal(t, workflows.StatusArchived, end.Status)
	require.True(t, end.At.Equal(time.Date(2026, 5, 5, 0, 0, 0, 0, prazo.AgencyZone)), "archived at %s, want the end of 04/05", end.At)
	require.Equal(t, "004 §5.10", end.Payload.Fonte)
	classified := lastEvent(t, calls, workflows.EventClassified)
	require.Equal(t, workflows.ClassifiedAttended, classified.Payload.Classificacao)
	require.Equal(t, "sistema", classified.Actor)
	require.Equal(t, "arquivado", lastMail(t, calls).Data.Situacao)
}

// 004 §5.12: the supplier did not come: the Termo records it and the process is
// suspended for a reasoned decision, in the Diretoria Jurídica's queue; a rescheduled
// hearing replaces the first, whose notification is not repeated.
func TestSupplierAbsentSuspendsForReasonedDecision_004_5_12(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, loja.Email)
	decideAt(env, local(time.April, 13, 10), hearingOn20April)
	moved := hearing20April
	moved.At = moved.At.AddDate(0, 0, 2)
	rescheduled := decideAt(env, local(time.April, 15, 10), workflows.Decide(moved, "", ""))
	absent := decideAt(env, local(time.April, 22, 15), workflows.Decide(workflows.HearingOutcome{Outcome: workflows.OutcomeSupplierAbsent}, "", ""))
	got := runComplaint(t, env, maria, local(time.April, 23, 0))

	require.NoError(t, rescheduled.rejected)
	require.NoError(t, absent.rejected)
	require.Len(t, mailsOf(calls, "audiencia_designada"), 4, "two parties, two schedules")
	reminders := mailsOf(calls, "lembrete_audiencia")
	require.Len(t, reminders, 2, "only the hearing that happened is reminded")
	require.Equal(t, "22/04/2026 às 14h00", reminders[0].Data.DataHora)
	var record activities.HearingRecord
	for _, c := range calls.all() {
		if h, ok := c.arg.(activities.HearingRecord); ok {
			record = h
		}
	}
	require.Equal(t, 2, record.Number)
	require.Equal(t, workflows.OutcomeSupplierAbsent, record.Outcome)
	require.Equal(t, workflows.StatusAwaitingReasonedDecision, got.state.Status)
	require.True(t, got.state.Process.ReasonedDecision)
	require.Equal(t, workflows.StatusAwaitingReasonedDecision, lastEvent(t, calls, workflows.EventJudgmentQueue).Status)
}

// 004 §6.7–6.8, 003: the classification does not wait for the defense: classified
// fundamentada atendida while the defense runs, the case is archived; only the gerente
// classifies, and only once.
func TestClassifiedAttendedArchivesEvenDuringTheDefense_004_6_7(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	byDirector := decideAt(env, local(time.April, 9, 9), workflows.Decide(workflows.Classify{Classification: workflows.ClassifiedAttended, Subject: "cobranca_indevida"}, "", workflows.RoleDiretorJuridico))
	noSubject := decideAt(env, local(time.April, 9, 10), gerente(workflows.Decide(workflows.Classify{Classification: workflows.ClassifiedAttended}, "", "")))
	classified := decideAt(env, local(time.April, 9, 11), gerente(workflows.Decide(workflows.Classify{Classification: workflows.ClassifiedAttended, Subject: "cobranca_indevida"}, "", "")))
	runToEnd(t, env)

	requireRefused(t, byDirector, workflows.ErrDecisionNotAllowed)
	requireRefused(t, noSubject, workflows.ErrInvalidDecision)
	require.NoError(t, classified.rejected)
	require.NoError(t, classified.failed)
	end := lastEvent(t, calls, workflows.EventArchivedClassification)
	require.Equal(t, workflows.StatusArchived, end.Status)
	require.Contains(t, end.Payload.Motivo, "fundamentada atendida")
	require.Len(t, eventsOf(calls, workflows.EventClassified), 1)
	require.Empty(t, eventsOf(calls, workflows.EventDefenseLapsed), "the defense deadline stopped with the case")
}

// 004 §8.9: before judging, the Diretoria Jurídica notifies the supplier with a period of
// its own (10 days from 13/04: 23/04); the supplier's answer by e-mail returns the case to
// the queue; a second notification lapses and returns it too. Only the Diretoria Jurídica
// notifies.
func TestDIJURNotificationsBeforeJudgment_004_8_9(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, loja.Email)
	dijur := func(b workflows.NotifyBeforeJudgment) workflows.Decision {
		return workflows.Decide(b, "Diretor Jurídico (servidor 2)", workflows.RoleDiretorJuridico)
	}
	byAtendente := decideAt(env, local(time.April, 13, 9), workflows.Decide(workflows.NotifyBeforeJudgment{Text: "x", Days: 5}, "", ""))
	tooLong := decideAt(env, local(time.April, 13, 9), dijur(workflows.NotifyBeforeJudgment{Text: "Apresente a nota fiscal.", Days: 400}))
	first := decideAt(env, local(time.April, 13, 10), dijur(workflows.NotifyBeforeJudgment{Text: "Apresente a nota fiscal.", Days: 10}))
	supplierPetitionAt(env, local(time.April, 16, 9), petition.KindNoticeAnswer, loja.Email)
	second := decideAt(env, local(time.April, 17, 10), dijur(workflows.NotifyBeforeJudgment{Text: "Compareça com o laudo técnico.", Days: 5}))
	got := runComplaint(t, env, maria, local(time.April, 24, 0))

	requireRefused(t, byAtendente, workflows.ErrDecisionNotAllowed)
	requireRefused(t, tooLong, workflows.ErrInvalidDecision)
	require.NoError(t, first.rejected)
	require.NoError(t, second.rejected)
	sent := mailsOf(calls, "notificacao_dijur")
	require.Len(t, sent, 2)
	require.Equal(t, loja.Email, sent[0].To)
	require.Contains(t, sent[0].Data.Prazo, "23/04/2026")
	require.Equal(t, "Apresente a nota fiscal.", sent[0].Data.Texto)
	require.Equal(t, "2026-04-16", lastEvent(t, calls, workflows.EventDIJURNoticeAnswered).Payload.RespondidaEm)
	lapsed := lastEvent(t, calls, workflows.EventDIJURNoticeLapsed)
	require.Equal(t, "2026-04-22", lapsed.Payload.Vencimento, "5 days from 17/04 end on 22/04")
	require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status)
	require.Len(t, got.state.Process.DIJURNotices, 2)
}

// 004 §8.2–8.5: a case gathered into a collective process during its defense keeps its
// own 20 days, then waits on the collective process instead of the DIJUR queue; hearings
// are for individual cases only; the consumer may still withdraw.
func TestGroupedCaseWaitsOnTheCollectiveProcess_004_8_4(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	subject := decideAt(env, local(time.April, 9, 9), workflows.Decide(workflows.SetSubject{Subject: "produto_nao_entregue"}, "", ""))
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalGrouped, workflows.Grouping{Number: "PC-2026-000001", WorkflowID: "coletivo/PC-2026-000001",
			By: "Gerente Teste (servidor 3)"})
	}, local(time.April, 10, 9))
	hearing := decideAt(env, local(time.April, 30, 9), hearingOn20April)
	got := runComplaint(t, env, maria, local(time.April, 30, 12))

	require.NoError(t, subject.rejected)
	requireRefused(t, hearing, workflows.ErrDecisionNotAllowed)
	require.Equal(t, "PC-2026-000001", lastEvent(t, calls, workflows.EventGrouped).Payload.ProcessoColetivo)
	lastEvent(t, calls, workflows.EventDefenseLapsed) // the defense ran its course first
	require.Equal(t, workflows.StatusGrouped, got.state.Status)
	require.Equal(t, "PC-2026-000001", got.state.Process.Collective)
	require.Equal(t, "produto_nao_entregue", got.state.Process.Subject)
	require.Empty(t, eventsOf(calls, workflows.EventHearingScheduled))
}

// 004 §8.4: the collective process tells each grouped case, by signal, that it waits on it.
func TestCollectiveProcessTellsEachCase_004_8_4(t *testing.T) {
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(testLogger(t))
	env := suite.NewTestWorkflowEnvironment()
	var told []string
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", workflows.SignalGrouped, mock.Anything).Return(
		func(_, id, _, _ string, arg any) error {
			told = append(told, id+" "+arg.(workflows.Grouping).Number)
			return nil
		})
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	in := workflows.CollectiveInput{Number: "PC-2026-000007", SupplierDoc: loja.Doc, Subject: "juros", Year: 2026,
		Cases: []workflows.GroupedCase{{NA: "NA-2026-000001", WorkflowID: "complaint/NA-2026-000001"},
			{NA: "NA-2026-000002", WorkflowID: "complaint/NA-2026-000002"}}}
	env.ExecuteWorkflow(workflows.CollectiveProcess, in)
	require.Equal(t, []string{"complaint/NA-2026-000001 PC-2026-000007", "complaint/NA-2026-000002 PC-2026-000007"}, told)
}

// opened is a case opened by staff through the API, against loja, at 22:30 on Sunday
// 01/03/2026 in Vitória.
func opened(origin string, notice *workflows.ExOfficioNotice) workflows.ComplaintInput {
	return workflows.ComplaintInput{NA: "NA-2026-000099", ReceivedAt: maria.ReceivedAt, Origin: origin, ExOfficio: notice}
}

// 004 §7.2 IV, §8.15–8.16: a process opened from an auto de infração has no consumer: the
// supplier is notified for its defense at once, and the lapse sends it to judgment; no
// hearing or Cadastro classification applies to it.
func TestInspectionProcessGoesToJudgment_004_7_2_IV(t *testing.T) {
	calls, env := cipEnv(t, loja)
	hearing := decideAt(env, local(time.March, 25, 10), hearingOn20April)
	classify := decideAt(env, local(time.March, 25, 11), gerente(workflows.Decide(workflows.Classify{Classification: workflows.ClassifiedNotAttended, Subject: "x"}, "", "")))
	got := runComplaint(t, env, opened(workflows.OriginInspection, nil), local(time.March, 26, 0))

	require.Empty(t, mailsOf(calls, "recibo"), "no consumer, no receipt")
	require.Equal(t, workflows.OriginInspection, lastEvent(t, calls, workflows.EventProcessOpened).Payload.Origem)
	var notice activities.DefenseNotice
	for _, c := range calls.all() {
		if n, ok := c.arg.(activities.DefenseNotice); ok {
			notice = n
		}
	}
	require.Contains(t, notice.Origin, "auto de infração")
	require.Equal(t, "2026-03-23", notice.Due.Due.String(), "20 days from 01/03 (22:30 in Vitória) end on Saturday 21/03, moved to Monday")
	require.Equal(t, "2026-03-23", lastEvent(t, calls, workflows.EventDefenseLapsed).Payload.Vencimento)
	requireRefused(t, hearing, workflows.ErrDecisionNotAllowed)
	requireRefused(t, classify, workflows.ErrDecisionNotAllowed)
	require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status)
}

// 004 §8.12–8.16: the presidency's notification gives the supplier 20 days; after the
// answer by e-mail the Diretor Presidente decides: archive with a reason, or open a
// process of ofício, which notifies the supplier for its defense.
func TestExOfficioNotification_004_8_12_to_8_16(t *testing.T) {
	notice := &workflows.ExOfficioNotice{Kind: "esclarecimentos", Text: "Esclareça a cobrança de taxa de conveniência.", By: "Presidente (servidor 1)"}
	presidente := func(open bool) workflows.Decision {
		return workflows.Decide(workflows.Presidency{OpenProcess: &open, Reason: "resposta insuficiente"}, "Presidente (servidor 1)", workflows.RoleDiretorPresidente)
	}
	t.Run("answered, then a process", func(t *testing.T) {
		calls, env := cipEnv(t, loja)
		early := decideAt(env, local(time.March, 5, 10), presidente(true))
		supplierPetitionAt(env, local(time.March, 10, 9), petition.KindNoticeAnswer, loja.Email)
		byDIJUR := decideAt(env, local(time.March, 11, 9), workflows.Decide(workflows.Presidency{OpenProcess: new(bool), Reason: "x"}, "", workflows.RoleDiretorJuridico))
		opens := decideAt(env, local(time.March, 11, 10), presidente(true))
		got := runComplaint(t, env, opened(workflows.OriginExOfficioNotice, notice), local(time.March, 12, 0))

		requireRefused(t, early, workflows.ErrDecisionNotAllowed)
		requireRefused(t, byDIJUR, workflows.ErrDecisionNotAllowed)
		require.NoError(t, opens.rejected)
		sent := oneMail(t, calls, "notificacao_oficio")
		require.Equal(t, loja.Email, sent.To)
		require.Contains(t, sent.Data.Prazo, "23/03/2026", "20 days from 01/03 end on Saturday 21/03, moved to Monday")
		require.Equal(t, "2026-03-10", lastEvent(t, calls, workflows.EventExOfficioAnswered).Payload.RespondidaEm)
		require.Equal(t, workflows.StatusAwaitingPresidency, lastEvent(t, calls, workflows.EventPresidencyQueue).Status)
		require.Equal(t, workflows.OriginExOfficio, lastEvent(t, calls, workflows.EventProcessOpened).Payload.Origem)
		require.Equal(t, workflows.StatusAwaitingDefense, got.state.Status)
	})
	t.Run("lapsed, then archived", func(t *testing.T) {
		calls, env := cipEnv(t, loja)
		decideAt(env, local(time.March, 25, 10), presidente(false))
		runToEndWith(t, env, opened(workflows.OriginExOfficioNotice, notice))

		lapsed := lastEvent(t, calls, workflows.EventExOfficioLapsed)
		require.True(t, lapsed.At.Equal(time.Date(2026, 3, 24, 0, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s", lapsed.At)
		end := lastEvent(t, calls, workflows.EventArchivedPresidency)
		require.Equal(t, workflows.StatusArchived, end.Status)
		require.Equal(t, "resposta insuficiente", end.Payload.Motivo)
		require.Empty(t, eventsOf(calls, workflows.EventProcessOpened))
	})
}

// runToEndWith runs a Complaint for in that must end by itself.
func runToEndWith(t *testing.T, env *testsuite.TestWorkflowEnvironment, in workflows.ComplaintInput) {
	t.Helper()
	env.ExecuteWorkflow(workflows.Complaint, in)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
}

// 004 §8.7–8.10: the collective process is judged once by the Diretoria Jurídica: the
// decision is kept with each grouped case and e-mailed to the supplier once; each case
// receives it; the fine runs once, on the lead case, and the lead case is told how it
// ended (here, unpaid: inscribed in Dívida Ativa). Only the Diretoria Jurídica judges.
func TestCollectiveJudgmentReachesEachCase_004_8_7(t *testing.T) {
	calls, env := fineEnv(t)
	env.RegisterWorkflow(workflows.CollectiveProcess)
	var told []workflows.CollectiveJudgment
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", workflows.SignalGrouped, mock.Anything).Return(nil)
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", workflows.SignalCollectiveJudgment, mock.Anything).Return(
		func(_, id, _, _ string, arg any) error {
			cj := arg.(workflows.CollectiveJudgment)
			told = append(told, cj)
			return nil
		})
	judge := func(after time.Duration, role string) *decisionResult {
		got := &decisionResult{}
		env.RegisterDelayedCallback(func() {
			env.UpdateWorkflow(workflows.UpdateDecide, role, &testsuite.TestUpdateCallback{
				OnAccept: func() {}, OnReject: func(err error) { got.rejected = err }, OnComplete: func(any, error) {},
			}, workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentUpheld, FineVRTE: decimal.NewFromInt(5000), Reason: "Cobrança indevida reiterada."}, "Diretor Jurídico (servidor 2)", role))
		}, after)
		return got
	}
	byAtendente := judge(time.Hour, "atendente")
	judge(2*time.Hour, workflows.RoleDiretorJuridico)
	in := workflows.CollectiveInput{Number: "PC-2026-000003", SupplierDoc: loja.Doc, SupplierName: loja.Name, Subject: "cobranca_indevida",
		Year: 2026, Cases: []workflows.GroupedCase{{NA: "NA-2026-000001", WorkflowID: "complaint/NA-2026-000001"},
			{NA: "NA-2026-000002", WorkflowID: "complaint/NA-2026-000002"}, {NA: "NA-2026-000003", WorkflowID: "complaint/NA-2026-000003"}}}
	env.ExecuteWorkflow(workflows.CollectiveProcess, in)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())

	requireRefused(t, byAtendente, workflows.ErrDecisionNotAllowed)
	issued := callsOf[activities.JudgmentRecord](calls)
	require.Len(t, issued, 3, "kept with each case")
	require.Equal(t, []activities.CIPParty{{Doc: loja.Doc, Name: loja.Name, Email: loja.Email}}, issued[0].Suppliers, "e-mailed once, for the collective conduct")
	require.Empty(t, issued[1].Suppliers)
	require.Contains(t, issued[2].Reason, "PC-2026-000003")
	require.Len(t, told, 4)
	require.True(t, told[0].Fining)
	require.False(t, told[1].Fining || told[2].Fining)
	require.True(t, told[3].Closed)
	require.Equal(t, "NA-2026-000001", told[3].Lead)
	require.Equal(t, "inscrita_divida_ativa", told[3].FineOutcome)
	require.Equal(t, "NA-2026-000001", oneCall[activities.DebtInscription](t, calls).NA)
}

// 004 §8.7: a grouped case receives the collective judgment and is archived, pointing to
// the lead case where the fine is collected.
func TestGroupedCaseArchivedByTheCollectiveJudgment_004_8_7(t *testing.T) {
	calls, env := cipEnv(t, loja)
	convertOn8April(env)
	supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, loja.Email)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalGrouped, workflows.Grouping{Number: "PC-2026-000003", WorkflowID: "coletivo/PC-2026-000003"})
	}, local(time.April, 11, 9))
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalCollectiveJudgment, workflows.CollectiveJudgment{Number: "PC-2026-000003",
			Outcome: workflows.JudgmentUpheld, Reason: "Cobrança indevida reiterada.", By: "Diretor Jurídico (servidor 2)", Lead: "NA-2026-000001"})
	}, local(time.April, 20, 9))
	runToEnd(t, env)

	require.Equal(t, "PC-2026-000003", lastEvent(t, calls, workflows.EventJudged).Payload.ProcessoColetivo)
	end := lastEvent(t, calls, workflows.EventProcessClosed)
	require.Equal(t, workflows.StatusArchived, end.Status)
	require.Contains(t, end.Payload.Motivo, "NA-2026-000001")
}

// repeatOffender is a supplier the PrimaryOffender mock finds judged procedente before.
const repeatOffender = "33000167000101"

// 004 §12: a process from an inspection; the Diretoria Jurídica offers a TAC, attesting a
// small company and a small quantity; the supplier signs with terms due on 30/06; staff
// verify them fulfilled and the case is archived. Offered to a process from a complaint,
// or without the attestations, the TAC is refused.
func TestTACSignedAndFulfilledArchives_004_12(t *testing.T) {
	yes := true
	dijur := func(d workflows.Decision) workflows.Decision {
		d.By, d.Role = "Diretor Jurídico (servidor 2)", workflows.RoleDiretorJuridico
		return d
	}
	offerBody := workflows.TACOffer{Micro: &yes, SmallQuantity: &yes, At: time.Date(2026, 4, 10, 14, 0, 0, 0, prazo.AgencyZone), Place: "Sede do PROCON/ES"}
	offer := dijur(workflows.Decide(offerBody, "", ""))
	calls, env := cipEnv(t, loja)
	unattested := dijur(workflows.Decide(workflows.TACOffer{At: offerBody.At, Place: offerBody.Place}, "", ""))
	noAttest := decideAt(env, local(time.March, 25, 9), unattested)
	offered := decideAt(env, local(time.March, 25, 10), offer)
	decideAt(env, local(time.April, 10, 15), dijur(workflows.Decide(workflows.TACSigned{Terms: "Inspeções semanais; curso de capacitação.", ComplianceDate: prazo.MustParseDate("2026-06-30")}, "", "")))
	early := decideAt(env, local(time.April, 11, 10), workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentDismissed, Reason: "x"}, "", workflows.RoleDiretorJuridico))
	decideAt(env, local(time.July, 2, 10), dijur(workflows.Decide(workflows.TACVerified{Resolved: &yes, Reason: "Relatório da fiscalização."}, "", "")))
	runToEndWith(t, env, opened(workflows.OriginInspection, nil))

	requireRefused(t, noAttest, workflows.ErrInvalidDecision)
	require.NoError(t, offered.rejected)
	requireRefused(t, early, workflows.ErrDecisionNotAllowed)
	summoned := oneMail(t, calls, "tac_convocacao")
	require.Equal(t, loja.Email, summoned.To)
	require.Equal(t, "10/04/2026 às 14h00", summoned.Data.DataHora)
	signed := lastEvent(t, calls, workflows.EventTACSigned)
	require.Equal(t, workflows.StatusTACInForce, signed.Status)
	require.Equal(t, "2026-06-30", signed.Deadline.In(prazo.AgencyZone).Format("2006-01-02"))
	due := lastEvent(t, calls, workflows.EventTACVerificationDue)
	require.True(t, due.At.Equal(time.Date(2026, 7, 1, 0, 0, 0, 0, prazo.AgencyZone)), "alert at %s", due.At)
	require.Equal(t, workflows.StatusArchived, lastEvent(t, calls, workflows.EventArchivedTACFulfilled).Status)

	t.Run("not for a complaint, nor a repeat offender", func(t *testing.T) {
		_, env := cipEnv(t, loja)
		convertOn8April(env)
		supplierPetitionAt(env, local(time.April, 10, 9), petition.KindDefense, loja.Email)
		complaint := offerBody
		complaint.At = time.Date(2026, 5, 10, 14, 0, 0, 0, prazo.AgencyZone)
		refused := decideAt(env, local(time.April, 20, 10), dijur(workflows.Decide(complaint, "", "")))
		runComplaint(t, env, maria, local(time.April, 21, 0))
		requireRefused(t, refused, workflows.ErrDecisionNotAllowed)

		calls, env := cipEnv(t, activities.CIPParty{Doc: repeatOffender, Name: "Banco Exemplo", Email: "juridico@banco.example"})
		decideAt(env, local(time.March, 25, 10), offer)
		got := runComplaint(t, env, opened(workflows.OriginInspection, nil), local(time.March, 26, 0))
		require.Contains(t, lastEvent(t, calls, workflows.EventTACRefused).Payload.Motivo, "infrator primário")
		require.Equal(t, workflows.StatusAwaitingJudgment, got.state.Status)
	})
}
