package api_test

import (
	"net/http"
	"testing"

	"github.com/procon-es/procon/api"
)

// A malformed decision is answered 4xx with a Portuguese message before any workflow is
// asked; the case stays as it was.
func TestMalformedDecisionIsRefusedBeforeTheWorkflow(t *testing.T) {
	e := newAPIEnv(t, nil)
	na := newCase(t, e.st, "decisao-1@example.com")
	path := casePath(na) + "/decisoes"
	for name, tc := range map[string]struct {
		body   string
		status int
		code   string
	}{
		"empty body":       {"", http.StatusBadRequest, api.CodeInvalidRequest},
		"unknown field":    {`{"tipo":"enviar_cip","urgente":true}`, http.StatusBadRequest, api.CodeInvalidRequest},
		"not JSON":         {`tipo=enviar_cip`, http.StatusBadRequest, api.CodeInvalidRequest},
		"bad receipt date": {`{"tipo":"entrega_cip","cip":"CIP-2026-000001-1","meio":"pessoal","recebida_em":"16/03/2026"}`, http.StatusBadRequest, api.CodeInvalidDate},
		"wrong type":       {`{"tipo":"contato_telefonico","resolvido":"sim"}`, http.StatusBadRequest, api.CodeInvalidRequest},
		"hearing without zone": {`{"tipo":"agendar_audiencia","metodo":"conciliacao","data_hora":"2026-05-04 14:00","local":"Sala 2"}`,
			http.StatusBadRequest, api.CodeInvalidDate},
		"bad compliance date": {`{"tipo":"resultado_audiencia","resultado":"acordo","data_cumprimento":"amanhã"}`,
			http.StatusBadRequest, api.CodeInvalidDate},
		"days as text": {`{"tipo":"notificacao_dijur","texto":"x","prazo_dias":"dez"}`, http.StatusBadRequest, api.CodeInvalidRequest},
	} {
		t.Run(name, func(t *testing.T) {
			wantError(t, e.do(t, http.MethodPost, path, api.RoleAtendente, tc.body), tc.status, tc.code)
		})
	}
	wantError(t, e.do(t, http.MethodPost, casePath("NA-2026-999999")+"/decisoes", api.RoleAtendente, `{"tipo":"enviar_cip"}`),
		http.StatusNotFound, api.CodeNotFound)
	c, err := e.st.GetCase(t.Context(), na)
	if err != nil || c.Status != "recebido" {
		t.Fatalf("case after refused decisions: %+v %v", c.Status, err)
	}
}
