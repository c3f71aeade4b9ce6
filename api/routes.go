package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Route is one endpoint of the API with the roles that may call it. Public routes have
// Public set; every other route requires a token of one of Roles. Summary says what it
// does, in Portuguese; Body is a value of its request body's type, if it takes one: the
// OpenAPI document (GET /api/v1/openapi.json) is built from them.
type Route struct {
	Method string
	Path   string
	// Page marks a page of the staff console (HTML): it authenticates by the session
	// cookie, not a token, and a POST must carry the session's CSRF token.
	Page bool
	// Nav names a page in the console's menu, shown to the roles that may open it.
	Nav     string
	Public  bool
	Roles   []string
	Summary string
	Body    any
	handler func(*Server) gin.HandlerFunc
}

// decisionBodies stands for the body of a decision: {"tipo", ...the kind's fields}, one
// schema per kind in the OpenAPI document.
type decisionBodies struct{}

// Routes is the API's route table. A test walks it for every role and no token, so a
// route added without an access rule fails the suite.
func Routes() []Route {
	return []Route{
		{Method: http.MethodGet, Path: "/healthz", Public: true, Summary: "O processo da API está no ar.", handler: (*Server).healthz},
		{Method: http.MethodGet, Path: "/readyz", Public: true, Summary: "A API alcança o PostgreSQL e o Temporal.", handler: (*Server).readyz},
		{Method: http.MethodGet, Path: "/metrics", Public: true, Summary: "Métricas no formato do Prometheus.", handler: (*Server).metrics},
		{Method: http.MethodGet, Path: "/api/v1/openapi.json", Public: true, Summary: "Este documento OpenAPI 3.1 da API.", handler: (*Server).openAPI},
		{Method: http.MethodGet, Path: "/api/v1/cases", Roles: AllRoles, Summary: "Lista os casos, com filtros por situação, prazo e texto.", handler: (*Server).listCases},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na", Roles: AllRoles, Summary: "Um caso: dados, situação, prazo em curso e linha do tempo.", handler: (*Server).getCase},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/suspensoes", Roles: []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente, RoleAdmin},
			Summary: "Suspende o prazo em curso por força maior (004 §13.4).", Body: suspensionBody{}, handler: (*Server).postSuspension},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/decisoes", Roles: decisionRoles,
			Summary: "As decisões que o servidor pode tomar agora no caso, com os seus campos.", handler: (*Server).getDecisions},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/decisoes", Roles: decisionRoles,
			Summary: "Toma uma decisão no caso (004 §3–§15); as da multa seguem para ela.", Body: decisionBodies{}, handler: (*Server).postDecision},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/documentos", Roles: caseFileRoles, Summary: "Os documentos do caso (anexos e documentos emitidos).", handler: (*Server).listDocuments},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/documentos/:id", Roles: caseFileRoles, Summary: "Um documento do caso.", handler: (*Server).getDocument},
		{Method: http.MethodGet, Path: "/api/v1/cadastro", Public: true, Summary: "O Cadastro de Reclamações Fundamentadas publicado (004 §6).", handler: (*Server).getCadastro},
		{Method: http.MethodGet, Path: "/api/v1/vrte", Roles: AllRoles, Summary: "Os valores da VRTE cadastrados, por ano.", handler: (*Server).listVRTE},
		{Method: http.MethodPut, Path: "/api/v1/vrte/:ano", Roles: []string{RoleFinanceiro, RoleAdmin}, Summary: "Cadastra o valor da VRTE de um ano.", Body: vrteBody{}, handler: (*Server).putVRTE},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/multa", Roles: AllRoles, Summary: "A multa do caso: valor, pago, prazos.", handler: (*Server).getFine},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/pagamentos", Roles: []string{RoleFinanceiro}, Summary: "Registra um pagamento da multa (004 §11).", Body: paymentBody{}, handler: (*Server).postPayment},
		{Method: http.MethodPost, Path: "/api/v1/cases/:na/ordens-judiciais", Roles: []string{RoleFinanceiro, RoleDiretorJuridico, RoleAdmin},
			Summary: "Registra uma ordem judicial sobre a multa ou o débito inscrito (004 §11.2–11.3).", Body: courtOrderBody{}, handler: (*Server).postCourtOrder},
		{Method: http.MethodGet, Path: "/api/v1/divida-ativa", Roles: []string{RoleFinanceiro, RoleDiretorJuridico, RoleAdmin},
			Summary: "Exporta os débitos inscritos em Dívida Ativa (004 §11.1), em CSV ou JSON.", handler: (*Server).getDebts},
		{Method: http.MethodPost, Path: "/api/v1/cadastro/publicacoes", Roles: []string{RoleGerenteAtendimento, RoleDiretorPresidente},
			Summary: "Registra a publicação anual do Cadastro (004 §6.5–6.6).", Body: publicationBody{}, handler: (*Server).postPublication},
		{Method: http.MethodGet, Path: "/api/v1/cadastro/retificacoes", Roles: []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorPresidente, RoleAdmin},
			Summary: "Os pedidos de retificação do Cadastro (004 §6.10).", handler: (*Server).listCorrections},
		{Method: http.MethodPost, Path: "/api/v1/cadastro/retificacoes", Roles: []string{RoleAtendente, RoleGerenteAtendimento},
			Summary: "Registra um pedido de retificação do Cadastro (004 §6.10).", Body: correctionBody{}, handler: (*Server).postCorrection},
		{Method: http.MethodPost, Path: "/api/v1/cadastro/retificacoes/:id/decisao", Roles: []string{RoleGerenteAtendimento, RoleDiretorPresidente},
			Summary: "Decide um pedido de retificação do Cadastro (004 §6.10).", Body: correctionDecisionBody{}, handler: (*Server).postCorrectionDecision},
		{Method: http.MethodGet, Path: "/api/v1/praticas-continuadas", Roles: []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleAdmin},
			Summary: "Os grupos de casos que indicam prática continuada (004 §8.2–8.5).", handler: (*Server).getPracticeGroups},
		{Method: http.MethodPost, Path: "/api/v1/processos-coletivos", Roles: []string{RoleGerenteAtendimento},
			Summary: "Reúne casos em um processo coletivo (004 §8.4).", Body: collectiveBody{}, handler: (*Server).postCollective},
		{Method: http.MethodPost, Path: "/api/v1/processos-coletivos/:numero/decisoes", Roles: []string{RoleDiretorJuridico},
			Summary: "Julga o processo coletivo (julgar, 004 §8.7–8.10).", Body: decisionBodies{}, handler: (*Server).postCollectiveDecision},
		{Method: http.MethodPost, Path: "/api/v1/processos", Roles: openingRoles,
			Summary: "Instaura um processo de ofício, por auto de infração ou por denúncia (004 §7.2, III–V).", Body: processBody{}, handler: (*Server).postProcess},
		{Method: http.MethodPost, Path: "/api/v1/notificacoes-oficio", Roles: []string{RoleDiretorPresidente},
			Summary: "Expede a notificação de ofício da presidência (004 §8.12).", Body: exOfficioBody{}, handler: (*Server).postExOfficioNotice},
		{Method: http.MethodGet, Path: "/api/v1/cases/:na/cips/:numero", Roles: []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorJuridico},
			Summary: "A CIP, em PDF, como foi expedida.", handler: (*Server).getCIPLetter},
		{Method: http.MethodGet, Path: "/api/v1/filas/:fila", Roles: AllRoles, Summary: "Uma fila de trabalho da equipe, na ordem em que se atende.", handler: (*Server).getQueue},
		{Method: http.MethodGet, Path: "/api/v1/prazos", Public: true, Summary: "Calcula um prazo com o calendário do PROCON/ES (004 §13).", handler: (*Server).getPrazo},
		{Method: http.MethodGet, Path: "/api/v1/acompanhamento", Public: true, Summary: "Acompanhamento do caso pelo NA e o CPF do consumidor.", handler: (*Server).getTracking},
		{Method: http.MethodPost, Path: "/api/v1/calendario/fechamentos", Roles: []string{RoleGerenteAtendimento, RoleAdmin},
			Summary: "Declara um dia sem expediente ou de expediente encerrado mais cedo (004 §13.1.2).", Body: closureRequest{}, handler: (*Server).postClosure},
		{Method: http.MethodGet, Path: "/api/v1/calendario/fechamentos", Roles: AllRoles, Summary: "Os fechamentos declarados.", handler: (*Server).listClosures},
		{Method: http.MethodGet, Path: "/api/v1/fornecedores/:doc", Roles: AllRoles, Summary: "Um fornecedor e o seu e-mail para CIPs.", handler: (*Server).getSupplier},
		{Method: http.MethodPut, Path: "/api/v1/fornecedores/:doc", Roles: []string{RoleAtendente, RoleGerenteAtendimento, RoleAdmin},
			Summary: "Cadastra o fornecedor e o seu e-mail para CIPs (004 §4.2.2).", Body: supplierBody{}, handler: (*Server).putSupplier},
		{Method: http.MethodDelete, Path: "/api/v1/calendario/fechamentos/:id", Roles: []string{RoleGerenteAtendimento, RoleAdmin},
			Summary: "Retira um fechamento declarado.", handler: (*Server).deleteClosure},
		// The staff console (issue 16): pages, authenticated by the session cookie.
		{Method: http.MethodGet, Path: "/", Page: true, Public: true, Summary: "Leva ao console da equipe.", handler: (*Server).home},
		{Method: http.MethodGet, Path: "/interno", Page: true, Public: true, Summary: "Leva ao início do console.", handler: (*Server).home},
		{Method: http.MethodGet, Path: "/interno/estatico/*arquivo", Page: true, Public: true, Summary: "A folha de estilos do console.", handler: (*Server).staticAsset},
		{Method: http.MethodGet, Path: "/interno/entrar", Page: true, Public: true, Summary: "Entrar no console.", handler: (*Server).signInForm},
		{Method: http.MethodPost, Path: "/interno/entrar", Page: true, Public: true, Summary: "Entrar no console.", handler: (*Server).signIn},
		{Method: http.MethodGet, Path: "/interno/senha/:token", Page: true, Public: true, Summary: "Definir a senha por um link de uso único.", handler: (*Server).passwordForm},
		{Method: http.MethodPost, Path: "/interno/senha/:token", Page: true, Public: true, Summary: "Definir a senha por um link de uso único.", handler: (*Server).setPassword},
		{Method: http.MethodGet, Path: "/interno/sair", Page: true, Roles: AllRoles, Summary: "Sair do console.", handler: (*Server).signOutPage},
		{Method: http.MethodPost, Path: "/interno/sair", Page: true, Roles: AllRoles, Summary: "Sair do console.", handler: (*Server).signOut},
		{Method: http.MethodGet, Path: "/interno/", Page: true, Nav: "Início", Roles: AllRoles, Summary: "Início: as filas do perfil.", handler: (*Server).consoleHome},
		{Method: http.MethodGet, Path: "/interno/filas/:fila", Page: true, Roles: AllRoles, Summary: "Uma fila de trabalho.", handler: (*Server).consoleQueue},
		{Method: http.MethodGet, Path: "/interno/busca", Page: true, Nav: "Busca", Roles: AllRoles, Summary: "Busca de casos.", handler: (*Server).consoleSearch},
		{Method: http.MethodGet, Path: "/interno/casos/:na", Page: true, Roles: AllRoles, Summary: "Um caso e as decisões cabíveis.", handler: (*Server).consoleCase},
		{Method: http.MethodPost, Path: "/interno/casos/:na/decisoes", Page: true, Roles: decisionRoles, Summary: "Toma uma decisão no caso.", handler: (*Server).consoleDecide},
		{Method: http.MethodPost, Path: "/interno/casos/:na/suspensoes", Page: true, Roles: suspensionRoles, Summary: "Suspende o prazo por força maior.", handler: (*Server).consoleSuspend},
		{Method: http.MethodGet, Path: "/interno/casos/:na/documentos/:id", Page: true, Roles: caseFileRoles, Summary: "Um documento do caso.", handler: (*Server).consoleDocument},
		{Method: http.MethodGet, Path: "/interno/casos/:na/mensagens/:id", Page: true, Roles: caseFileRoles, Summary: "Uma mensagem recebida do caso.", handler: (*Server).consoleMessage},
		{Method: http.MethodGet, Path: "/interno/processos/novo", Page: true, Nav: "Abrir processo", Roles: openingRoles,
			Summary: "Instaurar processo de ofício, por auto de infração ou por denúncia.", handler: (*Server).processForm},
		{Method: http.MethodPost, Path: "/interno/processos/novo", Page: true, Roles: openingRoles,
			Summary: "Instaurar processo de ofício, por auto de infração ou por denúncia.", handler: (*Server).consoleOpenProcess},
		{Method: http.MethodGet, Path: "/interno/notificacoes-oficio/nova", Page: true, Nav: "Notificação de ofício", Roles: []string{RoleDiretorPresidente},
			Summary: "Expedir a notificação de ofício da presidência.", handler: (*Server).exOfficioForm},
		{Method: http.MethodPost, Path: "/interno/notificacoes-oficio/nova", Page: true, Roles: []string{RoleDiretorPresidente},
			Summary: "Expedir a notificação de ofício da presidência.", handler: (*Server).consoleExOfficio},
		{Method: http.MethodGet, Path: "/interno/casos/:na/enviadas", Page: true, Roles: caseFileRoles, Summary: "Uma mensagem enviada do caso.", handler: (*Server).consoleOutgoing},
	}
}
