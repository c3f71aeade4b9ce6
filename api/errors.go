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

// failure is a refused request: its HTTP status, stable code and Portuguese message. The
// API answers it as JSON (abort); the console shows its message on the page.
type failure struct {
	status        int
	code, message string
}

// abort answers the failure as the API does.
func (f *failure) abort(c *gin.Context) { abort(c, f.status, f.code, f.message) }

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
	f := refusal(c, err, goneCode, goneMessage)
	if f.code == CodeUnavailable {
		f.message = "Não foi possível registrar o pedido agora. Tente novamente com o mesmo " + IdempotencyHeader + "."
	}
	f.abort(c)
}

// refusal is the failure a refused or failed Update or query stands for (workflowError);
// an unexpected error is kept on the request, for its log line.
func refusal(c *gin.Context, err error, goneCode, goneMessage string) *failure {
	var app *temporal.ApplicationError
	var gone *serviceerror.NotFound
	switch {
	case errors.As(err, &app) && refusalStatus[app.Type()] != 0:
		return &failure{refusalStatus[app.Type()], app.Type(), app.Message()}
	case errors.As(err, &gone):
		return &failure{http.StatusConflict, goneCode, goneMessage}
	default:
		_ = c.Error(err)
		return &failure{http.StatusServiceUnavailable, CodeUnavailable, "Não foi possível registrar o pedido agora. Tente novamente."}
	}
}
