package activities

import (
	"context"
	"encoding/json"
	"time"

	"github.com/procon-es/procon/internal/store"
)

// EventData is what a timeline event says beyond its kind (store.EventData).
type EventData = store.EventData

// CaseEvent is what a workflow records about a case in one call: a timeline entry and,
// when Status is set, the case's new state and current deadline.
type CaseEvent struct {
	NA      string    `json:"na"`
	Kind    string    `json:"tipo"`
	Actor   string    `json:"autor"`
	Payload EventData `json:"dados"`
	// At is the workflow time of the event.
	At time.Time `json:"em"`
	// Key makes the write idempotent; unique per event of the case.
	Key string `json:"chave"`
	// Status, when not empty, becomes the case's current status.
	Status string `json:"situacao,omitempty"`
	// Deadline is the deadline running after the event (nil: none).
	Deadline *time.Time `json:"vence_em,omitempty"`
	// DeadlineRule explains Deadline in Portuguese.
	DeadlineRule string `json:"regra_prazo,omitempty"`
	// Review, when set, opens or settles a petition's confirmation with the event.
	Review *PetitionReview `json:"revisao,omitempty"`
}

// PetitionReview is a petition awaiting confirmation of its sender (issue 14): opened
// when Settled is empty, settled by staff's decision (confirmar_peticao or
// descartar_peticao) otherwise.
type PetitionReview struct {
	InboundID  int64     `json:"mensagem_recebida"`
	Kind       string    `json:"tipo,omitempty"`
	Reason     string    `json:"motivo,omitempty"`
	ReceivedAt time.Time `json:"recebida_em,omitzero"`
	Settled    string    `json:"decidida,omitempty"`
	By         string    `json:"por,omitempty"`
}

// RecordEvent appends the event to the case timeline and updates the case's state.
func (a *Activities) RecordEvent(ctx context.Context, e CaseEvent) error {
	payload, err := json.Marshal(e.Payload)
	if err != nil {
		return err
	}
	if _, err := a.Store.AppendEvent(ctx, store.Event{
		NA: e.NA, Kind: e.Kind, Actor: e.Actor, Payload: payload, Deadline: e.Deadline, At: e.At,
		DedupKey: e.NA + "/" + e.Key,
	}); err != nil {
		return err
	}
	if r := e.Review; r != nil {
		if err := a.recordReview(ctx, e, r); err != nil {
			return err
		}
	}
	if e.Status == "" {
		return nil
	}
	return a.Store.UpdateCase(ctx, store.CaseUpdate{NA: e.NA, Status: e.Status, Deadline: e.Deadline, Rule: e.DeadlineRule})
}

// recordReview opens or settles the petition review an event carries.
func (a *Activities) recordReview(ctx context.Context, e CaseEvent, r *PetitionReview) error {
	if r.Settled != "" {
		return a.Store.SettlePetitionReview(ctx, r.InboundID, r.Settled, r.By, e.At)
	}
	at := r.ReceivedAt
	if at.IsZero() {
		at = e.At
	}
	return a.Store.OpenPetitionReview(ctx, store.PetitionReview{InboundID: r.InboundID, NA: e.NA, Kind: r.Kind, Reason: r.Reason, ReceivedAt: at})
}
