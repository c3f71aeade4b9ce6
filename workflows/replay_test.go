package workflows_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// product §8, "code changes must not break the workflows already running": every history
// recorded in testdata/ replays against today's workflow code without a
// nondeterminism error. A change that alters the commands of a recorded path needs a
// workflow.GetVersion guard, and a new recording kept next to the old one. The
// Complaint recordings end mid-run, at the wait point, as most running cases do: the
// replayer checks every command up to there and asks no result of them.
func TestRecordedHistoriesReplay(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "history_*.json"))
	require.NoError(t, err)
	require.Contains(t, files, filepath.Join("testdata", "history_complaint_waiting_registration.json"))
	require.Contains(t, files, filepath.Join("testdata", "history_inbound_mail_accepted.json"))
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflow(workflows.Complaint)
			r.RegisterWorkflow(workflows.InboundMail)
			r.RegisterWorkflow(workflows.CollectiveProcess)
			r.RegisterWorkflow(workflows.Fine)
			r.RegisterWorkflow(workflows.InstallmentPlan)
			require.NoError(t, r.ReplayWorkflowHistoryFromJSONFile(testLogger(t), file))
		})
	}
}

// The replay test above is only worth something if it fails on a change: here a
// Complaint that sends the receipt before recording the arrival, and an InboundMail
// that marks the message before starting the case, registered under the real names,
// must both be refused on the recorded histories.
func TestReplayCatchesChangedWorkflow(t *testing.T) {
	t.Run("Complaint", func(t *testing.T) {
		r := worker.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(receiptFirstComplaint, workflow.RegisterOptions{Name: "Complaint"})
		err := r.ReplayWorkflowHistoryFromJSONFile(testLogger(t), filepath.Join("testdata", "history_complaint_waiting_registration.json"))
		require.ErrorContains(t, err, "TMPRL1100", "not refused as nondeterministic")
	})
	t.Run("InboundMail", func(t *testing.T) {
		r := worker.NewWorkflowReplayer()
		r.RegisterWorkflow(workflows.Complaint)
		r.RegisterWorkflowWithOptions(markFirstInboundMail, workflow.RegisterOptions{Name: "InboundMail"})
		err := r.ReplayWorkflowHistoryFromJSONFile(testLogger(t), filepath.Join("testdata", "history_inbound_mail_accepted.json"))
		require.ErrorContains(t, err, "TMPRL1100", "not refused as nondeterministic")
	})
}

// recordEnv is the environment variable that makes TestRecordHistories write
// testdata/: PROCON_RECORD_HISTORIES=1 go test ./workflows -run TestRecordHistories
const recordEnv = "PROCON_RECORD_HISTORIES"

