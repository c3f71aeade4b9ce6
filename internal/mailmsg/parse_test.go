package mailmsg

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func msg(headers, body string) []byte {
	return []byte(strings.ReplaceAll(headers, "\n", "\r\n") + "\r\n" + body)
}

func TestParseMessageHeaders(t *testing.T) {
	raw := msg(`From: =?UTF-8?Q?Jo=C3=A3o_Lima?= <joao@example.com>
To: a@example.com, "B, C" <b@example.com>
Cc: c@example.com
Reply-To: r@example.com
Subject: =?ISO-8859-1?Q?Reclama=E7=E3o?= =?UTF-8?B?IGNvbnRyYSBsb2phIOKAkyB1cmdlbnRl?=
Message-ID: <abc.123@example.com>
In-Reply-To: <x@y>
References: <w@y> <x@y>
Date: Mon, 23 Nov 2026 09:15:00 -0300
`, "corpo\r\n")
	m, err := ParseMessage(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.From) != 1 || m.From[0].Name != "João Lima" || m.From[0].Address != "joao@example.com" {
		t.Errorf("From = %+v", m.From)
	}
	if len(m.To) != 2 || m.To[1].Name != "B, C" || len(m.Cc) != 1 || len(m.ReplyTo) != 1 {
		t.Errorf("To = %+v Cc = %+v", m.To, m.Cc)
	}
	if m.Subject != "Reclamação contra loja – urgente" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if m.MessageID != "abc.123@example.com" || fmt.Sprint(m.InReplyTo) != "[x@y]" || fmt.Sprint(m.References) != "[w@y x@y]" {
		t.Errorf("ids %q %q %q", m.MessageID, m.InReplyTo, m.References)
	}
	if m.Date.Format("2006-01-02 15:04 -0700") != "2026-11-23 09:15 -0300" {
		t.Errorf("Date = %v", m.Date)
	}
	if m.Text != "corpo\n" {
		t.Errorf("Text = %q", m.Text)
	}
}

func TestParseMessageLenientHeaders(t *testing.T) {
	raw := msg("From: Maria maria@example.com (sem brackets)\nSubject: Reclama\xe7\xe3o\nMessage-ID: sem-brackets@x\nDate: ontem\n", "x")
	m, err := ParseMessage(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.From) != 1 || m.From[0].Address != "maria@example.com" {
		t.Errorf("From = %+v", m.From)
	}
	if m.Subject != "Reclamação" {
		t.Errorf("raw 8-bit subject = %q", m.Subject)
	}
	if m.MessageID != "sem-brackets@x" || !m.Date.IsZero() {
		t.Errorf("id %q date %v", m.MessageID, m.Date)
	}
}

func TestParseMessageUnreadable(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":       "",
		"blank":       " \r\n\r\n",
		"binary":      "\x00\x01\x02\x03\xff\xfe",
		"no colon":    "isto não é um e-mail\nNOME: Maria\n",
		"no header":   "\r\nNOME: Maria\r\n",
		"not mail":    "Nome: Maria\nCEP: 29000-000\n\ntexto",
		"bad key":     "Fr om: a@b\r\n\r\nx",
		"indent line": " From: a@b\r\n\r\nx",
	} {
		_, err := ParseMessage([]byte(raw), Limits{})
		if !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s: err = %v, want ErrUnreadable", name, err)
		}
	}
	// An mbox envelope line is skipped.
	if m, err := ParseMessage([]byte("From maria@example.com Mon Nov 23 09:15:00 2026\nFrom: maria@example.com\n\noi"), Limits{}); err != nil || m.Text != "oi" {
		t.Errorf("mbox envelope: %v", err)
	}
	// A header with no blank line and no body is still a message.
	if _, err := ParseMessage([]byte("From: a@example.com\r\nSubject: x"), Limits{}); err != nil {
		t.Errorf("header-only message: %v", err)
	}
}

func TestParseMessageTooLarge(t *testing.T) {
	raw := msg("From: a@example.com\n", strings.Repeat("x", 2000))
	_, err := ParseMessage(raw, Limits{MaxMessageBytes: 1000})
	var se *SizeError
	if !errors.As(err, &se) || se.Limit != 1000 || se.Size != int64(len(raw)) || se.Filename != "" {
		t.Fatalf("err = %v", err)
	}
	if _, err := ParseMessage(raw, Limits{MaxMessageBytes: -1}); err != nil {
		t.Errorf("no limit: %v", err)
	}
}

