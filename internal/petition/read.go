package petition

import (
	"github.com/procon-es/procon/internal/cip"
	"github.com/procon-es/procon/internal/mailmsg"
)

// Reading is what a petition's own text says, before any case is looked up: the worker
// routes it from here, and `procon petition check` prints it.
type Reading struct {
	// Message is the parsed message; nil when it cannot be read.
	Message *mailmsg.Message
	// Kind is what it asks, from its subject; KindGeneric when unreadable.
	Kind Kind
	// NA is the case number it names (004 §14.3), "" when none.
	NA string
	// CIP is the CIP number a CIP answer names, "" when none (checked against the case
	// by CheckCIPAnswer).
	CIP string
	// Installments is the number of installments an installment request asks for.
	Installments int
}

// Read parses a whole petition and reads its kind, case number, CIP number and the
// number of installments asked.
func Read(raw []byte, lim mailmsg.Limits) Reading {
	m, err := mailmsg.ParseMessage(raw, lim)
	if err != nil {
		return Reading{Kind: KindGeneric}
	}
	texts := append([]string{m.Subject}, m.Bodies()...)
	r := Reading{Message: m, Kind: KindOf(m.Subject), NA: FindNA(texts...)}
	switch r.Kind {
	case KindCIPAnswer:
		r.CIP, _ = cip.Find(texts...)
	case KindInstallment:
		r.Installments = FindInstallments(texts...)
	}
	return r
}
