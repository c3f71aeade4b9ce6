package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// menu is GET /api/v1/cases/{na}/decisoes for role: the kinds listed, with their fields.
func (s *system) menu(t *testing.T, na, role string) map[string]workflows.DecisionOption {
	t.Helper()
	code, body := s.get(t, "/api/v1/cases/"+na+"/decisoes", s.token(t, role))
	var got struct {
		Decisoes []workflows.DecisionOption `json:"decisoes"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &got) != nil {
		t.Fatalf("GET decisoes as %s: %d %s", role, code, body)
	}
	out := map[string]workflows.DecisionOption{}
	for _, o := range got.Decisoes {
		if o.Label == "" || o.Source == "" || o.Fields == nil {
			t.Errorf("%s listed without rotulo, fonte or campos: %+v", o.Kind, o)
		}
		out[o.Kind] = o
	}
	return out
}

// requireMenuIsWhatIsAccepted checks, for each staff role that takes decisions, that
// every kind the menu omits is refused with 409 whatever its body, and that every kind it
// lists with a required field gets past the role and the state: an empty body is refused
// with 422 for what it lacks, never 409. It returns the menus by role.
func (s *system) requireMenuIsWhatIsAccepted(t *testing.T, phase, na string) map[string]map[string]workflows.DecisionOption {
	t.Helper()
	menus := map[string]map[string]workflows.DecisionOption{}
	for _, role := range []string{"atendente", "gerente_atendimento", "diretor_juridico", "diretor_presidente"} {
		menu := s.menu(t, na, role)
		menus[role] = menu
		for _, kind := range workflows.DecisionKinds() {
			o, listed := menu[kind]
			required := slices.ContainsFunc(o.Fields, func(f workflows.DecisionField) bool { return f.Required })
			if listed && !required {
				continue // posting it would take it
			}
			code, body := s.send(t, http.MethodPost, "/api/v1/cases/"+na+"/decisoes", s.token(t, role), fmt.Sprintf(`{"tipo":%q}`, kind))
			switch {
			case listed && code != http.StatusUnprocessableEntity:
				t.Errorf("%s, %s: %s is listed but an empty body got %d %s", phase, role, kind, code, body)
			case !listed && code != http.StatusConflict:
				t.Errorf("%s, %s: %s is not listed but got %d %s", phase, role, kind, code, body)
			}
		}
	}
	return menus
}

// Issue 15: GET /api/v1/cases/{na}/decisoes lists, for the staff member calling, exactly
// the decisions POST accepts from them on the case now, phase by phase on the real stack:
// awaiting registration (identification pending, then confirmed), in the processo
// administrativo, in the Diretoria Jurídica's queue, and with its fine being collected
// (the fine's kinds taken through the case). Roles that take no decisions get 403.
func TestDecisionMenuIsWhatIsAccepted(t *testing.T) {
	sys := startSystem(t)
	supplierAddr := "menu.e2e@loja.example"
	c := sys.fileComplaint(t, "menu.e2e@example.com", 71)
	sys.setSupplierAddress(t, c, supplierAddr)
	for _, role := range []string{"financeiro", "admin"} {
		if code, body := sys.get(t, "/api/v1/cases/"+c.NA+"/decisoes", sys.token(t, role)); code != http.StatusForbidden {
			t.Errorf("GET decisoes as %s: %d %s", role, code, body)
		}
	}

	menus := sys.requireMenuIsWhatIsAccepted(t, "identification pending", c.NA)
	if _, ok := menus["atendente"]["enviar_cip"]; ok {
		t.Error("enviar_cip listed before the consumer confirmed (004 Annex IX VI)")
	}
	if _, ok := menus["atendente"]["cancelamento"]; !ok {
		t.Errorf("cancelamento not listed at registration: %v", menus["atendente"])
	}

	sys.mailProtocol(t, "menu.e2e@example.com", "CONFIRMO "+c.NA, "Confirmo o pedido.", nil)
	testenvEventually(t, "confirmation", func() bool { _, ok := sys.menu(t, c.NA, "atendente")["enviar_cip"]; return ok })
	menus = sys.requireMenuIsWhatIsAccepted(t, "registration", c.NA)
	phone := menus["atendente"]["contato_telefonico"]
	if len(phone.Fields) != 1 || phone.Fields[0].Name != "resolvido" || phone.Fields[0].Type != "booleano" || !phone.Fields[0].Required {
		t.Errorf("contato_telefonico's fields: %+v", phone.Fields)
	}

	sys.decide(t, c.NA, sys.token(t, "atendente"), `{"tipo":"reclamacao_direta"}`)
	sys.waitStatus(t, c.NA, workflows.StatusAwaitingDefense)
	menus = sys.requireMenuIsWhatIsAccepted(t, "defense", c.NA)
	defense := menus["atendente"]["defesa_recebida"]
	if i := slices.IndexFunc(defense.Fields, func(f workflows.DecisionField) bool { return f.Name == "fornecedor" }); i < 0 ||
		!slices.Equal(defense.Fields[i].Values, c.SupplierDocs) {
		t.Errorf("defesa_recebida's suppliers: %+v, want %v", defense.Fields, c.SupplierDocs)
	}
	if _, ok := menus["atendente"]["classificar"]; ok {
		t.Error("classificar listed for the atendente (004 §6.8: the Gerente de Atendimento)")
	}
	if _, ok := menus["gerente_atendimento"]["classificar"]; !ok {
		t.Error("classificar not listed for the gerente in the process")
	}

	sys.mailProtocol(t, supplierAddr, "DEFESA "+c.NA, "Nada a declarar.", nil)
	sys.waitStatus(t, c.NA, workflows.StatusAwaitingJudgment)
	menus = sys.requireMenuIsWhatIsAccepted(t, "judgment queue", c.NA)
	judge := menus["diretor_juridico"]["julgar"]
	if i := slices.IndexFunc(judge.Fields, func(f workflows.DecisionField) bool { return f.Name == "resultado" }); i < 0 ||
		!slices.Equal(judge.Fields[i].Values, []string{"procedente", "improcedente", "extinto"}) {
		t.Errorf("julgar's resultado: %+v", judge.Fields)
	}

	if code, body := sys.send(t, http.MethodPut, fmt.Sprintf("/api/v1/vrte/%d", prazo.CivilDate(time.Now()).Year), sys.token(t, "financeiro"),
		`{"valor":"4.5"}`); code != http.StatusOK {
		t.Fatalf("VRTE: %d %s", code, body)
	}
	sys.decide(t, c.NA, sys.token(t, "diretor_juridico"),
		`{"tipo":"julgar","resultado":"procedente","multa_vrte":"1000","motivo":"Venda sem entrega comprovada."}`)
	sys.waitStatus(t, c.NA, workflows.StatusFineNotified)
	testenvEventually(t, "the fine's decisions", func() bool { _, ok := sys.menu(t, c.NA, "atendente")["renuncia"]; return ok })
	menus = sys.requireMenuIsWhatIsAccepted(t, "fine", c.NA)
	if _, ok := menus["diretor_presidente"]["segunda_instancia"]; ok {
		t.Error("segunda_instancia listed with no appeal pending")
	}
	if _, ok := menus["atendente"]["julgar"]; ok {
		t.Error("julgar listed after the judgment")
	}

	// A decision on the fine, taken on the case: the case forwards it to the fine.
	code, body := sys.send(t, http.MethodPost, "/api/v1/cases/"+c.NA+"/decisoes", sys.token(t, "atendente"), `{"tipo":"renuncia"}`)
	var answer struct {
		Multa *workflows.FineState `json:"multa"`
	}
	if code != http.StatusOK || json.Unmarshal(body, &answer) != nil || answer.Multa == nil {
		t.Fatalf("renuncia through the case: %d %s", code, body)
	}
	sys.waitStatus(t, c.NA, workflows.StatusFineReduced)
	if _, ok := sys.menu(t, c.NA, "atendente")["renuncia"]; ok {
		t.Error("renuncia still listed once waived")
	}
}

// testenvEventually waits up to 90 s for cond.
func testenvEventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached in 90 s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
