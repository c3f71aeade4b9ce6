package workflows

import (
	"strconv"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
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
	InboundID int64 `json:"mensagem_recebida"`
	// Mailbox is where it arrived.
	Mailbox string `json:"caixa"`
	// Kind is what it asks, from its subject (internal/petition).
	Kind petition.Kind `json:"tipo"`
	// FromPartyOnRecord: it came from the address on record of its party. One that acts
	// by itself (petition.ActsByItself) and did not awaits staff confirmation.
	FromPartyOnRecord bool `json:"remetente_cadastrado"`
	// CIP is the CIP number a supplier's answer names (checked by the router, 004 §4.3.4).
	CIP string `json:"cip,omitempty"`
	// Sender is the From address of a supplier's petition, which tells which of the
	// case's suppliers filed it.
	Sender string `json:"remetente,omitempty"`
	// Installments is the number of installments an installment request asks for.
	Installments int `json:"parcelas,omitempty"`
	// NoAddressOnRecord: the party has no address on record; a CIP answer is then taken
	// from any address, flagged for staff (issue 14).
	NoAddressOnRecord bool `json:"sem_endereco_cadastrado,omitempty"`
	// SenderAuth is the verdict on the sender's authentication (internal/senderauth),
	// SenderFailed set when the sender is on record but not authenticated.
	SenderAuth   string `json:"autenticacao_remetente,omitempty"`
	SenderFailed bool   `json:"remetente_nao_autenticado,omitempty"`
	// ReceivedAt is when the agency's mailbox received it: the day it counts from.
	ReceivedAt time.Time `json:"recebida_em,omitzero"`
	// ConfirmedBy names the staff member who confirmed a petition that awaited
	// confirmation; it then acts as if it came from the party on record.
	ConfirmedBy string `json:"confirmada_por,omitempty"`
}

// trusted reports whether the petition may act by itself: from the address on record
// of its party with an authenticated sender, or confirmed by staff; a CIP answer of a
// supplier with no address on record is taken from any address (issue 14).
func (p Petition) trusted() bool {
	return p.ConfirmedBy != "" || p.FromPartyOnRecord && !p.SenderFailed ||
		p.Kind == petition.KindCIPAnswer && p.NoAddressOnRecord
}

// confirmationReason says why a petition that acts by itself is not trusted, in the
// terms of the timeline: "endereco_nao_cadastrado", or the authentication's failure.
func (p Petition) confirmationReason() string {
	if p.FromPartyOnRecord {
		return p.SenderAuth
	}
	return activities.ReasonNotOnRecord
}

// arrivedOn is the civil day the petition arrived at the agency's mailbox; the
// workflow's today for a petition recorded before the day was carried.
func (p Petition) arrivedOn(ctx workflow.Context) prazo.Date {
	if p.ReceivedAt.IsZero() {
		return prazo.CivilDate(workflow.Now(ctx))
	}
	return prazo.CivilDate(p.ReceivedAt)
}

// PendingPetition is a petition that would act on the case by itself but came from an
// address other than its party's on record, or without an authenticated sender: it
// waits for staff to confirm or discard it (the confirmacao_remetente queue, issue 14).
type PendingPetition struct {
	InboundID  int64         `json:"peticao"`
	Kind       petition.Kind `json:"tipo"`
	CIP        string        `json:"cip,omitempty"`
	Reason     string        `json:"motivo"`
	ReceivedAt time.Time     `json:"recebida_em,omitzero"`
	// petition is what a confirmation applies.
	petition Petition
}

// listenPetitions records every petition the case receives on its timeline, as it
// arrives, whatever the main flow is waiting for. One that would act by itself but is
// not trusted waits for staff (PendingPetitions); the others are taken at once.
func (c *complaint) listenPetitions(ctx workflow.Context) {
	ch := workflow.GetSignalChannel(ctx, SignalPetition)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var p Petition
			ch.Receive(ctx, &p)
			pending := !p.trusted() && petition.ActsByItself(p.Kind)
			e := activities.CaseEvent{Kind: EventPetitionReceived, Actor: "protocolo", Key: "peticao/" + strconv.FormatInt(p.InboundID, 10),
				Payload: activities.EventData{
					MensagemRecebida: p.InboundID, Caixa: p.Mailbox, Tipo: string(p.Kind), Fonte: srcPetitionReceived,
					RemetenteConfere: new(p.FromPartyOnRecord), AguardaConfirmacao: new(pending),
					Autenticacao: p.SenderAuth, SemEnderecoCadastrado: p.NoAddressOnRecord}}
			if pending {
				reason := p.confirmationReason()
				e.Payload.MotivoConfirmacao = reason
				e.Review = &activities.PetitionReview{InboundID: p.InboundID, Kind: string(p.Kind), Reason: reason, ReceivedAt: p.ReceivedAt}
				c.state.PendingPetitions = append(c.state.PendingPetitions, PendingPetition{
					InboundID: p.InboundID, Kind: p.Kind, CIP: p.CIP, Reason: reason, ReceivedAt: p.ReceivedAt, petition: p,
				})
			}
			if err := c.noteEvent(ctx, e); err != nil {
				workflow.GetLogger(ctx).Error("petition not recorded", "inbound_id", p.InboundID, "error", err)
			}
			if !pending {
				c.takePetition(ctx, p)
			}
		}
	})
}

