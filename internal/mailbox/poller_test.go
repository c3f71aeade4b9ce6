package mailbox_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/procon-es/procon/internal/devmail"
	"github.com/procon-es/procon/internal/mailbox"
	"github.com/procon-es/procon/internal/mailer"
	"github.com/procon-es/procon/internal/samples"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

const (
	intake     = "intake"
	intakeUser = "reclamacao@procon.test"
)

// TestPollerStoresDispatchesAndFlagsEachNewMessageInUIDOrder: every new message is
// stored raw once, dispatched once in UID order, then flagged; the position is the last UID.
func TestPollerStoresDispatchesAndFlagsEachNewMessageInUIDOrder(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)

	var raws [][]byte
	var uids []imap.UID
	for i := 1; i <= 3; i++ {
		raw := complaint(t, i, fmt.Sprintf("queixa-%d@consumidor.example", i))
		raws = append(raws, raw)
		uids = append(uids, box.appendMsg(raw))
	}
	d := &recorder{}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}, st, d)

	eventually(t, "three messages processed", func() string {
		if why := box.unprocessed(uids...); why != "" {
			return why
		}
		if p := position(t, st, intake); p.LastUID != uint32(uids[2]) {
			return fmt.Sprintf("position %+v, want last UID %d", p, uids[2])
		}
		return ""
	})

	rows := inboundRows(t, st)
	if len(rows) != 3 {
		t.Fatalf("inbound_messages has %d rows, want 3", len(rows))
	}
	for i, r := range rows {
		wantID := fmt.Sprintf("queixa-%d@consumidor.example", i+1)
		if r.MessageID != wantID || r.Mailbox != intake || r.Status != "dispatched" {
			t.Errorf("row %d = {message_id %q, mailbox %q, status %q}, want {%q, %q, dispatched}",
				i, r.MessageID, r.Mailbox, r.Status, wantID, intake)
		}
		if !bytes.Equal(r.Raw, raws[i]) {
			t.Errorf("row %d: raw message differs from the appended one (%d bytes stored, %d appended)", i, len(r.Raw), len(raws[i]))
		}
	}
	ok, failures := d.calls()
	wantCalls := []dispatch{{intake, rows[0].ID}, {intake, rows[1].ID}, {intake, rows[2].ID}}
	if !slices.Equal(ok, wantCalls) || len(failures) != 0 {
		t.Errorf("Dispatch calls = %v (failed %v), want %v in UID order", ok, failures, wantCalls)
	}
	if p, v := position(t, st, intake), box.uidValidity(); p.UIDValidity != v {
		t.Errorf("position UIDVALIDITY = %d, want the server's %d", p.UIDValidity, v)
	}
}

// TestPollerPicksUpMailDeliveredOverSMTPWhileItWaits: a message that arrives through
// the MTA while the poller is connected and waiting is processed without a restart.
func TestPollerPicksUpMailDeliveredOverSMTPWhileItWaits(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)
	d := &recorder{}
	// A long poll interval: the message has to be noticed through IDLE (or the first
	// search after connecting), not by a timer running out.
	rp := startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser, PollInterval: time.Minute}, st, d)
	eventually(t, "poller connected", func() string {
		if rp.log.count("mailbox connected") == 0 {
			return "no connection yet"
		}
		return ""
	})

	msg, err := samples.Complaint{From: "joana@example.com", To: intakeUser, MessageID: "smtp-1@consumidor.example", Seq: 7}.Message()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := mailer.New(mailer.Config{Addr: ms.SMTPAddr, From: "joana@example.com"}).SendMsg(ctx, msg); err != nil {
		t.Fatalf("send over SMTP: %v", err)
	}

	eventually(t, "delivered message dispatched and flagged", func() string {
		ok, _ := d.calls()
		if len(ok) != 1 {
			return fmt.Sprintf("%d dispatches", len(ok))
		}
		var uids []imap.UID
		for uid := range box.flags() {
			uids = append(uids, uid)
		}
		if len(uids) != 1 {
			return fmt.Sprintf("%d messages in the mailbox", len(uids))
		}
		return box.unprocessed(uids...)
	})
	rows := inboundRows(t, st)
	if len(rows) != 1 || rows[0].MessageID != "smtp-1@consumidor.example" {
		t.Fatalf("inbound rows = %+v, want the one delivered message", rows)
	}
	if ok, _ := d.calls(); ok[0] != (dispatch{intake, rows[0].ID}) {
		t.Errorf("Dispatch = %v, want %v", ok[0], dispatch{intake, rows[0].ID})
	}
}

