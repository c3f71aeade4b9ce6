package workflows

import (
	"strconv"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
)

// SignalPetition delivers a petition of the protocol or debt mailbox to its case
// (004 §14): the stored message and what it asks.
const SignalPetition = "peticao"

// EventPetitionReceived: a petition reached the case (004 §14.1); staff see it on the
// timeline. What each kind then does belongs to the phase the case is in.
const EventPetitionReceived = "peticao_recebida"

// Petition is the payload of SignalPetition.
type Petition struct {
	// InboundID is the stored message (raw, with its attachments).
	InboundID int64 `json:"inbound_id"`
	// Mailbox is where it arrived.
	Mailbox string `json:"mailbox"`
	// Kind is what it asks, from its subject (internal/petition).
	Kind petition.Kind `json:"kind"`
	// FromPartyOnRecord: it came from the address on record of its party. One that acts
	// by itself (petition.ActsByItself) and did not awaits staff confirmation.
	FromPartyOnRecord bool `json:"from_party_on_record"`
	// CIP is the CIP number a supplier's answer names (checked by the router, 004 §4.3.4).
	CIP string `json:"cip,omitempty"`
	// Sender is the From address of a supplier's petition, which tells which of the
	// case's suppliers filed it.
	Sender string `json:"sender,omitempty"`
	// Installments is the number of installments an installment request asks for.
	Installments int `json:"parcelas,omitempty"`
}

// listenPetitions records every petition the case receives on its timeline, as it
// arrives, whatever the main flow is waiting for.
func (c *complaint) listenPetitions(ctx workflow.Context) {
	ch := workflow.GetSignalChannel(ctx, SignalPetition)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var p Petition
			ch.Receive(ctx, &p)
			err := c.note(ctx, EventPetitionReceived, "protocolo", "peticao/"+strconv.FormatInt(p.InboundID, 10), map[string]any{
				"inbound_id": p.InboundID, "caixa": p.Mailbox, "tipo": string(p.Kind), "fonte": "004 §14.1",
				"remetente_confere":   p.FromPartyOnRecord,
				"aguarda_confirmacao": petition.ActsByItself(p.Kind) && !p.FromPartyOnRecord,
			})
			if err != nil {
				workflow.GetLogger(ctx).Error("petition not recorded", "inbound_id", p.InboundID, "error", err)
			}
			c.heed(ctx, p)
		}
	})
}

// heed applies what a petition does by itself. A supplier's CIP answer, checked by the
// router (004 §4.3.4), stops its CIP's clock. Of the consumer's, only petitions from the
// address on record act; the others await staff. Positive identification (004 Annex IX
// V–VI): the consumer's petitions are a manifestation; a confirmation confirms, a
// refusal (while the identification is pending) cancels. A withdrawal closes the case
// (004 §4.4.1 I). After a timely CIP answer the consumer comes back, accepts it or asks
// for the conversion (004 §4.3.6–4.3.7); the conversion may also be asked from the
// staff queue.
func (c *complaint) heed(ctx workflow.Context, p Petition) {
	if p.Kind == petition.KindCIPAnswer {
		c.answer(ctx, p)
		return
	}
	if c.forwardToFine(ctx, p) {
		return
	}
	if p.FromPartyOnRecord && petition.PartyOf(p.Kind) == petition.PartySupplier && c.state.Process != nil {
		c.heedSupplier(ctx, p)
		return
	}
	if !p.FromPartyOnRecord || petition.PartyOf(p.Kind) != petition.PartyConsumer {
		return
	}
	c.manifested = true
	switch {
	case p.Kind == petition.KindConfirmation && c.state.Identification == IdentificationPending:
		c.state.Identification = IdentificationConfirmed
	case p.Kind == petition.KindIdentificationRefusal && c.state.Identification == IdentificationPending:
		c.refused = true
	case p.Kind == petition.KindWithdrawal:
		c.withdrawn = true // at any time (004 §4.4.1 I)
	case p.Kind == petition.KindConsumerReturn && c.state.Status == StatusCIPAnswered:
		c.state.ConsumerReturned = true
	case p.Kind == petition.KindAcceptance && c.awaitingReturn():
		c.state.ConsumerReturned, c.accepted = true, true
	case p.Kind == petition.KindConversion && (c.awaitingReturn() || c.state.Status == StatusCIPReview):
		c.conversionAsked = true
	case p.Kind == petition.KindBreach && c.state.Status == StatusAgreement:
		c.breaches++ // back to the process (004 §5.11)
		c.breachBy = "consumidor"
	}
}

// heedSupplier applies a supplier's petition in the processo administrativo, from its
// address on record: its defense while the 20 days run (004 §8.15), its answer to the
// Diretoria Jurídica's notification (004 §8.9) or to the presidency's (004 §8.13).
func (c *complaint) heedSupplier(ctx workflow.Context, p Petition) {
	proc, today := c.state.Process, prazo.CivilDate(workflow.Now(ctx))
	switch status := c.state.Status; {
	case p.Kind == petition.KindDefense && (status == StatusAwaitingDefense || status == StatusNoticeAwaitingDelivery):
		if n := proc.notice("", p.Sender); n != nil && n.DefendedOn.IsZero() {
			n.DefendedOn, n.DefenseInbound = today, p.InboundID
		}
	case (p.Kind == petition.KindNoticeAnswer || p.Kind == petition.KindDefense) && status == StatusAwaitingNoticeAnswer:
		proc.DIJURNotices[len(proc.DIJURNotices)-1].AnsweredOn = today
	case (p.Kind == petition.KindNoticeAnswer || p.Kind == petition.KindDefense) && status == StatusExOfficioAwaitingAnswer:
		if c.exOfficioAnswered.IsZero() {
			c.exOfficioAnswered = today // 004 §8.13
		}
	}
}
