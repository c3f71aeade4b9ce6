// Package migrations holds the PostgreSQL schema as SQL migrations embedded in the
// binary, applied with tern (pgx-native). Files are NNN_name.sql; the part above
// "---- create above / drop below ----" applies a migration, the part below reverts it.
package migrations

import (
	"context"
	"embed"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/tern/v2/migrate"
)

//go:embed *.sql
var files embed.FS

// versionTable is where tern records the applied version.
const versionTable = "schema_version"

// withMigrator runs fn with a migrator over one connection of the pool. tern takes a
// Postgres advisory lock while migrating, so the worker and the API starting together
// do not race.
func withMigrator(ctx context.Context, pool *pgxpool.Pool, fn func(*migrate.Migrator) error) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	defer conn.Release()
	return withConn(ctx, conn.Conn(), fn)
}

func withConn(ctx context.Context, conn *pgx.Conn, fn func(*migrate.Migrator) error) error {
	m, err := migrate.NewMigrator(ctx, conn, versionTable)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if err := m.LoadMigrations(files); err != nil {
		return fmt.Errorf("migrations: load: %w", err)
	}
	return fn(m)
}

// Up applies every pending migration.
func Up(ctx context.Context, pool *pgxpool.Pool) error {
	return withMigrator(ctx, pool, func(m *migrate.Migrator) error {
		if err := m.Migrate(ctx); err != nil {
			return fmt.Errorf("migrations up: %w", err)
		}
		return nil
	})
}

// Status describes one migration and whether the database has it.
type Status struct {
	Version int32  `json:"versao"`
	Name    string `json:"nome"`
	Applied bool   `json:"aplicada"`
}

// List reports every known migration and whether it is applied.
func List(ctx context.Context, pool *pgxpool.Pool) ([]Status, error) {
	var out []Status
	err := withMigrator(ctx, pool, func(m *migrate.Migrator) error {
		current, err := m.GetCurrentVersion(ctx)
		if err != nil {
			return fmt.Errorf("migrations status: %w", err)
		}
		for _, mig := range m.Migrations {
			out = append(out, Status{Version: mig.Sequence, Name: mig.Name, Applied: mig.Sequence <= current})
		}
		return nil
	})
	return out, err
}
