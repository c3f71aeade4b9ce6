package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Route is one endpoint of the API with the roles that may call it. Public routes have
// Public set; every other route requires a token of one of Roles.
type Route struct {
	Method  string
	Path    string
	Public  bool
	Roles   []string
	handler func(*Server) gin.HandlerFunc
}

// Routes is the API's route table. A test walks it for every role and no token, so a
// route added without an access rule fails the suite.
func Routes() []Route {
	return []Route{
		{Method: http.MethodGet, Path: "/healthz", Public: true, handler: (*Server).healthz},
		{Method: http.MethodGet, Path: "/readyz", Public: true, handler: (*Server).readyz},
		{Method: http.MethodGet, Path: "/metrics", Public: true, handler: (*Server).metrics},
		{Method: http.MethodGet, Path: "/api/v1/cases", Roles: AllRoles, handler: (*Server).listCases},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na", Roles: AllRoles, handler: (*Server).getCase},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/suspensoes", Roles: []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente, RoleAdmin}, handler: (*Server).postSuspension},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/decisoes", Roles: decisionRoles, handler: (*Server).getDecisions},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/decisoes", Roles: decisionRoles, handler: (*Server).postDecision},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/documentos", Roles: caseFileRoles, handler: (*Server).listDocuments},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/documentos/:id", Roles: caseFileRoles, handler: (*Server).getDocument},
		{Method: http.MethodGet, Path: "/api/v1/cadastro", Public: true, handler: (*Server).getCadastro},
		{Method: http.MethodGet, Path: "/api/v1/vrte", Roles: AllRoles, handler: (*Server).listVRTE},
		{Method: http.MethodPut, Path: "/api/v1/vrte/:ano", Roles: []string{RoleFinanceiro, RoleAdmin}, handler: (*Server).putVRTE},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/multa", Roles: AllRoles, handler: (*Server).getFine},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/pagamentos", Roles: []string{RoleFinanceiro}, handler: (*Server).postPayment},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/ordens-judiciais", Roles: []string{RoleFinanceiro, RoleDiretorJuridico, RoleAdmin}, handler: (*Server).postCourtOrder},
		{Method: http.MethodGet, Path: "/api/v1/divida-ativa", Roles: []string{RoleFinanceiro, RoleDiretorJuridico, RoleAdmin}, handler: (*Server).getDebts},
		{Method: http.MethodPost, Path: "/api/v1/cadastro/publicacoes", Roles: []string{RoleGerenteAtendimento, RoleDiretorPresidente}, handler: (*Server).postPublication},
		{Method: http.MethodGet, Path: "/api/v1/cadastro/retificacoes", Roles: []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorPresidente, RoleAdmin}, handler: (*Server).listCorrections},
		{Method: http.MethodPost, Path: "/api/v1/cadastro/retificacoes", Roles: []string{RoleAtendente, RoleGerenteAtendimento}, handler: (*Server).postCorrection},
		{Method: http.MethodPost, Path: "/api/v1/cadastro/retificacoes/:id/decisao", Roles: []string{RoleGerenteAtendimento, RoleDiretorPresidente}, handler: (*Server).postCorrectionDecision},
		{Method: http.MethodGet, Path: "/api/v1/praticas-continuadas", Roles: []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleAdmin}, handler: (*Server).getPracticeGroups},
		{Method: http.MethodPost, Path: "/api/v1/processos-coletivos", Roles: []string{RoleGerenteAtendimento}, handler: (*Server).postCollective},
		{Method: http.MethodPost, Path: "/api/v1/processos-coletivos/:numero/decisoes", Roles: []string{RoleDiretorJuridico}, handler: (*Server).postCollectiveDecision},
		{Method: http.MethodPost, Path: "/api/v1/processos", Roles: []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente}, handler: (*Server).postProcess},
		{Method: http.MethodPost, Path: "/api/v1/notificacoes-oficio", Roles: []string{RoleDiretorPresidente}, handler: (*Server).postExOfficioNotice},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/cips/:numero", Roles: []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorJuridico}, handler: (*Server).getCIPLetter},
		{Method: http.MethodGet, Path: "/api/v1/filas/:fila", Roles: AllRoles, handler: (*Server).getQueue},
		{Method: http.MethodGet, Path: "/api/v1/prazos", Public: true, handler: (*Server).getPrazo},
		{Method: http.MethodGet, Path: "/api/v1/acompanhamento", Public: true, handler: (*Server).getTracking},
		{Method: http.MethodPost, Path: "/api/v1/calendario/fechamentos", Roles: []string{RoleGerenteAtendimento, RoleAdmin}, handler: (*Server).postClosure},
		{Method: http.MethodGet, Path: "/api/v1/calendario/fechamentos", Roles: AllRoles, handler: (*Server).listClosures},
		{Method: http.MethodGet, Path: "/api/v1/fornecedores/:doc", Roles: AllRoles, handler: (*Server).getSupplier},
		{Method: http.MethodPut, Path: "/api/v1/fornecedores/:doc", Roles: []string{RoleAtendente, RoleGerenteAtendimento, RoleAdmin}, handler: (*Server).putSupplier},
		{Method: http.MethodDelete, Path: "/api/v1/calendario/fechamentos/:id", Roles: []string{RoleGerenteAtendimento, RoleAdmin}, handler: (*Server).deleteClosure},
	}
}
