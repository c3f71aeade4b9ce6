package mailstack

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
)

// DefaultUser is the unprivileged system user Dovecot runs as and that owns
// the Maildirs when Config.User is empty.
const DefaultUser = "mail"

// Config describes a stack to start.
type Config struct {
	// BaseDir holds everything the stack writes (required). It is created
	// if missing. Directories above it must be searchable by User: Start
	// adds the "search by others" bit to directories below os.TempDir()
	// (such as t.TempDir()'s 0700 parents) and fails for others.
	BaseDir string
	// SMTPPort is the loopback SMTP port; 0 picks a free one.
	SMTPPort int
	// IMAPPort is the loopback IMAP port; 0 picks a free one.
	IMAPPort int
	// Password is the one IMAP password of every user (required).
	Password string
	// User is the system user Dovecot runs as; empty means DefaultUser.
	// It is created (system user, no home, no shell) if it does not exist.
	User string
	// Logger receives lifecycle messages (ports, timings, failures); nil
	// discards them. It never receives passwords, addresses or bodies.
	Logger *slog.Logger
}

func (c Config) withDefaults() (Config, error) {
	if c.BaseDir == "" {
		return c, errors.New("mailstack: Config.BaseDir is required")
	}
	if c.Password == "" {
		return c, errors.New("mailstack: Config.Password is required")
	}
	abs, err := filepath.Abs(c.BaseDir)
	if err != nil {
		return c, fmt.Errorf("mailstack: base dir: %w", err)
	}
	c.BaseDir = abs
	if c.User == "" {
		c.User = DefaultUser
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	for _, p := range []int{c.SMTPPort, c.IMAPPort} {
		if p < 0 || p > 65535 {
			return c, fmt.Errorf("mailstack: invalid port %d", p)
		}
	}
	return c, nil
}
