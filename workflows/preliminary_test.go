package workflows_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// Maria's case starts at 22:30 on 01/03/2026 in Vitória; local(d, h) is the workflow time
// from the start to h o'clock of day d of 2026 in Vitória.
func local(month time.Month, day, hour int) time.Duration {
	return time.Date(2026, month, day, hour, 0, 0, 0, prazo.AgencyZone).Sub(maria.ReceivedAt)
}

// loja is the supplier of the tests, with a registered CIP address (004 §4.2.2).
var loja = activities.CIPParty{Number: "CIP-2026-000042-1", Doc: "11222333000181", Name: "Loja Exemplo Ltda", Email: "cip@loja.example"}

// lojaByHand is loja without a registered address: its CIP goes by hand (004 §4.2.1 II).
var lojaByHand = activities.CIPParty{Number: loja.Number, Doc: loja.Doc, Name: loja.Name}

// cipEnv is a time-skipping environment for the preliminary phase: mails and CIP
// activities mocked, the case's suppliers being parties.
func cipEnv(t *testing.T, parties ...activities.CIPParty) (*callLog, *testsuite.TestWorkflowEnvironment) {
	t.Helper()
	return cipEnvWithCalendar(t, &testCalendar{}, parties...)
}

// cipEnvWithCalendar is cipEnv with ComputeDeadline computing on cal.
func cipEnvWithCalendar(t *testing.T, cal *testCalendar, parties ...activities.CIPParty) (*callLog, *testsuite.TestWorkflowEnvironment) {
	t.Helper()
	calls := &callLog{}
	env := newEnvWithCalendar(t, calls, cal)
	mockSendMail(env, calls, 0)
	mockCIP(env, calls, parties...)
	mockProcess(env, calls)
	return calls, env
}

// mockCIP mocks CIPParties to answer parties and SendCIP to record its calls.
func mockCIP(env *testsuite.TestWorkflowEnvironment, calls *callLog, parties ...activities.CIPParty) {
	acts := &activities.Activities{}
	env.OnActivity(acts.CIPParties, anyArgs(1)...).Return(func(_ context.Context, na string) ([]activities.CIPParty, error) {
		calls.add("CIPParties", na)
		return parties, nil
	}).Maybe()
	env.OnActivity(acts.SendCIP, anyArgs(1)...).Return(func(_ context.Context, l activities.CIPLetter) (string, error) {
		calls.add("SendCIP", l)
		return activities.MessageIDFor("cip/"+l.Party.Number, testMailDomain), nil
	}).Maybe()
}

// decisionResult is what a test sees of one staff decision.
type decisionResult struct {
	rejected, failed error
	state            workflows.ComplaintState
}

// decideAt sends a staff decision after `after` of workflow time.
func decideAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, d workflows.Decision) *decisionResult {
	got := &decisionResult{}
	if d.By == "" {
		d.By = "Atendente Teste (servidor 7)"
	}
	if d.Role == "" {
		d.Role = workflows.RoleAtendente
	}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(workflows.UpdateDecide, "", &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { got.rejected = err },
			OnComplete: func(v any, err error) {
				got.failed = err
				if r, ok := v.(workflows.DecisionResult); ok && r.Case != nil {
					got.state = *r.Case
				}
			},
		}, d)
	}, after)
	return got
}

// answerAt signals the supplier's checked answer to a CIP.
func answerAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, number string) {
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{
			InboundID: 500 + int64(after/time.Hour), Mailbox: workflows.MailboxProtocol, Kind: petition.KindCIPAnswer, CIP: number, FromPartyOnRecord: true,
		})
	}, after)
}

