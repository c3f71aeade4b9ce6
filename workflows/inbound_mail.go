package workflows

import (
	"errors"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/workflowid"
)

// InboundMailInput names one stored inbound message.
type InboundMailInput struct {
	InboundID int64  `json:"mensagem_recebida"`
	Mailbox   string `json:"caixa"`
}

// InboundMail acts on one message read from an agency mailbox. An intake message that
// is accepted becomes a case: its Complaint workflow starts, with an ID derived from the
// NA, and lives on after this workflow ends.
func InboundMail(ctx workflow.Context, in InboundMailInput) (string, error) {
	ctx = withActivityOptions(ctx)
	var a *activities.Activities
	outcome := "sem_roteamento"
	if in.Mailbox == MailboxIntake {
		var res activities.IntakeOutcome
		if err := workflow.ExecuteActivity(ctx, a.ProcessIntake, in.InboundID).Get(ctx, &res); err != nil {
			return "", err
		}
		switch {
		case !res.Accepted && res.Reply != nil:
			if err := workflow.ExecuteActivity(ctx, a.SendMail, *res.Reply).Get(ctx, nil); err != nil {
				return "", err
			}
			outcome = "cancelado"
		case res.Accepted:
			if err := startComplaint(ctx, res); err != nil {
				return "", err
			}
			outcome = res.NA
		default: // refused, and nobody to tell: no readable sender
			outcome = "cancelado_sem_remetente"
		}
	}
	if in.Mailbox == MailboxProtocol || in.Mailbox == MailboxDebt {
		var err error
		if outcome, err = routePetition(ctx, in); err != nil {
			return "", err
		}
	}
	if err := workflow.ExecuteActivity(ctx, a.MarkInbound, in.InboundID, outcome).Get(ctx, nil); err != nil {
		return "", err
	}
	return outcome, nil
}

// startComplaint starts the case's workflow as an abandoned child: it outlives this one.
func startComplaint(ctx workflow.Context, res activities.IntakeOutcome) error {
	cctx := workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID:            workflowid.Complaint(res.NA),
		ParentClosePolicy:     enumspb.PARENT_CLOSE_POLICY_ABANDON,
		WorkflowIDReusePolicy: enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
	})
	child := workflow.ExecuteChildWorkflow(cctx, Complaint, ComplaintInput{
		NA: res.NA, ConsumerName: res.ConsumerName, ConsumerEmail: res.ConsumerEmail, ReceivedAt: res.ReceivedAt,
	})
	err := child.GetChildWorkflowExecution().Get(ctx, nil)
	var started *temporal.ChildWorkflowExecutionAlreadyStartedError
	if errors.As(err, &started) {
		return nil // the case already runs: nothing to start twice
	}
	return err
}

// routePetition delivers a petition to its case (004 §14.3) and returns the outcome to
// record: "NA/kind" when delivered; otherwise the reason, after a reply to the sender.
func routePetition(ctx workflow.Context, in InboundMailInput) (string, error) {
	var a *activities.Activities
	var r activities.PetitionRoute
	if err := workflow.ExecuteActivity(ctx, a.RoutePetition, in.InboundID).Get(ctx, &r); err != nil {
		return "", err
	}
	if r.Refused == "" {
		p := Petition{InboundID: in.InboundID, Mailbox: in.Mailbox, Kind: r.Kind, FromPartyOnRecord: r.FromPartyOnRecord, CIP: r.CIP,
			Installments: r.Installments, NoAddressOnRecord: r.NoAddressOnRecord, SenderAuth: r.SenderAuth,
			SenderFailed: r.SenderFailed, ReceivedAt: r.ReceivedAt}
		if petition.PartyOf(r.Kind) == petition.PartySupplier {
			p.Sender = r.Sender // which supplier: a consumer's address stays out of the history
		}
		err := workflow.SignalExternalWorkflow(ctx, r.WorkflowID, "", SignalPetition, p).Get(ctx, nil)
		if err == nil {
			if r.NotifyParty != nil { // filed in their name, from another address
				if err := workflow.ExecuteActivity(ctx, a.SendMail, *r.NotifyParty).Get(ctx, nil); err != nil {
					return "", err
				}
			}
			return r.NA + "/" + string(r.Kind), nil
		}
		// The case's workflow has ended: the petition reaches no one.
		r.Refused = activities.OutcomeCaseClosed
		r.Reply = activities.PetitionRefusal(r, in.InboundID)
	}
	if r.Reply != nil {
		if err := workflow.ExecuteActivity(ctx, a.SendMail, *r.Reply).Get(ctx, nil); err != nil {
			return "", err
		}
	}
	return r.Refused, nil
}
