package workflows

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// SignalCalendarChanged tells a running case that staff declared or removed a closure
// on a date (004 §13.1.2). The case recomputes its running deadline with the calendar
// as it now stands and moves its timer when the due date changed.
const SignalCalendarChanged = "calendario_alterado"

// CalendarChange is the payload of SignalCalendarChanged.
type CalendarChange struct {
	// Date is the day whose closure was declared or removed.
	Date prazo.Date `json:"data"`
}

// deadline is a legal deadline running in a workflow: a timer that lapses at the end of
// the due day in the agency's time, and that moves when the calendar changes or staff
// suspend it.
type deadline struct {
	req    prazo.Request
	result activities.Deadline
	// revision counts the changes made to req while the deadline runs (suspensions);
	// computed is the revision result was computed for. Only awaitDeadline recomputes.
	revision, computed int
}

// suspend adds a force-majeure suspension (004 §13.4) to the deadline's request and
// returns the revision whose computation will include it.
func (d *deadline) suspend(s prazo.Suspension) int {
	d.req.Suspensions = append(d.req.Suspensions, s)
	d.revision++
	return d.revision
}

// lapsesAt is the instant the deadline is over: the end of its due day (the act is on
// time during the whole due day, 004 §13.1).
func (d *deadline) lapsesAt() time.Time {
	due := d.result.Due
	return time.Date(due.Year, due.Month, due.Day+1, 0, 0, 0, 0, prazo.AgencyZone)
}

// known reports whether the deadline's due date has been computed: a deadline runs
// from before its first computation ends.
func (d *deadline) known() bool { return !d.result.Due.IsZero() }

// dueTime is the due date as a time, for the case's projection and search attribute.
func (d *deadline) dueTime() time.Time {
	return d.result.Due.Midnight(prazo.AgencyZone)
}

// computeDeadline asks the ComputeDeadline activity for req's due date with the
// calendar of today.
func computeDeadline(ctx workflow.Context, req prazo.Request) (*deadline, error) {
	var a *activities.Activities
	d := &deadline{req: req}
	err := workflow.ExecuteActivity(ctx, a.ComputeDeadline, req).Get(ctx, &d.result)
	return d, err
}

// calendarWatch counts the calendar changes a workflow was told of. Its listener runs as
// a workflow coroutine, so conditions can compare counts instead of receiving.
type calendarWatch struct {
	changes int
	// child, when it returns a workflow ID, is a running child whose deadlines the
	// change concerns too (the calendar notifier only knows the case's workflow).
	child func() string
}

// listen starts draining SignalCalendarChanged into the count, and passes each change on
// to the running child, if any.
func (w *calendarWatch) listen(ctx workflow.Context) {
	ch := workflow.GetSignalChannel(ctx, SignalCalendarChanged)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var c CalendarChange
			ch.Receive(ctx, &c)
			w.changes++
			if w.child == nil {
				continue
			}
			if id := w.child(); id != "" {
				if err := workflow.SignalExternalWorkflow(ctx, id, "", SignalCalendarChanged, c).Get(ctx, nil); err != nil {
					workflow.GetLogger(ctx).Warn("calendar change not passed on", "workflow_id", id, "error", err)
				}
			}
		}
	})
}

// awaitDeadline waits until d lapses or done() holds, and reports whether it lapsed.
// When the calendar changes, when staff suspend the deadline, and again when the timer
// fires, the deadline is recomputed with the calendar of that moment; a new due date
// moves the timer and is reported to moved. Recomputing before a lapse means that a
// closure whose notification was missed still counts: no case lapses on a day the
// agency was closed (004 §13.1.2).
func awaitDeadline(ctx workflow.Context, d *deadline, cal *calendarWatch, done func() bool,
	moved func(from prazo.Date) error) (bool, error) {
	for {
		fired := false
		if d.computed == d.revision { // no change waits to be computed
			seen := cal.changes
			wait := d.lapsesAt().Sub(workflow.Now(ctx))
			fired = wait <= 0 // a deadline already over when the wait begins has lapsed
			if !fired {
				woken, err := workflow.AwaitWithTimeout(ctx, wait, func() bool {
					return done() || cal.changes != seen || d.revision != d.computed
				})
				if err != nil {
					return false, err
				}
				fired = !woken
			}
		}
		if done() {
			return false, nil
		}
		revision := d.revision
		next, err := computeDeadline(ctx, d.req)
		if err != nil {
			return false, err
		}
		d.computed = revision
		if d.computed != d.revision {
			continue // changed again while computing: compute with the latest request
		}
		from := d.result.Due
		d.result = next.result // the same due date may come with a new explanation
		if from != d.result.Due {
			if err := moved(from); err != nil {
				return false, err
			}
			continue
		}
		if fired {
			return true, nil
		}
	}
}
