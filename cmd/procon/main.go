// Command procon is the PROCON/ES back office in production: one binary whose subcommands
// run the worker, the API, the migrations and the staff tools. The local development stack
// and the bench live in cmd/procon-dev, so this binary links no Temporal server.
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
)

const usage = `procon: back office do PROCON/ES

Uso:
  procon worker                            worker do Temporal e leitores das caixas de e-mail
  procon api                               API HTTP
  procon migrate up|status                 migrações do PostgreSQL
  procon staff add --name N --role R [--email E [--password-stdin]]
                                           cria um servidor e imprime o seu token (uma única vez);
                                           com e-mail, entra no console (senha da entrada padrão, ou link para defini-la)
  procon staff passwd --email E --password-stdin   redefine a senha (encerra as sessões)
  procon prazo --inicio AAAA-MM-DD --quantidade N --unidade U [--sem-expediente AAAA-MM-DD]...
                                           calcula um prazo (004 §13) com o calendário embutido, sem servidor
  procon intake check < mensagem.eml       valida um e-mail de atendimento (004 §3.3.1) e imprime o veredito em JSON
  procon petition check < mensagem.eml     lê uma petição (004 §14) e verifica o remetente (DKIM/DMARC), em JSON

Para subir o sistema localmente ou medi-lo, use procon-dev (scripts/dev.sh).
A configuração vem de variáveis de ambiente (ver README.md).
`

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] { // pure computations: no configuration, database or Temporal
		case "prazo":
			os.Exit(runPrazo(os.Args[2:], os.Stdout, os.Stderr))
		case "intake":
			os.Exit(runIntake(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
		case "petition":
			os.Exit(runPetition(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
		}
	}
	os.Exit(app.Main("procon", usage, os.Args[1:], map[string]app.Command{
		"worker": func(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
			return app.RunWorker(ctx, cfg, log)
		},
		"api": func(ctx context.Context, cfg config.Config, log *slog.Logger, _ []string) error {
			return app.RunAPI(ctx, cfg, log, nil)
		},
		"migrate": func(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
			return runMigrate(ctx, cfg, args, os.Stdout)
		},
		"staff": func(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
			return runStaff(ctx, cfg, args, os.Stdin, os.Stdout)
		},
	}, os.Stdout, os.Stderr))
}
