// Command procon-dev is the development side of the PROCON/ES back office: it brings the
// whole system up on one machine (Temporal in process, PostgreSQL, the mail servers, the
// worker and the API) and measures it. It is kept apart from the production binary
// `procon` so that production links neither the Temporal server, nor its web UI, nor the
// development mail server, nor the bench.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/logging"
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
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	log := logging.New(os.Stderr, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cmd, args := os.Args[1], os.Args[2:]
	var runErr error
	switch cmd {
	case "dev":
		runErr = runDev(ctx, cfg, log, args)
	case "bench":
		runErr = runBench(ctx, args)
	case "worker":
		runErr = app.RunWorker(ctx, cfg, log)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "procon-dev: subcomando desconhecido %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if runErr != nil {
		log.Error("procon-dev "+cmd+" failed", "error", runErr)
		fmt.Fprintln(os.Stderr, "procon-dev "+cmd+":", logging.Mask(runErr.Error()))
		os.Exit(1)
	}
}
