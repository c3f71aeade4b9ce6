package store

import (
	"context"
	"strings"
	"time"
)

// CaseFilter selects cases for staff lists. Zero fields do not filter.
type CaseFilter struct {
	// Status is the case's current status.
	Status string
	// SupplierDoc is a supplier's CPF or CNPJ as stored (letters and digits).
	SupplierDoc string
	// SupplierName matches part of a supplier's name, ignoring case.
	SupplierName string
	// NA is one case's number.
	NA string
	// ConsumerDoc is the consumer's CPF as stored (digits).
	ConsumerDoc string
	// ConsumerName matches part of the consumer's name, ignoring case.
	ConsumerName string
	// DueBefore keeps the cases whose current deadline ends before that day.
	DueBefore *time.Time
	// After is the last NA of the previous page (keyset pagination, in NA order, which
	// is arrival order within a year).
	After string
	// Limit is the page size.
	Limit int
}

// likeEscaper makes user text literal inside an ILIKE pattern.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// ListCases returns one page of the cases that match f, in NA order.
func (s *Store) ListCases(ctx context.Context, f CaseFilter) ([]Case, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+caseColumns+` FROM cases
		WHERE ($1 = '' OR status = $1)
		  AND ($2 = '' OR $2 = ANY (supplier_docs))
		  AND ($3 = '' OR EXISTS (SELECT 1 FROM unnest(supplier_names) n WHERE n ILIKE '%' || $3 || '%'))
		  AND ($4::date IS NULL OR current_deadline < $4::date)
		  AND na > $5
		  AND ($7 = '' OR na = $7)
		  AND ($8 = '' OR consumer_doc = $8)
		  AND ($9 = '' OR consumer_name ILIKE '%' || $9 || '%')
		ORDER BY na LIMIT $6`,
		f.Status, f.SupplierDoc, likeEscaper.Replace(f.SupplierName), f.DueBefore, f.After, f.Limit,
		f.NA, f.ConsumerDoc, likeEscaper.Replace(f.ConsumerName))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
