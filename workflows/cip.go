package workflows

import (
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// States of one CIP.
const (
	CIPAwaitingDelivery = "aguardando_entrega"
	CIPAwaitingAnswer   = "aguardando_resposta"
	CIPAnswered         = "respondida"
	CIPExpired          = "vencida"
)

// How a CIP, a notification or a decision reached its supplier (004 §4.2.1).
const (
	MeansEmail      = "email"
	MeansInPerson   = "pessoal"
	MeansRegistered = "carta_registrada"
)

// CIP is one Carta de Informação Preliminar of a case, one per supplier (004 §4).
type CIP struct {
	Number       string `json:"numero"`
	SupplierDoc  string `json:"fornecedor_cpf_cnpj"`
	SupplierName string `json:"fornecedor"`
	// Email is the supplier's registered CIP address; "" → by hand or registered letter.
	Email string `json:"email,omitempty"`
	// Means is how it reached the supplier (email, pessoal, carta_registrada).
	Means    string     `json:"meio,omitempty"`
	IssuedOn prazo.Date `json:"expedida_em"`
	// ReceivedOn is when the supplier received it; its 20 days run from it (004 §4.3.1).
	ReceivedOn prazo.Date `json:"recebida_em,omitzero"`
	Due        prazo.Date `json:"vencimento,omitzero"`
	Status     string     `json:"situacao"`
	// AnswerInbound is the stored message of the answer; AnsweredOn its day.
	AnswerInbound int64      `json:"resposta_inbound_id,omitempty"`
	AnsweredOn    prazo.Date `json:"respondida_em,omitzero"`
	// started: its deadline was computed and the consumer given the declaração;
	// told: the consumer was told of its answer.
	started, told bool
	// suspensions declared on its deadline (004 §13.4), kept across its waits.
	suspensions []prazo.Suspension
}

// issueCIPs issues one CIP per supplier: e-mailed at once to those with a registered
// address (004 §4.2.1 I); the others wait for staff to deliver them (§4.2.1 II–III).
func (c *complaint) issueCIPs(ctx workflow.Context) error {
	var parties []activities.CIPParty
	if err := workflow.ExecuteActivity(ctx, c.acts.CIPParties, c.in.NA).Get(ctx, &parties); err != nil {
		return err
	}
	today := prazo.CivilDate(workflow.Now(ctx))
	for _, p := range parties {
		c.state.CIPs = append(c.state.CIPs, CIP{Number: p.Number, SupplierDoc: p.Doc, SupplierName: p.Name,
			Email: p.Email, IssuedOn: today, Status: CIPAwaitingDelivery})
	}
	status := StatusCIPAwaitingAnswer
	for i := range c.state.CIPs {
		cp := &c.state.CIPs[i]
		if cp.Email != "" {
			cp.Means, cp.ReceivedOn, cp.Status = MeansEmail, today, CIPAwaitingAnswer
		} else {
			status = StatusCIPAwaitingDelivery
		}
	}
	if err := c.setStatus(ctx, status); err != nil {
		return err
	}
	for i := range c.state.CIPs {
		cp := &c.state.CIPs[i]
		if cp.Email != "" {
			continue
		}
		if err := c.record(ctx, EventCIPAwaitingDelivery, "sistema", "cip-entrega/"+cp.Number, activities.EventData{
			Numero: cp.Number, Fornecedor: cp.SupplierName, Fonte: srcCIPByHand,
			Motivo: "fornecedor sem e-mail cadastrado para receber CIP (item 4.2.2)",
		}); err != nil {
			return err
		}
	}
	return c.startDelivered(ctx)
}

// startDelivered starts each CIP that reached its supplier and was not started yet: its
// due date computed, the letter e-mailed when that is the means, the timeline, and the
// consumer's declaração de expedição (004 §4.1.7).
func (c *complaint) startDelivered(ctx workflow.Context) error {
	for i := range c.state.CIPs {
		cp := &c.state.CIPs[i]
		if cp.started || cp.ReceivedOn.IsZero() {
			continue
		}
		d, err := computeDeadline(ctx, prazo.CIPAnswer.Request(cp.ReceivedOn))
		if err != nil {
			return err
		}
		cp.Due, cp.started = d.result.Due, true
		data := activities.EventData{Numero: cp.Number, Fornecedor: cp.SupplierName, Meio: cp.Means,
			RecebidoEm: cp.ReceivedOn.String(), Vencimento: cp.Due.String(), Regra: d.result.Sentence, Fonte: srcCIPSent}
		if cp.Means == MeansEmail {
			if err := workflow.ExecuteActivity(ctx, c.acts.SendCIP, activities.CIPLetter{
				NA: c.in.NA, IssuedOn: cp.IssuedOn, Due: d.result,
				Party: activities.CIPParty{Number: cp.Number, Doc: cp.SupplierDoc, Name: cp.SupplierName, Email: cp.Email},
			}).Get(ctx, &data.IDMensagem); err != nil {
				return err
			}
		}
		if err := c.record(ctx, EventCIPSent, "sistema", "cip/"+cp.Number, data); err != nil {
			return err
		}
		if err := notify(ctx, c.in.NA, letter{act: "declaracao-expedicao/" + cp.Number, kind: "declaracao_expedicao_cip",
			data: activities.MailData{Numero: cp.Number, Fornecedor: cp.SupplierName, Meio: meansInWords[cp.Means],
				RecebidoEm: cp.ReceivedOn.FormatBR(), Prazo: d.result.Sentence, Retorno: cp.Due.AddDays(1).FormatBR()},
		}, c.toConsumer()); err != nil {
			return err
		}
	}
	return nil
}

// meansInWords says how a CIP was delivered, for the consumer.
var meansInWords = map[string]string{
	MeansEmail: "e-mail cadastrado pelo fornecedor", MeansInPerson: "entrega pessoal, com protocolo de recebimento",
	MeansRegistered: "carta registrada com aviso de recebimento",
}

// awaitAnswers runs the CIPs' 20-day deadlines (004 §4.3.1), the earliest first, until
// each is answered or lapsed, or staff judge an answer unsatisfactory. A lapse sends the
// case to the staff queue (004 §4.3.5). It reports whether the case ended.
func (c *complaint) awaitAnswers(ctx workflow.Context) (bool, error) {
	for {
		if c.closing() {
			return true, c.closeOnRequest()
		}
		if err := c.startDelivered(ctx); err != nil {
			return false, err
		}
		if err := c.tellAnswers(ctx); err != nil {
			return false, err
		}
		if c.state.ReviewReason != "" {
			return false, nil
		}
		status := StatusCIPAwaitingAnswer
		if c.cipsIn(CIPAwaitingDelivery) > 0 {
			status = StatusCIPAwaitingDelivery
		}
		if err := c.setStatus(ctx, status); err != nil {
			return false, err
		}
		deliveries, answers := c.prelim.deliveries, c.prelim.answers
		woken := func() bool {
			return c.closing() || c.state.ReviewReason != "" || c.prelim.deliveries != deliveries || c.prelim.answers != answers
		}
		i := c.nextDue()
		if i < 0 {
			if c.cipsIn(CIPAwaitingDelivery) == 0 {
				break
			}
			if err := workflow.Await(ctx, woken); err != nil {
				return false, err
			}
			continue
		}
		cp := &c.state.CIPs[i]
		req := prazo.CIPAnswer.Request(cp.ReceivedOn)
		req.Suspensions = cp.suspensions
		d, lapsed, err := c.runDeadline(ctx, req, woken)
		if err != nil {
			return false, err
		}
		cp.Due, cp.suspensions = d.result.Due, d.req.Suspensions
		if lapsed && c.answerPending(cp.Number, cp.Due) {
			// An answer that arrived in time from an unconfirmed sender: the clock ran,
			// and staff decide whether it stopped it (confirmed: on its arrival day).
			if err := workflow.Await(ctx, func() bool { return c.closing() || !c.answerPending(cp.Number, cp.Due) }); err != nil {
				return false, err
			}
			lapsed = cp.Status == CIPAwaitingAnswer
		}
		if lapsed {
			cp.Status = CIPExpired
			if err := c.record(ctx, EventCIPExpired, "sistema", "cip-vencida/"+cp.Number, activities.EventData{
				Numero: cp.Number, Fornecedor: cp.SupplierName, Vencimento: cp.Due.String(), Fonte: srcCIPLapsed,
			}); err != nil {
				return false, err
			}
		}
	}
	if n := c.cipsIn(CIPExpired); n > 0 {
		c.state.ReviewReason = "CIP sem resposta no prazo de 20 dias corridos (item 4.3.1)"
	}
	return false, nil
}

// nextDue is the CIP awaiting its answer that was received first (and so lapses
// first), -1 when none.
func (c *complaint) nextDue() int {
	next := -1
	for i, cp := range c.state.CIPs {
		if cp.Status == CIPAwaitingAnswer && (next < 0 || cp.ReceivedOn.Before(c.state.CIPs[next].ReceivedOn)) {
			next = i
		}
	}
	return next
}

// cipsIn counts the CIPs in a state.
func (c *complaint) cipsIn(status string) int {
	n := 0
	for _, cp := range c.state.CIPs {
		if cp.Status == status {
			n++
		}
	}
	return n
}

// answeredCount counts the CIPs with an answer.
func (c *complaint) answeredCount() int { return c.cipsIn(CIPAnswered) }

// cipIndex finds a CIP of the case by number, -1 when none.
func (c *complaint) cipIndex(number string) int {
	for i, cp := range c.state.CIPs {
		if strings.EqualFold(cp.Number, number) {
			return i
		}
	}
	return -1
}

// inCIPAnswers reports whether the CIPs wait for delivery or answers.
func (c *complaint) inCIPAnswers() bool {
	return c.state.Status == StatusCIPAwaitingAnswer || c.state.Status == StatusCIPAwaitingDelivery
}

// awaitingReturn reports whether the consumer's return is awaited or just happened.
func (c *complaint) awaitingReturn() bool {
	return c.state.Status == StatusCIPAnswered || c.state.Status == StatusConsumerReturned
}

// answer takes a supplier's answer to one of the case's CIPs (routed and checked by the
// protocol, 004 §4.3.4): in time, it stops that CIP's clock; after its lapse it is kept
// as late. Answers to an unknown CIP stay a petition for staff.
func (c *complaint) answer(ctx workflow.Context, p Petition) {
	i := c.cipIndex(p.CIP)
	if i < 0 {
		return
	}
	cp, day := &c.state.CIPs[i], p.arrivedOn(ctx)
	if cp.Status != CIPAwaitingAnswer && cp.Status != CIPAwaitingDelivery {
		if cp.Status == CIPExpired && cp.AnswerInbound == 0 {
			cp.AnswerInbound, cp.AnsweredOn = p.InboundID, day
			c.prelim.answers++ // recorded as late by tellAnswers
		}
		return
	}
	if cp.Status == CIPAwaitingDelivery { // it did reach the supplier, and is answered: no deadline to start
		cp.Means, cp.ReceivedOn, cp.started = MeansInPerson, day, true
	}
	cp.Status, cp.AnswerInbound, cp.AnsweredOn = CIPAnswered, p.InboundID, day
	c.prelim.answers++
}

// tellAnswers records each answer that arrived and tells the consumer (product §3).
func (c *complaint) tellAnswers(ctx workflow.Context) error {
	for i := range c.state.CIPs {
		cp := &c.state.CIPs[i]
		if cp.told || cp.AnswerInbound == 0 {
			continue
		}
		cp.told = true
		inTime := cp.Status == CIPAnswered
		if err := c.record(ctx, EventCIPAnswered, "fornecedor", "cip-resposta/"+cp.Number, activities.EventData{
			Numero: cp.Number, Fornecedor: cp.SupplierName, MensagemRecebida: cp.AnswerInbound,
			RespondidaEm: cp.AnsweredOn.String(), NoPrazo: new(inTime), Fonte: srcCIPAnswered,
		}); err != nil {
			return err
		}
		if err := notify(ctx, c.in.NA, letter{act: "resposta-cip/" + cp.Number, kind: "resposta_cip_recebida",
			data: activities.MailData{Numero: cp.Number, Fornecedor: cp.SupplierName, RecebidoEm: cp.AnsweredOn.FormatBR(), NoPrazo: inTime},
		}, c.toConsumer()); err != nil {
			return err
		}
	}
	return nil
}
