package activities

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/cip"
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
	WorkflowID string `json:"id_workflow,omitempty"`
	// Kind is what the petition asks, from its subject.
	Kind petition.Kind `json:"tipo"`
	// CIP is the CIP number a supplier's answer names (checked to be one of the case's).
	CIP string `json:"cip,omitempty"`
	// Installments is the number of installments an installment request asks for ("12
	// parcelas"), 0 when it names none (004 §15.8, Annex XIII).
	Installments int `json:"parcelas,omitempty"`
	// ReplyTo is the sender to answer (Reply-To, else From); "" when unknown.
	ReplyTo string `json:"responder_a,omitempty"`
	// Sender is the From address, what is compared with the address on record.
	Sender string `json:"remetente,omitempty"`
	// Subject is the petition's subject, for the replies.
	Subject string `json:"assunto,omitempty"`
	// FromPartyOnRecord: the From address is the address on record of the party that
	// files this kind of petition (for a CIP answer, of the supplier of that CIP).
	FromPartyOnRecord bool `json:"remetente_cadastrado"`
	// NoAddressOnRecord: that party has no address on record (a CIP delivered by hand or
	// registered letter): its CIP answer is taken from any address, flagged for staff.
	NoAddressOnRecord bool `json:"sem_endereco_cadastrado,omitempty"`
	// SenderAuth is the verdict on the sender of a petition that acts by itself and
	// comes from the address on record (internal/senderauth): "dkim=pass header.d=…",
	// "dkim=fail", "no aligned signature"…; SenderFailed when it is not authenticated.
	SenderAuth   string `json:"autenticacao_remetente,omitempty"`
	SenderFailed bool   `json:"remetente_nao_autenticado,omitempty"`
	// ReceivedAt is when the agency's mailbox received it (stored with the message),
	// the day a confirmed CIP answer stops its clock (004 §4.3.1).
	ReceivedAt time.Time `json:"recebida_em,omitzero"`
	// NotifyParty, when set, tells the party on record that a petition that acts by
	// itself came in their name from another address, or without an authenticated
	// sender, and awaits staff confirmation.
	NotifyParty *Mail `json:"avisar_parte,omitempty"`
	// Refused is set when the petition reaches no case: the outcome to record, and
	// Reply the answer to send (nil when nobody can be answered).
	Refused string `json:"recusada,omitempty"`
	Reply   *Mail  `json:"resposta,omitempty"`
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
	r := PetitionRoute{Kind: petition.KindGeneric, ReceivedAt: msg.ReceivedAt}
	r.Sender, r.ReplyTo = senderAddresses(msg.Raw)
	if msg.DeclaredSize > 0 { // only its header was downloaded: nothing to protocol
		if h, err := mailmsg.ParseMessage(msg.Raw, a.IntakeLimits); err == nil {
			r.Subject = h.Subject
		}
		return a.refusePetition(r, inboundID, OutcomeTooLarge), nil
	}
	read := petition.Read(msg.Raw, a.IntakeLimits)
	parsed, readable := read.Message, read.Message != nil
	r.Kind, r.NA, r.Installments = read.Kind, read.NA, read.Installments
	if readable {
		r.Subject = parsed.Subject
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
					Key: CaseMailKey(c.NA, fmt.Sprintf("resposta-cip-recusada/%d", inboundID), "remetente"), NA: c.NA, Kind: "resposta_cip_recusada",
					To: r.ReplyTo, Data: MailData{Numero: r.CIP, Assunto: r.Subject, Problemas: said},
				}
			}
			return r, nil
		}
	}
	if err := a.checkSender(ctx, &r, c, msg.Raw, inboundID); err != nil {
		return PetitionRoute{}, err
	}
	return r, nil
}

// checkSender decides whether a petition may act by itself (issue 14): it must come
// from the address on record of its party (the consumer's, or the CIP address of the
// supplier, 004 §4.2.2) and, under the dmarc policy, with an authenticated sender. One
// that acts by itself and does not qualify awaits staff, and the party on record is told.
func (a *Activities) checkSender(ctx context.Context, r *PetitionRoute, c store.Case, raw []byte, inboundID int64) error {
	var onRecord []string
	var err error
	switch petition.PartyOf(r.Kind) {
	case petition.PartyConsumer:
		if c.ConsumerEmail != "" {
			onRecord = []string{c.ConsumerEmail}
		}
	case petition.PartySupplier:
		docs := c.SupplierDocs
		if n := cip.Position(r.CIP); r.Kind == petition.KindCIPAnswer && n >= 1 && n <= len(docs) {
			docs = docs[n-1 : n] // the supplier of that CIP answers it (004 §4.3.3)
		}
		if onRecord, err = a.Store.SupplierCIPEmails(ctx, docs); err != nil {
			return err
		}
		r.NoAddressOnRecord = len(onRecord) == 0
	}
	for _, addr := range onRecord {
		r.FromPartyOnRecord = r.FromPartyOnRecord || strings.EqualFold(r.Sender, addr)
	}
	if !petition.ActsByItself(r.Kind) {
		return nil
	}
	if r.FromPartyOnRecord {
		v := a.SenderAuth.Check(raw)
		r.SenderAuth, r.SenderFailed = v.Reason, !v.Pass
	}
	if (!r.FromPartyOnRecord || r.SenderFailed) && len(onRecord) > 0 {
		reason := ReasonNotOnRecord
		if r.FromPartyOnRecord {
			reason = r.SenderAuth
		}
		r.NotifyParty = &Mail{
			Key: CaseMailKey(c.NA, fmt.Sprintf("peticao-a-confirmar/%d", inboundID), "endereco-cadastrado"), NA: c.NA, Kind: "peticao_a_confirmar", To: onRecord[0],
			Data: MailData{Tipo: string(r.Kind), Assunto: r.Subject, NaoAutenticada: r.FromPartyOnRecord, Motivo: reason},
		}
	}
	return nil
}

// ReasonNotOnRecord: a petition that acts by itself came from an address other than its
// party's on record.
const ReasonNotOnRecord = "endereco_nao_cadastrado"

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
		Data: MailData{Motivo: r.Refused, NumeroInformado: r.NA, Assunto: r.Subject},
	}
}
