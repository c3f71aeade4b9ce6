package devmail

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// mailboxDelim is imapmemserver's hierarchy delimiter.
const mailboxDelim = "/"

// session is an IMAP session: imapmemserver's, with the shared-password
// login and every change to which messages are where written through to
// disk under the account's lock.
type session struct {
	store    *store
	acct     *account                   // nil until logged in
	inner    *imapmemserver.UserSession // nil until logged in
	selected string
}

var _ imapserver.SessionIMAP4rev2 = (*session)(nil)

// Login accepts any user name with the shared password, creating the
// account on first login.
func (s *session) Login(username, password string) error {
	if subtle.ConstantTimeCompare([]byte(password), []byte(s.store.password)) != 1 {
		return imapserver.ErrAuthFailed
	}
	a, err := s.store.account(username)
	if err != nil {
		return imapserver.ErrAuthFailed
	}
	s.acct, s.inner = a, imapmemserver.NewUserSession(a.mem)
	return nil
}

// Close ends the session.
func (s *session) Close() error {
	if s.inner == nil {
		return nil
	}
	return s.inner.Close()
}

// Select opens a mailbox.
func (s *session) Select(name string, options *imap.SelectOptions) (*imap.SelectData, error) {
	data, err := s.inner.Select(name, options)
	if err == nil {
		s.selected = name
	}
	return data, err
}

// Unselect closes the selected mailbox.
func (s *session) Unselect() error {
	s.selected = ""
	return s.inner.Unselect()
}

// Create creates a mailbox and its directory.
func (s *session) Create(name string, options *imap.CreateOptions) error {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := s.inner.Create(name, options); err != nil {
		return err
	}
	name = strings.TrimRight(name, mailboxDelim) // as imapmemserver does
	a.state.Creates++
	_ = os.RemoveAll(a.mailboxDir(name)) // stale files of an unknown mailbox
	if err := os.MkdirAll(a.mailboxDir(name), 0o700); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	return a.syncLocked(name)
}

// Delete deletes a mailbox and its messages.
func (s *session) Delete(name string) error {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := s.inner.Delete(name); err != nil {
		return err
	}
	if err := os.RemoveAll(a.mailboxDir(name)); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	return a.syncLocked(name)
}

// Rename renames a mailbox and its directory.
func (s *session) Rename(oldName, newName string, options *imap.RenameOptions) error {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := s.inner.Rename(oldName, newName, options); err != nil {
		return err
	}
	newName = strings.TrimRight(newName, mailboxDelim) // as imapmemserver does
	_ = os.RemoveAll(a.mailboxDir(newName))
	if err := os.Rename(a.mailboxDir(oldName), a.mailboxDir(newName)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("devmail: %w", err)
	}
	if i := a.mailboxIndex(oldName); i >= 0 {
		a.state.Mailboxes[i].Name = newName
	}
	return a.syncLocked(oldName, newName)
}

// Subscribe subscribes to a mailbox.
func (s *session) Subscribe(name string) error {
	return s.setSubscribed(name, true)
}

// Unsubscribe unsubscribes from a mailbox.
func (s *session) Unsubscribe(name string) error {
	return s.setSubscribed(name, false)
}

func (s *session) setSubscribed(name string, on bool) error {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	var err error
	if on {
		err = s.inner.Subscribe(name)
	} else {
		err = s.inner.Unsubscribe(name)
	}
	if err != nil {
		return err
	}
	if i := a.mailboxIndex(name); i >= 0 {
		a.state.Mailboxes[i].Subscribed = on
	}
	return a.saveLocked()
}

// List lists mailboxes.
func (s *session) List(w *imapserver.ListWriter, ref string, patterns []string, options *imap.ListOptions) error {
	return s.inner.List(w, ref, patterns, options)
}

// Status reports on a mailbox.
func (s *session) Status(name string, options *imap.StatusOptions) (*imap.StatusData, error) {
	return s.inner.Status(name, options)
}

// Namespace reports the personal namespace.
func (s *session) Namespace() (*imap.NamespaceData, error) {
	return s.inner.Namespace()
}

