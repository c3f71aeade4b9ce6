// Package app wires the processes of the binary (worker, API) from a configuration,
// so that the `worker` and `api` subcommands and `procon-dev dev` run the same code.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/metrics"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/migrations"
	"github.com/procon-es/procon/worker"
)

// OpenStore connects to Postgres and applies pending migrations.
func OpenStore(ctx context.Context, cfg config.Config) (*store.Store, error) {
	if cfg.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set")
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	if err := migrations.Up(ctx, st.Pool); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// NewRegistry returns a Prometheus registry with the Go runtime and process collectors.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// DialTemporal connects a Temporal client whose SDK metrics go to reg (may be nil).
func DialTemporal(ctx context.Context, cfg config.Config, log *slog.Logger, reg prometheus.Registerer) (client.Client, error) {
	opts := client.Options{
		HostPort:  cfg.TemporalAddress,
		Namespace: cfg.TemporalNamespace,
		Logger:    sdklog.NewStructuredLogger(log.With("component", "temporal-sdk")),
	}
	if reg != nil {
		opts.MetricsHandler = metrics.NewTemporalHandler(reg)
	}
	var c client.Client
	var err error
	for attempt := 0; attempt < 30; attempt++ {
		if c, err = client.DialContext(ctx, opts); err == nil {
			return c, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Second):
		}
	}
	return nil, fmt.Errorf("temporal %s: %w", cfg.TemporalAddress, err)
}

// RunWorker runs the Temporal worker and the mailbox pollers until ctx ends.
func RunWorker(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := DialTemporal(ctx, cfg, log, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	return worker.Run(ctx, cfg, c, st, log)
}

// RunAPI serves the HTTP API until ctx ends. ready, when not nil, receives the bound
// address once the server listens.
func RunAPI(ctx context.Context, cfg config.Config, log *slog.Logger, ready func(addr string)) error {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	reg := NewRegistry()
	c, err := DialTemporal(ctx, cfg, log, reg)
	if err != nil {
		return err
	}
	defer c.Close()
	h := api.New(api.Deps{Store: st, Temporal: c, Registry: reg, Log: log, Ready: ReadinessChecks(cfg, st, c),
		CalendarNotifier: CalendarNotifier(st, c), ProtocolAddress: cfg.MailProtocol, PublicURL: cfg.PublicURL})
	ln, err := net.Listen("tcp", cfg.APIAddr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	if ready != nil {
		ready(ln.Addr().String())
	}
	log.Info("api listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// ReadinessChecks are the dependencies /readyz checks: Temporal, Postgres, SMTP, IMAP.
func ReadinessChecks(cfg config.Config, st *store.Store, c client.Client) []api.NamedPinger {
	return []api.NamedPinger{
		{Name: "temporal", Pinger: api.PingFunc(func(ctx context.Context) error {
			_, err := c.CheckHealth(ctx, &client.CheckHealthRequest{})
			return err
		})},
		{Name: "postgres", Pinger: st},
		{Name: "smtp", Pinger: worker.NewMailer(cfg)},
		{Name: "imap", Pinger: api.PingFunc(func(ctx context.Context) error { return pingIMAP(ctx, cfg.IMAPAddr) })},
	}
}

// pingIMAP checks that the IMAP server greets and answers NOOP.
func pingIMAP(ctx context.Context, addr string) error {
	c, err := imapclient.DialInsecure(addr, &imapclient.Options{Dialer: &net.Dialer{Timeout: 3 * time.Second}})
	if err != nil {
		return err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { _ = c.Close() })
	defer stop()
	return c.Noop().Wait()
}