func TestParseMessageAttachmentTooLarge(t *testing.T) {
	raw := msg(`From: a@example.com
Content-Type: multipart/mixed; boundary=b
`, "--b\r\nContent-Type: text/plain\r\n\r\noi\r\n--b\r\nContent-Type: application/pdf\r\n"+
		"Content-Disposition: attachment; filename=grande.pdf\r\n\r\n%PDF-1.4\r\n"+strings.Repeat("x", 5000)+"\r\n--b--\r\n")
	m, err := ParseMessage(raw, Limits{MaxAttachmentBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	a := m.Attachments[0]
	if !a.TooLarge || a.Content != nil || a.Size != 5010 || a.DetectedType != TypePDF || a.Filename != "grande.pdf" {
		t.Errorf("attachment = %+v", a)
	}
}

func TestParseMessageStructure(t *testing.T) {
	inner := "From: b@example.com\r\nSubject: original\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n" +
		"--in\r\nContent-Type: text/plain\r\n\r\nNOME: Maria\r\n--in\r\nContent-Type: application/pdf; name=rg.pdf\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--in--\r\n"
	raw := msg(`From: a@example.com
Subject: Fwd
Content-Type: multipart/mixed; boundary="out"
`, "preamble\r\n--out\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"+
		"--alt\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nol=E1 =\r\nmundo\r\n"+
		"--alt\r\nContent-Type: multipart/related; boundary=rel\r\n\r\n"+
		"--rel\r\nContent-Type: text/html\r\n\r\n<p>ol&aacute;</p><img src=cid:logo>\r\n"+
		"--rel\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"+
		"--rel--\r\n--alt--\r\n"+
		"--out\r\nContent-Type: message/rfc822\r\n\r\n"+inner+
		"\r\n--out--\r\n")
	m, err := ParseMessage(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Text != "olá mundo" || m.TextFromHTML || !strings.Contains(m.HTML, "<p>ol&aacute;</p>") {
		t.Errorf("Text = %q fromHTML=%v HTML=%q", m.Text, m.TextFromHTML, m.HTML)
	}
	if len(m.Attachments) != 1 || !m.Attachments[0].Inline || m.Attachments[0].ContentID != "logo" ||
		m.Attachments[0].DetectedType != TypePNG {
		t.Errorf("Attachments = %+v", m.Attachments)
	}
	if len(m.Forwarded) != 1 || m.Forwarded[0].Subject != "original" || m.Forwarded[0].Text != "NOME: Maria" {
		t.Fatalf("Forwarded = %+v", m.Forwarded)
	}
	all := m.AllAttachments()
	if len(all) != 2 || all[1].Filename != "rg.pdf" || string(all[1].Content) != "%PDF-1.4\n" {
		t.Errorf("AllAttachments = %+v", all)
	}
	if b := m.Bodies(); len(b) != 2 || b[1] != "NOME: Maria" {
		t.Errorf("Bodies = %q", b)
	}
	if len(m.Defects) != 0 {
		t.Errorf("Defects = %q", m.Defects)
	}
}

func TestParseMessageHTMLOnly(t *testing.T) {
	raw := msg("From: a@example.com\nContent-Type: text/html; charset=windows-1252\n", "<div>NOME: Jos\xe9</div><div>CEP:&nbsp;29000-000</div>")
	m, err := ParseMessage(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !m.TextFromHTML || m.Text != "NOME: José\nCEP: 29000-000" {
		t.Errorf("Text = %q", m.Text)
	}
}

func TestParseMessageDefects(t *testing.T) {
	tests := map[string]struct {
		ct, body string
		defect   string
	}{
		"truncated multipart": {"multipart/mixed; boundary=b",
			"--b\r\nContent-Type: text/plain\r\n\r\ntexto que termina sem fechar", "ends abruptly"},
		"no boundary":    {"multipart/mixed", "NOME: Maria", "without boundary"},
		"no parts":       {"multipart/mixed; boundary=zz", "nada aqui", "without parts"},
		"unknown enc":    {"text/plain\r\nContent-Transfer-Encoding: x-uuencode", "abc", "unknown Content-Transfer-Encoding"},
		"bad media type": {"texto", "abc", "malformed Content-Type"},
	}
	for name, tt := range tests {
		m, err := ParseMessage(msg("From: a@example.com\nContent-Type: "+tt.ct+"\n", tt.body), Limits{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.Contains(strings.Join(m.Defects, ";"), tt.defect) {
			t.Errorf("%s: defects %q, want %q", name, m.Defects, tt.defect)
		}
	}
	// The text read before the truncation is kept.
	m, _ := ParseMessage(msg("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n",
		"--b\r\nContent-Type: text/plain\r\n\r\nNOME: Maria\r\nsem fim"), Limits{})
	if !strings.Contains(m.Text, "NOME: Maria") {
		t.Errorf("truncated text = %q", m.Text)
	}
}

func TestParseMessageLimits(t *testing.T) {
	// Nested multiparts beyond MaxDepth are skipped, not recursed into.
	body := ""
	for i := 0; i < 50; i++ {
		body += fmt.Sprintf("--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i, i+1)
	}
	m, err := ParseMessage(msg("From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n", body), Limits{MaxDepth: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(m.Defects, ";"), "deeper than 5") {
		t.Errorf("defects = %q", m.Defects)
	}
	// Parts beyond MaxParts are skipped.
	var parts strings.Builder
	for i := 0; i < 30; i++ {
		parts.WriteString("--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF-\r\n")
	}
	parts.WriteString("--b--\r\n")
	m, _ = ParseMessage(msg("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n", parts.String()), Limits{MaxParts: 10})
	if len(m.Attachments) != 9 || !strings.Contains(strings.Join(m.Defects, ";"), "more than 10") {
		t.Errorf("%d attachments, defects %q", len(m.Attachments), m.Defects)
	}
}

func TestParseMessageForwardedUnreadable(t *testing.T) {
	raw := msg("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n",
		"--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=x.eml\r\n\r\nlixo sem cabecalho\r\n--b--\r\n")
	m, err := ParseMessage(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Forwarded) != 0 || len(m.Attachments) != 1 || m.Attachments[0].Filename != "x.eml" {
		t.Errorf("forwarded %d attachments %+v", len(m.Forwarded), m.Attachments)
	}
}
