package intake

import "github.com/procon-es/procon/internal/mailmsg"

// Code is a stable problem code of the `procon intake check` interface
// (issue 4). Codes never change meaning; new ones may be added.
type Code string

// Problem codes.
const (
	// CodeMissingField: a mandatory form field is empty or absent
	// (004 §3.3.1.2, §3.3.1.5; product §2).
	CodeMissingField Code = "missing_field"
	// CodeInvalidField: a field is filled but its value is not valid (CPF or
	// CNPJ check digits, CEP, UF, date, phone, e-mail). product §2: an invalid
	// value counts as missing.
	CodeInvalidField Code = "invalid_field"
	// CodeMissingDocument: a mandatory document has no attachment whose
	// file name names it (004 §3.3.1.2, Annex V item 3).
	CodeMissingDocument Code = "missing_document"
	// CodeAttachmentNotAllowed: an attachment's content is not of an
	// accepted type (PDF; JPEG or PNG for the selfie), whatever its name.
	CodeAttachmentNotAllowed Code = "attachment_not_allowed"
	// CodeAttachmentTooLarge: an attachment, or the whole message, is over
	// the configured size limit.
	CodeAttachmentTooLarge Code = "attachment_too_large"
	// CodeUnreadableMessage: the input is not a readable e-mail message.
	CodeUnreadableMessage Code = "unreadable_message"
)

// Problem is one reason the atendimento cannot be registered.
type Problem struct {
	// Code is one of the Code constants.
	Code Code `json:"code"`
	// Field is the dotted name of what is wrong (see the package
	// documentation), e.g. "consumer.cpf_cnpj", "suppliers[0].cep",
	// "documents.selfie" or "message".
	Field string `json:"field"`
	// Message explains the problem to the consumer, in Brazilian
	// Portuguese. It never repeats a CPF, CNPJ or RG.
	Message string `json:"message"`
}

// Document is one accepted attachment and the document kind it provides.
type Document struct {
	// Kind is the document kind: a DocumentKind value, or "other" for an
	// accepted attachment whose name matches no keyword.
	Kind DocumentKind `json:"kind"`
	// Filename is the attachment's decoded file name.
	Filename string `json:"filename"`
	// ContentType is the media type detected from the content
	// (application/pdf, image/jpeg or image/png).
	ContentType string `json:"content_type"`
	// Size is the decoded size in bytes.
	Size int64 `json:"size"`

	// Attachment is the parsed attachment, content included; not part of
	// the JSON interface.
	Attachment *mailmsg.Attachment `json:"-"`
}

// Report is the verdict on one intake message. Its JSON form is the output
// of `procon intake check`:
//
//	{"valid": bool, "form": {...}, "documents": [...], "problems": [...]}
//
// Valid is true exactly when Problems is empty. Documents and Problems are
// never nil, so they marshal as [] rather than null.
type Report struct {
	Valid     bool       `json:"valid"`
	Form      Form       `json:"form"`
	Documents []Document `json:"documents"`
	Problems  []Problem  `json:"problems"`

	// Message is the parsed e-mail (nil when unreadable or too large); not
	// part of the JSON interface.
	Message *mailmsg.Message `json:"-"`
}
