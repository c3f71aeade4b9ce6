// Package mailbox watches the agency's IMAP mailboxes. Each message is stored raw in
// Postgres once, handed to its workflow, and only then marked processed on the server,
// so a crash at any point loses nothing and does nothing twice.
package mailbox

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/mail"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/procon-es/procon/internal/store"
)

// ProcessedKeyword is the IMAP keyword set on a message once its workflow has started.
const ProcessedKeyword imap.Flag = "$ProconProcessed"

// Dispatcher hands a stored message to its workflow. It must be idempotent: the same
// message may be dispatched again after a crash.
type Dispatcher interface {
	Dispatch(ctx context.Context, mailbox string, inboundID int64) error
}

// Config says which mailbox to watch and how.
type Config struct {
	// Name is the agency's name of the mailbox (workflows.MailboxIntake…).
	Name string
	// Addr is the IMAP server's host:port; User and Password log in.
	Addr, User, Password string
	// Folder is the IMAP folder to read; INBOX when empty.
	Folder string
	// PollInterval is how often the mailbox is searched when IDLE is not available, and
	// the longest IDLE lasts before a new search.
	PollInterval time.Duration
	// MaxBackoff caps the wait between reconnection attempts.
	MaxBackoff time.Duration
	// MaxMessageBytes is the largest message downloaded whole (0: no limit). A larger
	// one is stored by its header and declared size, for a clear refusal.
	MaxMessageBytes int64
}

// Poller reads one mailbox.
type Poller struct {
	cfg      Config
	store    *store.Store
	dispatch Dispatcher
	log      *slog.Logger
}

// NewPoller returns a poller of one mailbox.
func NewPoller(cfg Config, st *store.Store, d Dispatcher, log *slog.Logger) *Poller {
	if cfg.Folder == "" {
		cfg.Folder = "INBOX"
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 10 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 30 * time.Second
	}
	return &Poller{cfg: cfg, store: st, dispatch: d, log: log.With("mailbox", cfg.Name)}
}

// Run watches the mailbox until ctx ends, reconnecting with backoff whenever the
// server or the database goes away.
func (p *Poller) Run(ctx context.Context) error {
	first := min(time.Second, p.cfg.MaxBackoff)
	backoff := first
	for {
		connected, err := p.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if connected { // the server was back: the next outage starts a new backoff
			backoff = first
		}
		p.log.Warn("mailbox session ended; reconnecting", "error", err, "backoff", backoff.String())
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		if backoff *= 2; backoff > p.cfg.MaxBackoff {
			backoff = p.cfg.MaxBackoff
		}
	}
}

// session is one connection: log in, drain the mailbox, then wait for news (IDLE or a
// poll interval) and drain again, until an error or ctx ends. connected reports whether
// it got as far as selecting the mailbox.
func (p *Poller) session(ctx context.Context) (connected bool, err error) {
	wake := make(chan struct{}, 1)
	c, err := imapclient.DialInsecure(p.cfg.Addr, &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					select {
					case wake <- struct{}{}:
					default:
					}
				}
			},
		},
	})
	if err != nil {
		return false, fmt.Errorf("dial: %w", err)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { _ = c.Close() })
	defer stop()
	if err := c.Login(p.cfg.User, p.cfg.Password).Wait(); err != nil {
		return false, fmt.Errorf("login: %w", err)
	}
	sel, err := c.Select(p.cfg.Folder, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("select: %w", err)
	}
	idle := c.Caps().Has(imap.CapIdle)
	p.log.Info("mailbox connected", "idle", idle)
	for {
		if err := p.drain(ctx, c, sel.UIDValidity); err != nil {
			return true, err
		}
		if err := p.wait(ctx, c, idle, wake); err != nil {
			return true, err
		}
	}
}

// wait blocks until the server reports new mail, the poll interval passes or ctx ends.
func (p *Poller) wait(ctx context.Context, c *imapclient.Client, idle bool, wake <-chan struct{}) error {
	timer := time.NewTimer(p.cfg.PollInterval)
	defer timer.Stop()
	if !idle {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return nil
		}
	}
	cmd, err := c.Idle()
	if err != nil {
		return fmt.Errorf("idle: %w", err)
	}
	select {
	case <-ctx.Done():
	case <-wake:
	case <-timer.C:
	case <-c.Closed():
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("idle close: %w", err)
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("idle: %w", err)
	}
	return ctx.Err()
}

