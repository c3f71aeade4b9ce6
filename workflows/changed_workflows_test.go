package workflows_test

import (
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// The workflows below are deliberately changed copies of the real ones, for
// TestReplayCatchesChangedWorkflow: each makes the same calls in another order, the
// kind of edit that breaks cases already running.

// changedOptions are the activity options of the copies (not part of the change).
var changedOptions = workflow.ActivityOptions{StartToCloseTimeout: time.Minute}

// receiptFirstComplaint is Complaint sending the receipt before recording the arrival.
func receiptFirstComplaint(ctx workflow.Context, in workflows.ComplaintInput) error {
	ctx = workflow.WithActivityOptions(ctx, changedOptions)
	var a *activities.Activities
	if err := workflow.UpsertTypedSearchAttributes(ctx, workflows.CaseNAKey.ValueSet(in.NA),
		workflows.CaseStatusKey.ValueSet(workflows.StatusAwaitingRegistration)); err != nil {
		return err
	}
	var msgID string
	mail := activities.Mail{Key: "recibo/" + in.NA, NA: in.NA, Kind: "recibo", To: in.ConsumerEmail}
	if err := workflow.ExecuteActivity(ctx, a.SendMail, mail).Get(ctx, &msgID); err != nil {
		return err
	}
	for _, kind := range []string{"atendimento_recebido", "recibo_enviado"} {
		if err := workflow.ExecuteActivity(ctx, a.RecordEvent, activities.CaseEvent{NA: in.NA, Kind: kind}).Get(ctx, nil); err != nil {
			return err
		}
	}
	return workflow.Await(ctx, func() bool { return false })
}

// markFirstInboundMail is InboundMail marking an accepted message before starting its case.
func markFirstInboundMail(ctx workflow.Context, in workflows.InboundMailInput) (string, error) {
	ctx = workflow.WithActivityOptions(ctx, changedOptions)
	var a *activities.Activities
	var res activities.IntakeOutcome
	if err := workflow.ExecuteActivity(ctx, a.ProcessIntake, in.InboundID).Get(ctx, &res); err != nil {
		return "", err
	}
	if err := workflow.ExecuteActivity(ctx, a.MarkInbound, in.InboundID, res.NA).Get(ctx, nil); err != nil {
		return "", err
	}
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID: workflowid.Complaint(res.NA), ParentClosePolicy: enumspb.PARENT_CLOSE_POLICY_ABANDON,
	})
	err := workflow.ExecuteChildWorkflow(cctx, workflows.Complaint, workflows.ComplaintInput{NA: res.NA}).
		GetChildWorkflowExecution().Get(ctx, nil)
	return res.NA, err
}