// Append adds a message to a mailbox and writes it to disk.
func (s *session) Append(name string, r imap.LiteralReader, options *imap.AppendOptions) (*imap.AppendData, error) {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	opts := imap.AppendOptions{}
	if options != nil {
		opts = *options
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	data, err := s.inner.Append(name, literal(buf.Bytes()), &opts)
	if err != nil {
		return nil, err
	}
	if err := a.writeMessage(name, data.UID, buf.Bytes(), opts.Time); err != nil {
		return nil, err
	}
	return data, a.syncLocked(name)
}

// Poll sends pending updates.
func (s *session) Poll(w *imapserver.UpdateWriter, allowExpunge bool) error {
	return s.inner.Poll(w, allowExpunge)
}

// Idle sends updates as they happen until stop is closed.
func (s *session) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	return s.inner.Idle(w, stop)
}

// Search searches the selected mailbox.
func (s *session) Search(kind imapserver.NumKind, criteria *imap.SearchCriteria, options *imap.SearchOptions) (*imap.SearchData, error) {
	return s.inner.Search(kind, criteria, options)
}

// Fetch reads messages of the selected mailbox.
func (s *session) Fetch(w *imapserver.FetchWriter, numSet imap.NumSet, options *imap.FetchOptions) error {
	return s.inner.Fetch(w, numSet, options)
}

// Store changes flags (kept in memory only).
func (s *session) Store(w *imapserver.FetchWriter, numSet imap.NumSet, flags *imap.StoreFlags, options *imap.StoreOptions) error {
	return s.inner.Store(w, numSet, flags, options)
}

// Expunge removes \Deleted messages and their files.
func (s *session) Expunge(w *imapserver.ExpungeWriter, uids *imap.UIDSet) error {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	before, err := s.selectedUIDs()
	if err != nil {
		return err
	}
	expErr := s.inner.Expunge(w, uids)
	after, err := s.selectedUIDs()
	if err != nil {
		return err
	}
	for _, uid := range gone(before, after) {
		if err := removeFile(a.messagePath(s.selected, uid)); err != nil {
			return err
		}
	}
	return expErr
}

// Copy copies messages and their files.
func (s *session) Copy(numSet imap.NumSet, dest string) (*imap.CopyData, error) {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	data, err := s.inner.Copy(numSet, dest)
	if err != nil {
		return nil, err
	}
	src, _ := data.SourceUIDs.Nums()
	dst, _ := data.DestUIDs.Nums()
	if len(src) != len(dst) {
		return nil, fmt.Errorf("devmail: copy gave %d UIDs for %d messages", len(dst), len(src))
	}
	for i := range src {
		if err := copyFile(a.messagePath(s.selected, src[i]), a.messagePath(dest, dst[i])); err != nil {
			return nil, err
		}
	}
	return data, a.syncLocked(dest)
}

// Move moves messages and their files. imapmemserver moves them in UID
// order and numbers them from the destination's UIDNEXT; with the account
// locked nothing else can interleave, so the UIDs that left the source pair
// with the new destination UIDs in order.
func (s *session) Move(w *imapserver.MoveWriter, numSet imap.NumSet, dest string) error {
	a := s.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	before, err := s.selectedUIDs()
	if err != nil {
		return err
	}
	next := imap.UID(0)
	if st, err := a.mem.Status(dest, &imap.StatusOptions{UIDNext: true}); err == nil {
		next = st.UIDNext
	}
	moveErr := s.inner.Move(w, numSet, dest)
	after, err := s.selectedUIDs()
	if err != nil {
		return err
	}
	moved := gone(before, after)
	for i, uid := range moved {
		if err := moveFile(a.messagePath(s.selected, uid), a.messagePath(dest, next+imap.UID(i))); err != nil {
			return err
		}
	}
	if err := a.syncLocked(dest); err != nil {
		return err
	}
	return moveErr
}

// selectedUIDs lists every UID of the selected mailbox.
func (s *session) selectedUIDs() ([]imap.UID, error) {
	data, err := s.inner.Search(imapserver.NumKindUID, &imap.SearchCriteria{}, &imap.SearchOptions{ReturnAll: true})
	if err != nil {
		return nil, err
	}
	return data.AllUIDs(), nil
}

// gone returns the UIDs of before that are not in after, in order.
func gone(before, after []imap.UID) []imap.UID {
	kept := make(map[imap.UID]bool, len(after))
	for _, uid := range after {
		kept[uid] = true
	}
	var out []imap.UID
	for _, uid := range before {
		if !kept[uid] {
			out = append(out, uid)
		}
	}
	slices.Sort(out)
	return out
}

func removeFile(path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("devmail: %w", err)
	}
	return nil
}

// copyFile copies a message file, keeping its modification time.
func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	return writeAtomic(to, b, modTime(from))
}

// moveFile moves a message file, across mailbox directories.
func moveFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	return nil
}
