// Package metrics exposes the process's Prometheus metrics: the HTTP API's and the
// Temporal SDK's, on one registry.
package metrics

import (
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/sdk/client"
)

// TemporalHandler adapts the Temporal SDK's metrics to a Prometheus registry. Each SDK
// metric becomes a Prometheus vector named temporal_<name>, whose label names are fixed
// by its first use; a later use with other tags maps onto them (missing labels are
// empty, extra ones dropped) so that an SDK change can never make a scrape fail.
type TemporalHandler struct {
	reg  prometheus.Registerer
	tags map[string]string
	vecs *vecs
}

type vecs struct {
	mu       sync.Mutex
	counters map[string]*labeled[*prometheus.CounterVec]
	gauges   map[string]*labeled[*prometheus.GaugeVec]
	timers   map[string]*labeled[*prometheus.HistogramVec]
}

type labeled[V any] struct {
	vec    V
	labels []string
}

// NewTemporalHandler returns a handler registering its metrics on reg.
func NewTemporalHandler(reg prometheus.Registerer) *TemporalHandler {
	return &TemporalHandler{reg: reg, tags: map[string]string{}, vecs: &vecs{
		counters: map[string]*labeled[*prometheus.CounterVec]{},
		gauges:   map[string]*labeled[*prometheus.GaugeVec]{},
		timers:   map[string]*labeled[*prometheus.HistogramVec]{},
	}}
}

var _ client.MetricsHandler = (*TemporalHandler)(nil)

// WithTags implements client.MetricsHandler.
func (h *TemporalHandler) WithTags(tags map[string]string) client.MetricsHandler {
	merged := make(map[string]string, len(h.tags)+len(tags))
	for k, v := range h.tags {
		merged[k] = v
	}
	for k, v := range tags {
		merged[k] = v
	}
	return &TemporalHandler{reg: h.reg, tags: merged, vecs: h.vecs}
}

// Counter implements client.MetricsHandler.
func (h *TemporalHandler) Counter(name string) client.MetricsCounter {
	v := get(h, h.vecs.counters, name, func(n string, l []string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: n, Help: "Temporal SDK counter " + name}, l)
	})
	c := v.vec.WithLabelValues(values(v.labels, h.tags)...)
	return counterFunc(func(d int64) { c.Add(float64(d)) })
}

// Gauge implements client.MetricsHandler.
func (h *TemporalHandler) Gauge(name string) client.MetricsGauge {
	v := get(h, h.vecs.gauges, name, func(n string, l []string) *prometheus.GaugeVec {
		return prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: n, Help: "Temporal SDK gauge " + name}, l)
	})
	g := v.vec.WithLabelValues(values(v.labels, h.tags)...)
	return gaugeFunc(g.Set)
}

// Timer implements client.MetricsHandler.
func (h *TemporalHandler) Timer(name string) client.MetricsTimer {
	v := get(h, h.vecs.timers, name, func(n string, l []string) *prometheus.HistogramVec {
		return prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: n + "_seconds", Help: "Temporal SDK timer " + name, Buckets: prometheus.DefBuckets,
		}, l)
	})
	o := v.vec.WithLabelValues(values(v.labels, h.tags)...)
	return timerFunc(func(d time.Duration) { o.Observe(d.Seconds()) })
}

// get returns the vector of a metric, creating and registering it on first use.
func get[V prometheus.Collector](h *TemporalHandler, m map[string]*labeled[V], name string, mk func(string, []string) V) *labeled[V] {
	h.vecs.mu.Lock()
	defer h.vecs.mu.Unlock()
	if v, ok := m[name]; ok {
		return v
	}
	labels := make([]string, 0, len(h.tags))
	for k := range h.tags {
		labels = append(labels, sanitize(k))
	}
	sort.Strings(labels)
	// The SDK's names already start with temporal_ (temporal_request…); others get it.
	v := &labeled[V]{vec: mk("temporal_"+strings.TrimPrefix(sanitize(name), "temporal_"), labels), labels: labels}
	if err := h.reg.Register(v.vec); err != nil {
		if are, ok := err.(prometheus.AlreadyRegisteredError); ok {
			v.vec = are.ExistingCollector.(V)
		}
	}
	m[name] = v
	return v
}

func values(labels []string, tags map[string]string) []string {
	byLabel := make(map[string]string, len(tags))
	for k, v := range tags {
		byLabel[sanitize(k)] = v
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = byLabel[l]
	}
	return out
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

type counterFunc func(int64)

func (f counterFunc) Inc(d int64) { f(d) }

type gaugeFunc func(float64)

func (f gaugeFunc) Update(v float64) { f(v) }

type timerFunc func(time.Duration)

func (f timerFunc) Record(d time.Duration) { f(d) }
