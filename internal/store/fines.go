package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shopspring/decimal"
)

// ErrNoVRTE: the VRTE of a year was not set by staff.
var ErrNoVRTE = errors.New("vrte of the year not set")

// VRTE is the value in reais of one VRTE in a year, as staff keep it.
type VRTE struct {
	Year      int             `json:"ano"`
	Value     decimal.Decimal `json:"valor"`
	SetBy     string          `json:"definido_por"`
	UpdatedAt time.Time       `json:"atualizado_em"`
}

// SetVRTE creates or replaces the VRTE of a year.
func (s *Store) SetVRTE(ctx context.Context, v VRTE) (VRTE, error) {
	err := s.Pool.QueryRow(ctx, `INSERT INTO vrte_values (year, value, set_by) VALUES ($1, $2, $3)
		ON CONFLICT (year) DO UPDATE SET value = $2, set_by = $3, updated_at = now() RETURNING updated_at`,
		v.Year, v.Value, v.SetBy).Scan(&v.UpdatedAt)
	return v, err
}

// VRTEOf returns the VRTE of a year (ErrNoVRTE when staff have not set it).
func (s *Store) VRTEOf(ctx context.Context, year int) (VRTE, error) {
	v := VRTE{Year: year}
	err := s.Pool.QueryRow(ctx, `SELECT value, set_by, updated_at FROM vrte_values WHERE year = $1`, year).Scan(&v.Value, &v.SetBy, &v.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return v, ErrNoVRTE
	}
	return v, err
}

// VRTETable lists the VRTE of every year set, newest first.
func (s *Store) VRTETable(ctx context.Context) ([]VRTE, error) {
	rows, err := s.Pool.Query(ctx, `SELECT year, value, set_by, updated_at FROM vrte_values ORDER BY year DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []VRTE{}
	for rows.Next() {
		var v VRTE
		if err := rows.Scan(&v.Year, &v.Value, &v.SetBy, &v.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SavePayment records a payment of a case's fine once per reference.
func (s *Store) SavePayment(ctx context.Context, na string, amount decimal.Decimal, paidOn time.Time, reference, by string) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO payments (na, amount, paid_on, reference, recorded_by) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (na, reference) DO NOTHING`, na, amount, paidOn, reference, by)
	return err
}

// Debt is a fine inscribed in Dívida Ativa (004 §11.1), as the state's debt system takes it.
type Debt struct {
	NA           string          `json:"na"`
	SupplierDoc  string          `json:"cpf_cnpj"`
	SupplierName string          `json:"devedor"`
	VRTE         decimal.Decimal `json:"multa_vrte"`
	Amount       decimal.Decimal `json:"valor_multa"`
	Balance      decimal.Decimal `json:"saldo_devedor"`
	DueOn        time.Time       `json:"vencimento"`
	InscribedOn  time.Time       `json:"inscrito_em"`
	// Status is inscrita, cancelada or reduzida (by a court order, CourtOrder).
	Status     string `json:"situacao"`
	CourtOrder string `json:"ordem_judicial,omitempty"`
}

// InscribeDebt records a debt once per case.
func (s *Store) InscribeDebt(ctx context.Context, d Debt) error {
	_, err := s.Pool.Exec(ctx, `INSERT INTO debt_inscriptions (na, supplier_doc, supplier_name, vrte, amount, balance, due_on, inscribed_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (na) DO NOTHING`,
		d.NA, d.SupplierDoc, d.SupplierName, d.VRTE, d.Amount, d.Balance, d.DueOn, d.InscribedOn)
	return err
}

// Debts lists the debts inscribed from a day on (zero: all), oldest first.
func (s *Store) Debts(ctx context.Context, from time.Time) ([]Debt, error) {
	rows, err := s.Pool.Query(ctx, `SELECT na, supplier_doc, supplier_name, vrte, amount, balance, due_on, inscribed_on, status,
			coalesce(court_order, '')
		FROM debt_inscriptions WHERE inscribed_on >= $1 ORDER BY inscribed_on, na`, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Debt{}
	for rows.Next() {
		var d Debt
		if err := rows.Scan(&d.NA, &d.SupplierDoc, &d.SupplierName, &d.VRTE, &d.Amount, &d.Balance, &d.DueOn, &d.InscribedOn,
			&d.Status, &d.CourtOrder); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ApplyCourtOrder records a court order on an inscribed debt (004 §11.2–11.3): cancelled,
// or reduced to vrte (the amount at value, less what was paid), with the case's timeline.
func (s *Store) ApplyCourtOrder(ctx context.Context, na string, cancel bool, vrte, value decimal.Decimal, order, by string) (Debt, error) {
	var d Debt
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var paid decimal.Decimal
		if err := tx.QueryRow(ctx, `SELECT coalesce(sum(amount), 0) FROM payments WHERE na = $1`, na).Scan(&paid); err != nil {
			return err
		}
		status, amount := "cancelada", decimal.Zero
		if !cancel {
			status, amount = "reduzida", vrte.Mul(value).Round(2)
		}
		balance := decimal.Max(amount.Sub(paid), decimal.Zero)
		err := tx.QueryRow(ctx, `UPDATE debt_inscriptions SET status = $2, court_order = $3,
				vrte = CASE WHEN $4 THEN vrte ELSE $5 END, amount = CASE WHEN $4 THEN amount ELSE $6 END, balance = $7
			WHERE na = $1 AND status <> 'cancelada'
			RETURNING na, supplier_doc, supplier_name, vrte, amount, balance, due_on, inscribed_on, status, court_order`,
			na, status, order, cancel, vrte, amount, balance).Scan(&d.NA, &d.SupplierDoc, &d.SupplierName, &d.VRTE, &d.Amount,
			&d.Balance, &d.DueOn, &d.InscribedOn, &d.Status, &d.CourtOrder)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		return appendEventTx(ctx, tx, na, "ordem_judicial_divida", by, "ordem-divida/"+time.Now().Format(time.RFC3339Nano), EventData{
			Situacao: status, Saldo: balance.StringFixed(2), Ordem: order, Fonte: sourceDebtCourtOrder,
		})
	})
	return d, err
}

// PriorConvictions counts the other cases against any of the suppliers judged
// procedente in first instance (004 §12.3 II).
func (s *Store) PriorConvictions(ctx context.Context, na string, suppliers []string) (int, error) {
	var n int
	err := s.Pool.QueryRow(ctx, `SELECT count(DISTINCT c.na) FROM cases c JOIN case_events e ON e.na = c.na
		WHERE c.na <> $1 AND c.supplier_docs && $2 AND e.kind = 'julgado_primeira_instancia' AND e.payload->>'resultado' = 'procedente'`,
		na, suppliers).Scan(&n)
	return n, err
}
