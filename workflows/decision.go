package workflows

import (
	"encoding/json"
	"errors"
	"strconv"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/workflowid"
)

// decisionTable declares every decision taken on a case, in the order of the lifecycle.
// Each kind's body, its check and what it does live in its phase's file (the file
// named in the comment).
var decisionTable = []decisionKind[*complaint]{
	// registration_decisions.go
	declare("enviar_cip", "Registrar e enviar a CIP", "004 §4.1, §4.2.1", caseStaff,
		(*complaint).openConfirmedRegistration, nil, applyRegistration[SendCIP]),
	declare("contato_telefonico", "Registrar o contato telefônico com o fornecedor", "product §3", caseStaff,
		(*complaint).openConfirmedRegistration, nil, applyRegistration[PhoneContact]),
	declare("reclamacao_direta", "Registrar como reclamação e instaurar o processo", "004 §7.2, I", caseStaff,
		(*complaint).openConfirmedRegistration, nil, applyRegistration[DirectComplaint]),
	declare("incompetencia", "Declarar incompetência e arquivar", "004 §4.3.8", caseStaff,
		(*complaint).openRegistration, nil, applyRegistration[Incompetence]),
	declare("cancelamento", "Cancelar por documentos faltantes", "004 §3.3.1.5", caseStaff,
		(*complaint).openRegistration, checkCancel, applyRegistration[Cancel]),
	// preliminary_decisions.go
	declare("entrega_cip", "Registrar a entrega da CIP em mãos ou por carta", "004 §4.2.1, II–III", caseStaff,
		(*complaint).openCIPDelivery, checkCIPDelivered, applyCIPDelivered).withChoices((*complaint).cipChoices),
	declare("resposta_insatisfatoria", "Julgar a resposta do fornecedor insatisfatória", "004 §4.3.5", caseStaff,
		(*complaint).openAnswerJudgment, nil, applyUnsatisfactory),
	declare("indicio_infracao", "Registrar indício de infração", "004 §4.3.7, §4.4.1, II", caseStaff,
		(*complaint).openInfraction, nil, applyInfraction),
	declare("retorno_consumidor", "Registrar o retorno do consumidor", "004 §4.3.6, §4.3.7", caseStaff,
		(*complaint).openConsumerReturn, checkConsumerReturn, applyConsumerReturn),
	declare("converter_reclamacao", "Converter a CIP em reclamação", "004 §4.3.5, §7.2, II", caseStaff,
		(*complaint).openConversion, nil, applyConvert),
	declare("arquivar", "Arquivar com motivo", "004 §4.3.5, §4.4.1", caseStaff,
		(*complaint).openArchive, nil, applyArchive),
	// petition_decisions.go
	declare("confirmar_peticao", "Confirmar a petição de remetente não confirmado", "004 §14; issue 14", caseStaff,
		(*complaint).openPetitionReview, checkConfirmPetition, applyConfirmPetition).withChoices((*complaint).petitionChoices),
	declare("descartar_peticao", "Descartar a petição de remetente não confirmado", "004 §14; issue 14", caseStaff,
		(*complaint).openPetitionReview, checkDiscardPetition, applyDiscardPetition).withChoices((*complaint).petitionChoices),
	// process_decisions.go
	declare("entrega_notificacao", "Registrar a entrega da notificação de defesa", "004 §4.2.1, II–III; §8.15", caseStaff,
		(*complaint).openNoticeDelivery, checkNoticeDelivered, applyNoticeDelivered).withChoices((*complaint).undeliveredChoices),
	declare("defesa_recebida", "Registrar defesa recebida por outro meio", "004 §8.15", caseStaff,
		(*complaint).openDefense, checkDefense, applyDefense).withChoices((*complaint).undefendedChoices),
	declare("agendar_audiencia", "Designar audiência de autocomposição", "004 §5.1–5.4, §8.17", caseStaff,
		(*complaint).openHearing, checkHearing, applyHearing),
	declare("resultado_audiencia", "Registrar o resultado da audiência", "004 §5.6, §5.7, §5.12", caseStaff,
		(*complaint).openHearingOutcome, checkHearingOutcome, applyHearingOutcome),
	declare("descumprimento_acordo", "Registrar descumprimento do acordo", "004 §5.11", caseStaff,
		(*complaint).openBreach, nil, applyBreach),
	declare("classificar", "Classificar a reclamação para o Cadastro", "004 §6.7, §6.8; 003", []string{RoleGerenteAtendimento},
		(*complaint).openClassification, checkClassify, applyClassify),
	declare("definir_assunto", "Definir o assunto da reclamação", "004 §8.2, §8.5", caseStaff,
		(*complaint).openProcess, checkSubject, applySubject),
	declare("notificacao_dijur", "Notificar os fornecedores antes de julgar", "004 §8.9", []string{RoleDiretorJuridico},
		(*complaint).openDIJURNotice, checkDIJURNotice, applyDIJURNotice),
	declare("resposta_notificacao", "Registrar resposta à notificação da Diretoria Jurídica", "004 §8.9", caseStaff,
		(*complaint).openNoticeAnswer, nil, applyNoticeAnswer),
	// tac.go
	declare("propor_tac", "Propor Termo de Ajustamento de Conduta", "004 §12.3, §12.5", []string{RoleDiretorJuridico},
		(*complaint).openTACOffer, checkTACOffer, applyTACOffer),
	declare("tac_assinado", "Registrar o TAC assinado", "004 §12.5, §12.7, §12.8", []string{RoleDiretorJuridico},
		(*complaint).openTACSignature, checkTACSigned, applyTACSigned),
	declare("tac_nao_assinado", "Registrar que o TAC não foi assinado", "004 §12.5", []string{RoleDiretorJuridico},
		(*complaint).openTACSignature, nil, applyTACNotSigned),
	declare("tac_verificado", "Registrar a verificação do TAC", "004 §12.6, §12.8", []string{RoleDiretorJuridico},
		(*complaint).openTACVerification, nil, applyTACVerified),
	// exofficio.go
	declare("decisao_presidencia", "Decidir após a notificação de ofício", "004 §8.14, §8.15", []string{RoleDiretorPresidente},
		(*complaint).openPresidency, nil, applyPresidency),
	// judgment.go
	declare("julgar", "Julgar em primeira instância", "004 §8.8–8.10, §8.18, §8.20; 003", []string{RoleDiretorJuridico},
		(*complaint).openJudgment, checkJudgmentOfCase, applyJudgment),
}

