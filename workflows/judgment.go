package workflows

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/petition"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/taxid"
	"github.com/procon-es/procon/internal/workflowid"
)

// Judge is the Diretoria Jurídica's first-instance decision (004 §8.8–8.10, §8.18;
// 003): resultado procedente (multa_vrte and/or sancoes), improcedente or extinto, with
// its fundamentação in motivo; fornecedor names the supplier fined when there are several.
type Judge struct {
	Outcome   string          `json:"resultado" rotulo:"o resultado" obrigatorio:"sim" valores:"procedente|improcedente|extinto"`
	Reason    string          `json:"motivo" rotulo:"a fundamentação da decisão (item 8.10)" obrigatorio:"sim"`
	FineVRTE  decimal.Decimal `json:"multa_vrte,omitzero" rotulo:"a multa em VRTE (200 a 3.000.000)"`
	Sanctions []string        `json:"sancoes,omitempty" rotulo:"as sanções do art. 56 da Lei 8.078/1990" valores:"II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"`
	Supplier  string          `json:"fornecedor,omitempty" rotulo:"o CPF/CNPJ do fornecedor multado (o primeiro, se vazio)"`
}

// normalize keeps the CPF/CNPJ's digits.
func (b *Judge) normalize() { b.Supplier = taxid.Clean(b.Supplier) }

// Judgment results (003).
const (
	JudgmentUpheld    = "procedente"
	JudgmentDismissed = "improcedente"
	JudgmentExtinct   = "extinto"
)

// Timeline events of the judgment.
const (
	// EventJudged: the first-instance decision was issued and notified (004 §8.10).
	EventJudged = "julgado_primeira_instancia"
	// EventProcessClosed: the process ended after its judgment (the fine paid, archived
	// at the second instance, inscribed in Dívida Ativa, or no fine to collect).
	EventProcessClosed = "processo_encerrado"
)

