package devmail

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/wneessen/go-mail"
)

const testPassword = "s3nh@ de:teste%"

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func start(t *testing.T, dir string) *Server {
	t.Helper()
	s, err := Start(context.Background(), Config{DataDir: dir, Password: testPassword, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

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

func send(t *testing.T, addr string, opts []mail.Option, msgs ...*mail.Msg) error {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	var p int
	fmt.Sscan(port, &p)
	opts = append([]mail.Option{mail.WithTLSPolicy(mail.NoTLS), mail.WithPort(p), mail.WithHELO("localhost")}, opts...)
	c, err := mail.NewClient(host, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c.DialAndSend(msgs...)
}

func login(t *testing.T, addr, user string, opts *imapclient.Options) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(user, testPassword).Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	return c
}

// message is what the tests compare: UID and Subject.
type message struct {
	UID     imap.UID
	Subject string
}

// mailbox lists a mailbox's messages, by UID.
func mailbox(t *testing.T, addr, user, name string) []message {
	t.Helper()
	c := login(t, addr, user, nil)
	defer c.Logout()
	sel, err := c.Select(name, nil).Wait()
	if err != nil {
		t.Fatalf("select %s: %v", name, err)
	}
	var out []message
	if sel.NumMessages > 0 {
		var all imap.SeqSet
		all.AddRange(1, sel.NumMessages)
		msgs, err := c.Fetch(all, &imap.FetchOptions{Envelope: true, UID: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			out = append(out, message{m.UID, m.Envelope.Subject})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UID < out[j].UID })
	return out
}

func subjects(msgs []message) []string {
	var s []string
	for _, m := range msgs {
		s = append(s, m.Subject)
	}
	sort.Strings(s)
	return s
}

func TestDeliverToTwoAddressesAndIdle(t *testing.T) {
	dir := t.TempDir()
	s := start(t, dir)
	const consumer, supplier = "consumer@example.com", "Fornecedor+sac@Example.org"

	newMail := make(chan uint32, 16)
	idler := login(t, s.IMAPAddr, consumer, &imapclient.Options{
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(data *imapclient.UnilateralDataMailbox) {
				if data.NumMessages != nil {
					newMail <- *data.NumMessages
				}
			},
		},
	})
	if _, err := idler.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	idle, err := idler.Idle()
	if err != nil {
		t.Fatal(err)
	}

	sent := time.Now()
	if err := send(t, s.SMTPAddr, nil,
		newMsg(t, "A only consumer", consumer),
		newMsg(t, "B only supplier", supplier),
		newMsg(t, "C both", consumer, supplier),
	); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-newMail:
		t.Logf("IDLE woke %v after send (EXISTS %d)", time.Since(sent), n)
	case <-time.After(5 * time.Second):
		t.Fatal("IDLE: no new-mail notification")
	}
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatal(err)
	}

	if got, want := subjects(mailbox(t, s.IMAPAddr, consumer, "INBOX")), []string{"A only consumer", "C both"}; !slices.Equal(got, want) {
		t.Fatalf("consumer INBOX = %q, want %q", got, want)
	}
	if got, want := subjects(mailbox(t, s.IMAPAddr, "fornecedor+sac@example.org", "INBOX")), []string{"B only supplier", "C both"}; !slices.Equal(got, want) {
		t.Fatalf("supplier INBOX = %q, want %q", got, want)
	}
	if got := mailbox(t, s.IMAPAddr, "fornecedor@example.org", "INBOX"); len(got) != 0 {
		t.Fatalf("a new user must have an empty INBOX, got %v", got)
	}

	// The message is on disk, with the delivery header fields.
	b, err := os.ReadFile(filepath.Join(dir, "consumer@example.com", "INBOX", "1.eml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "Return-Path: <atendimento@procon.es.gov.br>\r\nDelivered-To: consumer@example.com\r\n") {
		t.Fatalf("unexpected delivery header: %.120q", b)
	}

	// Wrong password.
	c, err := imapclient.DialInsecure(s.IMAPAddr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(consumer, "wrong").Wait(); err == nil {
		t.Fatal("login with a wrong password succeeded")
	}
}

func TestSMTPAuth(t *testing.T) {
	s := start(t, t.TempDir())
	auth := []mail.Option{mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername("app@procon.es.gov.br")}
	if err := send(t, s.SMTPAddr, append(auth, mail.WithPassword("wrong")), newMsg(t, "x", "a@example.com")); err == nil {
		t.Fatal("AUTH with a wrong password succeeded")
	}
	if err := send(t, s.SMTPAddr, append(auth, mail.WithPassword(testPassword)), newMsg(t, "authed", "a@example.com")); err != nil {
		t.Fatal(err)
	}
	if got := subjects(mailbox(t, s.IMAPAddr, "a@example.com", "INBOX")); !slices.Equal(got, []string{"authed"}) {
		t.Fatalf("INBOX = %q", got)
	}
}

// A restart from the same DataDir finds every message where the clients
// left it, with the same UIDs and UIDVALIDITY.
func TestRestartKeepsMailAndUIDs(t *testing.T) {
	dir := t.TempDir()
	s := start(t, dir)
	const user = "protocolo@procon.es.gov.br"
	var msgs []*mail.Msg
	for i := 1; i <= 5; i++ {
		msgs = append(msgs, newMsg(t, fmt.Sprintf("m%d", i), user))
	}
	if err := send(t, s.SMTPAddr, nil, msgs...); err != nil {
		t.Fatal(err)
	}

	// Client work: create a folder, move m2 there, delete m4, copy m5, append one.
	c := login(t, s.IMAPAddr, user, nil)
	if err := c.Create("Processados", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Move(imap.UIDSetNum(2), "Processados").Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(4), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}, Silent: true}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Expunge().Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Copy(imap.UIDSetNum(5), "Processados").Wait(); err != nil {
		t.Fatal(err)
	}
	raw := "Subject: appended\r\n\r\nhello\r\n"
	app := c.Append("Processados", int64(len(raw)), nil)
	app.Write([]byte(raw))
	app.Close()
	if _, err := app.Wait(); err != nil {
		t.Fatal(err)
	}
	st, err := c.Status("Processados", &imap.StatusOptions{UIDValidity: true, UIDNext: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	c.Logout().Wait()

	inbox := mailbox(t, s.IMAPAddr, user, "INBOX")
	done := mailbox(t, s.IMAPAddr, user, "Processados")
	wantInbox := []message{{1, "m1"}, {3, "m3"}, {5, "m5"}}
	wantDone := []message{{1, "m2"}, {2, "m5"}, {3, "appended"}}
	if !slices.Equal(inbox, wantInbox) || !slices.Equal(done, wantDone) {
		t.Fatalf("before restart: INBOX %v, Processados %v", inbox, done)
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := start(t, dir)
	if got := mailbox(t, s2.IMAPAddr, user, "INBOX"); !slices.Equal(got, wantInbox) {
		t.Fatalf("after restart INBOX = %v, want %v", got, wantInbox)
	}
	if got := mailbox(t, s2.IMAPAddr, user, "Processados"); !slices.Equal(got, wantDone) {
		t.Fatalf("after restart Processados = %v, want %v", got, wantDone)
	}
	c2 := login(t, s2.IMAPAddr, user, nil)
	st2, err := c2.Status("Processados", &imap.StatusOptions{UIDValidity: true, UIDNext: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if st2.UIDValidity != st.UIDValidity || st2.UIDNext != st.UIDNext {
		t.Fatalf("Processados UIDVALIDITY/UIDNEXT %d/%d after restart, was %d/%d", st2.UIDValidity, st2.UIDNext, st.UIDValidity, st.UIDNext)
	}
	// INBOX goes on numbering after the expunged messages.
	if err := send(t, s2.SMTPAddr, nil, newMsg(t, "m6", user)); err != nil {
		t.Fatal(err)
	}
	got := mailbox(t, s2.IMAPAddr, user, "INBOX")
	if last := got[len(got)-1]; last != (message{6, "m6"}) {
		t.Fatalf("new delivery after restart = %v, want UID 6", last)
	}
}

// A .eml file dropped into a mailbox directory shows up after a restart.
func TestSeedFromFiles(t *testing.T) {
	dir := t.TempDir()
	box := filepath.Join(dir, "divida.ativa@procon.es.gov.br", "INBOX")
	if err := os.MkdirAll(box, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(box, "seed.eml"), []byte("Subject: seeded\r\n\r\nx\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, dir)
	if got := mailbox(t, s.IMAPAddr, "divida.ativa@procon.es.gov.br", "INBOX"); !slices.Equal(got, []message{{1, "seeded"}}) {
		t.Fatalf("INBOX = %v", got)
	}
	if _, err := os.Stat(filepath.Join(box, "1.eml")); err != nil {
		t.Fatalf("seed file not renamed to its UID: %v", err)
	}
}

func TestStartValidation(t *testing.T) {
	if _, err := Start(context.Background(), Config{DataDir: t.TempDir()}); err == nil {
		t.Fatal("Start without Password succeeded")
	}
	if _, err := Start(context.Background(), Config{Password: "x"}); err == nil {
		t.Fatal("Start without DataDir succeeded")
	}
}

func TestMaskAddresses(t *testing.T) {
	got := maskAddresses("open /data/consumer@example.com/INBOX/1.eml: denied; to=<a.b+c@x.org>")
	if strings.Contains(got, "@") {
		t.Fatalf("address left in %q", got)
	}
}
