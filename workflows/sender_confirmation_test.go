package workflows_test

import (
	"errors"
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

// signalAt signals p after `after` of workflow time, arrived at the agency's mailbox
// then (ReceivedAt) unless p says otherwise.
func signalAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, p workflows.Petition) {
	if p.ReceivedAt.IsZero() {
		p.ReceivedAt = maria.ReceivedAt.Add(after)
	}
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(workflows.SignalPetition, p) }, after)
}

// spoofedAnswer is the CIP answer of the issue: from intruso@evil.example, not the CIP
// address loja registered.
func spoofedAnswer(id int64) workflows.Petition {
	return workflows.Petition{InboundID: id, Mailbox: workflows.MailboxProtocol, Kind: petition.KindCIPAnswer,
		CIP: loja.Number, Sender: "intruso@evil.example"}
}

// confirmPetition is staff's confirmation (or, with a reason, discarding) of a petition.
func confirmPetition(env *testsuite.TestWorkflowEnvironment, after time.Duration, id int64, discardReason string) *decisionResult {
	d := workflows.Decide(workflows.ConfirmPetition{Petition: id}, "", "")
	if discardReason != "" {
		d = workflows.Decide(workflows.DiscardPetition{Petition: id, Reason: discardReason}, "", "")
	}
	return decideAt(env, after, d)
}

// Issue 14, 004 §4.3.1: a CIP answer from an address other than the supplier's on
// record does not stop the clock: it is attached, waits in the staff queue with its
// reason, and the CIP keeps awaiting its answer.
func TestSpoofedCIPAnswerKeepsTheClockRunning_Issue14(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	signalAt(env, local(time.April, 1, 10), spoofedAnswer(801))
	got := runComplaint(t, env, maria, local(time.April, 3, 0))

	require.Equal(t, workflows.CIPAwaitingAnswer, got.state.CIPs[0].Status, "the clock keeps running")
	require.Equal(t, workflows.StatusCIPAwaitingAnswer, got.state.Status)
	require.Len(t, got.state.PendingPetitions, 1)
	require.Equal(t, int64(801), got.state.PendingPetitions[0].InboundID)
	require.Equal(t, activities.ReasonNotOnRecord, got.state.PendingPetitions[0].Reason)
	received := lastEvent(t, calls, workflows.EventPetitionReceived)
	require.Equal(t, true, *received.Payload.AguardaConfirmacao)
	require.Equal(t, activities.ReasonNotOnRecord, received.Payload.MotivoConfirmacao)
	require.NotNil(t, received.Review, "the confirmation queue gets the petition")
	require.Equal(t, int64(801), received.Review.InboundID)
	require.Empty(t, eventsOf(calls, workflows.EventCIPAnswered))
	require.Empty(t, mailsOf(calls, "resposta_cip_recebida"), "the consumer is not told of an answer nobody confirmed")
}

// Issue 14, 004 §4.3.1, §4.3.7: staff confirm the answer two days later; the clock
// stopped on the day it arrived (01/04), and the consumer's 90 days run from that day
// (30/06), not from the confirmation.
func TestConfirmedCIPAnswerStopsTheClockOnItsArrivalDay_Issue14(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	signalAt(env, local(time.April, 1, 10), spoofedAnswer(802))
	unknown := confirmPetition(env, local(time.April, 3, 9), 999, "")
	confirmed := confirmPetition(env, local(time.April, 3, 10), 802, "")
	again := confirmPetition(env, local(time.April, 3, 11), 802, "")
	got := runComplaint(t, env, maria, local(time.April, 4, 0))

	var refused *temporal.ApplicationError
	require.True(t, errors.As(unknown.rejected, &refused) && refused.Type() == workflows.ErrDecisionNotAllowed, "%v", unknown.rejected)
	require.NoError(t, confirmed.rejected)
	require.True(t, errors.As(again.rejected, &refused), "a petition is confirmed once: %v", again.rejected)
	require.Empty(t, got.state.PendingPetitions)
	require.Equal(t, workflows.CIPAnswered, got.state.CIPs[0].Status)
	require.Equal(t, "2026-04-01", got.state.CIPs[0].AnsweredOn.String(), "the day it arrived, 004 §4.3.1")
	answered := lastEvent(t, calls, workflows.EventCIPAnswered)
	require.Equal(t, "2026-04-01", answered.Payload.RespondidaEm)
	require.Equal(t, true, *answered.Payload.NoPrazo)
	require.Contains(t, oneMail(t, calls, "prazo_retorno_consumidor").Data.Prazo, "30/06/2026", "90 days from 01/04")
	decided := lastEvent(t, calls, workflows.EventDecision)
	require.NotNil(t, decided.Review)
	require.Equal(t, "confirmar_peticao", decided.Review.Settled)
	require.Equal(t, "Atendente Teste (servidor 7)", decided.Review.By)
}

