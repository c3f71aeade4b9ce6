package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/intake"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/workflowid"
	"github.com/procon-es/procon/workflows"
)

// casePage is a case as the console shows it, with the decisions the signed-in person
// may take on it now.
type casePage struct {
	page
	Case store.Case
	// ShowPersonal: the role may see the consumer's personal data (the API's rule).
	ShowPersonal bool
	Form         *intake.Form
	ConsumerDoc  string
	SupplierDocs []string
	Due          prazo.Date
	DaysLeft     int
	// State and Fine are the workflows' own view (nil when they could not be read).
	State     *workflows.ComplaintState
	Fine      *workflows.FineState
	Documents []store.Document
	Messages  []messageView
	Outgoing  []store.OutgoingMail
	Events    []eventView
	Decisions []decisionForm
	// Suspension is the force-majeure form, for the roles that may declare one.
	Suspension *suspensionForm
	// Unavailable says the workflow could not be asked (the page shows the rest).
	Unavailable bool
}

// messageView is a stored message of the case in its list.
type messageView struct {
	ID                     int64
	Mailbox, From, Subject string
	ReceivedAt             time.Time
	Size                   int
}

// eventView is a timeline entry on the page.
type eventView struct {
	store.Event
	Words string
	Data  store.EventData
}

// suspensionForm is the force-majeure form (004 §13.4) with what was typed and what was
// wrong.
type suspensionForm struct {
	Key                     string
	Start, End, Reason, Act string
	Error                   string
}

// suspensionRoles may declare force majeure on a case.
var suspensionRoles = []string{RoleGerenteAtendimento, RoleDiretorJuridico, RoleDiretorPresidente, RoleAdmin}

// consoleCase shows a case.
func (s *Server) consoleCase() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.pageCase(c)
		if !ok {
			return
		}
		p := s.casePage(c, cs)
		if k := c.Query("feito"); k != "" {
			p.Notice = "Registrado: " + decisionLabel(k) + "."
		}
		s.render(c, http.StatusOK, "caso", p)
	}
}

// pageCase loads the case of the route's :na, or renders the page that says why not.
func (s *Server) pageCase(c *gin.Context) (store.Case, bool) {
	na := strings.ToUpper(c.Param("na"))
	if !naPattern.MatchString(na) {
		s.pageError(c, http.StatusNotFound, "Caso não encontrado", "Número de atendimento inválido: o formato é NA-AAAA-NNNNNN.")
		return store.Case{}, false
	}
	cs, err := s.store.GetCase(c.Request.Context(), na)
	if errors.Is(err, store.ErrNotFound) {
		s.pageError(c, http.StatusNotFound, "Caso não encontrado", "O atendimento "+na+" não existe.")
		return store.Case{}, false
	}
	if err != nil {
		_ = c.Error(err)
		s.pageError(c, http.StatusServiceUnavailable, "Serviço indisponível", "O caso não pôde ser lido agora. Tente novamente.")
		return store.Case{}, false
	}
	return cs, true
}

