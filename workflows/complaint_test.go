package workflows_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// maria is a valid atendimento received at 22:30 on 1 March in Vitória (01:30 UTC on
// the 2nd): the receipt must give the agency's date, not UTC's.
var maria = workflows.ComplaintInput{
	NA: "NA-2026-000042", ConsumerName: "Maria da Penha", ConsumerEmail: "maria@example.com",
	ReceivedAt: time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC),
}

// waitingCase is what a test sees of a Complaint some time after it started.
type waitingCase struct {
	running bool
	state   workflows.ComplaintState
	err     error // the workflow's end, once the test cancelled it
	qerr    error // the query's error
}

// runComplaint runs a Complaint for in, lets `after` of workflow time pass, queries it,
// notes whether it still runs, then cancels it so the test ends.
func runComplaint(t *testing.T, env *testsuite.TestWorkflowEnvironment, in workflows.ComplaintInput, after time.Duration) waitingCase {
	t.Helper()
	var got waitingCase
	env.RegisterDelayedCallback(func() {
		// Not the test's goroutine: no require here.
		got.running = !env.IsWorkflowCompleted()
		v, err := env.QueryWorkflow(workflows.QueryState)
		if err == nil {
			err = v.Get(&got.state)
		}
		got.qerr = err
		env.CancelWorkflow()
	}, after)
	env.ExecuteWorkflow(workflows.Complaint, in)
	require.True(t, env.IsWorkflowCompleted())
	got.err = env.GetWorkflowError()
	require.True(t, got.running, "the Complaint ended by itself before %s: %v", after, got.err)
	require.NoError(t, got.qerr, "query %q", workflows.QueryState)
	var canceled *temporal.CanceledError
	require.True(t, errors.As(got.err, &canceled), "the Complaint should end only when cancelled, got %v", got.err)
	return got
}

// product §2, 004 §3.3.1.6: a valid atendimento gets a receipt e-mail. The arrival is on
// the timeline before anything is sent; exactly one receipt goes to the consumer, keyed
// by the NA so retries cannot send a second; its Message-ID is then recorded.
func TestValidAtendimentoGetsOneReceipt(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	start := env.Now()
	got := runComplaint(t, env, maria, time.Hour)

	require.Equal(t, []string{"RecordEvent", "SendMail", "RecordEvent", "StartDeadline", "RecordEvent"}, calls.names())
	all := calls.all()
	arrival, mail, sent := all[0].arg.(activities.CaseEvent), all[1].arg.(activities.Mail), all[2].arg.(activities.CaseEvent)
	wantID := activities.MessageIDFor(activities.CaseMailKey(maria.NA, "recibo", "consumidor"), testMailDomain)

	require.Equal(t, "atendimento_recebido", arrival.Kind)
	require.Equal(t, maria.NA, arrival.NA)
	require.Equal(t, "sistema", arrival.Actor)
	require.Equal(t, workflows.StatusAwaitingRegistration, arrival.Status)
	require.Equal(t, "2026-03-02T01:30:00Z", arrival.Payload.RecebidoEm)
	require.True(t, arrival.At.Equal(start), "event time %s is not workflow time %s", arrival.At, start)

	require.Equal(t, activities.Mail{
		Key: maria.NA + "/recibo/consumidor", NA: maria.NA, Kind: "recibo", To: maria.ConsumerEmail,
		Data: activities.MailData{Destinatario: maria.ConsumerName, RecebidoEm: "01/03/2026"},
	}, mail)

	require.Equal(t, "recibo_enviado", sent.Kind)
	require.Equal(t, maria.NA, sent.NA)
	require.Equal(t, wantID, sent.Payload.IDMensagem)
	require.NotEqual(t, arrival.Key, sent.Key, "two events of a case share the idempotency key %q", sent.Key)

	require.Equal(t, wantID, got.state.ReceiptMessageID)
}

// product §2: the consumer's e-mail is optional. Without it the arrival is recorded and
// the case waits, but no receipt is sent or recorded.
func TestAtendimentoWithoutEmailGetsNoReceipt(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	in := maria
	in.ConsumerEmail = ""
	got := runComplaint(t, env, in, time.Hour)

	require.Equal(t, []string{"RecordEvent", "StartDeadline", "RecordEvent"}, calls.names())
	require.Equal(t, "atendimento_recebido", calls.all()[0].arg.(activities.CaseEvent).Kind)
	require.Equal(t, workflows.StatusAwaitingRegistration, got.state.Status)
	require.Empty(t, got.state.ReceiptMessageID)
}