// TestPollerStoresAndDispatchesADuplicateDeliveryOnce: the same message delivered twice,
// and a copy with the same Message-ID but other bytes, make one row and one Dispatch;
// every copy is flagged.
func TestPollerStoresAndDispatchesADuplicateDeliveryOnce(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)

	const id = "duplicada@consumidor.example"
	first := complaint(t, 1, id)
	sameID := complaint(t, 2, id) // other consumer data, same Message-ID
	if bytes.Equal(first, sameID) {
		t.Fatal("test setup: the two versions must differ")
	}
	uids := []imap.UID{box.appendMsg(first), box.appendMsg(first), box.appendMsg(sameID)}
	d := &recorder{}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}, st, d)

	eventually(t, "all copies flagged", func() string {
		if why := box.unprocessed(uids...); why != "" {
			return why
		}
		if p := position(t, st, intake); p.LastUID != uint32(uids[2]) {
			return fmt.Sprintf("position %+v", p)
		}
		return ""
	})
	rows := inboundRows(t, st)
	if len(rows) != 1 {
		t.Fatalf("inbound_messages has %d rows, want 1", len(rows))
	}
	if rows[0].MessageID != id || !bytes.Equal(rows[0].Raw, first) || rows[0].Status != "dispatched" {
		t.Errorf("stored row = {%q, status %q, first copy %v}, want the first copy, dispatched",
			rows[0].MessageID, rows[0].Status, bytes.Equal(rows[0].Raw, first))
	}
	if ok, _ := d.calls(); !slices.Equal(ok, []dispatch{{intake, rows[0].ID}}) {
		t.Errorf("Dispatch calls = %v, want one for row %d", ok, rows[0].ID)
	}
}

// TestPollerDedupsByContentWhenAMessageHasNoMessageID: without a Message-ID the same
// bytes are still the same message, and different bytes a different one.
func TestPollerDedupsByContentWhenAMessageHasNoMessageID(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)

	noID := func(body string) []byte {
		return []byte("From: \"Ana Souza\" <ana@example.com>\r\n" +
			"To: " + intakeUser + "\r\n" +
			"Subject: Reclamacao - atendimento eletronico\r\n" +
			"Date: Mon, 05 Oct 2026 10:00:00 -0300\r\n" +
			"MIME-Version: 1.0\r\n" +
			"Content-Type: text/plain; charset=utf-8\r\n" +
			"\r\n" + body + "\r\n")
	}
	a, b := noID("Produto nao entregue."), noID("Cobranca indevida na fatura.")
	uids := []imap.UID{box.appendMsg(a), box.appendMsg(a), box.appendMsg(b)}
	d := &recorder{}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}, st, d)

	eventually(t, "all messages flagged", func() string { return box.unprocessed(uids...) })
	rows := inboundRows(t, st)
	if len(rows) != 2 || !bytes.Equal(rows[0].Raw, a) || !bytes.Equal(rows[1].Raw, b) {
		t.Fatalf("inbound_messages has %d rows, want one per distinct content (2)", len(rows))
	}
	for _, r := range rows {
		if r.MessageID != "" {
			t.Errorf("row %d: message_id %q, want none", r.ID, r.MessageID)
		}
	}
	if ok, _ := d.calls(); !slices.Equal(ids(ok), []int64{rows[0].ID, rows[1].ID}) {
		t.Errorf("dispatched inbound IDs = %v, want %v", ids(ok), []int64{rows[0].ID, rows[1].ID})
	}
}

