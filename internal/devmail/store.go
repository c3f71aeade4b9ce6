package devmail

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

const (
	inbox     = "INBOX"
	stateFile = ".state.json"
)

// store holds every account, in memory and under dir.
type store struct {
	dir      string
	password string
	log      *slog.Logger

	mu    sync.Mutex
	users map[string]*account
}

// account is one user: an imapmemserver.User mirrored on disk. mu serializes
// every change to which messages are where, and its persistence, so that the
// disk follows memory exactly (UIDs included).
type account struct {
	name string
	dir  string

	mu    sync.Mutex
	mem   *imapmemserver.User
	state accountState
}

// accountState is the .state.json of an account.
type accountState struct {
	// Creates counts every mailbox creation: imapmemserver derives each new
	// mailbox's UIDVALIDITY from it.
	Creates   uint32         `json:"creates"`
	Mailboxes []mailboxState `json:"mailboxes"`
}

// mailboxState is one mailbox's persistent identity.
type mailboxState struct {
	Name        string `json:"name"`
	UIDValidity uint32 `json:"uidValidity"`
	UIDNext     uint32 `json:"uidNext"`
	Subscribed  bool   `json:"subscribed,omitempty"`
}

func newStore(dir, password string, log *slog.Logger) *store {
	return &store{dir: dir, password: password, log: log, users: make(map[string]*account)}
}

// account returns the account called name (normalized), creating it with an
// empty INBOX if it does not exist.
func (s *store) account(name string) (*account, error) {
	n, err := normalizeUser(name)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.users[n]; a != nil {
		return a, nil
	}
	a := &account{name: n, dir: filepath.Join(s.dir, escapeName(n)), mem: imapmemserver.NewUser(n, "")}
	if err := os.MkdirAll(a.dir, 0o700); err != nil {
		return nil, fmt.Errorf("devmail: %w", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.createLocked(inbox); err != nil {
		return nil, err
	}
	s.users[n] = a
	s.log.Info("devmail account created", "accounts", len(s.users))
	return a, nil
}

// deliver appends msg to the INBOX of account a (recreating a deleted
// INBOX) and writes it to disk.
func (a *account) deliver(msg []byte, t time.Time) (imap.UID, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.mailboxIndex(inbox) < 0 {
		if err := a.createLocked(inbox); err != nil {
			return 0, err
		}
	}
	data, err := a.mem.Append(inbox, literal(msg), &imap.AppendOptions{Time: t})
	if err != nil {
		return 0, err
	}
	if err := a.writeMessage(inbox, data.UID, msg, t); err != nil {
		return 0, err
	}
	return data.UID, a.syncLocked(inbox)
}

// createLocked creates a mailbox in memory and on disk.
func (a *account) createLocked(name string) error {
	if err := a.mem.Create(name, nil); err != nil {
		return err
	}
	a.state.Creates++
	if err := os.MkdirAll(a.mailboxDir(name), 0o700); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	return a.syncLocked(name)
}

// mailboxDir is the directory of mailbox name.
func (a *account) mailboxDir(name string) string {
	return filepath.Join(a.dir, escapeName(name))
}

// messagePath is the file of message uid in mailbox name.
func (a *account) messagePath(name string, uid imap.UID) string {
	return filepath.Join(a.mailboxDir(name), strconv.FormatUint(uint64(uid), 10)+".eml")
}

// mailboxIndex returns the index of name in the state, or -1.
func (a *account) mailboxIndex(name string) int {
	return slices.IndexFunc(a.state.Mailboxes, func(m mailboxState) bool { return m.Name == name })
}

// syncLocked copies mailbox name's UIDVALIDITY and UIDNEXT from memory into
// the state (adding or, if it no longer exists, removing the entry) and
// saves the state.
func (a *account) syncLocked(names ...string) error {
	for _, name := range names {
		i := a.mailboxIndex(name)
		st, err := a.mem.Status(name, &imap.StatusOptions{UIDNext: true, UIDValidity: true})
		switch {
		case err != nil && i >= 0:
			a.state.Mailboxes = slices.Delete(a.state.Mailboxes, i, i+1)
		case err == nil && i >= 0:
			a.state.Mailboxes[i].UIDNext = uint32(st.UIDNext)
			a.state.Mailboxes[i].UIDValidity = st.UIDValidity
		case err == nil:
			a.state.Mailboxes = append(a.state.Mailboxes, mailboxState{
				Name: name, UIDValidity: st.UIDValidity, UIDNext: uint32(st.UIDNext),
			})
		}
	}
	return a.saveLocked()
}

// saveLocked writes the state file atomically.
func (a *account) saveLocked() error {
	b, err := json.MarshalIndent(a.state, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(a.dir, stateFile), append(b, '\n'), time.Time{})
}

// writeMessage stores msg as message uid of mailbox name, with t as its
// modification time (the IMAP INTERNALDATE after a reload).
func (a *account) writeMessage(name string, uid imap.UID, msg []byte, t time.Time) error {
	if err := os.MkdirAll(a.mailboxDir(name), 0o700); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	return writeAtomic(a.messagePath(name, uid), msg, t)
}

// writeAtomic writes data to path through a temporary dot file and a
// rename; a non-zero mtime is set on the file.
func writeAtomic(path string, data []byte, mtime time.Time) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("devmail: %w", err)
	}
	if !mtime.IsZero() {
		if err := os.Chtimes(f.Name(), mtime, mtime); err != nil {
			os.Remove(f.Name())
			return fmt.Errorf("devmail: %w", err)
		}
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("devmail: %w", err)
	}
	return nil
}

// literalReader is an imap.LiteralReader over a byte slice.
type literalReader struct {
	*bytes.Reader
	size int64
}

func (r literalReader) Size() int64 { return r.size }

func literal(b []byte) imap.LiteralReader {
	return literalReader{Reader: bytes.NewReader(b), size: int64(len(b))}
}
