package app

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// CalendarNotifier tells the running cases whose deadline a closure on a date may move
// (004 §13.1.2): each gets workflows.SignalCalendarChanged and recomputes its deadline.
// A case whose workflow has ended meanwhile is skipped.
func CalendarNotifier(st *store.Store, c client.Client) api.CalendarNotifier {
	return api.CalendarNotifierFunc(func(ctx context.Context, date prazo.Date) error {
		ids, err := st.WorkflowsWithDeadlineFrom(ctx, date)
		if err != nil {
			return err
		}
		var failed []error
		for _, id := range ids {
			err := c.SignalWorkflow(ctx, id, "", workflows.SignalCalendarChanged, workflows.CalendarChange{Date: date})
			var gone *serviceerror.NotFound
			if err != nil && !errors.As(err, &gone) {
				failed = append(failed, fmt.Errorf("%s: %w", id, err))
			}
		}
		return errors.Join(failed...)
	})
}
