package mailbox_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/procon-es/procon/internal/mailbox"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.Cleanup()
	os.Exit(code)
}

// waitTimeout bounds every "eventually" of these tests. It is generous on purpose: the
// tests check what happens, never how fast.
const waitTimeout = 60 * time.Second

// recorder is the Dispatcher collaborator: it records every call and fails while told to.
type recorder struct {
	mu       sync.Mutex
	failing  bool
	ok       []dispatch // successful calls, in order
	failures []dispatch // calls answered with an error
}

type dispatch struct {
	Mailbox   string
	InboundID int64
}

func (r *recorder) Dispatch(_ context.Context, mailboxName string, inboundID int64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := dispatch{Mailbox: mailboxName, InboundID: inboundID}
	if r.failing {
		r.failures = append(r.failures, d)
		return fmt.Errorf("temporal unavailable (test)")
	}
	r.ok = append(r.ok, d)
	return nil
}

func (r *recorder) setFailing(v bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failing = v
}

func (r *recorder) calls() (ok, failures []dispatch) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ok), slices.Clone(r.failures)
}

// logRecorder is a slog handler that keeps every record, shared by the loggers derived
// from it, so a test can see what the poller reported (and print it when it fails).
type logRecorder struct {
	mu      sync.Mutex
	records []string
}

type logHandler struct {
	rec   *logRecorder
	attrs string
}

func (h logHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h logHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s%s", r.Time.Format("15:04:05.000"), r.Level, r.Message, h.attrs)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	h.rec.mu.Lock()
	h.rec.records = append(h.rec.records, b.String())
	h.rec.mu.Unlock()
	return nil
}

func (h logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.attrs)
	for _, a := range attrs {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
	}
	return logHandler{rec: h.rec, attrs: b.String()}
}

func (h logHandler) WithGroup(string) slog.Handler { return h }

// count returns how many records have msg as their message.
func (l *logRecorder) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.records {
		if strings.Contains(r, " "+msg) {
			n++
		}
	}
	return n
}

func (l *logRecorder) dump() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.records, "\n")
}

// runningPoller is a Poller.Run in a goroutine.
type runningPoller struct {
	log    *logRecorder
	cancel context.CancelFunc
	done   chan error
}

// startPoller runs a poller of cfg until stop (or the end of the test). PollInterval and
// MaxBackoff are short unless cfg sets them.
func startPoller(t *testing.T, cfg mailbox.Config, st *store.Store, d mailbox.Dispatcher) *runningPoller {
	t.Helper()
	if cfg.PollInterval == 0 {
		cfg.PollInterval = 300 * time.Millisecond
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = 300 * time.Millisecond
	}
	if cfg.Password == "" {
		cfg.Password = testenv.MailPassword
	}
	rec := &logRecorder{}
	p := mailbox.NewPoller(cfg, st, d, slog.New(logHandler{rec: rec}))
	ctx, cancel := context.WithCancel(context.Background())
	rp := &runningPoller{log: rec, cancel: cancel, done: make(chan error, 1)}
	go func() { rp.done <- p.Run(ctx) }()
	t.Cleanup(func() {
		rp.stop(t)
		if t.Failed() {
			t.Logf("poller %s log:\n%s", cfg.Name, rec.dump())
		}
	})
	return rp
}

// stop cancels the poller and waits for Run to return nil.
func (rp *runningPoller) stop(t *testing.T) {
	t.Helper()
	if rp.cancel == nil {
		return
	}
	rp.cancel()
	rp.cancel = nil
	select {
	case err := <-rp.done:
		if err != nil {
			t.Errorf("Poller.Run returned %v after cancel; want nil", err)
		}
	case <-time.After(waitTimeout):
		t.Errorf("Poller.Run did not return within %s of cancel", waitTimeout)
	}
}

