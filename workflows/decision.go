package workflows

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
)

// UpdateDecide is the Update by which staff (atendente, gerente de atendimento) take a
// decision on a case in its preliminary phase (004 §4). The validator refuses a decision
// the case's state does not allow, so a refused decision leaves no trace in the history;
// an accepted one is recorded on the timeline with who took it, and answers the state.
const UpdateDecide = "decidir"

// Decision kinds, the "tipo" of a Decision.
const (
	// DecisionSendCIP: register the atendimento and send a CIP to each supplier (004 §4.1,
	// §4.2.1).
	DecisionSendCIP = "enviar_cip"
	// DecisionPhoneContact: a phone contact with the supplier was tried: resolved →
	// archived; not resolved → the CIPs go out (product §3).
	DecisionPhoneContact = "contato_telefonico"
	// DecisionIncompetence: not a consumer relation; the agency declares itself
	// incompetent, archives and tells the consumer why (004 §4.3.8).
	DecisionIncompetence = "incompetencia"
	// DecisionCancel: the atendimento is cancelled for missing documents, with the list
	// (004 §3.3.1.5).
	DecisionCancel = "cancelamento"
	// DecisionCIPDelivered: a CIP without an e-mail address was delivered by hand or by
	// registered letter on the date given; its 20 days run from it (004 §4.2.1 II–III).
	DecisionCIPDelivered = "entrega_cip"
	// DecisionUnsatisfactory: staff judge the supplier's answer unsatisfactory; the case
	// goes to the "CIP vencida/insatisfatória" queue (004 §4.3.5).
	DecisionUnsatisfactory = "resposta_insatisfatoria"
	// DecisionInfraction: staff mark evidence of an infraction: a lapsed return window
	// sends the case to the staff queue instead of archiving it (004 §4.3.7, §4.4.1 II).
	DecisionInfraction = "indicio_infracao"
	// DecisionConsumerReturn: the consumer came back through staff (004 §4.3.7); with
	// aceita true they accept the answer, with false they ask for the conversion (§4.3.6).
	DecisionConsumerReturn = "retorno_consumidor"
	// DecisionConvert: staff convert the CIP into a reclamação (004 §4.3.5, §7.2 II).
	DecisionConvert = "converter_reclamacao"
	// DecisionArchive: staff archive the case from the queue, with a reason.
	DecisionArchive = "arquivar"
	// DecisionConfirmPetition: staff confirm a petition that awaited confirmation of its
	// sender (peticao): it acts as if its party had sent it, on the day it arrived; a CIP
	// answer stops its clock on that day (004 §4.3.1, issue 14).
	DecisionConfirmPetition = "confirmar_peticao"
	// DecisionDiscardPetition: staff discard such a petition (peticao, motivo): it stays
	// on the timeline and changes nothing.
	DecisionDiscardPetition = "descartar_peticao"
)

// Decision kinds of the processo administrativo (004 §5–§8); see process_decision.go.
const (
	// DecisionDirectComplaint: register the atendimento as a reclamação and open the
	// processo administrativo at once, without a CIP (004 §7.2 I).
	DecisionDirectComplaint = "reclamacao_direta"
	// DecisionNoticeDelivered: a defense notification was delivered by hand or registered
	// letter on the date given (fornecedor, meio, recebida_em).
	DecisionNoticeDelivered = "entrega_notificacao"
	// DecisionDefense: staff record a supplier's defense that came by other means
	// (fornecedor, recebida_em) (004 §8.15).
	DecisionDefense = "defesa_recebida"
	// DecisionHearing: schedule (or reschedule) an autocomposição hearing: metodo,
	// data_hora, local (004 §5.2–5.4).
	DecisionHearing = "agendar_audiencia"
	// DecisionHearingOutcome: the hearing's outcome for the Termo de Audiência: resultado,
	// termos, and data_cumprimento for an agreement (004 §5.6–5.7, §5.12).
	DecisionHearingOutcome = "resultado_audiencia"
	// DecisionBreach: staff record the consumer's report of a breach of the agreement
	// (004 §5.11).
	DecisionBreach = "descumprimento_acordo"
	// DecisionClassify: the Gerente de Atendimento classifies the reclamação for the
	// Cadastro: classificacao and assunto (004 §6.8).
	DecisionClassify = "classificar"
	// DecisionDIJURNotice: the Diretoria Jurídica notifies the suppliers before judging:
	// texto and prazo_dias (004 §8.9).
	DecisionDIJURNotice = "notificacao_dijur"
	// DecisionSubject: staff assign the subject code of the reclamação, by which
	// continued practices are found (004 §8.2, §8.5).
	DecisionSubject = "definir_assunto"
	// DecisionNoticeAnswer: staff record the suppliers' answer to the Diretoria
	// Jurídica's notification that came by other means (004 §8.9).
	DecisionNoticeAnswer = "resposta_notificacao"
)

