package workflows

import (
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// Case statuses of the preliminary phase (004 §4).
const (
	// StatusCIPAwaitingDelivery: a CIP waits for staff to record its delivery by hand or
	// registered letter (004 §4.2.1 II–III).
	StatusCIPAwaitingDelivery = "cip_aguardando_entrega"
	// StatusCIPAwaitingAnswer: the suppliers' 20 days to answer run (004 §4.3.1).
	StatusCIPAwaitingAnswer = "cip_aguardando_resposta"
	// StatusCIPAnswered: every CIP was answered in time; the consumer's 90 days to come
	// back run (004 §4.3.7).
	StatusCIPAnswered = "cip_respondida"
	// StatusConsumerReturned: the consumer came back and has yet to accept the answer or
	// ask for the conversion (004 §4.3.6–4.3.7).
	StatusConsumerReturned = "cip_consumidor_retornou"
	// StatusCIPReview: the "CIP vencida/insatisfatória" staff queue: no answer in time, an
	// unsatisfactory answer, or no return with evidence of an infraction; staff convert
	// or archive (004 §4.3.5, §4.3.7).
	StatusCIPReview = "cip_vencida_insatisfatoria"
	// StatusConverted: converted into a reclamação; the preliminary phase is over and the
	// processo administrativo (004 §5–§8) continues from here.
	StatusConverted = "convertido_em_reclamacao"
)

// Timeline events of the preliminary phase.
const (
	// EventArchivedIncompetence: not a consumer relation (004 §4.3.8).
	EventArchivedIncompetence = "arquivado_incompetencia"
	// EventCancelledMissingDocuments: cancelled by staff for missing documents (004 §3.3.1.5).
	EventCancelledMissingDocuments = "cancelado_documentos_faltantes"
	// EventResolvedByPhone: resolved by a phone contact, archived.
	EventResolvedByPhone = "resolvido_contato_telefonico"
	// EventCIPAwaitingDelivery: a CIP was issued for a supplier without a registered
	// e-mail; staff deliver it (004 §4.2.1 II–III).
	EventCIPAwaitingDelivery = "cip_aguardando_entrega"
	// EventCIPSent: a CIP reached its supplier: e-mailed, or its delivery recorded.
	EventCIPSent = "cip_expedida"
	// EventCIPAnswered: a supplier answered a CIP (payload: numero, no_prazo, inbound_id).
	EventCIPAnswered = "cip_respondida"
	// EventCIPExpired: a CIP's 20 days lapsed without an answer (004 §4.3.1, §4.3.5).
	EventCIPExpired = "cip_vencida"
	// EventCIPReview: the case entered the "CIP vencida/insatisfatória" queue.
	EventCIPReview = "fila_cip_vencida_insatisfatoria"
	// EventConsumerReturned: the consumer came back after the answer (004 §4.3.7).
	EventConsumerReturned = "retorno_consumidor"
	// EventResolved: the consumer accepted the answer; archived as resolved.
	EventResolved = "arquivado_resolvido"
	// EventArchivedNoInterest: 90 days without the consumer's return: "baixa por ausência
	// de interesse" (004 §4.3.7, §4.4.1 II).
	EventArchivedNoInterest = "baixa_ausencia_interesse"
	// EventArchivedByStaff: archived from the queue, with the staff's reason.
	EventArchivedByStaff = "arquivado_decisao"
	// EventConverted: converted into a reclamação (004 §4.3.5–4.3.6, §7.2 II).
	EventConverted = "convertido_em_reclamacao"
)

// preliminaryState is the state of the preliminary phase (004 §4).
type preliminaryState struct {
	// deliveries and answers count the CIP deliveries recorded by staff and the CIP
	// answers, so waits can tell something happened.
	deliveries, answers int
	// accepted and conversionAsked are the consumer's choice after the CIP answer
	// (004 §4.3.6–4.3.7); convertBy and archiveBy the staff's decision from the queue.
	accepted, conversionAsked bool
	convertBy, archiveBy      *staffReason
}

// staffReason is who took a decision, and why.
type staffReason struct {
	by, reason string
}

// preliminary runs the preliminary phase after the registration (004 §4): the staff's
// decision, then the CIPs, their answers and the consumer's return, to the conversion
// into a reclamação (the processo administrativo) or the end of the case.
func (c *complaint) preliminary(ctx workflow.Context) (phase, error) {
	if err := workflow.Await(ctx, func() bool { return c.reg.body != nil || c.closing() }); err != nil {
		return 0, err
	}
	if c.closing() {
		return phaseClosed, c.closeOnRequest()
	}
	switch d := c.reg.body.(type) {
	case *Incompetence:
		return phaseClosed, c.end(StatusArchived, EventArchivedIncompetence, srcIncompetence,
			"o fato relatado não configura relação de consumo e o PROCON/ES não é competente para tratá-lo (item 4.3.8): "+d.Reason)
	case *Cancel:
		return phaseClosed, c.end(StatusCancelled, EventCancelledMissingDocuments, srcMissingDocuments,
			"faltam documentos obrigatórios (item 3.3.1.5): "+strings.Join(d.MissingDocuments, "; "))
	case *PhoneContact:
		if *d.Resolved {
			return phaseClosed, c.end(StatusArchived, EventResolvedByPhone, srcResolvedByPhone,
				"a reclamação foi resolvida por contato telefônico com o fornecedor")
		}
	case *DirectComplaint:
		c.proc.origin = OriginComplaint
		return phaseProcess, nil
	}
	if err := c.issueCIPs(ctx); err != nil {
		return 0, err
	}
	if ended, err := c.awaitAnswers(ctx); err != nil || ended {
		return phaseClosed, err
	}
	if c.state.ReviewReason == "" {
		if ended, err := c.awaitReturn(ctx); err != nil || ended {
			return phaseClosed, err
		}
	}
	if c.state.ReviewReason != "" {
		if ended, err := c.review(ctx); err != nil || ended {
			return phaseClosed, err
		}
	}
	return phaseProcess, c.convert(ctx)
}

// awaitReturn runs the consumer's 90 days to come back after timely answers, counted
// from the last one (004 §4.3.7), and what the consumer then says: accept (archived as
// resolved) or ask for the conversion (§4.3.6). No return archives the case for lack of
// interest and tells both parties, unless staff marked evidence of an infraction: then
// it goes to the staff queue (§4.4.1 II). It reports whether the case ended.
func (c *complaint) awaitReturn(ctx workflow.Context) (bool, error) {
	var last prazo.Date
	for _, cp := range c.state.CIPs {
		if cp.AnsweredOn.After(last) {
			last = cp.AnsweredOn
		}
	}
	if err := c.setStatus(ctx, StatusCIPAnswered); err != nil {
		return false, err
	}
	decided := func() bool {
		return c.prelim.accepted || c.prelim.conversionAsked || c.state.ReviewReason != "" || c.closing()
	}
	returned := func() bool { return c.state.ConsumerReturned || decided() }
	d, err := computeDeadline(ctx, prazo.ConsumerReturn.Request(last))
	if err != nil {
		return false, err
	}
	if err := notify(ctx, c.in.NA, letter{act: "prazo-retorno", kind: "prazo_retorno_consumidor",
		data: activities.MailData{Prazo: d.result.Sentence}}, c.toConsumer()); err != nil {
		return false, err
	}
	_, lapsed, err := c.runDeadline(ctx, prazo.ConsumerReturn.Request(last), returned)
	if err != nil {
		return false, err
	}
	switch {
	case c.closing():
		return true, c.closeOnRequest()
	case lapsed && c.state.Infraction:
		c.state.ReviewReason = "o consumidor não retornou em 90 dias, mas há indício de infração (itens 4.3.7 e 4.4.1, II)"
		return false, nil
	case lapsed:
		return true, c.archiveNoInterest(ctx)
	}
	if c.state.ConsumerReturned && !decided() {
		if err := c.setStatus(ctx, StatusConsumerReturned); err != nil {
			return false, err
		}
		if err := c.record(ctx, EventConsumerReturned, "consumidor", "retorno", activities.EventData{Fonte: srcConsumerReturned}); err != nil {
			return false, err
		}
		if err := workflow.Await(ctx, func() bool { return decided() || c.prelim.archiveBy != nil }); err != nil {
			return false, err
		}
	}
	switch {
	case c.closing():
		return true, c.closeOnRequest()
	case c.prelim.accepted:
		return true, c.end(StatusArchived, EventResolved, srcConsumerReturned,
			"o consumidor aceitou a resposta do fornecedor à CIP; atendimento resolvido")
	case c.prelim.archiveBy != nil:
		return true, c.end(StatusArchived, EventArchivedByStaff, srcArchivedByStaff, c.prelim.archiveBy.reason)
	}
	return false, nil // conversion asked, or an answer judged unsatisfactory
}

// archiveNoInterest closes the case when the consumer did not come back within 90 days
// ("baixa por ausência de interesse", 004 §4.3.7, §4.4.1 II) and tells both parties.
func (c *complaint) archiveNoInterest(ctx workflow.Context) error {
	reason := "o consumidor não retornou em 90 dias corridos após a resposta do fornecedor: baixa por ausência de interesse (itens 4.3.7 e 4.4.1, II)"
	for _, cp := range c.state.CIPs {
		if err := notify(ctx, c.in.NA, letter{act: "cip-baixa/" + cp.Number, kind: "cip_baixa_fornecedor",
			data: activities.MailData{Numero: cp.Number, Motivo: reason}}, cp.party()); err != nil {
			return err
		}
	}
	return c.end(StatusArchived, EventArchivedNoInterest, srcNoInterest, reason)
}

// review puts the case in the "CIP vencida/insatisfatória" queue until staff convert or
// archive it, or the consumer asks for the conversion or withdraws. It reports whether
// the case ended.
func (c *complaint) review(ctx workflow.Context) (bool, error) {
	if err := c.setStatus(ctx, StatusCIPReview); err != nil {
		return false, err
	}
	if err := c.record(ctx, EventCIPReview, "sistema", "fila-cip-vencida", activities.EventData{
		Motivo: c.state.ReviewReason, Fonte: srcCIPReview, Alerta: "atendente"}); err != nil {
		return false, err
	}
	decided := func() bool {
		return c.prelim.convertBy != nil || c.prelim.archiveBy != nil || c.prelim.conversionAsked || c.closing()
	}
	for !decided() { // late answers still reach the timeline and the consumer
		if err := c.tellAnswers(ctx); err != nil {
			return false, err
		}
		answers := c.prelim.answers
		if err := workflow.Await(ctx, func() bool { return decided() || c.prelim.answers != answers }); err != nil {
			return false, err
		}
	}
	switch {
	case c.closing():
		return true, c.closeOnRequest()
	case c.prelim.archiveBy != nil:
		return true, c.end(StatusArchived, EventArchivedByStaff, srcCIPReview, c.prelim.archiveBy.reason)
	}
	return false, nil
}

// convert converts the CIP into a reclamação (004 §4.3.5–4.3.6, §7.2 II): the end of the
// preliminary phase; the processo administrativo follows.
func (c *complaint) convert(ctx workflow.Context) error {
	by, reason := "consumidor", "a pedido do consumidor (item 4.3.6)"
	if c.prelim.convertBy != nil {
		by, reason = c.prelim.convertBy.by, c.prelim.convertBy.reason+" (itens 4.3.5 e 7.2, II)"
	}
	if err := c.setStatus(ctx, StatusConverted); err != nil {
		return err
	}
	if err := c.record(ctx, EventConverted, by, "conversao", activities.EventData{
		Motivo: reason, Fonte: srcConverted}); err != nil {
		return err
	}
	c.proc.origin = OriginCIP
	return notify(ctx, c.in.NA, letter{act: "conversao", kind: "convertido_reclamacao", data: activities.MailData{Motivo: reason}}, c.toConsumer())
}

// setStatus makes status the case's current one, in the state and the search attribute;
// the next recorded event carries it to the case row.
func (c *complaint) setStatus(ctx workflow.Context, status string) error {
	if c.state.Status == status {
		return nil
	}
	c.state.Status = status
	return workflow.UpsertTypedSearchAttributes(ctx, CaseStatusKey.ValueSet(status))
}
