package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// CodeUnknownQueue: GET /api/v1/filas/{fila} of no queue.
const CodeUnknownQueue = "fila_desconhecida"

// queue is a staff work queue: the cases in some statuses, in the order staff take them.
type queue struct {
	Name          string
	Statuses      []string
	Description   string
	PriorityFirst bool
	// Petitions: the queue holds the cases with a petition awaiting confirmation of its
	// sender, whatever their status (issue 14).
	Petitions bool
	// Title names the queue on the console's pages.
	Title string
}

// queues are the work queues of GET /api/v1/filas/{fila}, documented in README.md.
var queues = []queue{
	{"registro", []string{workflows.StatusAwaitingRegistration},
		"Atendimentos válidos aguardando registro pela Gerência de Atendimento, em ordem de chegada, atendimento prioritário primeiro (004 §3.3.1.6).", true, false, "Registro"},
	{"entrega_cip", []string{workflows.StatusCIPAwaitingDelivery},
		"CIPs de fornecedores sem e-mail cadastrado aguardando entrega pessoal ou carta registrada (004 §4.2.1, II–III).", false, false, "Entrega de CIP"},
	{"cip_vencida_insatisfatoria", []string{workflows.StatusCIPReview},
		"CIP sem resposta no prazo, com resposta insatisfatória, ou sem retorno do consumidor com indício de infração: converter em reclamação ou arquivar (004 §4.3.5).", false, false, "CIP vencida ou insatisfatória"},
	{"retorno_consumidor", []string{workflows.StatusConsumerReturned},
		"Consumidores que retornaram após a resposta à CIP e ainda não aceitaram nem pediram a conversão (004 §4.3.6–4.3.7).", false, false, "Retorno do consumidor"},
	{"entrega_notificacao", []string{workflows.StatusNoticeAwaitingDelivery},
		"Notificações de defesa de fornecedores sem e-mail cadastrado aguardando entrega pessoal ou carta registrada (004 §8.15).", false, false, "Entrega de notificação de defesa"},
	{"decisao_presidencia", []string{workflows.StatusAwaitingPresidency},
		"Notificações de ofício com prazo encerrado aguardando o Diretor Presidente: arquivar ou abrir processo (004 §8.14).", false, false, "Decisão da Presidência"},
	{"julgamento_dijur", []string{workflows.StatusAwaitingJudgment, workflows.StatusAwaitingReasonedDecision},
		"Processos administrativos na Diretoria Jurídica após a defesa ou o seu prazo, ou suspensos para decisão fundamentada após a audiência (004 §5.12, §8.8, §8.16).", false, false, "Julgamento (Diretoria Jurídica)"},
	{Name: queuePetitions, Petitions: true, Title: "Confirmação de remetente",
		Description: "Petições que produziriam efeito sozinhas, mas vieram de endereço diferente do cadastrado ou sem remetente autenticado: confirmar (confirmar_peticao) ou descartar (descartar_peticao); os prazos seguem correndo, a petição mais antiga primeiro."},
	{Name: "multas_em_cobranca", Title: "Multas em cobrança", Statuses: []string{workflows.StatusFineAwaitingDelivery, workflows.StatusFineNotified,
		workflows.StatusFineDue, workflows.StatusFineReduced, workflows.StatusInstallments},
		Description: "Multas notificadas, definitivas, reduzidas pela renúncia ou parceladas, aguardando pagamento (004 §8.18, §10.5, §11, §15)."},
}

// queuePetitions is the queue of petitions awaiting confirmation of their sender.
const queuePetitions = "confirmacao_remetente"

// queuedSummary is one case of a queue, as a list shows it.
type queuedSummary struct {
	caseSummary
	Position int    `json:"posicao"`
	Priority string `json:"prioridade,omitempty"`
}

// getQueue lists a work queue in its order, a page at a time (pagina from 1, limite).
func (s *Server) getQueue() gin.HandlerFunc {
	return func(c *gin.Context) {
		name := c.Param("fila")
		var q *queue
		names := make([]string, len(queues))
		for i := range queues {
			names[i] = queues[i].Name
			if queues[i].Name == name {
				q = &queues[i]
			}
		}
		if q == nil {
			abort(c, http.StatusNotFound, CodeUnknownQueue, "Fila desconhecida: use "+strings.Join(names, ", ")+".")
			return
		}
		limit, page, ok := pageParams(c)
		if !ok {
			return
		}
		var rows []store.QueuedCase
		var err error
		if q.Petitions {
			rows, err = s.store.ListPetitionQueue(c.Request.Context(), (page-1)*limit, limit)
		} else {
			rows, err = s.store.ListQueue(c.Request.Context(), q.Statuses, q.PriorityFirst, (page-1)*limit, limit)
		}
		if err != nil {
			internalError(c, err)
			return
		}
		showNames := personalDataRoles[staffOf(c).Role]
		out := make([]queuedSummary, 0, len(rows))
		for _, r := range rows {
			sum := queuedSummary{caseSummary: summarize(r.Case, showNames), Position: r.Position, Priority: r.Priority}
			out = append(out, sum)
		}
		next := 0
		if len(rows) == limit {
			next = page + 1
		}
		c.JSON(http.StatusOK, gin.H{"fila": q.Name, "descricao": q.Description, "casos": out, "proxima_pagina": next})
	}
}

// pageParams reads limite (1 to maxCasePage, default defaultCasePage) and pagina (from
// 1); it answers the 400 itself.
func pageParams(c *gin.Context) (limit, page int, ok bool) {
	page = 1
	if limit, ok = limitParam(c); !ok {
		return 0, 0, false
	}
	if v := c.Query("pagina"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "pagina inválida: use um número a partir de 1.")
			return 0, 0, false
		}
		page = n
	}
	return limit, page, true
}