// Roles a decision may require; the API sets Decision.Role from the staff's token.
const (
	RoleGerenteAtendimento = "gerente_atendimento"
	RoleDiretorJuridico    = "diretor_juridico"
)

// CIP delivery means (004 §4.2.1).
const (
	MeansEmail      = "email"
	MeansInPerson   = "pessoal"
	MeansRegistered = "carta_registrada"
)

// Decision is the argument of UpdateDecide. Only the fields of its kind are read.
type Decision struct {
	Kind string `json:"tipo"`
	// By names the staff member who decided, for the timeline (set by the API).
	By string `json:"por"`
	// Reason explains incompetence, an unsatisfactory answer, an infraction, a
	// conversion or an archiving.
	Reason string `json:"motivo,omitempty"`
	// Resolved is the outcome of a phone contact.
	Resolved *bool `json:"resolvido,omitempty"`
	// MissingDocuments lists what a cancellation lacks.
	MissingDocuments []string `json:"documentos_faltantes,omitempty"`
	// CIP, Means and ReceivedOn record a delivery by hand or registered letter.
	CIP        string     `json:"cip,omitempty"`
	Means      string     `json:"meio,omitempty"`
	ReceivedOn prazo.Date `json:"recebida_em,omitempty"`
	// Accepts is the consumer's choice on coming back: accept (true) or convert (false).
	Accepts *bool `json:"aceita,omitempty"`
	// Role is the role of who decided (set by the API), for the decisions only one role
	// takes.
	Role string `json:"papel,omitempty"`
	// Supplier names a supplier by CPF/CNPJ (a notification delivered, a defense).
	Supplier string `json:"fornecedor,omitempty"`
	// Method, At and Place schedule a hearing.
	Method string    `json:"metodo,omitempty"`
	At     time.Time `json:"data_hora,omitzero"`
	Place  string    `json:"local,omitempty"`
	// Outcome, Terms and ComplianceDate record a hearing's outcome.
	Outcome        string     `json:"resultado,omitempty"`
	Terms          string     `json:"termos,omitempty"`
	ComplianceDate prazo.Date `json:"data_cumprimento,omitzero"`
	// Classification and Subject classify the reclamação for the Cadastro.
	Classification string `json:"classificacao,omitempty"`
	Subject        string `json:"assunto,omitempty"`
	// OpenProcess is the Diretor Presidente's decision after the ex-officio notification.
	OpenProcess *bool `json:"abrir_processo,omitempty"`
	// FineVRTE and Sanctions are the penalties of a judgment (004 §8.20–8.21).
	FineVRTE  decimal.Decimal `json:"multa_vrte,omitzero"`
	Sanctions []string        `json:"sancoes,omitempty"`
	// Micro and SmallQuantity attest the TAC's criteria of 004 §12.3 III–IV.
	Micro         *bool `json:"microempresa,omitempty"`
	SmallQuantity *bool `json:"pequena_quantidade,omitempty"`
	// Installments is the number of monthly installments of a plan (004 §15.7).
	Installments int `json:"parcelas,omitempty"`
	// Petition is the stored message of a petition awaiting confirmation of its sender.
	Petition int64 `json:"peticao,omitempty"`
	// Text and Days are the Diretoria Jurídica's notification and its period.
	Text string `json:"texto,omitempty"`
	Days int    `json:"prazo_dias,omitempty"`
}

// Error types of UpdateDecide, stable for the API to map to its codes.
const (
	// ErrDecisionNotAllowed: the case's state does not allow the decision (409).
	ErrDecisionNotAllowed = "decisao_nao_permitida"
	// ErrInvalidDecision: the decision lacks what its kind needs (422).
	ErrInvalidDecision = "decisao_invalida"
	// ErrIdentificationPending: the consumer has not confirmed the request yet; no CIP
	// goes out in their name before (004 Annex IX VI) (409).
	ErrIdentificationPending = "identificacao_pendente"
)

// EventDecision: staff took a decision (payload: tipo, por and its fields).
const EventDecision = "decisao"

func notAllowed(msg string) error {
	return temporal.NewApplicationError(msg, ErrDecisionNotAllowed)
}

func invalidDecision(msg string) error {
	return temporal.NewApplicationError(msg, ErrInvalidDecision)
}

