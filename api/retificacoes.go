package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// Stable error codes of the Cadastro's publication and corrections.
const (
	// CodeNotPublished: a correction of a Cadastro not published yet.
	CodeNotPublished = "cadastro_nao_publicado"
	// CodeCorrectionLate: asked after the 5 days from the publication (004 §6.10).
	CodeCorrectionLate = "prazo_retificacao_encerrado"
	// CodeAlreadyDecided: the correction was decided already.
	CodeAlreadyDecided = "retificacao_ja_decidida"
)

// postPublication records the yearly publication of the Cadastro (004 §6.5–6.6), from
// which the 5 days to ask for corrections run (§6.10). Publishing a year again answers
// the first publication.
func (s *Server) postPublication() gin.HandlerFunc {
	return func(c *gin.Context) {
		var body publicationBody
		if !decodeJSON(c, &body, 4<<10, "ano") {
			return
		}
		now := time.Now()
		if body.Year < 2000 || body.Year > now.Year() {
			abort(c, http.StatusBadRequest, CodeInvalidYear, fmt.Sprintf("Informe o ano do Cadastro publicado (ano), de 2000 a %d.", now.Year()))
			return
		}
		st := staffOf(c)
		p, err := s.store.Publish(c.Request.Context(), store.Publication{Year: body.Year, PublishedOn: prazo.CivilDate(now).Midnight(time.UTC),
			PublishedBy: st.Signature()})
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, p)
	}
}

// correctionBody is the body of POST /api/v1/cadastro/retificacoes.
type correctionBody struct {
	Year        int    `json:"ano"`
	NA          string `json:"na"`
	Party       string `json:"parte"`
	Request     string `json:"pedido"`
	RequestedOn string `json:"recebido_em"`
}

// postCorrection records a party's request to correct the Cadastro (004 §6.10): within 5
// days of the publication, counted by the deadline engine; a later request is refused
// with the rule and its last day. The authority's 10 business days are computed and
// shown.
func (s *Server) postCorrection() gin.HandlerFunc {
	return func(c *gin.Context) {
		var body correctionBody
		if !decodeJSON(c, &body, 64<<10, "ano, na, parte, pedido e recebido_em") {
			return
		}
		body.Request = strings.TrimSpace(body.Request)
		switch {
		case body.Party != "consumidor" && body.Party != "fornecedor":
			abort(c, http.StatusUnprocessableEntity, CodeInvalidRequest, "parte inválida: use consumidor ou fornecedor (item 6.10).")
			return
		case body.Request == "" || len(body.Request) > maxOpeningFields:
			abort(c, http.StatusUnprocessableEntity, CodeInvalidRequest, "Informe o pedido fundamentado de retificação (item 6.10).")
			return
		case !naPattern.MatchString(body.NA):
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Número de atendimento inválido: use o formato NA-AAAA-NNNNNN.")
			return
		}
		ctx := c.Request.Context()
		on := prazo.CivilDate(time.Now())
		if body.RequestedOn != "" {
			d, err := prazo.ParseDate(body.RequestedOn)
			if err != nil || d.After(on) {
				abort(c, http.StatusBadRequest, CodeInvalidDate, "recebido_em inválida: use AAAA-MM-DD, não futura.")
				return
			}
			on = d
		}
		pub, err := s.store.PublicationOf(ctx, body.Year)
		if errors.Is(err, store.ErrNotPublished) {
			abort(c, http.StatusConflict, CodeNotPublished, fmt.Sprintf("O Cadastro de %d ainda não foi publicado: não há o que retificar.", body.Year))
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		if _, err := s.store.GetCase(ctx, body.NA); errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusNotFound, CodeNotFound, "Atendimento "+body.NA+" não encontrado.")
			return
		}
		cal, err := s.store.Calendar(ctx)
		if err != nil {
			internalError(c, err)
			return
		}
		window, err := cal.Compute(prazo.CadastroCorrectionRequest.Request(prazo.DateOf(pub.PublishedOn)))
		if err == nil && on.After(window.Due) {
			abort(c, http.StatusUnprocessableEntity, CodeCorrectionLate, fmt.Sprintf("Pedido de retificação fora do prazo: %s "+
				"O pedido chegou em %s (item 6.10).", window.Sentence(), on.FormatBR()))
			return
		}
		var decide prazo.Result
		if err == nil {
			decide, err = cal.Compute(prazo.CadastroCorrectionDecision.Request(on))
		}
		if err != nil {
			internalError(c, err)
			return
		}
		st := staffOf(c)
		cor, err := s.store.AddCorrection(ctx, store.Correction{Year: body.Year, NA: body.NA, Party: body.Party, Request: body.Request,
			RequestedOn: on.Midnight(time.UTC), DecideBy: decide.Due.Midnight(time.UTC), RecordedBy: st.Signature()})
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusCreated, cor)
	}
}

