package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/workflowid"
)

// Continued practice (004 §8.2–8.7): the Gerência de Atendimento gathers the
// reclamações against one supplier of one nature in a calendar year, from two or more
// consumers, into one collective process judged by the Diretoria Jurídica. Each grouped
// case waits on it.

// SignalGrouped tells a case it was gathered into a collective process.
const SignalGrouped = "agrupamento"

// StatusGrouped: the case waits on the collective process it was gathered into
// (004 §8.4).
const StatusGrouped = "agrupado_processo_coletivo"

// EventGrouped: the case was gathered into a collective process (004 §8.4–8.5).
const EventGrouped = "agrupado_processo_coletivo"

// QueryCollective is the query that returns a CollectiveInput with the collective's state.
const QueryCollective = "estado"

// Grouping is the payload of SignalGrouped.
type Grouping struct {
	// Number and WorkflowID name the collective process.
	Number     string `json:"numero"`
	WorkflowID string `json:"id_workflow"`
	By         string `json:"por"`
}

// CollectiveInput starts a collective process.
type CollectiveInput struct {
	Number       string `json:"numero"`
	SupplierDoc  string `json:"fornecedor_cpf_cnpj"`
	SupplierName string `json:"fornecedor"`
	Subject      string `json:"assunto"`
	Year         int    `json:"ano"`
	By           string `json:"por"`
	// Cases are the grouped reclamações, by NA and workflow ID.
	Cases []GroupedCase `json:"casos"`
}

// GroupedCase is one reclamação of a collective process.
type GroupedCase struct {
	NA         string `json:"na"`
	WorkflowID string `json:"id_workflow"`
}

// CollectiveProcess is a collective process of continued practice (004 §8.4–8.7): it
// tells each grouped case it now waits on it, then waits for the Diretoria Jurídica's
// judgment (UpdateDecide, julgar), which reaches each case (judgeCollective). Its
// workflow ID is derived from its number.
func CollectiveProcess(ctx workflow.Context, in CollectiveInput) error {
	if err := workflow.SetQueryHandler(ctx, QueryCollective, func() (CollectiveInput, error) { return in, nil }); err != nil {
		return err
	}
	self := workflow.GetInfo(ctx).WorkflowExecution.ID
	for _, c := range in.Cases {
		if err := workflow.SignalExternalWorkflow(ctx, c.WorkflowID, "", SignalGrouped, Grouping{
			Number: in.Number, WorkflowID: self, By: in.By,
		}).Get(ctx, nil); err != nil {
			workflow.GetLogger(ctx).Error("grouped case not told", "na", c.NA, "error", err)
		}
	}
	var judgment *Judge
	var by string
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateDecide, func(ctx workflow.Context, d Decision) (CollectiveInput, error) {
		b, err := DecodeDecisionBody(d.Kind, d.Body)
		if err != nil {
			return in, err
		}
		judgment, by = b.(*Judge), d.By
		return in, nil
	}, workflow.UpdateHandlerOptions{Validator: func(d Decision) error {
		return validateCollectiveJudgment(d, judgment != nil)
	}}); err != nil {
		return err
	}
	if err := workflow.Await(ctx, func() bool { return judgment != nil }); err != nil {
		return err
	}
	return judgeCollective(withActivityOptions(ctx), in, judgment, by)
}

// validateCollectiveJudgment checks the only decision a collective process takes: its
// judgment by the Diretoria Jurídica (004 §8.7, §8.8), once.
func validateCollectiveJudgment(d Decision, judged bool) error {
	k, _ := find(decisionTable, "julgar")
	if d.Kind != k.name {
		return invalidDecision("O processo coletivo recebe só o julgamento da Diretoria Jurídica (julgar, itens 8.7 e 8.8).")
	}
	if judged {
		return notAllowed("O processo coletivo já foi julgado.")
	}
	if err := k.allows(d.Role); err != nil {
		return err
	}
	b, err := k.readBody(d)
	if err != nil {
		return err
	}
	return checkJudgment(b.(*Judge))
}

// SignalCollectiveJudgment brings a collective process's judgment, then its end, to each
// of its cases.
const SignalCollectiveJudgment = "julgamento_coletivo"

// CollectiveJudgment is the payload of SignalCollectiveJudgment.
type CollectiveJudgment struct {
	Number  string `json:"numero"`
	Outcome string `json:"resultado"`
	Reason  string `json:"fundamentacao"`
	By      string `json:"por"`
	// Lead is the case whose timeline carries the fine (the first one, by NA); Fining is
	// set on it while the fine runs, and the signal comes again with Closed and the
	// fine's outcome when it ends.
	Lead        string `json:"caso_principal"`
	Fining      bool   `json:"multa_em_cobranca,omitempty"`
	Closed      bool   `json:"encerrado,omitempty"`
	FineOutcome string `json:"resultado_multa,omitempty"`
}