// mailsOf returns the mails of one kind, in order.
func mailsOf(calls *callLog, kind string) []activities.Mail {
	var out []activities.Mail
	for _, c := range calls.all() {
		if m, ok := c.arg.(activities.Mail); ok && m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

// oneMail returns the only mail of a kind.
func oneMail(t *testing.T, calls *callLog, kind string) activities.Mail {
	t.Helper()
	got := mailsOf(calls, kind)
	require.Len(t, got, 1, "mails %s", kind)
	return got[0]
}

// sendCIPOn14March: identification confirmed on the 2nd, the CIP decided on Saturday
// 14/03/2026: its 20 dias corridos end on Good Friday 03/04, a holiday, then the weekend,
// so the supplier has until Monday 06/04/2026 (004 §4.3.1, §13.1.2).
func sendCIPOn14March(env *testsuite.TestWorkflowEnvironment) *decisionResult {
	confirmAt(env, local(time.March, 2, 10))
	return decideAt(env, local(time.March, 14, 14), workflows.Decide(workflows.SendCIP{}, "", ""))
}

// 004 §4.2.1 I, §4.1.7, §4.3.1, §4.3.7: the CIP is e-mailed with its due date (Good
// Friday skipped), the consumer gets the declaração de expedição; the supplier answers
// in time, the consumer is told and given 90 days; she accepts by e-mail and the case is
// archived as resolved. Every step is on the timeline with the state it left.
func TestCIPAnsweredAndAccepted_004_4_3_1_and_4_3_7(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sent := sendCIPOn14March(env)
	answerAt(env, local(time.April, 2, 11), loja.Number)
	petitionAt(env, local(time.April, 10, 9), petition.KindAcceptance, true)
	runToEnd(t, env)

	require.NoError(t, sent.rejected)
	require.NoError(t, sent.failed)
	decided := lastEvent(t, calls, workflows.EventDecision)
	require.Equal(t, "Atendente Teste (servidor 7)", decided.Actor, "the decision records who took it")
	require.Equal(t, "enviar_cip", decided.Payload.Tipo)
	require.Empty(t, decided.Status, "a handler's event leaves the case row to the main flow, which it could overwrite")
	require.NotNil(t, decided.Deadline, "the timeline shows the deadline running when staff decided")
	// registration: 20 days from 01/03 end on Saturday 21/03, so Monday 23/03 (004 §3.3.1.6)
	require.Equal(t, "2026-03-23", prazo.DateOf(decided.Deadline.In(prazo.AgencyZone)).String())

	var letter activities.CIPLetter
	for _, c := range calls.all() {
		if l, ok := c.arg.(activities.CIPLetter); ok {
			letter = l
		}
	}
	require.Equal(t, loja, letter.Party)
	require.Equal(t, "2026-03-14", letter.IssuedOn.String())
	require.Equal(t, "2026-04-06", letter.Due.Due.String(), "20 days from 14/03 end on Good Friday, moved to Monday")

	declared := oneMail(t, calls, "declaracao_expedicao_cip")
	require.Equal(t, maria.ConsumerEmail, declared.To)
	require.Equal(t, "CIP-2026-000042-1", declared.Data.Numero)
	require.Contains(t, declared.Data.Prazo, "06/04/2026")
	require.Equal(t, "07/04/2026", declared.Data.Retorno)

	expedited := lastEvent(t, calls, workflows.EventCIPSent)
	require.Equal(t, workflows.StatusCIPAwaitingAnswer, expedited.Status)
	require.Equal(t, "2026-04-06", expedited.Payload.Vencimento)

	answered := lastEvent(t, calls, workflows.EventCIPAnswered)
	require.Equal(t, true, *answered.Payload.NoPrazo)
	require.Equal(t, "2026-04-02", answered.Payload.RespondidaEm)
	told := oneMail(t, calls, "resposta_cip_recebida")
	require.Equal(t, maria.ConsumerEmail, told.To)
	require.Equal(t, true, told.Data.NoPrazo)

	window := oneMail(t, calls, "prazo_retorno_consumidor")
	require.Contains(t, window.Data.Prazo, "01/07/2026", "90 days from the answer on 02/04")
	returnDeadline := eventsOf(calls, workflows.EventDeadlineStarted)
	require.Equal(t, prazo.ConsumerReturn.Name, returnDeadline[len(returnDeadline)-1].Payload.Prazo)
	require.Equal(t, workflows.StatusCIPAnswered, returnDeadline[len(returnDeadline)-1].Status)

	end := lastEvent(t, calls, workflows.EventResolved)
	require.Equal(t, workflows.StatusArchived, end.Status)
	require.Equal(t, "arquivado", lastMail(t, calls).Data.Situacao)
	require.Empty(t, mailsOf(calls, "cip_baixa_fornecedor"), "a resolved case sends no baixa to the supplier")
}

// 004 §4.3.1, §4.3.5, §13.1.2: without an answer the CIP lapses at the end of Monday
// 06/04, not on Good Friday; the case goes to the staff queue, where staff convert it
// into a reclamação, a state the processo administrativo continues from.
func TestCIPWithoutAnswerGoesToTheQueueAndIsConverted_004_4_3_5(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	early := decideAt(env, local(time.April, 3, 12), workflows.Decide(workflows.Convert{Reason: "cedo demais"}, "", ""))
	convert := decideAt(env, local(time.April, 8, 10), workflows.Decide(workflows.Convert{Reason: "sem resposta; indícios de venda sem entrega"}, "", ""))
	got := runComplaint(t, env, maria, local(time.April, 9, 0))

	var refused *temporal.ApplicationError
	require.True(t, errors.As(early.rejected, &refused), "conversion before the lapse must be refused, got %v", early.rejected)
	require.Equal(t, workflows.ErrDecisionNotAllowed, refused.Type())

	lapse := lastEvent(t, calls, workflows.EventCIPExpired)
	require.True(t, lapse.At.Equal(time.Date(2026, 4, 7, 0, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s, want the end of 06/04", lapse.At)
	queued := lastEvent(t, calls, workflows.EventCIPReview)
	require.Equal(t, workflows.StatusCIPReview, queued.Status)
	require.NoError(t, convert.rejected)
	converted := lastEvent(t, calls, workflows.EventConverted)
	require.Equal(t, workflows.StatusConverted, converted.Status)
	require.Equal(t, "Atendente Teste (servidor 7)", converted.Actor)
	require.Equal(t, workflows.StatusAwaitingDefense, got.state.Status, "the processo administrativo opened from the conversion (004 §7.2 II)")
	require.Equal(t, workflows.CIPExpired, got.state.CIPs[0].Status)
	require.Equal(t, maria.ConsumerEmail, oneMail(t, calls, "convertido_reclamacao").To)
	for _, e := range eventsOf(calls, workflows.EventDecision) {
		require.NotEqual(t, "cedo demais", e.Payload.Motivo, "a refused decision leaves no trace")
	}
}

// 004 §4.3.7, §4.4.1 II: a timely answer and no return within 90 days: "baixa por
// ausência de interesse", archived by itself, and both parties told.
func TestNoReturnIn90DaysArchivesAndTellsBothParties_004_4_3_7(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	answerAt(env, local(time.April, 2, 11), loja.Number)
	runToEnd(t, env)

	end := lastEvent(t, calls, workflows.EventArchivedNoInterest)
	require.Equal(t, workflows.StatusArchived, end.Status)
	require.True(t, end.At.Equal(time.Date(2026, 7, 2, 0, 0, 0, 0, prazo.AgencyZone)), "archived at %s, want the end of 01/07", end.At)
	supplier := oneMail(t, calls, "cip_baixa_fornecedor")
	require.Equal(t, loja.Email, supplier.To)
	consumer := lastMail(t, calls)
	require.Equal(t, maria.ConsumerEmail, consumer.To)
	require.Contains(t, consumer.Data.Motivo, "ausência de interesse")
}

// 004 §4.3.7 ("salvo se constatada a ocorrência de prática infrativa"): with evidence of
// an infraction marked, no return sends the case to the staff queue instead; staff then
// archive it with a reason.
func TestNoReturnWithInfractionGoesToTheQueue_004_4_4_1_II(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	answerAt(env, local(time.April, 2, 11), loja.Number)
	decideAt(env, local(time.April, 20, 10), workflows.Decide(workflows.Infraction{Reason: "cobrança em duplicidade recorrente"}, "", ""))
	archive := decideAt(env, local(time.July, 3, 10), workflows.Decide(workflows.Archive{Reason: "encaminhado à fiscalização"}, "", ""))
	runToEnd(t, env)

	require.NoError(t, archive.rejected)
	require.Empty(t, eventsOf(calls, workflows.EventArchivedNoInterest))
	queued := lastEvent(t, calls, workflows.EventCIPReview)
	require.Contains(t, queued.Payload.Motivo, "indício de infração")
	end := lastEvent(t, calls, workflows.EventArchivedByStaff)
	require.Equal(t, "encaminhado à fiscalização", end.Payload.Motivo)
	require.Empty(t, mailsOf(calls, "cip_baixa_fornecedor"))
}

// 004 §4.2.1 II–III: a supplier without a registered address gets its CIP by hand; the
// case waits for staff to record the receipt, and the 20 days run from that date
// (16/03 + 20 = Sunday 05/04, so Monday 06/04). The consumer's declaração gives it.
func TestCIPDeliveredByHandCountsFromItsReceipt_004_4_2_1(t *testing.T) {
	calls, env := cipEnv(t, lojaByHand)
	sendCIPOn14March(env)
	future := decideAt(env, local(time.March, 17, 9), workflows.Decide(workflows.CIPDelivered{CIP: loja.Number, Means: workflows.MeansInPerson, ReceivedOn: prazo.MustParseDate("2026-03-18")}, "", ""))
	wrongCIP := decideAt(env, local(time.March, 17, 9), workflows.Decide(workflows.CIPDelivered{CIP: "CIP-2026-000042-2", Means: workflows.MeansInPerson, ReceivedOn: prazo.MustParseDate("2026-03-16")}, "", ""))
	delivered := decideAt(env, local(time.March, 17, 10), workflows.Decide(workflows.CIPDelivered{CIP: loja.Number, Means: workflows.MeansRegistered,
		ReceivedOn: prazo.MustParseDate("2026-03-16"), Tracking: "BR123456789BR"}, "", ""))
	var waiting workflows.ComplaintState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(workflows.QueryState)
		if err == nil {
			_ = v.Get(&waiting)
		}
	}, local(time.March, 16, 12))
	got := runComplaint(t, env, maria, local(time.March, 20, 0))

	require.Equal(t, workflows.StatusCIPAwaitingDelivery, waiting.Status)
	require.Error(t, future.rejected, "a receipt in the future is refused")
	require.Error(t, wrongCIP.rejected, "a CIP the case does not have is refused")
	require.NoError(t, delivered.rejected)
	for _, c := range calls.all() {
		require.NotEqual(t, "SendCIP", c.name, "no e-mail to a supplier without a registered address")
	}
	require.Equal(t, workflows.StatusCIPAwaitingAnswer, got.state.Status)
	cp := got.state.CIPs[0]
	require.Equal(t, workflows.MeansRegistered, cp.Means)
	require.Equal(t, "2026-04-06", cp.Due.String())
	declared := oneMail(t, calls, "declaracao_expedicao_cip")
	require.Equal(t, "16/03/2026", declared.Data.RecebidoEm)
	require.Contains(t, declared.Data.Prazo, "06/04/2026")
	require.Equal(t, "2026-04-06", got.state.Deadline.Due.String(), "the case shows the CIP's deadline")
	decided := lastEvent(t, calls, workflows.EventDecision)
	require.Equal(t, "entrega_cip", decided.Payload.Tipo)
	require.JSONEq(t, `{"cip": "CIP-2026-000042-1", "meio": "carta_registrada", "recebida_em": "2026-03-16", "codigo_rastreio": "BR123456789BR"}`,
		string(decided.Payload.Campos), "the AR's tracking code is kept on the timeline")
}

// product §3, 004 §4.3.8, §3.3.1.5: the decisions that end a case at registration, each
// telling the consumer why; a phone contact that did not resolve sends the CIP.
func TestRegistrationDecisionsThatEndTheCase(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		name     string
		decision workflows.Decision
		event    string
		status   string
		reason   string
	}{
		{"incompetencia_004_4_3_8", workflows.Decide(workflows.Incompetence{Reason: "contrato de locação entre particulares"}, "", ""),
			workflows.EventArchivedIncompetence, workflows.StatusArchived, "contrato de locação entre particulares"},
		{"cancelamento_004_3_3_1_5", workflows.Decide(workflows.Cancel{MissingDocuments: []string{"selfie segurando o documento", "comprovante"}}, "", ""),
			workflows.EventCancelledMissingDocuments, workflows.StatusCancelled, "selfie segurando o documento; comprovante"},
		{"contato_resolvido", workflows.Decide(workflows.PhoneContact{Resolved: &yes}, "", ""),
			workflows.EventResolvedByPhone, workflows.StatusArchived, "contato telefônico"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls, env := cipEnv(t, loja)
			confirmAt(env, local(time.March, 2, 10))
			decideAt(env, local(time.March, 5, 10), tc.decision)
			runToEnd(t, env)
			end := lastEvent(t, calls, tc.event)
			require.Equal(t, tc.status, end.Status)
			told := lastMail(t, calls)
			require.Equal(t, "atendimento_encerrado", told.Kind)
			require.Contains(t, told.Data.Motivo, tc.reason)
			require.Empty(t, eventsOf(calls, workflows.EventCIPSent))
		})
	}
	t.Run("contato_nao_resolvido_envia_cip", func(t *testing.T) {
		calls, env := cipEnv(t, loja)
		confirmAt(env, local(time.March, 2, 10))
		decideAt(env, local(time.March, 5, 10), workflows.Decide(workflows.PhoneContact{Resolved: &no}, "", ""))
		got := runComplaint(t, env, maria, local(time.March, 6, 0))
		require.Equal(t, workflows.StatusCIPAwaitingAnswer, got.state.Status)
		require.Len(t, eventsOf(calls, workflows.EventCIPSent), 1)
	})
}

// Issue 5: a decision the state does not allow is refused before it reaches the history:
// a CIP before the consumer confirmed the request (004 Annex IX VI), a second
// registration, accepting an answer that never came, an unknown kind.
func TestDecisionsTheStateDoesNotAllowAreRefused(t *testing.T) {
	calls, env := cipEnv(t, loja)
	tooSoon := decideAt(env, local(time.March, 2, 9), workflows.Decide(workflows.SendCIP{}, "", ""))
	confirmAt(env, local(time.March, 2, 10))
	first := decideAt(env, local(time.March, 3, 10), workflows.Decide(workflows.SendCIP{}, "", ""))
	again := decideAt(env, local(time.March, 3, 11), workflows.Decide(workflows.Incompetence{Reason: "x"}, "", ""))
	accept := decideAt(env, local(time.March, 4, 10), workflows.Decide(workflows.ConsumerReturn{Accepts: new(bool)}, "", ""))
	unsatisfied := decideAt(env, local(time.March, 4, 10), workflows.Decide(workflows.Unsatisfactory{Reason: "x"}, "", ""))
	unknown := decideAt(env, local(time.March, 4, 11), workflows.Decision{Kind: "aprovar_tudo"})
	nobody := decideAt(env, local(time.March, 4, 11), workflows.Decide(workflows.Infraction{Reason: "x"}, " ", ""))
	got := runComplaint(t, env, maria, local(time.March, 5, 0))

	for name, tc := range map[string]struct {
		r    *decisionResult
		code string
	}{
		"cip before identification":    {tooSoon, workflows.ErrIdentificationPending},
		"second registration":          {again, workflows.ErrDecisionNotAllowed},
		"accept an answer never given": {accept, workflows.ErrDecisionNotAllowed},
		"judge an answer never given":  {unsatisfied, workflows.ErrDecisionNotAllowed},
		"unknown kind":                 {unknown, workflows.ErrInvalidDecision},
		"without who decided":          {nobody, workflows.ErrInvalidDecision},
	} {
		var app *temporal.ApplicationError
		require.True(t, errors.As(tc.r.rejected, &app), "%s: got %v", name, tc.r.rejected)
		require.Equal(t, tc.code, app.Type(), name)
		require.NotEmpty(t, app.Message(), name)
	}
	require.NoError(t, first.rejected)
	require.Len(t, eventsOf(calls, workflows.EventDecision), 1, "only the accepted decision is on the timeline")
	require.Equal(t, workflows.StatusCIPAwaitingAnswer, got.state.Status)
}

// 004 §4.3.5–4.3.6: staff judge the answer unsatisfactory, the case goes to the queue,
// and the consumer's own conversion request by e-mail converts it. A late answer to a
// lapsed CIP is kept, marked late.
func TestUnsatisfactoryAnswerThenConsumerAsksConversion_004_4_3_6(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	answerAt(env, local(time.March, 20, 11), loja.Number)
	decideAt(env, local(time.March, 25, 10), workflows.Decide(workflows.Unsatisfactory{Reason: "não trata do reembolso"}, "", ""))
	petitionAt(env, local(time.March, 27, 10), petition.KindConversion, true)
	got := runComplaint(t, env, maria, local(time.March, 28, 0))

	queued := lastEvent(t, calls, workflows.EventCIPReview)
	require.True(t, strings.Contains(queued.Payload.Motivo, "não trata do reembolso"))
	converted := lastEvent(t, calls, workflows.EventConverted)
	require.Equal(t, "consumidor", converted.Actor)
	require.Equal(t, workflows.StatusAwaitingDefense, got.state.Status, "the processo administrativo opened from the conversion (004 §7.2 II)")
}

// A late answer (after the lapse) is recorded as such and the consumer told it is late;
// the case stays in the queue.
func TestLateAnswerIsKeptAsLate(t *testing.T) {
	calls, env := cipEnv(t, loja, activities.CIPParty{Number: "CIP-2026-000042-2", Doc: "52998224725", Name: "João Vendedor"})
	sendCIPOn14March(env)
	decideAt(env, local(time.March, 20, 10), workflows.Decide(workflows.CIPDelivered{CIP: "CIP-2026-000042-2", Means: workflows.MeansInPerson, ReceivedOn: prazo.MustParseDate("2026-03-20")}, "", ""))
	answerAt(env, local(time.April, 5, 10), "CIP-2026-000042-2") // in time for the second (due 09/04)
	answerAt(env, local(time.April, 8, 10), loja.Number)         // after the first lapsed (06/04)
	got := runComplaint(t, env, maria, local(time.April, 12, 0))

	require.Equal(t, workflows.StatusCIPReview, got.state.Status)
	answers := eventsOf(calls, workflows.EventCIPAnswered)
	require.Len(t, answers, 2)
	byNumber := map[any]any{}
	for _, e := range answers {
		byNumber[e.Payload.Numero] = *e.Payload.NoPrazo
	}
	require.Equal(t, map[any]any{"CIP-2026-000042-2": true, loja.Number: false}, byNumber)
	require.Equal(t, "2026-04-09", got.state.CIPs[1].Due.String())
}

// 004 §4.2.1 II–III: a delivery made outside the system is recorded afterwards; when its
// 20 days are already over, the CIP lapses at once and the case goes to the queue.
func TestDeliveryRecordedLateLapsesAtOnce_004_4_3_1(t *testing.T) {
	calls, env := cipEnv(t, lojaByHand)
	sendCIPOn14March(env)
	decideAt(env, local(time.April, 20, 10), workflows.Decide(workflows.CIPDelivered{CIP: loja.Number, Means: workflows.MeansRegistered, ReceivedOn: prazo.MustParseDate("2026-03-16")}, "", ""))
	got := runComplaint(t, env, maria, local(time.April, 20, 11))

	require.Equal(t, workflows.StatusCIPReview, got.state.Status)
	lapse := lastEvent(t, calls, workflows.EventCIPExpired)
	require.Equal(t, "2026-04-06", lapse.Payload.Vencimento)
	require.True(t, lapse.At.Equal(time.Date(2026, 4, 20, 10, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s, at once", lapse.At)
}

// A supplier that answers a CIP before staff recorded its delivery did receive it: the
// answer counts, in time, and no deadline or declaração is started for it afterwards.
func TestAnswerBeforeTheDeliveryIsRecordedCounts(t *testing.T) {
	calls, env := cipEnv(t, lojaByHand)
	sendCIPOn14March(env)
	answerAt(env, local(time.March, 18, 10), loja.Number)
	got := runComplaint(t, env, maria, local(time.March, 19, 0))

	require.Equal(t, workflows.StatusCIPAnswered, got.state.Status)
	require.Equal(t, workflows.CIPAnswered, got.state.CIPs[0].Status)
	require.Empty(t, mailsOf(calls, "declaracao_expedicao_cip"), "no declaração for a CIP already answered")
	require.Equal(t, true, *lastEvent(t, calls, workflows.EventCIPAnswered).Payload.NoPrazo)
}
