package devmail

import (
	"errors"
	"io"
	"log/slog"
	"path/filepath"
)

// DefaultMaxMessageBytes is the SMTP message size limit when
// Config.MaxMessageBytes is zero.
const DefaultMaxMessageBytes = 32 << 20

// Config describes a server to start.
type Config struct {
	// DataDir holds the mail (required); created if missing.
	DataDir string
	// SMTPAddr and IMAPAddr are TCP listen addresses; "127.0.0.1:0" (also
	// used when empty) picks a free port.
	SMTPAddr, IMAPAddr string
	// Password is the one password of every IMAP user and of SMTP AUTH
	// (required).
	Password string
	// MaxMessageBytes limits an SMTP message; 0 means DefaultMaxMessageBytes.
	MaxMessageBytes int64
	// Logger receives lifecycle and delivery events; nil discards them.
	Logger *slog.Logger
}

func (c Config) withDefaults() (Config, error) {
	if c.DataDir == "" {
		return c, errors.New("devmail: Config.DataDir is required")
	}
	if c.Password == "" {
		return c, errors.New("devmail: Config.Password is required")
	}
	abs, err := filepath.Abs(c.DataDir)
	if err != nil {
		return c, err
	}
	c.DataDir = abs
	if c.SMTPAddr == "" {
		c.SMTPAddr = "127.0.0.1:0"
	}
	if c.IMAPAddr == "" {
		c.IMAPAddr = "127.0.0.1:0"
	}
	if c.MaxMessageBytes == 0 {
		c.MaxMessageBytes = DefaultMaxMessageBytes
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c, nil
}
