package workflows_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// accepted is what intake answers for a valid atendimento.
var accepted = activities.IntakeOutcome{
	Accepted: true, NA: maria.NA, ConsumerName: maria.ConsumerName, ConsumerEmail: maria.ConsumerEmail,
	ReceivedAt: maria.ReceivedAt,
}

// startedCase is the workflow ID and input a Complaint child started with.
type startedCase struct {
	id string
	in workflows.ComplaintInput
}

// mockIntake answers ProcessIntake with out and records the call.
func mockIntake(env *testsuite.TestWorkflowEnvironment, calls *callLog, out activities.IntakeOutcome) {
	env.OnActivity((&activities.Activities{}).ProcessIntake, anyArgs(1)...).Return(func(_ context.Context, id int64) (activities.IntakeOutcome, error) {
		calls.add("ProcessIntake", id)
		return out, nil
	}).Maybe()
}

// mockComplaint replaces the Complaint child by one that records its ID and input and
// ends at once.
func mockComplaint(env *testsuite.TestWorkflowEnvironment, calls *callLog) {
	env.OnWorkflow(workflows.Complaint, anyArgs(1)...).Return(func(ctx workflow.Context, in workflows.ComplaintInput) error {
		calls.add("Complaint", startedCase{childID(ctx), in})
		return nil
	}).Maybe()
}

// childSeen is what a test saw of the (real) Complaint child some time after its start.
type childSeen struct {
	id            string
	checked       bool
	parentEnded   bool
	err, queryErr error
	state         workflows.ComplaintState
}

// runAccepted runs InboundMail for message 41 of the intake mailbox with the real
// Complaint as child: it records the child's start in calls, looks at the child
// `after` of workflow time, then cancels it so the test ends. It returns the outcome.
func runAccepted(t *testing.T, env *testsuite.TestWorkflowEnvironment, calls *callLog, after time.Duration) (string, childSeen) {
	t.Helper()
	env.RegisterWorkflow(workflows.Complaint)
	env.SetOnChildWorkflowStartedListener(func(info *workflow.Info, _ workflow.Context, args converter.EncodedValues) {
		var in workflows.ComplaintInput
		_ = args.Get(&in)
		calls.add("Complaint", startedCase{info.WorkflowExecution.ID, in})
	})
	var seen childSeen
	env.RegisterDelayedCallback(func() {
		// Not the test's goroutine: no require here. The child is looked up by the ID
		// it started with, so that a wrong ID fails the assertions, not the harness.
		for _, c := range calls.all() {
			if started, ok := c.arg.(startedCase); ok {
				seen.id = started.id
			}
		}
		if seen.id == "" {
			return
		}
		seen.checked, seen.parentEnded = true, env.IsWorkflowCompleted()
		seen.err = env.GetWorkflowErrorByID(seen.id)
		v, err := env.QueryWorkflowByID(seen.id, workflows.QueryState)
		if err == nil {
			err = v.Get(&seen.state)
		}
		seen.queryErr = err
		env.CancelWorkflowByID(seen.id, "")
	}, after)
	outcome := runInbound(t, env, workflows.MailboxIntake, 41)
	require.True(t, seen.checked, "the case's workflow was gone before %s", after)
	return outcome, seen
}

// indexOf returns the position of the first call named name, or -1.
func indexOf(calls []string, name string) int {
	for i, c := range calls {
		if c == name {
			return i
		}
	}
	return -1
}

// runInbound runs InboundMail for one message to its end and returns its outcome.
func runInbound(t *testing.T, env *testsuite.TestWorkflowEnvironment, mailbox string, id int64) string {
	t.Helper()
	env.ExecuteWorkflow(workflows.InboundMail, workflows.InboundMailInput{InboundID: id, Mailbox: mailbox})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var outcome string
	require.NoError(t, env.GetWorkflowResult(&outcome))
	return outcome
}

