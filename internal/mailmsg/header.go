package mailmsg

import (
	"net/mail"
	"regexp"
	"strings"

	gomail "github.com/emersion/go-message/mail"
)

// readHeaders fills the header fields of m from h, leniently: a field that
// does not parse is kept as well as it can be, never fatal.
func readHeaders(m *Message, h gomail.Header) {
	m.From = addresses(h, "From")
	m.To = addresses(h, "To")
	m.Cc = addresses(h, "Cc")
	m.ReplyTo = addresses(h, "Reply-To")
	if s, err := h.Subject(); err == nil {
		m.Subject = decodeText([]byte(s), "")
	} else {
		m.Subject = decodeWords(h.Get("Subject"))
	}
	m.Subject = strings.TrimSpace(m.Subject)
	if id, err := h.MessageID(); err == nil && id != "" {
		m.MessageID = id
	} else {
		m.MessageID = strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")
	}
	if d, err := h.Date(); err == nil {
		m.Date = d
	}
	m.InReplyTo = msgIDs(h, "In-Reply-To")
	m.References = msgIDs(h, "References")
}

var addrSpec = regexp.MustCompile(`[^\s<>"(),;:]+@[^\s<>"(),;:]+`)

func addresses(h gomail.Header, key string) []Address {
	if !h.Has(key) {
		return nil
	}
	list, err := h.AddressList(key)
	if err == nil {
		out := make([]Address, 0, len(list))
		for _, a := range list {
			out = append(out, Address{Name: decodeText([]byte(a.Name), ""), Address: a.Address})
		}
		return out
	}
	// Fallback: pick whatever looks like an addr-spec.
	raw := decodeWords(h.Get(key))
	var out []Address
	for _, s := range addrSpec.FindAllString(raw, 20) {
		if a, err := mail.ParseAddress(s); err == nil {
			out = append(out, Address{Address: a.Address})
		} else {
			out = append(out, Address{Address: s})
		}
	}
	return out
}

func msgIDs(h gomail.Header, key string) []string {
	if !h.Has(key) {
		return nil
	}
	if ids, err := h.MsgIDList(key); err == nil && len(ids) > 0 {
		return ids
	}
	var out []string
	for _, f := range strings.Fields(h.Get(key)) {
		if f = strings.Trim(f, "<>,"); f != "" {
			out = append(out, f)
		}
	}
	return out
}