// validateDecision refuses what the case's state does not allow, in Portuguese.
func (c *complaint) validateDecision(ctx workflow.Context, d Decision) error {
	if strings.TrimSpace(d.By) == "" {
		return invalidDecision("Decisão sem o servidor responsável.")
	}
	if c.state.Status == StatusArchived || c.state.Status == StatusCancelled {
		return notAllowed("O atendimento está encerrado: não cabe mais decisão.")
	}
	switch d.Kind {
	case DecisionSendCIP, DecisionPhoneContact, DecisionIncompetence, DecisionCancel, DecisionDirectComplaint:
		return c.validateRegistration(d)
	case DecisionPresidency:
		if err := c.validatePresidency(d); err != nil {
			return err
		}
	case DecisionJudgment:
		return c.validateJudgment(d)
	case DecisionTACOffer, DecisionTACSigned, DecisionTACNotSigned, DecisionTACVerified:
		return c.validateTAC(ctx, d)
	case DecisionNoticeDelivered, DecisionDefense, DecisionHearing, DecisionHearingOutcome, DecisionBreach,
		DecisionClassify, DecisionDIJURNotice, DecisionNoticeAnswer, DecisionSubject:
		return c.validateProcessDecision(ctx, d)
	case DecisionCIPDelivered:
		return c.validateDelivery(ctx, d)
	case DecisionConfirmPetition, DecisionDiscardPetition:
		if c.pendingIndex(d.Petition) < 0 {
			return notAllowed("Não há petição " + strconv.FormatInt(d.Petition, 10) + " aguardando confirmação do remetente neste atendimento.")
		}
	case DecisionUnsatisfactory:
		if !c.awaitingReturn() && !(c.inCIPAnswers() && c.answeredCount() > 0) {
			return notAllowed("Não há resposta de fornecedor a julgar: a CIP não foi respondida ou a fase já passou.")
		}
	case DecisionInfraction:
		if c.state.Infraction {
			return notAllowed("O indício de infração já está registrado neste atendimento.")
		}
		if !c.inCIPAnswers() && !c.awaitingReturn() {
			return notAllowed("Indício de infração só se registra enquanto a CIP aguarda resposta ou retorno do consumidor.")
		}
	case DecisionConsumerReturn:
		switch {
		case c.state.Status == StatusCIPAnswered:
		case c.state.Status == StatusConsumerReturned && d.Accepts != nil:
		default:
			return notAllowed("O retorno do consumidor só se registra depois de uma resposta no prazo à CIP (item 4.3.7).")
		}
	case DecisionConvert:
		if c.state.Status != StatusCIPReview {
			return notAllowed("A conversão em reclamação cabe a um atendimento na fila \"CIP vencida/insatisfatória\" (item 4.3.5).")
		}
	case DecisionArchive:
		if c.state.Status != StatusCIPReview && c.state.Status != StatusConsumerReturned {
			return notAllowed("Arquivar com motivo cabe a um atendimento na fila \"CIP vencida/insatisfatória\" ou após o retorno do consumidor.")
		}
	default:
		return invalidDecision("Tipo de decisão desconhecido: use enviar_cip, contato_telefonico, incompetencia, cancelamento, " +
			"reclamacao_direta, entrega_cip, resposta_insatisfatoria, indicio_infracao, retorno_consumidor, converter_reclamacao, " +
			"arquivar, confirmar_peticao, descartar_peticao, entrega_notificacao, defesa_recebida, agendar_audiencia, resultado_audiencia, descumprimento_acordo, " +
			"classificar, definir_assunto, notificacao_dijur, resposta_notificacao, decisao_presidencia, julgar, propor_tac, tac_assinado, tac_nao_assinado ou tac_verificado.")
	}
	needsReason := map[string]bool{DecisionIncompetence: true, DecisionUnsatisfactory: true, DecisionInfraction: true,
		DecisionConvert: true, DecisionArchive: true, DecisionPresidency: true, DecisionDiscardPetition: true}
	if needsReason[d.Kind] && strings.TrimSpace(d.Reason) == "" {
		return invalidDecision("Informe o motivo da decisão.")
	}
	return nil
}

// validateRegistration checks the decisions that register the atendimento.
func (c *complaint) validateRegistration(d Decision) error {
	if c.reg.decision != nil || c.state.Status != StatusAwaitingRegistration {
		return notAllowed("O atendimento já foi registrado: a decisão de registro já foi tomada.")
	}
	switch d.Kind {
	case DecisionSendCIP, DecisionPhoneContact, DecisionDirectComplaint:
		if c.state.Identification != IdentificationConfirmed {
			return temporal.NewApplicationError("O consumidor ainda não confirmou o pedido (identificação positiva, Anexo IX, VI): "+
				"nenhuma CIP sai em seu nome antes disso.", ErrIdentificationPending)
		}
		if d.Kind == DecisionPhoneContact && d.Resolved == nil {
			return invalidDecision("Informe o resultado do contato telefônico: resolvido verdadeiro ou falso.")
		}
	case DecisionCancel:
		if len(d.MissingDocuments) == 0 {
			return invalidDecision("Informe a lista de documentos faltantes.")
		}
	}
	return nil
}

