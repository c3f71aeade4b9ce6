package api

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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

// Stable error codes of the fine endpoints.
const (
	// CodeNoFine: the case has no fine being collected.
	CodeNoFine = "sem_multa"
	// CodeInvalidPayment: a payment refused (amount, day, reference).
	CodeInvalidPayment = workflows.ErrInvalidPayment
	// CodeNoVRTE: a fine judged in a year whose VRTE value staff have not set.
	CodeNoVRTE = "vrte_nao_cadastrado"
)

// putVRTE sets the value in reais of the VRTE of a year (staff keep the yearly table;
// fines are VRTE × the value of the year, exact decimals).
func (s *Server) putVRTE() gin.HandlerFunc {
	return func(c *gin.Context) {
		year, err := strconv.Atoi(c.Param("ano"))
		if err != nil || year < 2000 || year > 2100 {
			abort(c, http.StatusBadRequest, CodeInvalidYear, "Ano inválido: use AAAA.")
			return
		}
		var body vrteBody
		if !decodeJSON(c, &body, 4<<10, "valor") {
			return
		}
		if !body.Value.IsPositive() || body.Value.Exponent() < -4 {
			abort(c, http.StatusUnprocessableEntity, CodeInvalidRequest, "valor inválido: informe o valor positivo da VRTE em reais, com até 4 casas decimais.")
			return
		}
		v, err := s.store.SetVRTE(c.Request.Context(), store.VRTE{Year: year, Value: body.Value, SetBy: staffOf(c).Signature()})
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, v)
	}
}

// listVRTE answers the VRTE table, newest year first.
func (s *Server) listVRTE() gin.HandlerFunc {
	return func(c *gin.Context) {
		table, err := s.store.VRTETable(c.Request.Context())
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"vrte": table})
	}
}

// vrteBody is the body of PUT /api/v1/vrte/:ano: the VRTE's value in reais that year.
type vrteBody struct {
	Value decimal.Decimal `json:"valor"`
}

// paymentBody is the body of POST /api/v1/cases/:na/pagamentos.
type paymentBody struct {
	Amount    decimal.Decimal `json:"valor"`
	PaidOn    string          `json:"pago_em"`
	Reference string          `json:"referencia"`
}

// postPayment records a payment of the case's fine (financeiro): the fine's Update, which
// archives the case once paid in full, asks for the rest when paid in part at its
// deadline, and records an overpayment for refund (004 §11.4–11.5).
func (s *Server) postPayment() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		var body paymentBody
		if !decodeJSON(c, &body, 4<<10, "valor, pago_em e referencia") {
			return
		}
		on, err := prazo.ParseDate(body.PaidOn)
		if err != nil {
			abort(c, http.StatusBadRequest, CodeInvalidDate, "pago_em inválida: use AAAA-MM-DD.")
			return
		}
		st := staffOf(c)
		p := workflows.Payment{Amount: body.Amount, PaidOn: on, Reference: strings.TrimSpace(body.Reference), By: st.Signature(), Role: st.Role}
		var state workflows.FineState
		if err := s.update(c, workflowid.Fine(cs.NA), workflows.UpdatePayment, "pagamento/", p, &state); err != nil {
			s.workflowError(c, err, CodeNoFine, "O caso não tem multa em cobrança.")
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "multa": state})
	}
}

// getFine answers the state of the case's fine: amount, paid, due date, appeal window.
func (s *Server) getFine() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		v, err := s.temporal.QueryWorkflow(c.Request.Context(), workflowid.Fine(cs.NA), "", workflows.QueryFine)
		var state workflows.FineState
		if err == nil {
			err = v.Get(&state)
		}
		if err != nil {
			s.workflowError(c, err, CodeNoFine, "O caso não tem multa em cobrança.")
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "multa": state})
	}
}

