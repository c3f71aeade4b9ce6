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
