package api

import (
	"errors"
	"net/http"
	"regexp"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/store"
)

// naPattern is the NA format (store.FormatNA).
var naPattern = regexp.MustCompile(`^NA-\d{4}-\d{6}$`)

// caseView is a case with its timeline as staff see it.
type caseView struct {
	store.Case
	Timeline []store.Event `json:"eventos"`
}

// getCase returns the case and its timeline. Roles that do not handle the complaint
// itself do not see the consumer's personal data.
func (s *Server) getCase() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		events, err := s.store.Events(c.Request.Context(), cs.NA)
		if err != nil {
			internalError(c, err)
			return
		}
		if !personalDataRoles[staffOf(c).Role] {
			cs.ConsumerDoc, cs.ConsumerEmail, cs.Form = "", "", nil
		}
		c.JSON(http.StatusOK, caseView{Case: cs, Timeline: events})
	}
}

// caseParam loads the case named by the route's :na; on a malformed or unknown NA it
// answers the 400 or 404 itself and returns false.
func (s *Server) caseParam(c *gin.Context) (store.Case, bool) {
	na := c.Param("na")
	if !naPattern.MatchString(na) {
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "Número de atendimento inválido: use o formato NA-AAAA-NNNNNN.")
		return store.Case{}, false
	}
	cs, err := s.store.GetCase(c.Request.Context(), na)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, CodeNotFound, "Atendimento "+na+" não encontrado.")
		return store.Case{}, false
	}
	if err != nil {
		internalError(c, err)
		return store.Case{}, false
	}
	return cs, true
}
