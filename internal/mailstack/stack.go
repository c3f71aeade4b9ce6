package mailstack

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// stopTimeout bounds each wait while stopping a daemon.
const stopTimeout = 10 * time.Second

// Stack is a running mail stack. Its methods are safe for concurrent use.
type Stack struct {
	// SMTPAddr is OpenSMTPD's address, "127.0.0.1:port" (no TLS, no AUTH).
	SMTPAddr string
	// IMAPAddr is Dovecot's IMAP address, "127.0.0.1:port" (plain text).
	IMAPAddr string
	// LMTPAddr is Dovecot's LMTP address, used by OpenSMTPD.
	LMTPAddr string
	// BaseDir is the absolute base directory (see the package comment).
	BaseDir string

	cfg                          Config
	user                         sysUser
	smtpPort, imapPort, lmtpPort int
	dovecotRunDir                string
	shortRunDir                  string // a TempDir base_dir to remove on Stop

	mu      sync.Mutex
	dovecot *daemon
	smtpd   *daemon
	stopped bool
}

// Start prepares cfg.BaseDir, starts Dovecot and OpenSMTPD, and returns once
// SMTP, LMTP and IMAP accept connections. ctx bounds the start only; the
// daemons run until Stop. On error nothing is left running.
func Start(ctx context.Context, cfg Config) (*Stack, error) {
	began := time.Now()
	if err := Available(); err != nil {
		return nil, err
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := checkPathChars(cfg.BaseDir); err != nil {
		return nil, err
	}
	s := &Stack{BaseDir: cfg.BaseDir, cfg: cfg, smtpPort: cfg.SMTPPort, imapPort: cfg.IMAPPort}
	if s.user, err = lookupOrCreateUser(cfg.User); err != nil {
		return nil, err
	}
	if err := s.prepareDirs(); err != nil {
		return nil, err
	}
	for _, p := range []*int{&s.smtpPort, &s.imapPort, &s.lmtpPort} {
		if *p == 0 {
			if *p, err = freePort(); err != nil {
				return nil, err
			}
		}
	}
	s.SMTPAddr, s.IMAPAddr, s.LMTPAddr = loopback(s.smtpPort), loopback(s.imapPort), loopback(s.lmtpPort)
	if err := s.writeDovecotConf(); err != nil {
		s.removeShortRunDir()
		return nil, err
	}
	if err := s.writeSmtpdConf(); err != nil {
		s.removeShortRunDir()
		return nil, err
	}
	if err := s.StartIMAP(ctx); err != nil {
		s.removeShortRunDir()
		return nil, err
	}
	if err := s.StartSMTP(ctx); err != nil {
		_ = s.Stop()
		return nil, err
	}
	cfg.Logger.Info("mailstack started", "smtp", s.SMTPAddr, "imap", s.IMAPAddr,
		"lmtp", s.LMTPAddr, "elapsed", time.Since(began).Round(time.Millisecond))
	return s, nil
}

// safePath lists the characters a base dir may hold: the path is written
// unquoted into both daemons' configurations (":" separates Dovecot's
// mail_location options).
var safePath = regexp.MustCompile(`^[A-Za-z0-9/._+@-]+$`)

func checkPathChars(dir string) error {
	if !safePath.MatchString(dir) {
		return fmt.Errorf("mailstack: base dir %q: only letters, digits and /._+@- are supported", dir)
	}
	return nil
}

// prepareDirs creates the directory layout with the owners each daemon needs.
func (s *Stack) prepareDirs() error {
	if err := os.MkdirAll(s.BaseDir, 0o755); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	if err := ensureSearchable(s.BaseDir, s.user); err != nil {
		return err
	}
	u := s.user
	dirs := []struct {
		path     string
		perm     os.FileMode
		uid, gid uint32
	}{
		{"etc", 0o755, 0, 0},
		{"log", 0o755, 0, 0},
		{"mail", 0o700, u.uid, u.gid},
		{"dovecot", 0o755, u.uid, u.gid},
		{"dovecot/state", 0o750, u.uid, u.gid},
		{"smtpd", 0o755, 0, 0},
		{"smtpd/spool", 0o711, 0, 0}, // smtpd checks this mode and owner
		{"smtpd/run", 0o755, 0, 0},
	}
	for _, d := range dirs {
		if err := mkdirOwned(filepath.Join(s.BaseDir, d.path), d.perm, d.uid, d.gid); err != nil {
			return err
		}
	}
	if err := s.prepareDovecotLog(); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	// Dovecot creates UNIX sockets up to 26 bytes below base_dir, and a
	// socket path must fit in 108 bytes: long base dirs get a short base_dir
	// under os.TempDir(), linked from dovecot/run.
	runDir := filepath.Join(s.BaseDir, "dovecot", "run")
	if len(runDir) <= 75 {
		s.dovecotRunDir = runDir
		return mkdirOwned(runDir, 0o755, u.uid, u.gid)
	}
	short, err := os.MkdirTemp("", "mailstack-dc")
	if err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	if err := mkdirOwned(short, 0o755, u.uid, u.gid); err != nil {
		return err
	}
	_ = os.Remove(runDir)
	if err := os.Symlink(short, runDir); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	s.dovecotRunDir, s.shortRunDir = short, short
	return nil
}

func (s *Stack) removeShortRunDir() {
	if s.shortRunDir != "" {
		_ = os.RemoveAll(s.shortRunDir)
	}
}

// MaildirPath returns the Maildir that holds address's mail (Dovecot lower-
// cases user names).
func (s *Stack) MaildirPath(address string) string {
	return filepath.Join(s.BaseDir, "mail", strings.ToLower(address))
}

// StartIMAP starts Dovecot (IMAP and LMTP) if it is not running and waits
// until both accept connections.
func (s *Stack) StartIMAP(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return errStopped
	}
	if s.dovecot != nil && !s.dovecot.exited() {
		return nil
	}
	began := time.Now()
	d, err := s.startDovecot()
	if err != nil {
		return err
	}
	if err := waitListening(ctx, d, s.IMAPAddr, s.LMTPAddr); err != nil {
		_ = d.stop(stopTimeout)
		return err
	}
	s.dovecot = d
	s.cfg.Logger.Info("mailstack dovecot up", "imap", s.IMAPAddr, "elapsed", time.Since(began).Round(time.Millisecond))
	return nil
}

