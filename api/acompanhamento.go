package api

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// Stable error code of the tracking endpoint when a client tried too often.
const CodeTooManyAttempts = "muitas_tentativas"

// Tracking's failure budget per client: a burst of trackingBurst wrong attempts, then
// one more every trackingEvery. Enough for a consumer who mistypes, too little to
// enumerate NAs and CPFs.
const (
	trackingBurst = 5
	trackingEvery = time.Minute
)

// publicEvents are the timeline events a consumer may see when tracking a case, with
// their description; any other kind (staff notes, future internal events) is left out.
var publicEvents = map[string]string{
	"atendimento_recebido":             "Atendimento eletrônico recebido",
	"recibo_enviado":                   "Recibo enviado por e-mail",
	"prazo_iniciado":                   "Prazo iniciado",
	"prazo_alterado":                   "Prazo alterado",
	"suspensao_declarada":              "Prazo suspenso por força maior",
	"registro_em_atraso":               "Registro pendente na Gerência de Atendimento",
	"peticao_recebida":                 "Petição recebida pelo protocolo",
	"cancelado_identificacao_recusada": "Atendimento cancelado: identificação positiva recusada",
	"arquivado_sem_manifestacao":       "Atendimento arquivado por falta de manifestação",
	"baixa_a_pedido_do_consumidor":     "Atendimento baixado a pedido do consumidor",
	"arquivado_incompetencia":          "Atendimento arquivado: o fato não configura relação de consumo",
	"cancelado_documentos_faltantes":   "Atendimento cancelado: documentos obrigatórios faltantes",
	"resolvido_contato_telefonico":     "Resolvido por contato telefônico com o fornecedor",
	"cip_aguardando_entrega":           "CIP aguardando entrega ao fornecedor",
	"cip_expedida":                     "CIP expedida ao fornecedor",
	"cip_respondida":                   "Resposta do fornecedor à CIP recebida",
	"cip_vencida":                      "Prazo de resposta à CIP encerrado sem resposta",
	"fila_cip_vencida_insatisfatoria":  "Em análise para conversão em reclamação",
	"retorno_consumidor":               "Retorno do consumidor registrado",
	"arquivado_resolvido":              "Atendimento resolvido e arquivado",
	"baixa_ausencia_interesse":         "Baixa por ausência de interesse do consumidor",
	"arquivado_decisao":                "Atendimento arquivado por decisão fundamentada",
	"convertido_em_reclamacao":         "Convertido em reclamação (processo administrativo)",
}

// trackingView is what anyone holding the NA and the consumer's CPF sees (003
// "Acompanhar"): no personal data.
type trackingView struct {
	NA       string          `json:"na"`
	Status   string          `json:"situacao"`
	Deadline *trackingDue    `json:"prazo,omitempty"`
	Events   []trackingEvent `json:"eventos"`
}

type trackingDue struct {
	Date string `json:"vencimento"`
	Rule string `json:"regra,omitempty"`
}

type trackingEvent struct {
	At          time.Time `json:"em"`
	Kind        string    `json:"tipo"`
	Description string    `json:"descricao"`
}

// getTracking answers a consumer who tracks a case by NA and CPF (product §7, 003
// "Acompanhar"). A wrong CPF gets exactly the answer of an unknown NA, and each failure
// spends the client's budget, so the endpoint cannot be used to find cases.
func (s *Server) getTracking() gin.HandlerFunc {
	return func(c *gin.Context) {
		if !s.tracking.allow(c.ClientIP()) {
			c.Header("Retry-After", fmt.Sprint(int(trackingEvery.Seconds())))
			abort(c, http.StatusTooManyRequests, CodeTooManyAttempts, "Muitas tentativas sem sucesso. Aguarde um minuto e tente novamente.")
			return
		}
		na := strings.ToUpper(strings.TrimSpace(c.Query("na")))
		cpf := taxid.Clean(c.Query("cpf"))
		if !naPattern.MatchString(na) || len(cpf) != 11 && len(cpf) != 14 {
			s.tracking.fail(c.ClientIP())
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Informe o número do atendimento (NA-AAAA-NNNNNN) e o CPF ou CNPJ do consumidor.")
			return
		}
		cs, err := s.store.GetCase(c.Request.Context(), na)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			internalError(c, err)
			return
		}
		if err != nil || subtle.ConstantTimeCompare([]byte(taxid.Clean(cs.ConsumerDoc)), []byte(cpf)) != 1 {
			s.tracking.fail(c.ClientIP())
			abort(c, http.StatusNotFound, CodeNotFound, "Nenhum atendimento encontrado para este número e este CPF.")
			return
		}
		events, err := s.store.Events(c.Request.Context(), na)
		if err != nil {
			internalError(c, err)
			return
		}
		view := trackingView{NA: cs.NA, Status: cs.Status, Events: []trackingEvent{}}
		if cs.CurrentDeadline != nil {
			view.Deadline = &trackingDue{Date: cs.CurrentDeadline.Format("2006-01-02"), Rule: cs.DeadlineRule}
		}
		for _, e := range events {
			if d, ok := publicEvents[e.Kind]; ok {
				view.Events = append(view.Events, trackingEvent{At: e.At, Kind: e.Kind, Description: d})
			}
		}
		c.JSON(http.StatusOK, view)
	}
}

// failureBudget limits failed attempts per client address.
type failureBudget struct {
	mu      sync.Mutex
	clients map[string]*rate.Limiter
}

func (b *failureBudget) limiter(client string) *rate.Limiter {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.clients == nil {
		b.clients = map[string]*rate.Limiter{}
	}
	if len(b.clients) > 100_000 { // bounded memory: forget everyone, rarely
		b.clients = map[string]*rate.Limiter{}
	}
	l, ok := b.clients[client]
	if !ok {
		l = rate.NewLimiter(rate.Every(trackingEvery), trackingBurst)
		b.clients[client] = l
	}
	return l
}

// allow reports whether the client still has failures to spend.
func (b *failureBudget) allow(client string) bool { return b.limiter(client).Tokens() >= 1 }

// fail spends one of the client's failures.
func (b *failureBudget) fail(client string) { b.limiter(client).Allow() }
