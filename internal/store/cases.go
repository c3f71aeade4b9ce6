package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/procon-es/procon/internal/workflowid"
)

// NAPrefix starts every Número de Atendimento. The format is NA-YYYY-NNNNNN: the year of
// arrival and a sequence that restarts each year (documented in README.md).
const NAPrefix = "NA-"

// FormatNA renders an NA from its year and sequence number.
func FormatNA(year, seq int) string { return fmt.Sprintf("%s%04d-%06d", NAPrefix, year, seq) }

// Case is the queryable projection of one case.
type Case struct {
	NA              string          `json:"na"`
	WorkflowID      string          `json:"id_workflow"`
	InboundMessage  *int64          `json:"mensagem_recebida,omitempty"`
	Status          string          `json:"situacao"`
	ConsumerDoc     string          `json:"consumidor_cpf"`
	ConsumerName    string          `json:"consumidor_nome"`
	ConsumerEmail   string          `json:"consumidor_email,omitempty"`
	SupplierDocs    []string        `json:"fornecedores_cpf_cnpj"`
	SupplierNames   []string        `json:"fornecedores_nomes"`
	Form            json.RawMessage `json:"formulario,omitempty"`
	CurrentDeadline *time.Time      `json:"vence_em,omitempty"`
	DeadlineRule    string          `json:"regra_prazo,omitempty"`
	CreatedAt       time.Time       `json:"criado_em"`
	UpdatedAt       time.Time       `json:"atualizado_em"`
}

// NewCase holds what intake knows of a case when it is accepted.
type NewCase struct {
	ConsumerDoc   string
	ConsumerName  string
	ConsumerEmail string
	SupplierDocs  []string
	SupplierNames []string
	Form          any
	Status        string
}

// CreateCaseForInbound assigns the next NA of the year to an accepted inbound message and
// creates its case row. Calling it again for the same message returns the same NA.
func (s *Store) CreateCaseForInbound(ctx context.Context, inboundID int64, year int, c NewCase) (string, error) {
	return s.createCase(ctx, "inbound_message", inboundID, year, c)
}

// CreateCaseForRequest assigns the next NA of the year to a case opened by staff through
// the API and creates its row. Calling it again with the same request key returns the
// same NA.
func (s *Store) CreateCaseForRequest(ctx context.Context, key string, year int, c NewCase) (string, error) {
	return s.createCase(ctx, "request_key", key, year, c)
}

// createCase creates a case once per value of its unique origin column (inbound_message
// or request_key), with the next NA of the year.
func (s *Store) createCase(ctx context.Context, column string, origin any, year int, c NewCase) (string, error) {
	var na string
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT na FROM cases WHERE `+column+` = $1`, origin).Scan(&na)
		if err == nil {
			return nil
		}
		if err != pgx.ErrNoRows {
			return err
		}
		var seq int
		if err := tx.QueryRow(ctx, `INSERT INTO na_sequences (year, last_seq) VALUES ($1, 1)
			ON CONFLICT (year) DO UPDATE SET last_seq = na_sequences.last_seq + 1
			RETURNING last_seq`, year).Scan(&seq); err != nil {
			return err
		}
		na = FormatNA(year, seq)
		form, err := json.Marshal(c.Form)
		if err != nil {
			return err
		}
		if c.SupplierDocs == nil {
			c.SupplierDocs = []string{}
		}
		if c.SupplierNames == nil {
			c.SupplierNames = []string{}
		}
		_, err = tx.Exec(ctx, `INSERT INTO cases (na, workflow_id, `+column+`, status, consumer_doc, consumer_name,
				consumer_email, supplier_docs, supplier_names, form)
			VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8, $9, $10)`,
			na, workflowid.Complaint(na), origin, c.Status, c.ConsumerDoc, c.ConsumerName, c.ConsumerEmail,
			c.SupplierDocs, c.SupplierNames, form)
		return err
	})
	return na, err
}

// CaseUpdate changes the projected state of a case.
type CaseUpdate struct {
	NA       string
	Status   string
	Deadline *time.Time
	Rule     string
}

// UpdateCase sets the current status and deadline of a case.
func (s *Store) UpdateCase(ctx context.Context, u CaseUpdate) error {
	tag, err := s.Pool.Exec(ctx, `UPDATE cases SET status = $2, current_deadline = $3, deadline_rule = nullif($4, ''), updated_at = now()
		WHERE na = $1`, u.NA, u.Status, u.Deadline, u.Rule)
	if err == nil && tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return err
}

const caseColumns = `na, workflow_id, inbound_message, status, consumer_doc, consumer_name, coalesce(consumer_email, ''),
	supplier_docs, supplier_names, form, current_deadline, coalesce(deadline_rule, ''), created_at, updated_at`

func scanCase(row pgx.Row) (Case, error) {
	var c Case
	err := row.Scan(&c.NA, &c.WorkflowID, &c.InboundMessage, &c.Status, &c.ConsumerDoc, &c.ConsumerName, &c.ConsumerEmail,
		&c.SupplierDocs, &c.SupplierNames, &c.Form, &c.CurrentDeadline, &c.DeadlineRule, &c.CreatedAt, &c.UpdatedAt)
	return c, notFound(err)
}

// GetCase loads one case by NA.
func (s *Store) GetCase(ctx context.Context, na string) (Case, error) {
	return scanCase(s.Pool.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE na = $1`, na))
}

// CaseByInbound loads the case created from an inbound message.
func (s *Store) CaseByInbound(ctx context.Context, inboundID int64) (Case, error) {
	return scanCase(s.Pool.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE inbound_message = $1`, inboundID))
}

// CaseByMessageID loads the case created from the inbound message with that Message-ID.
func (s *Store) CaseByMessageID(ctx context.Context, mailbox, messageID string) (Case, error) {
	return scanCase(s.Pool.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases
		WHERE inbound_message = (SELECT id FROM inbound_messages WHERE mailbox = $1 AND message_id = $2)`, mailbox, messageID))
}