// Sanctions are the other sanctions of art. 56 of Lei 8.078/1990 (II–XII), by inciso.
var Sanctions = []string{"II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// openJudgment: the process in the Diretoria Jurídica's queue, not judged yet.
func (c *complaint) openJudgment(workflow.Context) error {
	switch {
	case c.judgment.decision != nil:
		return notAllowed("O processo já foi julgado em primeira instância.")
	case c.state.Process == nil || !c.inJudgmentQueue():
		return notAllowed("O processo não está na fila de julgamento da Diretoria Jurídica (itens 8.8 e 8.16).")
	}
	return nil
}

// checkJudgmentOfCase checks the decision, and that the supplier fined is a party.
func checkJudgmentOfCase(c *complaint, _ workflow.Context, b *Judge) error {
	if b.Supplier != "" && c.state.Process.notice(b.Supplier, "") == nil {
		return invalidDecision("O fornecedor " + b.Supplier + " não é parte deste processo.")
	}
	return checkJudgment(b)
}

// checkJudgment checks what a first-instance decision says, whatever process it judges.
func checkJudgment(b *Judge) error {
	switch {
	case b.Outcome != JudgmentUpheld && (!b.FineVRTE.IsZero() || len(b.Sanctions) > 0):
		return invalidDecision("Só a decisão procedente aplica multa ou sanções.")
	case b.Outcome == JudgmentUpheld && b.FineVRTE.IsZero() && len(b.Sanctions) == 0:
		return invalidDecision("A decisão procedente aplica multa (multa_vrte) e/ou sanções do art. 56 da Lei 8.078/1990 (sancoes).")
	case !b.FineVRTE.IsZero() && (b.FineVRTE.LessThan(MinFineVRTE) || b.FineVRTE.GreaterThan(MaxFineVRTE)):
		return invalidDecision("A multa vai de 200 a 3.000.000 VRTE (item 8.20; art. 57, parágrafo único, da Lei 8.078/1990).")
	}
	return nil
}

// applyJudgment takes the decision; the main flow issues it.
func applyJudgment(c *complaint, _ workflow.Context, d Decision, b *Judge) error {
	c.judgment.decision, c.judgment.by = b, d.By
	return nil
}

// judgmentState is the state of the judgment and of the fine it may impose.
type judgmentState struct {
	// decision is the Diretoria Jurídica's first-instance decision, by whom.
	decision *Judge
	by       string
	// debtor is the supplier a fine is imposed on.
	debtor activities.CIPParty
}

// judge issues the first-instance decision to the suppliers, kept with the case
// (004 §8.10). A fine goes on to its own workflow (collectFine); improcedente, extinto
// or sanctions without a fine archive the case.
func (c *complaint) judge(ctx workflow.Context) (phase, error) {
	j, suppliers := c.judgment.decision, c.state.Process.parties()
	var docID int64
	if err := workflow.ExecuteActivity(ctx, c.acts.IssueJudgment, activities.JudgmentRecord{
		NA: c.in.NA, Outcome: j.Outcome, FineVRTE: j.FineVRTE, Sanctions: j.Sanctions, Reason: j.Reason, By: c.judgment.by,
		On: prazo.CivilDate(workflow.Now(ctx)), Suppliers: suppliers,
	}).Get(ctx, &docID); err != nil {
		return 0, err
	}
	judged := activities.EventData{Resultado: j.Outcome, Fundamentacao: j.Reason, DocumentoID: docID, Sancoes: j.Sanctions, Fonte: srcJudged}
	if j.FineVRTE.IsPositive() {
		judged.MultaVRTE = j.FineVRTE.String()
	}
	if err := c.record(ctx, EventJudged, c.judgment.by, "julgamento", judged); err != nil {
		return 0, err
	}
	if j.Outcome != JudgmentUpheld {
		return phaseClosed, c.end(StatusArchived, EventProcessClosed, srcNotUpheld,
			"processo julgado "+j.Outcome+" pela Diretoria Jurídica: "+j.Reason)
	}
	if !j.FineVRTE.IsPositive() {
		return phaseClosed, c.end(StatusArchived, EventProcessClosed, srcNoFine,
			"processo julgado procedente, com as sanções do art. 56 da Lei 8.078/1990, incisos "+strings.Join(j.Sanctions, ", "))
	}
	c.judgment.debtor = suppliers[0]
	if j.Supplier != "" {
		c.judgment.debtor = suppliers[slices.IndexFunc(suppliers, func(s activities.CIPParty) bool { return s.Doc == j.Supplier })]
	}
	return phaseFine, nil
}

// collectFine runs the fine as a child workflow (Fine) until it is paid, archived at
// the second instance or inscribed in Dívida Ativa; the case ends with it.
func (c *complaint) collectFine(ctx workflow.Context) (phase, error) {
	if err := c.setStatus(ctx, StatusFineNotified); err != nil { // the fine's workflow keeps the case row from here
		return 0, err
	}
	c.fining = true
	j := c.judgment.decision
	var outcome string
	if err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{
		WorkflowID: workflowid.Fine(c.in.NA),
	}), Fine, FineInput{NA: c.in.NA, Suppliers: []activities.CIPParty{c.judgment.debtor}, VRTE: j.FineVRTE, By: c.judgment.by}).Get(ctx, &outcome); err != nil {
		return 0, err
	}
	c.fining = false
	return phaseClosed, c.closeAfterFine(outcome)
}

// closeAfterFine ends the case with its fine's outcome.
func (c *complaint) closeAfterFine(outcome string) error {
	switch outcome {
	case outcomeDebtInscribed:
		return c.end(StatusDebtInscribed, EventProcessClosed, srcDebtInscribed,
			"a multa definitiva não foi paga no prazo e foi inscrita em Dívida Ativa")
	case outcomeCancelled:
		return c.end(StatusArchived, EventProcessClosed, srcCourtOrder, "a multa foi cancelada por decisão judicial")
	case outcomeArchivedAppeal:
		return c.end(StatusArchived, EventProcessClosed, srcAppealArchived, "o Diretor Presidente arquivou o processo em segunda instância")
	}
	return c.end(StatusArchived, EventProcessClosed, srcPayment, "a multa foi paga")
}

// forwardToFine hands a supplier's petition on the fine (appeal, waiver, installments) to
// the fine's workflow. It reports whether it did.
func (c *complaint) forwardToFine(ctx workflow.Context, p Petition) bool {
	if !c.fining || (p.Kind != petition.KindAppeal && p.Kind != petition.KindWaiver && p.Kind != petition.KindInstallment) {
		return false
	}
	if err := workflow.SignalExternalWorkflow(ctx, workflowid.Fine(c.in.NA), "", SignalPetition, p).Get(ctx, nil); err != nil {
		workflow.GetLogger(ctx).Error("petition not forwarded to the fine", "inbound_id", p.InboundID, "error", err)
	}
	return true
}
