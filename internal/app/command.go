package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/logging"
)

// Command is a subcommand that runs with the configuration: a process (worker, API,
// the local stack) or a staff tool (migrate, staff add).
type Command func(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error

// Main runs the subcommand args[0] of the binary prog among commands, with the
// configuration read from the environment, its logger, and a context that ends on
// SIGINT or SIGTERM. It prints usage for help, and with it an error for a missing or
// unknown subcommand; a failure is logged and told on stderr with personal data masked.
// It returns the process's exit code.
func Main(prog, usage string, args []string, commands map[string]Command, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd := args[0]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	run, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "%s: subcomando desconhecido %q\n\n%s", prog, cmd, usage)
		return 2
	}
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	log := logging.New(stderr, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, log, args[1:]); err != nil {
		log.Error(prog+" "+cmd+" failed", "error", err)
		fmt.Fprintln(stderr, prog+" "+cmd+":", logging.Mask(err.Error()))
		return 1
	}
	return 0
}