// product §2 and §8: an accepted atendimento becomes a case whose Complaint workflow ID is
// derived from its NA; the message is marked processed with the NA, once the case's
// workflow has started.
func TestAcceptedAtendimentoStartsItsCase(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	mockIntake(env, calls, accepted)

	outcome, _ := runAccepted(t, env, calls, time.Hour)

	require.Equal(t, maria.NA, outcome)
	names := calls.names()
	started, marked := indexOf(names, "Complaint"), indexOf(names, "MarkInbound")
	require.Equal(t, 0, indexOf(names, "ProcessIntake"), "calls %v", names)
	require.Positive(t, started, "no case started: calls %v", names)
	require.Greater(t, marked, started, "message marked before its case started: calls %v", names)
	got := calls.all()
	require.Equal(t, int64(41), got[0].arg)
	require.Equal(t, startedCase{workflowid.Complaint(maria.NA), maria}, got[started].arg)
	require.Equal(t, markCall{41, maria.NA}, got[marked].arg)
	require.Equal(t, 1, count(names, "Complaint"))
	require.Equal(t, 1, count(names, "MarkInbound"))
}

// product §8: each complaint is one long-running workflow. The Complaint is started as an
// abandoned child: two days after the message's workflow ended, the case still runs
// (it was not terminated with its parent) and awaits registration.
func TestCaseOutlivesItsInboundMessage(t *testing.T) {
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	mockIntake(env, calls, accepted)

	_, seen := runAccepted(t, env, calls, 48*time.Hour)

	require.True(t, seen.parentEnded, "the message's workflow should have ended")
	require.NoError(t, seen.err, "the case's workflow ended with its parent")
	require.NoError(t, seen.queryErr)
	require.Equal(t, workflows.StatusAwaitingRegistration, seen.state.Status)
	require.Equal(t, maria.NA, seen.state.NA)
}

// count returns how many calls are named name.
func count(calls []string, name string) int {
	n := 0
	for _, c := range calls {
		if c == name {
			n++
		}
	}
	return n
}

// product §2, 004 §3.3.1.5: an atendimento with a missing field or document is cancelled
// and the sender told why: the reply intake wrote is sent as it is, no case starts, and
// the message is marked "cancelado".
func TestRefusedAtendimentoIsCancelledWithReply(t *testing.T) {
	reply := activities.Mail{
		Key: "cancelamento/inbound/41", Kind: "atendimento_cancelado", To: "joao@example.com",
		Data: activities.MailData{Assunto: "Atendimento eletrônico", Corpo: "Faltam o CPF e o RG."},
	}
	calls := &callLog{}
	env := newEnv(t, calls)
	mockSendMail(env, calls, 0)
	mockIntake(env, calls, activities.IntakeOutcome{Reply: &reply})
	mockComplaint(env, calls)

	outcome := runInbound(t, env, workflows.MailboxIntake, 41)

	require.Equal(t, "cancelado", outcome)
	require.Equal(t, []string{"ProcessIntake", "SendMail", "MarkInbound"}, calls.names())
	require.Equal(t, reply, calls.all()[1].arg)
	require.Equal(t, markCall{41, "cancelado"}, calls.all()[2].arg)
}

