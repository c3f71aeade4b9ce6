package workflows_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// call is one activity or child workflow call seen by a test, with its argument.
type call struct {
	name string
	arg  any
}

// callLog records, in order, the calls a workflow under test makes. Mocks run on
// goroutines other than the workflow's, hence the lock.
type callLog struct {
	mu    sync.Mutex
	calls []call
}

// add appends one call.
func (l *callLog) add(name string, arg any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, call{name, arg})
}

// all returns a copy of the calls so far.
func (l *callLog) all() []call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.calls)
}

// names returns the names of the calls so far, in order.
func (l *callLog) names() []string {
	var out []string
	for _, c := range l.all() {
		out = append(out, c.name)
	}
	return out
}

// markCall is the argument of a recorded MarkInbound call.
type markCall struct {
	id      int64
	outcome string
}

// testMailDomain is the Message-ID domain of the mail the mocks "send".
const testMailDomain = "procon.test"

// testCalendar is the agency calendar the ComputeDeadline mock computes with: the
// built-in PROCON/ES holidays plus the closures a test declares while a workflow runs.
type testCalendar struct {
	mu       sync.Mutex
	closures []prazo.Closure
}

// close declares a full-day closure on date (YYYY-MM-DD).
func (c *testCalendar) close(date, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closures = append(c.closures, prazo.Closure{Date: prazo.MustParseDate(date), Kind: prazo.ClosureFullDay, Reason: reason})
}

// compute is what activities.ComputeDeadline does, with this calendar.
func (c *testCalendar) compute(req prazo.Request) (activities.Deadline, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cal, err := prazo.NewVitoriaES().WithClosures(c.closures...)
	if err != nil {
		return activities.Deadline{}, err
	}
	res, err := cal.Compute(req)
	return activities.Deadline{Result: res, Sentence: res.Sentence()}, err
}

// newEnv returns a time-skipping test environment with the project's activities
// registered and RecordEvent and MarkInbound mocked to record their calls in calls,
// and ComputeDeadline computing with the built-in calendar.
func newEnv(t *testing.T, calls *callLog) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	return newEnvWithCalendar(t, calls, &testCalendar{})
}

// newEnvWithCalendar is newEnv with ComputeDeadline computing on cal.
func newEnvWithCalendar(t *testing.T, calls *callLog, cal *testCalendar) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(testLogger(t))
	env := suite.NewTestWorkflowEnvironment()
	env.SetStartTime(time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC))
	acts := &activities.Activities{}
	env.RegisterActivity(acts)
	env.OnActivity(acts.RecordEvent, anyArgs(1)...).Return(func(_ context.Context, e activities.CaseEvent) error {
		calls.add("RecordEvent", e)
		return nil
	}).Maybe()
	env.OnActivity(acts.ComputeDeadline, anyArgs(1)...).Return(func(_ context.Context, req prazo.Request) (activities.Deadline, error) {
		calls.add("ComputeDeadline", req)
		return cal.compute(req)
	}).Maybe()
	env.OnActivity(acts.StartDeadline, anyArgs(1)...).Return(func(_ context.Context, s activities.DeadlineStart) (activities.Deadline, error) {
		calls.add("StartDeadline", s.Request)
		d, err := cal.compute(s.Request)
		if err != nil {
			return d, err
		}
		calls.add("RecordEvent", startedEvent(s, d))
		return d, nil
	}).Maybe()
	env.OnActivity(acts.MarkInbound, anyArgs(2)...).Return(func(_ context.Context, id int64, outcome string) error {
		calls.add("MarkInbound", markCall{id, outcome})
		return nil
	}).Maybe()
	return env
}

// mockSendMail mocks SendMail to record its calls: the first `failures` calls
// fail as an unreachable mail server does, the next ones answer with the Message-ID the
// real activity derives from the key. A mail of a case keyed outside its case (two cases
// would share the key, and the second would never be sent) fails the workflow.
func mockSendMail(env *testsuite.TestWorkflowEnvironment, calls *callLog, failures int) {
	var mu sync.Mutex
	env.OnActivity((&activities.Activities{}).SendMail, anyArgs(1)...).Return(func(_ context.Context, m activities.Mail) (string, error) {
		calls.add("SendMail", m)
		if m.NA != "" && !strings.HasPrefix(m.Key, m.NA+"/") {
			return "", temporal.NewNonRetryableApplicationError("mail key "+m.Key+" is not of case "+m.NA, "test", nil)
		}
		mu.Lock()
		defer mu.Unlock()
		if failures > 0 {
			failures--
			return "", errors.New("dial tcp 127.0.0.1:25: connect: connection refused")
		}
		return activities.MessageIDFor(m.Key, testMailDomain), nil
	}).Maybe()
}

// anyArgs matches any context and n arguments of a mocked activity or workflow.
func anyArgs(n int) []any {
	out := make([]any, n+1)
	for i := range out {
		out[i] = mock.Anything
	}
	return out
}

// childID returns the workflow ID of the running (child) workflow.
func childID(ctx workflow.Context) string { return workflow.GetInfo(ctx).WorkflowExecution.ID }

// testLogger sends the SDK's warnings and errors to the test log (shown with -v or on
// failure) and drops the rest, and anything logged once the test is cleaning up.
func testLogger(t *testing.T) log.Logger {
	w := &testWriter{t: t}
	t.Cleanup(func() { w.done.Store(true) })
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// testWriter writes to the test log until done: SDK goroutines may outlive the test,
// and logging to a finished test panics.
type testWriter struct {
	t    *testing.T
	done atomic.Bool
}

func (w *testWriter) Write(p []byte) (int, error) {
	if !w.done.Load() {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

// startedEvent is the event StartDeadline records for s, as the real activity fills it.
func startedEvent(s activities.DeadlineStart, d activities.Deadline) activities.CaseEvent {
	e := s.Event
	due := d.Due.Midnight(prazo.AgencyZone)
	e.Payload = d.EventData()
	e.Key, e.Deadline, e.DeadlineRule = e.Kind+"/"+d.Due.String(), &due, d.Sentence
	return e
}
