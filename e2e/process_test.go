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

// Issue 7, through the real stack: a CIP answered unsatisfactorily is converted into a
// reclamação; the processo administrativo notifies the supplier by e-mail with the
// notification as a PDF (004 §8.15); the supplier's defense by e-mail sends the case to
// the Diretoria Jurídica's queue; a hearing is scheduled and both parties are notified
// (004 §5.4); the agreement suspends the process (§5.7); the consumer reports a breach
// by e-mail (§5.11) and the process resumes; the gerente classifies the reclamação
// fundamentada não atendida (§6.8); it is in the DIJUR queue and in the public Cadastro.
func TestConvertedCIPThroughDefenseHearingBreachToJudgment(t *testing.T) {
	sys := startSystem(t)
	consumer, supplierAddr := "carla.e2e@example.com", "juridico.e2e@loja.example"
	c := sys.fileComplaint(t, consumer, 31)
	atendente, gerente := sys.token(t, "atendente"), sys.token(t, "gerente_atendimento")
	decisions := "/api/v1/cases/" + c.NA + "/decisoes"
	decide := func(token, body string) { sys.decide(t, c.NA, token, body) }
	inbox := func(addr, subject string) testenv.Message { return sys.waitMail(t, addr, subject) }

	sys.setSupplierAddress(t, c, supplierAddr)
	sys.mailProtocol(t, consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	decide(atendente, `{"tipo":"enviar_cip"}`)
	number := "CIP-" + strings.TrimPrefix(c.NA, "NA-") + "-1"
	letter := pdfOf(t, inbox(supplierAddr, number))
	sys.mailProtocol(t, supplierAddr, "RESPOSTA CIP "+number, fmt.Sprintf("Resposta à %s, consumidora %s, CPF %s: nada a fazer.",
		number, c.ConsumerName, taxid.Format(c.ConsumerDoc)), letter)
	sys.waitStatus(t, c.NA, workflows.StatusCIPAnswered)
	decide(atendente, `{"tipo":"resposta_insatisfatoria","motivo":"não trata da entrega"}`)
	sys.waitStatus(t, c.NA, workflows.StatusCIPReview)
	decide(atendente, `{"tipo":"converter_reclamacao","motivo":"resposta insatisfatória"}`)

	// the defense notification, by e-mail, with its PDF
	notice := inbox(supplierAddr, "Notificação para apresentação de defesa")
	pdf := pdfOf(t, notice)
	if !bytes.Contains(pdf, []byte(c.NA)) || !bytes.Contains(notice.Raw, []byte("dias corridos")) {
		t.Fatalf("the notification's PDF does not name %s, or the mail gives no deadline", c.NA)
	}
	sys.waitStatus(t, c.NA, workflows.StatusAwaitingDefense)
	sys.mailProtocol(t, supplierAddr, "DEFESA "+c.NA, "Apresentamos defesa: o produto foi entregue.", pdf)
	sys.waitStatus(t, c.NA, workflows.StatusAwaitingJudgment)

	// the hearing, a few seconds ahead so its outcome can be recorded
	at := time.Now().Add(5 * time.Second).Truncate(time.Second)
	decide(atendente, fmt.Sprintf(`{"tipo":"agendar_audiencia","metodo":"conciliacao","data_hora":%q,"local":"https://meet.example/sala-2"}`,
		at.Format(time.RFC3339)))
	inbox(consumer, "Audiência de autocomposição designada")
	inbox(supplierAddr, "Audiência de autocomposição designada")
	time.Sleep(time.Until(at))
	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	decide(atendente, fmt.Sprintf(`{"tipo":"resultado_audiencia","resultado":"acordo","termos":"Entrega em 30 dias.","data_cumprimento":%q}`, due))
	sys.waitStatus(t, c.NA, workflows.StatusAgreement)
	inbox(consumer, "Termo de Audiência")

	sys.mailProtocol(t, consumer, "DESCUMPRIMENTO do acordo "+c.NA, "A loja não entregou.", nil)
	sys.waitStatus(t, c.NA, workflows.StatusAwaitingJudgment)
	if code, body := sys.send(t, http.MethodPost, decisions, atendente,
		`{"tipo":"classificar","classificacao":"fundamentada_nao_atendida","assunto":"produto_nao_entregue"}`); code != http.StatusConflict {
		t.Errorf("classified by an atendente: %d %s", code, body)
	}
	decide(gerente, `{"tipo":"classificar","classificacao":"fundamentada_nao_atendida","assunto":"produto_nao_entregue"}`)

	code, body := sys.get(t, "/api/v1/filas/julgamento_dijur", sys.token(t, "diretor_juridico"))
	if code != http.StatusOK || !strings.Contains(string(body), c.NA) {
		t.Fatalf("DIJUR queue: %d %s", code, body)
	}
	code, body = sys.get(t, "/api/v1/cases/"+c.NA+"/documentos", atendente)
	if code != http.StatusOK || !strings.Contains(string(body), "termo_audiencia") || !strings.Contains(string(body), "notificacao_defesa") {
		t.Errorf("documents: %d %s", code, body)
	}
	code, body = sys.get(t, fmt.Sprintf("/api/v1/cadastro?ano=%d", time.Now().Year()), "")
	if code != http.StatusOK || !strings.Contains(string(body), c.SupplierNames[0]) || !strings.Contains(string(body), `"nao_atendidas":1`) {
		t.Errorf("Cadastro: %d %s", code, body)
	}

	code, body = sys.get(t, "/api/v1/cases/"+c.NA, atendente)
	var view struct {
		Status   string `json:"situacao"`
		Timeline []struct {
			Kind string `json:"tipo"`
		} `json:"eventos"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &view) != nil {
		t.Fatalf("case: %d %s", code, body)
	}
	var kinds []string
	for _, e := range view.Timeline {
		kinds = append(kinds, e.Kind)
	}
	steps := []string{workflows.EventConverted, workflows.EventProcessOpened, workflows.EventDefenseNoticeSent,
		workflows.EventDefenseReceived, workflows.EventJudgmentQueue, workflows.EventHearingScheduled, workflows.EventHearingHeld,
		workflows.EventAgreementBreached, workflows.EventJudgmentQueue}
	at2 := 0
	for _, k := range kinds {
		if at2 < len(steps) && k == steps[at2] {
			at2++
		}
	}
	if at2 != len(steps) || !slices.Contains(kinds, workflows.EventClassified) {
		t.Errorf("timeline %v lacks, in order, %v, or the classification", kinds, steps[at2:])
	}
}

// pdfOf returns the PDF attached to a message, failing the test when there is none.
func pdfOf(t *testing.T, m testenv.Message) []byte {
	t.Helper()
	parsed, err := mailmsg.ParseMessage(m.Raw, mailmsg.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range parsed.Attachments {
		if a.DetectedType == mailmsg.TypePDF {
			return a.Content
		}
	}
	t.Fatalf("%q carries no PDF", m.Subject)
	return nil
}
