package activities

import (
	"context"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/prazo"
)

// Deadline is a computed legal deadline with the one-line Portuguese sentence that states
// its date and rule in e-mails and in the case's projection (prazo.Result.Sentence).
type Deadline struct {
	prazo.Result
	Sentence string `json:"frase"`
}

// ComputeDeadline computes a legal deadline (004 §13) with the agency's calendar as it
// stands now: the built-in holidays and every closure staff have declared. Workflows get
// their deadlines from this activity, so the calendar they used is in their history and
// a replay never recomputes it. A request the engine refuses is not retried.
func (a *Activities) ComputeDeadline(ctx context.Context, req prazo.Request) (Deadline, error) {
	cal, err := a.Store.Calendar(ctx)
	if err != nil {
		return Deadline{}, err
	}
	res, err := cal.Compute(req)
	if err != nil {
		return Deadline{}, temporal.NewNonRetryableApplicationError(err.Error(), "prazo_invalido", err)
	}
	return Deadline{Result: res, Sentence: res.Sentence()}, nil
}

// EventData is what the timeline says of the deadline: its name, due date, rule in
// words and legal source.
func (d Deadline) EventData() EventData {
	return EventData{Prazo: d.Name, Vencimento: d.Due.String(), Regra: d.Sentence, Fonte: d.Source}
}

// DeadlineStart asks for a deadline to be computed and shown on its case in one step.
type DeadlineStart struct {
	Request prazo.Request `json:"pedido"`
	// Event is the timeline event that shows it (prazo_iniciado), with the case's status;
	// the deadline's fields are filled in here.
	Event CaseEvent `json:"evento"`
}

// StartDeadline computes a deadline as ComputeDeadline does and records it on the case's
// timeline and row as RecordEvent does, in one activity: every deadline a case starts
// costs one round trip to the worker instead of two (BENCHMARKS.md, "Fixes").
func (a *Activities) StartDeadline(ctx context.Context, s DeadlineStart) (Deadline, error) {
	d, err := a.ComputeDeadline(ctx, s.Request)
	if err != nil {
		return Deadline{}, err
	}
	e := s.Event
	due := d.Due.Midnight(prazo.AgencyZone)
	e.Payload = d.EventData()
	e.Key = e.Kind + "/" + d.Due.String()
	e.Deadline, e.DeadlineRule = &due, d.Sentence
	return d, a.RecordEvent(ctx, e)
}
