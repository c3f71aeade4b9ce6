package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/workflows"
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

// refusalStatus is the HTTP status of each refusal type the workflows' Updates answer
// with; the type is the answer's stable code, the workflow's message its message.
var refusalStatus = map[string]int{
	workflows.ErrInvalidDecision:       http.StatusUnprocessableEntity,
	workflows.ErrInvalidPayment:        http.StatusUnprocessableEntity,
	workflows.ErrInvalidSuspension:     http.StatusBadRequest,
	workflows.ErrDecisionNotAllowed:    http.StatusConflict,
	workflows.ErrIdentificationPending: http.StatusConflict,
	workflows.ErrNoFine:                http.StatusConflict,
	workflows.ErrNoRunningDeadline:     http.StatusConflict,
}

// workflowError answers a refused or failed Update or query on a workflow: the
// workflow's own refusals with their status, stable code and Portuguese message; a
// workflow that no longer runs with 409 goneCode and goneMessage; anything else as
// unavailable, to be retried with the same Idempotency-Key.
func (s *Server) workflowError(c *gin.Context, err error, goneCode, goneMessage string) {
	var app *temporal.ApplicationError
	var gone *serviceerror.NotFound
	switch {
	case errors.As(err, &app) && refusalStatus[app.Type()] != 0:
		abort(c, refusalStatus[app.Type()], app.Type(), app.Message())
	case errors.As(err, &gone):
		abort(c, http.StatusConflict, goneCode, goneMessage)
	default:
		_ = c.Error(err)
		abort(c, http.StatusServiceUnavailable, CodeUnavailable, "Não foi possível registrar o pedido agora. Tente novamente com o mesmo "+IdempotencyHeader+".")
	}
}
