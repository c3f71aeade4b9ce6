package activities_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/senderauth/dkimtest"
	"github.com/procon-es/procon/internal/store"
)

// crlf gives a message the line endings of the wire, which DKIM signs.
func crlf(raw []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

// Issue 14: the signed and unsigned corpus through RoutePetition under the dmarc policy,
// against a real database holding a case whose consumer is consumidor@corpus.example and
// whose first supplier registered cip@loja.example (the second registered none). The
// DKIM keys are the test's, served by its fake DNS; mx.procon.test is the agency's
// receiving server. Each message gets the verdict it must: whether it may act by
// itself, why not, and who is told.
func TestSignedPetitionCorpus(t *testing.T) {
	dns := &dkimtest.DNS{}
	for _, d := range []string{"corpus.example", "loja.example", "evil.example"} {
		dns.Domain(d)
	}
	answer, err := os.ReadFile(filepath.Join("testdata", "petitions", "resposta_cip.eml"))
	if err != nil {
		t.Fatal(err)
	}
	answerFrom := func(from, number string) []byte {
		raw := strings.Replace(string(crlf(answer)), "Juridico Fornecedor <juridico@fornecedor.example>", from, 1)
		return []byte(strings.ReplaceAll(raw, "CIP-2026-000001-1", number))
	}
	petitionFrom := func(from, subject string, headers ...string) []byte {
		var top string
		for _, h := range headers {
			top += h + "\n"
		}
		return crlf([]byte(top + "From: " + from + "\nTo: protocolo@procon.test\nSubject: " + subject +
			" NA-2026-000001\nMessage-ID: <" + subject + "-" + from + ">\nContent-Type: text/plain; charset=utf-8\n\nConforme o assunto.\n"))
	}
	waiver := func(headers ...string) []byte {
		return petitionFrom("cip@loja.example", "Renuncia ao recurso", headers...)
	}
	altered := dns.Sign(waiver(), "loja.example")
	altered = bytes.Replace(altered, []byte("Conforme o assunto."), []byte("Recorremos da multa."), 1)

	for _, tc := range []struct {
		name     string
		raw      []byte
		kind     petition.Kind
		onRecord bool
		failed   bool   // not authenticated although on record
		auth     string // the verdict on the timeline
		told     string // who is told it awaits staff; "" nobody
	}{
		{"the consumer's confirmation, signed by her domain", dns.Sign(petitionFrom("consumidor@corpus.example", "CONFIRMO"), "corpus.example"),
			petition.KindConfirmation, true, false, "dkim=pass header.d=corpus.example", ""},
		{"the consumer's confirmation, unsigned", petitionFrom("consumidor@corpus.example", "CONFIRMO"),
			petition.KindConfirmation, true, true, senderauth.ReasonNoAlignedSignature, "consumidor@corpus.example"},
		{"a waiver signed by the supplier's domain", dns.Sign(waiver(), "loja.example"),
			petition.KindWaiver, true, false, "dkim=pass header.d=loja.example", ""},
		{"a waiver with its From forged, signed by the forger's domain", dns.Sign(waiver(), "evil.example"),
			petition.KindWaiver, true, true, senderauth.ReasonNoAlignedSignature, "cip@loja.example"},
		{"a waiver altered after signing", altered, petition.KindWaiver, true, true, senderauth.ReasonDKIMFail, "cip@loja.example"},
		{"a waiver with an untrusted server's dmarc=pass", waiver("Authentication-Results: mx.evil.example; dmarc=pass header.from=loja.example"),
			petition.KindWaiver, true, true, senderauth.ReasonNoAlignedSignature, "cip@loja.example"},
		{"a signed waiver the trusted server judged dmarc=fail",
			dns.Sign(waiver("Authentication-Results: mx.procon.test; dmarc=fail header.from=loja.example"), "loja.example"),
			petition.KindWaiver, true, true, "dmarc=fail (mx.procon.test)", "cip@loja.example"},
		{"a waiver the trusted server judged dmarc=pass", waiver("Authentication-Results: mx.procon.test; dmarc=pass header.from=loja.example"),
			petition.KindWaiver, true, false, "dmarc=pass (mx.procon.test)", ""},
		{"the spoofed CIP answer of the issue, from intruso@evil.example",
			dns.Sign(answerFrom("intruso@evil.example", "CIP-2026-000001-1"), "evil.example"),
			petition.KindCIPAnswer, false, false, "", "cip@loja.example"},
		{"a CIP answer from the supplier's address on record, signed", dns.Sign(answerFrom("cip@loja.example", "CIP-2026-000001-1"), "loja.example"),
			petition.KindCIPAnswer, true, false, "dkim=pass header.d=loja.example", ""},
		{"a generic petition is never checked", petitionFrom("qualquer@evil.example", "Pedido de copia"),
			petition.KindGeneric, false, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.acts.SenderAuth = senderauth.Checker{Policy: senderauth.PolicyDMARC, AuthservID: "mx.procon.test", LookupTXT: dns.LookupTXT}
			corpusCase(t, f, "cip@loja.example", "11222333000181", "44555666000199")
			r, in := routeRaw(t, f, tc.raw)
			if r.Refused != "" || r.Kind != tc.kind || r.FromPartyOnRecord != tc.onRecord || r.SenderFailed != tc.failed || r.SenderAuth != tc.auth {
				t.Fatalf("route %+v; want kind %s, on record %v, failed %v, auth %q", r, tc.kind, tc.onRecord, tc.failed, tc.auth)
			}
			if !r.ReceivedAt.Equal(in.ReceivedAt) {
				t.Errorf("received at %s, stored %s", r.ReceivedAt, in.ReceivedAt)
			}
			switch {
			case tc.told == "" && r.NotifyParty != nil:
				t.Errorf("unexpected warning to %s", r.NotifyParty.To)
			case tc.told != "" && (r.NotifyParty == nil || r.NotifyParty.To != tc.told):
				t.Fatalf("warning %+v, want one to %s", r.NotifyParty, tc.told)
			case tc.told != "":
				if _, err := f.sendMail(*r.NotifyParty); err != nil {
					t.Fatalf("the warning cannot be sent: %v", err)
				}
				body := decodedBody(t, f.sink.received()[0].Data)
				if tc.onRecord && !strings.Contains(body, tc.auth) {
					t.Errorf("the warning does not say why: %s", body)
				}
			}
		})
	}
}

