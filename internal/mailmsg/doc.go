// Package mailmsg parses raw RFC 5322 messages, as fetched from the agency's
// IMAP mailboxes, into a flat, decoded view: addresses, subject, threading
// headers, the text body and the attachments.
//
// It is generic: it knows nothing about complaint forms or petitions, so the
// intake validator (internal/intake) and the petition router both build on
// it. It never logs and never panics on hostile input; every malformed
// construct it can survive is recorded in [Message.Defects] instead.
//
// What it handles (issue 4, "Reading the mailboxes"):
//
//   - nested multipart (mixed, alternative, related, …), with a depth and a
//     part-count limit;
//   - quoted-printable and base64 transfer encodings, decoded leniently
//     (bad escapes and stray characters are kept or skipped, never fatal);
//   - RFC 2047 encoded words in headers and RFC 2231 parameters (charset,
//     continuations) in file names;
//   - UTF-8, ISO-8859-1 and Windows-1252 text: a part labelled ISO-8859-1
//     that uses the C1 range is read as Windows-1252 (what senders mean), and
//     undeclared or invalid 8-bit text falls back to Windows-1252;
//   - HTML-only bodies, converted to text by [HTMLToText];
//   - inline images (multipart/related, Content-ID, disposition inline),
//     flagged with [Attachment.Inline];
//   - forwarded messages (message/rfc822 parts), parsed recursively into
//     [Message.Forwarded];
//   - size limits ([Limits]): a message over MaxMessageBytes is refused with
//     a [*SizeError]; an attachment over MaxAttachmentBytes is kept with
//     [Attachment.TooLarge] set and its content dropped.
package mailmsg