// drain processes every message not yet marked processed, in UID order.
func (p *Poller) drain(ctx context.Context, c *imapclient.Client, uidValidity uint32) error {
	pos, err := p.store.MailboxPosition(ctx, p.cfg.Name)
	if err != nil {
		return fmt.Errorf("position: %w", err)
	}
	if pos.UIDValidity != uidValidity {
		if pos.UIDValidity != 0 {
			p.log.Warn("UIDVALIDITY changed; rescanning the mailbox", "old", pos.UIDValidity, "new", uidValidity)
		}
		pos = store.MailboxPosition{UIDValidity: uidValidity}
	}
	criteria := &imap.SearchCriteria{
		UID:     []imap.UIDSet{{imap.UIDRange{Start: imap.UID(pos.LastUID + 1), Stop: 0}}},
		NotFlag: []imap.Flag{ProcessedKeyword},
	}
	res, err := c.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	uids := res.AllUIDs()
	sort.Slice(uids, func(i, j int) bool { return uids[i] < uids[j] })
	for _, uid := range uids {
		if uint32(uid) <= pos.LastUID {
			continue // "n:*" always matches the last message
		}
		if err := p.handle(ctx, c, uid); err != nil {
			return err
		}
		pos.LastUID = uint32(uid)
		if err := p.store.SaveMailboxPosition(ctx, p.cfg.Name, pos); err != nil {
			return fmt.Errorf("save position: %w", err)
		}
	}
	if len(uids) == 0 && pos.LastUID == 0 {
		return p.store.SaveMailboxPosition(ctx, p.cfg.Name, pos)
	}
	return nil
}

// handle stores, dispatches and marks one message. Its size is asked first: a message
// over the limit is not downloaded, only its header, stored with the declared size.
func (p *Poller) handle(ctx context.Context, c *imapclient.Client, uid imap.UID) error {
	set := imap.UIDSetNum(uid)
	section := &imap.FetchItemBodySection{Peek: true}
	var size int64
	if p.cfg.MaxMessageBytes > 0 {
		sized, err := c.Fetch(set, &imap.FetchOptions{UID: true, RFC822Size: true}).Collect()
		if err != nil {
			return fmt.Errorf("fetch size %d: %w", uid, err)
		}
		if len(sized) == 0 {
			return nil // expunged meanwhile
		}
		if size = sized[0].RFC822Size; size > p.cfg.MaxMessageBytes {
			section.Specifier = imap.PartSpecifierHeader
		}
	}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return fmt.Errorf("fetch %d: %w", uid, err)
	}
	if len(msgs) == 0 || len(msgs[0].BodySection) == 0 {
		return nil // expunged meanwhile
	}
	raw := msgs[0].BodySection[0].Bytes
	var inbound store.InboundMessage
	var created bool
	if section.Specifier == imap.PartSpecifierHeader {
		p.log.Warn("message over the size limit; only its header is kept", "uid", uint32(uid), "size", size, "limit", p.cfg.MaxMessageBytes)
		inbound, created, err = p.store.SaveOversizedInbound(ctx, p.cfg.Name, messageID(raw), raw, size)
	} else {
		inbound, created, err = p.store.SaveInbound(ctx, p.cfg.Name, messageID(raw), raw)
	}
	if err != nil {
		return fmt.Errorf("store %d: %w", uid, err)
	}
	if !created {
		p.log.Info("message already stored; not dispatched again", "uid", uint32(uid), "inbound_id", inbound.ID)
	}
	if inbound.Status == "stored" {
		if err := p.dispatch.Dispatch(ctx, p.cfg.Name, inbound.ID); err != nil {
			return fmt.Errorf("dispatch %d: %w", inbound.ID, err)
		}
		if err := p.store.SetInboundStatus(ctx, inbound.ID, "dispatched", ""); err != nil {
			return err
		}
	}
	if err := c.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{ProcessedKeyword}}, nil).Close(); err != nil {
		return fmt.Errorf("mark %d: %w", uid, err)
	}
	p.log.Info("message processed", "uid", uint32(uid), "inbound_id", inbound.ID, "new", created)
	return nil
}

// messageID reads the Message-ID header of a raw message ("" when absent or unreadable).
func messageID(raw []byte) string {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return ""
	}
	id := strings.TrimSpace(m.Header.Get("Message-Id"))
	return strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
}
