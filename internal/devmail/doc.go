// Package devmail is an in-process SMTP + IMAP server for `procon-dev dev` (the
// whole system on one machine, no Docker, no root) and for fast wiring tests.
//
// SMTP (github.com/emersion/go-smtp) accepts mail for any recipient, with or
// without AUTH PLAIN, no TLS. Each recipient is a user: its mail goes to the
// INBOX of an IMAP account of the same (lower-cased) name, created on first
// delivery or first login. IMAP (github.com/emersion/go-imap/v2/imapserver
// over imapserver/imapmemserver) accepts any user name with the one shared
// Config.Password, in plain text, and supports IDLE, UIDPLUS and MOVE.
// A delivery wakes IDLE clients at once.
//
// Persistence. Everything that changes which messages are where is written
// through to Config.DataDir as it happens, and reloaded by the next Start:
//
//	<DataDir>/<user>/.state.json        mailboxes, UIDVALIDITY, UIDNEXT
//	<DataDir>/<user>/<mailbox>/<uid>.eml one file per message, raw RFC 5322
//
// User and mailbox names are path-escaped (url.PathEscape, and a leading "."
// becomes "%2E"). Deliveries, APPEND, COPY, MOVE, EXPUNGE and CREATE, DELETE,
// RENAME, SUBSCRIBE are persisted, and a restart keeps every message's UID,
// each mailbox's UIDVALIDITY and UIDNEXT, so IMAP clients that remember UIDs
// stay consistent. Message flags (\Seen, \Deleted, ...) are kept in memory
// only: after a restart every message is unflagged. A .eml file dropped by
// hand into a mailbox directory is picked up at the next Start (files with a
// non-numeric name get the next free UID and are renamed).
//
// Delivered messages get "Return-Path" and "Delivered-To" header fields, as
// Dovecot's LMTP adds them. The logger never receives addresses, passwords
// or message bodies.
package devmail
