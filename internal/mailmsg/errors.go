package mailmsg

import (
	"errors"
	"fmt"
)

// ErrUnreadable is wrapped by the error [ParseMessage] returns when the
// input is not an RFC 5322 message at all (empty, binary garbage, no header
// fields).
var ErrUnreadable = errors.New("mailmsg: unreadable message")

// SizeError reports content over a size limit. [ParseMessage] returns it,
// with an empty Filename, for a message over [Limits.MaxMessageBytes].
type SizeError struct {
	// Filename is the attachment's file name, or "" for the whole message.
	Filename string
	// Size is the actual size in bytes.
	Size int64
	// Limit is the limit that was exceeded, in bytes.
	Limit int64
}

// Error implements error.
func (e *SizeError) Error() string {
	what := "message"
	if e.Filename != "" {
		what = fmt.Sprintf("attachment %q", e.Filename)
	}
	return fmt.Sprintf("mailmsg: %s is %d bytes, over the limit of %d", what, e.Size, e.Limit)
}

func unreadable(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnreadable}, args...)...)
}
