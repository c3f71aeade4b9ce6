// Package worker runs the Temporal worker of the case workflows and the pollers of the
// agency's mailboxes: the half of the system that acts by itself.
package worker

import (
	"context"
	"errors"
	"log/slog"
	"net/mail"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	sdkworker "go.temporal.io/sdk/worker"
	"golang.org/x/sync/errgroup"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/mailbox"
	"github.com/procon-es/procon/internal/mailer"
	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// workerOptions poll with more pollers than the SDK's default of 2 per kind: bursts of
// cases keep many short workflow and activity tasks in flight, and with 2 pollers the
// worker sat idle between polls (BENCHMARKS.md, "Fixes").
var workerOptions = sdkworker.Options{
	MaxConcurrentWorkflowTaskPollers: 8,
	MaxConcurrentActivityTaskPollers: 8,
}

// Register adds every workflow and activity of the project to a Temporal worker.
func Register(w sdkworker.Registry, acts *activities.Activities) {
	w.RegisterWorkflow(workflows.InboundMail)
	w.RegisterWorkflow(workflows.Complaint)
	w.RegisterWorkflow(workflows.CollectiveProcess)
	w.RegisterWorkflow(workflows.Fine)
	w.RegisterWorkflow(workflows.InstallmentPlan)
	w.RegisterActivity(acts)
}

// NewActivities builds the activities from the configuration.
func NewActivities(cfg config.Config, st *store.Store) *activities.Activities {
	return &activities.Activities{
		Store:           st,
		Sender:          NewMailer(cfg),
		MailDomain:      domainOf(cfg.MailFrom),
		ProtocolAddress: cfg.MailProtocol,
		FinanceAddress:  cfg.MailFinance,
		IntakeLimits:    mailmsg.Limits{MaxMessageBytes: cfg.MaxMessageBytes, MaxAttachmentBytes: cfg.MaxAttachmentBytes},
		SenderAuth:      senderauth.Checker{Policy: cfg.MailAuth, AuthservID: cfg.MailAuthservID},
	}
}

// NewMailer builds the SMTP sender from the configuration.
func NewMailer(cfg config.Config) *mailer.Mailer {
	return mailer.New(mailer.Config{
		Addr: cfg.SMTPAddr, User: cfg.SMTPUser, Password: cfg.SMTPPassword,
		From: cfg.MailFrom, ReplyTo: cfg.MailProtocol, HELO: domainOf(cfg.MailFrom),
	})
}

// MailboxAddresses maps each mailbox of the agency to its address.
func MailboxAddresses(cfg config.Config) map[string]string {
	return map[string]string{
		workflows.MailboxIntake:   cfg.MailIntake,
		workflows.MailboxProtocol: cfg.MailProtocol,
		workflows.MailboxDebt:     cfg.MailDebt,
	}
}

// Run runs the worker and the three mailbox pollers until ctx ends.
func Run(ctx context.Context, cfg config.Config, c client.Client, st *store.Store, log *slog.Logger) error {
	// Process-wide: parked cases beyond it are evicted and replayed when they wake.
	sdkworker.SetStickyWorkflowCacheSize(cfg.WorkerCacheSize)
	w := sdkworker.New(c, cfg.TaskQueue, workerOptions)
	acts := NewActivities(cfg, st)
	acts.Temporal = c
	Register(w, acts)
	if err := w.Start(); err != nil {
		return err
	}
	defer w.Stop()
	g, gctx := errgroup.WithContext(ctx)
	d := &Dispatcher{Client: c, TaskQueue: cfg.TaskQueue}
	addrs := MailboxAddresses(cfg)
	for _, name := range workflows.Mailboxes {
		p := mailbox.NewPoller(mailbox.Config{
			Name: name, Addr: cfg.IMAPAddr, User: addrs[name], Password: cfg.IMAPPassword,
			PollInterval: cfg.PollInterval, MaxMessageBytes: cfg.MaxMessageBytes,
		}, st, d, log)
		g.Go(func() error { return p.Run(gctx) })
	}
	log.Info("worker started", "task_queue", cfg.TaskQueue, "imap", cfg.IMAPAddr, "smtp", cfg.SMTPAddr)
	<-gctx.Done()
	return g.Wait()
}

// Dispatcher starts the InboundMail workflow of a stored message. Starting it twice is
// harmless: the workflow ID is derived from the message, and a second start is refused.
type Dispatcher struct {
	Client    client.Client
	TaskQueue string
}

// Dispatch implements mailbox.Dispatcher.
func (d *Dispatcher) Dispatch(ctx context.Context, mailboxName string, inboundID int64) error {
	_, err := d.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                                       workflowid.InboundMail(mailboxName, inboundID),
		TaskQueue:                                d.TaskQueue,
		WorkflowIDReusePolicy:                    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowExecutionErrorWhenAlreadyStarted: true,
	}, workflows.InboundMail, workflows.InboundMailInput{InboundID: inboundID, Mailbox: mailboxName})
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return nil
	}
	return err
}

func domainOf(addr string) string {
	if a, err := mail.ParseAddress(addr); err == nil {
		addr = a.Address
	}
	if _, d, ok := strings.Cut(addr, "@"); ok {
		return d
	}
	return "procon.local"
}
