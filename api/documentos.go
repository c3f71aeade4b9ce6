package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/store"
)

// caseFileRoles may read the documents kept with a case (notifications, Termos de
// Audiência): they name the consumer and carry the case's facts.
var caseFileRoles = []string{RoleAtendente, RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente, RoleAdmin}

// listDocuments lists the documents kept with a case, without their contents.
func (s *Server) listDocuments() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		docs, err := s.store.Documents(c.Request.Context(), cs.NA)
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "documentos": docs})
	}
}

// getDocument answers one document of a case as it was kept (a PDF).
func (s *Server) getDocument() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil || id < 1 {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Identificador de documento inválido: use o número da lista de documentos.")
			return
		}
		d, err := s.store.DocumentOf(c.Request.Context(), cs.NA, id)
		if errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusNotFound, CodeNotFound, "O atendimento "+cs.NA+" não tem o documento "+c.Param("id")+".")
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+d.Filename+`"`)
		c.Data(http.StatusOK, d.ContentType, d.Data)
	}
}
