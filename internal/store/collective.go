package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrAlreadyGrouped: a case of a grouping already belongs to a collective process.
var ErrAlreadyGrouped = errors.New("case already grouped")

// ErrNotAGroup: the cases given are not reclamações of the same supplier and subject in
// the same year from two or more consumers (004 §8.2).
var ErrNotAGroup = errors.New("cases do not make a continued practice")

// SetCaseSubject records the subject code staff assigned to a reclamação.
func (s *Store) SetCaseSubject(ctx context.Context, na, subject string) error {
	tag, err := s.Pool.Exec(ctx, `UPDATE cases SET subject = nullif($2, ''), updated_at = now() WHERE na = $1`, na, subject)
	if err == nil && tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return err
}

// PracticeGroup is a candidate continued practice (004 §8.2): reclamações against one
// supplier, of one subject, in one calendar year, from two or more consumers, not yet
// in a collective process.
type PracticeGroup struct {
	SupplierDoc  string   `json:"fornecedor_cpf_cnpj"`
	SupplierName string   `json:"fornecedor"`
	Subject      string   `json:"assunto"`
	Year         int      `json:"ano"`
	Consumers    int      `json:"consumidores"`
	NAs          []string `json:"casos"`
}

// groupable is the SQL of the cases a grouping may take: a consumer's reclamação whose
// processo administrativo still runs, with a subject, in no collective process.
const groupable = `c.subject IS NOT NULL AND c.collective_id IS NULL AND c.consumer_doc <> '' AND c.status = ANY ($1)`

