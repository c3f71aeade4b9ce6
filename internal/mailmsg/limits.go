package mailmsg

// Default limits applied by [ParseMessage] when a [Limits] field is zero.
const (
	// DefaultMaxMessageBytes is the largest raw message accepted: 25 MiB,
	// the usual ceiling of public mail providers.
	DefaultMaxMessageBytes int64 = 25 << 20
	// DefaultMaxAttachmentBytes is the largest decoded attachment kept:
	// 10 MiB.
	DefaultMaxAttachmentBytes int64 = 10 << 20
	// DefaultMaxDepth is how deep multipart and message/rfc822 parts may
	// nest before the rest is skipped.
	DefaultMaxDepth = 16
	// DefaultMaxParts is how many MIME parts are read before the rest is
	// skipped.
	DefaultMaxParts = 500
)

// Limits bounds the work and memory [ParseMessage] spends on one message.
// A zero field means its default; a negative size means no limit.
type Limits struct {
	// MaxMessageBytes is the largest raw message, in bytes, that is parsed
	// at all. Larger input yields a [*SizeError] with an empty Filename.
	MaxMessageBytes int64
	// MaxAttachmentBytes is the largest decoded attachment whose content is
	// kept. Larger attachments are reported with TooLarge set.
	MaxAttachmentBytes int64
	// MaxDepth is the deepest nesting of multipart and forwarded messages
	// that is walked.
	MaxDepth int
	// MaxParts is the number of MIME parts, all levels together, that are
	// walked.
	MaxParts int
}

// DefaultLimits returns the limits used for zero fields.
func DefaultLimits() Limits {
	return Limits{
		MaxMessageBytes:    DefaultMaxMessageBytes,
		MaxAttachmentBytes: DefaultMaxAttachmentBytes,
		MaxDepth:           DefaultMaxDepth,
		MaxParts:           DefaultMaxParts,
	}
}

// WithDefaults returns l with every zero field replaced by its default.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	if l.MaxMessageBytes == 0 {
		l.MaxMessageBytes = d.MaxMessageBytes
	}
	if l.MaxAttachmentBytes == 0 {
		l.MaxAttachmentBytes = d.MaxAttachmentBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxParts <= 0 {
		l.MaxParts = d.MaxParts
	}
	return l
}
