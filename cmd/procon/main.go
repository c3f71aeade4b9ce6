// Command procon is the PROCON/ES back office in production: one binary whose subcommands
// run the worker, the API, the migrations and the staff tools. The local development stack
// and the bench live in cmd/procon-dev, so this binary links no Temporal server.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/logging"
)

const usage = `procon: back office do PROCON/ES

Uso:
  procon worker                            worker do Temporal e leitores das caixas de e-mail
  procon api                               API HTTP
  procon migrate up|status                 migrações do PostgreSQL
  procon staff add --name N --role R [--email E]   cria um servidor e imprime o seu token (uma única vez)
  procon prazo --inicio AAAA-MM-DD --quantidade N --unidade U [--sem-expediente AAAA-MM-DD]...
                                           calcula um prazo (004 §13) com o calendário embutido, sem servidor
  procon intake check < mensagem.eml       valida um e-mail de atendimento (004 §3.3.1) e imprime o veredito em JSON
  procon petition check < mensagem.eml     lê uma petição (004 §14) e verifica o remetente (DKIM/DMARC), em JSON

Para subir o sistema localmente ou medi-lo, use procon-dev (scripts/dev.sh).
A configuração vem de variáveis de ambiente (ver README.md).
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	switch os.Args[1] { // pure computations: no configuration, database or Temporal
	case "prazo":
		os.Exit(runPrazo(os.Args[2:], os.Stdout, os.Stderr))
	case "intake":
		os.Exit(runIntake(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	case "petition":
		os.Exit(runPetition(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
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
	case "worker":
		runErr = runWorker(ctx, cfg, log)
	case "api":
		runErr = runAPI(ctx, cfg, log)
	case "migrate":
		runErr = runMigrate(ctx, cfg, args, os.Stdout)
	case "staff":
		runErr = runStaff(ctx, cfg, args, os.Stdout)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return
	default:
		fmt.Fprintf(os.Stderr, "procon: subcomando desconhecido %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if runErr != nil {
		log.Error("procon "+cmd+" failed", "error", runErr)
		fmt.Fprintln(os.Stderr, "procon "+cmd+":", logging.Mask(runErr.Error()))
		os.Exit(1)
	}
}
