package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Error is the body of every error answer: a stable code for programs and a message in
// Portuguese for people.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Stable error codes.
const (
	CodeUnauthenticated = "nao_autenticado"
	CodeForbidden       = "acesso_negado"
	CodeNotFound        = "nao_encontrado"
	CodeInvalidRequest  = "requisicao_invalida"
	CodeInternal        = "erro_interno"
	CodeUnavailable     = "indisponivel"
)

func abort(c *gin.Context, status int, code, message string) {
	c.AbortWithStatusJSON(status, Error{Code: code, Message: message})
}

func internalError(c *gin.Context, err error) {
	_ = c.Error(err)
	abort(c, http.StatusInternalServerError, CodeInternal, "Erro interno. Tente novamente mais tarde.")
}
