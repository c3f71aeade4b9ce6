package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// authserv is the authserv-id of the agency's receiving server in these tests.
const authserv = "mx.procon.test"

// startDMARCSystem runs the system as production does (PROCON_MAIL_AUTH=dmarc), trusting
// the Authentication-Results of mx.procon.test. The parties' mail carries that server's
// dmarc=pass for their own domain, as the server would write it for mail their domain
// signed; a forger's mail is sent with the header the test gives.
func startDMARCSystem(t *testing.T) *system {
	sys := startSystemWith(t, func(c *config.Config) {
		c.MailAuth, c.MailAuthservID = senderauth.PolicyDMARC, authserv
	})
	sys.verdict = func(from string) string {
		return authserv + "; dmarc=pass header.from=" + from[strings.LastIndexByte(from, '@')+1:]
	}
	return sys
}

// pendingPetition finds, on the case's timeline, the petition that awaits confirmation
// of its sender, and returns its stored message's id and the reason.
func (s *system) pendingPetition(t *testing.T, na, token string) (int64, string) {
	t.Helper()
	var id int64
	var reason string
	testenv.Eventually(t, 90*time.Second, "a petition awaiting confirmation on "+na, func() error {
		code, body := s.get(t, "/api/v1/cases/"+na, token)
		var view struct {
			Timeline []store.Event `json:"eventos"`
		}
		if code != http.StatusOK || json.Unmarshal(body, &view) != nil {
			return fmt.Errorf("case: %d %s", code, body)
		}
		for _, e := range view.Timeline {
			var p store.EventData
			if e.Kind == workflows.EventPetitionReceived && json.Unmarshal(e.Payload, &p) == nil &&
				p.AguardaConfirmacao != nil && *p.AguardaConfirmacao {
				id, reason = p.MensagemRecebida, p.MotivoConfirmacao
				return nil
			}
		}
		return fmt.Errorf("none yet")
	})
	return id, reason
}

// inQueue reports whether the case is in the confirmacao_remetente queue.
func (s *system) inQueue(t *testing.T, queue, na, token string) bool {
	t.Helper()
	code, body := s.get(t, "/api/v1/filas/"+queue, token)
	if code != http.StatusOK {
		t.Fatalf("queue %s: %d %s", queue, code, body)
	}
	return strings.Contains(string(body), na)
}

// Issue 14, through the real mail servers: the CIP answer the issue found forged, from
// intruso@evil.example (whose own domain authenticates), complete with the consumer's
// name, CPF and a PDF, does not stop the CIP's clock: it waits in the
// confirmacao_remetente queue and the supplier's address on record is told. Staff confirm
// it, and the clock stops on the day it arrived.
func TestSpoofedCIPAnswerWaitsForStaff(t *testing.T) {
	sys := startDMARCSystem(t)
	consumer, supplierAddr := "rita.e2e@example.com", "cip.auth@loja.example"
	c := sys.fileComplaint(t, consumer, 61)
	atendente := sys.token(t, "atendente")
	sys.setSupplierAddress(t, c, supplierAddr)
	sys.mailProtocol(t, consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	sys.decide(t, c.NA, atendente, `{"tipo":"enviar_cip"}`)
	number := "CIP-" + strings.TrimPrefix(c.NA, "NA-") + "-1"
	pdf := pdfOf(t, sys.waitMail(t, supplierAddr, number))
	sys.waitStatus(t, c.NA, workflows.StatusCIPAwaitingAnswer)

	answer := fmt.Sprintf("Em resposta à %s, da consumidora %s, CPF %s, informamos que o caso foi resolvido.",
		number, c.ConsumerName, taxid.Format(c.ConsumerDoc))
	sys.mailProtocol(t, "intruso@evil.example", "RESPOSTA CIP "+number, answer, pdf)
	id, reason := sys.pendingPetition(t, c.NA, atendente)
	if reason != activities.ReasonNotOnRecord {
		t.Errorf("reason %q", reason)
	}
	warning := sys.waitMail(t, supplierAddr, "Petição recebida em seu nome")
	if !strings.Contains(string(warning.Raw), c.NA) {
		t.Errorf("the warning to the supplier does not name the case")
	}
	if now, _ := sys.store.GetCase(t.Context(), c.NA); now.Status != workflows.StatusCIPAwaitingAnswer {
		t.Fatalf("the forged answer moved the case to %s", now.Status)
	}
	if !sys.inQueue(t, "confirmacao_remetente", c.NA, atendente) {
		t.Fatal("the case is not in the confirmacao_remetente queue")
	}
	arrived, err := sys.store.Inbound(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}

	sys.decide(t, c.NA, atendente, fmt.Sprintf(`{"tipo":"confirmar_peticao","peticao":%d}`, id))
	sys.waitStatus(t, c.NA, workflows.StatusCIPAnswered)
	code, body := sys.get(t, "/api/v1/cases/"+c.NA, atendente)
	want := fmt.Sprintf(`"respondida_em":"%s"`, prazo.CivilDate(arrived.ReceivedAt))
	if code != http.StatusOK || !strings.Contains(string(body), want) {
		t.Errorf("the CIP's answer is not dated on its arrival (%s): %d %s", want, code, body)
	}
	if sys.inQueue(t, "confirmacao_remetente", c.NA, atendente) {
		t.Error("a confirmed petition stays in the queue")
	}
}

// Issue 14, through the real mail servers: a waiver of appeal written with the
// supplier's address on record in its From:, which the agency's receiving server judged
// dmarc=fail, changes no fine (no 25 % reduction, no end of the right to appeal): it
// waits for staff, and the supplier is told.
func TestForgedWaiverChangesNoFine(t *testing.T) {
	sys := startDMARCSystem(t)
	supplierAddr := "financeiro.auth@loja.example"
	c := sys.toJudgment(t, "teo.e2e@example.com", supplierAddr, 62)
	sys.waitMail(t, supplierAddr, "Notificação de multa")
	sys.waitStatus(t, c.NA, workflows.StatusFineNotified)

	sys.mailAgencyWith(t, sys.cfg.MailDebt, supplierAddr, "RENÚNCIA ao recurso - "+c.NA, "Renunciamos ao direito de recorrer (Anexo XI).",
		nil, authserv+"; dmarc=fail header.from=loja.example")
	_, reason := sys.pendingPetition(t, c.NA, sys.token(t, "atendente"))
	if reason != "dmarc=fail ("+authserv+")" {
		t.Errorf("reason %q", reason)
	}
	sys.waitMail(t, supplierAddr, "Petição recebida em seu nome")
	time.Sleep(2 * time.Second) // what a wrongly heeded waiver would have done by now
	code, body := sys.get(t, "/api/v1/cases/"+c.NA+"/multa", sys.token(t, "financeiro"))
	var fine struct {
		Multa workflows.FineState `json:"multa"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &fine) != nil {
		t.Fatalf("the fine: %d %s", code, body)
	}
	if fine.Multa.Reduced || fine.Multa.Amount.StringFixed(2) != "4500.00" || fine.Multa.Status != workflows.StatusFineNotified {
		t.Errorf("the forged waiver changed the fine: %s", body)
	}
}
