package chaos

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/smtp"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/pgcluster"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

// proconBin is the procon binary the worker and API processes run, built once.
var proconBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "procon-chaos-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	proconBin = filepath.Join(dir, "procon")
	if out, err := exec.Command("go", "build", "-o", proconBin, "github.com/procon-es/procon/cmd/procon").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "chaos: building procon: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// Addresses of the burst: one consumer files every complaint, one supplier receives
// every CIP at the address it registered (004 §4.2.2).
const (
	consumerAddr = "consumidor@chaos.example"
	supplierAddr = "cip@fornecedor.chaos.example"
	supplierCNPJ = "11222333000181" // samples.Complaint's default supplier
)

// stack is the whole system, each part a process or server a fault can hit: PostgreSQL
// (a cluster of its own), Dovecot + OpenSMTPD, Temporal (in this process, the one part
// no fault touches), and the worker and the API as procon processes.
type stack struct {
	t           *testing.T
	cfg         config.Config
	pg          *pgcluster.Cluster
	pgDir       string
	pgPort      int
	mail        *testenv.Mail
	store       *store.Store
	worker, api *process
	// smtp and imap are the gates the system's mail passes through.
	smtp, imap *gate
	apiURL     string
	token      string
	logs       []string
}

// newStack starts the system for one test.
func newStack(t *testing.T) *stack {
	t.Helper()
	ctx := context.Background()
	s := &stack{t: t, mail: testenv.MailServers(t)}
	if !s.mail.Real {
		t.Skip("chaos needs the real mail servers (Dovecot, OpenSMTPD): run scripts/install-deps.sh")
	}
	temporalAddr, _ := testenv.Temporal(t)
	base := t.TempDir()
	if err := os.Chmod(base, 0o755); err != nil { // as root, postgres must reach it
		t.Fatal(err)
	}
	s.pgDir, s.pgPort = filepath.Join(base, "pg"), testenv.FreePort(t)
	s.startPostgres()
	t.Cleanup(func() { _ = s.pg.Stop() })

	cfg, err := config.FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	cfg.DatabaseURL = s.pg.URL
	cfg.TemporalAddress, cfg.TemporalNamespace = temporalAddr, testenv.Namespace
	cfg.APIAddr = fmt.Sprintf("127.0.0.1:%d", testenv.FreePort(t))
	s.smtp, s.imap = newGate(t, s.mail.SMTPAddr), newGate(t, s.mail.IMAPAddr)
	cfg.SMTPAddr, cfg.IMAPAddr, cfg.IMAPPassword = s.smtp.addr, s.imap.addr, testenv.MailPassword
	cfg.MailIntake, cfg.MailProtocol, cfg.MailDebt = "atendimento@procon.test", "protocolo@procon.test", "divida.ativa@procon.test"
	cfg.MailFrom = "naoresponda@procon.test"
	cfg.MailAuth = senderauth.PolicyFromOnly // the local mail servers sign nothing
	cfg.PollInterval = time.Second
	s.cfg = cfg
	if s.store, err = app.OpenStore(ctx, cfg); err != nil { // applies the migrations
		t.Fatal(err)
	}
	t.Cleanup(s.store.Close)
	staff, token, err := s.store.AddStaff(ctx, "Atendente Chaos", "", "atendente")
	if err != nil {
		t.Fatal(err)
	}
	s.token = token
	if _, err := s.store.SaveSupplier(ctx, store.Supplier{Doc: supplierCNPJ, Name: "Loja Exemplo Ltda", CIPEmail: supplierAddr, UpdatedBy: staff.ID}); err != nil {
		t.Fatal(err)
	}
	s.worker = s.startProcess("worker")
	s.api = s.startProcess("api")
	s.apiURL = "http://" + cfg.APIAddr
	testenv.Eventually(t, time.Minute, "API up", func() error {
		resp, err := http.Get(s.apiURL + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err
	})
	return s
}

// startPostgres starts (or restarts, on the same data) the cluster.
func (s *stack) startPostgres() {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	pg, err := pgcluster.Start(ctx, s.pgDir, pgcluster.Options{Port: s.pgPort, Fast: true, Database: "procon"})
	if err != nil {
		s.t.Fatalf("postgres: %v", err)
	}
	s.pg = pg
}

// process is a procon subcommand run as its own process, killable and restartable.
type process struct {
	t       *testing.T
	name    string
	env     []string
	logPath string
	mu      sync.Mutex
	cmd     *exec.Cmd
	done    chan struct{}
	kills   int
}

// startProcess runs `procon name` with the stack's configuration.
func (s *stack) startProcess(name string) *process {
	p := &process{t: s.t, name: name, env: append(os.Environ(), s.cfg.Env()...),
		logPath: filepath.Join(s.t.TempDir(), name+".log")}
	s.logs = append(s.logs, p.logPath)
	p.start()
	s.t.Cleanup(p.stop)
	return p
}

func (p *process) start() {
	p.mu.Lock()
	defer p.mu.Unlock()
	log, err := os.OpenFile(p.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		p.t.Fatal(err)
	}
	cmd := exec.Command(proconBin, p.name)
	cmd.Env, cmd.Stdout, cmd.Stderr = p.env, log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("start %s: %v", p.name, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); log.Close(); close(done) }()
	p.cmd, p.done = cmd, done
}