// TestRecordHistories runs the workflows on a real in-process Temporal server with fake
// activities and writes their histories to testdata/, in the JSON of
// `temporal workflow show -o json`. Existing files are kept: when a workflow changes
// after the baseline, give the changed path's new recording a _v2 (_v3…) name here and
// keep the old one.
func TestRecordHistories(t *testing.T) {
	if os.Getenv(recordEnv) != "1" {
		t.Skip("set " + recordEnv + "=1 to record workflow histories into testdata/")
	}
	ctx := context.Background()
	refused := activities.Mail{
		Key: "cancelamento/inbound/3", Kind: "atendimento_cancelado", To: "joao@example.com",
		Data: activities.MailData{Assunto: "Atendimento eletrônico", Corpo: "Faltam o CPF e o RG."},
	}
	other := accepted
	other.NA, other.ConsumerEmail = "NA-2026-000043", "jose@example.com"
	fake := &fakeActivities{intake: map[int64]activities.IntakeOutcome{
		2: other, 3: {Reply: &refused},
	}}
	c := realServer(t, workflows.TaskQueue, fake)

	// Received in March, never registered nor confirmed: the registration deadline lapses
	// (004 §3.3.1.6), then the 120 days without a manifestation archive the case (004
	// Annex IX V), with and without the consumer's e-mail.
	noEmail := maria
	noEmail.NA, noEmail.ConsumerEmail = "NA-2026-000044", ""
	for file, in := range map[string]workflows.ComplaintInput{
		"history_complaint_archived.json":          withNA(maria, "NA-2026-000049"),
		"history_complaint_no_email_archived.json": noEmail,
	} {
		if !recorded(file) {
			id := startComplaint(t, c, in)
			require.NoError(t, c.GetWorkflow(ctx, id, "").Get(ctx, nil))
			writeHistory(t, c, id, file)
		}
	}
	// Received now: the case waits for its registration, the most common running case.
	if file := "history_complaint_waiting_registration.json"; !recorded(file) {
		in := withNA(maria, "NA-2026-000045")
		in.ReceivedAt = time.Now()
		id := startComplaint(t, c, in)
		waitSettled(t, c, file, id)
		writeHistory(t, c, id, file)
	}
	// Received now; the consumer withdraws by e-mail from the address on record
	// (004 §4.4.1 I) and the case closes.
	if file := "history_complaint_withdrawn.json"; !recorded(file) {
		in := withNA(maria, "NA-2026-000050")
		in.ReceivedAt = time.Now()
		id := startComplaint(t, c, in)
		waitSettled(t, c, file, id)
		require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalPetition, workflows.Petition{
			InboundID: 6, Mailbox: workflows.MailboxProtocol, Kind: petition.KindWithdrawal, FromPartyOnRecord: true,
		}))
		require.NoError(t, c.GetWorkflow(ctx, id, "").Get(ctx, nil))
		writeHistory(t, c, id, file)
	}
	// The preliminary phase (004 §4), driven by signals and staff Updates: confirmed, the
	// CIP e-mailed and answered, accepted by the consumer: archived as resolved; or the
	// answer judged unsatisfactory and converted from the queue; or incompetence; or an
	// answer from an unauthenticated sender that staff confirm (issue 14). The processo
	// administrativo (004 §5–§8): a direct reclamação defended by e-mail, a hearing ending
	// in an agreement breached, the classification, a DIJUR notification answered, then a
	// withdrawal; a converted CIP classified atendida.
	yes := true
	hearingAt := time.Now().Add(20 * time.Second)
	dijur := workflows.Decide(workflows.NotifyBeforeJudgment{Text: "Apresente a nota fiscal.", Days: 10}, "Diretor Jurídico (servidor 3)", workflows.RoleDiretorJuridico)
	gerente := func(class string) workflows.Decision {
		return workflows.Decide(workflows.Classify{Classification: class, Subject: "produto_nao_entregue"}, "Gerente (servidor 2)", workflows.RoleGerenteAtendimento)
	}
	for _, rec := range []struct {
		file  string
		na    string
		steps []any // a workflows.Decision is an Update, a workflows.Petition a signal, a string the status to wait for
	}{
		{"history_complaint_cip_accepted.json", "NA-2026-000051", []any{
			confirmation, workflows.Decide(workflows.SendCIP{}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPAwaitingAnswer,
			workflows.Petition{InboundID: 8, Mailbox: workflows.MailboxProtocol, Kind: petition.KindCIPAnswer, CIP: "CIP-2026-000051-1",
				FromPartyOnRecord: true, Sender: loja.Email},
			workflows.StatusCIPAnswered,
			workflows.Petition{InboundID: 9, Mailbox: workflows.MailboxProtocol, Kind: petition.KindAcceptance, FromPartyOnRecord: true},
		}},
		{"history_complaint_cip_converted.json", "NA-2026-000052", []any{
			confirmation, workflows.Decide(workflows.PhoneContact{Resolved: new(bool)}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPAwaitingAnswer,
			workflows.Petition{InboundID: 10, Mailbox: workflows.MailboxProtocol, Kind: petition.KindCIPAnswer, CIP: "CIP-2026-000052-1",
				FromPartyOnRecord: true, Sender: loja.Email},
			workflows.StatusCIPAnswered,
			workflows.Decide(workflows.Unsatisfactory{Reason: "não responde ao pedido"}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPReview,
			workflows.Decide(workflows.Convert{Reason: "indícios de infração"}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusConverted,
			workflows.Petition{InboundID: 11, Mailbox: workflows.MailboxProtocol, Kind: petition.KindWithdrawal, FromPartyOnRecord: true},
		}},
		{"history_complaint_incompetence.json", "NA-2026-000053", []any{
			workflows.Decide(workflows.Incompetence{Reason: "relação entre particulares"}, "Gerente (servidor 2)", workflows.RoleGerenteAtendimento),
		}},
		{"history_complaint_resolved_by_phone.json", "NA-2026-000054", []any{
			confirmation, workflows.Decide(workflows.PhoneContact{Resolved: &yes}, "Atendente (servidor 1)", workflows.RoleAtendente),
		}},
		{"history_complaint_process_hearing.json", "NA-2026-000056", []any{
			confirmation, workflows.Decide(workflows.DirectComplaint{}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusAwaitingDefense,
			workflows.Petition{InboundID: 13, Mailbox: workflows.MailboxProtocol, Kind: petition.KindDefense, FromPartyOnRecord: true, Sender: loja.Email},
			workflows.StatusAwaitingJudgment,
			workflows.Decide(workflows.ScheduleHearing{Method: "mediacao", At: hearingAt, Place: "Sala 1"}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusHearingScheduled,
			workflows.Decide(workflows.HearingOutcome{Outcome: workflows.OutcomeAgreement, Terms: "Entrega em 30 dias.", ComplianceDate: prazo.CivilDate(time.Now()).AddDays(30)}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusAgreement,
			workflows.Petition{InboundID: 14, Mailbox: workflows.MailboxProtocol, Kind: petition.KindBreach, FromPartyOnRecord: true},
			workflows.StatusAwaitingJudgment,
			gerente(workflows.ClassifiedNotAttended), dijur,
			workflows.StatusAwaitingNoticeAnswer,
			workflows.Petition{InboundID: 15, Mailbox: workflows.MailboxProtocol, Kind: petition.KindNoticeAnswer, FromPartyOnRecord: true, Sender: loja.Email},
			workflows.StatusAwaitingJudgment,
			workflows.Petition{InboundID: 16, Mailbox: workflows.MailboxProtocol, Kind: petition.KindWithdrawal, FromPartyOnRecord: true},
		}},
		{"history_complaint_cip_process_classified.json", "NA-2026-000057", []any{
			confirmation, workflows.Decide(workflows.SendCIP{}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPAwaitingAnswer,
			workflows.Petition{InboundID: 17, Mailbox: workflows.MailboxProtocol, Kind: petition.KindCIPAnswer, CIP: "CIP-2026-000057-1",
				FromPartyOnRecord: true, Sender: loja.Email},
			workflows.StatusCIPAnswered,
			workflows.Decide(workflows.Unsatisfactory{Reason: "não responde ao pedido"}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPReview,
			workflows.Decide(workflows.Convert{Reason: "indícios de infração"}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusAwaitingDefense,
			gerente(workflows.ClassifiedAttended),
		}},
		{"history_complaint_sender_confirmed.json", "NA-2026-000062", []any{
			confirmation, workflows.Decide(workflows.SendCIP{}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPAwaitingAnswer,
			workflows.Petition{InboundID: 21, Mailbox: workflows.MailboxProtocol, Kind: petition.KindCIPAnswer, CIP: "CIP-2026-000062-1"},
			workflows.Decide(workflows.ConfirmPetition{Petition: 21}, "Atendente (servidor 1)", workflows.RoleAtendente),
			workflows.StatusCIPAnswered,
			workflows.Petition{InboundID: 22, Mailbox: workflows.MailboxProtocol, Kind: petition.KindWithdrawal, FromPartyOnRecord: true},
		}},
	} {
		if recorded(rec.file) {
			continue
		}
		in := withNA(maria, rec.na)
		in.ReceivedAt = time.Now()
		id := startComplaint(t, c, in)
		for _, step := range rec.steps {
			switch s := step.(type) {
			case string:
				waitFor(t, rec.file+" "+s, func() bool {
					v, err := c.QueryWorkflow(ctx, id, "", workflows.QueryState)
					var st workflows.ComplaintState
					return err == nil && v.Get(&st) == nil && st.Status == s
				})
			case workflows.Petition:
				require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalPetition, s))
			case workflows.Decision:
				updateWhenAccepted(t, c, rec.file, id, workflows.UpdateDecide, s)
			}
		}
		require.NoError(t, c.GetWorkflow(ctx, id, "").Get(ctx, nil))
		writeHistory(t, c, id, rec.file)
	}

	// Received now, staff suspend the running deadline (004 §13.4), the consumer withdraws.
	if file := "history_complaint_suspension.json"; !recorded(file) {
		in := withNA(maria, "NA-2026-000055")
		in.ReceivedAt = time.Now()
		id := startComplaint(t, c, in)
		waitSettled(t, c, file, id)
		today := prazo.CivilDate(time.Now())
		h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
			WorkflowID: id, UpdateName: workflows.UpdateDeclareSuspension, WaitForStage: client.WorkflowUpdateStageCompleted,
			Args: []any{workflows.SuspensionRequest{By: "Gerente (servidor 2)", Suspension: prazo.Suspension{
				Start: today.AddDays(1), End: today.AddDays(2), Reason: "Enchente"}}},
		})
		require.NoError(t, err)
		require.NoError(t, h.Get(ctx, nil))
		require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalPetition, workflows.Petition{
			InboundID: 12, Mailbox: workflows.MailboxProtocol, Kind: petition.KindWithdrawal, FromPartyOnRecord: true,
		}))
		require.NoError(t, c.GetWorkflow(ctx, id, "").Get(ctx, nil))
		writeHistory(t, c, id, file)
	}

	// Received now, its deadline runs; staff close the due day and the API's signal moves
	// the timer (004 §13.1.2).
	if file := "history_complaint_deadline_moved.json"; !recorded(file) {
		in := withNA(maria, "NA-2026-000047")
		in.ReceivedAt = time.Now()
		id := startComplaint(t, c, in)
		waitSettled(t, c, file, id)
		due, err := fake.cal.compute(prazo.IntakeRegistration.Request(prazo.CivilDate(in.ReceivedAt)))
		require.NoError(t, err)
		fake.cal.close(due.Due.String(), "Ponto facultativo")
		require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalCalendarChanged,
			workflows.CalendarChange{Date: due.Due}))
		waitFor(t, file+" moved", func() bool {
			v, err := c.QueryWorkflow(ctx, id, "", workflows.QueryState)
			var st workflows.ComplaintState
			return err == nil && v.Get(&st) == nil && st.Deadline != nil && st.Deadline.Due != due.Due
		})
		waitSettled(t, c, file, id)
		writeHistory(t, c, id, file)
	}

	// A petition of the protocol mailbox routed to its running case (004 §14.3).
	if file := "history_inbound_mail_petition.json"; !recorded(file) {
		target := withNA(maria, "NA-2026-000048")
		target.ReceivedAt = time.Now()
		startComplaint(t, c, target)
		fake.mu.Lock()
		fake.routes = map[int64]activities.PetitionRoute{5: {
			NA: target.NA, WorkflowID: workflowid.Complaint(target.NA), Kind: petition.KindWithdrawal, ReplyTo: "maria@example.com",
		}}
		fake.mu.Unlock()
		in := workflows.InboundMailInput{InboundID: 5, Mailbox: workflows.MailboxProtocol}
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
			ID: workflowid.InboundMail(in.Mailbox, in.InboundID), TaskQueue: workflows.TaskQueue,
		}, workflows.InboundMail, in)
		require.NoError(t, err)
		require.NoError(t, run.Get(ctx, nil))
		writeHistory(t, c, run.GetID(), file)
	}

	// A collective process of continued practice (004 §8.4) tells its two cases, then
	// waits for its judgment.
	if file := "history_collective_process.json"; !recorded(file) {
		in := workflows.CollectiveInput{Number: "PC-2026-000001", SupplierDoc: loja.Doc, SupplierName: loja.Name,
			Subject: "cobranca_indevida", Year: 2026, By: "Gerente (servidor 2)"}
		for _, na := range []string{"NA-2026-000058", "NA-2026-000059"} {
			grouped := withNA(maria, na)
			grouped.ReceivedAt = time.Now()
			in.Cases = append(in.Cases, workflows.GroupedCase{NA: na, WorkflowID: startComplaint(t, c, grouped)})
		}
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
			ID: workflowid.Collective(in.Number), TaskQueue: workflows.TaskQueue,
		}, workflows.CollectiveProcess, in)
		require.NoError(t, err)
		waitFor(t, file, func() bool {
			signaled := 0
			for _, e := range history(t, c, run.GetID()).Events {
				if e.GetEventType() == enumspb.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED {
					signaled++
				}
			}
			return signaled == len(in.Cases)
		})
		waitSettled(t, c, file, run.GetID())
		writeHistory(t, c, run.GetID(), file)
	}

	// Judged with a fine (004 §8.18), the supplier waives by e-mail (forwarded to the fine,
	// §15.2), the financeiro records the payment, and both workflows end.
	if file := "history_complaint_fine_paid.json"; !recorded(file) {
		id, fineID := judgedWithFine(t, c, file, "NA-2026-000060", 18, 1000)
		waitFineStatus(t, c, file, fineID, workflows.StatusFineNotified)
		require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalPetition, workflows.Petition{
			InboundID: 19, Mailbox: workflows.MailboxDebt, Kind: petition.KindWaiver, FromPartyOnRecord: true, Sender: loja.Email}))
		waitFineStatus(t, c, file, fineID, workflows.StatusFineReduced)
		updateWhenAccepted(t, c, file, fineID, workflows.UpdatePayment, workflows.Payment{Amount: decimal.RequireFromString("3375.00"),
			PaidOn: prazo.CivilDate(time.Now()), Reference: "DUA-1", By: "Financeiro (servidor 5)", Role: workflows.RoleFinanceiro})
		require.NoError(t, c.GetWorkflow(ctx, id, "").Get(ctx, nil))
		writeHistory(t, c, id, file)
		writeHistory(t, c, fineID, "history_fine_waived_paid.json")
	}

	// A fine paid in installments (004 §15.7): the plan at its first wait, and its fine
	// waiting on it.
	if file := "history_installment_plan.json"; !recorded(file) {
		_, fineID := judgedWithFine(t, c, file, "NA-2026-000061", 20, 3000)
		updateWhenAccepted(t, c, file, fineID, workflows.UpdateDecide, workflows.Decide(workflows.GrantInstallments{Installments: 10}, "Atendente (servidor 1)", workflows.RoleAtendente))
		planID := workflowid.InstallmentPlan("NA-2026-000061")
		waitFor(t, file, func() bool {
			_, err := c.DescribeWorkflowExecution(ctx, planID, "")
			return err == nil
		})
		waitSettled(t, c, file, planID)
		writeHistory(t, c, planID, file)
		writeHistory(t, c, fineID, "history_fine_installments.json")
	}

	// InboundMail to its end: accepted (it starts the case), refused, another mailbox.
	for file, in := range map[string]workflows.InboundMailInput{
		"history_inbound_mail_accepted.json": {InboundID: 2, Mailbox: workflows.MailboxIntake},
		"history_inbound_mail_refused.json":  {InboundID: 3, Mailbox: workflows.MailboxIntake},
		"history_inbound_mail_unrouted.json": {InboundID: 4, Mailbox: workflows.MailboxProtocol},
	} {
		if recorded(file) {
			continue
		}
		run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
			ID: workflowid.InboundMail(in.Mailbox, in.InboundID), TaskQueue: workflows.TaskQueue,
		}, workflows.InboundMail, in)
		require.NoError(t, err)
		require.NoError(t, run.Get(ctx, nil))
		writeHistory(t, c, run.GetID(), file)
	}
}

