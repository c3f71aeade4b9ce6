package mailstack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/wneessen/go-mail"
)

const testPassword = "s3nh@ de:teste%"

// requireStack skips the test when the real stack cannot run here, unless
// PROCON_REQUIRE_REAL_MAIL=1 (CI) turns that into a failure.
func requireStack(t *testing.T) {
	t.Helper()
	if err := Available(); err != nil {
		if os.Getenv("PROCON_REQUIRE_REAL_MAIL") == "1" {
			t.Fatalf("PROCON_REQUIRE_REAL_MAIL=1 but the real mail stack is not available: %v", err)
		}
		t.Skipf("real mail stack not available (set PROCON_REQUIRE_REAL_MAIL=1 to fail instead): %v", err)
	}
}

// testLogger sends the package's log lines to t.Log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, nil))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// newMsg builds a message whose Subject identifies it.
func newMsg(t *testing.T, subject string, to ...string) *mail.Msg {
	t.Helper()
	m := mail.NewMsg()
	if err := m.From("PROCON-ES <atendimento@procon.es.gov.br>"); err != nil {
		t.Fatal(err)
	}
	if err := m.To(to...); err != nil {
		t.Fatal(err)
	}
	m.Subject(subject)
	m.SetBodyString(mail.TypeTextPlain, "Prezado(a), sua reclamação foi recebida. "+subject)
	return m
}

// send delivers msgs to the SMTP server at addr.
func send(ctx context.Context, addr string, msgs ...*mail.Msg) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	var p int
	fmt.Sscan(port, &p)
	c, err := mail.NewClient(host, mail.WithTLSPolicy(mail.NoTLS), mail.WithPort(p),
		mail.WithHELO("localhost"), mail.WithTimeout(30*time.Second)) // a loaded 2-CPU machine greets slowly
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msgs...)
}

// inboxSubjects logs in as user and returns the sorted subjects in INBOX.
func inboxSubjects(t *testing.T, addr, user string) []string {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatalf("dial imap: %v", err)
	}
	defer c.Close()
	if err := c.Login(user, testPassword).Wait(); err != nil {
		t.Fatalf("login %s: %v", user, err)
	}
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatalf("select: %v", err)
	}
	var subjects []string
	if sel.NumMessages > 0 {
		var all imap.SeqSet
		all.AddRange(1, sel.NumMessages)
		msgs, err := c.Fetch(all, &imap.FetchOptions{Envelope: true, UID: true}).Collect()
		if err != nil {
			t.Fatalf("fetch: %v", err)
		}
		for _, m := range msgs {
			subjects = append(subjects, m.Envelope.Subject)
		}
	}
	_ = c.Logout().Wait()
	sort.Strings(subjects)
	return subjects
}