// Issue 14, 004 §4.3.1, §13.1.2: an answer that arrived on the last day (06/04) from an
// unconfirmed sender holds the lapse until staff decide; confirmed on 09/04, the CIP is
// answered in time and the consumer's return runs: the case never enters the review
// queue.
func TestAnswerArrivedInTimeConfirmedAfterTheLapse_Issue14(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	signalAt(env, local(time.April, 6, 15), spoofedAnswer(803))
	confirmPetition(env, local(time.April, 9, 10), 803, "")
	got := runComplaint(t, env, maria, local(time.April, 10, 0))

	require.Empty(t, eventsOf(calls, workflows.EventCIPExpired))
	require.Empty(t, eventsOf(calls, workflows.EventCIPReview))
	require.Equal(t, workflows.StatusCIPAnswered, got.state.Status)
	require.Equal(t, "2026-04-06", got.state.CIPs[0].AnsweredOn.String())
	require.Equal(t, true, *lastEvent(t, calls, workflows.EventCIPAnswered).Payload.NoPrazo)
}

// Issue 14: a discarded answer changes nothing: the CIP lapses on 06/04 and the case
// goes to the review queue (004 §4.3.5). Discarding asks for a reason.
func TestDiscardedCIPAnswerLetsTheCIPLapse_Issue14(t *testing.T) {
	calls, env := cipEnv(t, loja)
	sendCIPOn14March(env)
	signalAt(env, local(time.April, 1, 10), spoofedAnswer(804))
	noReason := decideAt(env, local(time.April, 2, 9), workflows.Decide(workflows.DiscardPetition{Petition: 804}, "", ""))
	discarded := confirmPetition(env, local(time.April, 2, 10), 804, "o fornecedor informou que não enviou esta mensagem")
	got := runComplaint(t, env, maria, local(time.April, 8, 0))

	var refused *temporal.ApplicationError
	require.True(t, errors.As(noReason.rejected, &refused) && refused.Type() == workflows.ErrInvalidDecision, "%v", noReason.rejected)
	require.NoError(t, discarded.rejected)
	require.Equal(t, workflows.StatusCIPReview, got.state.Status)
	require.Equal(t, workflows.CIPExpired, got.state.CIPs[0].Status)
	require.Empty(t, eventsOf(calls, workflows.EventCIPAnswered))
	require.Equal(t, "descartar_peticao", lastEvent(t, calls, workflows.EventDecision).Review.Settled)
}

