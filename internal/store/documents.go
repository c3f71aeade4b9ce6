package store

import (
	"context"
	"time"
)

// Document is a file kept with a case: a notification sent, a Termo de Audiência.
type Document struct {
	ID          int64     `json:"id"`
	NA          string    `json:"na"`
	Kind        string    `json:"tipo"`
	Filename    string    `json:"arquivo"`
	ContentType string    `json:"tipo_conteudo"`
	Size        int       `json:"tamanho"`
	CreatedAt   time.Time `json:"criado_em"`
	Data        []byte    `json:"-"`
}

// SaveDocument keeps a document with its case once per key (a retried activity keeps
// one copy) and returns its ID.
func (s *Store) SaveDocument(ctx context.Context, key string, d Document) (int64, error) {
	var id int64
	err := s.Pool.QueryRow(ctx, `WITH ins AS (
			INSERT INTO case_documents (na, key, kind, filename, content_type, data) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (key) DO NOTHING RETURNING id)
		SELECT id FROM ins UNION ALL SELECT id FROM case_documents WHERE key = $2 LIMIT 1`,
		d.NA, key, d.Kind, d.Filename, d.ContentType, d.Data).Scan(&id)
	return id, err
}

// Documents lists a case's documents, oldest first, without their contents.
func (s *Store) Documents(ctx context.Context, na string) ([]Document, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, na, kind, filename, content_type, length(data), created_at
		FROM case_documents WHERE na = $1 ORDER BY id`, na)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Document{}
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.ID, &d.NA, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DocumentOf loads one document of a case, with its contents.
func (s *Store) DocumentOf(ctx context.Context, na string, id int64) (Document, error) {
	var d Document
	err := s.Pool.QueryRow(ctx, `SELECT id, na, kind, filename, content_type, length(data), created_at, data
		FROM case_documents WHERE na = $1 AND id = $2`, na, id).
		Scan(&d.ID, &d.NA, &d.Kind, &d.Filename, &d.ContentType, &d.Size, &d.CreatedAt, &d.Data)
	return d, notFound(err)
}
