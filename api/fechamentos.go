package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// CalendarNotifier is told that the agency calendar changed on a date: a closure was
// declared or removed. Running workflows whose current deadline depends on that date
// must move their timer (004 §13.1.2); the workflow side implements it.
type CalendarNotifier interface {
	CalendarChanged(ctx context.Context, date prazo.Date) error
}

// CalendarNotifierFunc adapts a function to CalendarNotifier.
type CalendarNotifierFunc func(ctx context.Context, date prazo.Date) error

// CalendarChanged implements CalendarNotifier.
func (f CalendarNotifierFunc) CalendarChanged(ctx context.Context, date prazo.Date) error {
	return f(ctx, date)
}

// Stable error codes of the closure endpoints.
const (
	CodeInvalidClosureKind = "tipo_invalido"
	CodeInvalidClosingTime = "horario_invalido"
	CodeReasonRequired     = "motivo_obrigatorio"
	CodeInvalidReason      = "motivo_invalido"
	CodeInvalidAct         = "ato_invalido"
	CodeInvalidRange       = "intervalo_invalido"
	CodeDuplicateClosure   = "fechamento_duplicado"
	CodeBodyTooLarge       = "requisicao_muito_grande"
)

// Limits of a closure declaration.
const (
	maxClosureBody   = 16 << 10
	maxClosureReason = 500
	maxClosureAct    = 200
	// notifyTimeout bounds the notification of running workflows after a change.
	notifyTimeout = 30 * time.Second
)

// closureRequest is the body of POST /api/v1/calendario/fechamentos.
type closureRequest struct {
	Date     string  `json:"data"`
	Kind     string  `json:"tipo"`
	ClosedAt *string `json:"encerrado_as"`
	Reason   string  `json:"motivo"`
	Act      string  `json:"ato"`
}

// closureView is a closure as the API answers it after a change. Warning is set when
// the closure was stored but running workflows could not be told.
type closureView struct {
	store.CalendarClosure
	Warning string `json:"aviso,omitempty"`
}

// postClosure declares a day without (normal) business (004 §13.1.2). Dates in the past
// are accepted: a deadline still running whose due date fell on that day moves too.
func (s *Server) postClosure() gin.HandlerFunc {
	return func(c *gin.Context) {
		body, ok := decodeClosureRequest(c)
		if !ok {
			return
		}
		cl, code, msg := body.closure()
		if code != "" {
			abort(c, http.StatusBadRequest, code, msg)
			return
		}
		stored, err := s.store.AddClosure(c.Request.Context(), cl, staffOf(c).ID)
		if errors.Is(err, store.ErrDuplicateClosure) {
			msg := "Já existe um fechamento ativo em " + cl.Date.FormatBR()
			if stored.ID != 0 {
				msg += fmt.Sprintf(" (id %d)", stored.ID)
			}
			abort(c, http.StatusConflict, CodeDuplicateClosure, msg+": remova-o antes de declarar outro para a mesma data.")
			return
		}
		if errors.Is(err, prazo.ErrInvalidClosure) {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, sentence(err.Error()))
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusCreated, closureView{CalendarClosure: stored, Warning: s.notifyCalendar(c, stored)})
	}
}

// decodeClosureRequest reads the body of POST /api/v1/calendario/fechamentos.
func decodeClosureRequest(c *gin.Context) (closureRequest, bool) {
	var body closureRequest
	ok := decodeJSON(c, &body, maxClosureBody, "data, tipo, encerrado_as, motivo e ato")
	return body, ok
}

