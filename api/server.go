// Package api is the staff HTTP API (gin): health, metrics and the case endpoints.
// Errors are JSON {code, message} with a Portuguese message.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"

	"github.com/procon-es/procon/internal/metrics"
	"github.com/procon-es/procon/internal/store"
)

// Pinger checks that a dependency answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// PingFunc adapts a function to Pinger.
type PingFunc func(ctx context.Context) error

// Ping implements Pinger.
func (f PingFunc) Ping(ctx context.Context) error { return f(ctx) }

// Deps are what the API needs.
type Deps struct {
	Store    *store.Store
	Temporal client.Client
	// Registry holds the metrics served at /metrics (HTTP and Temporal SDK).
	Registry *prometheus.Registry
	// Ready lists the dependencies /readyz checks, by name, in order.
	Ready []NamedPinger
	Log   *slog.Logger
	// CalendarNotifier is told after a closure is declared or removed, so that running
	// workflows move their deadlines; optional (nil: nobody is told).
	CalendarNotifier CalendarNotifier
	// ProtocolAddress is where petitions go (004 §14.1); CIP letters say it.
	ProtocolAddress string
	// PublicURL is where people reach the API and its pages (PROCON_PUBLIC_URL); over
	// https the console's cookies are Secure.
	PublicURL string
}

// NamedPinger is a dependency checked by /readyz.
type NamedPinger struct {
	Name string
	Pinger
}

// Server holds the API's dependencies.
type Server struct {
	store    *store.Store
	temporal client.Client
	registry *prometheus.Registry
	ready    []NamedPinger
	log      *slog.Logger
	// calendarNotifier may be nil.
	calendarNotifier CalendarNotifier
	protocol         string
	// tracking limits failed tracking attempts per client.
	tracking failureBudget
	// secureCookies: the console is served over https.
	secureCookies bool
	// nav is each role's console menu, from the route table.
	nav map[string][]navLink
}

// New builds the HTTP handler of the API.
func New(d Deps) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	s := &Server{store: d.Store, temporal: d.Temporal, registry: d.Registry, ready: d.Ready, log: d.Log}
	s.calendarNotifier = d.CalendarNotifier
	s.protocol = d.ProtocolAddress
	s.secureCookies = strings.HasPrefix(d.PublicURL, "https://")
	r := gin.New()
	r.RedirectTrailingSlash = false // an API answers JSON errors, not HTML redirects
	// The client address is the connection's: a forwarded header must not let a client
	// pose as another (the tracking endpoint limits failures per client).
	if err := r.SetTrustedProxies(nil); err != nil {
		panic(err) // nil is always accepted
	}
	r.Use(gin.Recovery(), metrics.HTTPMiddleware(d.Registry), s.accessLog(), securityHeaders())
	r.NoRoute(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/interno/") {
			s.pageError(c, http.StatusNotFound, "Página não encontrada", "Não há página neste endereço.")
			return
		}
		abort(c, http.StatusNotFound, CodeNotFound, "Recurso não encontrado.")
	})
	routes := Routes()
	s.nav = consoleNav(routes)
	for _, rt := range routes {
		hs := []gin.HandlerFunc{}
		switch {
		case rt.Public:
		case rt.Page:
			hs = append(hs, s.requireSession(rt.Roles))
		default:
			hs = append(hs, s.requireRoles(rt.Roles))
		}
		hs = append(hs, rt.handler(s))
		r.Handle(rt.Method, rt.Path, hs...)
	}
	return r
}

// accessLog writes one line per request, without query strings (they may carry a CPF).
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		attrs := []any{"method", c.Request.Method, "route", c.FullPath(), "status", c.Writer.Status(),
			"duration_ms", time.Since(start).Milliseconds()}
		if st := staffOf(c); st.ID != 0 {
			attrs = append(attrs, "staff_id", st.ID)
		}
		if len(c.Errors) > 0 {
			attrs = append(attrs, "error", c.Errors.String())
		}
		s.log.Info("http request", attrs...)
	}
}
