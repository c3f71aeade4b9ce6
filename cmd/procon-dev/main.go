// Command procon-dev is the development side of the PROCON/ES back office: it brings the
// whole system up on one machine (Temporal in process, PostgreSQL, the mail servers, the
// worker and the API) and measures it. It is kept apart from the production binary
// `procon` so that production links neither the Temporal server, nor its web UI, nor the
// development mail server, nor the bench.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
)

const usage = `procon-dev: ambiente de desenvolvimento do back office do PROCON/ES

Uso:
  procon-dev dev [--seed-demo] [--data DIR] [--no-ui]
                 sobe o sistema inteiro localmente (Temporal, PostgreSQL, SMTP/IMAP, worker, API)
  procon-dev bench [--n 200] [--storm 100] [--parked 10000] [--clients 32] [--duration 10s]
                 mede o sistema nesta máquina (sobe uma pilha própria) e imprime as tabelas
  procon-dev worker
                 o worker, como em produção (o bench o roda como processo filho)

Para o worker, a API, as migrações e as ferramentas da equipe em produção, use o binário procon.
A configuração vem de variáveis de ambiente (ver README.md).
`

func main() {
	os.Exit(app.Main("procon-dev", usage, os.Args[1:], map[string]app.Command{
		"dev": runDev,
		"bench": func(ctx context.Context, _ config.Config, _ *slog.Logger, args []string) error {
			return runBench(ctx, args)
		},
		"worker": func(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
			return app.RunWorker(ctx, cfg, log)
		},
	}, os.Stdout, os.Stderr))
}
