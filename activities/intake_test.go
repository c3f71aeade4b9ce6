package activities_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/procon-es/procon/activities"
	"github.com/procon-es/procon/internal/mailmsg"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/workflowid"
)

var naFormat = regexp.MustCompile(`^NA-\d{4}-\d{6}$`)

// TestProcessIntakeTwiceForTheSameMessageReturnsTheSameNA: a re-run for the same inbound
// message returns the same outcome and creates no second case.
func TestProcessIntakeTwiceForTheSameMessageReturnsTheSameNA(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := f.inbound(t, 1)

	first, err := f.acts.ProcessIntake(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	second, err := f.acts.ProcessIntake(ctx, in.ID)
	if err != nil {
		t.Fatalf("re-run: %v", err)
	}
	if first.NA != second.NA || !first.Accepted || !second.Accepted {
		t.Fatalf("outcomes %+v and %+v, want the same accepted NA", first, second)
	}
	want := store.FormatNA(in.ReceivedAt.Year(), 1)
	if first.NA != want || !naFormat.MatchString(first.NA) {
		t.Errorf("NA = %q, want %q (NA-YYYY-NNNNNN, first of the year)", first.NA, want)
	}
	if first.ConsumerName != "Maria Demonstração 1" || first.ConsumerEmail != "consumidor1@example.com" {
		t.Errorf("consumer = %q <%s>, want the sender of the message", first.ConsumerName, first.ConsumerEmail)
	}
	if !first.ReceivedAt.Equal(in.ReceivedAt) {
		t.Errorf("ReceivedAt = %s, want the arrival of the message %s", first.ReceivedAt, in.ReceivedAt)
	}

	if n := f.count(t, `SELECT count(*) FROM cases WHERE inbound_message = $1`, in.ID); n != 1 {
		t.Fatalf("%d cases for the message, want 1", n)
	}
	c, err := f.st.GetCase(ctx, first.NA)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != "recebido" || c.ConsumerEmail != "consumidor1@example.com" || c.WorkflowID != workflowid.Complaint(first.NA) ||
		c.InboundMessage == nil || *c.InboundMessage != in.ID {
		t.Errorf("case = %+v, want status recebido, the consumer, workflow %q, inbound %d", c, workflowid.Complaint(first.NA), in.ID)
	}
	if n := f.count(t, `SELECT last_seq FROM na_sequences WHERE year = $1`, in.ReceivedAt.Year()); n != 1 {
		t.Errorf("the re-run consumed a number: last sequence %d, want 1", n)
	}
}

// TestProcessIntakeNumbersCasesSequentiallyPerYear: NAs follow the year of arrival,
// each year's sequence starting at 000001, without gaps from re-runs.
func TestProcessIntakeNumbersCasesSequentiallyPerYear(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	msgs := []store.InboundMessage{f.inbound(t, 1), f.inbound(t, 2), f.inbound(t, 3), f.inbound(t, 4)}
	year := msgs[0].ReceivedAt.Year()
	// The third message arrived in the middle of the previous year.
	if _, err := f.st.Pool.Exec(ctx, `UPDATE inbound_messages SET received_at = $2 WHERE id = $1`,
		msgs[2].ID, time.Date(year-1, 6, 15, 12, 0, 0, 0, brt)); err != nil {
		t.Fatal(err)
	}

	want := []string{
		store.FormatNA(year, 1), store.FormatNA(year, 2), store.FormatNA(year-1, 1), store.FormatNA(year, 3),
	}
	for i, m := range msgs {
		out, err := f.acts.ProcessIntake(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 { // a re-run in between takes no number
			if again, err := f.acts.ProcessIntake(ctx, m.ID); err != nil || again.NA != out.NA {
				t.Fatalf("re-run = %q, %v; want %q", again.NA, err, out.NA)
			}
		}
		if out.NA != want[i] {
			t.Errorf("message %d: NA %q, want %q", i+1, out.NA, want[i])
		}
		if !naFormat.MatchString(out.NA) {
			t.Errorf("NA %q is not NA-YYYY-NNNNNN", out.NA)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM cases`); n != 4 {
		t.Errorf("%d cases, want 4", n)
	}
}

// TestProcessIntakeRunConcurrentlyCreatesOneCase: two workers running the activity for
// the same message at once (a retry racing a slow first attempt) end with one case; an
// attempt that loses may fail, and its retry returns the same NA.
func TestProcessIntakeRunConcurrentlyCreatesOneCase(t *testing.T) {
	f := newFixture(t)
	in := f.inbound(t, 1)
	const workers = 4
	nas := make([]string, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			for range 10 {
				out, err := f.acts.ProcessIntake(context.Background(), in.ID)
				if err == nil {
					nas[i] = out.NA
					return
				}
				errs[i] = err
			}
		})
	}
	wg.Wait()
	for i := range workers {
		if nas[i] == "" {
			t.Fatalf("worker %d never succeeded: %v", i, errs[i])
		}
		if nas[i] != nas[0] {
			t.Errorf("worker %d got %q, worker 0 %q", i, nas[i], nas[0])
		}
	}
	if n := f.count(t, `SELECT count(*) FROM cases`); n != 1 {
		t.Errorf("%d cases, want 1", n)
	}
	if n := f.count(t, `SELECT last_seq FROM na_sequences WHERE year = $1`, in.ReceivedAt.Year()); n != 1 {
		t.Errorf("last sequence %d, want 1 (no number lost to the race)", n)
	}
}

// A message that is not stored is a defect, not retried. A message with no one to
// answer (no Reply-To, From or form e-mail) is cancelled with no reply; neither takes
// an NA.
func TestProcessIntakeMissingOrAnonymousMessage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	_, err := f.acts.ProcessIntake(ctx, 999999)
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || !appErr.NonRetryable() || appErr.Type() != "inbound_missing" {
		t.Errorf("missing message: error = %v, want a non-retryable inbound_missing", err)
	}
	noFrom, _, err := f.st.SaveInbound(ctx, "intake", "", []byte("To: reclamacao@procon.es.gov.br\r\nSubject: Reclamacao\r\n\r\nsem remetente\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.acts.ProcessIntake(ctx, noFrom.ID)
	if err != nil || out.Accepted || out.Reply != nil {
		t.Errorf("no sender: outcome %+v, err %v; want cancelled without a reply", out, err)
	}
	if n := f.count(t, `SELECT count(*) FROM cases`) + f.count(t, `SELECT count(*) FROM na_sequences`); n != 0 {
		t.Errorf("a rejected message left %d cases/sequences", n)
	}
}

// 004 §3.3.1.5, product §2: an atendimento with a missing field or document is cancelled
// and the sender (Reply-To before From) gets one reply listing every problem, with the
// form's template; no NA is taken.
func TestProcessIntakeCancelsAnIncompleteComplaintWithOneReply_004_3_3_1_5(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	raw := []byte("From: Maria <maria@example.com>\r\nReply-To: maria.resposta@example.com\r\n" +
		"To: atendimento@procon.test\r\nSubject: Reclamacao\r\nMessage-ID: <incompleta@example.com>\r\n\r\n" +
		"CAMPO I\r\nNOME: Maria da Silva\r\n\r\nRELATO\r\nComprei e nao recebi.\r\n")
	in, _, err := f.st.SaveInbound(ctx, "intake", "incompleta@example.com", raw)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.acts.ProcessIntake(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if out.Accepted || out.Reply == nil {
		t.Fatalf("outcome %+v: want cancelled with a reply", out)
	}
	if out.Reply.To != "maria.resposta@example.com" || out.Reply.Kind != "atendimento_cancelado" {
		t.Errorf("reply to %s (%s)", out.Reply.To, out.Reply.Kind)
	}
	if _, err := f.sendMail(*out.Reply); err != nil {
		t.Fatalf("the reply cannot be sent: %v", err)
	}
	got := f.sink.received()
	if len(got) != 1 {
		t.Fatalf("%d replies sent, want 1", len(got))
	}
	body := decodedBody(t, got[0].Data)
	for _, want := range []string{"CANCELADO", "CPF", "RG", "selfie"} {
		if !strings.Contains(body, want) {
			t.Errorf("the reply does not mention %q", want)
		}
	}
	if f.count(t, `SELECT count(*) FROM cases`) != 0 {
		t.Error("a cancelled atendimento created a case")
	}
}

// product §2: a valid atendimento's case row carries the consumer's document, the
// suppliers and the whole form, for staff.
func TestProcessIntakeStoresTheValidForm(t *testing.T) {
	f := newFixture(t)
	in := f.inbound(t, 3)
	out, err := f.acts.ProcessIntake(context.Background(), in.ID)
	if err != nil || !out.Accepted {
		t.Fatalf("outcome %+v, err %v", out, err)
	}
	c, err := f.st.GetCase(context.Background(), out.NA)
	if err != nil {
		t.Fatal(err)
	}
	if c.ConsumerDoc != samples.CPF(100000000+3) || len(c.SupplierDocs) == 0 || len(c.SupplierNames) == 0 {
		t.Errorf("case %+v", c)
	}
	if !strings.Contains(string(c.Form), `"relato"`) || c.ConsumerEmail != "consumidor3@example.com" {
		t.Errorf("form %s, e-mail %s", c.Form, c.ConsumerEmail)
	}
}

// TestProcessIntakeWithTheDatabaseDownIsRetryable: a database that is briefly away is not
// a missing message; the activity must stay retryable so the complaint is not dropped.
func TestProcessIntakeWithTheDatabaseDownIsRetryable(t *testing.T) {
	f := newFixture(t)
	in := f.inbound(t, 1)
	f.st.Close()
	_, err := f.acts.ProcessIntake(context.Background(), in.ID)
	var appErr *temporal.ApplicationError
	if err == nil || (errors.As(err, &appErr) && appErr.NonRetryable()) {
		t.Errorf("error = %v, want a retryable error", err)
	}
}

// TestProcessIntakeNumbersByTheAgencysCivilYear: the year of an NA is the year of
// arrival in Vitória (UTC-3), whatever the time zone of the worker.
func TestProcessIntakeNumbersByTheAgencysCivilYear(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := f.inbound(t, 1)
	// 31/12/2026 23:30 in Vitória is already 2027 in UTC.
	if _, err := f.st.Pool.Exec(ctx, `UPDATE inbound_messages SET received_at = $2 WHERE id = $1`,
		in.ID, time.Date(2026, 12, 31, 23, 30, 0, 0, brt)); err != nil {
		t.Fatal(err)
	}
	out, err := f.acts.ProcessIntake(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := store.FormatNA(2026, 1); out.NA != want {
		t.Errorf("NA = %q, want %q", out.NA, want)
	}
}

// TestMarkInboundTwiceRecordsTheOutcomeOnce: MarkInbound is a plain idempotent update.
func TestMarkInboundTwiceRecordsTheOutcomeOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := f.inbound(t, 1)
	if err := f.acts.MarkInbound(ctx, in.ID, "aceito"); err != nil {
		t.Fatal(err)
	}
	var first time.Time
	if err := f.st.Pool.QueryRow(ctx, `SELECT processed_at FROM inbound_messages WHERE id = $1`, in.ID).Scan(&first); err != nil {
		t.Fatal(err)
	}
	if err := f.acts.MarkInbound(ctx, in.ID, "aceito"); err != nil {
		t.Fatal(err)
	}
	got, err := f.st.Inbound(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	var again time.Time
	if err := f.st.Pool.QueryRow(ctx, `SELECT processed_at FROM inbound_messages WHERE id = $1`, in.ID).Scan(&again); err != nil {
		t.Fatal(err)
	}
	if got.Status != "processed" || got.Outcome != "aceito" || !again.Equal(first) {
		t.Errorf("inbound = %s/%s processed %s then %s; want processed/aceito, the first time kept", got.Status, got.Outcome, first, again)
	}
}

// decodedBody returns the text of a received message, transfer encoding undone.
func decodedBody(t *testing.T, raw []byte) string {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var r io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		r = quotedprintable.NewReader(m.Body)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Issue 4: the attachment size limit is configurable, and an attachment over it is
// refused with a reply that names it; the atendimento is cancelled, not lost.
func TestProcessIntakeRefusesAnAttachmentOverTheConfiguredLimit(t *testing.T) {
	f := newFixture(t)
	f.acts.IntakeLimits = mailmsg.Limits{MaxAttachmentBytes: 64}
	in := f.inbound(t, 5)
	out, err := f.acts.ProcessIntake(context.Background(), in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if out.Accepted || out.Reply == nil {
		t.Fatalf("outcome %+v: want cancelled with a reply", out)
	}
	if body := out.Reply.Data.Corpo; !strings.Contains(body, "acima do limite de 64 bytes por anexo") {
		t.Errorf("the reply does not explain the size limit:\n%s", body)
	}
}

// Issue 4: a message the worker did not download whole (over MAX_MESSAGE_BYTES) is
// cancelled with a reply that gives its size and the limit; as a petition, it is
// refused with a reply saying so.
func TestOversizedMessageIsRefusedWithItsSize(t *testing.T) {
	f := newFixture(t)
	f.acts.IntakeLimits = mailmsg.Limits{MaxMessageBytes: 1 << 20}
	header := []byte("From: Ana <ana@example.com>\r\nSubject: Reclamacao NA-2026-000001\r\nMessage-ID: <grande@example.com>\r\n\r\n")
	in, _, err := f.st.SaveOversizedInbound(context.Background(), "atendimento", "grande@example.com", header, 30<<20)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.acts.ProcessIntake(context.Background(), in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if out.Accepted || out.Reply == nil || out.Reply.To != "ana@example.com" {
		t.Fatalf("outcome %+v: want cancelled with a reply to the sender", out)
	}
	if body := out.Reply.Data.Corpo; !strings.Contains(body, "30 MB") || !strings.Contains(body, "1 MB") {
		t.Errorf("the reply does not give the size and the limit:\n%s", body)
	}
	r, err := f.acts.RoutePetition(context.Background(), in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Refused != activities.OutcomeTooLarge || r.Reply == nil || r.Reply.To != "ana@example.com" {
		t.Fatalf("petition route %+v: want refused as too large, with a reply", r)
	}
	if _, err := f.sendMail(*r.Reply); err != nil {
		t.Fatalf("the refusal cannot be rendered and sent: %v", err)
	}
}
