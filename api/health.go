package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthz answers while the process is up.
func (s *Server) healthz() gin.HandlerFunc {
	return func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"situacao": "ok"}) }
}

// readyz checks every dependency (Temporal, Postgres, SMTP, IMAP) and names the ones that
// do not answer.
func (s *Server) readyz() gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
		defer cancel()
		checks := map[string]string{}
		var failing []string
		for _, p := range s.ready {
			if err := p.Ping(ctx); err != nil {
				checks[p.Name] = "indisponível"
				failing = append(failing, p.Name)
				s.log.Warn("readiness check failed", "dependency", p.Name, "error", err)
				continue
			}
			checks[p.Name] = "ok"
		}
		if len(failing) > 0 {
			c.JSON(http.StatusServiceUnavailable, gin.H{
				"situacao": "indisponivel", "code": CodeUnavailable, "falhando": failing, "verificacoes": checks,
				"message": "Dependência indisponível: " + joinPT(failing) + ".",
			})
			return
		}
		c.JSON(http.StatusOK, gin.H{"situacao": "ok", "verificacoes": checks})
	}
}

// metrics serves the Prometheus registry.
func (s *Server) metrics() gin.HandlerFunc {
	h := promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})
	return gin.WrapH(h)
}

func joinPT(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	out := xs[0]
	for _, x := range xs[1 : len(xs)-1] {
		out += ", " + x
	}
	return out + " e " + xs[len(xs)-1]
}
