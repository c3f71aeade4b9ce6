package activities_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"os"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/testsuite"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/mailer"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.Cleanup()
	os.Exit(code)
}

const (
	mailDomain      = "procon.es.gov.br"
	protocolAddress = "protocolo@procon.es.gov.br"
)

// smtpSink is an in-process SMTP server that keeps every message it accepts.
type smtpSink struct {
	addr string
	mu   sync.Mutex
	msgs []receivedMail
}

type receivedMail struct {
	From string
	To   []string
	Data []byte
}

func startSink(t *testing.T) *smtpSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sink := &smtpSink{addr: ln.Addr().String()}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &sinkSession{sink: sink}, nil
	}))
	srv.Domain = "localhost"
	srv.ErrorLog = log.New(io.Discard, "", 0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln)
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		<-done
	})
	return sink
}

func (s *smtpSink) received() []receivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receivedMail(nil), s.msgs...)
}

type sinkSession struct {
	sink *smtpSink
	from string
	to   []string
}

func (s *sinkSession) Reset()        { s.from, s.to = "", nil }
func (s *sinkSession) Logout() error { return nil }

func (s *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.sink.mu.Lock()
	s.sink.msgs = append(s.sink.msgs, receivedMail{From: s.from, To: s.to, Data: b})
	s.sink.mu.Unlock()
	return nil
}

// flakySender fails its first `failures` calls without sending, then delegates.
type flakySender struct {
	next     activities.Sender
	mu       sync.Mutex
	failures int
	err      error
	calls    int
}

func (f *flakySender) Send(ctx context.Context, m store.OutgoingMail) error {
	f.mu.Lock()
	f.calls++
	fail := f.failures > 0
	if fail {
		f.failures--
	}
	f.mu.Unlock()
	if fail {
		return f.err
	}
	return f.next.Send(ctx, m)
}

// fixture is a fresh database, an SMTP sink and the activities wired to both.
type fixture struct {
	st   *store.Store
	sink *smtpSink
	acts *activities.Activities
	env  *testsuite.TestActivityEnvironment
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{st: testenv.Store(t), sink: startSink(t)}
	f.acts = &activities.Activities{
		Store: f.st,
		Sender: mailer.New(mailer.Config{
			Addr: f.sink.addr, From: "atendimento@" + mailDomain, ReplyTo: protocolAddress,
		}),
		MailDomain:      mailDomain,
		ProtocolAddress: protocolAddress,
		// The corpus of issue 4 is unsigned; the dmarc policy has a corpus of its own
		// (TestSignedPetitionCorpus).
		SenderAuth: senderauth.Checker{Policy: senderauth.PolicyFromOnly},
	}
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(tlog.NewStructuredLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	f.env = suite.NewTestActivityEnvironment()
	f.env.RegisterActivity(f.acts)
	return f
}

// sendMail runs the SendMail activity as the worker would, in an activity context.
func (f *fixture) sendMail(m activities.Mail) (string, error) {
	v, err := f.env.ExecuteActivity(f.acts.SendMail, m)
	if err != nil {
		return "", err
	}
	var id string
	if err := v.Get(&id); err != nil {
		return "", err
	}
	return id, nil
}

// inbound stores a realistic complaint e-mail (number seq) as the poller would.
func (f *fixture) inbound(t *testing.T, seq int) store.InboundMessage {
	t.Helper()
	mid := fmt.Sprintf("queixa-%d@consumidor.example", seq)
	raw, err := samples.Complaint{
		From: fmt.Sprintf("consumidor%d@example.com", seq), To: "reclamacao@" + mailDomain,
		MessageID: mid, Seq: seq,
	}.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	in, _, err := f.st.SaveInbound(context.Background(), "intake", mid, raw)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// newCase accepts a stored complaint and returns its NA.
func (f *fixture) newCase(t *testing.T, seq int) string {
	t.Helper()
	out, err := f.acts.ProcessIntake(context.Background(), f.inbound(t, seq).ID)
	if err != nil {
		t.Fatalf("ProcessIntake: %v", err)
	}
	return out.NA
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.st.Pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// outboxRow is what the tests read of an outbox row.
type outboxRow struct {
	MessageID, Status, LastError, Subject, Body string
	Attempts                                    int
}

func (f *fixture) outbox(t *testing.T, key string) outboxRow {
	t.Helper()
	var r outboxRow
	err := f.st.Pool.QueryRow(context.Background(), `SELECT message_id, status, attempts, coalesce(last_error, ''), subject, body
		FROM outbox WHERE key = $1`, key).Scan(&r.MessageID, &r.Status, &r.Attempts, &r.LastError, &r.Subject, &r.Body)
	if err != nil {
		t.Fatalf("outbox row %s: %v", key, err)
	}
	return r
}
