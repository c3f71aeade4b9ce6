package testenv

import (
	"bytes"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Message is one message read back from a test mailbox.
type Message struct {
	Subject   string
	MessageID string
	From, To  string
	Raw       []byte
}

// Inbox reads every message in user's INBOX on the IMAP server at addr.
func Inbox(t testing.TB, addr, user string) []Message {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatalf("testenv: imap dial: %v", err)
	}
	defer c.Close()
	if err := c.Login(user, MailPassword).Wait(); err != nil {
		t.Fatalf("testenv: imap login %s: %v", user, err)
	}
	sel, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		t.Fatalf("testenv: imap select: %v", err)
	}
	if sel.NumMessages == 0 {
		return nil
	}
	msgs, err := c.Fetch(imap.SeqSetNum(seq(sel.NumMessages)...), &imap.FetchOptions{
		BodySection: []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil {
		t.Fatalf("testenv: imap fetch: %v", err)
	}
	var out []Message
	for _, m := range msgs {
		if len(m.BodySection) == 0 {
			continue
		}
		raw := m.BodySection[0].Bytes
		msg := Message{Raw: raw}
		if p, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
			dec := new(mimeDecoder)
			msg.Subject = dec.decode(p.Header.Get("Subject"))
			msg.MessageID = strings.Trim(p.Header.Get("Message-Id"), "<> ")
			msg.From, msg.To = p.Header.Get("From"), p.Header.Get("To")
		}
		out = append(out, msg)
	}
	return out
}

// WaitInbox polls user's INBOX until cond holds for its messages or the timeout passes.
func WaitInbox(t testing.TB, addr, user string, timeout time.Duration, cond func([]Message) bool) []Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msgs := Inbox(t, addr, user)
		if cond(msgs) {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: inbox of %s: condition not met within %s; %d messages", user, timeout, len(msgs))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func seq(n uint32) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}