// TestPollerDoesNotFlagAMessageWhoseDispatchFailedAndRetriesIt: while Dispatch fails
// the message stays unflagged and stored (not dispatched) and the position does not
// pass it; once Dispatch works it is dispatched exactly once and then flagged.
func TestPollerDoesNotFlagAMessageWhoseDispatchFailedAndRetriesIt(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)

	uid := box.appendMsg(complaint(t, 1, "falha@consumidor.example"))
	d := &recorder{failing: true}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}, st, d)

	eventually(t, "Dispatch attempted more than once", func() string {
		if _, failures := d.calls(); len(failures) < 2 {
			return fmt.Sprintf("%d failed attempts", len(failures))
		}
		return ""
	})
	if box.isProcessed(uid) {
		t.Fatal("message flagged although its Dispatch failed")
	}
	rows := inboundRows(t, st)
	if len(rows) != 1 || rows[0].Status != "stored" {
		t.Fatalf("inbound rows = %d (status %v), want 1 stored", len(rows), statuses(rows))
	}
	if p := position(t, st, intake); p.LastUID >= uint32(uid) {
		t.Fatalf("position %+v moved past the undispatched message %d", p, uid)
	}

	d.setFailing(false)
	eventually(t, "message dispatched and flagged after recovery", func() string {
		if !box.isProcessed(uid) {
			return "not flagged"
		}
		if p := position(t, st, intake); p.LastUID != uint32(uid) {
			return fmt.Sprintf("position %+v", p)
		}
		return ""
	})
	// A later message shows that the poller went on without dispatching the first again.
	next := box.appendMsg(complaint(t, 2, "seguinte@consumidor.example"))
	eventually(t, "later message processed", func() string { return box.unprocessed(next) })

	rows = inboundRows(t, st)
	if len(rows) != 2 || rows[0].Status != "dispatched" {
		t.Fatalf("inbound rows = %d (status %v), want 2, the first dispatched", len(rows), statuses(rows))
	}
	ok, failures := d.calls()
	if !slices.Equal(ids(ok), []int64{rows[0].ID, rows[1].ID}) {
		t.Errorf("successful dispatches = %v, want exactly one per message %v", ids(ok), []int64{rows[0].ID, rows[1].ID})
	}
	for _, f := range failures {
		if f.InboundID != rows[0].ID {
			t.Errorf("failed dispatch of inbound %d, want only retries of %d (one stored row)", f.InboundID, rows[0].ID)
		}
	}
}

// TestPollerRestartedOnTheSameDatabaseKeepsItsPosition: a new Poller on the same
// database does not dispatch messages handled before, even when the server no longer
// shows their keyword (e.g. a server that keeps flags in memory), and handles new ones.
func TestPollerRestartedOnTheSameDatabaseKeepsItsPosition(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)
	cfg := mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}

	u1 := box.appendMsg(complaint(t, 1, "antes-1@consumidor.example"))
	u2 := box.appendMsg(complaint(t, 2, "antes-2@consumidor.example"))
	first := startPoller(t, cfg, st, &recorder{})
	eventually(t, "first poller processed both", func() string {
		if p := position(t, st, intake); p.LastUID != uint32(u2) {
			return fmt.Sprintf("position %+v", p)
		}
		return box.unprocessed(u1, u2)
	})
	first.stop(t)

	box.clearProcessed(u1, u2)
	d := &recorder{}
	startPoller(t, cfg, st, d)
	u3 := box.appendMsg(complaint(t, 3, "depois@consumidor.example"))
	eventually(t, "new message processed by the second poller", func() string {
		if p := position(t, st, intake); p.LastUID != uint32(u3) {
			return fmt.Sprintf("position %+v", p)
		}
		return box.unprocessed(u3)
	})

	rows := inboundRows(t, st)
	if len(rows) != 3 {
		t.Fatalf("inbound_messages has %d rows, want 3", len(rows))
	}
	if ok, _ := d.calls(); !slices.Equal(ok, []dispatch{{intake, rows[2].ID}}) {
		t.Errorf("second poller dispatched %v, want only the new message (inbound %d)", ok, rows[2].ID)
	}
	// It started from the saved position: the old messages were not even read again.
	if box.isProcessed(u1) || box.isProcessed(u2) {
		t.Errorf("the second poller re-read messages before its saved position (UIDs %d, %d flagged again)", u1, u2)
	}
}

