package devmail

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// scratchMailbox is a name no client can create (IMAP names hold no NUL),
// used to advance imapmemserver's UIDVALIDITY counter during a reload.
const scratchMailbox = "\x00devmail-scratch"

// placeholder fills UIDs of expunged messages during a reload; it is
// expunged again before any client sees it.
var placeholder = []byte("Subject: devmail placeholder\r\n\r\n")

// load reads every account under s.dir into memory.
func (s *store) load() error {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return fmt.Errorf("devmail: %w", err)
	}
	messages := 0
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name, err := unescapeName(e.Name())
		if err != nil {
			continue
		}
		n, err := normalizeUser(name)
		if err != nil || escapeName(n) != e.Name() {
			s.log.Warn("devmail: skipping a directory that is not an account name")
			continue
		}
		a := &account{name: n, dir: filepath.Join(s.dir, e.Name()), mem: imapmemserver.NewUser(n, "")}
		count, err := a.load()
		if err != nil {
			return err
		}
		messages += count
		s.users[n] = a
	}
	s.log.Info("devmail data loaded", "accounts", len(s.users), "messages", messages)
	return nil
}

// diskMailbox is what a mailbox directory holds.
type diskMailbox struct {
	byUID  map[imap.UID]string // numbered files
	extras []string            // other *.eml files, by name
	maxUID imap.UID
}

// scanMailbox lists the message files of a mailbox directory.
func scanMailbox(dir string) (diskMailbox, error) {
	d := diskMailbox{byUID: map[imap.UID]string{}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return d, fmt.Errorf("devmail: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".eml") {
			continue
		}
		path := filepath.Join(dir, name)
		if n, err := strconv.ParseUint(strings.TrimSuffix(name, ".eml"), 10, 32); err == nil && n > 0 {
			uid := imap.UID(n)
			d.byUID[uid] = path
			d.maxUID = max(d.maxUID, uid)
		} else {
			d.extras = append(d.extras, path)
		}
	}
	sort.Strings(d.extras)
	return d, nil
}

// load rebuilds the account from its directory, keeping every message's
// UID and each mailbox's UIDVALIDITY and UIDNEXT. It returns the number of
// messages loaded.
func (a *account) load() (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	var saved accountState
	b, err := os.ReadFile(filepath.Join(a.dir, stateFile))
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &saved); err != nil {
			return 0, fmt.Errorf("devmail: %s: %w", filepath.Join(a.dir, stateFile), err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return 0, fmt.Errorf("devmail: %w", err)
	}
	// Mailbox directories the state does not know (hand-made, or a lost
	// state file) become new mailboxes after the known ones, INBOX first.
	known := map[string]bool{}
	for _, m := range saved.Mailboxes {
		known[m.Name] = true
	}
	entries, err := os.ReadDir(a.dir)
	if err != nil {
		return 0, fmt.Errorf("devmail: %w", err)
	}
	var extra []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name, err := unescapeName(e.Name())
		if err != nil || escapeName(name) != e.Name() || known[name] {
			continue
		}
		extra = append(extra, name)
	}
	if !known[inbox] && !slices.Contains(extra, inbox) {
		extra = append(extra, inbox)
	}
	sort.Slice(extra, func(i, j int) bool {
		if (extra[i] == inbox) != (extra[j] == inbox) {
			return extra[i] == inbox
		}
		return extra[i] < extra[j]
	})
	boxes := append([]mailboxState(nil), saved.Mailboxes...)
	sort.Slice(boxes, func(i, j int) bool { return boxes[i].UIDValidity < boxes[j].UIDValidity })
	for _, name := range extra {
		boxes = append(boxes, mailboxState{Name: name})
	}

	ctl := imapmemserver.NewUserSession(a.mem)
	defer ctl.Close()
	count := 0
	for _, box := range boxes {
		// Advance the UIDVALIDITY counter to just below the saved value;
		// new mailboxes come after every value used before.
		target := box.UIDValidity
		if target == 0 {
			target = saved.Creates + 1
		}
		for a.state.Creates+1 < target {
			if err := a.scratchCreate(); err != nil {
				return 0, err
			}
		}
		n, err := a.loadMailbox(ctl, box)
		if err != nil {
			return 0, err
		}
		count += n
	}
	for a.state.Creates < saved.Creates {
		if err := a.scratchCreate(); err != nil {
			return 0, err
		}
	}
	return count, a.saveLocked()
}

