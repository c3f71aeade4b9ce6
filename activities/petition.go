package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/store"
)

// Outcomes of a petition that reaches no case.
const (
	// OutcomeNoNumber: the petition names no case (004 §14.3).
	OutcomeNoNumber = "sem_numero"
	// OutcomeUnknownNumber: the case it names does not exist.
	OutcomeUnknownNumber = "numero_desconhecido"
	// OutcomeCaseClosed: the case it names has ended.
	OutcomeCaseClosed = "atendimento_encerrado"
	// OutcomeTooLarge: the message is over the size limit and was not downloaded whole.
	OutcomeTooLarge = "mensagem_grande_demais"
	// OutcomeCIPAnswerIncomplete: a CIP answer without the consumer's name, CPF or the
	// CIP number, or with files other than PDF (004 §4.3.4, §4.2.3).
	OutcomeCIPAnswerIncomplete = "resposta_cip_incompleta"
)

// PetitionRoute is where a petition of the protocol or debt mailbox goes.
type PetitionRoute struct {
	// NA and WorkflowID name the case, when the petition names an existing one.
	NA         string `json:"na,omitempty"`
	WorkflowID string `json:"workflow_id,omitempty"`
	// Kind is what the petition asks, from its subject.
	Kind petition.Kind `json:"kind"`
	// CIP is the CIP number a supplier's answer names (checked to be one of the case's).
	CIP string `json:"cip,omitempty"`
	// Installments is the number of installments an installment request asks for ("12
	// parcelas"), 0 when it names none (004 §15.8, Annex XIII).
	Installments int `json:"parcelas,omitempty"`
	// ReplyTo is the sender to answer (Reply-To, else From); "" when unknown.
	ReplyTo string `json:"reply_to,omitempty"`
	// Sender is the From address, what is compared with the address on record.
	Sender string `json:"sender,omitempty"`
	// Subject is the petition's subject, for the replies.
	Subject string `json:"subject,omitempty"`
	// FromPartyOnRecord: the sender is the address on record of the party that files
	// this kind of petition. A petition that acts by itself takes effect only then.
	FromPartyOnRecord bool `json:"from_party_on_record"`
	// NotifyParty, when set, tells the party on record that a petition that acts by
	// itself came in their name from another address and awaits staff confirmation.
	NotifyParty *Mail `json:"notify_party,omitempty"`
	// Refused is set when the petition reaches no case: the outcome to record, and
	// Reply the answer to send (nil when nobody can be answered).
	Refused string `json:"refused,omitempty"`
	Reply   *Mail  `json:"reply,omitempty"`
}

// RoutePetition reads a stored petition and finds its case by the number it must carry
// in its subject or body (004 §14.3). No number, or a number of no case, refuses it
// with a reply that says so; nothing else changes.
func (a *Activities) RoutePetition(ctx context.Context, inboundID int64) (PetitionRoute, error) {
	msg, err := a.Store.Inbound(ctx, inboundID)
	if errors.Is(err, store.ErrNotFound) {
		return PetitionRoute{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("inbound message %d: %v", inboundID, err), "inbound_missing", err)
	}
	if err != nil {
		return PetitionRoute{}, err
	}
	r := PetitionRoute{Kind: petition.KindGeneric}
	r.Sender, r.ReplyTo = senderAddresses(msg.Raw)
	if msg.DeclaredSize > 0 { // only its header was downloaded: nothing to protocol
		if h, err := mailmsg.ParseMessage(msg.Raw, a.IntakeLimits); err == nil {
			r.Subject = h.Subject
		}
		return a.refusePetition(r, inboundID, OutcomeTooLarge), nil
	}
	parsed, err := mailmsg.ParseMessage(msg.Raw, a.IntakeLimits)
	readable := err == nil
	if readable {
		r.Subject = parsed.Subject
		r.Kind = petition.KindOf(parsed.Subject)
		r.NA = petition.FindNA(append([]string{parsed.Subject}, parsed.Bodies()...)...)
		if r.Kind == petition.KindInstallment {
			r.Installments = petition.FindInstallments(append([]string{parsed.Subject}, parsed.Bodies()...)...)
		}
	}
	if r.NA == "" {
		return a.refusePetition(r, inboundID, OutcomeNoNumber), nil
	}
	c, err := a.Store.GetCase(ctx, r.NA)
	if errors.Is(err, store.ErrNotFound) {
		return a.refusePetition(r, inboundID, OutcomeUnknownNumber), nil
	}
	if err != nil {
		return PetitionRoute{}, err
	}
	r.WorkflowID = c.WorkflowID
	if r.Kind == petition.KindCIPAnswer && readable {
		var problems []petition.AnswerProblem
		r.CIP, problems = petition.CheckCIPAnswer(parsed, petition.CIPAnswerCase{
			NA: c.NA, ConsumerName: c.ConsumerName, ConsumerDoc: c.ConsumerDoc, Suppliers: len(c.SupplierDocs),
		})
		if len(problems) > 0 {
			r.Refused = OutcomeCIPAnswerIncomplete
			if r.ReplyTo != "" {
				said := make([]string, len(problems))
				for i, p := range problems {
					said[i] = p.Message
				}
				r.Reply = &Mail{
					Key: fmt.Sprintf("resposta-cip-recusada/inbound/%d", inboundID), NA: c.NA, Kind: "resposta_cip_recusada",
					To: r.ReplyTo, Data: map[string]any{"Numero": r.CIP, "Assunto": r.Subject, "Problemas": said},
				}
			}
			return r, nil
		}
	}
	// Spoofing: the addresses on record of the party that files this kind of petition:
	// the consumer's, or the CIP addresses the case's suppliers registered (004 §4.2.2).
	var onRecord []string
	switch petition.PartyOf(r.Kind) {
	case petition.PartyConsumer:
		if c.ConsumerEmail != "" {
			onRecord = []string{c.ConsumerEmail}
		}
	case petition.PartySupplier:
		if onRecord, err = a.Store.SupplierCIPEmails(ctx, c.SupplierDocs); err != nil {
			return PetitionRoute{}, err
		}
	}
	for _, addr := range onRecord {
		r.FromPartyOnRecord = r.FromPartyOnRecord || strings.EqualFold(r.Sender, addr)
	}
	if petition.ActsByItself(r.Kind) && !r.FromPartyOnRecord && len(onRecord) > 0 {
		r.NotifyParty = &Mail{
			Key: fmt.Sprintf("peticao-a-confirmar/inbound/%d", inboundID), NA: c.NA, Kind: "peticao_a_confirmar", To: onRecord[0],
			Data: map[string]any{"Tipo": string(r.Kind), "Assunto": r.Subject},
		}
	}
	return r, nil
}

// refusePetition marks r refused with the given outcome and the reply that explains it.
func (a *Activities) refusePetition(r PetitionRoute, inboundID int64, outcome string) PetitionRoute {
	r.Refused = outcome
	r.Reply = PetitionRefusal(r, inboundID)
	return r
}

// PetitionRefusal is the reply to a petition that reached no case (nil when nobody can be
// answered). Workflows call it too, for a case found closed.
func PetitionRefusal(r PetitionRoute, inboundID int64) *Mail {
	if r.ReplyTo == "" {
		return nil
	}
	return &Mail{
		Key: fmt.Sprintf("peticao-recusada/inbound/%d", inboundID), Kind: "peticao_recusada", To: r.ReplyTo,
		Data: map[string]any{"Motivo": r.Refused, "NumeroInformado": r.NA, "Assunto": r.Subject},
	}
}
