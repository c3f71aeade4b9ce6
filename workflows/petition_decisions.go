package workflows

import (
	"strconv"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
)

// The decisions on a petition that awaits confirmation of its sender (issue 14): staff
// confirm it, and it acts as if its party had sent it, on the day it arrived (a CIP
// answer stops its clock on that day, 004 §4.3.1); or they discard it.

// ConfirmPetition confirms the petition stored as Petition.
type ConfirmPetition struct {
	Petition int64 `json:"peticao" rotulo:"a petição (número da mensagem)" obrigatorio:"sim"`
}

// DiscardPetition discards the petition stored as Petition, with the reason.
type DiscardPetition struct {
	Petition int64  `json:"peticao" rotulo:"a petição (número da mensagem)" obrigatorio:"sim"`
	Reason   string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// review settles the petition in the confirmation queue, in the same write as the
// decision's timeline event.
func (b *ConfirmPetition) review(by string) *activities.PetitionReview {
	return &activities.PetitionReview{InboundID: b.Petition, Settled: "confirmar_peticao", By: by}
}

// review settles the petition in the confirmation queue.
func (b *DiscardPetition) review(by string) *activities.PetitionReview {
	return &activities.PetitionReview{InboundID: b.Petition, Settled: "descartar_peticao", By: by}
}

// openPetitionReview: a petition of the case awaits confirmation.
func (c *complaint) openPetitionReview(workflow.Context) error {
	if len(c.state.PendingPetitions) == 0 {
		return notAllowed("Nenhuma petição deste atendimento aguarda confirmação do remetente.")
	}
	return nil
}

// petitionChoices are the petitions awaiting confirmation.
func (c *complaint) petitionChoices() map[string][]string {
	var ids []string
	for _, pp := range c.state.PendingPetitions {
		ids = append(ids, strconv.FormatInt(pp.InboundID, 10))
	}
	return map[string][]string{"peticao": ids}
}

// pendingPetition refuses a petition that does not await confirmation.
func (c *complaint) pendingPetition(inboundID int64) error {
	if c.pendingIndex(inboundID) < 0 {
		return notAllowed("Não há petição " + strconv.FormatInt(inboundID, 10) + " aguardando confirmação do remetente neste atendimento.")
	}
	return nil
}

// checkConfirmPetition: the petition awaits confirmation.
func checkConfirmPetition(c *complaint, _ workflow.Context, b *ConfirmPetition) error {
	return c.pendingPetition(b.Petition)
}

// checkDiscardPetition: the petition awaits confirmation.
func checkDiscardPetition(c *complaint, _ workflow.Context, b *DiscardPetition) error {
	return c.pendingPetition(b.Petition)
}

// applyConfirmPetition applies the petition as its party's.
func applyConfirmPetition(c *complaint, ctx workflow.Context, d Decision, b *ConfirmPetition) error {
	c.settlePetition(ctx, b.Petition, d.By)
	return nil
}

// applyDiscardPetition leaves the petition on the timeline only.
func applyDiscardPetition(c *complaint, ctx workflow.Context, _ Decision, b *DiscardPetition) error {
	c.settlePetition(ctx, b.Petition, "")
	return nil
}
