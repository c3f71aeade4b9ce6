package workflows_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// petitionAt signals a petition of Maria's after `after`.
func petitionAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, kind petition.Kind, onRecord bool) {
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(workflows.SignalPetition, workflows.Petition{
			InboundID: int64(after / time.Hour), Mailbox: workflows.MailboxProtocol, Kind: kind, FromPartyOnRecord: onRecord,
		})
	}, after)
}

// runToEnd runs a Complaint that must end by itself, and returns its events' kinds.
func runToEnd(t *testing.T, env *testsuite.TestWorkflowEnvironment) {
	t.Helper()
	env.ExecuteWorkflow(workflows.Complaint, maria)
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError(), "the case ends without error")
}

// 004 Annex IX VI: a consumer who refuses the positive identification, from the address
// on record, cancels the atendimento at once, even while it waits for registration; the
// consumer is told why, and the case ends.
func TestRefusedIdentificationCancels_004_AnexoIX_VI(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	petitionAt(env, 3*24*time.Hour, petition.KindIdentificationRefusal, true)
	runToEnd(t, env)

	e := lastEvent(t, calls, workflows.EventCancelledIdentification)
	require.Equal(t, workflows.StatusCancelled, e.Status)
	require.Nil(t, e.Deadline, "a cancelled case shows no running deadline")
	require.True(t, e.At.Equal(time.Date(2026, 3, 5, 1, 30, 0, 0, time.UTC)), "cancelled at %s", e.At)
	told := lastMail(t, calls)
	require.Equal(t, "atendimento_encerrado", told.Kind)
	require.Equal(t, maria.ConsumerEmail, told.To)
	require.Equal(t, "cancelado", told.Data.Situacao)
	require.Empty(t, eventsOf(calls, workflows.EventRegistrationOverdue), "no registration alert for a cancelled case")
}

// Issue 4, spoofing: a refusal from another address does not cancel; it awaits staff.
func TestIdentificationRefusalFromAnotherAddressDoesNotCancel(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	petitionAt(env, 3*24*time.Hour, petition.KindIdentificationRefusal, false)
	got := runComplaint(t, env, maria, 10*24*time.Hour)
	require.Equal(t, workflows.StatusAwaitingRegistration, got.state.Status)
	require.Equal(t, workflows.IdentificationPending, got.state.Identification)
}

// 004 Annex IX V: with no manifestation of the consumer within 120 dias corridos of the
// form (sent 01/03/2026), the atendimento is archived at the end of the due day, and the
// consumer is told.
func TestNoManifestationArchives_004_AnexoIX_V(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	runToEnd(t, env)

	due, err := prazo.NewVitoriaES().Compute(prazo.NoManifestationArchive.Request(prazo.MustParseDate("2026-03-01")))
	require.NoError(t, err)
	e := lastEvent(t, calls, workflows.EventArchivedNoManifestation)
	require.Equal(t, workflows.StatusArchived, e.Status)
	end := time.Date(due.Due.Year, due.Due.Month, due.Due.Day+1, 0, 0, 0, 0, prazo.AgencyZone)
	require.True(t, e.At.Equal(end), "archived at %s, want the end of %s", e.At, due.Due)
	told := lastMail(t, calls)
	require.Equal(t, "arquivado", told.Data.Situacao)
	require.Len(t, eventsOf(calls, workflows.EventRegistrationOverdue), 1, "the registration alert came first")
}

// 004 Annex IX V–VI: a confirmation from the address on record is the manifestation: the
// case is not archived after 120 days, and shows the identification confirmed. A later
// refusal no longer cancels it.
func TestConfirmedIdentificationKeepsTheCase_004_AnexoIX_VI(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	confirmAt(env, 2*24*time.Hour)
	petitionAt(env, 30*24*time.Hour, petition.KindIdentificationRefusal, true)
	got := runComplaint(t, env, maria, 200*24*time.Hour)
	require.Equal(t, workflows.IdentificationConfirmed, got.state.Identification)
	require.Equal(t, workflows.StatusAwaitingRegistration, got.state.Status)
	require.Empty(t, eventsOf(calls, workflows.EventArchivedNoManifestation))
	require.Empty(t, eventsOf(calls, workflows.EventCancelledIdentification))
}

// 004 Annex IX VI: another petition of the consumer is a manifestation (no archive), but
// the identification is still pending, so a refusal afterwards cancels.
func TestRefusalAfterAnotherManifestationStillCancels(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	petitionAt(env, 2*24*time.Hour, petition.KindConsumerReturn, true)
	petitionAt(env, 60*24*time.Hour, petition.KindIdentificationRefusal, true)
	runToEnd(t, env)
	e := lastEvent(t, calls, workflows.EventCancelledIdentification)
	require.True(t, e.At.Equal(time.Date(2026, 5, 1, 1, 30, 0, 0, time.UTC)), "cancelled at %s", e.At)
}

// eventsOf returns the recorded events of one kind.
func eventsOf(calls *callLog, kind string) []activities.CaseEvent {
	var out []activities.CaseEvent
	for _, c := range calls.all() {
		if e, ok := c.arg.(activities.CaseEvent); ok && e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// lastMail returns the last mail the case sent.
func lastMail(t *testing.T, calls *callLog) activities.Mail {
	t.Helper()
	var found *activities.Mail
	for _, c := range calls.all() {
		if m, ok := c.arg.(activities.Mail); ok {
			found = &m
		}
	}
	require.NotNil(t, found, "no mail sent")
	return *found
}

// 004 §4.4.1 I: the consumer may withdraw at any time by e-mail to the protocol; from
// the address on record the case is closed at once and the consumer told, whether it
// waits for registration or, identification confirmed, for what comes next.
func TestWithdrawalClosesTheCase_004_4_4_1_I(t *testing.T) {
	for name, setup := range map[string]func(env *testsuite.TestWorkflowEnvironment) time.Duration{
		"while waiting for registration": func(env *testsuite.TestWorkflowEnvironment) time.Duration {
			petitionAt(env, 5*24*time.Hour, petition.KindWithdrawal, true)
			return 5 * 24 * time.Hour
		},
		"after the identification was confirmed": func(env *testsuite.TestWorkflowEnvironment) time.Duration {
			confirmAt(env, 24*time.Hour)
			petitionAt(env, 90*24*time.Hour, petition.KindWithdrawal, true)
			return 90 * 24 * time.Hour
		},
	} {
		t.Run(name, func(t *testing.T) {
			calls := &callLog{}
			env := newEnv(t, calls)
			mockSendMail(env, calls, 0)
			at := setup(env)
			runToEnd(t, env)

			e := lastEvent(t, calls, workflows.EventWithdrawn)
			require.Equal(t, workflows.StatusArchived, e.Status)
			require.True(t, e.At.Equal(time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC).Add(at)), "closed at %s", e.At)
			told := lastMail(t, calls)
			require.Equal(t, "arquivado", told.Data.Situacao)
			require.Contains(t, told.Data.Motivo, "baixa")
		})
	}
}
