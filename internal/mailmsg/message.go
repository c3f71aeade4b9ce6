package mailmsg

import "time"

// Address is one mailbox of an address header.
type Address struct {
	// Name is the display name, decoded to UTF-8; may be empty.
	Name string `json:"name,omitempty"`
	// Address is the addr-spec, e.g. "maria@example.com".
	Address string `json:"address"`
}

// Message is the decoded view of one RFC 5322 message.
type Message struct {
	From    []Address
	To      []Address
	Cc      []Address
	ReplyTo []Address
	// Subject is the RFC 2047-decoded subject.
	Subject string
	// MessageID is the Message-ID without angle brackets.
	MessageID string
	// Date is the Date header; zero when absent or unparseable.
	Date time.Time
	// InReplyTo and References are message IDs without angle brackets.
	InReplyTo  []string
	References []string

	// Text is the body as plain text (UTF-8, LF line ends): the text/plain
	// parts joined, or, when there is none, the HTML parts converted by
	// [HTMLToText].
	Text string
	// HTML is the raw (decoded to UTF-8) text/html body, if any.
	HTML string
	// TextFromHTML reports that Text was converted from HTML.
	TextFromHTML bool

	// Attachments are this message's own non-body parts, in order. Parts of
	// forwarded messages are in Forwarded, see [Message.AllAttachments].
	Attachments []*Attachment
	// Forwarded are the message/rfc822 parts, parsed recursively.
	Forwarded []*Message

	// Defects lists what was malformed but survived (English, for logs;
	// never personal data).
	Defects []string
	// Size is the raw size in bytes.
	Size int

	plain []string
	html  []string
}

// Attachment is one non-body MIME part.
type Attachment struct {
	// Filename is the decoded file name (RFC 2231/2047), "" when none.
	Filename string
	// DeclaredType is the lower-case media type of Content-Type.
	DeclaredType string
	// DetectedType is the media type found by sniffing the content, see
	// [DetectType].
	DetectedType string
	// Disposition is the lower-case Content-Disposition ("attachment",
	// "inline" or "").
	Disposition string
	// ContentID is the Content-ID without angle brackets.
	ContentID string
	// Inline reports a part meant to be shown inside the body (an image of
	// a multipart/related or with disposition inline and a Content-ID),
	// rather than a file the sender attached.
	Inline bool
	// Size is the decoded size in bytes, counted even when TooLarge.
	Size int64
	// TooLarge reports Size over [Limits.MaxAttachmentBytes]; Content is
	// then nil.
	TooLarge bool
	// Content is the decoded content.
	Content []byte
}

// AllAttachments returns m's attachments followed by those of its forwarded
// messages, depth first.
func (m *Message) AllAttachments() []*Attachment {
	out := append([]*Attachment(nil), m.Attachments...)
	for _, f := range m.Forwarded {
		out = append(out, f.AllAttachments()...)
	}
	return out
}

// Bodies returns m's Text followed by the Text of its forwarded messages,
// depth first.
func (m *Message) Bodies() []string {
	out := []string{m.Text}
	for _, f := range m.Forwarded {
		out = append(out, f.Bodies()...)
	}
	return out
}