// 004 §3.3.1.6, §13.1: after the receipt the atendimento waits in the Gerência de
// Atendimento's queue, with 20 dias corridos to be registered, counted from the day
// after its receipt. Maria's arrived on 01/03/2026 in Vitória (02/03 in UTC): the
// deadline is 21/03/2026, a Saturday, so it moves to Monday 23/03 (004 §13.1.2). The
// case shows it, with its rule, and nothing else happens before it lapses.
func TestRegistrationDeadline_004_3_3_1_6_ShownWhileTheCaseWaits(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	got := runComplaint(t, env, maria, 20*24*time.Hour)

	require.Equal(t, workflows.StatusAwaitingRegistration, got.state.Status)
	require.Equal(t, activities.MessageIDFor(activities.CaseMailKey(maria.NA, "recibo", "consumidor"), testMailDomain), got.state.ReceiptMessageID)
	require.False(t, got.state.RegistrationOverdue)
	require.NotNil(t, got.state.Deadline)
	require.Equal(t, "2026-03-23", got.state.Deadline.Due.String())
	require.Equal(t, prazo.MustParseDate("2026-03-01"), got.state.Deadline.Start, "counted from the agency's civil date")

	started := calls.all()[4].arg.(activities.CaseEvent)
	require.Equal(t, workflows.EventDeadlineStarted, started.Kind)
	require.Equal(t, "2026-03-23", started.Deadline.In(prazo.AgencyZone).Format("2006-01-02"))
	require.Contains(t, started.DeadlineRule, "20 dias corridos contados do recebimento em 01/03/2026")
	require.Contains(t, started.DeadlineRule, "prorrogado para 23/03/2026")
	require.Len(t, calls.all(), 5, "nothing more happens while the deadline runs")
}

// 004 §3.3.1.6: a lapsed registration deadline is escalated, not silent: at the end of
// the due day (23/03/2026, agency time) the case records the alert for the gerente and
// shows it, and stays in the queue, still running.
func TestRegistrationDeadline_004_3_3_1_6_LapseAlertsTheGerente(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	got := runComplaint(t, env, maria, 40*24*time.Hour)

	require.True(t, got.state.RegistrationOverdue)
	overdue := lastEvent(t, calls, workflows.EventRegistrationOverdue)
	require.True(t, overdue.At.Equal(time.Date(2026, 3, 24, 0, 0, 0, 0, prazo.AgencyZone)),
		"lapsed at %s, want the end of 23/03/2026 in Vitória", overdue.At)
	require.Equal(t, "gerente_atendimento", overdue.Payload.Alerta)
	require.Equal(t, workflows.StatusAwaitingRegistration, overdue.Status)
}

