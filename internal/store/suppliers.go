package store

import (
	"context"
	"time"
)

// Supplier is a supplier as staff keep it: its CPF or CNPJ (letters and digits), name,
// and the address it registered to receive CIPs (004 §4.2.2), if any.
type Supplier struct {
	Doc       string    `json:"cpf_cnpj"`
	Name      string    `json:"nome"`
	CIPEmail  string    `json:"email_cip,omitempty"`
	UpdatedBy int64     `json:"atualizado_por"`
	UpdatedAt time.Time `json:"atualizado_em"`
}

// SaveSupplier creates or replaces a supplier, recording who did it.
func (s *Store) SaveSupplier(ctx context.Context, sup Supplier) (Supplier, error) {
	err := s.Pool.QueryRow(ctx, `INSERT INTO suppliers (doc, name, cip_email, updated_by) VALUES ($1, $2, nullif($3, ''), $4)
		ON CONFLICT (doc) DO UPDATE SET name = $2, cip_email = nullif($3, ''), updated_by = $4, updated_at = now()
		RETURNING updated_at`, sup.Doc, sup.Name, sup.CIPEmail, sup.UpdatedBy).Scan(&sup.UpdatedAt)
	return sup, err
}

// SupplierByDoc loads a supplier by its CPF or CNPJ (letters and digits).
func (s *Store) SupplierByDoc(ctx context.Context, doc string) (Supplier, error) {
	var sup Supplier
	err := s.Pool.QueryRow(ctx, `SELECT doc, name, coalesce(cip_email, ''), updated_by, updated_at FROM suppliers WHERE doc = $1`, doc).
		Scan(&sup.Doc, &sup.Name, &sup.CIPEmail, &sup.UpdatedBy, &sup.UpdatedAt)
	return sup, notFound(err)
}

// SupplierCIPEmails returns the CIP addresses on record of the given suppliers.
func (s *Store) SupplierCIPEmails(ctx context.Context, docs []string) ([]string, error) {
	rows, err := s.Pool.Query(ctx, `SELECT cip_email FROM suppliers WHERE doc = ANY ($1) AND cip_email IS NOT NULL ORDER BY doc`, docs)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
