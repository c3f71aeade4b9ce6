package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// Issue 5, through the real stack: an e-mailed complaint waits in the registration
// queue; no CIP goes out before the consumer confirms the request (004 Annex IX VI);
// staff send the CIP through the API; the supplier gets it by e-mail with the letter as
// a PDF (004 §4.2.1 I); an answer without what §4.3.4 requires is refused with a reply;
// the complete answer reaches the case, and the consumer is told; the consumer
// acknowledges and accepts by e-mail, and the case is archived as resolved. The timeline
// shows every step.
func TestCIPAnsweredByEmailAndAcceptedByTheConsumer(t *testing.T) {
	sys := startSystem(t)
	consumer, supplierAddr := "ana.e2e@example.com", "cip.e2e@loja.example"
	c := sys.fileComplaint(t, consumer, 23)
	atendente := sys.token(t, "atendente")

	send := func(from, subject, body string, pdf []byte) { sys.mailProtocol(t, from, subject, body, pdf) }
	status := func(want string) { sys.waitStatus(t, c.NA, want) }

	code, body := sys.get(t, "/api/v1/filas/registro", atendente)
	if code != http.StatusOK || !strings.Contains(string(body), c.NA) {
		t.Fatalf("registration queue: %d %s", code, body)
	}
	sys.setSupplierAddress(t, c, supplierAddr)
	decisions := "/api/v1/cases/" + c.NA + "/decisoes"
	if code, body := sys.send(t, http.MethodPost, decisions, atendente, `{"tipo":"enviar_cip"}`); code != http.StatusConflict || !hasCode(body, workflows.ErrIdentificationPending) {
		t.Fatalf("a CIP before the positive identification: %d %s", code, body)
	}
	send(consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	sys.decide(t, c.NA, atendente, `{"tipo":"enviar_cip"}`) // once the consumer's confirmation is in

	number := "CIP-" + strings.TrimPrefix(c.NA, "NA-") + "-1"
	letters := testenv.WaitInbox(t, sys.mail.IMAPAddr, supplierAddr, 90*time.Second, func(ms []testenv.Message) bool { return len(ms) > 0 })
	letter, err := mailmsg.ParseMessage(letters[0].Raw, mailmsg.Limits{})
	if err != nil || !strings.Contains(letter.Subject, number) {
		t.Fatalf("the supplier's CIP (%v): %q", err, letters[0].Subject)
	}
	var pdf []byte
	for _, a := range letter.Attachments {
		if a.DetectedType == mailmsg.TypePDF {
			pdf = a.Content
		}
	}
	if pdf == nil || !bytes.Contains(pdf, []byte(number)) {
		t.Fatalf("the CIP e-mail carries no letter naming %s", number)
	}

	code, printed := sys.get(t, "/api/v1/cases/"+c.NA+"/cips/"+number, atendente)
	if code != http.StatusOK || !bytes.HasPrefix(printed, []byte("%PDF-")) || !bytes.Contains(printed, []byte(number)) {
		t.Errorf("the letter for staff: %d (%d bytes)", code, len(printed))
	}
	if code, _ := sys.get(t, "/api/v1/cases/"+c.NA+"/cips/"+number, sys.token(t, "financeiro")); code != http.StatusForbidden {
		t.Errorf("the letter, with the consumer's CPF, to financeiro: %d", code)
	}

	send(supplierAddr, "RESPOSTA CIP "+number, "Segue a resposta.", nil)
	refusals := testenv.WaitInbox(t, sys.mail.IMAPAddr, supplierAddr, 90*time.Second, func(ms []testenv.Message) bool { return len(ms) > 1 })
	refusal, err := mailmsg.ParseMessage(refusals[1].Raw, mailmsg.Limits{})
	if err != nil || !strings.Contains(refusal.Subject, "não recebida") || !strings.Contains(refusal.Text, "CPF") {
		t.Fatalf("the incomplete answer's reply (%v): %q\n%s", err, refusals[1].Subject, refusal.Text)
	}
	answer := fmt.Sprintf("Em resposta à %s, da consumidora %s, CPF %s, informamos que o produto foi entregue.",
		number, c.ConsumerName, taxid.Format(c.ConsumerDoc))
	send(supplierAddr, "RESPOSTA CIP "+number, answer, pdf)
	status(workflows.StatusCIPAnswered)
	told := testenv.WaitInbox(t, sys.mail.IMAPAddr, consumer, 90*time.Second, func(ms []testenv.Message) bool {
		return slices.ContainsFunc(ms, func(m testenv.Message) bool { return strings.Contains(m.Subject, "Retorno sobre a resposta") })
	})
	if !slices.ContainsFunc(told, func(m testenv.Message) bool { return strings.Contains(m.Subject, "respondeu à CIP "+number) }) {
		t.Error("the consumer was not told the answer arrived")
	}

	send(consumer, "CIENTE "+c.NA, "Tomei conhecimento.", nil)
	status(workflows.StatusConsumerReturned)
	send(consumer, "ACEITO a resposta - "+c.NA, "Aceito a resposta do fornecedor.", nil)
	status(workflows.StatusArchived)

	code, body = sys.get(t, "/api/v1/cases/"+c.NA, atendente)
	var view struct {
		Timeline []struct {
			Kind  string `json:"tipo"`
			Actor string `json:"autor"`
		} `json:"eventos"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &view) != nil {
		t.Fatalf("case: %d %s", code, body)
	}
	var kinds []string
	for _, e := range view.Timeline {
		kinds = append(kinds, e.Kind)
	}
	steps := []string{"atendimento_recebido", "recibo_enviado", workflows.EventDecision, workflows.EventCIPSent,
		workflows.EventCIPAnswered, workflows.EventConsumerReturned, workflows.EventResolved}
	at := 0
	for _, k := range kinds {
		if at < len(steps) && k == steps[at] {
			at++
		}
	}
	if at != len(steps) {
		t.Errorf("timeline %v lacks, in order, %v", kinds, steps[at:])
	}
	for _, e := range view.Timeline {
		if e.Kind == workflows.EventDecision && !strings.Contains(e.Actor, "Servidor atendente") {
			t.Errorf("the decision names %q, not the staff member", e.Actor)
		}
	}
	if code, body := sys.send(t, http.MethodPost, decisions, atendente, `{"tipo":"arquivar","motivo":"x"}`); code != http.StatusConflict {
		t.Errorf("a decision on an archived case: %d %s", code, body)
	}
}
