package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// Stable error codes of the decision endpoint; the workflow's refusals keep its own.
const (
	CodeDecisionNotAllowed    = workflows.ErrDecisionNotAllowed
	CodeInvalidDecision       = workflows.ErrInvalidDecision
	CodeIdentificationPending = workflows.ErrIdentificationPending
	maxDecisionBody           = 16 << 10
)

// postDecision takes a staff decision on a case (004 §3–§15): the Complaint's Update
// decidir, which forwards the decisions on the fine to the fine's workflow; refused with
// 409/422 and a Portuguese message when the case's state does not allow it. It answers
// the case's state after the decision (estado), or the fine's (multa).
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
		var res workflows.DecisionResult
		if err := s.update(c, cs.WorkflowID, workflows.UpdateDecide, "decisao/", d, &res); err != nil {
			s.workflowError(c, err, CodeCaseClosed, "O atendimento está encerrado: não cabe mais decisão.")
			return
		}
		if res.Fine != nil {
			c.JSON(http.StatusOK, gin.H{"na": cs.NA, "decisao": d.Kind, "multa": res.Fine})
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "decisao": d.Kind, "estado": res.Case})
	}
}

// getDecisions answers the decisions the calling staff member may take on the case now,
// from the same table and state the Update checks: {"decisoes": [{tipo, rotulo, fonte,
// campos: [{nome, tipo, rotulo, obrigatorio, valores}]}]}. A form can be drawn from it.
func (s *Server) getDecisions() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		role := staffOf(c).Role
		menu, err := s.decisionMenu(c, cs.WorkflowID, role)
		if err != nil {
			_ = c.Error(err)
			abort(c, http.StatusServiceUnavailable, CodeUnavailable, "Não foi possível consultar o caso agora. Tente novamente.")
			return
		}
		if menu.Fine != "" { // the fine's decisions, taken through the case all the same
			fine, err := s.decisionMenu(c, menu.Fine, role)
			if err == nil {
				menu.Options = append(menu.Options, fine.Options...)
			}
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "decisoes": menu.Options})
	}
}

// decisionMenu queries a workflow's QueryDecisions for role.
func (s *Server) decisionMenu(c *gin.Context, workflowID, role string) (workflows.DecisionMenu, error) {
	var menu workflows.DecisionMenu
	v, err := s.temporal.QueryWorkflow(c.Request.Context(), workflowID, "", workflows.QueryDecisions, role)
	if err == nil {
		err = v.Get(&menu)
	}
	return menu, err
}

// readDecision reads the body of a decision, {"tipo": kind, ...the kind's fields}, into
// the kind's own body (workflows.DecodeDecisionBody: fields the kind does not declare are
// refused), signed by the staff member; it answers the 4xx itself and returns false. A
// fine needs the VRTE of the year (409 vrte_nao_cadastrado), or its amount could not be
// computed.
func (s *Server) readDecision(c *gin.Context) (workflows.Decision, bool) {
	var fields map[string]json.RawMessage
	if !decodeJSON(c, &fields, maxDecisionBody, "tipo e os campos da decisão") {
		return workflows.Decision{}, false
	}
	var kind string
	if raw, ok := fields["tipo"]; ok && json.Unmarshal(raw, &kind) != nil {
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "Campo \"tipo\" com tipo inválido: use texto.")
		return workflows.Decision{}, false
	}
	kind = strings.TrimSpace(kind)
	delete(fields, "tipo")
	if kind == "" {
		for name := range fields {
			if !slices.Contains(workflows.AllDecisionFieldNames(), name) {
				abort(c, http.StatusBadRequest, CodeInvalidRequest, "Campo desconhecido: "+strconv.Quote(name)+"; informe o tipo da decisão e os seus campos.")
				return workflows.Decision{}, false
			}
		}
		abort(c, http.StatusUnprocessableEntity, CodeInvalidDecision, "Informe o tipo da decisão (tipo): "+strings.Join(workflows.DecisionKinds(), ", ")+".")
		return workflows.Decision{}, false
	}
	rest, _ := json.Marshal(fields)
	d, f := s.decision(c.Request.Context(), staffOf(c), kind, rest)
	if f != nil {
		f.abort(c)
		return d, false
	}
	return d, true
}

// decision reads a decision of kind with its fields (a JSON object, without tipo) into
// the kind's own body, signed by the staff member: what the API and the console's forms
// both take. A fine needs the VRTE of the year (409 vrte_nao_cadastrado), or its amount
// could not be computed.
func (s *Server) decision(ctx context.Context, st store.Staff, kind string, fields []byte) (workflows.Decision, *failure) {
	body, err := workflows.DecodeDecisionBody(kind, fields)
	if f := bodyFailure(kind, err); f != nil {
		return workflows.Decision{}, f
	}
	if workflows.NeedsVRTE(body) {
		if _, err := s.store.VRTEOf(ctx, prazo.CivilDate(time.Now()).Year); errors.Is(err, store.ErrNoVRTE) {
			return workflows.Decision{}, &failure{http.StatusConflict, CodeNoVRTE, "O valor da VRTE deste ano não está cadastrado (PUT /api/v1/vrte/{ano}): " +
				"a multa em reais não pode ser calculada."}
		}
	}
	return workflows.Decide(body, st.Signature(), st.Role), nil
}

// bodyFailure is the failure of a decision's body that could not be read (err from
// workflows.DecodeDecisionBody); nil when err is nil.
func bodyFailure(kind string, err error) *failure {
	var typeErr *json.UnmarshalTypeError
	var timeErr *time.ParseError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, workflows.ErrUnknownDecision):
		return &failure{http.StatusUnprocessableEntity, CodeInvalidDecision, "Tipo de decisão desconhecido: use " + strings.Join(workflows.DecisionKinds(), ", ") + "."}
	case errors.Is(err, prazo.ErrInvalidDate):
		return &failure{http.StatusBadRequest, CodeInvalidDate, "Data inválida: use AAAA-MM-DD."}
	case errors.As(err, &timeErr):
		return &failure{http.StatusBadRequest, CodeInvalidDate, "data_hora inválida: use data e hora com fuso, por exemplo 2026-05-04T14:00:00-03:00."}
	case errors.As(err, &typeErr):
		return &failure{http.StatusBadRequest, CodeInvalidRequest, "Campo " + strconv.Quote(typeErr.Field) + " com tipo inválido: " + expectedJSON(typeErr) + "."}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		accepted := workflows.DecisionFieldNames(kind)
		use := "a decisão " + kind + " não tem campos além de tipo"
		if len(accepted) > 0 {
			use = "use tipo, " + strings.Join(accepted, ", ")
		}
		return &failure{http.StatusBadRequest, CodeInvalidRequest, "Campo desconhecido: " + field + "; " + use + "."}
	}
	return &failure{http.StatusBadRequest, CodeInvalidRequest, "JSON inválido no corpo da requisição."}
}