// TestPollerDoesNotDispatchAgainAMessageDispatchedButNotFlagged: a crash after Dispatch
// and before the keyword and the position were saved leaves the message unflagged and
// behind the position; the next poller flags it without a second Dispatch, because its
// stored status is already "dispatched".
func TestPollerDoesNotDispatchAgainAMessageDispatchedButNotFlagged(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)
	cfg := mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}
	ctx := context.Background()

	u1 := box.appendMsg(complaint(t, 1, "quase@consumidor.example"))
	first := startPoller(t, cfg, st, &recorder{})
	eventually(t, "first poller processed the message", func() string {
		if p := position(t, st, intake); p.LastUID != uint32(u1) {
			return fmt.Sprintf("position %+v", p)
		}
		return box.unprocessed(u1)
	})
	first.stop(t)

	// Simulate the crash: no keyword on the server, position just before the message.
	box.clearProcessed(u1)
	pos := position(t, st, intake)
	if err := st.SaveMailboxPosition(ctx, intake, store.MailboxPosition{UIDValidity: pos.UIDValidity, LastUID: uint32(u1) - 1}); err != nil {
		t.Fatal(err)
	}
	rows := inboundRows(t, st)
	if len(rows) != 1 || rows[0].Status != "dispatched" {
		t.Fatalf("precondition: inbound rows %v, want one dispatched", statuses(rows))
	}

	d := &recorder{}
	startPoller(t, cfg, st, d)
	eventually(t, "message flagged again by the second poller", func() string {
		if p := position(t, st, intake); p.LastUID != uint32(u1) {
			return fmt.Sprintf("position %+v", p)
		}
		return box.unprocessed(u1)
	})
	u2 := box.appendMsg(complaint(t, 2, "nova@consumidor.example"))
	eventually(t, "later message processed", func() string { return box.unprocessed(u2) })

	rows = inboundRows(t, st)
	if len(rows) != 2 || rows[0].Status != "dispatched" {
		t.Fatalf("inbound rows %v, want 2, the first still dispatched", statuses(rows))
	}
	if ok, _ := d.calls(); !slices.Equal(ids(ok), []int64{rows[1].ID}) {
		t.Errorf("second poller dispatched %v, want only the later message %d", ids(ok), rows[1].ID)
	}
}

// TestPollerDispatchesAMessageStoredButNotDispatchedBeforeACrash: a crash between
// storing and dispatching leaves a "stored" row; the next poller dispatches that row once
// and stores nothing new.
func TestPollerDispatchesAMessageStoredButNotDispatchedBeforeACrash(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)

	raw := complaint(t, 1, "guardada@consumidor.example")
	uid := box.appendMsg(raw)
	in, created, err := st.SaveInbound(context.Background(), intake, "guardada@consumidor.example", raw)
	if err != nil || !created {
		t.Fatalf("SaveInbound = created %v, %v", created, err)
	}

	d := &recorder{}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}, st, d)
	eventually(t, "message processed", func() string { return box.unprocessed(uid) })

	rows := inboundRows(t, st)
	if len(rows) != 1 || rows[0].ID != in.ID || rows[0].Status != "dispatched" {
		t.Fatalf("inbound rows %v, want only row %d, dispatched", statuses(rows), in.ID)
	}
	if ok, _ := d.calls(); !slices.Equal(ok, []dispatch{{intake, in.ID}}) {
		t.Errorf("Dispatch calls = %v, want one for the stored row %d", ok, in.ID)
	}
}

