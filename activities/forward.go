package activities

import (
	"context"
	"encoding/json"
	"errors"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// FineDecision is a staff decision taken on a case that its fine's workflow takes: the
// Complaint forwards it (ForwardFineDecision) under its own Update's ID.
type FineDecision struct {
	WorkflowID string `json:"id_workflow"`
	UpdateID   string `json:"id_atualizacao"`
	Update     string `json:"atualizacao"`
	// Decision is the workflows.Decision, as the case received it.
	Decision any `json:"decisao"`
}

// errNoFine is the refusal type when the fine's workflow no longer runs (workflows.ErrNoFine).
const errNoFine = "sem_multa"

// ForwardFineDecision sends the decision to the fine's workflow as an Update and answers
// the fine's state (its JSON). The Update ID is the case's, so a retry is applied once.
// The fine's refusal comes back as a non-retryable error with the fine's type and
// message; a fine that ended, as one of type sem_multa.
func (a *Activities) ForwardFineDecision(ctx context.Context, d FineDecision) (json.RawMessage, error) {
	if a.Temporal == nil {
		return nil, errors.New("ForwardFineDecision: no Temporal client configured")
	}
	h, err := a.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: d.WorkflowID, UpdateID: d.UpdateID, UpdateName: d.Update,
		Args: []any{d.Decision}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var state json.RawMessage
	if err == nil {
		err = h.Get(ctx, &state)
	}
	var app *temporal.ApplicationError
	var gone *serviceerror.NotFound
	switch {
	case err == nil:
		return state, nil
	case errors.As(err, &app):
		return nil, temporal.NewNonRetryableApplicationError(app.Message(), app.Type(), nil)
	case errors.As(err, &gone):
		return nil, temporal.NewNonRetryableApplicationError("O caso não tem multa em cobrança.", errNoFine, nil)
	}
	return nil, err
}
