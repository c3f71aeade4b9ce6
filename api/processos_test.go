package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/procon-es/procon/api"
)

// 004 §7.1: a process opened without the supplier identified, the fact described or the
// signing agent is refused with each problem named, and no case is created; so is a
// presidency notification of an unknown kind or to a supplier with no address (§8.12).
func TestOpeningWithoutWhat7_1RequiresIsRefused_004_7_1(t *testing.T) {
	e := newAPIEnv(t, nil)
	before := snapshot(t, e)
	for name, tc := range map[string]struct {
		path, role, body string
		want             []string
	}{
		"empty process": {"/api/v1/processos", api.RoleDiretorJuridico, `{}`,
			[]string{"origem", "fato", "agente", "fornecedor.cpf_cnpj", "fornecedor.nome"}},
		"auto without its number": {"/api/v1/processos", api.RoleDiretorJuridico,
			`{"origem":"auto_infracao","fornecedor":{"cpf_cnpj":"11.222.333/0001-81","nome":"Loja"},"fato":"Preços sem etiqueta.","agente":"Fiscal"}`,
			[]string{"numero_auto"}},
		"bad CNPJ and a file that is no PDF": {"/api/v1/processos", api.RoleGerenteAtendimento,
			`{"origem":"oficio","fornecedor":{"cpf_cnpj":"11.222.333/0001-82","nome":"Loja"},"fato":"x","agente":"y","anexos":[{"nome":"a.pdf","pdf_base64":"aGVsbG8="}]}`,
			[]string{"fornecedor.cpf_cnpj", "anexos[0]"}},
		"notification of no kind, no address": {"/api/v1/notificacoes-oficio", api.RoleDiretorPresidente,
			`{"tipo":"advertencia","fornecedor":{"cpf_cnpj":"11222333000181","nome":"Loja"},"texto":"Esclareça."}`,
			[]string{"tipo", "fornecedor.email"}},
	} {
		t.Run(name, func(t *testing.T) {
			got := wantError(t, e.do(t, http.MethodPost, tc.path, tc.role, tc.body), http.StatusUnprocessableEntity, api.CodeInvalidOpening)
			for _, w := range tc.want {
				if !strings.Contains(got.Message, w+":") {
					t.Errorf("message %q does not name %s", got.Message, w)
				}
			}
		})
	}
	wantError(t, e.do(t, http.MethodPost, "/api/v1/notificacoes-oficio", api.RoleDiretorJuridico, `{}`), http.StatusForbidden, api.CodeForbidden)
	if after := snapshot(t, e); after != before {
		t.Errorf("refused openings changed the database: %s → %s", before, after)
	}
}