// kill sends SIGKILL, as the OOM killer or a power cut would, and waits for the end.
func (p *process) kill() {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.kills++
	p.mu.Unlock()
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	<-done
}

// logCount counts the lines of the process's log that contain msg.
func (p *process) logCount(msg string) int {
	b, err := os.ReadFile(p.logPath)
	if err != nil {
		p.t.Fatal(err)
	}
	return bytes.Count(b, []byte(msg))
}

// stop ends the process gracefully at the end of the test.
func (p *process) stop() {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// sendMail delivers raw to `to` over SMTP, retrying while the server refuses (a fault
// may be on): the consumer's mail client would retry too.
func (s *stack) sendMail(ctx context.Context, from, to string, raw []byte) error {
	for {
		err := smtp.SendMail(s.mail.SMTPAddr, nil, from, []string{to}, raw)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("send to %s: %w (last: %v)", to, ctx.Err(), err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// complaint is the i-th complaint of a burst, with a unique Message-ID.
func (s *stack) complaint(run string, i int) []byte {
	raw, err := samples.Complaint{From: consumerAddr, To: s.cfg.MailIntake, MessageID: fmt.Sprintf("%s-%d@chaos.example", run, i), Seq: i}.Bytes()
	if err != nil {
		s.t.Fatal(err)
	}
	return raw
}

// petition is a consumer's e-mail to the protocol mailbox.
func petition(subject string) []byte {
	return []byte("From: " + consumerAddr + "\r\nTo: protocolo@procon.test\r\nSubject: " + subject +
		"\r\nMessage-ID: <" + strings.ReplaceAll(strings.ToLower(subject), " ", ".") + "@chaos.example>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nConfirmo o pedido.\r\n")
}

// decide posts a staff decision with an Idempotency-Key, as a client that retries with
// the same key after any failure. It reports the final HTTP status and body.
func (s *stack) decide(ctx context.Context, na, body, key string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.apiURL+"/api/v1/cases/"+na+"/decisoes", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

// casesIn lists the NAs of the cases in status, from the case rows.
func (s *stack) casesIn(ctx context.Context, status string) ([]string, error) {
	rows, err := s.store.Pool.Query(ctx, `SELECT na FROM cases WHERE status = $1 ORDER BY na`, status)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var na string
		if err := rows.Scan(&na); err != nil {
			return nil, err
		}
		out = append(out, na)
	}
	return out, rows.Err()
}

// count runs a counting query; -1 when the database is away.
func (s *stack) count(ctx context.Context, q string, args ...any) int {
	var n int
	if err := s.store.Pool.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		return -1
	}
	return n
}

// delivered is what one mailbox received: messages by Message-ID, and how many copies of
// each.
type delivered struct {
	copies map[string]int
	byNA   map[string]int // distinct messages per NA named in the subject
}

var naInSubject = regexp.MustCompile(`NA-\d{4}-\d{6}`)

// mailbox counts the messages of user whose subject contains marker.
func (s *stack) mailbox(user, marker string) delivered {
	d := delivered{copies: map[string]int{}, byNA: map[string]int{}}
	for _, m := range testenv.Inbox(s.t, s.mail.IMAPAddr, user) {
		if !strings.Contains(m.Subject, marker) {
			continue
		}
		d.copies[m.MessageID]++
		if d.copies[m.MessageID] == 1 {
			d.byNA[naInSubject.FindString(m.Subject)]++
		}
	}
	return d
}

// duplicates counts the extra copies of messages delivered more than once.
func (d delivered) duplicates() int {
	n := 0
	for _, c := range d.copies {
		n += c - 1
	}
	return n
}

// scanLogs fails the test when a process logged personal data or the staff token in
// clear (LGPD): the consumer's e-mail, any sample CPF, the token.
func (s *stack) scanLogs(n int) {
	s.t.Helper()
	secrets := []string{consumerAddr, s.token}
	for i := 1; i <= n; i++ {
		cpf := samples.CPF(100000000 + i)
		secrets = append(secrets, cpf, cpf[:3]+"."+cpf[3:6]+"."+cpf[6:9]+"-"+cpf[9:])
	}
	for _, path := range s.logs {
		b, err := os.ReadFile(path)
		if err != nil {
			s.t.Fatal(err)
		}
		for _, secret := range secrets {
			if i := bytes.Index(b, []byte(secret)); i >= 0 {
				line := b[max(0, bytes.LastIndexByte(b[:i], '\n')+1):]
				if j := bytes.IndexByte(line, '\n'); j >= 0 {
					line = line[:j]
				}
				s.t.Errorf("%s logs personal data or a token in clear: %s", filepath.Base(path), line)
			}
		}
	}
}
