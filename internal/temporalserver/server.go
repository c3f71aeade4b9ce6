// Package temporalserver runs a real Temporal server inside the process, persisted to a
// SQLite file (or in memory for tests), with the project's namespace and search
// attributes registered. It is what `procon-dev dev` and the integration tests run; in
// production the worker and API connect to a Temporal cluster instead.
package temporalserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/metrics"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

const host = "127.0.0.1"

// Config describes the server to start.
type Config struct {
	// DatabaseFile is the SQLite file that keeps the state across restarts; empty keeps
	// everything in memory (tests).
	DatabaseFile string
	// FrontendPort is the gRPC port clients dial; 0 picks a free port.
	FrontendPort int
	// Namespace is registered at start.
	Namespace string
	// SearchAttributes are registered on the namespace at start.
	SearchAttributes map[string]enumspb.IndexedValueType
	// LogLevel of the server's own log; "warn" when empty.
	LogLevel string
	// LogFile receives the server's own log (JSON lines); empty discards it below
	// the error level and writes errors to stderr.
	LogFile string
}

// Server is a running in-process Temporal server.
type Server struct {
	srv      temporal.Server
	hostPort string
}

// HostPort is the frontend address to dial.
func (s *Server) HostPort() string { return s.hostPort }

// Stop shuts the server down.
func (s *Server) Stop() error { return s.srv.Stop() }

// Start configures and starts a server, then registers the namespace's search attributes.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Namespace == "" {
		return nil, errors.New("temporalserver: namespace required")
	}
	if cfg.FrontendPort == 0 {
		p, err := freePorts(1)
		if err != nil {
			return nil, err
		}
		cfg.FrontendPort = p[0]
	}
	ports, err := servicePorts()
	if err != nil {
		return nil, err
	}
	sqlCfg := config.SQL{PluginName: sqliteplugin.PluginName, ConnectAttributes: map[string]string{}}
	if cfg.DatabaseFile == "" {
		// The SQLite plugin creates the schema of an in-memory database itself.
		sqlCfg.ConnectAttributes["mode"] = "memory"
		sqlCfg.ConnectAttributes["cache"] = "shared"
		sqlCfg.DatabaseName = "procon-" + strconv.Itoa(cfg.FrontendPort) // unique per server in the process
	} else {
		sqlCfg.ConnectAttributes["mode"] = "rwc"
		sqlCfg.ConnectAttributes["_journal_mode"] = "wal"
		sqlCfg.DatabaseName = cfg.DatabaseFile
		_, statErr := os.Stat(cfg.DatabaseFile)
		if statErr == nil {
			if err := forgetMembership(ctx, cfg.DatabaseFile); err != nil {
				return nil, err
			}
		}
		if errors.Is(statErr, os.ErrNotExist) {
			if err := os.MkdirAll(filepath.Dir(cfg.DatabaseFile), 0o755); err != nil {
				return nil, err
			}
			if err := sqlite.SetupSchema(&sqlCfg); err != nil {
				return nil, fmt.Errorf("temporalserver: schema: %w", err)
			}
		}
	}
	const clusterName = "active"
	ns, err := sqlite.NewNamespaceConfig(clusterName, cfg.Namespace, false, cfg.SearchAttributes)
	if err != nil {
		return nil, err
	}
	if err := sqlite.CreateNamespaces(&sqlCfg, ns); err != nil {
		return nil, fmt.Errorf("temporalserver: namespace: %w", err)
	}

	frontend := fmt.Sprintf("%s:%d", host, cfg.FrontendPort)
	service := func(grpc, membership int) config.Service {
		return config.Service{RPC: config.RPC{GRPCPort: grpc, MembershipPort: membership, BindOnLocalHost: true}}
	}
	logger := newLogger(cfg)
	conf := &config.Config{
		Global: config.Global{
			Membership: config.Membership{MaxJoinDuration: 30 * time.Second, BroadcastAddress: host},
			Metrics: &metrics.Config{Prometheus: &metrics.PrometheusConfig{
				ListenAddress: fmt.Sprintf("%s:%d", host, ports.metrics), HandlerPath: "/metrics",
			}},
			PProf: config.PProf{Port: ports.pprof},
		},
		Persistence: config.Persistence{
			DefaultStore:     sqliteplugin.PluginName,
			VisibilityStore:  sqliteplugin.PluginName,
			NumHistoryShards: 1,
			DataStores:       map[string]config.DataStore{sqliteplugin.PluginName: {SQL: &sqlCfg}},
		},
		ClusterMetadata: &cluster.Config{
			EnableGlobalNamespace:    false,
			FailoverVersionIncrement: 10,
			MasterClusterName:        clusterName,
			CurrentClusterName:       clusterName,
			ClusterInformation: map[string]cluster.ClusterInformation{
				clusterName: {Enabled: true, InitialFailoverVersion: 1, RPCAddress: frontend},
			},
		},
		DCRedirectionPolicy: config.DCRedirectionPolicy{Policy: "noop"},
		Services: map[string]config.Service{
			"frontend": service(cfg.FrontendPort, ports.frontendMembership),
			"history":  service(ports.history, ports.historyMembership),
			"matching": service(ports.matching, ports.matchingMembership),
			"worker":   service(ports.worker, ports.workerMembership),
		},
		Archival: config.Archival{
			History:    config.HistoryArchival{State: "disabled"},
			Visibility: config.VisibilityArchival{State: "disabled"},
		},
		PublicClient: config.PublicClient{HostPort: frontend},
		NamespaceDefaults: config.NamespaceDefaults{Archival: config.ArchivalNamespaceDefaults{
			History:    config.HistoryArchivalNamespaceDefaults{State: "disabled"},
			Visibility: config.VisibilityArchivalNamespaceDefaults{State: "disabled"},
		}},
	}
	authorizer, err := authorization.GetAuthorizerFromConfig(&conf.Global.Authorization)
	if err != nil {
		return nil, err
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&conf.Global.Authorization, logger)
	if err != nil {
		return nil, err
	}
	srv, err := temporal.NewServer(
		temporal.WithConfig(conf),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithLogger(logger),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dynamicconfig.StaticClient{
			// Search attributes registered through the operator API are visible at once.
			dynamicconfig.ForceSearchAttributesCacheRefreshOnRead.Key(): true,
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("temporalserver: new: %w", err)
	}
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("temporalserver: start: %w", err)
	}
	s := &Server{srv: srv, hostPort: frontend}
	if err := s.ensureSearchAttributes(ctx, cfg.Namespace, cfg.SearchAttributes); err != nil {
		_ = srv.Stop()
		return nil, err
	}
	return s, nil
}

