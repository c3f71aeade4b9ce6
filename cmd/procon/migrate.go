package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/migrations"
)

// runMigrate applies the migrations ("up") or lists them ("status", JSON).
func runMigrate(ctx context.Context, cfg config.Config, args []string, out io.Writer) error {
	if len(args) != 1 || (args[0] != "up" && args[0] != "status") {
		return errors.New("uso: procon migrate up|status")
	}
	if cfg.DatabaseURL == "" {
		return errors.New("DATABASE_URL não definida")
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "up" {
		if err := migrations.Up(ctx, st.Pool); err != nil {
			return err
		}
	}
	list, err := migrations.List(ctx, st.Pool)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(list); err != nil {
		return fmt.Errorf("status: %w", err)
	}
	return nil
}