// judgedWithFine takes a new case, received now, through a direct reclamação (004 §7.2
// I) defended by e-mail (petition inbound ID defense) to a judgment with a fine of vrte
// VRTE (004 §8.18). It returns the case's and the fine's workflow IDs.
func judgedWithFine(t *testing.T, c client.Client, file, na string, defense int64, vrte int64) (string, string) {
	t.Helper()
	ctx := context.Background()
	in := withNA(maria, na)
	in.ReceivedAt = time.Now()
	id := startComplaint(t, c, in)
	require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalPetition, confirmation))
	updateWhenAccepted(t, c, file, id, workflows.UpdateDecide, workflows.Decide(workflows.DirectComplaint{}, "Atendente (servidor 1)", workflows.RoleAtendente))
	require.NoError(t, c.SignalWorkflow(ctx, id, "", workflows.SignalPetition, workflows.Petition{
		InboundID: defense, Mailbox: workflows.MailboxProtocol, Kind: petition.KindDefense, FromPartyOnRecord: true, Sender: loja.Email}))
	updateWhenAccepted(t, c, file, id, workflows.UpdateDecide, workflows.Decide(workflows.Judge{Outcome: workflows.JudgmentUpheld, FineVRTE: decimal.NewFromInt(vrte), Reason: "Venda sem entrega."}, "Diretor Jurídico (servidor 3)", workflows.RoleDiretorJuridico))
	return id, workflowid.Fine(na)
}

