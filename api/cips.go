package api

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// getCIPLetter answers the letter of one of the case's CIPs as a PDF, for staff to print
// and deliver by hand or registered letter (004 §4.2.1 II–III), or to read again. A
// letter e-mailed gives its due date; one to be delivered counts from its receipt.
func (s *Server) getCIPLetter() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		number := strings.ToUpper(c.Param("numero"))
		v, err := s.temporal.QueryWorkflow(c.Request.Context(), cs.WorkflowID, "", workflows.QueryState)
		var state workflows.ComplaintState
		if err == nil {
			err = v.Get(&state)
		}
		var gone *serviceerror.NotFound
		switch {
		case errors.As(err, &gone):
			abort(c, http.StatusNotFound, CodeNotFound, "O atendimento "+cs.NA+" não tem CIP "+number+".")
			return
		case err != nil:
			_ = c.Error(err)
			abort(c, http.StatusServiceUnavailable, CodeUnavailable, "Não foi possível consultar o atendimento agora. Tente novamente.")
			return
		}
		for _, cp := range state.CIPs {
			if cp.Number != number {
				continue
			}
			var due prazo.Date
			if cp.Means == workflows.MeansEmail {
				due = cp.Due
			}
			party := activities.CIPParty{Number: cp.Number, Doc: cp.SupplierDoc, Name: cp.SupplierName, Email: cp.Email}
			letter, err := activities.CIPLetterFor(cs, party, cp.IssuedOn, due, s.protocol)
			if err != nil {
				internalError(c, err)
				return
			}
			pdf, err := letter.PDF()
			if err != nil {
				internalError(c, err)
				return
			}
			c.Header("Content-Disposition", `attachment; filename="`+cp.Number+`.pdf"`)
			c.Data(http.StatusOK, "application/pdf", pdf)
			return
		}
		abort(c, http.StatusNotFound, CodeNotFound, "O atendimento "+cs.NA+" não tem CIP "+number+".")
	}
}