// postCorrectionDecision records the authority's reasoned decision on a correction
// (004 §6.10–6.11); granted with a new classification, the Cadastro takes it. The case's
// timeline and the publication show the outcome.
func (s *Server) postCorrectionDecision() gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil || id < 1 {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Identificador de retificação inválido.")
			return
		}
		var body correctionDecisionBody
		if !decodeJSON(c, &body, 64<<10, "procedente, motivo e nova_classificacao") {
			return
		}
		body.Reason = strings.TrimSpace(body.Reason)
		switch body.Classification {
		case "", workflows.ClassifiedAttended, workflows.ClassifiedNotAttended, workflows.ClassifiedUnfounded:
		default:
			abort(c, http.StatusUnprocessableEntity, CodeInvalidRequest, "nova_classificacao inválida: use fundamentada_atendida, fundamentada_nao_atendida ou nao_fundamentada.")
			return
		}
		if body.Granted == nil || body.Reason == "" {
			abort(c, http.StatusUnprocessableEntity, CodeInvalidRequest, "Informe procedente (verdadeiro ou falso) e o motivo da decisão (item 6.10).")
			return
		}
		st := staffOf(c)
		cor, err := s.store.DecideCorrection(c.Request.Context(), id, *body.Granted, body.Reason, body.Classification,
			st.Signature(), prazo.CivilDate(time.Now()).Midnight(time.UTC))
		switch {
		case errors.Is(err, store.ErrNotFound):
			abort(c, http.StatusNotFound, CodeNotFound, "Pedido de retificação não encontrado.")
		case errors.Is(err, store.ErrDecided):
			abort(c, http.StatusConflict, CodeAlreadyDecided, "Este pedido de retificação já foi decidido.")
		case err != nil:
			internalError(c, err)
		default:
			c.JSON(http.StatusOK, cor)
		}
	}
}

// listCorrections lists the correction requests, pending first by their last day
// (pendentes=1 for only those), of one year (ano) or all; a pending one past its 10
// business days is marked vencido, for the authority to see (004 §6.10).
func (s *Server) listCorrections() gin.HandlerFunc {
	return func(c *gin.Context) {
		year := 0
		if v := c.Query("ano"); v != "" {
			var err error
			if year, err = strconv.Atoi(v); err != nil || year < 2000 || year > 2100 {
				abort(c, http.StatusBadRequest, CodeInvalidYear, "ano inválido: use AAAA.")
				return
			}
		}
		list, err := s.store.Corrections(c.Request.Context(), year, c.Query("pendentes") == "1")
		if err != nil {
			internalError(c, err)
			return
		}
		today := prazo.CivilDate(time.Now()).Midnight(time.UTC)
		for i := range list {
			list[i].Overdue = list[i].Granted == nil && list[i].DecideBy.Before(today)
		}
		c.JSON(http.StatusOK, gin.H{"retificacoes": list, "fonte": "004 §6.10"})
	}
}

// publicationBody is the body of POST /api/v1/cadastro/publicacoes: the year published.
type publicationBody struct {
	Year int `json:"ano"`
}

// correctionDecisionBody is the body of POST /api/v1/cadastro/retificacoes/:id/decisao.
type correctionDecisionBody struct {
	Granted        *bool  `json:"procedente"`
	Reason         string `json:"motivo"`
	Classification string `json:"nova_classificacao"`
}
