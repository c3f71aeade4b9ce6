package store

import (
	"context"
	"time"
)

// Classifications of a reclamação for the Cadastro de Reclamações Fundamentadas
// (004 §6.3, §6.8; 003).
const (
	FundamentadaAtendida    = "fundamentada_atendida"
	FundamentadaNaoAtendida = "fundamentada_nao_atendida"
	NaoFundamentada         = "nao_fundamentada"
)

// CadastroEntry is one classified reclamação against one supplier.
type CadastroEntry struct {
	NA             string
	SupplierDoc    string
	SupplierName   string
	Classification string
	Subject        string
	ClassifiedOn   time.Time
	ClassifiedBy   string
}

// SaveCadastroEntries records the classification of a reclamação, one entry per
// supplier; a case is classified once, so a retried write keeps the first.
func (s *Store) SaveCadastroEntries(ctx context.Context, entries []CadastroEntry) error {
	for _, e := range entries {
		if _, err := s.Pool.Exec(ctx, `INSERT INTO cadastro_entries
			(na, supplier_doc, supplier_name, classification, subject, classified_on, classified_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (na, supplier_doc) DO NOTHING`,
			e.NA, e.SupplierDoc, e.SupplierName, e.Classification, e.Subject, e.ClassifiedOn, e.ClassifiedBy); err != nil {
			return err
		}
	}
	return nil
}

// CadastroSupplier is one supplier's line of the published Cadastro: counts of
// reclamações fundamentadas, atendidas and não atendidas, and their subjects.
type CadastroSupplier struct {
	Doc          string   `json:"cnpj_cpf"`
	Name         string   `json:"fornecedor"`
	Atendidas    int      `json:"atendidas"`
	NaoAtendidas int      `json:"nao_atendidas"`
	Subjects     []string `json:"assuntos"`
}

// Cadastro returns the Cadastro of the reclamações fundamentadas classified in year,
// per supplier, most não atendidas first. Entries classified before notBefore are left
// out: the Cadastro keeps no negative information older than five years (004 §6.9).
// Reclamações não fundamentadas are not published (004 §6.3 II).
func (s *Store) Cadastro(ctx context.Context, year int, notBefore time.Time) ([]CadastroSupplier, error) {
	rows, err := s.Pool.Query(ctx, `SELECT supplier_doc, max(supplier_name),
			count(*) FILTER (WHERE classification = 'fundamentada_atendida'),
			count(*) FILTER (WHERE classification = 'fundamentada_nao_atendida'),
			array_agg(DISTINCT subject ORDER BY subject)
		FROM cadastro_entries
		WHERE classification <> 'nao_fundamentada' AND extract(year FROM classified_on) = $1 AND classified_on >= $2
		GROUP BY supplier_doc
		ORDER BY 4 DESC, 3 DESC, 2, 1`, year, notBefore)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []CadastroSupplier{}
	for rows.Next() {
		var c CadastroSupplier
		if err := rows.Scan(&c.Doc, &c.Name, &c.Atendidas, &c.NaoAtendidas, &c.Subjects); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
