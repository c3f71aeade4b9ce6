package api

import "github.com/procon-es/procon/workflows"

// Staff roles (issue 2). Each route names the roles that may call it.
const (
	RoleAtendente          = workflows.RoleAtendente
	RoleGerenteAtendimento = workflows.RoleGerenteAtendimento
	RoleDiretorJuridico    = workflows.RoleDiretorJuridico
	RoleDiretorPresidente  = workflows.RoleDiretorPresidente
	RoleFinanceiro         = workflows.RoleFinanceiro
	RoleAdmin              = workflows.RoleAdmin
)

// AllRoles lists every staff role.
var AllRoles = []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente, RoleFinanceiro, RoleAdmin}

// decisionRoles take the decisions on a case (POST /api/v1/cases/{na}/decisoes).
var decisionRoles = []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente}

// openingRoles open a processo administrativo themselves (004 §7.2, III–V).
var openingRoles = []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente}

// personalDataRoles may read a consumer's personal data (CPF, RG, address): the roles
// that handle the complaint itself (LGPD: only to roles that need it).
var personalDataRoles = map[string]bool{
	RoleAtendente: true, RoleGerenteAtendimento: true, RoleDiretorJuridico: true, RoleDiretorPresidente: true, RoleAdmin: true,
}

// ValidRole reports whether r is a staff role.
func ValidRole(r string) bool {
	for _, x := range AllRoles {
		if x == r {
			return true
		}
	}
	return false
}
