package workflows_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// updateResult is what a test sees of one Update.
type updateResult struct {
	rejected error
	result   activities.Deadline
	failed   error
}

// updateAt sends a Complaint Update after `after` of workflow time.
func updateAt(env *testsuite.TestWorkflowEnvironment, after time.Duration, name, id string, arg any) *updateResult {
	got := &updateResult{}
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { got.rejected = err },
			OnComplete: func(v any, err error) {
				got.failed = err
				if d, ok := v.(activities.Deadline); ok {
					got.result = d
				}
			},
		}, arg)
	}, after)
	return got
}

// flood is the force majeure of the tests: five days, 10 to 14/03/2026.
var flood = workflows.SuspensionRequest{
	Suspension: prazo.Suspension{
		Start: prazo.MustParseDate("2026-03-10"), End: prazo.MustParseDate("2026-03-14"),
		Reason: "Enchente na sede", Act: "Portaria 12/2026",
	},
	By: "Gerente Teste",
}

// 004 §13.4: force majeure declared by staff suspends the running deadline, which
// resumes with the days that were left. Maria's registration deadline (20 dias corridos
// from 01/03/2026) had counted 8 days (02–09/03) when the agency closed for a flood
// from 10 to 14/03; the 12 days left run from 15/03, so it ends on 26/03/2026 instead
// of 23/03, and lapses only at the end of that day.
func TestRegistrationDeadline_004_13_4_SuspensionResumesWithTheDaysLeft(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	confirmAt(env, 24*time.Hour) // no 120-day wait follows: the registration deadline stays shown
	upd := updateAt(env, 5*24*time.Hour, workflows.UpdateDeclareSuspension, "req-1", flood)
	got := runComplaint(t, env, maria, 40*24*time.Hour)

	require.NoError(t, upd.rejected)
	require.NoError(t, upd.failed)
	require.Equal(t, "2026-03-26", upd.result.Due.String(), "the Update answers the recomputed deadline")
	require.Len(t, upd.result.Suspensions, 1)
	require.Equal(t, 12, upd.result.Suspensions[0].DaysLeft)

	declared := lastEvent(t, calls, workflows.EventSuspensionDeclared)
	require.Equal(t, "Gerente Teste", declared.Actor)
	require.Equal(t, "Enchente na sede", declared.Payload.Motivo)
	moved := lastEvent(t, calls, workflows.EventDeadlineMoved)
	require.Equal(t, "2026-03-23", moved.Payload.VencimentoAnterior)
	require.Contains(t, moved.DeadlineRule, "suspenso por força maior de 10/03/2026 a 14/03/2026 (Enchente na sede)")
	overdue := lastEvent(t, calls, workflows.EventRegistrationOverdue)
	require.True(t, overdue.At.Equal(time.Date(2026, 3, 27, 0, 0, 0, 0, prazo.AgencyZone)), "lapsed at %s", overdue.At)
	require.Equal(t, "2026-03-26", got.state.Deadline.Due.String())
}

// 004 §13.4: a suspension is refused, and leaves no trace, when it is malformed or when
// no deadline runs (here the registration deadline lapsed on 23/03, and the consumer
// had confirmed, so no 120-day wait runs).
func TestSuspensionRefusedWithoutRunningDeadlineOrWhenMalformed(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	backwards := flood
	backwards.Suspension.End = prazo.MustParseDate("2026-03-09")
	confirmAt(env, 24*time.Hour)
	malformed := updateAt(env, 5*24*time.Hour, workflows.UpdateDeclareSuspension, "req-1", backwards)
	late := updateAt(env, 30*24*time.Hour, workflows.UpdateDeclareSuspension, "req-2", flood)
	runComplaint(t, env, maria, 40*24*time.Hour)

	for name, u := range map[string]*updateResult{"malformed": malformed, "no deadline": late} {
		var app *temporal.ApplicationError
		require.True(t, errors.As(u.rejected, &app), "%s: rejected with %v", name, u.rejected)
	}
	var app *temporal.ApplicationError
	require.True(t, errors.As(malformed.rejected, &app))
	require.Equal(t, workflows.ErrInvalidSuspension, app.Type())
	require.True(t, errors.As(late.rejected, &app))
	require.Equal(t, workflows.ErrNoRunningDeadline, app.Type())
	for _, c := range calls.all() {
		if e, ok := c.arg.(activities.CaseEvent); ok {
			require.NotEqual(t, workflows.EventSuspensionDeclared, e.Kind, "a refused suspension was recorded")
		}
	}
}

// 004 §13.4: staff may suspend a deadline as soon as the case shows it. The deadline is
// running before its event reaches the timeline, so an Update that arrives while that
// event is being recorded (here it takes an hour), or, since "start-deadline", while the
// deadline is computed and shown, is applied, not refused.
func TestSuspensionAcceptedWhileTheDeadlineIsBeingShown(t *testing.T) {
	calls := &callLog{}
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(testLogger(t))
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC))
	acts := &activities.Activities{}
	env.RegisterActivity(acts)
	slowStart := mock.MatchedBy(func(e activities.CaseEvent) bool { return e.Kind == workflows.EventDeadlineStarted })
	env.OnActivity(acts.RecordEvent, mock.Anything, slowStart).After(time.Hour).Return(nil)
	env.OnActivity(acts.RecordEvent, anyArgs(1)...).Return(func(_ context.Context, e activities.CaseEvent) error {
		calls.add("RecordEvent", e)
		return nil
	}).Maybe()
	cal := &testCalendar{}
	env.OnActivity(acts.ComputeDeadline, anyArgs(1)...).Return(func(_ context.Context, req prazo.Request) (activities.Deadline, error) {
		return cal.compute(req)
	}).Maybe()
	env.OnActivity(acts.StartDeadline, anyArgs(1)...).After(time.Hour).Return(func(_ context.Context, s activities.DeadlineStart) (activities.Deadline, error) {
		return cal.compute(s.Request)
	}).Maybe()
	mockSendMail(env, calls, 0)
	upd := updateAt(env, 30*time.Minute, workflows.UpdateDeclareSuspension, "req-1", flood)
	runComplaint(t, env, maria, 2*24*time.Hour)

	require.NoError(t, upd.rejected)
	require.NoError(t, upd.failed)
	require.Equal(t, "2026-03-26", upd.result.Due.String())
}