// pendingIndex finds a petition awaiting confirmation by its stored message, -1 when none.
func (c *complaint) pendingIndex(inboundID int64) int {
	for i, pp := range c.state.PendingPetitions {
		if pp.InboundID == inboundID {
			return i
		}
	}
	return -1
}

// answerPending reports whether an answer to the CIP numbered number, arrived by due,
// awaits confirmation: its lapse waits for staff to confirm or discard it (004 §4.3.1).
func (c *complaint) answerPending(number string, due prazo.Date) bool {
	for _, pp := range c.state.PendingPetitions {
		if pp.Kind == petition.KindCIPAnswer && strings.EqualFold(pp.CIP, number) && (pp.ReceivedAt.IsZero() || !prazo.CivilDate(pp.ReceivedAt).After(due)) {
			return true
		}
	}
	return false
}

// settlePetition takes the petition stored as inboundID out of the confirmation queue:
// confirmed (by names who confirmed), it acts as if its party had sent it from the
// address on record, on the day it arrived; discarded (by empty), it stays on the
// timeline only.
func (c *complaint) settlePetition(ctx workflow.Context, inboundID int64, confirmedBy string) {
	i := c.pendingIndex(inboundID)
	p := c.state.PendingPetitions[i].petition
	c.state.PendingPetitions = append(c.state.PendingPetitions[:i:i], c.state.PendingPetitions[i+1:]...)
	if confirmedBy != "" {
		p.ConfirmedBy = confirmedBy
		c.takePetition(ctx, p)
	}
}

// takePetition applies what a trusted petition does by itself (untrusted ones are left to
// staff by listenPetitions). A supplier's CIP answer, checked by the router (004
// §4.3.4), stops its CIP's clock. Positive identification (004 Annex IX
// V–VI): the consumer's petitions are a manifestation; a confirmation confirms, a
// refusal (while the identification is pending) cancels. A withdrawal closes the case
// (004 §4.4.1 I). After a timely CIP answer the consumer comes back, accepts it or asks
// for the conversion (004 §4.3.6–4.3.7); the conversion may also be asked from the
// staff queue.
func (c *complaint) takePetition(ctx workflow.Context, p Petition) {
	if p.Kind == petition.KindCIPAnswer {
		c.answer(ctx, p)
		return
	}
	if c.forwardToFine(ctx, p) {
		return
	}
	if p.trusted() && petition.PartyOf(p.Kind) == petition.PartySupplier && c.state.Process != nil {
		c.takeSupplierPetition(ctx, p)
		return
	}
	if !p.trusted() || petition.PartyOf(p.Kind) != petition.PartyConsumer {
		return
	}
	c.reg.manifested = true
	switch {
	case p.Kind == petition.KindConfirmation && c.state.Identification == IdentificationPending:
		c.state.Identification = IdentificationConfirmed
	case p.Kind == petition.KindIdentificationRefusal && c.state.Identification == IdentificationPending:
		c.consumer.refused = true
	case p.Kind == petition.KindWithdrawal:
		c.consumer.withdrawn = true // at any time (004 §4.4.1 I)
	case p.Kind == petition.KindConsumerReturn && c.state.Status == StatusCIPAnswered:
		c.state.ConsumerReturned = true
	case p.Kind == petition.KindAcceptance && c.awaitingReturn():
		c.state.ConsumerReturned, c.prelim.accepted = true, true
	case p.Kind == petition.KindConversion && (c.awaitingReturn() || c.state.Status == StatusCIPReview):
		c.prelim.conversionAsked = true
	case p.Kind == petition.KindBreach && c.state.Status == StatusAgreement:
		c.hearing.breaches++ // back to the process (004 §5.11)
		c.hearing.breachBy = "consumidor"
	}
}

// takeSupplierPetition applies a supplier's petition in the processo administrativo, from its
// address on record: its defense while the 20 days run (004 §8.15), its answer to the
// Diretoria Jurídica's notification (004 §8.9) or to the presidency's (004 §8.13).
func (c *complaint) takeSupplierPetition(ctx workflow.Context, p Petition) {
	proc, today := c.state.Process, p.arrivedOn(ctx)
	switch status := c.state.Status; {
	case p.Kind == petition.KindDefense && (status == StatusAwaitingDefense || status == StatusNoticeAwaitingDelivery):
		if n := proc.notice("", p.Sender); n != nil && n.DefendedOn.IsZero() {
			n.DefendedOn, n.DefenseInbound = today, p.InboundID
		}
	case (p.Kind == petition.KindNoticeAnswer || p.Kind == petition.KindDefense) && status == StatusAwaitingNoticeAnswer:
		proc.DIJURNotices[len(proc.DIJURNotices)-1].AnsweredOn = today
	case (p.Kind == petition.KindNoticeAnswer || p.Kind == petition.KindDefense) && status == StatusExOfficioAwaitingAnswer:
		if c.oficio.answered.IsZero() {
			c.oficio.answered = today // 004 §8.13
		}
	}
}