// getDebts exports the debts inscribed in Dívida Ativa (004 §11.1) for the state's
// debt system: CSV (default) or JSON, from a day on (desde).
func (s *Server) getDebts() gin.HandlerFunc {
	return func(c *gin.Context) {
		var from time.Time
		if v := c.Query("desde"); v != "" {
			d, err := prazo.ParseDate(v)
			if err != nil {
				abort(c, http.StatusBadRequest, CodeInvalidDate, "desde inválida: use AAAA-MM-DD.")
				return
			}
			from = d.Midnight(time.UTC)
		}
		debts, err := s.store.Debts(c.Request.Context(), from)
		if err != nil {
			internalError(c, err)
			return
		}
		if c.DefaultQuery("formato", "csv") == "json" {
			c.JSON(http.StatusOK, gin.H{"debitos": debts, "fonte": "004 §11.1"})
			return
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write([]string{"processo", "cpf_cnpj", "devedor", "multa_vrte", "valor_multa", "saldo_devedor", "vencimento", "inscrito_em",
			"situacao", "ordem_judicial", "origem"})
		for _, d := range debts {
			_ = w.Write([]string{d.NA, taxid.Format(d.SupplierDoc), d.SupplierName, d.VRTE.String(), d.Amount.StringFixed(2),
				d.Balance.StringFixed(2), d.DueOn.Format(time.DateOnly), d.InscribedOn.Format(time.DateOnly), d.Status, d.CourtOrder,
				"PROCON/ES multa administrativa"})
		}
		w.Flush()
		c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="divida-ativa-%s.csv"`, time.Now().Format("2006-01-02")))
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	}
}

// courtOrderBody is the body of POST /api/v1/cases/:na/ordens-judiciais.
type courtOrderBody struct {
	Order    string          `json:"ordem"`
	FineVRTE decimal.Decimal `json:"multa_vrte"`
	Reason   string          `json:"motivo"`
}

// postCourtOrder records a court order on the case's fine (004 §11.2–11.3): while the fine
// runs, its workflow suspends (timers paused), resumes, cancels or reduces it; on a debt
// already inscribed in Dívida Ativa, cancel or reduce updates the inscription.
func (s *Server) postCourtOrder() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.caseParam(c)
		if !ok {
			return
		}
		var body courtOrderBody
		if !decodeJSON(c, &body, 8<<10, "ordem, multa_vrte e motivo") {
			return
		}
		st := staffOf(c)
		order := workflows.CourtOrder{Outcome: strings.TrimSpace(body.Order), FineVRTE: body.FineVRTE, Reason: strings.TrimSpace(body.Reason)}
		d := workflows.Decide(order, st.Signature(), st.Role)
		var res workflows.DecisionResult
		err := s.update(c, cs.WorkflowID, workflows.UpdateDecide, "ordem-judicial/", d, &res)
		if err == nil {
			c.JSON(http.StatusOK, gin.H{"na": cs.NA, "multa": res.Fine})
			return
		}
		var app *temporal.ApplicationError
		var gone *serviceerror.NotFound
		noFine := errors.As(err, &gone) || errors.As(err, &app) && app.Type() == workflows.ErrNoFine
		if !noFine || (order.Outcome != workflows.CourtCancel && order.Outcome != workflows.CourtReduce) || order.Reason == "" {
			s.workflowError(c, err, CodeNoFine, "O caso não tem multa em cobrança.")
			return
		}
		// The fine's workflow ended: the order applies to the debt inscribed, if any.
		var value decimal.Decimal
		if order.Outcome == workflows.CourtReduce {
			v, err := s.store.VRTEOf(c.Request.Context(), prazo.CivilDate(time.Now()).Year)
			if errors.Is(err, store.ErrNoVRTE) {
				abort(c, http.StatusConflict, CodeNoVRTE, "O valor da VRTE deste ano não está cadastrado.")
				return
			}
			if err != nil || !order.FineVRTE.IsPositive() {
				abort(c, http.StatusUnprocessableEntity, CodeInvalidRequest, "Informe em multa_vrte o valor reduzido pela ordem judicial.")
				return
			}
			value = v.Value
		}
		debt, err := s.store.ApplyCourtOrder(c.Request.Context(), cs.NA, order.Outcome == workflows.CourtCancel, order.FineVRTE, value, order.Reason, d.By)
		if errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusConflict, CodeNoFine, "O caso não tem multa em cobrança nem débito inscrito em Dívida Ativa.")
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"na": cs.NA, "divida_ativa": debt})
	}
}
