package devmail

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"
)

// addressPattern finds things that look like e-mail addresses (also inside
// file paths), which must never reach a log in clear.
var addressPattern = regexp.MustCompile(`[^\s<>"'()=/:,;]+@[^\s<>"'()=/:,;]+`)

// maskAddresses replaces every address in s with "<address>".
func maskAddresses(s string) string {
	return addressPattern.ReplaceAllString(s, "<address>")
}

// maskedError is an error whose text has its addresses masked, for logs.
func maskedError(err error) string {
	if err == nil {
		return ""
	}
	return maskAddresses(err.Error())
}

// libLogger adapts the go-smtp and imapserver error loggers to slog, with
// addresses masked.
type libLogger struct {
	log       *slog.Logger
	component string
}

// Printf logs a formatted message.
func (l libLogger) Printf(format string, args ...any) {
	l.log.Warn(l.component + ": " + maskAddresses(strings.TrimSpace(fmt.Sprintf(format, args...))))
}

// Println logs its arguments.
func (l libLogger) Println(args ...any) {
	l.log.Warn(l.component + ": " + maskAddresses(strings.TrimSpace(fmt.Sprintln(args...))))
}
