package workflows

import (
	"strconv"
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Origins of a processo administrativo (004 §7.2).
const (
	// OriginComplaint: the consumer's reclamação, opened directly by staff (§7.2 I).
	OriginComplaint = "reclamacao"
	// OriginCIP: a CIP without an answer, or with an unsatisfactory one (§7.2 II).
	OriginCIP = "cip"
)

// originWords says an origin in the notification's words.
var originWords = map[string]string{
	OriginComplaint:  "reclamação do consumidor (item 7.2, I)",
	OriginCIP:        "CIP sem resposta ou com resposta não satisfatória, convertida em reclamação (item 7.2, II)",
	OriginExOfficio:  "ato de ofício do agente competente (itens 7.2, III, e 8.15)",
	OriginInspection: "auto de infração, constatação ou apreensão (item 7.2, IV)",
	OriginReferral:   "denúncia encaminhada por órgão do Sistema Nacional de Defesa do Consumidor (item 7.2, V)",
}

// OriginDescription says an origin of a process in Portuguese ("" for none).
func OriginDescription(origin string) string { return originWords[origin] }

// Case statuses of the processo administrativo (004 §5–§8).
const (
	// StatusNoticeAwaitingDelivery: a defense notification waits for staff to record its
	// delivery by hand or registered letter; the 20 days run from the last receipt.
	StatusNoticeAwaitingDelivery = "notificacao_aguardando_entrega"
	// StatusAwaitingDefense: the suppliers' 20 days to present a defense run (004 §8.15).
	StatusAwaitingDefense = "aguardando_defesa"
	// StatusAwaitingJudgment: in the Diretoria Jurídica's queue for judgment (004 §8.8,
	// §8.16).
	StatusAwaitingJudgment = "aguardando_julgamento"
	// StatusAwaitingNoticeAnswer: the Diretoria Jurídica notified the suppliers before
	// judging; their answer's deadline runs (004 §8.9).
	StatusAwaitingNoticeAnswer = "aguardando_resposta_notificacao"
	// StatusAwaitingReasonedDecision: an impasse or an absence at the hearing suspends the
	// process for a reasoned decision (004 §5.12); it is in the Diretoria Jurídica's queue.
	StatusAwaitingReasonedDecision = "aguardando_decisao_fundamentada"
)

// Timeline events of the processo administrativo.
const (
	// EventProcessOpened: the processo administrativo was opened (004 §7.1–7.2).
	EventProcessOpened = "processo_instaurado"
	// EventDefenseNoticeSent: a supplier was notified to present a defense (004 §8.15).
	EventDefenseNoticeSent = "notificacao_defesa_expedida"
	// EventDefenseNoticeAwaitingDelivery: a notification waits for delivery by staff.
	EventDefenseNoticeAwaitingDelivery = "notificacao_defesa_aguardando_entrega"
	// EventDefenseReceived: a supplier presented its defense (004 §8.15).
	EventDefenseReceived = "defesa_recebida"
	// EventDefenseLapsed: the 20 days lapsed without every defense (004 §8.16).
	EventDefenseLapsed = "prazo_defesa_vencido"
	// EventJudgmentQueue: the case entered the Diretoria Jurídica's queue (004 §8.16).
	EventJudgmentQueue = "fila_julgamento_dijur"
	// EventDIJURNoticeSent: the Diretoria Jurídica notified the suppliers (004 §8.9).
	EventDIJURNoticeSent = "notificacao_dijur_expedida"
	// EventDIJURNoticeAnswered: a supplier answered the Diretoria Jurídica's notification.
	EventDIJURNoticeAnswered = "notificacao_dijur_respondida"
	// EventDIJURNoticeLapsed: the notification's deadline lapsed without an answer.
	EventDIJURNoticeLapsed = "notificacao_dijur_vencida"
)

// Process is the processo administrativo of a case, once opened (004 §7–§8).
type Process struct {
	Origin   string     `json:"origem"`
	OpenedOn prazo.Date `json:"instaurado_em"`
	// Notices are the defense notifications, one per supplier (004 §8.15).
	Notices []DefenseNotice `json:"notificacoes_defesa"`
	// Hearing is the last autocomposição hearing scheduled (004 §5), if any.
	Hearing *Hearing `json:"audiencia,omitempty"`
	// Classification and Subject are the Cadastro classification (004 §6.8), once made.
	Classification string `json:"classificacao,omitempty"`
	Subject        string `json:"assunto,omitempty"`
	// ReasonedDecision: suspended for a reasoned decision after the hearing (004 §5.12).
	ReasonedDecision bool `json:"decisao_fundamentada,omitempty"`
	// DIJURNotices are the Diretoria Jurídica's notifications before judging (004 §8.9).
	DIJURNotices []DIJURNotice `json:"notificacoes_dijur,omitempty"`
	// Collective is the number of the collective process the case was gathered into
	// (004 §8.4), if any.
	Collective string `json:"processo_coletivo,omitempty"`
}

// ProcessStatuses are the statuses of a processo administrativo still running.
func ProcessStatuses() []string {
	return []string{StatusNoticeAwaitingDelivery, StatusAwaitingDefense, StatusAwaitingJudgment, StatusAwaitingNoticeAnswer,
		StatusHearingScheduled, StatusAgreement, StatusAwaitingReasonedDecision, StatusGrouped}
}

// DefenseNotice is the notification of one supplier to present a defense.
type DefenseNotice struct {
	SupplierDoc  string `json:"fornecedor_cpf_cnpj"`
	SupplierName string `json:"fornecedor"`
	// Email is the supplier's registered address; "" → by hand or registered letter.
	Email      string     `json:"email,omitempty"`
	Means      string     `json:"meio,omitempty"`
	ReceivedOn prazo.Date `json:"recebida_em,omitzero"`
	// DefendedOn is the day its defense arrived; DefenseInbound the stored message (0 when
	// staff recorded it).
	DefendedOn     prazo.Date `json:"defesa_em,omitzero"`
	DefenseInbound int64      `json:"defesa_inbound_id,omitempty"`
	// issued: the notification was rendered (and e-mailed); recorded: its defense is on
	// the timeline.
	issued, recorded bool
}

// DIJURNotice is a notification of the Diretoria Jurídica before judging (004 §8.9).
type DIJURNotice struct {
	Text string `json:"texto"`
	Days int    `json:"prazo_dias"`
	By   string `json:"por"`
	// AnsweredOn is the day a supplier answered it, if one did.
	AnsweredOn prazo.Date `json:"respondida_em,omitzero"`
}

// processState is the state of the processo administrativo's phase.
type processState struct {
	// origin is where the process comes from (004 §7.2), set by the phase before it.
	origin string
	// deliveries counts the notifications' deliveries recorded by staff, so waits can
	// tell something happened.
	deliveries int
}

// processo runs the processo administrativo (004 §7–§8): the suppliers notified to
// present a defense within 20 days, then the Diretoria Jurídica's queue, where hearings
// (004 §5), notifications (§8.9), the TAC (§12) and the Cadastro classification (§6)
// happen until the judgment, or the gathering into a collective process.
func (c *complaint) processo(ctx workflow.Context) (phase, error) {
	if err := c.openRecord(ctx, c.proc.origin); err != nil {
		return 0, err
	}
	if err := c.setStatus(ctx, StatusAwaitingDefense); err != nil {
		return 0, err
	}
	if err := c.record(ctx, EventProcessOpened, "sistema", "processo", activities.EventData{
		Origem: c.proc.origin, Fonte: srcProcessOpened}); err != nil {
		return 0, err
	}
	if ended, err := c.awaitDefense(ctx); err != nil || ended {
		return phaseClosed, err
	}
	return c.judgmentQueue(ctx)
}

// openRecord makes the case's Process record from origin, today, with one notice per
// supplier of the case, at its address on record: the process's, or the presidency's
// notification's before it.
func (c *complaint) openRecord(ctx workflow.Context, origin string) error {
	var parties []activities.CIPParty
	if err := workflow.ExecuteActivity(ctx, c.acts.CIPParties, c.in.NA).Get(ctx, &parties); err != nil {
		return err
	}
	p := &Process{Origin: origin, OpenedOn: prazo.CivilDate(workflow.Now(ctx))}
	for _, party := range parties {
		p.Notices = append(p.Notices, DefenseNotice{SupplierDoc: party.Doc, SupplierName: party.Name, Email: party.Email})
	}
	c.state.Process = p
	return nil
}

// interrupted reports whether the process must stop what it waits for: the consumer
// asked to end the case, or a classification archives it.
func (c *complaint) interrupted() bool { return c.closing() || c.classificationArchives() }

// stop ends the case for the reason interrupted() saw.
func (c *complaint) stop() error {
	if c.closing() {
		return c.closeOnRequest()
	}
	return c.archiveByClassification()
}

// awaitDefense notifies each supplier and runs the 20 days to present a defense, from
// the last receipt of a notification (004 §8.15; 003), until every supplier defended or
// the deadline lapsed. It reports whether the case ended.
func (c *complaint) awaitDefense(ctx workflow.Context) (bool, error) {
	p := c.state.Process
	today := prazo.CivilDate(workflow.Now(ctx))
	var byEmail *deadline // the deadline of the notices e-mailed today
	for i := range p.Notices {
		n := &p.Notices[i]
		if n.Email == "" {
			continue
		}
		if byEmail == nil {
			d, err := computeDeadline(ctx, prazo.Defense.Request(today))
			if err != nil {
				return false, err
			}
			byEmail = d
		}
		n.Means, n.ReceivedOn = MeansEmail, today
		if err := c.issueNotice(ctx, n, byEmail.result); err != nil {
			return false, err
		}
	}
	if p.undelivered() > 0 {
		if err := c.setStatus(ctx, StatusNoticeAwaitingDelivery); err != nil {
			return false, err
		}
	}
	for i := range p.Notices {
		if n := &p.Notices[i]; !n.issued {
			if err := c.issueNotice(ctx, n, activities.Deadline{}); err != nil {
				return false, err
			}
		}
	}
	for p.undelivered() > 0 && !c.interrupted() {
		deliveries := c.proc.deliveries
		if err := workflow.Await(ctx, func() bool { return c.interrupted() || c.proc.deliveries != deliveries }); err != nil {
			return false, err
		}
	}
	if c.interrupted() {
		return true, c.stop()
	}
	var last prazo.Date
	for _, n := range p.Notices {
		if n.ReceivedOn.After(last) {
			last = n.ReceivedOn
		}
	}
	d := byEmail
	if d == nil || last != today {
		var err error
		if d, err = computeDeadline(ctx, prazo.Defense.Request(last)); err != nil {
			return false, err
		}
	}
	if err := c.setStatus(ctx, StatusAwaitingDefense); err != nil {
		return false, err
	}
	if err := notify(ctx, c.in.NA, letter{act: "processo-instaurado", kind: "processo_instaurado",
		data: activities.MailData{Prazo: "Prazo do fornecedor para a defesa: " + d.result.Sentence}}, c.toConsumer()); err != nil {
		return false, err
	}
	_, lapsed, err := c.runComputedDeadline(ctx, d, func() bool { return c.interrupted() || p.undefended() == 0 })
	if err != nil {
		return false, err
	}
	if err := c.recordDefenses(ctx); err != nil {
		return false, err
	}
	if c.interrupted() {
		return true, c.stop()
	}
	if lapsed {
		return false, c.record(ctx, EventDefenseLapsed, "sistema", "defesa-vencida", activities.EventData{
			SemDefesa: p.undefended(), Vencimento: d.result.Due.String(), Fonte: srcDefenseLapsed})
	}
	return false, nil
}

// issueNotice renders one defense notification, kept with the case: e-mailed with its
// due date when the supplier has an address, or left for staff to deliver.
func (c *complaint) issueNotice(ctx workflow.Context, n *DefenseNotice, due activities.Deadline) error {
	n.issued = true
	var id string
	if err := workflow.ExecuteActivity(ctx, c.acts.SendDefenseNotice, activities.DefenseNotice{
		NA: c.in.NA, Party: activities.CIPParty{Doc: n.SupplierDoc, Name: n.SupplierName, Email: n.Email},
		Origin: originWords[c.state.Process.Origin], IssuedOn: prazo.CivilDate(workflow.Now(ctx)), Due: due,
	}).Get(ctx, &id); err != nil {
		return err
	}
	if n.Email == "" {
		return c.record(ctx, EventDefenseNoticeAwaitingDelivery, "sistema", "notificacao-defesa-entrega/"+n.SupplierDoc, activities.EventData{
			Fornecedor: n.SupplierName, Fonte: srcDefenseByHand, Motivo: "fornecedor sem e-mail cadastrado"})
	}
	return c.record(ctx, EventDefenseNoticeSent, "sistema", "notificacao-defesa/"+n.SupplierDoc, activities.EventData{
		Fornecedor: n.SupplierName, Meio: MeansEmail, IDMensagem: id, Vencimento: due.Due.String(),
		Regra: due.Sentence, Fonte: srcDefense})
}

// recordDefenses puts each defense that arrived on the timeline, once.
func (c *complaint) recordDefenses(ctx workflow.Context) error {
	for i := range c.state.Process.Notices {
		n := &c.state.Process.Notices[i]
		if n.recorded || n.DefendedOn.IsZero() {
			continue
		}
		n.recorded = true
		if err := c.record(ctx, EventDefenseReceived, "fornecedor", "defesa/"+n.SupplierDoc, activities.EventData{
			Fornecedor: n.SupplierName, MensagemRecebida: n.DefenseInbound, RecebidoEm: n.DefendedOn.String(), Fonte: srcDefense}); err != nil {
			return err
		}
	}
	return nil
}

// undelivered counts the notifications not yet received by their supplier.
func (p *Process) undelivered() int {
	k := 0
	for _, n := range p.Notices {
		if n.ReceivedOn.IsZero() {
			k++
		}
	}
	return k
}

// undefended counts the suppliers with no defense yet.
func (p *Process) undefended() int {
	k := 0
	for _, n := range p.Notices {
		if n.DefendedOn.IsZero() {
			k++
		}
	}
	return k
}

// parties are the process's suppliers, with their addresses on record.
func (p *Process) parties() []activities.CIPParty {
	out := make([]activities.CIPParty, len(p.Notices))
	for i, n := range p.Notices {
		out[i] = activities.CIPParty{Doc: n.SupplierDoc, Name: n.SupplierName, Email: n.Email}
	}
	return out
}

// notice finds a supplier's notification by CPF/CNPJ or by its address on record.
func (p *Process) notice(doc, email string) *DefenseNotice {
	for i := range p.Notices {
		n := &p.Notices[i]
		if doc != "" && n.SupplierDoc == doc || email != "" && strings.EqualFold(n.Email, email) {
			return n
		}
	}
	return nil
}

// judgmentQueue keeps the case in the Diretoria Jurídica's queue (004 §8.8, §8.16):
// there a hearing may be held (004 §5, §8.17), the suppliers notified (004 §8.9) and a
// TAC offered (004 §12), each returning the case to the queue, until the judgment, the
// gathering into a collective process (004 §8.4) or the end of the case.
func (c *complaint) judgmentQueue(ctx workflow.Context) (phase, error) {
	p := c.state.Process
	for entry := 1; ; entry++ {
		if p.Collective != "" {
			return phaseCollective, nil
		}
		status := StatusAwaitingJudgment
		if p.ReasonedDecision {
			status = StatusAwaitingReasonedDecision
		}
		if err := c.setStatus(ctx, status); err != nil {
			return 0, err
		}
		if err := c.record(ctx, EventJudgmentQueue, "sistema", "fila-julgamento/"+strconv.Itoa(entry), activities.EventData{
			Fonte: srcJudgmentQueue, Alerta: "diretor_juridico", DecisaoFundamentada: new(p.ReasonedDecision)}); err != nil {
			return 0, err
		}
		hearings, notices := c.hearing.count, len(p.DIJURNotices)
		if err := workflow.Await(ctx, func() bool {
			return c.interrupted() || c.hearing.count != hearings || len(p.DIJURNotices) != notices || p.Collective != "" ||
				c.judgment.decision != nil || c.tac.offer != nil
		}); err != nil {
			return 0, err
		}
		var ended bool
		var err error
		switch {
		case c.judgment.decision != nil:
			return phaseJudgment, nil
		case c.interrupted():
			return phaseClosed, c.stop()
		case p.Collective != "":
			continue
		case c.tac.offer != nil:
			ended, err = c.runTAC(ctx)
			c.tac.offer = nil
		case c.hearing.count != hearings:
			ended, err = c.holdHearing(ctx)
		default:
			ended, err = c.dijurNotice(ctx)
		}
		if err != nil || ended {
			return phaseClosed, err
		}
	}
}

// dijurNotice e-mails the Diretoria Jurídica's last notification to the suppliers and
// runs its deadline until one answers or it lapses (004 §8.9). It reports whether the
// case ended.
func (c *complaint) dijurNotice(ctx workflow.Context) (bool, error) {
	p := c.state.Process
	k := len(p.DIJURNotices)
	n := &p.DIJURNotices[k-1]
	d, err := computeDeadline(ctx, prazo.DIJURNotice(n.Days).Request(prazo.CivilDate(workflow.Now(ctx))))
	if err != nil {
		return false, err
	}
	if err := c.setStatus(ctx, StatusAwaitingNoticeAnswer); err != nil {
		return false, err
	}
	if err := notify(ctx, c.in.NA, letter{act: "notificacao-dijur/" + strconv.Itoa(k), kind: "notificacao_dijur",
		data: activities.MailData{Texto: n.Text, Prazo: d.result.Sentence}}, supplierParties(p.parties())...); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventDIJURNoticeSent, n.By, "notificacao-dijur/"+strconv.Itoa(k), activities.EventData{
		Texto: n.Text, Vencimento: d.result.Due.String(), Regra: d.result.Sentence, Fonte: srcDIJURNotice}); err != nil {
		return false, err
	}
	_, lapsed, err := c.runComputedDeadline(ctx, d, func() bool { return c.interrupted() || !n.AnsweredOn.IsZero() })
	if err != nil {
		return false, err
	}
	if c.interrupted() {
		return true, c.stop()
	}
	if lapsed {
		return false, c.record(ctx, EventDIJURNoticeLapsed, "sistema", "notificacao-dijur-vencida/"+strconv.Itoa(k), activities.EventData{
			Vencimento: d.result.Due.String(), Fonte: srcDIJURNotice})
	}
	return false, c.record(ctx, EventDIJURNoticeAnswered, "fornecedor", "notificacao-dijur-resposta/"+strconv.Itoa(k), activities.EventData{
		RespondidaEm: n.AnsweredOn.String(), Fonte: srcDIJURNotice})
}