// judgeCollective issues the collective process's decision (004 §8.7–8.10): kept with each
// grouped case and e-mailed to the supplier once; every case receives it. A fine runs
// once, for the collective conduct, on the lead case's timeline; the lead case ends with
// it, the others at once.
func judgeCollective(ctx workflow.Context, in CollectiveInput, d *Judge, by string) error {
	var acts *activities.Activities
	var parties []activities.CIPParty
	lead := in.Cases[0]
	if err := workflow.ExecuteActivity(ctx, acts.CIPParties, lead.NA).Get(ctx, &parties); err != nil {
		return err
	}
	debtor := activities.CIPParty{Doc: in.SupplierDoc, Name: in.SupplierName}
	for _, p := range parties {
		if p.Doc == in.SupplierDoc {
			debtor = activities.CIPParty{Doc: p.Doc, Name: p.Name, Email: p.Email}
		}
	}
	on := prazo.CivilDate(workflow.Now(ctx))
	fining := d.Outcome == JudgmentUpheld && d.FineVRTE.IsPositive()
	for i, c := range in.Cases {
		j := activities.JudgmentRecord{NA: c.NA, Outcome: d.Outcome, FineVRTE: d.FineVRTE, Sanctions: d.Sanctions,
			Reason: "Processo coletivo " + in.Number + " (prática infrativa continuada, item 8.2): " + d.Reason, By: by, On: on}
		if i == 0 {
			j.Suppliers = []activities.CIPParty{debtor} // one e-mail for the collective conduct
		}
		if err := workflow.ExecuteActivity(ctx, acts.IssueJudgment, j).Get(ctx, nil); err != nil {
			return err
		}
		if err := workflow.SignalExternalWorkflow(ctx, c.WorkflowID, "", SignalCollectiveJudgment, CollectiveJudgment{
			Number: in.Number, Outcome: d.Outcome, Reason: d.Reason, By: by, Lead: lead.NA, Fining: fining && i == 0,
		}).Get(ctx, nil); err != nil {
			workflow.GetLogger(ctx).Error("grouped case not given the judgment", "na", c.NA, "error", err)
		}
	}
	if !fining {
		return nil
	}
	var outcome string
	if err := workflow.ExecuteChildWorkflow(workflow.WithChildOptions(ctx, workflow.ChildWorkflowOptions{WorkflowID: workflowid.Fine(lead.NA)}),
		Fine, FineInput{NA: lead.NA, Suppliers: []activities.CIPParty{debtor}, VRTE: d.FineVRTE, By: by}).Get(ctx, &outcome); err != nil {
		return err
	}
	return workflow.SignalExternalWorkflow(ctx, lead.WorkflowID, "", SignalCollectiveJudgment, CollectiveJudgment{
		Number: in.Number, Outcome: d.Outcome, Lead: lead.NA, Closed: true, FineOutcome: outcome,
	}).Get(ctx, nil)
}

// collectiveState is the state of a case gathered into a collective process (004 §8.4).
type collectiveState struct {
	// judgment and closed are the judgment and the end of the collective process the
	// case was gathered into (004 §8.7).
	judgment, closed *CollectiveJudgment
}

// awaitCollective keeps a case gathered into a collective process waiting on it
// (004 §8.4) until its judgment reaches the case; the consumer may still withdraw. The
// judgment ends the case at once or, on the lead case of a fine, once the fine ends
// (its petitions on the fine go to it meanwhile).
func (c *complaint) awaitCollective(ctx workflow.Context) (phase, error) {
	if err := c.setStatus(ctx, StatusGrouped); err != nil {
		return 0, err
	}
	if err := c.record(ctx, EventJudgmentQueue, "sistema", "fila-coletivo/"+c.state.Process.Collective, activities.EventData{
		ProcessoColetivo: c.state.Process.Collective, Fonte: srcCollectiveQueue,
	}); err != nil {
		return 0, err
	}
	if err := workflow.Await(ctx, func() bool { return c.interrupted() || c.collective.judgment != nil }); err != nil {
		return 0, err
	}
	if c.collective.judgment == nil {
		return phaseClosed, c.stop()
	}
	cj := c.collective.judgment
	if err := c.record(ctx, EventJudged, cj.By, "julgamento-coletivo", activities.EventData{
		Resultado: cj.Outcome, Fundamentacao: cj.Reason, ProcessoColetivo: cj.Number, CasoPrincipal: cj.Lead,
		Fonte: srcCollectiveJudged}); err != nil {
		return 0, err
	}
	if !cj.Fining {
		reason := "processo julgado " + cj.Outcome + " no processo coletivo " + cj.Number + " (item 8.7)"
		if cj.Outcome == JudgmentUpheld {
			reason += "; a multa, se houver, é cobrada no atendimento " + cj.Lead
		}
		return phaseClosed, c.end(StatusArchived, EventProcessClosed, srcCollectiveClosed, reason)
	}
	if err := c.setStatus(ctx, StatusFineNotified); err != nil {
		return 0, err
	}
	c.fining = true
	if err := workflow.Await(ctx, func() bool { return c.collective.closed != nil }); err != nil {
		return 0, err
	}
	c.fining = false
	return phaseClosed, c.closeAfterFine(c.collective.closed.FineOutcome)
}

// listenGrouping takes the case's gathering into a collective process, and then its
// judgment and end; the main flow waits on it once the case reaches the Diretoria
// Jurídica's queue.
func (c *complaint) listenGrouping(ctx workflow.Context) {
	judged := workflow.GetSignalChannel(ctx, SignalCollectiveJudgment)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var cj CollectiveJudgment
			judged.Receive(ctx, &cj)
			if cj.Closed {
				c.collective.closed = &cj
			} else if c.collective.judgment == nil {
				c.collective.judgment = &cj
			}
		}
	})
	ch := workflow.GetSignalChannel(ctx, SignalGrouped)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var g Grouping
			ch.Receive(ctx, &g)
			if c.state.Process == nil || c.state.Process.Collective != "" {
				continue
			}
			c.state.Process.Collective = g.Number
			err := c.note(ctx, EventGrouped, g.By, "agrupamento/"+g.Number, activities.EventData{
				ProcessoColetivo: g.Number, Fonte: srcGrouped,
			})
			if err != nil {
				workflow.GetLogger(ctx).Error("grouping not recorded", "collective", g.Number, "error", err)
			}
		}
	})
}