// casePage gathers what the case page shows. What cannot be read (the workflow away)
// is left out and said, the rest still shown.
func (s *Server) casePage(c *gin.Context, cs store.Case) casePage {
	ctx := c.Request.Context()
	p := casePage{page: s.newPage(c, cs.NA, ""), Case: cs}
	role := p.Staff.Role
	p.ShowPersonal = personalDataRoles[role]
	if p.ShowPersonal {
		p.ConsumerDoc = taxid.Format(cs.ConsumerDoc)
		var f intake.Form
		if json.Unmarshal(cs.Form, &f) == nil {
			p.Form = &f
		}
		for _, d := range cs.SupplierDocs {
			p.SupplierDocs = append(p.SupplierDocs, taxid.Format(d))
		}
	} else {
		p.SupplierDocs = make([]string, len(cs.SupplierDocs))
		for i, d := range cs.SupplierDocs {
			if len(d) == 14 { // a CNPJ is a company's, not personal data
				p.SupplierDocs[i] = taxid.Format(d)
			}
		}
	}
	if cs.CurrentDeadline != nil {
		p.Due = prazo.DateOf(*cs.CurrentDeadline) // a date, stored as midnight UTC
		p.DaysLeft = daysBetween(prazo.CivilDate(time.Now()), p.Due)
	}
	if s.temporal == nil {
		p.Unavailable = true
	} else {
		var state workflows.ComplaintState
		if v, err := s.temporal.QueryWorkflow(ctx, cs.WorkflowID, "", workflows.QueryState); err == nil && v.Get(&state) == nil {
			p.State = &state
		} else {
			p.Unavailable = true
		}
		if v, err := s.temporal.QueryWorkflow(ctx, workflowid.Fine(cs.NA), "", workflows.QueryFine); err == nil {
			var fine workflows.FineState
			if v.Get(&fine) == nil {
				p.Fine = &fine
			}
		}
	}
	if p.ShowPersonal {
		p.Documents, _ = s.store.Documents(ctx, cs.NA)
		msgs, _ := s.store.InboundForCase(ctx, cs.NA)
		for _, m := range msgs {
			p.Messages = append(p.Messages, messageOf(m))
		}
		p.Outgoing, _ = s.store.OutboxForCase(ctx, cs.NA)
	}
	events, err := s.store.Events(ctx, cs.NA)
	if err != nil {
		_ = c.Error(err)
	}
	for _, e := range events {
		ev := eventView{Event: e, Words: eventInWords(e.Kind)}
		_ = json.Unmarshal(e.Payload, &ev.Data)
		p.Events = append(p.Events, ev)
	}
	if slices.Contains(decisionRoles, role) && !p.Unavailable {
		menu, err := s.decisionMenu(c, cs.WorkflowID, role)
		if err == nil && menu.Fine != "" {
			if fine, err := s.decisionMenu(c, menu.Fine, role); err == nil {
				menu.Options = append(menu.Options, fine.Options...)
			}
		}
		if err != nil {
			p.Unavailable = true
		}
		for _, o := range menu.Options {
			p.Decisions = append(p.Decisions, newDecisionForm(o))
		}
	}
	if slices.Contains(suspensionRoles, role) && cs.CurrentDeadline != nil && !closedStatus(cs.Status) {
		p.Suspension = &suspensionForm{Key: newRequestID()}
	}
	return p
}

// closedStatus reports whether a case has ended.
func closedStatus(status string) bool {
	return status == workflows.StatusArchived || status == workflows.StatusCancelled || status == workflows.StatusDebtInscribed
}

// messageOf reads the sender and subject of a stored message from its header.
func messageOf(m store.CaseMessage) messageView {
	v := messageView{ID: m.ID, Mailbox: m.Mailbox, ReceivedAt: m.ReceivedAt, Size: m.Size}
	if msg, err := mail.ReadMessage(bytes.NewReader(m.Header)); err == nil {
		dec := new(mime.WordDecoder)
		v.Subject, _ = dec.DecodeHeader(msg.Header.Get("Subject"))
		v.From, _ = dec.DecodeHeader(msg.Header.Get("From"))
	}
	if v.Subject == "" {
		v.Subject = "(sem assunto)"
	}
	return v
}

// consoleDecide takes a decision from its form on the case page. The form's own key
// makes its Update ID, so a double click or a resubmitted form applies once. A refusal
// shows the workflow's message on the form, with what was typed.
func (s *Server) consoleDecide() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.pageCase(c)
		if !ok {
			return
		}
		kind, key := c.PostForm("tipo"), formKey(c)
		f := s.takeDecision(c, cs, kind, key)
		if f == nil {
			c.Redirect(http.StatusSeeOther, "/interno/casos/"+cs.NA+"?feito="+kind)
			return
		}
		p := s.casePage(c, cs)
		shown := false
		for i := range p.Decisions {
			if p.Decisions[i].Kind == kind {
				p.Decisions[i].refused(f.message, key, c.Request.PostForm)
				shown = true
			}
		}
		if !shown { // no longer on the menu: the state moved meanwhile
			p.Decisions = append([]decisionForm{{DecisionOption: workflows.DecisionOption{Kind: kind, Label: decisionLabel(kind)},
				Error: f.message, Open: true, Gone: true}}, p.Decisions...)
		}
		s.render(c, f.status, "caso", p)
	}
}

// takeDecision reads the form of a decision of kind and sends it to the case's
// workflow under key; nil when it was taken.
func (s *Server) takeDecision(c *gin.Context, cs store.Case, kind, key string) *failure {
	fields := workflows.DecisionFields(kind)
	if fields == nil {
		return &failure{http.StatusUnprocessableEntity, CodeInvalidDecision, "Decisão desconhecida."}
	}
	raw, msg := formFields(fields, c.Request.PostForm)
	if msg != "" {
		return &failure{http.StatusUnprocessableEntity, CodeInvalidDecision, msg}
	}
	d, f := s.decision(c.Request.Context(), staffOf(c), kind, raw)
	if f != nil {
		return f
	}
	var res workflows.DecisionResult
	if err := s.updateOnce(c, cs.WorkflowID, workflows.UpdateDecide, "decisao/"+key, d, &res); err != nil {
		return refusal(c, err, CodeCaseClosed, "O atendimento está encerrado: não cabe mais decisão.")
	}
	return nil
}