// waitFineStatus waits until the fine's workflow shows status.
func waitFineStatus(t *testing.T, c client.Client, what, fineID, status string) {
	t.Helper()
	waitFor(t, what+" "+status, func() bool {
		v, err := c.QueryWorkflow(context.Background(), fineID, "", workflows.QueryFine)
		var st workflows.FineState
		return err == nil && v.Get(&st) == nil && st.Status == status
	})
}

// updateWhenAccepted sends an Update until the workflow's state takes it (it may still be
// applying the previous step) and it completes.
func updateWhenAccepted(t *testing.T, c client.Client, what, workflowID, name string, arg any) {
	t.Helper()
	waitFor(t, what+" "+name, func() bool {
		h, err := c.UpdateWorkflow(context.Background(), client.UpdateWorkflowOptions{
			WorkflowID: workflowID, UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted,
		})
		return err == nil && h.Get(context.Background(), nil) == nil
	})
}

// confirmation is the consumer's confirmation of the request (004 Annex IX VI).
var confirmation = workflows.Petition{InboundID: 7, Mailbox: workflows.MailboxProtocol, Kind: petition.KindConfirmation, FromPartyOnRecord: true}

// history fetches the whole history of the current run of workflow id.
func history(t *testing.T, c client.Client, id string) *historypb.History {
	t.Helper()
	h := &historypb.History{}
	it := c.GetWorkflowHistory(context.Background(), id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		e, err := it.Next()
		require.NoError(t, err)
		h.Events = append(h.Events, e)
	}
	return h
}

