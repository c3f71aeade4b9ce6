package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/store"
)

const staffKey = "staff"

// requireRoles authenticates the bearer token and checks the staff member's role.
func (s *Server) requireRoles(roles []string) gin.HandlerFunc {
	allowed := map[string]bool{}
	for _, r := range roles {
		allowed[r] = true
	}
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || strings.TrimSpace(token) == "" {
			abort(c, http.StatusUnauthorized, CodeUnauthenticated, "Autenticação necessária: envie o token no cabeçalho Authorization: Bearer <token>.")
			return
		}
		st, err := s.store.StaffByToken(c.Request.Context(), strings.TrimSpace(token))
		if errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusUnauthorized, CodeUnauthenticated, "Token inválido ou revogado.")
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		if !allowed[st.Role] {
			abort(c, http.StatusForbidden, CodeForbidden, "O seu perfil ("+st.Role+") não tem acesso a esta operação.")
			return
		}
		c.Set(staffKey, st)
		c.Next()
	}
}

// staffOf returns the authenticated staff member of a request.
func staffOf(c *gin.Context) store.Staff {
	st, _ := c.Get(staffKey)
	s, _ := st.(store.Staff)
	return s
}
