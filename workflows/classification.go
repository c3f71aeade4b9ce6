package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/prazo"
	"github.com/procon-es/procon/internal/store"
)

// Classifications of a reclamação for the Cadastro de Reclamações Fundamentadas
// (004 §6; 003), made by the Gerente de Atendimento (004 §6.8) independently of the
// judgment (004 §6.7).
const (
	// ClassifiedAttended: fundamentada atendida: the supplier met the demand; archived.
	ClassifiedAttended = store.FundamentadaAtendida
	// ClassifiedNotAttended: fundamentada não atendida: goes on to the Diretoria
	// Jurídica's judgment.
	ClassifiedNotAttended = store.FundamentadaNaoAtendida
	// ClassifiedUnfounded: não fundamentada: archived, with no consequence for the supplier.
	ClassifiedUnfounded = store.NaoFundamentada
)

// Timeline events of the classification.
const (
	// EventClassified: the reclamação was classified and recorded in the Cadastro.
	EventClassified = "reclamacao_classificada"
	// EventArchivedClassification: archived by its classification (atendida or não
	// fundamentada, 003).
	EventArchivedClassification = "arquivado_classificacao"
)

// classificationArchives reports whether the case's classification archives it.
func (c *complaint) classificationArchives() bool {
	p := c.state.Process
	return p != nil && (p.Classification == ClassifiedAttended || p.Classification == ClassifiedUnfounded)
}

// writeClassification makes the classification the case's and writes its Cadastro
// entries, one per supplier.
func (c *complaint) writeClassification(ctx workflow.Context, class, subject, by string) error {
	p := c.state.Process
	p.Classification, p.Subject = class, subject
	var suppliers []activities.CIPParty
	for _, s := range p.Notices {
		suppliers = append(suppliers, activities.CIPParty{Doc: s.SupplierDoc, Name: s.SupplierName})
	}
	return workflow.ExecuteActivity(ctx, c.acts.RecordClassification, activities.Classification{
		NA: c.in.NA, Classification: class, Subject: subject, On: prazo.CivilDate(workflow.Now(ctx)), By: by, Suppliers: suppliers,
	}).Get(ctx, nil)
}

// archiveByClassification archives a reclamação classified fundamentada atendida or não
// fundamentada (003), and tells the consumer why.
func (c *complaint) archiveByClassification() error {
	reason := "reclamação classificada como fundamentada atendida: o fornecedor atendeu à demanda (item 6; classificação do Cadastro)"
	if c.state.Process.Classification == ClassifiedUnfounded {
		reason = "reclamação classificada como não fundamentada: os fatos não encontram amparo no Código de Defesa do Consumidor (item 6; classificação do Cadastro)"
	}
	return c.end(StatusArchived, EventArchivedClassification, srcClassified, reason)
}