// validateDecision is the validator of UpdateDecide: the case must be open, and the
// kind's own validation must pass; a kind of the fine needs a fine being collected.
func (c *complaint) validateDecision(ctx workflow.Context, d Decision) error {
	if c.state.Status == StatusArchived || c.state.Status == StatusCancelled {
		return notAllowed("O atendimento está encerrado: não cabe mais decisão.")
	}
	if k, ok := find(decisionTable, d.Kind); ok {
		return k.validate(c, ctx, d)
	}
	if k, ok := find(fineDecisionTable, d.Kind); ok {
		return c.validateFineDecision(k, d)
	}
	return invalidDecision("Tipo de decisão desconhecido: use " + listWords(DecisionKinds()) + ".")
}

// decide records an accepted decision on the timeline, then applies it; the main flow
// acts on it. A decision on the fine goes to the fine's workflow. It answers the state.
func (c *complaint) decide(ctx workflow.Context, d Decision) (DecisionResult, error) {
	ctx = withActivityOptions(ctx)
	k, ok := find(decisionTable, d.Kind)
	if !ok {
		return c.forwardToFineWorkflow(ctx, d)
	}
	body, err := DecodeDecisionBody(d.Kind, d.Body)
	if err != nil {
		return DecisionResult{}, err
	}
	c.decisions++
	e := activities.CaseEvent{Kind: EventDecision, Actor: d.By, Key: "decisao/" + strconv.Itoa(c.decisions), Payload: decisionData(d.Kind, body)}
	if r, ok := body.(interface {
		review(by string) *activities.PetitionReview
	}); ok {
		e.Review = r.review(d.By)
	}
	if err := c.noteEvent(ctx, e); err != nil {
		return DecisionResult{Case: &c.state}, err
	}
	if err := k.apply(c, ctx, d, body); err != nil {
		return DecisionResult{Case: &c.state}, err
	}
	return DecisionResult{Case: &c.state}, nil
}

// decisionData is what the timeline says of a decision: its kind and its fields.
//
//workflowcheck:ignore (encoding/json and reflect: deterministic on the same input)
func decisionData(kind string, body any) activities.EventData {
	fields, _ := json.Marshal(body) // a body decoded from JSON encodes again
	return activities.EventData{Tipo: kind, Campos: fields}
}

// DecisionMenu answers QueryDecisions on a case: the decisions a role may take on it
// now; while a fine is collected, Fine names its workflow, whose QueryDecisions lists
// the decisions on the fine (taken through the case all the same).
type DecisionMenu struct {
	Options []DecisionOption `json:"decisoes"`
	Fine    string           `json:"multa,omitempty"`
}

// listDecisions answers QueryDecisions.
func (c *complaint) listDecisions(ctx workflow.Context, role string) (DecisionMenu, error) {
	menu := DecisionMenu{Options: []DecisionOption{}}
	if c.state.Status == StatusArchived || c.state.Status == StatusCancelled || c.state.Status == StatusDebtInscribed {
		return menu, nil
	}
	menu.Options = append(menu.Options, options(decisionTable, c, ctx, role)...)
	if c.fining {
		menu.Fine = workflowid.Fine(c.in.NA)
	}
	return menu, nil
}

// validateFineDecision checks a decision on the fine before it is forwarded: the role,
// and a fine being collected; the fine's workflow checks the rest.
func (c *complaint) validateFineDecision(k decisionKind[*fine], d Decision) error {
	if !c.fining {
		return notAllowedAs(ErrNoFine, "O caso não tem multa em cobrança.")
	}
	if _, err := DecodeDecisionBody(d.Kind, d.Body); err != nil {
		return invalidDecision(errorMessage(err))
	}
	return k.allows(d.Role)
}

// forwardToFineWorkflow hands a decision on the fine to the fine's workflow (an Update
// sent by the ForwardFineDecision activity, under this Update's ID so a retry applies it
// once) and answers the fine's state, or its refusal.
func (c *complaint) forwardToFineWorkflow(ctx workflow.Context, d Decision) (DecisionResult, error) {
	var state FineState
	err := workflow.ExecuteActivity(ctx, c.acts.ForwardFineDecision, activities.FineDecision{
		WorkflowID: workflowid.Fine(c.in.NA), UpdateID: "caso/" + workflow.GetCurrentUpdateInfo(ctx).ID, Update: UpdateDecide, Decision: d,
	}).Get(ctx, &state)
	var app *temporal.ApplicationError
	if errors.As(err, &app) { // the fine's refusal, as the fine said it
		return DecisionResult{}, temporal.NewApplicationError(app.Message(), app.Type())
	}
	if err != nil {
		return DecisionResult{}, err
	}
	return DecisionResult{Fine: &state}, nil
}