// consoleSuspend declares force majeure on a case from its page (004 §13.4).
func (s *Server) consoleSuspend() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.pageCase(c)
		if !ok {
			return
		}
		form := suspensionForm{Key: formKey(c), Start: c.PostForm("inicio"), End: c.PostForm("fim"),
			Reason: c.PostForm("motivo"), Act: c.PostForm("ato")}
		susp, f := readSuspension(suspensionBody{Start: form.Start, End: form.End, Reason: form.Reason, Act: form.Act})
		if f == nil {
			var d activities.Deadline
			err := s.updateOnce(c, cs.WorkflowID, workflows.UpdateDeclareSuspension, "suspensao/"+form.Key,
				workflows.SuspensionRequest{Suspension: susp, By: staffOf(c).Signature()}, &d)
			if err == nil {
				c.Redirect(http.StatusSeeOther, "/interno/casos/"+cs.NA+"?feito=suspensao")
				return
			}
			f = refusal(c, err, CodeCaseClosed, "O atendimento está encerrado: não há prazo a suspender.")
		}
		p := s.casePage(c, cs)
		form.Error = f.message
		p.Suspension = &form
		s.render(c, f.status, "caso", p)
	}
}

// consoleDocument downloads a document of the case.
func (s *Server) consoleDocument() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.pageCase(c)
		if !ok {
			return
		}
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		var d store.Document
		if err == nil {
			d, err = s.store.DocumentOf(c.Request.Context(), cs.NA, id)
		}
		if err != nil {
			s.pageError(c, http.StatusNotFound, "Documento não encontrado", "O atendimento "+cs.NA+" não tem este documento.")
			return
		}
		c.Header("Content-Disposition", `attachment; filename="`+safeFilename(d.Filename)+`"`)
		c.Data(http.StatusOK, d.ContentType, d.Data)
	}
}

// consoleMessage downloads a stored message of the case, as it arrived (.eml).
func (s *Server) consoleMessage() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.pageCase(c)
		if !ok {
			return
		}
		id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
		raw, err := s.store.CaseInbound(c.Request.Context(), cs.NA, id)
		if err == nil {
			c.Header("Content-Disposition", `attachment; filename="mensagem-`+strconv.FormatInt(id, 10)+`.eml"`)
			c.Data(http.StatusOK, "message/rfc822", raw)
			return
		}
		if !errors.Is(err, store.ErrNotFound) {
			_ = c.Error(err)
		}
		s.pageError(c, http.StatusNotFound, "Mensagem não encontrada", "O atendimento "+cs.NA+" não tem esta mensagem.")
	}
}

// consoleOutgoing downloads a message the agency sent for the case, as text.
func (s *Server) consoleOutgoing() gin.HandlerFunc {
	return func(c *gin.Context) {
		cs, ok := s.pageCase(c)
		if !ok {
			return
		}
		m, err := s.store.OutgoingOf(c.Request.Context(), cs.NA, c.Query("chave"))
		if err != nil {
			s.pageError(c, http.StatusNotFound, "Mensagem não encontrada", "O atendimento "+cs.NA+" não tem esta mensagem.")
			return
		}
		var b strings.Builder
		b.WriteString("Para: " + m.To + "\nAssunto: " + m.Subject + "\nMessage-ID: <" + m.MessageID + ">\n\n" + m.Body)
		for _, a := range m.Attachments {
			b.WriteString("\n[anexo: " + a.Filename + "]")
		}
		c.Header("Content-Disposition", `attachment; filename="enviada-`+safeFilename(m.Kind)+`.txt"`)
		c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(b.String()))
	}
}

// safeFilename keeps a file name fit for a Content-Disposition header.
func safeFilename(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == '"' || r == '\\' || r == '/' {
			return '_'
		}
		return r
	}, name)
}

// decisionLabel is a decision's label, by its kind.
func decisionLabel(kind string) string {
	switch kind {
	case "suspensao":
		return "suspensão do prazo por força maior"
	case "abertura":
		return "processo instaurado; o fornecedor será notificado para a defesa"
	case "notificacao":
		return "notificação de ofício expedida"
	}
	if l := workflows.DecisionLabel(kind); l != "" {
		r, n := utf8.DecodeRuneInString(l)
		return string(unicode.ToLower(r)) + l[n:]
	}
	return "decisão"
}
