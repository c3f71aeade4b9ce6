// Package devstack brings the whole system up on one machine without Docker: a real
// Temporal server in process (SQLite under the data folder), a throwaway PostgreSQL
// cluster, in-process SMTP and IMAP servers, the Temporal Web UI, the worker and the API.
// A second run reuses the data folder.
package devstack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	"github.com/temporalio/ui-server/v2/server/server_options"
	"golang.org/x/sync/errgroup"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/devmail"
	"github.com/procon-es/procon/internal/pgcluster"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/temporalserver"
	"github.com/procon-es/procon/workflows"
)

// Options tune `procon-dev dev`.
type Options struct {
	// SeedDemo sends a sample complaint once the stack is up.
	SeedDemo bool
	// UIPort is the Temporal Web UI's port; 0 picks 8233 or a free port, -1 disables it.
	UIPort int
	// Out receives the human-readable summary of where everything listens.
	Out io.Writer
	// Started, when set, is called with the resolved configuration once all is up.
	Started func(cfg config.Config)
}

// Run starts everything and blocks until ctx ends, then stops everything cleanly.
func Run(ctx context.Context, cfg config.Config, log *slog.Logger, opt Options) error {
	if opt.Out == nil {
		opt.Out = os.Stdout
	}
	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	cfg.DataDir = dataDir
	if _, err := checkBaseline(dataDir, opt.Out); err != nil {
		return err
	}
	if os.Getenv("PROCON_MAIL_AUTH") == "" {
		// The local mail server signs nothing: petitions are trusted by their From:
		// address alone, which production must not do (README, "Petitions").
		cfg.MailAuth = senderauth.PolicyFromOnly
	}

	var stops []func()
	defer func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}()

	// PostgreSQL: a cluster of ours unless DATABASE_URL points elsewhere.
	if cfg.DatabaseURL == "" {
		pg, err := pgcluster.Start(ctx, filepath.Join(dataDir, "postgres"), pgcluster.Options{Port: portOr(55432)})
		if err != nil {
			return err
		}
		stops = append(stops, func() {
			if err := pg.Stop(); err != nil {
				log.Error("stopping postgres", "error", err)
			}
		})
		cfg.DatabaseURL = pg.URL
	}

	// Temporal, persisted to SQLite, with the namespace and search attributes.
	tport, err := portOf(cfg.TemporalAddress)
	if err != nil {
		return err
	}
	ts, err := temporalserver.Start(ctx, temporalserver.Config{
		DatabaseFile:     filepath.Join(dataDir, "temporal.db"),
		LogFile:          filepath.Join(dataDir, "temporal.log"),
		FrontendPort:     portOr(tport),
		Namespace:        cfg.TemporalNamespace,
		SearchAttributes: workflows.SearchAttributeTypes,
	})
	if err != nil {
		return err
	}
	stops = append(stops, func() {
		if err := ts.Stop(); err != nil {
			log.Error("stopping temporal", "error", err)
		}
	})
	cfg.TemporalAddress = ts.HostPort()

	// Temporal Web UI: every case's history and timers.
	uiAddr := ""
	if opt.UIPort >= 0 {
		port := opt.UIPort
		if port == 0 {
			port = portOr(8233)
		}
		ui := server.NewServer(server_options.WithConfigProvider(&uiconfig.Config{
			Host: "127.0.0.1", Port: port, TemporalGRPCAddress: ts.HostPort(), EnableUI: true,
			DefaultNamespace: cfg.TemporalNamespace, HideLogs: true,
		}))
		go func() {
			if err := ui.Start(); err != nil {
				log.Warn("temporal ui stopped", "error", err)
			}
		}()
		stops = append(stops, ui.Stop)
		uiAddr = "http://127.0.0.1:" + strconv.Itoa(port)
	}

	// Mail: SMTP and IMAP in process; any address receives mail.
	mail, err := devmail.Start(ctx, devmail.Config{
		DataDir: filepath.Join(dataDir, "mail"), SMTPAddr: cfg.SMTPAddr, IMAPAddr: cfg.IMAPAddr,
		Password: cfg.IMAPPassword, Logger: log.With("component", "devmail"),
	})
	if err != nil {
		return err
	}
	stops = append(stops, func() { _ = mail.Close() })
	cfg.SMTPAddr, cfg.IMAPAddr = mail.SMTPAddr, mail.IMAPAddr

	token, err := devToken(ctx, cfg, dataDir)
	if err != nil {
		return err
	}

	g, gctx := errgroup.WithContext(ctx)
	apiAddr := make(chan string, 1)
	g.Go(func() error { return app.RunWorker(gctx, cfg, log.With("component", "worker")) })
	g.Go(func() error {
		return app.RunAPI(gctx, cfg, log.With("component", "api"), func(a string) { apiAddr <- a })
	})
	select {
	case a := <-apiAddr:
		cfg.APIAddr = a
	case <-gctx.Done():
		return g.Wait()
	}
	printSummary(opt.Out, cfg, uiAddr, token)
	if opt.Started != nil {
		opt.Started(cfg)
	}
	if opt.SeedDemo {
		g.Go(func() error { return seedDemo(gctx, cfg, opt.Out, token) })
	}
	err = g.Wait()
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return nil
	}
	return err
}

func printSummary(w io.Writer, cfg config.Config, uiAddr, token string) {
	lines := []string{
		"PROCON/ES: sistema local no ar",
		"  Console:         http://" + cfg.APIAddr + "/interno/   (equipe: e-mail e senha; --seed-demo cria um servidor por perfil)",
		"  API:             http://" + cfg.APIAddr + "   (GET /readyz, /api/v1/cases/{na})",
		"  Temporal:        " + cfg.TemporalAddress + "   (namespace " + cfg.TemporalNamespace + ")",
	}
	if uiAddr != "" {
		lines = append(lines, "  Temporal UI:     "+uiAddr)
	}
	lines = append(lines,
		"  PostgreSQL:      "+cfg.DatabaseURL,
		"  SMTP:            "+cfg.SMTPAddr+"   (qualquer destinatário recebe)",
		"  IMAP:            "+cfg.IMAPAddr+"   (usuário = endereço, senha = "+cfg.IMAPPassword+")",
		"  Caixas:          "+cfg.MailIntake+", "+cfg.MailProtocol+", "+cfg.MailDebt,
		"  Remetentes:      PROCON_MAIL_AUTH="+string(cfg.MailAuth)+mailAuthNote(cfg.MailAuth),
		"  Dados:           "+cfg.DataDir,
		"  Token admin:     "+token+"   (guardado em "+filepath.Join(cfg.DataDir, "dev-admin-token")+")",
		"Ctrl-C encerra tudo.",
	)
	fmt.Fprintln(w, strings.Join(lines, "\n"))
}

// mailAuthNote explains the sender authentication in force, for the summary.
func mailAuthNote(p senderauth.Policy) string {
	if p == senderauth.PolicyFromOnly {
		return "   (o correio local não é assinado: basta o remetente cadastrado; produção usa dmarc)"
	}
	return "   (petições exigem remetente autenticado: DKIM alinhado ou Authentication-Results confiável)"
}

// portOr returns p when it is free on loopback, else a free port.
func portOr(p int) int {
	if p > 0 {
		if l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p))); err == nil {
			_ = l.Close()
			return p
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return p
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func portOf(hostPort string) (int, error) {
	_, p, err := net.SplitHostPort(hostPort)
	if err != nil {
		return 0, fmt.Errorf("address %q: %w", hostPort, err)
	}
	return strconv.Atoi(p)
}
