package workflows

import (
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/internal/prazo"
)

// The decisions of the preliminary phase (004 §4): the CIPs' delivery by hand, the
// staff's judgment of the answers, and the queue "CIP vencida/insatisfatória".

// CIPDelivered records that a CIP without an e-mail address was delivered by hand or by
// registered letter on the day given; its 20 days run from it (004 §4.2.1 II–III).
type CIPDelivered struct {
	CIP        string     `json:"cip" rotulo:"o número da CIP" obrigatorio:"sim"`
	Means      string     `json:"meio" rotulo:"o meio de entrega" obrigatorio:"sim" valores:"pessoal|carta_registrada"`
	ReceivedOn prazo.Date `json:"recebida_em,omitzero" rotulo:"a data de recebimento (AAAA-MM-DD)" obrigatorio:"sim"`
	// Tracking is the registered letter's tracking code (the AR's), kept on the timeline
	// as the proof of the receipt day.
	Tracking string `json:"codigo_rastreio,omitempty" rotulo:"o código de rastreio do AR (carta registrada)"`
}

// normalize writes the CIP's number as the system does.
func (b *CIPDelivered) normalize() { b.CIP = strings.ToUpper(b.CIP) }

// Unsatisfactory judges the supplier's answer unsatisfactory: the case goes to the
// "CIP vencida/insatisfatória" queue (004 §4.3.5).
type Unsatisfactory struct {
	Reason string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// Infraction marks evidence of an infraction: a lapsed return window then sends the
// case to the staff queue instead of archiving it (004 §4.3.7, §4.4.1 II).
type Infraction struct {
	Reason string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// ConsumerReturn records that the consumer came back through staff (004 §4.3.7); with
// aceita true they accept the answer, with false they ask for the conversion (§4.3.6).
type ConsumerReturn struct {
	Accepts *bool `json:"aceita,omitempty" rotulo:"se o consumidor aceita a resposta (falso: pede a conversão)"`
}

// Convert converts the CIP into a reclamação (004 §4.3.5, §7.2 II).
type Convert struct {
	Reason string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// Archive archives the case from the queue, or after the consumer's return, with a reason.
type Archive struct {
	Reason string `json:"motivo" rotulo:"o motivo" obrigatorio:"sim"`
}

// openCIPDelivery: a CIP of the case awaits its delivery by hand or letter.
func (c *complaint) openCIPDelivery(workflow.Context) error {
	if c.cipsIn(CIPAwaitingDelivery) == 0 {
		return notAllowed("Nenhuma CIP deste atendimento aguarda entrega em mãos ou por carta.")
	}
	return nil
}

// cipChoices are the CIPs awaiting delivery.
func (c *complaint) cipChoices() map[string][]string {
	var numbers []string
	for _, cp := range c.state.CIPs {
		if cp.Status == CIPAwaitingDelivery {
			numbers = append(numbers, cp.Number)
		}
	}
	return map[string][]string{"cip": numbers}
}

// checkCIPDelivered checks a delivery: of a CIP that awaits it, on a day not in the
// future. A past day is accepted as it is: staff record deliveries made outside the
// system (a letter handed over during an outage, an AR returned weeks later), and a
// deadline already over lapses at once.
func checkCIPDelivered(c *complaint, ctx workflow.Context, b *CIPDelivered) error {
	i := c.cipIndex(b.CIP)
	switch {
	case i < 0:
		return notAllowed("Não há CIP " + b.CIP + " neste atendimento.")
	case c.state.CIPs[i].Status != CIPAwaitingDelivery:
		return notAllowed("A CIP " + b.CIP + " não aguarda entrega: já foi recebida pelo fornecedor.")
	case b.ReceivedOn.After(prazo.CivilDate(workflow.Now(ctx))):
		return invalidDecision("A data de recebimento não pode ser futura.")
	}
	return nil
}

// applyCIPDelivered starts the CIP's 20 days from its receipt (the main flow does).
func applyCIPDelivered(c *complaint, _ workflow.Context, _ Decision, b *CIPDelivered) error {
	cp := &c.state.CIPs[c.cipIndex(b.CIP)]
	cp.Means, cp.ReceivedOn, cp.Status = b.Means, b.ReceivedOn, CIPAwaitingAnswer
	c.prelim.deliveries++
	return nil
}

// openAnswerJudgment: an answer to judge, received in time (the return awaited) or while
// other CIPs still wait.
func (c *complaint) openAnswerJudgment(workflow.Context) error {
	if !c.awaitingReturn() && !(c.inCIPAnswers() && c.answeredCount() > 0) {
		return notAllowed("Não há resposta de fornecedor a julgar: a CIP não foi respondida ou a fase já passou.")
	}
	return nil
}

// applyUnsatisfactory sends the case to the queue (the main flow does).
func applyUnsatisfactory(c *complaint, _ workflow.Context, _ Decision, b *Unsatisfactory) error {
	c.state.ReviewReason = "resposta insatisfatória: " + b.Reason
	return nil
}

// openInfraction: once, while the CIP awaits its answer or the consumer's return.
func (c *complaint) openInfraction(workflow.Context) error {
	switch {
	case c.state.Infraction:
		return notAllowed("O indício de infração já está registrado neste atendimento.")
	case !c.inCIPAnswers() && !c.awaitingReturn():
		return notAllowed("Indício de infração só se registra enquanto a CIP aguarda resposta ou retorno do consumidor.")
	}
	return nil
}

// applyInfraction marks the case.
func applyInfraction(c *complaint, _ workflow.Context, _ Decision, _ *Infraction) error {
	c.state.Infraction = true
	return nil
}

// openConsumerReturn: after a timely answer (004 §4.3.7), or to give the choice of a
// consumer who came back.
func (c *complaint) openConsumerReturn(workflow.Context) error {
	return c.requireStatus("O retorno do consumidor só se registra depois de uma resposta no prazo à CIP (item 4.3.7).", StatusCIPAnswered, StatusConsumerReturned)
}

// checkConsumerReturn: a consumer who came back already gives their choice now.
func checkConsumerReturn(c *complaint, _ workflow.Context, b *ConsumerReturn) error {
	if c.state.Status == StatusConsumerReturned && b.Accepts == nil {
		return notAllowed("O consumidor já retornou: informe se aceita a resposta (aceita verdadeiro ou falso).")
	}
	return nil
}

// applyConsumerReturn records the return and the choice.
func applyConsumerReturn(c *complaint, _ workflow.Context, _ Decision, b *ConsumerReturn) error {
	c.state.ConsumerReturned = true
	if b.Accepts != nil {
		c.prelim.accepted, c.prelim.conversionAsked = *b.Accepts, !*b.Accepts
	}
	return nil
}

// openConversion: the case is in the "CIP vencida/insatisfatória" queue (004 §4.3.5).
func (c *complaint) openConversion(workflow.Context) error {
	return c.requireStatus("A conversão em reclamação cabe a um atendimento na fila \"CIP vencida/insatisfatória\" (item 4.3.5).", StatusCIPReview)
}

// applyConvert converts (the main flow does).
func applyConvert(c *complaint, _ workflow.Context, d Decision, b *Convert) error {
	c.prelim.convertBy = &staffReason{by: d.By, reason: b.Reason}
	return nil
}

// openArchive: from the queue, or after the consumer's return.
func (c *complaint) openArchive(workflow.Context) error {
	return c.requireStatus("Arquivar com motivo cabe a um atendimento na fila \"CIP vencida/insatisfatória\" ou após o retorno do consumidor.", StatusCIPReview, StatusConsumerReturned)
}

// applyArchive archives (the main flow does).
func applyArchive(c *complaint, _ workflow.Context, d Decision, b *Archive) error {
	c.prelim.archiveBy = &staffReason{by: d.By, reason: b.Reason}
	return nil
}
