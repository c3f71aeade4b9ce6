package devmail

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-smtp"
)

// imapCaps are the advertised IMAP capabilities: IMAP4rev2 (which includes
// UIDPLUS, MOVE, NAMESPACE, ...) and, for IMAP4rev1 clients, the same
// extensions by name. IDLE is always on.
var imapCaps = imap.CapSet{
	imap.CapIMAP4rev1:    {},
	imap.CapIMAP4rev2:    {},
	imap.CapNamespace:    {},
	imap.CapUIDPlus:      {},
	imap.CapMove:         {},
	imap.CapESearch:      {},
	imap.CapListExtended: {},
	imap.CapListStatus:   {},
	imap.CapStatusSize:   {},
	imap.CapLiteralPlus:  {},
}

// Server is a running SMTP + IMAP server.
type Server struct {
	// SMTPAddr is the SMTP listen address, "host:port" (no TLS).
	SMTPAddr string
	// IMAPAddr is the IMAP listen address, "host:port" (plain text).
	IMAPAddr string

	store *store
	smtp  *smtp.Server
	imap  *imapserver.Server
	wg    sync.WaitGroup
	once  sync.Once
	err   error
}

// Start loads cfg.DataDir and starts serving SMTP and IMAP. ctx bounds the
// start only; the server runs until Close.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	began := time.Now()
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("devmail: %w", err)
	}
	st := newStore(cfg.DataDir, cfg.Password, cfg.Logger)
	if err := st.load(); err != nil {
		return nil, errors.New(maskedError(err))
	}

	var lc net.ListenConfig
	smtpLn, err := lc.Listen(ctx, "tcp", cfg.SMTPAddr)
	if err != nil {
		return nil, fmt.Errorf("devmail: smtp listen: %w", err)
	}
	imapLn, err := lc.Listen(ctx, "tcp", cfg.IMAPAddr)
	if err != nil {
		smtpLn.Close()
		return nil, fmt.Errorf("devmail: imap listen: %w", err)
	}

	s := &Server{SMTPAddr: smtpLn.Addr().String(), IMAPAddr: imapLn.Addr().String(), store: st}
	s.smtp = smtp.NewServer(smtpBackend{store: st})
	s.smtp.Domain = "localhost"
	s.smtp.AllowInsecureAuth = true
	s.smtp.EnableSMTPUTF8 = true
	s.smtp.MaxMessageBytes = cfg.MaxMessageBytes
	s.smtp.MaxRecipients = 1000
	s.smtp.ReadTimeout = 5 * time.Minute
	s.smtp.WriteTimeout = time.Minute
	s.smtp.ErrorLog = libLogger{log: cfg.Logger, component: "devmail smtp"}
	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &session{store: st}, nil, nil
		},
		Caps:         imapCaps,
		InsecureAuth: true,
		Logger:       libLogger{log: cfg.Logger, component: "devmail imap"},
	})

	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		if err := s.smtp.Serve(smtpLn); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			cfg.Logger.Error("devmail smtp stopped", "error", maskedError(err))
		}
	}()
	go func() {
		defer s.wg.Done()
		if err := s.imap.Serve(imapLn); err != nil {
			cfg.Logger.Error("devmail imap stopped", "error", maskedError(err))
		}
	}()
	cfg.Logger.Info("devmail started", "smtp", s.SMTPAddr, "imap", s.IMAPAddr,
		"elapsed", time.Since(began).Round(time.Millisecond))
	return s, nil
}

// Deliver stores msg in the INBOX of each recipient as if it had arrived
// over SMTP (for seeding). Recipients that are not valid names are an error.
func (s *Server) Deliver(from string, to []string, msg []byte) error {
	var rcpts []string
	for _, r := range to {
		n, err := normalizeUser(r)
		if err != nil {
			return err
		}
		rcpts = append(rcpts, n)
	}
	return s.store.deliver(from, rcpts, msg)
}

// Close stops both servers, closing open connections, and waits for them.
// Every delivered message is already on disk. Close is idempotent.
func (s *Server) Close() error {
	s.once.Do(func() {
		var errs []error
		if err := s.smtp.Close(); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			errs = append(errs, err)
		}
		if err := s.imap.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			errs = append(errs, err)
		}
		s.wg.Wait()
		s.err = errors.Join(errs...)
	})
	return s.err
}
