package bench

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"golang.org/x/sync/errgroup"
)

// minimalQueue is the task queue of the baseline workflow.
const minimalQueue = "procon-bench-minimal"

// MinimalWorkflow is the baseline: k activities that do nothing, one after the other,
// with the same retry policy shape as the case workflows.
func MinimalWorkflow(ctx workflow.Context, k int) error {
	ctx = workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	for i := range k {
		if err := workflow.ExecuteActivity(ctx, "BenchNoop", i).Get(ctx, nil); err != nil {
			return err
		}
	}
	return nil
}

// noop is the baseline's activity.
func noop(context.Context, int) error { return nil }

// Minimal runs n MinimalWorkflows of k activities each on the stack's Temporal server,
// with a worker in this process, and returns the time from the first start to the last
// completion.
func (s *Stack) Minimal(ctx context.Context, n, k int) (time.Duration, error) {
	w := worker.New(s.Temporal, minimalQueue, worker.Options{})
	w.RegisterWorkflow(MinimalWorkflow)
	w.RegisterActivityWithOptions(noop, activity.RegisterOptions{Name: "BenchNoop"})
	if err := w.Start(); err != nil {
		return 0, err
	}
	defer w.Stop()
	start := time.Now()
	var g errgroup.Group // all at once, as the complaints of a burst
	for i := range n {
		g.Go(func() error {
			run, err := s.Temporal.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
				ID: fmt.Sprintf("bench-minimal-%d-%d", start.UnixNano(), i), TaskQueue: minimalQueue,
			}, MinimalWorkflow, k)
			if err != nil {
				return err
			}
			return run.Get(ctx, nil)
		})
	}
	err := g.Wait()
	return time.Since(start), err
}
