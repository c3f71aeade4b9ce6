package mailmsg

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// ParseMessage parses raw as an RFC 5322 message within limits (zero fields
// take their defaults, see [Limits]).
//
// It returns a [*SizeError] when raw is over MaxMessageBytes, an error
// wrapping [ErrUnreadable] when raw has no readable header, and otherwise a
// Message, however malformed its body: what could not be read is listed in
// Message.Defects.
func ParseMessage(raw []byte, limits Limits) (*Message, error) {
	limits = limits.WithDefaults()
	if limits.MaxMessageBytes > 0 && int64(len(raw)) > limits.MaxMessageBytes {
		return nil, &SizeError{Size: int64(len(raw)), Limit: limits.MaxMessageBytes}
	}
	// An mbox "From sender date" envelope line, as in messages saved from
	// a mailbox file, is not part of the message.
	if bytes.HasPrefix(raw, []byte("From ")) {
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			raw = raw[i+1:]
		}
	}
	p := &parser{limits: limits}
	return p.message(raw, 0)
}

type parser struct {
	limits Limits
	parts  int
}

// message parses one message (the top one or a forwarded one).
func (p *parser) message(raw []byte, depth int) (*Message, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, unreadable("empty input")
	}
	br := bufio.NewReader(bytes.NewReader(raw))
	th, err := textproto.ReadHeader(br)
	if err != nil && !(errors.Is(err, io.EOF) && th.Len() > 0) {
		return nil, unreadable("header: %v", err)
	}
	if th.Len() == 0 {
		return nil, unreadable("no header fields")
	}
	body, _ := io.ReadAll(br)

	h := mail.Header{Header: message.Header{Header: th}}
	m := &Message{Size: len(raw)}
	readHeaders(m, h)
	if !hasStructuralHeader(h) {
		return nil, unreadable("no RFC 5322 or MIME header field")
	}
	p.entity(m, h.Header, body, depth, false)
	m.finish()
	return m, nil
}

// hasStructuralHeader reports whether h has at least one field that a mail
// message carries; a text that merely starts with "Word: …" is not a
// message.
func hasStructuralHeader(h mail.Header) bool {
	for _, k := range []string{"From", "To", "Subject", "Date", "Message-Id",
		"Content-Type", "Mime-Version", "Received", "Return-Path", "Sender",
		"Reply-To", "Cc", "Delivered-To", "X-Mailer", "In-Reply-To", "References"} {
		if h.Has(k) {
			return true
		}
	}
	return false
}

func (m *Message) defect(format string, args ...any) {
	if len(m.Defects) < 100 {
		m.Defects = append(m.Defects, fmt.Sprintf(format, args...))
	}
}

// finish assembles Text and HTML from the collected body parts.
func (m *Message) finish() {
	m.HTML = strings.Join(m.html, "\n")
	if len(m.plain) > 0 {
		m.Text = strings.Join(m.plain, "\n")
	} else if m.HTML != "" {
		m.Text = HTMLToText(m.HTML)
		m.TextFromHTML = true
	}
	m.plain, m.html = nil, nil
}

// entity handles one MIME entity with header h and raw (still
// transfer-encoded) body.
func (p *parser) entity(m *Message, h message.Header, body []byte, depth int, inRelated bool) {
	p.parts++
	if p.parts > p.limits.MaxParts {
		if p.parts == p.limits.MaxParts+1 {
			m.defect("more than %d MIME parts; the rest is skipped", p.limits.MaxParts)
		}
		return
	}
	mediaType, params := parseParams(h.Get("Content-Type"))
	if mediaType == "" || !strings.Contains(mediaType, "/") {
		if mediaType != "" {
			m.defect("malformed Content-Type %q read as text/plain", truncate(mediaType, 40))
		}
		mediaType = "text/plain"
	}
	switch {
	case strings.HasPrefix(mediaType, "multipart/"):
		boundary := params["boundary"]
		if boundary == "" {
			m.defect("%s without boundary read as text/plain", mediaType)
			p.leaf(m, h, "text/plain", params, body, inRelated)
			return
		}
		if depth >= p.limits.MaxDepth {
			m.defect("multipart nested deeper than %d skipped", p.limits.MaxDepth)
			return
		}
		if mediaType == "multipart/alternative" {
			p.alternative(m, body, boundary, depth)
			return
		}
		related := inRelated || mediaType == "multipart/related"
		p.eachPart(m, body, boundary, func(ph message.Header, pb []byte) {
			p.entity(m, ph, pb, depth+1, related)
		})
	case mediaType == "message/rfc822" || mediaType == "message/global":
		inner, _ := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
		if depth < p.limits.MaxDepth {
			fm, err := p.message(inner, depth+1)
			if err == nil {
				m.Forwarded = append(m.Forwarded, fm)
				return
			}
			m.defect("unreadable forwarded message kept as attachment")
		} else {
			m.defect("forwarded message nested deeper than %d kept as attachment", p.limits.MaxDepth)
		}
		p.leaf(m, h, mediaType, params, body, inRelated)
	default:
		p.leaf(m, h, mediaType, params, body, inRelated)
	}
}

