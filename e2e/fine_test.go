package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// toJudgment takes a sample complaint to the Diretoria Jurídica's queue on the real
// stack: confirmed, opened as a direct reclamação, defended (by e-mail when the supplier
// has an address, else recorded by staff; "" clears the supplier's address on record),
// judged with a fine of 1.000 VRTE at R$ 4,50. It returns the case.
func (s *system) toJudgment(t *testing.T, consumer, supplierAddr string, seq int) store.Case {
	t.Helper()
	c := s.fileComplaint(t, consumer, seq)
	atendente := s.token(t, "atendente")
	s.setSupplierAddress(t, c, supplierAddr)
	s.mailProtocol(t, consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	s.decide(t, c.NA, atendente, `{"tipo":"reclamacao_direta"}`)
	if supplierAddr != "" {
		s.waitStatus(t, c.NA, workflows.StatusAwaitingDefense)
		s.mailProtocol(t, supplierAddr, "DEFESA "+c.NA, "Nada a declarar.", nil)
	} else {
		s.waitStatus(t, c.NA, workflows.StatusNoticeAwaitingDelivery)
		s.decide(t, c.NA, atendente, fmt.Sprintf(`{"tipo":"defesa_recebida","fornecedor":%q}`, c.SupplierDocs[0]))
		s.decide(t, c.NA, atendente, fmt.Sprintf(`{"tipo":"entrega_notificacao","fornecedor":%q,"meio":"pessoal","recebida_em":%q}`,
			c.SupplierDocs[0], time.Now().Format(time.DateOnly)))
	}
	s.waitStatus(t, c.NA, workflows.StatusAwaitingJudgment)
	if code, body := s.send(t, http.MethodPut, fmt.Sprintf("/api/v1/vrte/%d", prazo.CivilDate(time.Now()).Year), s.token(t, "financeiro"),
		`{"valor":"4.5"}`); code != http.StatusOK {
		t.Fatalf("VRTE: %d %s", code, body)
	}
	s.decide(t, c.NA, s.token(t, "diretor_juridico"),
		`{"tipo":"julgar","resultado":"procedente","multa_vrte":"1000","motivo":"Venda sem entrega comprovada."}`)
	return c
}

// Issue 8, through the real stack: a judged case's fine of 1.000 VRTE (R$ 4.500,00) is
// notified by e-mail; the supplier waives the appeal by e-mail to the debt mailbox; the
// fine is reduced by 25 % (R$ 3.375,00); the financeiro records the payment; archived.
func TestFineWaivedByEmailPaidAndArchived(t *testing.T) {
	sys := startSystem(t)
	supplierAddr := "financeiro.e2e@loja.example"
	c := sys.toJudgment(t, "gil.e2e@example.com", supplierAddr, 51)
	if raw := string(sys.waitMail(t, supplierAddr, "Notificação de multa").Raw); !strings.Contains(raw, "4.500,00") {
		t.Fatalf("the notification does not give the amount:\n%s", raw)
	}
	sys.waitStatus(t, c.NA, workflows.StatusFineNotified)
	sys.mailAgency(t, sys.cfg.MailDebt, supplierAddr, "RENÚNCIA ao recurso - "+c.NA, "Renunciamos ao direito de recorrer (Anexo XI).", nil)
	sys.waitStatus(t, c.NA, workflows.StatusFineReduced)
	financeiro := sys.token(t, "financeiro")
	code, body := sys.get(t, "/api/v1/cases/"+c.NA+"/multa", financeiro)
	var fine struct {
		Multa workflows.FineState `json:"multa"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &fine) != nil || fine.Multa.Amount.StringFixed(2) != "3375.00" || !fine.Multa.Reduced {
		t.Fatalf("the reduced fine: %d %s", code, body)
	}
	pay := fmt.Sprintf(`{"valor":"3375.00","pago_em":%q,"referencia":"DUA-2026-0001"}`, time.Now().Format(time.DateOnly))
	if code, body := sys.send(t, http.MethodPost, "/api/v1/cases/"+c.NA+"/pagamentos", financeiro, pay); code != http.StatusOK {
		t.Fatalf("payment: %d %s", code, body)
	}
	sys.waitStatus(t, c.NA, workflows.StatusArchived)
	if code, body := sys.send(t, http.MethodPost, "/api/v1/cases/"+c.NA+"/pagamentos", financeiro, pay); code == http.StatusOK {
		t.Errorf("a payment on a closed fine: %d %s", code, body)
	}
}

// Issue 8, through the real stack: a supplier without an address receives the decision by
// registered letter, received 40 days ago: both windows are over, the fine is final and
// unpaid, and it is inscribed in Dívida Ativa at once; the export has the debt, and then
// the reduction a court ordered.
func TestUnpaidFineLapsesIntoTheDebtExport(t *testing.T) {
	sys := startSystem(t)
	c := sys.toJudgment(t, "helena.e2e@example.com", "", 52)
	sys.waitStatus(t, c.NA, workflows.StatusFineAwaitingDelivery)
	sys.decide(t, c.NA, sys.token(t, "atendente"), fmt.Sprintf(`{"tipo":"entrega_decisao","meio":"carta_registrada","recebida_em":%q}`,
		time.Now().AddDate(0, 0, -40).Format(time.DateOnly)))
	sys.waitStatus(t, c.NA, workflows.StatusDebtInscribed)
	code, body := sys.get(t, "/api/v1/divida-ativa", sys.token(t, "financeiro"))
	if code != http.StatusOK || !strings.Contains(string(body), c.NA) || !strings.Contains(string(body), "4500.00") {
		t.Fatalf("the Dívida Ativa export: %d %s", code, body)
	}
	testenv.WaitInbox(t, sys.mail.IMAPAddr, sys.cfg.MailFinance, 90*time.Second, func(ms []testenv.Message) bool {
		return len(ms) > 0 && strings.Contains(ms[0].Subject, c.NA)
	})

	// 004 §11.3: a court reduces the inscribed debt to 500 VRTE; the export shows it.
	code, body = sys.send(t, http.MethodPost, "/api/v1/cases/"+c.NA+"/ordens-judiciais", sys.token(t, "diretor_juridico"),
		`{"ordem":"reduzir","multa_vrte":"500","motivo":"2ª Vara da Fazenda Pública, processo 0001234"}`)
	if code != http.StatusOK {
		t.Fatalf("court order on the debt: %d %s", code, body)
	}
	code, body = sys.get(t, "/api/v1/divida-ativa", sys.token(t, "financeiro"))
	if code != http.StatusOK || !strings.Contains(string(body), "2250.00") || !strings.Contains(string(body), "reduzida") {
		t.Errorf("the export after the court order: %d %s", code, body)
	}
}
