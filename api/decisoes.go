package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/workflows"
)

// Stable error codes of the decision endpoint; the workflow's refusals keep its own.
const (
	CodeDecisionNotAllowed     = workflows.ErrDecisionNotAllowed
	CodeInvalidDecision        = workflows.ErrInvalidDecision
	CodeIdentificationPending  = workflows.ErrIdentificationPending
	maxDecisionBody            = 16 << 10
	decisionFields             = "tipo, motivo, resolvido, documentos_faltantes, cip, meio, recebida_em e aceita"
	maxMissingDocumentsInOneGo = 20
)

// decisionBody is the body of POST /api/v1/cases/:na/decisoes.
type decisionBody struct {
	Kind             string   `json:"tipo"`
	Reason           string   `json:"motivo"`
	Resolved         *bool    `json:"resolvido"`
	MissingDocuments []string `json:"documentos_faltantes"`
	CIP              string   `json:"cip"`
	Means            string   `json:"meio"`
	ReceivedOn       string   `json:"recebida_em"`
	Accepts          *bool    `json:"aceita"`
}

// postDecision takes a staff decision on a case in its preliminary phase (004 §4): the
// Complaint's Update decidir, refused with 409/422 and a Portuguese message when the
// case's state does not allow it. It answers the case's state after the decision.
func (s *Server) postDecision() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		var body decisionBody
		if !decodeJSON(c, &body, maxDecisionBody, decisionFields) {
			return
		}
		d := workflows.Decision{
			Kind: strings.TrimSpace(body.Kind), Reason: strings.TrimSpace(body.Reason), Resolved: body.Resolved,
			CIP: strings.ToUpper(strings.TrimSpace(body.CIP)), Means: strings.TrimSpace(body.Means), Accepts: body.Accepts,
		}
		for _, doc := range body.MissingDocuments {
			if doc = strings.TrimSpace(doc); doc != "" {
				d.MissingDocuments = append(d.MissingDocuments, doc)
			}
		}
		if len(d.MissingDocuments) > maxMissingDocumentsInOneGo {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Lista de documentos faltantes longa demais.")
			return
		}
		if body.ReceivedOn != "" {
			date, err := prazo.ParseDate(body.ReceivedOn)
			if err != nil {
				abort(c, http.StatusBadRequest, CodeInvalidDate, "recebida_em inválida: use AAAA-MM-DD.")
				return
			}
			d.ReceivedOn = date
		}
		st := staffOf(c)
		d.By = fmt.Sprintf("%s (servidor %d)", st.Name, st.ID)
		var state workflows.ComplaintState
		if err := s.update(c, cs.WorkflowID, workflows.UpdateDecide, "decisao/", d, &state); err != nil {
			s.decisionError(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "decisao": d.Kind, "estado": state})
	}
}

// decisionError answers a refused or failed decision: the workflow's refusals carry
// their Portuguese message and stable code.
func (s *Server) decisionError(c *gin.Context, err error) {
	var app *temporal.ApplicationError
	var gone *serviceerror.NotFound
	switch {
	case errors.As(err, &app) && app.Type() == workflows.ErrInvalidDecision:
		abort(c, http.StatusUnprocessableEntity, CodeInvalidDecision, app.Message())
	case errors.As(err, &app) && (app.Type() == workflows.ErrDecisionNotAllowed || app.Type() == workflows.ErrIdentificationPending):
		abort(c, http.StatusConflict, app.Type(), app.Message())
	case errors.As(err, &gone):
		abort(c, http.StatusConflict, CodeCaseClosed, "O atendimento está encerrado: não cabe mais decisão.")
	default:
		_ = c.Error(err)
		abort(c, http.StatusServiceUnavailable, CodeUnavailable, "Não foi possível registrar a decisão agora. Tente novamente com o mesmo "+IdempotencyHeader+".")
	}
}
