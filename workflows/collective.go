package workflows

import (
	"go.temporal.io/sdk/workflow"
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
	WorkflowID string `json:"workflow_id"`
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
	WorkflowID string `json:"workflow_id"`
}

// CollectiveProcess is a collective process of continued practice (004 §8.4–8.7): it
// tells each grouped case it now waits on it, then waits for the Diretoria Jurídica's
// judgment, which reaches each case (issue 8). Its workflow ID is derived from its number.
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
	// The judgment of the collective process (004 §8.8–8.10) is the next step (issue 8).
	return workflow.Await(ctx, func() bool { return false })
}

// CollectiveWorkflowID is the workflow ID of a collective process, from its number.
func CollectiveWorkflowID(number string) string { return "coletivo/" + number }

// listenGrouping takes the case's gathering into a collective process; the main flow
// waits on it once the case reaches the Diretoria Jurídica's queue.
func (c *complaint) listenGrouping(ctx workflow.Context) {
	ch := workflow.GetSignalChannel(ctx, SignalGrouped)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var g Grouping
			ch.Receive(ctx, &g)
			if c.state.Process == nil || c.state.Process.Collective != "" {
				continue
			}
			c.state.Process.Collective = g.Number
			err := c.note(ctx, EventGrouped, g.By, "agrupamento/"+g.Number, map[string]any{
				"processo_coletivo": g.Number, "fonte": "004 §8.2–8.5",
			})
			if err != nil {
				workflow.GetLogger(ctx).Error("grouping not recorded", "collective", g.Number, "error", err)
			}
		}
	})
}