// PracticeGroups lists the candidate continued practices among the cases in statuses.
func (s *Store) PracticeGroups(ctx context.Context, statuses []string) ([]PracticeGroup, error) {
	rows, err := s.Pool.Query(ctx, `SELECT d.doc, max(d.name), c.subject, extract(year FROM c.created_at)::int,
			count(DISTINCT c.consumer_doc), array_agg(c.na ORDER BY c.na)
		FROM cases c CROSS JOIN LATERAL unnest(c.supplier_docs, c.supplier_names) AS d(doc, name)
		WHERE `+groupable+`
		GROUP BY d.doc, c.subject, extract(year FROM c.created_at)
		HAVING count(DISTINCT c.consumer_doc) >= 2
		ORDER BY 5 DESC, 1, 3`, statuses)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PracticeGroup{}
	for rows.Next() {
		var g PracticeGroup
		if err := rows.Scan(&g.SupplierDoc, &g.SupplierName, &g.Subject, &g.Year, &g.Consumers, &g.NAs); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Collective is a collective process of continued practice (004 §8.4–8.7).
type Collective struct {
	ID           int64     `json:"-"`
	Number       string    `json:"numero"`
	SupplierDoc  string    `json:"fornecedor_cpf_cnpj"`
	SupplierName string    `json:"fornecedor"`
	Subject      string    `json:"assunto"`
	Year         int       `json:"ano"`
	WorkflowID   string    `json:"id_workflow"`
	CreatedBy    string    `json:"criado_por"`
	CreatedAt    time.Time `json:"criado_em"`
	// Cases are the grouped reclamações: NA and workflow ID, in NA order.
	Cases []GroupedCase `json:"casos"`
}

// GroupedCase is one reclamação of a collective process.
type GroupedCase struct {
	NA         string `json:"na"`
	WorkflowID string `json:"id_workflow"`
}

// CreateCollective groups the cases nas into a new collective process, in one
// transaction: every case must be groupable (in statuses) and of the supplier, subject
// and year given, from two or more consumers (ErrNotAGroup); a case already grouped
// refuses the whole grouping (ErrAlreadyGrouped). The supplier's name is taken from the
// first case when c has none. workflowID derives the collective's
// workflow ID from its number.
func (s *Store) CreateCollective(ctx context.Context, c Collective, nas []string, statuses []string,
	workflowID func(number string) string) (Collective, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT c.na, c.workflow_id, c.collective_id IS NOT NULL,
				c.subject IS NOT DISTINCT FROM $3 AND $2 = ANY (c.supplier_docs) AND extract(year FROM c.created_at)::int = $4
				AND c.status = ANY ($5) AND c.consumer_doc <> '', c.consumer_doc, coalesce(c.supplier_names[array_position(c.supplier_docs, $2)], '')
			FROM cases c WHERE c.na = ANY ($1) ORDER BY c.na FOR UPDATE`, nas, c.SupplierDoc, c.Subject, c.Year, statuses)
		if err != nil {
			return err
		}
		consumers := map[string]bool{}
		c.Cases = nil
		for rows.Next() {
			var g GroupedCase
			var grouped, fits bool
			var consumer, name string
			if err := rows.Scan(&g.NA, &g.WorkflowID, &grouped, &fits, &consumer, &name); err != nil {
				rows.Close()
				return err
			}
			if grouped {
				rows.Close()
				return fmt.Errorf("%w: %s", ErrAlreadyGrouped, g.NA)
			}
			if !fits {
				rows.Close()
				return fmt.Errorf("%w: %s", ErrNotAGroup, g.NA)
			}
			consumers[consumer] = true
			c.Cases = append(c.Cases, g)
			if c.SupplierName == "" {
				c.SupplierName = name // as the first reclamação names it
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(c.Cases) != len(nas) {
			return fmt.Errorf("%w: %d of %d cases found", ErrNotFound, len(c.Cases), len(nas))
		}
		if len(consumers) < 2 {
			return fmt.Errorf("%w: one consumer", ErrNotAGroup)
		}
		if err := tx.QueryRow(ctx, `SELECT nextval('collective_processes_id_seq')`).Scan(&c.ID); err != nil {
			return err
		}
		c.Number = fmt.Sprintf("PC-%04d-%06d", c.Year, c.ID)
		c.WorkflowID = workflowID(c.Number)
		if err := tx.QueryRow(ctx, `INSERT INTO collective_processes
			(id, number, supplier_doc, supplier_name, subject, year, workflow_id, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at`,
			c.ID, c.Number, c.SupplierDoc, c.SupplierName, c.Subject, c.Year, c.WorkflowID, c.CreatedBy).Scan(&c.CreatedAt); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE cases SET collective_id = $1, updated_at = now() WHERE na = ANY ($2)`, c.ID, nas)
		return err
	})
	return c, err
}

// CollectiveOfCases returns the collective process that groups exactly the cases nas,
// if one does: a grouping asked again (after its workflow failed to start) finds it.
func (s *Store) CollectiveOfCases(ctx context.Context, nas []string) (Collective, bool, error) {
	var c Collective
	err := s.Pool.QueryRow(ctx, `SELECT p.id, p.number, p.supplier_doc, p.supplier_name, p.subject, p.year, p.workflow_id,
			p.created_by, p.created_at
		FROM collective_processes p
		WHERE p.id = (SELECT collective_id FROM cases WHERE na = $1)
		  AND (SELECT array_agg(na ORDER BY na) FROM cases WHERE collective_id = p.id) = (SELECT array_agg(x ORDER BY x) FROM unnest($2::text[]) x)`,
		nas[0], nas).Scan(&c.ID, &c.Number, &c.SupplierDoc, &c.SupplierName, &c.Subject, &c.Year, &c.WorkflowID, &c.CreatedBy, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Collective{}, false, nil
	}
	if err != nil {
		return Collective{}, false, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT na, workflow_id FROM cases WHERE collective_id = $1 ORDER BY na`, c.ID)
	if err != nil {
		return Collective{}, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var g GroupedCase
		if err := rows.Scan(&g.NA, &g.WorkflowID); err != nil {
			return Collective{}, false, err
		}
		c.Cases = append(c.Cases, g)
	}
	return c, true, rows.Err()
}
