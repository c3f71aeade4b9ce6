package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNotPublished: the Cadastro of that year was not published yet.
var ErrNotPublished = errors.New("cadastro not published")

// ErrDecided: the correction request was decided already.
var ErrDecided = errors.New("correction already decided")

// Publication is the yearly publication of the Cadastro (004 §6.5–6.6).
type Publication struct {
	Year        int       `json:"ano"`
	PublishedOn time.Time `json:"publicado_em"`
	PublishedBy string    `json:"publicado_por"`
}

// Publish records the publication of a year's Cadastro, once: publishing again answers
// the first publication.
func (s *Store) Publish(ctx context.Context, p Publication) (Publication, error) {
	err := s.Pool.QueryRow(ctx, `WITH ins AS (
			INSERT INTO cadastro_publications (year, published_on, published_by) VALUES ($1, $2, $3)
			ON CONFLICT (year) DO NOTHING RETURNING year, published_on, published_by)
		SELECT * FROM ins UNION ALL SELECT year, published_on, published_by FROM cadastro_publications WHERE year = $1 LIMIT 1`,
		p.Year, p.PublishedOn, p.PublishedBy).Scan(&p.Year, &p.PublishedOn, &p.PublishedBy)
	return p, err
}

// PublicationOf returns the publication of a year's Cadastro (ErrNotPublished if none).
func (s *Store) PublicationOf(ctx context.Context, year int) (Publication, error) {
	var p Publication
	err := s.Pool.QueryRow(ctx, `SELECT year, published_on, published_by FROM cadastro_publications WHERE year = $1`, year).
		Scan(&p.Year, &p.PublishedOn, &p.PublishedBy)
	if errors.Is(err, pgx.ErrNoRows) {
		return p, ErrNotPublished
	}
	return p, err
}

// Correction is a request to correct the Cadastro (004 §6.10) and its decision.
type Correction struct {
	ID             int64      `json:"id"`
	Year           int        `json:"ano"`
	NA             string     `json:"na"`
	Party          string     `json:"parte"`
	Request        string     `json:"pedido"`
	RequestedOn    time.Time  `json:"pedido_em"`
	DecideBy       time.Time  `json:"decidir_ate"`
	RecordedBy     string     `json:"registrado_por"`
	Granted        *bool      `json:"procedente,omitempty"`
	Reason         string     `json:"motivo,omitempty"`
	Classification string     `json:"nova_classificacao,omitempty"`
	DecidedOn      *time.Time `json:"decidido_em,omitempty"`
	DecidedBy      string     `json:"decidido_por,omitempty"`
	// Overdue: still pending after its 10 business days (set when listed).
	Overdue bool `json:"vencido,omitempty"`
}

const correctionColumns = `id, year, na, party, request, requested_on, decide_by, recorded_by, granted, coalesce(reason, ''),
	coalesce(classification, ''), decided_on, coalesce(decided_by, '')`

func scanCorrection(row pgx.Row) (Correction, error) {
	var c Correction
	err := row.Scan(&c.ID, &c.Year, &c.NA, &c.Party, &c.Request, &c.RequestedOn, &c.DecideBy, &c.RecordedBy, &c.Granted,
		&c.Reason, &c.Classification, &c.DecidedOn, &c.DecidedBy)
	return c, notFound(err)
}

// AddCorrection records a correction request and its event on the case's timeline.
func (s *Store) AddCorrection(ctx context.Context, c Correction) (Correction, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		c, err = scanCorrection(tx.QueryRow(ctx, `INSERT INTO cadastro_corrections
			(year, na, party, request, requested_on, decide_by, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
			RETURNING `+correctionColumns, c.Year, c.NA, c.Party, c.Request, c.RequestedOn, c.DecideBy, c.RecordedBy))
		if err != nil {
			return err
		}
		return appendEventTx(ctx, tx, c.NA, "retificacao_cadastro_pedida", c.RecordedBy, fmt.Sprintf("retificacao/%d", c.ID), EventData{
			Ano: c.Year, Parte: c.Party, DecidirAte: c.DecideBy.Format(time.DateOnly), Fonte: sourceCorrectionRequested,
		})
	})
	return c, err
}

