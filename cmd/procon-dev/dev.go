package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/devstack"
)

// runDev brings the whole system up locally (see internal/devstack).
func runDev(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	seed := fs.Bool("seed-demo", false, "envia uma reclamação de exemplo quando o sistema estiver no ar")
	data := fs.String("data", cfg.DataDir, "pasta dos dados locais (Temporal, PostgreSQL, e-mail)")
	noUI := fs.Bool("no-ui", false, "não sobe a interface web do Temporal")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("dev: %w", err)
	}
	cfg.DataDir = *data
	opt := devstack.Options{SeedDemo: *seed, Out: os.Stdout}
	if *noUI {
		opt.UIPort = -1
	}
	return devstack.Run(ctx, cfg, log, opt)
}