// TestPollerRescansAfterUIDValidityChangesWithoutDispatchingAgain: when the folder's
// UIDVALIDITY changes (folder recreated) the old position means nothing; the poller reads
// the folder from the start, flags what it already had without dispatching it, and
// dispatches only what is new.
func TestPollerRescansAfterUIDValidityChangesWithoutDispatchingAgain(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)
	box.folder = "Reclamacoes"
	box.createFolder()
	cfg := mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser, Folder: box.folder}

	old := complaint(t, 1, "antiga@consumidor.example")
	box.appendMsg(old)
	box.appendMsg(complaint(t, 2, "antiga-2@consumidor.example"))
	first := startPoller(t, cfg, st, &recorder{})
	eventually(t, "first poller processed the folder", func() string {
		if p := position(t, st, intake); p.LastUID != 2 {
			return fmt.Sprintf("position %+v", p)
		}
		return ""
	})
	first.stop(t)
	v1 := box.uidValidity()

	box.deleteFolder()
	box.createFolder()
	if v2 := box.uidValidity(); v2 == v1 {
		t.Fatalf("test setup: UIDVALIDITY %d did not change when the folder was recreated", v1)
	}
	again := box.appendMsg(old)
	fresh := box.appendMsg(complaint(t, 3, "recente@consumidor.example"))
	if again > 2 {
		t.Fatalf("test setup: the recreated folder gave UID %d, want UIDs to restart", again)
	}

	d := &recorder{}
	startPoller(t, cfg, st, d)
	eventually(t, "recreated folder processed", func() string {
		if why := box.unprocessed(again, fresh); why != "" {
			return why
		}
		if p, v := position(t, st, intake), box.uidValidity(); p.UIDValidity != v || p.LastUID != uint32(fresh) {
			return fmt.Sprintf("position %+v, want {%d %d}", p, v, fresh)
		}
		return ""
	})
	rows := inboundRows(t, st)
	if len(rows) != 3 || rows[2].MessageID != "recente@consumidor.example" {
		t.Fatalf("inbound rows %v, want 3 with the new message last", statuses(rows))
	}
	if ok, _ := d.calls(); !slices.Equal(ids(ok), []int64{rows[2].ID}) {
		t.Errorf("dispatched %v after the rescan, want only the new message %d", ids(ok), rows[2].ID)
	}
}

// TestPollerKeepsOnePositionPerMailbox: two mailboxes on one database have their own
// position, and the same message in both is a message of each.
func TestPollerKeepsOnePositionPerMailbox(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	in := newMbox(t, ms.IMAPAddr, intakeUser)
	prot := newMbox(t, ms.IMAPAddr, "protocolo@procon.test")

	shared := complaint(t, 1, "ambas@consumidor.example")
	inUID := in.appendMsg(shared)
	protUIDs := []imap.UID{prot.appendMsg(shared), prot.appendMsg(complaint(t, 2, "so-protocolo@consumidor.example"))}

	d := &recorder{}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: in.user}, st, d)
	startPoller(t, mailbox.Config{Name: "protocolo", Addr: ms.IMAPAddr, User: prot.user}, st, d)
	eventually(t, "both mailboxes processed", func() string {
		if why := in.unprocessed(inUID); why != "" {
			return "intake: " + why
		}
		if why := prot.unprocessed(protUIDs...); why != "" {
			return "protocolo: " + why
		}
		if p := position(t, st, intake); p.LastUID != uint32(inUID) || p.UIDValidity != in.uidValidity() {
			return fmt.Sprintf("intake position %+v", p)
		}
		if p := position(t, st, "protocolo"); p.LastUID != uint32(protUIDs[1]) || p.UIDValidity != prot.uidValidity() {
			return fmt.Sprintf("protocolo position %+v", p)
		}
		return ""
	})

	perMailbox := map[string]int{}
	ok, _ := d.calls()
	for _, c := range ok {
		perMailbox[c.Mailbox]++
	}
	if perMailbox[intake] != 1 || perMailbox["protocolo"] != 2 || len(ok) != 3 {
		t.Errorf("dispatches per mailbox = %v, want intake 1, protocolo 2", perMailbox)
	}
	if rows := inboundRows(t, st); len(rows) != 3 {
		t.Errorf("inbound_messages has %d rows, want 3 (the shared message once per mailbox)", len(rows))
	}
}

