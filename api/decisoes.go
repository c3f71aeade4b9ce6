package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/shopspring/decimal"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// Stable error codes of the decision endpoint; the workflow's refusals keep its own.
const (
	CodeDecisionNotAllowed    = workflows.ErrDecisionNotAllowed
	CodeInvalidDecision       = workflows.ErrInvalidDecision
	CodeIdentificationPending = workflows.ErrIdentificationPending
	maxDecisionBody           = 16 << 10
	decisionFields            = "tipo, motivo, resolvido, documentos_faltantes, cip, meio, recebida_em, aceita, fornecedor, " +
		"metodo, data_hora, local, resultado, termos, data_cumprimento, classificacao, assunto, texto, prazo_dias, abrir_processo, multa_vrte, sancoes, parcelas, microempresa, pequena_quantidade e peticao"
	maxMissingDocumentsInOneGo = 20
)

// decisionBody is the body of POST /api/v1/cases/:na/decisoes.
type decisionBody struct {
	Kind             string          `json:"tipo"`
	Reason           string          `json:"motivo"`
	Resolved         *bool           `json:"resolvido"`
	MissingDocuments []string        `json:"documentos_faltantes"`
	CIP              string          `json:"cip"`
	Means            string          `json:"meio"`
	ReceivedOn       string          `json:"recebida_em"`
	Accepts          *bool           `json:"aceita"`
	Supplier         string          `json:"fornecedor"`
	Method           string          `json:"metodo"`
	At               string          `json:"data_hora"`
	Place            string          `json:"local"`
	Outcome          string          `json:"resultado"`
	Terms            string          `json:"termos"`
	ComplianceDate   string          `json:"data_cumprimento"`
	Classification   string          `json:"classificacao"`
	Subject          string          `json:"assunto"`
	Text             string          `json:"texto"`
	Days             int             `json:"prazo_dias"`
	OpenProcess      *bool           `json:"abrir_processo"`
	FineVRTE         decimal.Decimal `json:"multa_vrte"`
	Sanctions        []string        `json:"sancoes"`
	Installments     int             `json:"parcelas"`
	Micro            *bool           `json:"microempresa"`
	SmallQuantity    *bool           `json:"pequena_quantidade"`
	Petition         int64           `json:"peticao"`
}

// postDecision takes a staff decision on a case (004 §4–§8): the
// Complaint's Update decidir, refused with 409/422 and a Portuguese message when the
// case's state does not allow it. It answers the case's state after the decision.
func (s *Server) postDecision() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		d, ok := s.readDecision(c)
		if !ok {
			return
		}
		if fineDecision(d.Kind) { // taken on the case's fine, a workflow of its own
			var state workflows.FineState
			if err := s.update(c, workflowid.Fine(cs.NA), workflows.UpdateDecide, "decisao-multa/", d, &state); err != nil {
				s.fineError(c, err)
				return
			}
			c.JSON(http.StatusOK, gin.H{"na": cs.NA, "decisao": d.Kind, "multa": state})
			return
		}
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

// readDecision reads the body of a decision into a workflows.Decision, signed by the staff
// member; it answers the 4xx itself and returns false. A fine needs the VRTE of the year
// (409 vrte_nao_cadastrado), or its amount could not be computed.
func (s *Server) readDecision(c *gin.Context) (workflows.Decision, bool) {
	var body decisionBody
	if !decodeJSON(c, &body, maxDecisionBody, decisionFields) {
		return workflows.Decision{}, false
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
		return workflows.Decision{}, false
	}
	d.Supplier, d.Method, d.Place = taxid.Clean(body.Supplier), strings.TrimSpace(body.Method), strings.TrimSpace(body.Place)
	d.Outcome, d.Terms = strings.TrimSpace(body.Outcome), strings.TrimSpace(body.Terms)
	d.Classification, d.Subject = strings.TrimSpace(body.Classification), strings.TrimSpace(body.Subject)
	d.Text, d.Days, d.OpenProcess = strings.TrimSpace(body.Text), body.Days, body.OpenProcess
	d.FineVRTE, d.Sanctions, d.Installments = body.FineVRTE, body.Sanctions, body.Installments
	d.Micro, d.SmallQuantity, d.Petition = body.Micro, body.SmallQuantity, body.Petition
	for _, date := range []struct {
		name, value string
		into        *prazo.Date
	}{{"recebida_em", body.ReceivedOn, &d.ReceivedOn}, {"data_cumprimento", body.ComplianceDate, &d.ComplianceDate}} {
		if date.value == "" {
			continue
		}
		parsed, err := prazo.ParseDate(date.value)
		if err != nil {
			abort(c, http.StatusBadRequest, CodeInvalidDate, date.name+" inválida: use AAAA-MM-DD.")
			return workflows.Decision{}, false
		}
		*date.into = parsed
	}
	if body.At != "" {
		at, err := time.Parse(time.RFC3339, body.At)
		if err != nil {
			abort(c, http.StatusBadRequest, CodeInvalidDate, "data_hora inválida: use data e hora com fuso, por exemplo 2026-05-04T14:00:00-03:00.")
			return workflows.Decision{}, false
		}
		d.At = at
	}
	st := staffOf(c)
	d.By, d.Role = st.Signature(), st.Role
	if d.Kind == workflows.DecisionJudgment && d.FineVRTE.IsPositive() {
		if _, err := s.store.VRTEOf(c.Request.Context(), prazo.CivilDate(time.Now()).Year); errors.Is(err, store.ErrNoVRTE) {
			abort(c, http.StatusConflict, CodeNoVRTE, "O valor da VRTE deste ano não está cadastrado (PUT /api/v1/vrte/{ano}): "+
				"a multa em reais não pode ser calculada.")
			return workflows.Decision{}, false
		}
	}
	return d, true
}
