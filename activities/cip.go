package activities

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/cip"
	"github.com/procon-es/procon/internal/intake"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// CIPParty is one supplier of a case and where its CIP goes.
type CIPParty struct {
	Number string `json:"numero"`
	Doc    string `json:"cpf_cnpj"`
	Name   string `json:"nome"`
	// Email is the address the supplier registered to receive CIPs (004 §4.2.2); "" when
	// it has none, and the CIP goes by hand or registered letter (004 §4.2.1 II–III).
	Email string `json:"email,omitempty"`
}

// CIPParties lists the suppliers of a case, in the order of the form, each with its CIP
// number and its registered CIP address.
func (a *Activities) CIPParties(ctx context.Context, na string) ([]CIPParty, error) {
	c, err := a.Store.GetCase(ctx, na)
	if err != nil {
		return nil, caseError(na, err)
	}
	out := make([]CIPParty, len(c.SupplierDocs))
	for i, doc := range c.SupplierDocs {
		out[i] = CIPParty{Number: cip.Number(na, i+1), Doc: doc, Name: c.SupplierNames[i]}
		sup, err := a.Store.SupplierByDoc(ctx, doc)
		switch {
		case err == nil:
			out[i].Email = sup.CIPEmail
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	return out, nil
}

// CIPLetter asks for one CIP to be e-mailed to its supplier (004 §4.2.1 I).
type CIPLetter struct {
	NA    string   `json:"na"`
	Party CIPParty `json:"fornecedor"`
	// IssuedOn is the day it is sent, and so received; Due is the last day to answer.
	IssuedOn prazo.Date `json:"expedida_em"`
	Due      Deadline   `json:"prazo"`
}

// SendCIP e-mails a CIP to the supplier's registered address with the letter as a PDF
// (cip.Letter), once per CIP number. It returns the Message-ID.
func (a *Activities) SendCIP(ctx context.Context, l CIPLetter) (string, error) {
	c, err := a.Store.GetCase(ctx, l.NA)
	if err != nil {
		return "", caseError(l.NA, err)
	}
	letter, err := CIPLetterFor(c, l.Party, l.IssuedOn, l.Due.Due, a.ProtocolAddress)
	if err != nil {
		return "", temporal.NewNonRetryableApplicationError("case form unreadable", "form_unreadable", err)
	}
	pdf, err := letter.PDF()
	if err != nil {
		return "", temporal.NewNonRetryableApplicationError(err.Error(), "pdf_error", err)
	}
	return a.SendMail(ctx, Mail{
		Key: CaseMailKey(l.NA, "cip/"+l.Party.Number, l.Party.Doc), NA: l.NA, Kind: "cip", To: l.Party.Email,
		Data: MailData{Numero: l.Party.Number, Destinatario: l.Party.Name, Prazo: l.Due.Sentence},
		Attachments: []store.Attachment{{
			Filename: l.Party.Number + ".pdf", ContentType: "application/pdf", Data: pdf,
		}},
	})
}

// CIPLetterFor is the letter of the CIP to party in case c (the facts from its form),
// issued on issuedOn; due is zero when the date of receipt is not known beforehand.
func CIPLetterFor(c store.Case, party CIPParty, issuedOn, due prazo.Date, protocol string) (cip.Letter, error) {
	var form intake.Form
	if err := json.Unmarshal(c.Form, &form); err != nil {
		return cip.Letter{}, fmt.Errorf("case %s: form: %w", c.NA, err)
	}
	return cip.Letter{
		Number: party.Number, NA: c.NA, IssuedOn: issuedOn,
		Supplier: cip.Party{Name: party.Name, Doc: taxid.Format(party.Doc)},
		Consumer: cip.Party{Name: c.ConsumerName, Doc: taxid.Format(c.ConsumerDoc)},
		Facts:    form.Relato, Due: due, Protocol: protocol,
	}, nil
}

// caseError makes a missing case non-retryable: no retry will create it.
func caseError(na string, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return temporal.NewNonRetryableApplicationError(fmt.Sprintf("case %s: %v", na, err), "case_missing", err)
	}
	return err
}