// waitSubjects polls user's INBOX until it holds exactly want.
func waitSubjects(t *testing.T, addr, user string, want []string, timeout time.Duration) {
	t.Helper()
	sort.Strings(want)
	deadline := time.Now().Add(timeout)
	for {
		got := inboxSubjects(t, addr, user)
		if slices.Equal(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("INBOX of %s: got %q, want %q", user, got, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

func TestStackEndToEnd(t *testing.T) {
	requireStack(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	began := time.Now()
	st, err := Start(ctx, Config{BaseDir: t.TempDir(), Password: testPassword, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("TIMING start: %v (smtp %s, imap %s)", time.Since(began), st.SMTPAddr, st.IMAPAddr)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_ = st.Stop()
		}
	})

	const consumer, supplier = "consumer@example.com", "Fornecedor+sac~1@Example.org"

	// The consumer waits in IDLE before anything is sent.
	newMail := make(chan uint32, 16)
	idler, err := imapclient.DialInsecure(st.IMAPAddr, &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(data *imapclient.UnilateralDataMailbox) {
				if data.NumMessages != nil {
					newMail <- *data.NumMessages
				}
			},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer idler.Close()
	if err := idler.Login(consumer, testPassword).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := idler.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	idle, err := idler.Idle()
	if err != nil {
		t.Fatal(err)
	}

	sent := time.Now()
	err = send(ctx, st.SMTPAddr,
		newMsg(t, "A only consumer", consumer),
		newMsg(t, "B only supplier", supplier),
		newMsg(t, "C both", consumer, supplier),
	)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	select {
	case n := <-newMail:
		t.Logf("TIMING IDLE wake-up %v after send (EXISTS %d)", time.Since(sent), n)
	case <-time.After(30 * time.Second):
		t.Fatal("IDLE: no new-mail notification within 30s")
	}
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatal(err)
	}
	_ = idler.Logout().Wait()

	waitSubjects(t, st.IMAPAddr, consumer, []string{"A only consumer", "C both"}, 20*time.Second)
	// Login names are case-insensitive; "+sac" is part of the address.
	waitSubjects(t, st.IMAPAddr, "fornecedor+sac~1@example.org", []string{"B only supplier", "C both"}, 20*time.Second)
	if got := inboxSubjects(t, st.IMAPAddr, "fornecedor@example.org"); len(got) != 0 {
		t.Fatalf("fornecedor@example.org must have its own empty mailbox, got %q", got)
	}

	// Wrong password is refused.
	c, err := imapclient.DialInsecure(st.IMAPAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(consumer, "wrong").Wait(); err == nil {
		t.Fatal("login with a wrong password succeeded")
	}
	c.Close()

	// IMAP restart: mail is still there.
	began = time.Now()
	if err := st.StopIMAP(); err != nil {
		t.Fatal(err)
	}
	if !refused(st.IMAPAddr) {
		t.Fatal("IMAP still accepts connections after StopIMAP")
	}
	// Mail sent while Dovecot is down waits in OpenSMTPD's queue.
	if err := send(ctx, st.SMTPAddr, newMsg(t, "D while imap down", consumer)); err != nil {
		t.Fatalf("send while IMAP down: %v", err)
	}
	if err := st.StartIMAP(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("TIMING IMAP restart: %v", time.Since(began))
	if err := st.FlushQueue(); err != nil {
		t.Fatal(err)
	}
	waitSubjects(t, st.IMAPAddr, consumer, []string{"A only consumer", "C both", "D while imap down"}, 30*time.Second)

	// SMTP stop: connections are refused, sending fails; then it comes back.
	if err := st.StopSMTP(); err != nil {
		t.Fatal(err)
	}
	if !refused(st.SMTPAddr) {
		t.Fatal("SMTP still accepts connections after StopSMTP")
	}
	if err := send(ctx, st.SMTPAddr, newMsg(t, "lost", consumer)); err == nil {
		t.Fatal("send succeeded while SMTP is stopped")
	}
	began = time.Now()
	if err := st.StartSMTP(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("TIMING SMTP restart: %v", time.Since(began))
	if err := send(ctx, st.SMTPAddr, newMsg(t, "E after smtp restart", consumer)); err != nil {
		t.Fatal(err)
	}
	waitSubjects(t, st.IMAPAddr, consumer,
		[]string{"A only consumer", "C both", "D while imap down", "E after smtp restart"}, 20*time.Second)

	began = time.Now()
	stopped = true
	if err := st.Stop(); err != nil {
		t.Fatal(err)
	}
	t.Logf("TIMING stop: %v", time.Since(began))
	for _, addr := range []string{st.SMTPAddr, st.IMAPAddr, st.LMTPAddr} {
		if !refused(addr) {
			t.Fatalf("%s still accepts connections after Stop", addr)
		}
	}
	if _, err := os.Stat(st.MaildirPath(consumer)); err != nil {
		t.Fatalf("maildir kept after Stop: %v", err)
	}
	for _, name := range []string{"dovecot.log", "dovecot.stderr.log"} {
		b, err := os.ReadFile(filepath.Join(st.BaseDir, "log", name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "Configuration file") || strings.Contains(string(b), "Error:") {
			t.Fatalf("%s reports configuration problems or errors:\n%s", name, b)
		}
	}
}

func TestStartRejectsMissingPassword(t *testing.T) {
	requireStack(t)
	if _, err := Start(context.Background(), Config{BaseDir: t.TempDir()}); err == nil {
		t.Fatal("Start without Password succeeded")
	}
}

// Two stacks run side by side (each smtpd has its own spool and control
// socket), one with a base dir long enough to need the short Dovecot
// base_dir.
func TestTwoStacksSideBySide(t *testing.T) {
	requireStack(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	long := t.TempDir() + "/" + strings.Repeat("a-very-long-directory-name/", 3)
	var stacks []*Stack
	for _, dir := range []string{t.TempDir(), long} {
		st, err := Start(ctx, Config{BaseDir: dir, Password: testPassword})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Stop() })
		stacks = append(stacks, st)
	}
	for i, st := range stacks {
		subject := fmt.Sprintf("stack %d", i)
		if err := send(ctx, st.SMTPAddr, newMsg(t, subject, "dev@example.com")); err != nil {
			t.Fatal(err)
		}
		waitSubjects(t, st.IMAPAddr, "dev@example.com", []string{subject}, 20*time.Second)
	}
	short := stacks[1].shortRunDir
	if short == "" {
		t.Fatal("long base dir did not get a short Dovecot base_dir")
	}
	for _, st := range stacks {
		if err := st.Stop(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(short); !os.IsNotExist(err) {
		t.Fatalf("short base_dir %s not removed: %v", short, err)
	}
}