// StopIMAP stops Dovecot (IMAP and LMTP: OpenSMTPD keeps mail queued) and
// waits until its processes have exited and the IMAP port refuses
// connections.
func (s *Stack) StopIMAP() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopDovecotLocked()
}

func (s *Stack) stopDovecotLocked() error {
	if s.dovecot == nil {
		return nil
	}
	began := time.Now()
	err := s.dovecot.stop(stopTimeout)
	s.dovecot = nil
	err = errors.Join(err, waitRefused(s.IMAPAddr, stopTimeout), waitRefused(s.LMTPAddr, stopTimeout))
	s.cfg.Logger.Info("mailstack dovecot down", "elapsed", time.Since(began).Round(time.Millisecond))
	return err
}

// StartSMTP starts OpenSMTPD if it is not running and waits until it accepts
// connections. Mail still queued at StopSMTP stays in the spool and is
// delivered after the restart.
func (s *Stack) StartSMTP(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return errStopped
	}
	if s.smtpd != nil && !s.smtpd.exited() {
		return nil
	}
	began := time.Now()
	d, err := s.startSmtpd()
	if err != nil {
		return err
	}
	if err := waitListening(ctx, d, s.SMTPAddr); err != nil {
		_ = d.stop(stopTimeout)
		return err
	}
	s.smtpd = d
	s.cfg.Logger.Info("mailstack smtpd up", "smtp", s.SMTPAddr, "elapsed", time.Since(began).Round(time.Millisecond))
	return nil
}

// StopSMTP stops OpenSMTPD and waits until its processes have exited and the
// SMTP port refuses connections.
func (s *Stack) StopSMTP() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopSmtpdLocked()
}

func (s *Stack) stopSmtpdLocked() error {
	if s.smtpd == nil {
		return nil
	}
	began := time.Now()
	err := s.smtpd.stop(stopTimeout)
	s.smtpd = nil
	err = errors.Join(err, waitRefused(s.SMTPAddr, stopTimeout))
	s.cfg.Logger.Info("mailstack smtpd down", "elapsed", time.Since(began).Round(time.Millisecond))
	return err
}

// Stop stops both daemons and waits until they have exited and their ports
// are free. The Maildirs and logs stay in BaseDir. Stop is idempotent; a
// stopped Stack cannot be started again (call Start with the same BaseDir).
func (s *Stack) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil
	}
	s.stopped = true
	err := errors.Join(s.stopSmtpdLocked(), s.stopDovecotLocked())
	s.removeShortRunDir()
	return err
}
