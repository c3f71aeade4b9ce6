// Package logging builds the process logger: JSON lines through log/slog, with personal
// data (CPF, e-mail addresses, RG, tokens) masked before anything is written (LGPD).
package logging

import (
	"context"
	"io"
	"log/slog"
	"strings"
)

// New returns a JSON logger writing to w at the given level ("debug", "info", "warn",
// "error"), masking personal data in every attribute and in the message.
func New(w io.Writer, level string) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		lvl = slog.LevelInfo
	}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl, ReplaceAttr: replaceAttr})
	return slog.New(&maskingHandler{Handler: h})
}

// maskingHandler masks the record's message; attributes are masked by replaceAttr.
type maskingHandler struct{ slog.Handler }

func (h *maskingHandler) Handle(ctx context.Context, r slog.Record) error {
	r.Message = Mask(r.Message)
	return h.Handler.Handle(ctx, r)
}

func (h *maskingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &maskingHandler{Handler: h.Handler.WithAttrs(attrs)}
}

func (h *maskingHandler) WithGroup(name string) slog.Handler {
	return &maskingHandler{Handler: h.Handler.WithGroup(name)}
}

// sensitiveKeys are attribute keys whose values are never written, whatever they hold.
var sensitiveKeys = map[string]bool{
	"cpf": true, "rg": true, "cpf_cnpj": true, "token": true, "password": true,
	"authorization": true, "body": true, "raw": true,
}

func replaceAttr(_ []string, a slog.Attr) slog.Attr {
	if sensitiveKeys[strings.ToLower(a.Key)] {
		return slog.String(a.Key, "[redacted]")
	}
	switch a.Value.Kind() {
	case slog.KindString:
		if s := a.Value.String(); s != "" {
			a.Value = slog.StringValue(Mask(s))
		}
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			a.Value = slog.StringValue(Mask(err.Error()))
		} else if s, ok := a.Value.Any().(interface{ String() string }); ok {
			a.Value = slog.StringValue(Mask(s.String()))
		}
	}
	return a
}