// ensureSearchAttributes adds the attributes a namespace created by an older version of
// the binary lacks (a data folder reused across upgrades).
func (s *Server) ensureSearchAttributes(ctx context.Context, namespace string, want map[string]enumspb.IndexedValueType) error {
	c, err := client.DialContext(ctx, client.Options{HostPort: s.hostPort, Namespace: namespace, Logger: QuietLogger})
	if err != nil {
		return fmt.Errorf("temporalserver: dial: %w", err)
	}
	defer c.Close()
	have, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("temporalserver: list search attributes: %w", err)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for name, typ := range want {
		if _, ok := have.GetCustomAttributes()[name]; !ok {
			missing[name] = typ
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: namespace, SearchAttributes: missing,
	})
	if err != nil {
		return fmt.Errorf("temporalserver: add search attributes: %w", err)
	}
	return nil
}

func freePorts(n int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	out := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", host+":0")
		if err != nil {
			return nil, fmt.Errorf("temporalserver: free port: %w", err)
		}
		ls = append(ls, l)
		out = append(out, l.Addr().(*net.TCPAddr).Port)
	}
	return out, nil
}

// ports are the listen ports of the server's services besides the frontend's gRPC port.
type ports struct {
	frontendMembership           int
	history, historyMembership   int
	matching, matchingMembership int
	worker, workerMembership     int
	metrics, pprof               int
}

// servicePorts picks free ports for the services.
func servicePorts() (ports, error) {
	p, err := freePorts(9)
	if err != nil {
		return ports{}, err
	}
	return ports{
		frontendMembership: p[0],
		history:            p[1], historyMembership: p[2],
		matching: p[3], matchingMembership: p[4],
		worker: p[5], workerMembership: p[6],
		metrics: p[7], pprof: p[8],
	}, nil
}

func newLogger(cfg Config) log.Logger {
	if cfg.LogFile == "" {
		return log.NewZapLogger(log.BuildZapLogger(log.Config{Level: "error", Format: "json", Stdout: false}))
	}
	level := cfg.LogLevel
	if level == "" {
		level = "warn"
	}
	return log.NewZapLogger(log.BuildZapLogger(log.Config{Level: level, Format: "json", OutputFile: cfg.LogFile}))
}
