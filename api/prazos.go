package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
)

// Stable error codes of the deadline and calendar endpoints.
const (
	CodeInvalidDate     = "data_invalida"
	CodeDateOutOfRange  = "data_fora_do_intervalo"
	CodeInvalidQuantity = "quantidade_invalida"
	CodeInvalidUnit     = "unidade_invalida"
)

// getPrazo computes a deadline (product §6, 004 §13) with the agency's calendar: the
// built-in holidays plus the closures declared by staff. Public:
// GET /api/v1/prazos?inicio=AAAA-MM-DD&quantidade=N&unidade=dias_corridos|dias_uteis|meses|anos.
// unidade may be left out: days are dias corridos unless a rule says otherwise
// (004 §13.2). The answer is the engine's Result JSON, the same as `procon prazo`.
func (s *Server) getPrazo() gin.HandlerFunc {
	return func(c *gin.Context) {
		req, code, msg := prazoRequestFromQuery(c)
		if code != "" {
			abort(c, http.StatusBadRequest, code, msg)
			return
		}
		cal, err := s.store.Calendar(c.Request.Context())
		if err != nil {
			// Without the declared closures the due date could be wrong: refuse
			// rather than answer with the built-in calendar alone.
			_ = c.Error(err)
			abort(c, http.StatusServiceUnavailable, CodeUnavailable,
				"Não foi possível ler os fechamentos do calendário da agência. Tente novamente mais tarde.")
			return
		}
		res, err := cal.Compute(req)
		if err != nil {
			abort(c, http.StatusBadRequest, prazoErrorCode(err), sentence(err.Error()))
			return
		}
		c.JSON(http.StatusOK, res)
	}
}

// prazoRequestFromQuery reads inicio, quantidade and unidade. On bad input it returns
// an error code and a Portuguese message; range checks are left to the engine.
func prazoRequestFromQuery(c *gin.Context) (prazo.Request, string, string) {
	inicio, ok := c.GetQuery("inicio")
	if !ok || inicio == "" {
		return prazo.Request{}, CodeInvalidDate, "Informe a data de início do prazo: inicio=AAAA-MM-DD."
	}
	start, err := prazo.ParseDate(inicio)
	if err != nil {
		return prazo.Request{}, CodeInvalidDate, sentence(err.Error())
	}
	q, ok := c.GetQuery("quantidade")
	if !ok || q == "" {
		return prazo.Request{}, CodeInvalidQuantity, "Informe a quantidade do prazo: quantidade=N (número inteiro, mínimo 1)."
	}
	n, err := strconv.Atoi(q)
	if err != nil {
		return prazo.Request{}, CodeInvalidQuantity, "Quantidade de prazo inválida: " + strconv.Quote(q) + " (use um número inteiro, mínimo 1)."
	}
	unit, err := prazo.ParseUnit(c.Query("unidade"))
	if err != nil {
		return prazo.Request{}, CodeInvalidUnit, sentence(err.Error())
	}
	return prazo.Request{Start: start, Quantity: n, Unit: unit}, "", ""
}

// prazoErrorCode maps an error of the deadline engine to a stable error code.
func prazoErrorCode(err error) string {
	switch {
	case errors.Is(err, prazo.ErrInvalidDate):
		return CodeInvalidDate
	case errors.Is(err, prazo.ErrOutOfRange):
		return CodeDateOutOfRange
	case errors.Is(err, prazo.ErrInvalidQuantity):
		return CodeInvalidQuantity
	case errors.Is(err, prazo.ErrInvalidUnit):
		return CodeInvalidUnit
	}
	return CodeInvalidRequest
}

// sentence turns an engine error ("data inválida: …") into a message: capitalised,
// ending with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
