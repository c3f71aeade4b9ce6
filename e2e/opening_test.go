package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/testenv"
	"github.com/procon-es/procon/workflows"
)

// Issue 7, 004 §7.2 IV and §8.12–8.16, through the real stack: staff open a process
// from an auto de infração with its PDF; the supplier is notified by e-mail to present
// its defense, and the auto is kept with the case. The presidency notifies another
// supplier; its answer by e-mail puts the case before the Diretor Presidente, who opens
// a process of ofício: the supplier is notified for its defense.
func TestProcessesOpenedByStaffAndByThePresidency(t *testing.T) {
	sys := startSystem(t)
	juridico, presidente := sys.token(t, "diretor_juridico"), sys.token(t, "diretor_presidente")
	fiscal, notified := "fiscalizado.e2e@mercado.example", "notificado.e2e@banco.example"
	auto := []byte("%PDF-1.4\n% auto de infracao 123/2026\n")
	opening := fmt.Sprintf(`{"origem":"auto_infracao",
		"fornecedor":{"cpf_cnpj":"11.444.777/0001-61","nome":"Mercado Exemplo Ltda","email":%q},
		"fato":"Produtos expostos sem preço.","agente":"Fiscal Ana (matrícula 123)","numero_auto":"123/2026",
		"anexos":[{"nome":"auto-123.pdf","pdf_base64":%q}]}`, fiscal, base64.StdEncoding.EncodeToString(auto))
	key := map[string]string{"Idempotency-Key": "auto-123-2026"}
	code, body := sys.sendHeader(t, http.MethodPost, "/api/v1/processos", juridico, opening, key)
	var opened struct {
		NA string `json:"na"`
	}
	if code != http.StatusCreated || json.Unmarshal(body, &opened) != nil {
		t.Fatalf("process from the auto: %d %s", code, body)
	}
	again, body := sys.sendHeader(t, http.MethodPost, "/api/v1/processos", juridico, opening, key)
	if again != http.StatusCreated || !strings.Contains(string(body), opened.NA) {
		t.Errorf("the same opening again: %d %s", again, body)
	}
	notice := testenv.WaitInbox(t, sys.mail.IMAPAddr, fiscal, 90*time.Second, func(ms []testenv.Message) bool { return len(ms) > 0 })
	if len(notice) != 1 || !strings.Contains(notice[0].Subject, opened.NA) || !bytes.Contains(pdfOf(t, notice[0]), []byte("auto de infra")) {
		t.Fatalf("the defense notification: %+v", notice)
	}
	sys.waitStatus(t, opened.NA, workflows.StatusAwaitingDefense)
	code, body = sys.get(t, "/api/v1/cases/"+opened.NA+"/documentos", juridico)
	if code != http.StatusOK || !strings.Contains(string(body), "auto-123.pdf") || !strings.Contains(string(body), "notificacao_defesa") {
		t.Errorf("documents: %d %s", code, body)
	}

	code, body = sys.send(t, http.MethodPost, "/api/v1/notificacoes-oficio", presidente, fmt.Sprintf(`{"tipo":"esclarecimentos",
		"fornecedor":{"cpf_cnpj":"33.000.167/0001-01","nome":"Banco Exemplo S.A.","email":%q},"texto":"Esclareça a tarifa."}`, notified))
	var ex struct {
		NA string `json:"na"`
	}
	if code != http.StatusCreated || json.Unmarshal(body, &ex) != nil {
		t.Fatalf("ex-officio notification: %d %s", code, body)
	}
	testenv.WaitInbox(t, sys.mail.IMAPAddr, notified, 90*time.Second, func(ms []testenv.Message) bool { return len(ms) > 0 })
	sys.mailProtocol(t, notified, "RESPOSTA NOTIFICAÇÃO "+ex.NA, "A tarifa está prevista em contrato.", nil)
	sys.waitStatus(t, ex.NA, workflows.StatusAwaitingPresidency)
	code, body = sys.get(t, "/api/v1/filas/decisao_presidencia", presidente)
	if code != http.StatusOK || !strings.Contains(string(body), ex.NA) {
		t.Errorf("presidency queue: %d %s", code, body)
	}
	code, body = sys.send(t, http.MethodPost, "/api/v1/cases/"+ex.NA+"/decisoes", presidente,
		`{"tipo":"decisao_presidencia","abrir_processo":true,"motivo":"A resposta não afasta a infração."}`)
	if code != http.StatusOK {
		t.Fatalf("presidency's decision: %d %s", code, body)
	}
	sys.waitStatus(t, ex.NA, workflows.StatusAwaitingDefense)
	testenv.WaitInbox(t, sys.mail.IMAPAddr, notified, 90*time.Second, func(ms []testenv.Message) bool {
		return slices.ContainsFunc(ms, func(m testenv.Message) bool { return strings.Contains(m.Subject, "defesa") })
	})
}