// validateDelivery checks a delivery by hand or registered letter (004 §4.2.1 II–III):
// of a CIP that awaits it, on a day not in the future. A past day is accepted as it is:
// staff record deliveries made outside the system (a letter handed over during an
// outage, an AR returned weeks later), and a deadline already over lapses at once.
func (c *complaint) validateDelivery(ctx workflow.Context, d Decision) error {
	i := c.cipIndex(d.CIP)
	switch {
	case i < 0:
		return notAllowed("Não há CIP " + d.CIP + " neste atendimento.")
	case c.state.CIPs[i].Status != CIPAwaitingDelivery:
		return notAllowed("A CIP " + d.CIP + " não aguarda entrega: já foi recebida pelo fornecedor.")
	case d.Means != MeansInPerson && d.Means != MeansRegistered:
		return invalidDecision("Meio de entrega inválido: use pessoal (protocolo de recebimento) ou carta_registrada (AR).")
	case !d.ReceivedOn.Valid():
		return invalidDecision("Informe a data de recebimento (recebida_em, AAAA-MM-DD).")
	case d.ReceivedOn.After(prazo.CivilDate(workflow.Now(ctx))):
		return invalidDecision("A data de recebimento não pode ser futura.")
	}
	return nil
}

// decide records an accepted decision on the timeline, then applies it; the main flow
// acts on it. It answers the case's state.
func (c *complaint) decide(ctx workflow.Context, d Decision) (ComplaintState, error) {
	ctx = withActivityOptions(ctx)
	payload := map[string]any{"tipo": d.Kind}
	if d.Reason != "" {
		payload["motivo"] = d.Reason
	}
	if d.CIP != "" {
		payload["cip"], payload["meio"] = d.CIP, d.Means
	}
	if d.Resolved != nil {
		payload["resolvido"] = *d.Resolved
	}
	if d.Accepts != nil {
		payload["aceita"] = *d.Accepts
	}
	if d.OpenProcess != nil {
		payload["abrir_processo"] = *d.OpenProcess
	}
	if !d.FineVRTE.IsZero() {
		payload["multa_vrte"] = d.FineVRTE.String()
	}
	if len(d.Sanctions) > 0 {
		payload["sancoes"] = d.Sanctions
	}
	if len(d.MissingDocuments) > 0 {
		payload["documentos_faltantes"] = d.MissingDocuments
	}
	if d.ReceivedOn.Valid() {
		payload["recebida_em"] = d.ReceivedOn.String()
	}
	addProcessFields(payload, d)
	c.decisions++
	e := activities.CaseEvent{Kind: EventDecision, Actor: d.By, Key: "decisao/" + strconv.Itoa(c.decisions), Payload: payload}
	if d.Kind == DecisionConfirmPetition || d.Kind == DecisionDiscardPetition {
		payload["peticao"] = d.Petition
		e.Review = &activities.PetitionReview{InboundID: d.Petition, Settled: d.Kind, By: d.By}
	}
	if err := c.noteEvent(ctx, e); err != nil {
		return c.state, err
	}
	switch d.Kind {
	case DecisionSendCIP, DecisionPhoneContact, DecisionIncompetence, DecisionCancel, DecisionDirectComplaint:
		c.reg.decision = &d
	case DecisionCIPDelivered:
		cp := &c.state.CIPs[c.cipIndex(d.CIP)]
		cp.Means, cp.ReceivedOn, cp.Status = d.Means, d.ReceivedOn, CIPAwaitingAnswer
		c.prelim.deliveries++
	case DecisionUnsatisfactory:
		c.state.ReviewReason = "resposta insatisfatória: " + d.Reason
	case DecisionInfraction:
		c.state.Infraction = true
	case DecisionConsumerReturn:
		c.state.ConsumerReturned = true
		if d.Accepts != nil {
			c.prelim.accepted, c.prelim.conversionAsked = *d.Accepts, !*d.Accepts
		}
	case DecisionConvert:
		c.prelim.convertBy = &d
	case DecisionArchive:
		c.prelim.archiveBy = &d
	case DecisionConfirmPetition, DecisionDiscardPetition:
		c.settlePetition(ctx, d)
	case DecisionPresidency:
		c.oficio.presidency = &d
	case DecisionJudgment:
		c.judgment.decision = &d
	case DecisionTACOffer, DecisionTACSigned, DecisionTACNotSigned, DecisionTACVerified:
		c.applyTAC(d)
	default:
		if err := c.applyProcessDecision(ctx, d); err != nil {
			return c.state, err
		}
	}
	return c.state, nil
}
