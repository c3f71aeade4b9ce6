package intake

import (
	"errors"
	"strings"
	"time"

	"github.com/procon-es/procon/internal/mailmsg"
)

// Options configures [Check]. The zero value is ready to use.
type Options struct {
	// Limits bounds message and attachment sizes; zero fields take the
	// defaults of mailmsg.DefaultLimits (25 MiB per message, 10 MiB per
	// attachment).
	Limits mailmsg.Limits
	// Now is the moment of the check, for "not in the future" and the age
	// used for priority; zero means time.Now().
	Now time.Time
}

// Check parses raw as an intake e-mail, reads the complaint form in its
// body and the documents attached to it, and validates them all in one
// pass (004 §3.3.1, Annexes V–X; product §2). It never panics and never logs.
//
// The report is valid exactly when it has no problems. A message that is
// unreadable, or over the size limit, has that one problem only.
func Check(raw []byte, opts Options) Report {
	limits := opts.Limits.WithDefaults()
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	r := Report{Form: Form{Suppliers: []Supplier{}}, Documents: []Document{}, Problems: []Problem{}}

	msg, err := mailmsg.ParseMessage(raw, limits)
	if err != nil {
		var se *mailmsg.SizeError
		if errors.As(err, &se) {
			return TooLarge(se.Size, se.Limit)
		} else {
			r.Problems = append(r.Problems, Problem{Code: CodeUnreadableMessage, Field: "message",
				Message: unreadableMessage})
		}
		return r
	}
	r.Message = msg

	v := &validator{now: now}
	r.Form = v.form(parseForm(formBody(msg)))
	r.Documents = v.documents(msg.AllAttachments(), r.Form.Representative != nil, limits)
	if v.problems != nil {
		r.Problems = v.problems
	}
	r.Valid = len(r.Problems) == 0
	return r
}

// TooLarge is the report on a message of size bytes over the limit: that one problem.
// The worker does not download such a message whole, so Check never sees it.
func TooLarge(size, limit int64) Report {
	return Report{Form: Form{Suppliers: []Supplier{}}, Documents: []Document{}, Problems: []Problem{{
		Code: CodeAttachmentTooLarge, Field: "message", Message: messageTooLargeMessage(size, limit),
	}}}
}

// formBody picks the body that holds the form: of the message's own body
// and those of forwarded messages, the one with the most labelled lines;
// the message's own body on a tie.
func formBody(m *mailmsg.Message) string {
	bodies := m.Bodies()
	best, bestN := bodies[0], -1
	for _, b := range bodies {
		if n := countLabels(strings.Split(b, "\n")); n > bestN {
			best, bestN = b, n
		}
	}
	return best
}

// documents classifies the attachments (see classifyName and
// allowedType), reports those refused, and the mandatory documents that
// no attachment provides. A refused attachment (too large, or of a type
// not allowed) still counts as sent for its kind, so the consumer is told
// once what to fix, not also that the document is missing.
func (v *validator) documents(atts []*mailmsg.Attachment, represented bool, limits mailmsg.Limits) []Document {
	docs := []Document{}
	sent := map[DocumentKind]bool{}
	for _, a := range atts {
		kinds := classifyName(a.Filename)
		if ignoredPart(a, kinds) {
			continue
		}
		main := DocOther
		if len(kinds) > 0 {
			main = kinds[0]
		}
		for _, k := range kinds {
			sent[k] = true
		}
		field := "documents." + string(main)
		if a.TooLarge {
			v.add(CodeAttachmentTooLarge, field, tooLargeMessage(a, limits.MaxAttachmentBytes))
			continue
		}
		if !allowedType(main, a.DetectedType) {
			v.add(CodeAttachmentNotAllowed, field, notAllowedMessage(a, main))
			continue
		}
		if len(kinds) == 0 {
			kinds = []DocumentKind{DocOther}
		}
		for _, k := range kinds {
			docs = append(docs, Document{Kind: k, Filename: a.Filename, ContentType: a.DetectedType, Size: a.Size, Attachment: a})
		}
	}
	for _, k := range DocumentKinds {
		if k == DocProcuracao && !represented {
			continue
		}
		if !sent[k] {
			v.add(CodeMissingDocument, "documents."+string(k), missingDocumentMessage(k))
		}
	}
	return docs
}
