package main

import (
	"context"
	"log/slog"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
)

func runWorker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	return app.RunWorker(ctx, cfg, log)
}

func runAPI(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	return app.RunAPI(ctx, cfg, log, nil)
}
