package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// soonBusinessDays: the home page counts the deadlines that lapse within this many
// business days (issue 16).
const soonBusinessDays = 3

// consolePageSize is how many cases a queue's or a search's page lists.
const consolePageSize = 25

// roleQueues are the work queues each role sees on its home page, in the order of the
// lifecycle.
var roleQueues = map[string][]string{
	RoleAtendente: {"registro", "entrega_cip", "cip_vencida_insatisfatoria", "retorno_consumidor",
		"entrega_notificacao", queuePetitions},
	RoleGerenteAtendimento: {"registro", "entrega_cip", "cip_vencida_insatisfatoria", "retorno_consumidor",
		"entrega_notificacao", queuePetitions},
	RoleDiretorJuridico:   {"julgamento_dijur", "entrega_notificacao"},
	RoleDiretorPresidente: {"decisao_presidencia"},
	RoleFinanceiro:        {"multas_em_cobranca"},
	RoleAdmin: {"registro", "entrega_cip", "cip_vencida_insatisfatoria", "retorno_consumidor", "entrega_notificacao",
		queuePetitions, "julgamento_dijur", "decisao_presidencia", "multas_em_cobranca"},
}

// queueByName finds a queue of the API by name.
func queueByName(name string) *queue {
	for i := range queues {
		if queues[i].Name == name {
			return &queues[i]
		}
	}
	return nil
}

// homeQueue is one queue on the home page.
type homeQueue struct {
	Name, Title, Description string
	store.QueueStats
	// OldestDays is the age in days of the queue's oldest case.
	OldestDays int
}

// homePage is the console's home page (início).
type homePage struct {
	page
	Queues []homeQueue
	// Soon is the last day counted as "lapsing soon".
	Soon prazo.Date
}

// consoleHome shows the signed-in role's queues: how many cases each holds, how many
// have a deadline lapsing within 3 business days or lapsed, and the oldest case's age.
func (s *Server) consoleHome() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx := c.Request.Context()
		p := homePage{page: s.newPage(c, "Início", "/interno/")}
		if c.Query("decisao") != "" {
			p.Notice = "Decisão registrada."
		}
		today, soon, err := s.soonWindow(c)
		if err != nil {
			s.pageFailure(c, &failure{http.StatusServiceUnavailable, CodeUnavailable, "O calendário não pôde ser lido agora. Tente novamente."})
			return
		}
		p.Soon = soon
		now := time.Now()
		for _, name := range roleQueues[p.Staff.Role] {
			q := queueByName(name)
			var st store.QueueStats
			if q.Petitions {
				st, err = s.store.PetitionQueueStats(ctx, today.Midnight(time.UTC), soon.Midnight(time.UTC))
			} else {
				st, err = s.store.StatusQueueStats(ctx, q.Statuses, today.Midnight(time.UTC), soon.Midnight(time.UTC))
			}
			if err != nil {
				_ = c.Error(err)
				s.pageFailure(c, &failure{http.StatusServiceUnavailable, CodeUnavailable, "As filas não puderam ser lidas agora. Tente novamente."})
				return
			}
			h := homeQueue{Name: q.Name, Title: q.Title, Description: q.Description, QueueStats: st}
			if !st.Oldest.IsZero() {
				h.OldestDays = int(now.Sub(st.Oldest).Hours() / 24)
			}
			p.Queues = append(p.Queues, h)
		}
		s.render(c, http.StatusOK, "inicio", p)
	}
}

// soonWindow is today and the last day of the "lapsing soon" window, in the agency's
// calendar (holidays and declared closures).
func (s *Server) soonWindow(c *gin.Context) (today, soon prazo.Date, err error) {
	cal, err := s.store.Calendar(c.Request.Context())
	if err != nil {
		_ = c.Error(err)
		return today, soon, err
	}
	today = prazo.CivilDate(time.Now())
	soon, err = cal.AddBusinessDays(today, soonBusinessDays)
	return today, soon, err
}

// queueRow is one case of a queue or a search on a page.
type queueRow struct {
	Position int
	store.Case
	// Priority is the form's priority ("idoso_80" or another), "" for none.
	Priority string
	// Due is the running deadline's day; DaysLeft counts the calendar days to it
	// (negative: lapsed).
	Due      prazo.Date
	DaysLeft int
}

// queuePage is one page of a work queue.
type queuePage struct {
	page
	Queue      *queue
	Rows       []queueRow
	ShowNames  bool
	Page       int
	Prev, Next int
}

// Ordered says the list is in the queue's order: each case shows its position.
func (queuePage) Ordered() bool { return true }

// consoleQueue lists a work queue in its legal order, a page at a time.
func (s *Server) consoleQueue() gin.HandlerFunc {
	return func(c *gin.Context) {
		q := queueByName(c.Param("fila"))
		if q == nil {
			s.pageError(c, http.StatusNotFound, "Fila desconhecida", "Não há fila com este nome.")
			return
		}
		n, err := strconv.Atoi(c.DefaultQuery("pagina", "1"))
		if err != nil || n < 1 || n > 100000 {
			n = 1
		}
		var rows []store.QueuedCase
		if q.Petitions {
			rows, err = s.store.ListPetitionQueue(c.Request.Context(), (n-1)*consolePageSize, consolePageSize)
		} else {
			rows, err = s.store.ListQueue(c.Request.Context(), q.Statuses, q.PriorityFirst, (n-1)*consolePageSize, consolePageSize)
		}
		if err != nil {
			_ = c.Error(err)
			s.pageFailure(c, &failure{http.StatusServiceUnavailable, CodeUnavailable, "A fila não pôde ser lida agora. Tente novamente."})
			return
		}
		p := queuePage{page: s.newPage(c, q.Title, "/interno/"), Queue: q, Page: n}
		p.ShowNames = personalDataRoles[p.Staff.Role]
		today := prazo.CivilDate(time.Now())
		for _, r := range rows {
			p.Rows = append(p.Rows, rowOf(r.Position, r.Case, r.Priority, today))
		}
		if n > 1 {
			p.Prev = n - 1
		}
		if len(rows) == consolePageSize {
			p.Next = n + 1
		}
		s.render(c, http.StatusOK, "fila", p)
	}
}

// rowOf is a case as a list on a page shows it.
func rowOf(position int, cs store.Case, priority string, today prazo.Date) queueRow {
	r := queueRow{Position: position, Case: cs, Priority: priority}
	if cs.CurrentDeadline != nil {
		r.Due = prazo.DateOf(*cs.CurrentDeadline) // a date, stored as midnight UTC
		r.DaysLeft = daysBetween(today, r.Due)
	}
	return r
}

// daysBetween counts the calendar days from a to b (negative when b is before a).
func daysBetween(a, b prazo.Date) int {
	return int(b.Midnight(time.UTC).Sub(a.Midnight(time.UTC)).Hours() / 24)
}
