package activities_test

import (
	"context"
	"testing"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/store"
)

// 004 §14.3: a petition is routed by the case number in its subject or body; without
// one, or with the number of no case, it is refused with a reply to its sender.
func TestRoutePetition_004_14_3(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	na := f.newCase(t, 1)
	for _, tc := range []struct {
		name, subject, body string
		refused             string
		kind                petition.Kind
	}{
		{"number in the subject", "Desistência - " + na, "Desisto da reclamação.", "", petition.KindWithdrawal},
		{"number in the body", "Documentos", "Seguem documentos do atendimento " + na + ".", "", petition.KindGeneric},
		{"no number", "Resposta CIP", "Segue a resposta.", activities.OutcomeNoNumber, petition.KindCIPAnswer},
		{"unknown number", "Defesa NA-2019-000999", "Segue a defesa.", activities.OutcomeUnknownNumber, petition.KindDefense},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte("From: Fornecedor <juridico@fornecedor.example>\r\nTo: protocolo@procon.test\r\nSubject: " +
				tc.subject + "\r\nMessage-ID: <" + tc.name + "@fornecedor.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + tc.body + "\r\n")
			in, _, err := f.st.SaveInbound(ctx, "protocolo", tc.name+"@fornecedor.example", raw)
			if err != nil {
				t.Fatal(err)
			}
			r, err := f.acts.RoutePetition(ctx, in.ID)
			if err != nil {
				t.Fatal(err)
			}
			if r.Kind != tc.kind || r.Refused != tc.refused || r.ReplyTo != "juridico@fornecedor.example" {
				t.Fatalf("route %+v", r)
			}
			if tc.refused == "" {
				if r.NA != na || r.WorkflowID != "complaint/"+na || r.Reply != nil {
					t.Errorf("not routed to %s: %+v", na, r)
				}
				return
			}
			if r.Reply == nil || r.Reply.To != "juridico@fornecedor.example" {
				t.Fatalf("refused without a reply: %+v", r)
			}
			if _, err := f.sendMail(*r.Reply); err != nil {
				t.Fatalf("the refusal cannot be rendered and sent: %v", err)
			}
		})
	}
	if got := len(f.sink.received()); got != 2 {
		t.Errorf("%d refusals sent, want 2", got)
	}
}

// Issue 4, spoofing: a withdrawal acts on the case by itself, so it counts only from the
// consumer's address on record. From another address it is routed for staff to
// confirm, and the consumer is told at the address on record; from the address on
// record, nobody needs telling.
func TestRoutePetitionChecksTheSenderOfAWithdrawal(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	na := f.newCase(t, 2) // consumer on record: consumidor2@example.com
	for _, tc := range []struct {
		from     string
		onRecord bool
	}{
		{"Consumidor2@Example.com", true},
		{"impostor@example.net", false},
	} {
		raw := []byte("From: " + tc.from + "\r\nTo: protocolo@procon.test\r\nSubject: Desistência " + na +
			"\r\nMessage-ID: <" + tc.from + "@x>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDesisto.\r\n")
		in, _, err := f.st.SaveInbound(ctx, "protocolo", tc.from+"@x", raw)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.acts.RoutePetition(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Refused != "" || r.FromPartyOnRecord != tc.onRecord {
			t.Errorf("%s: route %+v", tc.from, r)
		}
		if tc.onRecord != (r.NotifyParty == nil) {
			t.Errorf("%s: notify %+v", tc.from, r.NotifyParty)
		}
		if r.NotifyParty != nil {
			if r.NotifyParty.To != "consumidor2@example.com" {
				t.Errorf("told %s, not the consumer on record", r.NotifyParty.To)
			}
			if _, err := f.sendMail(*r.NotifyParty); err != nil {
				t.Fatalf("the warning cannot be sent: %v", err)
			}
		}
	}
}

// Issue 4, spoofing, for suppliers: a waiver of appeal (Annex XI) counts only from the
// CIP address the case's supplier registered (004 §4.2.2); from another address it
// awaits staff and the supplier is told at the registered address.
func TestRoutePetitionChecksTheSenderOfAWaiver(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	staff, _, err := f.st.AddStaff(ctx, "Ana", "", "atendente")
	if err != nil {
		t.Fatal(err)
	}
	in, _, err := f.st.SaveInbound(ctx, "atendimento", "", []byte("complaint"))
	if err != nil {
		t.Fatal(err)
	}
	na, err := f.st.CreateCaseForInbound(ctx, in.ID, 2026, store.NewCase{
		ConsumerName: "C", SupplierDocs: []string{"11222333000181"}, SupplierNames: []string{"Telefonia"}, Status: "recebido",
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SaveSupplier(ctx, store.Supplier{Doc: "11222333000181", Name: "Telefonia", CIPEmail: "cip@telefonia.example", UpdatedBy: staff.ID}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from     string
		onRecord bool
	}{{"CIP@telefonia.example", true}, {"outro@telefonia.example", false}} {
		raw := []byte("From: " + tc.from + "\r\nTo: divida.ativa@procon.test\r\nSubject: Renuncia ao recurso " + na +
			"\r\nMessage-ID: <w-" + tc.from + ">\r\n\r\nRenunciamos.\r\n")
		msg, _, err := f.st.SaveInbound(ctx, "divida_ativa", "", raw)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.acts.RoutePetition(ctx, msg.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Kind != petition.KindWaiver || r.FromPartyOnRecord != tc.onRecord || (r.NotifyParty == nil) != tc.onRecord {
			t.Errorf("%s: route %+v", tc.from, r)
		}
		if r.NotifyParty != nil && r.NotifyParty.To != "cip@telefonia.example" {
			t.Errorf("told %s, not the registered address", r.NotifyParty.To)
		}
	}
}