// Issue 14, 004 §4.2.1 II–III: a supplier with no address on record got its CIP by hand;
// its answer is taken from any address, flagged for staff on the timeline.
func TestAnswerOfASupplierWithoutAddressIsTakenFlagged_Issue14(t *testing.T) {
	calls, env := cipEnv(t, lojaByHand)
	sendCIPOn14March(env)
	decideAt(env, local(time.March, 16, 10), workflows.Decide(workflows.CIPDelivered{CIP: loja.Number, Means: workflows.MeansInPerson, ReceivedOn: prazo.MustParseDate("2026-03-16")}, "", ""))
	p := spoofedAnswer(805)
	p.Sender, p.NoAddressOnRecord = "contato@loja.example", true
	signalAt(env, local(time.April, 1, 10), p)
	got := runComplaint(t, env, maria, local(time.April, 2, 0))

	require.Equal(t, workflows.CIPAnswered, got.state.CIPs[0].Status)
	require.Empty(t, got.state.PendingPetitions)
	received := lastEvent(t, calls, workflows.EventPetitionReceived)
	require.Equal(t, true, received.Payload.SemEnderecoCadastrado)
	require.Equal(t, false, *received.Payload.AguardaConfirmacao)
	require.Nil(t, received.Review)
}

// Issue 14: from the consumer's address on record but without an authenticated sender,
// a withdrawal does not close the case: it waits for staff with the authentication's
// verdict as its reason.
func TestUnauthenticatedWithdrawalAwaitsStaff_Issue14(t *testing.T) {
	calls, env := cipEnv(t, loja)
	confirmAt(env, local(time.March, 2, 10))
	signalAt(env, local(time.March, 3, 10), workflows.Petition{InboundID: 806, Mailbox: workflows.MailboxProtocol,
		Kind: petition.KindWithdrawal, FromPartyOnRecord: true, SenderFailed: true, SenderAuth: "no aligned signature"})
	got := runComplaint(t, env, maria, local(time.March, 5, 0))

	require.Equal(t, workflows.StatusAwaitingRegistration, got.state.Status, "the case is not closed")
	require.Len(t, got.state.PendingPetitions, 1)
	require.Equal(t, "no aligned signature", got.state.PendingPetitions[0].Reason)
	require.Empty(t, eventsOf(calls, workflows.EventWithdrawn))
	require.Equal(t, "no aligned signature", lastEvent(t, calls, workflows.EventPetitionReceived).Payload.Autenticacao)
}

// Issue 14, 004 §15.2: a waiver from the supplier's address on record with dkim=fail
// changes no fine: no reduction, and the unpaid fine is inscribed in full.
func TestForgedWaiverChangesNoFine_Issue14(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	signalAt(env, local(time.April, 15, 17), workflows.Petition{InboundID: 807, Mailbox: workflows.MailboxDebt, Kind: petition.KindWaiver,
		FromPartyOnRecord: true, Sender: loja.Email, SenderFailed: true, SenderAuth: "dkim=fail"})
	runToEnd(t, env)

	require.Empty(t, mailsOf(calls, "multa_reduzida"))
	debt := oneCall[activities.DebtInscription](t, calls)
	require.Equal(t, "1000", debt.VRTE.String(), "inscribed in full")
}

// Issue 14, 004 §15.2: confirmed by staff three days later, within the appeal window,
// the same waiver takes its 25 % off, with its 30 days counted from the day it arrived
// (10/04 → 10/05, a Sunday: Monday 11/05), not from the confirmation.
func TestConfirmedWaiverCountsFromItsArrival_Issue14(t *testing.T) {
	calls, env := fineEnv(t)
	toJudgmentOn30March(env, "1000")
	signalAt(env, local(time.April, 10, 17), workflows.Petition{InboundID: 808, Mailbox: workflows.MailboxDebt, Kind: petition.KindWaiver,
		FromPartyOnRecord: true, Sender: loja.Email, SenderFailed: true, SenderAuth: "dkim=fail"})
	confirmed := confirmPetition(env, local(time.April, 13, 10), 808, "")
	payAt(env, local(time.May, 8, 10), "3375.00", "DUA-2026-1")
	runToEnd(t, env)

	require.NoError(t, confirmed.rejected)
	reduced := oneMail(t, calls, "multa_reduzida")
	require.Equal(t, "750", reduced.Data.VRTE)
	require.Contains(t, reduced.Data.Pagamento, "11/05/2026", "30 days from the waiver's arrival on 10/04")
}
