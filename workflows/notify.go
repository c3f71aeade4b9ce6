package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
)

// party is someone a case writes to: the consumer, or one of its suppliers.
type party struct {
	// id names the party within the case in a mail's once-only key: "consumidor", or a
	// supplier's CPF/CNPJ (masked in the logs, as all personal data).
	id    string
	name  string
	email string
}

// supplierParty is one of the case's suppliers as a recipient.
func supplierParty(s activities.CIPParty) party {
	return party{id: s.Doc, name: s.Name, email: s.Email}
}

// party is the CIP's supplier as a recipient, at its CIP address.
func (cp CIP) party() party {
	return party{id: cp.SupplierDoc, name: cp.SupplierName, email: cp.Email}
}

// supplierParties are the case's suppliers as recipients.
func supplierParties(suppliers []activities.CIPParty) []party {
	out := make([]party, len(suppliers))
	for i, s := range suppliers {
		out[i] = supplierParty(s)
	}
	return out
}

// letter is one mail a case sends to its parties: the act it announces (unique within
// the case: "audiencia/2"), its template (a file of activities/templates) and its data.
// The recipient's name goes into Destinatario.
type letter struct {
	act  string
	kind string
	data activities.MailData
}

// notify e-mails the letter to each party with an address on record, once per case, act
// and party whatever retries and replays happen; a party without an address gets none,
// as staff deliver by hand.
func notify(ctx workflow.Context, na string, l letter, to ...party) error {
	for _, p := range to {
		if _, err := send(ctx, na, l, p); err != nil {
			return err
		}
	}
	return nil
}

// send e-mails the letter to one party, as notify does, and returns the Message-ID
// ("" when the party has no address).
func send(ctx workflow.Context, na string, l letter, p party) (string, error) {
	if p.email == "" {
		return "", nil
	}
	var a *activities.Activities
	data := l.data
	data.Destinatario = p.name
	var id string
	err := workflow.ExecuteActivity(ctx, a.SendMail, activities.Mail{
		Key: activities.CaseMailKey(na, l.act, p.id), NA: na, Kind: l.kind, To: p.email, Data: data,
	}).Get(ctx, &id)
	return id, err
}

// toConsumer is the case's consumer as a recipient.
func (c *complaint) toConsumer() party {
	return party{id: "consumidor", name: c.in.ConsumerName, email: c.in.ConsumerEmail}
}

// toParties are the consumer and each supplier of the process, as recipients.
func (c *complaint) toParties() []party {
	return append([]party{c.toConsumer()}, supplierParties(c.state.Process.parties())...)
}