// product §1, 004 §14.3: a message of the protocol or debt mailbox starts no case. When it
// names an existing case it is delivered to that case's workflow as a petition, with
// its kind; when it names none, the sender gets the reply the router prepared; when the
// case's workflow has ended, the sender is told the case is closed.
func TestPetitionsAreRoutedToTheirCase_004_14_3(t *testing.T) {
	delivered := activities.PetitionRoute{NA: maria.NA, WorkflowID: "complaint/" + maria.NA, Kind: petition.KindWithdrawal, ReplyTo: "maria@example.com"}
	spoofed := delivered
	spoofed.ReplyTo = "impostor@example.net"
	spoofed.NotifyParty = &activities.Mail{Key: "peticao-a-confirmar/inbound/7", Kind: "peticao_a_confirmar", To: maria.ConsumerEmail}
	noNumber := activities.PetitionRoute{Kind: petition.KindGeneric, ReplyTo: "joao@example.com", Refused: activities.OutcomeNoNumber}
	noNumber.Reply = activities.PetitionRefusal(noNumber, 7)
	for _, tc := range []struct {
		name      string
		mailbox   string
		route     activities.PetitionRoute
		signalErr error
		outcome   string
		calls     []string
	}{
		{"delivered from protocolo", workflows.MailboxProtocol, delivered, nil, maria.NA + "/desistencia", []string{"RoutePetition", "signal", "MarkInbound"}},
		{"delivered from divida_ativa", workflows.MailboxDebt, delivered, nil, maria.NA + "/desistencia", []string{"RoutePetition", "signal", "MarkInbound"}},
		{"no number", workflows.MailboxProtocol, noNumber, nil, activities.OutcomeNoNumber, []string{"RoutePetition", "SendMail", "MarkInbound"}},
		{"case closed", workflows.MailboxProtocol, delivered, errors.New("workflow not found"), activities.OutcomeCaseClosed, []string{"RoutePetition", "signal", "SendMail", "MarkInbound"}},
		{"in the consumer's name from another address", workflows.MailboxProtocol, spoofed, nil, maria.NA + "/desistencia", []string{"RoutePetition", "signal", "SendMail", "MarkInbound"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := &callLog{}
			env := newEnv(t, calls)
			mockSendMail(env, calls, 0)
			mockComplaint(env, calls)
			env.OnActivity((&activities.Activities{}).RoutePetition, anyArgs(1)...).Return(func(_ context.Context, id int64) (activities.PetitionRoute, error) {
				calls.add("RoutePetition", id)
				return tc.route, nil
			})
			env.OnSignalExternalWorkflow(mock.Anything, tc.route.WorkflowID, "", workflows.SignalPetition, mock.Anything).Return(
				func(_, _, _, _ string, arg any) error {
					calls.add("signal", arg)
					return tc.signalErr
				}).Maybe()

			outcome := runInbound(t, env, tc.mailbox, 7)

			require.Equal(t, tc.outcome, outcome)
			require.Equal(t, tc.calls, calls.names())
			if tc.calls[1] == "signal" {
				require.Equal(t, workflows.Petition{InboundID: 7, Mailbox: tc.mailbox, Kind: petition.KindWithdrawal}, calls.all()[1].arg)
			}
			if tc.calls[len(tc.calls)-2] != "SendMail" {
				return
			}
			sent := calls.all()[len(tc.calls)-2].arg.(activities.Mail)
			if tc.route.NotifyParty != nil {
				require.Equal(t, *tc.route.NotifyParty, sent, "the party on record is told")
				return
			}
			require.Equal(t, tc.route.ReplyTo, sent.To)
			require.Equal(t, tc.outcome, sent.Data.Motivo)
		})
	}
}

// product §2, "the same e-mail delivered twice must not create two cases", on a real
// Temporal server (the time-skipping environment does not report a refused child start
// as temporal.ChildWorkflowExecutionAlreadyStartedError). When the message's workflow
// runs again after its first run ended, intake answers the same NA and the case's
// Complaint already runs: the refused start is no error. One case, one receipt, and the
// message is marked with the NA both times.
func TestSameEmailTwiceStartsOneCase(t *testing.T) {
	ctx := context.Background()
	today := accepted
	today.ReceivedAt = time.Now() // a case that stays open: its deadlines run on real time
	fake := &fakeActivities{intake: map[int64]activities.IntakeOutcome{7: today}}
	tq := taskQueueFor(t)
	c := realServer(t, tq, fake)
	caseID := workflowid.Complaint(maria.NA)
	runInbound := func(policy enumspb.WorkflowIdReusePolicy) {
		t.Helper()
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
			ID: workflowid.InboundMail(workflows.MailboxIntake, 7), TaskQueue: tq, WorkflowIDReusePolicy: policy,
		}, workflows.InboundMail, workflows.InboundMailInput{InboundID: 7, Mailbox: workflows.MailboxIntake})
		require.NoError(t, err)
		var outcome string
		require.NoError(t, run.Get(ctx, &outcome), "the message's workflow failed")
		require.Equal(t, maria.NA, outcome)
	}

	runInbound(enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
	waitFor(t, "receipt recorded", func() bool {
		// Received today: the registration deadline runs.
		return equalKinds(fake.eventKinds(maria.NA), "atendimento_recebido", "recibo_enviado", "prazo_iniciado")
	})
	first, err := c.DescribeWorkflowExecution(ctx, caseID, "")
	require.NoError(t, err)

	runInbound(enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
	again, err := c.DescribeWorkflowExecution(ctx, caseID, "")
	require.NoError(t, err)
	require.Equal(t, first.WorkflowExecutionInfo.Execution.RunId, again.WorkflowExecutionInfo.Execution.RunId, "a second case run started")
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, again.WorkflowExecutionInfo.Status)

	require.Len(t, fake.mailsTo(maria.ConsumerEmail), 1)
	require.Equal(t, []string{"atendimento_recebido", "recibo_enviado", "prazo_iniciado"}, fake.eventKinds(maria.NA))
	require.Equal(t, []string{maria.NA, maria.NA}, fake.marksOf(7))
}