// scratchCreate creates and deletes a mailbox, to consume one UIDVALIDITY.
func (a *account) scratchCreate() error {
	if err := a.mem.Create(scratchMailbox, nil); err != nil {
		return err
	}
	a.state.Creates++
	return a.mem.Delete(scratchMailbox)
}

// loadMailbox creates box in memory and appends its messages so that each
// keeps its UID: missing UIDs below UIDNEXT are filled with placeholders
// that are expunged at the end. Files without a UID get the next ones.
func (a *account) loadMailbox(ctl *imapmemserver.UserSession, box mailboxState) (int, error) {
	disk, err := scanMailbox(a.mailboxDir(box.Name))
	if err != nil {
		return 0, err
	}
	if err := a.mem.Create(box.Name, nil); err != nil {
		return 0, fmt.Errorf("devmail: reload mailbox: %w", err)
	}
	a.state.Creates++
	if box.Subscribed {
		_ = a.mem.Subscribe(box.Name)
	}
	uidNext := max(imap.UID(box.UIDNext), disk.maxUID+1, 1)
	deleted := &imap.AppendOptions{Flags: []imap.Flag{imap.FlagDeleted}}
	holes := 0
	for uid := imap.UID(1); uid < uidNext; uid++ {
		path, ok := disk.byUID[uid]
		if !ok {
			if _, err := a.mem.Append(box.Name, literal(placeholder), deleted); err != nil {
				return 0, err
			}
			holes++
			continue
		}
		msg, err := os.ReadFile(path)
		if err != nil {
			return 0, fmt.Errorf("devmail: %w", err)
		}
		data, err := a.mem.Append(box.Name, literal(msg), &imap.AppendOptions{Time: modTime(path)})
		if err != nil {
			return 0, err
		}
		if data.UID != uid {
			return 0, fmt.Errorf("devmail: reload gave UID %d to message %d", data.UID, uid)
		}
	}
	if holes > 0 {
		if _, err := ctl.Select(box.Name, nil); err != nil {
			return 0, err
		}
		if err := ctl.Expunge(&imapserver.ExpungeWriter{}, nil); err != nil {
			return 0, err
		}
		if err := ctl.Unselect(); err != nil {
			return 0, err
		}
	}
	for _, path := range disk.extras {
		msg, err := os.ReadFile(path)
		if err != nil {
			return 0, fmt.Errorf("devmail: %w", err)
		}
		t := modTime(path)
		data, err := a.mem.Append(box.Name, literal(msg), &imap.AppendOptions{Time: t})
		if err != nil {
			return 0, err
		}
		if err := a.writeMessage(box.Name, data.UID, msg, t); err != nil {
			return 0, err
		}
		if err := os.Remove(path); err != nil {
			return 0, fmt.Errorf("devmail: %w", err)
		}
	}
	i := a.mailboxIndex(box.Name)
	if i < 0 {
		a.state.Mailboxes = append(a.state.Mailboxes, mailboxState{Name: box.Name})
		i = len(a.state.Mailboxes) - 1
	}
	st, err := a.mem.Status(box.Name, &imap.StatusOptions{UIDNext: true, UIDValidity: true})
	if err != nil {
		return 0, err
	}
	a.state.Mailboxes[i] = mailboxState{Name: box.Name, UIDValidity: st.UIDValidity,
		UIDNext: uint32(st.UIDNext), Subscribed: box.Subscribed}
	return len(disk.byUID) + len(disk.extras), nil
}

func modTime(path string) time.Time {
	fi, err := os.Stat(path)
	if err != nil {
		return time.Now()
	}
	return fi.ModTime()
}