// Issue 3, 004 §13.1.2: a closure declared after the deadline started still moves it.
// Staff close 23/03/2026 on 10/03; the API signals the case, which moves its timer to
// 24/03 at once and lapses only at the end of that day.
func TestRegistrationDeadline_004_13_1_2_LateClosureMovesTheRunningTimer(t *testing.T) {
	calls := &callLog{}
	cal := &testCalendar{}
	env := newEnvWithCalendar(t, calls, cal)
	mockSendMail(env, calls, 0)
	confirmAt(env, 24*time.Hour) // no 120-day wait follows: the registration deadline stays shown
	env.RegisterDelayedCallback(func() {
		cal.close("2026-03-23", "Ponto facultativo decretado")
		env.SignalWorkflow(workflows.SignalCalendarChanged, workflows.CalendarChange{Date: prazo.MustParseDate("2026-03-23")})
	}, 8*24*time.Hour)
	got := runComplaint(t, env, maria, 40*24*time.Hour)

	moved := lastEvent(t, calls, workflows.EventDeadlineMoved)
	require.Equal(t, "2026-03-23", moved.Payload.VencimentoAnterior)
	require.Equal(t, "2026-03-24", moved.Payload.Vencimento)
	require.Contains(t, moved.DeadlineRule, "prorrogado para 24/03/2026")
	require.True(t, moved.At.Before(time.Date(2026, 3, 11, 0, 0, 0, 0, prazo.AgencyZone)), "moved when told, at %s", moved.At)
	overdue := lastEvent(t, calls, workflows.EventRegistrationOverdue)
	require.True(t, overdue.At.Equal(time.Date(2026, 3, 25, 0, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s", overdue.At)
	require.Equal(t, "2026-03-24", got.state.Deadline.Due.String())
	require.Contains(t, got.state.Deadline.Skipped, prazo.SkippedDay{
		Date: prazo.MustParseDate("2026-03-23"), Reason: "Ponto facultativo decretado", Kind: prazo.SkipClosure,
	})
}

// 004 §13.1.2: a closure whose notification never reached the case still counts: the
// deadline is checked against the calendar of the moment it lapses, so it moves then.
func TestRegistrationDeadline_004_13_1_2_MissedNotificationStillMovesTheDeadline(t *testing.T) {
	calls := &callLog{}
	cal := &testCalendar{}
	env := newEnvWithCalendar(t, calls, cal)
	mockSendMail(env, calls, 0)
	env.RegisterDelayedCallback(func() { cal.close("2026-03-23", "Falta de energia") }, 8*24*time.Hour)
	runComplaint(t, env, maria, 40*24*time.Hour)

	moved := lastEvent(t, calls, workflows.EventDeadlineMoved)
	require.True(t, moved.At.Equal(time.Date(2026, 3, 24, 0, 0, 0, 0, prazo.AgencyZone)), "moved at %s", moved.At)
	overdue := lastEvent(t, calls, workflows.EventRegistrationOverdue)
	require.True(t, overdue.At.Equal(time.Date(2026, 3, 25, 0, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s", overdue.At)
}

// lastEvent returns the last RecordEvent of that kind, failing the test if none.
func lastEvent(t *testing.T, calls *callLog, kind string) activities.CaseEvent {
	t.Helper()
	var found *activities.CaseEvent
	for _, c := range calls.all() {
		if e, ok := c.arg.(activities.CaseEvent); ok && e.Kind == kind {
			found = &e
		}
	}
	require.NotNil(t, found, "no %s event among %v", kind, calls.names())
	return *found
}

// product §8: staff tools find cases in Temporal by NA and status: the Complaint sets the
// typed search attributes CaseNA and CaseStatus, once, before any activity.
func TestCaseIsFindableByNAAndStatus(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	var upserts []temporal.SearchAttributes
	env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		sa := args.Get(0).(temporal.SearchAttributes)
		upserts = append(upserts, sa)
		calls.add("upsert", sa)
	}).Return(nil)
	runComplaint(t, env, maria, time.Hour)

	require.Len(t, upserts, 2, "NA and status, then the registration deadline")
	require.Equal(t, "upsert", calls.names()[0], "search attributes set after an activity")
	due, _ := upserts[1].GetTime(workflows.CaseDeadlineKey)
	require.True(t, due.Equal(time.Date(2026, 3, 23, 0, 0, 0, 0, prazo.AgencyZone)), "CaseDeadline %s", due)
	na, _ := upserts[0].GetKeyword(workflows.CaseNAKey)
	status, _ := upserts[0].GetKeyword(workflows.CaseStatusKey)
	require.Equal(t, maria.NA, na)
	require.Equal(t, workflows.StatusAwaitingRegistration, status)
	require.Equal(t, 2, upserts[0].Size())
}

// product §8 (at most one e-mail per intended message) and the activity policy: a mail
// server that is down delays the receipt, it never drops it, and once it is back the
// receipt leaves within the 30 s cap of the backoff. Every attempt carries the same key,
// and the receipt is recorded once, after the attempt that worked. (The test
// environment gives up after 10 attempts of an unlimited policy, hence 9 failures.)
func TestReceiptRetriedWhileMailServerIsDown(t *testing.T) {
	const failures = 9
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, failures)
	start := env.Now()
	got := runComplaint(t, env, maria, 24*time.Hour)

	var keys []string
	var receipts []activities.CaseEvent
	for _, c := range calls.all() {
		switch a := c.arg.(type) {
		case activities.Mail:
			keys = append(keys, a.Key)
		case activities.CaseEvent:
			if a.Kind == "recibo_enviado" {
				receipts = append(receipts, a)
			}
		}
	}
	require.Len(t, keys, failures+1)
	for _, k := range keys {
		require.Equal(t, activities.CaseMailKey(maria.NA, "recibo", "consumidor"), k)
	}
	require.Len(t, receipts, 1)
	require.Equal(t, "RecordEvent", calls.names()[len(keys)+1], "the receipt is recorded right after the mail")
	waited := receipts[0].At.Sub(start)
	require.Greater(t, waited, time.Duration(0), "retries without backoff")
	require.LessOrEqual(t, waited, failures*30*time.Second, "a retry waited more than the 30 s cap")
	require.Equal(t, receipts[0].Payload.IDMensagem, got.state.ReceiptMessageID)
}

// 004 §14.1: a petition delivered to the case is on its timeline at once, with its kind
// and the stored message it came in, whatever the case is waiting for.
func TestPetitionIsRecordedOnTheTimeline_004_14_1(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{InboundID: 77, Mailbox: workflows.MailboxProtocol, Kind: petition.KindWithdrawal})
	}, 24*time.Hour)
	runComplaint(t, env, maria, 2*24*time.Hour)

	e := lastEvent(t, calls, workflows.EventPetitionReceived)
	require.Equal(t, "desistencia", e.Payload.Tipo)
	require.EqualValues(t, 77, e.Payload.MensagemRecebida)
	// Issue 4: a withdrawal not from the consumer's address on record awaits staff.
	require.Equal(t, false, *e.Payload.RemetenteConfere)
	require.Equal(t, true, *e.Payload.AguardaConfirmacao)
	require.True(t, e.At.Equal(time.Date(2026, 3, 3, 1, 30, 0, 0, time.UTC)), "recorded at %s, not when it arrived", e.At)
}

// confirmAt makes Maria confirm her request from her address on record after `after`
// (positive identification, 004 Annex IX VI).
func confirmAt(env *testsuite.TestWorkflowEnvironment, after time.Duration) {
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{
			InboundID: 900, Mailbox: workflows.MailboxProtocol, Kind: petition.KindConfirmation, FromPartyOnRecord: true,
		})
	}, after)
}
