package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// Issue 7, 004 §8.2–8.7, through the real stack: three consumers' reclamações against
// the same supplier, given the same subject by staff, are shown to the Gerência de
// Atendimento as a continued practice; the gerente confirms the grouping; the collective
// process gathers the three cases, which wait on it after their defense; grouping a case
// twice is refused; the same grouping asked again answers the same process; its judgment
// reaches each case.
func TestCollectiveProcessOverThreeCases(t *testing.T) {
	sys := startSystem(t)
	atendente, gerente := sys.token(t, "atendente"), sys.token(t, "gerente_atendimento")
	supplierAddr := "coletivo.e2e@loja.example"
	var cases []string
	for i, consumer := range []string{"dora.e2e@example.com", "edu.e2e@example.com", "fabi.e2e@example.com"} {
		c := sys.fileComplaint(t, consumer, 41+i)
		if i == 0 {
			sys.setSupplierAddress(t, c, supplierAddr)
		}
		sys.mailProtocol(t, consumer, "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
		for _, d := range []string{`{"tipo":"reclamacao_direta"}`, `{"tipo":"definir_assunto","assunto":"cobranca_indevida"}`} {
			sys.decide(t, c.NA, atendente, d)
		}
		cases = append(cases, c.NA)
	}

	var groups struct {
		Grupos []struct {
			Doc     string   `json:"fornecedor_cpf_cnpj"`
			Assunto string   `json:"assunto"`
			Ano     int      `json:"ano"`
			Casos   []string `json:"casos"`
		} `json:"grupos"`
	}
	code, body := sys.get(t, "/api/v1/praticas-continuadas", gerente)
	if code != http.StatusOK || json.Unmarshal(body, &groups) != nil || len(groups.Grupos) != 1 ||
		!slices.Equal(groups.Grupos[0].Casos, cases) || groups.Grupos[0].Assunto != "cobranca_indevida" {
		t.Fatalf("continued practices: %d %s, want one group of %v", code, body, cases)
	}
	g := groups.Grupos[0]
	group := func(nas []string) (int, []byte) {
		quoted, _ := json.Marshal(nas)
		return sys.send(t, http.MethodPost, "/api/v1/processos-coletivos", gerente,
			fmt.Sprintf(`{"fornecedor":%q,"assunto":%q,"ano":%d,"casos":%s}`, g.Doc, g.Assunto, g.Ano, quoted))
	}
	if code, body := group(cases[:1]); code != http.StatusBadRequest {
		t.Errorf("a group of one: %d %s", code, body)
	}
	code, body = group(cases)
	var made struct {
		Numero string `json:"numero"`
		Casos  []struct {
			NA string `json:"na"`
		} `json:"casos"`
	}
	if code != http.StatusCreated || json.Unmarshal(body, &made) != nil || len(made.Casos) != 3 || !strings.HasPrefix(made.Numero, "PC-") {
		t.Fatalf("grouping: %d %s", code, body)
	}
	if code, body := group(cases[:2]); code != http.StatusConflict || !hasCode(body, api.CodeAlreadyGrouped) {
		t.Errorf("grouping a case twice: %d %s", code, body)
	}
	if code, body := group(cases); code != http.StatusOK || !strings.Contains(string(body), made.Numero) {
		t.Errorf("the same grouping again: %d %s", code, body)
	}

	for _, na := range cases {
		sys.mailProtocol(t, supplierAddr, "DEFESA "+na, "Apresentamos defesa.", nil)
	}
	for _, na := range cases {
		sys.waitStatus(t, na, workflows.StatusGrouped)
		events, err := sys.store.Events(t.Context(), na)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(events, func(e store.Event) bool {
			return e.Kind == workflows.EventGrouped && strings.Contains(string(e.Payload), made.Numero)
		}) {
			t.Errorf("%s: no grouping on the timeline", na)
		}
	}
	code, body = sys.get(t, "/api/v1/praticas-continuadas", gerente)
	if code != http.StatusOK || strings.Contains(string(body), cases[0]) {
		t.Errorf("grouped cases still offered: %s", body)
	}

	// 004 §8.7–8.10: the collective process is judged once; each case receives it.
	code, body = sys.send(t, http.MethodPost, "/api/v1/processos-coletivos/"+made.Numero+"/decisoes", sys.token(t, "diretor_juridico"),
		`{"tipo":"julgar","resultado":"improcedente","motivo":"As cobranças foram estornadas."}`)
	if code != http.StatusOK {
		t.Fatalf("collective judgment: %d %s", code, body)
	}
	for _, na := range cases {
		sys.waitStatus(t, na, workflows.StatusArchived)
	}
}