// eventually polls cond until it returns "" or the timeout passes; the last answer of
// cond explains the failure.
func eventually(t *testing.T, what string, cond func() string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		why := cond()
		if why == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached within %s: %s", what, waitTimeout, why)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// mbox is one IMAP account of the test mail server, reached with a fresh connection
// for every operation (as a separate client of the server would).
type mbox struct {
	t          *testing.T
	addr, user string
	folder     string
}

func newMbox(t *testing.T, addr, user string) *mbox {
	return &mbox{t: t, addr: addr, user: user, folder: "INBOX"}
}

func (m *mbox) with(readOnly bool, fn func(c *imapclient.Client, sel *imap.SelectData)) {
	m.t.Helper()
	c, err := imapclient.DialInsecure(m.addr, nil)
	if err != nil {
		m.t.Fatalf("imap dial %s: %v", m.addr, err)
	}
	defer c.Close()
	if err := c.Login(m.user, testenv.MailPassword).Wait(); err != nil {
		m.t.Fatalf("imap login: %v", err)
	}
	sel, err := c.Select(m.folder, &imap.SelectOptions{ReadOnly: readOnly}).Wait()
	if err != nil {
		m.t.Fatalf("imap select %s: %v", m.folder, err)
	}
	fn(c, sel)
	_ = c.Logout().Wait()
}

// appendMsg appends raw to the folder and returns its UID.
func (m *mbox) appendMsg(raw []byte) imap.UID {
	m.t.Helper()
	var uid imap.UID
	m.with(false, func(c *imapclient.Client, _ *imap.SelectData) {
		cmd := c.Append(m.folder, int64(len(raw)), nil)
		if _, err := cmd.Write(raw); err != nil {
			m.t.Fatalf("imap append: %v", err)
		}
		if err := cmd.Close(); err != nil {
			m.t.Fatalf("imap append: %v", err)
		}
		data, err := cmd.Wait()
		if err != nil {
			m.t.Fatalf("imap append: %v", err)
		}
		if data.UID == 0 {
			m.t.Fatalf("imap append: the server did not report the UID (no UIDPLUS?)")
		}
		uid = data.UID
	})
	return uid
}

// flags returns the flags of every message of the folder by UID.
func (m *mbox) flags() map[imap.UID][]imap.Flag {
	m.t.Helper()
	out := map[imap.UID][]imap.Flag{}
	m.with(true, func(c *imapclient.Client, sel *imap.SelectData) {
		if sel.NumMessages == 0 {
			return
		}
		msgs, err := c.Fetch(imap.UIDSet{imap.UIDRange{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil {
			m.t.Fatalf("imap fetch flags: %v", err)
		}
		for _, msg := range msgs {
			out[msg.UID] = msg.Flags
		}
	})
	return out
}

// uidValidity returns the folder's UIDVALIDITY.
func (m *mbox) uidValidity() uint32 {
	m.t.Helper()
	var v uint32
	m.with(true, func(_ *imapclient.Client, sel *imap.SelectData) { v = sel.UIDValidity })
	return v
}

// clearProcessed removes the processed keyword from the messages.
func (m *mbox) clearProcessed(uids ...imap.UID) {
	m.t.Helper()
	m.with(false, func(c *imapclient.Client, _ *imap.SelectData) {
		err := c.Store(imap.UIDSetNum(uids...), &imap.StoreFlags{
			Op: imap.StoreFlagsDel, Silent: true, Flags: []imap.Flag{mailbox.ProcessedKeyword},
		}, nil).Close()
		if err != nil {
			m.t.Fatalf("imap store -flags: %v", err)
		}
	})
}

// unprocessed returns "" when every one of uids carries the processed keyword, else
// which ones do not.
func (m *mbox) unprocessed(uids ...imap.UID) string {
	m.t.Helper()
	flags := m.flags()
	var missing []string
	for _, u := range uids {
		if !hasProcessed(flags[u]) {
			missing = append(missing, fmt.Sprintf("uid %d flags %v", u, flags[u]))
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return "not marked " + string(mailbox.ProcessedKeyword) + ": " + strings.Join(missing, "; ")
}

func (m *mbox) isProcessed(uid imap.UID) bool {
	m.t.Helper()
	return hasProcessed(m.flags()[uid])
}

// hasProcessed reports whether flags hold the processed keyword. Keywords are compared
// without regard to case: the in-process server reports them lower-cased.
func hasProcessed(flags []imap.Flag) bool {
	return slices.ContainsFunc(flags, func(f imap.Flag) bool {
		return strings.EqualFold(string(f), string(mailbox.ProcessedKeyword))
	})
}

// complaint builds a realistic complaint e-mail with the given Message-ID.
func complaint(t *testing.T, seq int, messageID string) []byte {
	t.Helper()
	raw, err := samples.Complaint{
		From: fmt.Sprintf("consumidor%d@example.com", seq), To: "reclamacao@procon.test",
		MessageID: messageID, Seq: seq,
	}.Bytes()
	if err != nil {
		t.Fatalf("sample complaint: %v", err)
	}
	return raw
}

// inboundRow is one row of inbound_messages as the tests see it.
type inboundRow struct {
	ID        int64
	Mailbox   string
	MessageID string
	Status    string
	Raw       []byte
}

func inboundRows(t *testing.T, st *store.Store) []inboundRow {
	t.Helper()
	rows, err := st.Pool.Query(context.Background(),
		`SELECT id, mailbox, coalesce(message_id, ''), status, raw FROM inbound_messages ORDER BY id`)
	if err != nil {
		t.Fatalf("query inbound_messages: %v", err)
	}
	defer rows.Close()
	var out []inboundRow
	for rows.Next() {
		var r inboundRow
		if err := rows.Scan(&r.ID, &r.Mailbox, &r.MessageID, &r.Status, &r.Raw); err != nil {
			t.Fatalf("scan inbound_messages: %v", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("inbound_messages: %v", err)
	}
	return out
}

func position(t *testing.T, st *store.Store, name string) store.MailboxPosition {
	t.Helper()
	p, err := st.MailboxPosition(context.Background(), name)
	if err != nil {
		t.Fatalf("mailbox position: %v", err)
	}
	return p
}

// ids returns the inbound IDs of calls.
func ids(calls []dispatch) []int64 {
	out := make([]int64, len(calls))
	for i, c := range calls {
		out[i] = c.InboundID
	}
	return out
}