// TestPollerReconnectsWhenTheIMAPServerComesBack: with Dovecot stopped the poller keeps
// trying; once it is back a message appended afterwards is processed, and nothing handled
// before is dispatched again.
func TestPollerReconnectsWhenTheIMAPServerComesBack(t *testing.T) {
	ms := testenv.MailServers(t)
	if !ms.Real {
		t.Skip("needs the real mail servers to stop and start Dovecot; the in-process case is TestPollerReconnectsAfterAnInProcessServerRestart")
	}
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)
	d := &recorder{}

	u1 := box.appendMsg(complaint(t, 1, "antes-da-queda@consumidor.example"))
	rp := startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser}, st, d)
	eventually(t, "first message processed", func() string { return box.unprocessed(u1) })

	if err := ms.Stack.StopIMAP(); err != nil {
		t.Fatalf("stop Dovecot: %v", err)
	}
	// The session in progress ends, and at least one reconnection fails while it is down.
	eventually(t, "poller noticed the server is gone", func() string {
		if n := rp.log.count("mailbox session ended; reconnecting"); n < 2 {
			return fmt.Sprintf("%d sessions ended", n)
		}
		return ""
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := ms.Stack.StartIMAP(ctx); err != nil {
		t.Fatalf("start Dovecot: %v", err)
	}

	u2 := box.appendMsg(complaint(t, 2, "depois-da-volta@consumidor.example"))
	eventually(t, "message appended after the restart processed", func() string { return box.unprocessed(u2) })
	rows := inboundRows(t, st)
	if len(rows) != 2 {
		t.Fatalf("inbound_messages has %d rows, want 2", len(rows))
	}
	if ok, _ := d.calls(); !slices.Equal(ids(ok), []int64{rows[0].ID, rows[1].ID}) {
		t.Errorf("dispatched %v, want each message once %v", ids(ok), []int64{rows[0].ID, rows[1].ID})
	}
}

// TestPollerReconnectsAfterAnInProcessServerRestart: the in-process IMAP server is
// closed and started again on the same port and data; it forgets flags on restart, so
// the position in Postgres is what keeps the first message from a second Dispatch.
func TestPollerReconnectsAfterAnInProcessServerRestart(t *testing.T) {
	st := testenv.Store(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	srv, err := devmail.Start(ctx, devmail.Config{DataDir: dir, Password: testenv.MailPassword})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	addr := srv.IMAPAddr
	box := newMbox(t, addr, intakeUser)
	d := &recorder{}

	u1 := box.appendMsg(complaint(t, 1, "antes-da-queda@consumidor.example"))
	rp := startPoller(t, mailbox.Config{Name: intake, Addr: addr, User: intakeUser}, st, d)
	eventually(t, "first message processed", func() string { return box.unprocessed(u1) })

	if err := srv.Close(); err != nil {
		t.Fatalf("close server: %v", err)
	}
	eventually(t, "poller noticed the server is gone", func() string {
		if n := rp.log.count("mailbox session ended; reconnecting"); n < 2 {
			return fmt.Sprintf("%d sessions ended", n)
		}
		return ""
	})
	srv2, err := devmail.Start(ctx, devmail.Config{DataDir: dir, IMAPAddr: addr, Password: testenv.MailPassword})
	if err != nil {
		t.Fatalf("restart server on %s: %v", addr, err)
	}
	t.Cleanup(func() { _ = srv2.Close() })
	flagLost := !box.isProcessed(u1)
	if !flagLost {
		t.Log("note: the restarted in-process server kept the keyword")
	}

	u2 := box.appendMsg(complaint(t, 2, "depois-da-volta@consumidor.example"))
	eventually(t, "message appended after the restart processed", func() string { return box.unprocessed(u2) })
	rows := inboundRows(t, st)
	if len(rows) != 2 {
		t.Fatalf("inbound_messages has %d rows, want 2", len(rows))
	}
	if ok, _ := d.calls(); !slices.Equal(ids(ok), []int64{rows[0].ID, rows[1].ID}) {
		t.Errorf("dispatched %v, want each message once %v", ids(ok), []int64{rows[0].ID, rows[1].ID})
	}
	if flagLost && box.isProcessed(u1) {
		t.Errorf("the reconnected poller re-read UID %d, before its saved position", u1)
	}
}

// statuses summarises rows for failure messages.
func statuses(rows []inboundRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%d:%s:%s", r.ID, r.MessageID, r.Status))
	}
	return out
}

// createFolder and deleteFolder manage m.folder.
func (m *mbox) createFolder() {
	m.t.Helper()
	m.account(func(c *imapclient.Client) error { return c.Create(m.folder, nil).Wait() })
}

func (m *mbox) deleteFolder() {
	m.t.Helper()
	m.account(func(c *imapclient.Client) error { return c.Delete(m.folder).Wait() })
}

// account runs fn logged in, without selecting a folder.
func (m *mbox) account(fn func(c *imapclient.Client) error) {
	m.t.Helper()
	c, err := imapclient.DialInsecure(m.addr, nil)
	if err != nil {
		m.t.Fatalf("imap dial: %v", err)
	}
	defer c.Close()
	if err := c.Login(m.user, testenv.MailPassword).Wait(); err != nil {
		m.t.Fatalf("imap login: %v", err)
	}
	if err := fn(c); err != nil {
		m.t.Fatalf("imap %s: %v", m.folder, err)
	}
	_ = c.Logout().Wait()
}

// Issue 4, very large messages: one over MaxMessageBytes is not downloaded whole; its
// header is stored once with the size the server declared, dispatched (for the refusal)
// and flagged like any other; a message under the limit is stored whole.
func TestPollerKeepsOnlyTheHeaderOfAMessageOverTheLimit(t *testing.T) {
	ms := testenv.MailServers(t)
	st := testenv.Store(t)
	box := newMbox(t, ms.IMAPAddr, intakeUser)
	small := complaint(t, 1, "pequena@consumidor.example")
	huge := complaint(t, 2, "enorme@consumidor.example")
	huge = bytes.Replace(huge, []byte("\r\n\r\n"), []byte("\r\n\r\n"+strings.Repeat("x", 300<<10)+"\r\n"), 1)
	uids := []imap.UID{box.appendMsg(small), box.appendMsg(huge)}
	d := &recorder{}
	startPoller(t, mailbox.Config{Name: intake, Addr: ms.IMAPAddr, User: intakeUser, MaxMessageBytes: 256 << 10}, st, d)
	eventually(t, "both messages processed", func() string { return box.unprocessed(uids...) })

	rows := inboundRows(t, st)
	if len(rows) != 2 || !bytes.Equal(rows[0].Raw, small) {
		t.Fatalf("%d rows; the small message must be stored whole", len(rows))
	}
	big, err := st.Inbound(context.Background(), rows[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if big.DeclaredSize != int64(len(huge)) || len(big.Raw) > 8<<10 || !bytes.Contains(big.Raw, []byte("enorme@consumidor.example")) {
		t.Errorf("oversized message stored with declared size %d (want %d) and %d bytes", big.DeclaredSize, len(huge), len(big.Raw))
	}
	if ok, _ := d.calls(); len(ok) != 2 {
		t.Errorf("%d dispatches, want both messages dispatched", len(ok))
	}
}