// closure validates the request and returns the closure to store, or an error code and
// a Portuguese message.
func (r closureRequest) closure() (prazo.Closure, string, string) {
	if strings.TrimSpace(r.Date) == "" {
		return prazo.Closure{}, CodeInvalidDate, "Informe a data do fechamento: \"data\": \"AAAA-MM-DD\"."
	}
	date, err := prazo.ParseDate(r.Date)
	if err != nil {
		return prazo.Closure{}, CodeInvalidDate, sentence(err.Error())
	}
	if date.Year < prazo.MinYear || date.Year > prazo.MaxYear {
		return prazo.Closure{}, CodeDateOutOfRange, fmt.Sprintf("Data fora do intervalo suportado: %s (anos %d a %d).", date, prazo.MinYear, prazo.MaxYear)
	}
	cl := prazo.Closure{Date: date, Kind: prazo.ClosureKind(r.Kind)}
	switch cl.Kind {
	case prazo.ClosureFullDay:
		if r.ClosedAt != nil {
			return prazo.Closure{}, CodeInvalidClosingTime, "O campo encerrado_as só se aplica a encerramento_antecipado."
		}
	case prazo.ClosureEarly:
		if r.ClosedAt == nil || strings.TrimSpace(*r.ClosedAt) == "" {
			return prazo.Closure{}, CodeInvalidClosingTime, "Informe o horário do encerramento antecipado: \"encerrado_as\": \"HH:MM\"."
		}
		at := strings.TrimSpace(*r.ClosedAt)
		if _, err := time.Parse("15:04", at); err != nil || len(at) != 5 {
			return prazo.Closure{}, CodeInvalidClosingTime, "Horário de encerramento inválido: " + strconv.Quote(at) + " (use HH:MM, por exemplo 13:00)."
		}
		cl.ClosedAt = at
	default:
		return prazo.Closure{}, CodeInvalidClosureKind, "Tipo de fechamento inválido: " + strconv.Quote(r.Kind) +
			" (use dia_inteiro ou encerramento_antecipado)."
	}
	cl.Reason = strings.TrimSpace(r.Reason)
	if cl.Reason == "" {
		return prazo.Closure{}, CodeReasonRequired, "Informe o motivo do fechamento: ele aparece em todo prazo que o fechamento prorrogar."
	}
	if !plainText(cl.Reason, maxClosureReason) {
		return prazo.Closure{}, CodeInvalidReason, fmt.Sprintf("Motivo inválido: uma linha de texto com até %d caracteres.", maxClosureReason)
	}
	cl.Act = strings.TrimSpace(r.Act)
	if !plainText(cl.Act, maxClosureAct) {
		return prazo.Closure{}, CodeInvalidAct, fmt.Sprintf("Ato inválido: uma linha de texto com até %d caracteres.", maxClosureAct)
	}
	return cl, "", ""
}

// plainText reports whether s is one line of at most max characters without control
// characters (it is quoted in deadlines, e-mails and documents).
func plainText(s string, max int) bool {
	if utf8.RuneCountInString(s) > max || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// listClosures lists the closures declared by staff:
// GET /api/v1/calendario/fechamentos?de=AAAA-MM-DD&ate=AAAA-MM-DD[&incluir_removidos=true].
// de and ate are optional (open interval); removed closures only when asked.
func (s *Server) listClosures() gin.HandlerFunc {
	return func(c *gin.Context) {
		var f store.ClosureFilter
		for _, p := range []struct {
			name string
			dst  *prazo.Date
		}{{"de", &f.From}, {"ate", &f.To}} {
			v := c.Query(p.name)
			if v == "" {
				continue
			}
			d, err := prazo.ParseDate(v)
			if err != nil {
				abort(c, http.StatusBadRequest, CodeInvalidDate, "Parâmetro "+p.name+": "+err.Error()+".")
				return
			}
			*p.dst = d
		}
		if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
			abort(c, http.StatusBadRequest, CodeInvalidRange, "Intervalo inválido: a data final (ate) é anterior à inicial (de).")
			return
		}
		if v := c.Query("incluir_removidos"); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				abort(c, http.StatusBadRequest, CodeInvalidRequest, "Parâmetro incluir_removidos inválido: use true ou false.")
				return
			}
			f.IncludeDeleted = b
		}
		list, err := s.store.Closures(c.Request.Context(), f)
		if err != nil {
			internalError(c, err)
			return
		}
		out := gin.H{"fechamentos": list}
		if !f.From.IsZero() {
			out["de"] = f.From
		}
		if !f.To.IsZero() {
			out["ate"] = f.To
		}
		c.JSON(http.StatusOK, out)
	}
}

// deleteClosure removes a closure (soft delete: the row stays, with who removed it and
// when) and answers with it. A deadline that had been moved by it is recomputed by the
// running workflows, which are told.
func (s *Server) deleteClosure() gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil || id <= 0 {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Identificador de fechamento inválido: use o número (id) devolvido na criação.")
			return
		}
		removed, err := s.store.DeleteClosure(c.Request.Context(), id, staffOf(c).ID)
		if errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusNotFound, CodeNotFound, fmt.Sprintf("Fechamento %d não existe ou já foi removido.", id))
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, closureView{CalendarClosure: removed, Warning: s.notifyCalendar(c, removed)})
	}
}

// notifyCalendar tells the running workflows that the calendar changed on the closure's
// date. The change is already stored: a failure is logged and reported to the caller as
// a warning, not as an error. The notification outlives a client that hangs up.
func (s *Server) notifyCalendar(c *gin.Context, cl store.CalendarClosure) string {
	if s.calendarNotifier == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), notifyTimeout)
	defer cancel()
	if err := s.calendarNotifier.CalendarChanged(ctx, cl.Date); err != nil {
		s.log.Error("calendar change notification failed", "closure_id", cl.ID, "date", cl.Date.String(), "error", err)
		return "A alteração do calendário foi registrada, mas os processos em andamento não puderam ser avisados agora: " +
			"os prazos afetados por " + cl.Date.FormatBR() + " ainda mostram o vencimento anterior. Cada prazo é conferido " +
			"com o calendário atualizado antes de vencer; avise a equipe técnica."
	}
	return ""
}