// eachPart iterates over the parts of a multipart body. A missing closing
// delimiter or a malformed part ends the iteration with a defect; the parts
// read so far are kept.
func (p *parser) eachPart(m *Message, body []byte, boundary string, fn func(message.Header, []byte)) {
	mr := textproto.NewMultipartReader(bytes.NewReader(body), boundary)
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			return
		}
		if err != nil {
			if n == 0 {
				m.defect("multipart body without parts")
			} else {
				m.defect("multipart body ends abruptly")
			}
			return
		}
		pb, rerr := io.ReadAll(part)
		fn(message.Header{Header: part.Header}, pb)
		if rerr != nil {
			m.defect("multipart body ends abruptly")
			return
		}
		if p.parts > p.limits.MaxParts {
			return
		}
	}
}

// alternative picks one rendering of a multipart/alternative: the first
// that has a text/plain body, otherwise the richest (last) one. Attachments
// and forwarded messages found in any alternative are all kept.
func (p *parser) alternative(m *Message, body []byte, boundary string, depth int) {
	var alts []*Message
	p.eachPart(m, body, boundary, func(ph message.Header, pb []byte) {
		sub := &Message{}
		p.entity(sub, ph, pb, depth+1, false)
		alts = append(alts, sub)
	})
	var chosen *Message
	for _, a := range alts {
		if len(a.plain) > 0 {
			chosen = a
			break
		}
	}
	var html []string
	for _, a := range alts {
		html = append(html, a.html...)
		m.Attachments = append(m.Attachments, a.Attachments...)
		m.Forwarded = append(m.Forwarded, a.Forwarded...)
		m.Defects = append(m.Defects, a.Defects...)
	}
	if chosen != nil {
		m.plain = append(m.plain, chosen.plain...)
	}
	if len(html) > 0 {
		// The last HTML alternative is the richest one (RFC 2046 §5.1.4).
		for i := len(alts) - 1; i >= 0; i-- {
			if len(alts[i].html) > 0 {
				m.html = append(m.html, alts[i].html...)
				break
			}
		}
	}
}

// leaf handles a non-multipart entity: a body text part or an attachment.
func (p *parser) leaf(m *Message, h message.Header, mediaType string, params map[string]string, body []byte, inRelated bool) {
	enc := h.Get("Content-Transfer-Encoding")
	decoded, ok := decodeTransfer(enc, body)
	if !ok {
		m.defect("unknown Content-Transfer-Encoding %q kept undecoded", truncate(enc, 40))
	}
	disp, dparams := parseParams(h.Get("Content-Disposition"))
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	filename = cleanFilename(filename)

	if (mediaType == "text/plain" || mediaType == "text/html") && disp != "attachment" && filename == "" {
		text := decodeText(decoded, params["charset"])
		if mediaType == "text/plain" && strings.EqualFold(params["format"], "flowed") {
			text = unflow(text, strings.EqualFold(params["delsp"], "yes"))
		}
		if mediaType == "text/plain" {
			m.plain = append(m.plain, text)
		} else {
			m.html = append(m.html, text)
		}
		return
	}

	cid := strings.Trim(strings.TrimSpace(h.Get("Content-Id")), "<>")
	a := &Attachment{
		Filename:     filename,
		DeclaredType: mediaType,
		Disposition:  disp,
		ContentID:    cid,
		Size:         int64(len(decoded)),
		DetectedType: DetectType(decoded),
	}
	a.Inline = (disp == "inline" && cid != "") || (disp == "" && inRelated)
	if p.limits.MaxAttachmentBytes > 0 && a.Size > p.limits.MaxAttachmentBytes {
		a.TooLarge = true
	} else {
		a.Content = decoded
	}
	m.Attachments = append(m.Attachments, a)
}

// cleanFilename drops directory parts and control characters from a
// declared file name.
func cleanFilename(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
