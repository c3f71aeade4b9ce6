package temporalserver

import (
	"log/slog"

	sdklog "go.temporal.io/sdk/log"
)

// QuietLogger is an SDK logger that drops everything: for short-lived clients (the
// server's own admin client, test clients) whose log lines say nothing useful.
var QuietLogger = sdklog.NewStructuredLogger(slog.New(slog.DiscardHandler))
