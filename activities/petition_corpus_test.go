package activities_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/workflowid"
)

// Issue 4, 004 §14.3: every message of testdata/petitions, through RoutePetition against
// a real database holding case NA-2026-000001 (consumer consumidor@corpus.example): the
// case found, the kind, whether the sender is the party on record, and the reply sent
// (rendered and delivered over SMTP) when the petition reaches no case or a petition
// that acts by itself comes in the consumer's name from another address.
func TestPetitionCorpus_004_14_3(t *testing.T) {
	const na = "NA-2026-000001"
	for _, tc := range []struct {
		file     string
		kind     petition.Kind
		refused  string // "" when routed to the case
		onRecord bool
		replyTo  string // the refusal's or the warning's recipient; "" when none
	}{
		{"resposta_cip", petition.KindCIPAnswer, "", false, ""},
		{"resposta_cip_incompleta", petition.KindCIPAnswer, activities.OutcomeCIPAnswerIncomplete, false, "juridico@fornecedor.example"},
		{"retorno_consumidor", petition.KindConsumerReturn, "", true, ""},
		{"aceite", petition.KindAcceptance, "", true, ""}, // named by its CIP number only
		{"aceite_spoofed", petition.KindAcceptance, "", false, "consumidor@corpus.example"},
		{"desistencia_rfc2047", petition.KindWithdrawal, "", true, ""},
		{"desistencia_spoofed", petition.KindWithdrawal, "", false, "consumidor@corpus.example"},
		{"conversao_latin1", petition.KindConversion, "", true, ""},
		{"descumprimento", petition.KindBreach, "", true, ""},
		{"defesa", petition.KindDefense, "", false, ""},
		{"recurso", petition.KindAppeal, "", false, ""},
		{"renuncia", petition.KindWaiver, "", false, ""},
		{"parcelamento", petition.KindInstallment, "", false, ""},
		{"confirmacao", petition.KindConfirmation, "", true, ""},
		{"recusa_identificacao", petition.KindIdentificationRefusal, "", true, ""},
		{"recusa_spoofed", petition.KindIdentificationRefusal, "", false, "consumidor@corpus.example"},
		{"generica_numero_no_corpo", petition.KindGeneric, "", false, ""},
		{"numero_no_corpo_latin1", petition.KindGeneric, "", false, ""},
		{"reply_to_diferente", petition.KindGeneric, "", false, ""},
		{"sem_numero", petition.KindGeneric, activities.OutcomeNoNumber, false, "consumidor@corpus.example"},
		{"numero_desconhecido", petition.KindDefense, activities.OutcomeUnknownNumber, false, "juridico@fornecedor.example"},
		{"ilegivel", petition.KindGeneric, activities.OutcomeNoNumber, false, ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := newFixture(t)
			corpusCase(t, f, "", "11222333000181")
			raw, err := os.ReadFile(filepath.Join("testdata", "petitions", tc.file+".eml"))
			if err != nil {
				t.Fatal(err)
			}
			r, _ := routeRaw(t, f, raw)
			if r.Kind != tc.kind || r.Refused != tc.refused || r.FromPartyOnRecord != tc.onRecord {
				t.Fatalf("kind %s refused %q on record %v; want %s %q %v", r.Kind, r.Refused, r.FromPartyOnRecord, tc.kind, tc.refused, tc.onRecord)
			}
			if r.Kind == petition.KindCIPAnswer && tc.refused == "" && r.CIP != "CIP-2026-000001-1" {
				t.Errorf("answer to CIP %q, want CIP-2026-000001-1", r.CIP)
			}
			if tc.refused == "" && (r.NA != na || r.WorkflowID != workflowid.Complaint(na)) {
				t.Errorf("routed to %q (%s), want %s", r.NA, r.WorkflowID, na)
			}
			sent := r.Reply
			if sent == nil {
				sent = r.NotifyParty
			}
			if tc.replyTo == "" {
				if sent != nil {
					t.Errorf("unexpected mail to %s", sent.To)
				}
				return
			}
			if sent == nil || sent.To != tc.replyTo {
				t.Fatalf("mail %+v, want one to %s", sent, tc.replyTo)
			}
			if _, err := f.sendMail(*sent); err != nil {
				t.Fatalf("the mail cannot be sent: %v", err)
			}
			got := f.sink.received()
			if len(got) != 1 || !strings.Contains(decodedBody(t, got[0].Data), "PROCON/ES") {
				t.Errorf("%d mails delivered", len(got))
			}
		})
	}
}