// waitSettled waits until workflow id has nothing left to do but wait for a signal, an
// Update or a timer: its last workflow task completed (or its timer started), no
// activity pending, and its history unchanged between two looks.
func waitSettled(t *testing.T, c client.Client, what, id string) {
	t.Helper()
	last := -1
	waitFor(t, what+" settled", func() bool {
		h := history(t, c, id)
		n := len(h.Events)
		switch h.Events[n-1].GetEventType() {
		case enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, enumspb.EVENT_TYPE_TIMER_STARTED:
		default:
			last = -1
			return false
		}
		d, err := c.DescribeWorkflowExecution(context.Background(), id, "")
		if err != nil || len(d.GetPendingActivities()) > 0 {
			last = -1
			return false
		}
		settled := n == last
		last = n
		return settled
	})
}

// writeHistory writes the history of workflow id to testdata/file, unless that file
// exists: a recording is never replaced, new ones get a new name (_v2…).
func writeHistory(t *testing.T, c client.Client, id, file string) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if _, err := os.Stat(path); err == nil {
		t.Logf("kept %s: recordings are never replaced", path)
		return
	}
	out, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(history(t, c, id))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll("testdata", 0o755))
	require.NoError(t, os.WriteFile(path, append(out, '\n'), 0o644))
	t.Logf("recorded %s (%d bytes)", file, len(out))
}

// withNA returns in with another NA (a case of its own).
func withNA(in workflows.ComplaintInput, na string) workflows.ComplaintInput {
	in.NA = na
	return in
}

// recorded tells whether testdata/file exists: recordings are never replaced, and the
// workflow code that made an old one may no longer reach its wait point.
func recorded(file string) bool {
	_, err := os.Stat(filepath.Join("testdata", file))
	return err == nil
}

// startComplaint starts the Complaint of in on the recording server and returns its ID.
func startComplaint(t *testing.T, c client.Client, in workflows.ComplaintInput) string {
	t.Helper()
	run, err := c.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
		ID: workflowid.Complaint(in.NA), TaskQueue: workflows.TaskQueue,
	}, workflows.Complaint, in)
	require.NoError(t, err)
	return run.GetID()
}