// DecideCorrection records the authority's decision on a request (004 §6.10–6.11): when
// granted with a new classification, the case's Cadastro entries take it; the case's
// timeline shows the outcome.
func (s *Store) DecideCorrection(ctx context.Context, id int64, granted bool, reason, classification, by string, on time.Time) (Correction, error) {
	var c Correction
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if c, err = scanCorrection(tx.QueryRow(ctx, `SELECT `+correctionColumns+` FROM cadastro_corrections WHERE id = $1 FOR UPDATE`, id)); err != nil {
			return err
		}
		if c.Granted != nil {
			return ErrDecided
		}
		if c, err = scanCorrection(tx.QueryRow(ctx, `UPDATE cadastro_corrections
			SET granted = $2, reason = $3, classification = nullif($4, ''), decided_on = $5, decided_by = $6
			WHERE id = $1 RETURNING `+correctionColumns, id, granted, reason, classification, on, by)); err != nil {
			return err
		}
		if granted && classification != "" {
			if _, err := tx.Exec(ctx, `UPDATE cadastro_entries SET classification = $2 WHERE na = $1`, c.NA, classification); err != nil {
				return err
			}
		}
		return appendEventTx(ctx, tx, c.NA, "retificacao_cadastro_decidida", by, fmt.Sprintf("retificacao-decisao/%d", c.ID), EventData{
			Procedente: &granted, Motivo: reason, NovaClassificacao: classification, Fonte: sourceCorrectionDecided,
		})
	})
	return c, err
}

// Corrections lists the correction requests of a year (all years when year is 0), the
// pending ones first by their decision date.
func (s *Store) Corrections(ctx context.Context, year int, pendingOnly bool) ([]Correction, error) {
	rows, err := s.Pool.Query(ctx, `SELECT `+correctionColumns+` FROM cadastro_corrections
		WHERE ($1 = 0 OR year = $1) AND (NOT $2 OR granted IS NULL)
		ORDER BY granted IS NOT NULL, decide_by, id`, year, pendingOnly)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Correction{}
	for rows.Next() {
		c, err := scanCorrection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// The legal sources of the timeline events the store writes with their rows.
const (
	sourceCorrectionRequested = "004 §6.10"
	sourceCorrectionDecided   = "004 §6.10, §6.11"
	sourceDebtCourtOrder      = "004 §11.2, §11.3"
)

// appendEventTx adds an event to a case's timeline inside tx, once per key.
func appendEventTx(ctx context.Context, tx pgx.Tx, na, kind, actor, key string, data EventData) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO case_events (na, kind, actor, payload, at, dedup_key) VALUES ($1, $2, $3, $4, now(), $5)
		ON CONFLICT (dedup_key) DO NOTHING`, na, kind, actor, raw, na+"/"+key)
	return err
}

// PublishedCorrection is a decided correction as the publication shows it: no NA, no
// consumer; the supplier and the outcome (004 §6.11).
type PublishedCorrection struct {
	SupplierDoc    string    `json:"cnpj_cpf"`
	SupplierName   string    `json:"fornecedor"`
	Granted        bool      `json:"procedente"`
	Reason         string    `json:"motivo"`
	Classification string    `json:"nova_classificacao,omitempty"`
	DecidedOn      time.Time `json:"decidido_em"`
}

// PublishedCorrections lists the decided corrections of a year's Cadastro.
func (s *Store) PublishedCorrections(ctx context.Context, year int) ([]PublishedCorrection, error) {
	rows, err := s.Pool.Query(ctx, `SELECT c.supplier_docs[1], c.supplier_names[1], r.granted, coalesce(r.reason, ''),
			coalesce(r.classification, ''), r.decided_on
		FROM cadastro_corrections r JOIN cases c ON c.na = r.na
		WHERE r.year = $1 AND r.granted IS NOT NULL ORDER BY r.decided_on, r.id`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []PublishedCorrection{}
	for rows.Next() {
		var p PublishedCorrection
		if err := rows.Scan(&p.SupplierDoc, &p.SupplierName, &p.Granted, &p.Reason, &p.Classification, &p.DecidedOn); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