// Issue 14, 004 §4.2.1 II–III: the second supplier registered no CIP address (its CIP
// went by hand): its answer is taken from any address, flagged, with nobody to tell.
func TestCIPAnswerOfASupplierWithoutAddress(t *testing.T) {
	f := newFixture(t)
	corpusCase(t, f, "cip@loja.example", "11222333000181", "44555666000199")
	raw, err := os.ReadFile(filepath.Join("testdata", "petitions", "resposta_cip.eml"))
	if err != nil {
		t.Fatal(err)
	}
	raw = bytes.ReplaceAll(raw, []byte("CIP-2026-000001-1"), []byte("CIP-2026-000001-2"))
	r, _ := routeRaw(t, f, raw)
	if r.CIP != "CIP-2026-000001-2" || !r.NoAddressOnRecord || r.FromPartyOnRecord || r.NotifyParty != nil {
		t.Errorf("route %+v", r)
	}
}

// corpusCase creates case NA-2026-000001 of the corpus: consumer Consumidor Corpus
// (consumidor@corpus.example, CPF 529.982.247-25) against the suppliers given; with
// cipEmail, the first registered it to receive CIPs.
func corpusCase(t *testing.T, f *fixture, cipEmail string, suppliers ...string) {
	t.Helper()
	ctx := context.Background()
	intake, _, err := f.st.SaveInbound(ctx, "atendimento", "", []byte("case of the corpus"))
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(suppliers))
	for i := range suppliers {
		names[i] = "Fornecedor " + suppliers[i]
	}
	if na, err := f.st.CreateCaseForInbound(ctx, intake.ID, 2026, store.NewCase{
		ConsumerName: "Consumidor Corpus", ConsumerEmail: "consumidor@corpus.example", Status: "recebido",
		ConsumerDoc: "52998224725", SupplierDocs: suppliers, SupplierNames: names,
	}); err != nil || na != "NA-2026-000001" {
		t.Fatalf("case %s, %v", na, err)
	}
	if cipEmail == "" {
		return
	}
	staff, _, err := f.st.AddStaff(ctx, "Ana", "", "atendente")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SaveSupplier(ctx, store.Supplier{Doc: suppliers[0], Name: names[0], CIPEmail: cipEmail, UpdatedBy: staff.ID}); err != nil {
		t.Fatal(err)
	}
}

// routeRaw stores raw in the protocol mailbox and routes it, as the worker does.
func routeRaw(t *testing.T, f *fixture, raw []byte) (activities.PetitionRoute, store.InboundMessage) {
	t.Helper()
	ctx := context.Background()
	in, _, err := f.st.SaveInbound(ctx, "protocolo", "", raw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.acts.RoutePetition(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r, in
}
