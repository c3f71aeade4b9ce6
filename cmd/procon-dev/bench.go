package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/procon-es/procon/internal/bench"
)

// runBench measures the system on this machine (internal/bench) and prints the tables
// kept in BENCHMARKS.md.
func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	opt := bench.Options{}
	fs.IntVar(&opt.N, "n", 200, "reclamações pela caixa de atendimento")
	fs.IntVar(&opt.Storm, "storm", 100, "casos com o prazo da CIP vencido de uma vez (0: não mede)")
	fs.IntVar(&opt.Parked, "parked", 10000, "casos abertos parados em timers (0: não mede)")
	fs.IntVar(&opt.Clients, "clients", 32, "clientes simultâneos da API")
	fs.DurationVar(&opt.Duration, "duration", 10*time.Second, "duração da carga por tipo de requisição")
	fs.StringVar(&opt.Histories, "histories", "workflows/testdata", "pasta dos históricos gravados")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "procon-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opt.Exe, opt.Dir = exe, dir
	return bench.Run(ctx, opt, os.Stdout, os.Stderr)
}
