package workflows

import (
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// TaskQueue is the default task queue of the case workflows and their activities.
const TaskQueue = "procon-cases"

// activityHeartbeat is how long an activity may go without news before it counts as
// lost and another worker retries it: each activity is a few database writes, a parse
// or one SMTP delivery, so this is also how long a step waits when the worker running it
// dies (SIGKILL, OOM). Activities that wait on purpose (SendMail marking its row while
// the database is away) heartbeat, up to activityAttempt.
const (
	activityHeartbeat = 20 * time.Second
	activityAttempt   = 5 * time.Minute
)

// withActivityOptions gives every activity the same policy: short attempts, retried
// without limit with a capped backoff. A mail server or database that is down for a
// while delays the work; it never drops it.
func withActivityOptions(ctx workflow.Context) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: activityAttempt,
		HeartbeatTimeout:    activityHeartbeat,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    30 * time.Second,
		},
	})
}
