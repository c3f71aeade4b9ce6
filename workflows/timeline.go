package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
)

// writeEvent records e on its case's timeline at the workflow's time, with d as the
// deadline running after it (nil: none). Every timeline entry of every workflow is
// written here; when e.Status is set, the case row takes that status and d.
func writeEvent(ctx workflow.Context, e activities.CaseEvent, d *deadline) error {
	var a *activities.Activities
	e.At = workflow.Now(ctx)
	if d != nil {
		due := d.dueTime()
		e.Deadline, e.DeadlineRule = &due, d.result.Sentence
	}
	return workflow.ExecuteActivity(ctx, a.RecordEvent, e).Get(ctx, nil)
}

// record writes one timeline event of the main flow, with the case's current status
// and running deadline, which become the case row's.
func (c *complaint) record(ctx workflow.Context, kind, actor, key string, data activities.EventData) error {
	return writeEvent(ctx, activities.CaseEvent{NA: c.in.NA, Kind: kind, Actor: actor, Payload: data, Key: key,
		Status: c.state.Status}, c.shown())
}

// note writes one timeline event from a handler or listener, which run beside the main
// flow, with the deadline then running: it leaves the case row alone (no Status), so it
// can never overwrite a newer state the main flow recorded meanwhile.
func (c *complaint) note(ctx workflow.Context, kind, actor, key string, data activities.EventData) error {
	return c.noteEvent(ctx, activities.CaseEvent{Kind: kind, Actor: actor, Payload: data, Key: key})
}

// noteEvent is note for an event built by the caller (with a petition review, say).
func (c *complaint) noteEvent(ctx workflow.Context, e activities.CaseEvent) error {
	e.NA = c.in.NA
	return writeEvent(ctx, e, c.shown())
}
