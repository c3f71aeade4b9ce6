package workflows

import (
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// Typed search attributes of the case workflows, so staff tools can find cases in
// Temporal by NA, state and deadline.
var (
	// CaseNAKey is the case's Número de Atendimento.
	CaseNAKey = temporal.NewSearchAttributeKeyKeyword("CaseNA")
	// CaseStatusKey is the case's current status.
	CaseStatusKey = temporal.NewSearchAttributeKeyKeyword("CaseStatus")
	// CaseDeadlineKey is the deadline currently running, if any.
	CaseDeadlineKey = temporal.NewSearchAttributeKeyTime("CaseDeadline")
)

// SearchAttributeTypes lists the attributes above for registration on the namespace.
var SearchAttributeTypes = map[string]enumspb.IndexedValueType{
	CaseNAKey.GetName():       enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	CaseStatusKey.GetName():   enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	CaseDeadlineKey.GetName(): enumspb.INDEXED_VALUE_TYPE_DATETIME,
}
