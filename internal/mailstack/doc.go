// Package mailstack starts and stops a real mail stack built from Debian
// packages, for end-to-end tests and CI:
//
//	SMTP client → OpenSMTPD → Dovecot LMTP → Maildir ← Dovecot IMAP ← IMAP client
//
// Everything lives under Config.BaseDir:
//
//	etc/smtpd.conf, etc/dovecot.conf   generated configuration
//	mail/<address>/                     one Maildir per recipient address
//	dovecot/run, dovecot/state          Dovecot sockets and state
//	smtpd/spool                         OpenSMTPD queue (bind-mounted, see below)
//	smtpd/run                           OpenSMTPD control socket and pid file
//	log/dovecot.log, log/smtpd.log      daemon logs (they name envelope
//	                                    addresses: they are test artefacts)
//
// Daemons and users. The stack needs root (Available reports what is missing)
// and no systemd. Dovecot runs fully unprivileged as Config.User (default
// "mail", which Debian always has; a missing user is created as a system user
// without home or shell), started directly with that uid/gid. OpenSMTPD
// starts as root and drops privileges to its packaged users (opensmtpd,
// opensmtpq). OpenSMTPD's spool (/var/spool/smtpd) and control socket
// (/run/smtpd.sock) are compiled in; to keep them under BaseDir, and to let
// several stacks run at once, smtpd is started in a private mount namespace
// (unshare(1)) where BaseDir/smtpd/spool is bind-mounted on /var/spool/smtpd
// and BaseDir/smtpd/run on /run. Nothing outside the namespace sees these
// mounts; they vanish with the daemon.
//
// Delivery. OpenSMTPD accepts every recipient (a virtual table maps "@" to
// the mail user) and hands each recipient to Dovecot LMTP with the full
// recipient address as RCPT TO. Dovecot uses a static userdb with
// allow_all_users, so any address is a user, and stores its mail in
// mail/<address> (lower-cased; no "+detail" stripping). IMAP logins accept any
// user name with the one shared Config.Password, as plain text on loopback
// (ssl = no).
//
// Ports. SMTP and IMAP listen on 127.0.0.1 on the ports given, or on free
// ports; LMTP listens on a free loopback port used only by OpenSMTPD.
//
// Faults. StopSMTP/StartSMTP and StopIMAP/StartIMAP stop and restart one side
// (StopIMAP stops the whole Dovecot, LMTP included, so OpenSMTPD keeps mail
// queued meanwhile; FlushQueue retries the queue at once).
//
// Process lifetime. Daemons run in their own process groups and get SIGTERM
// if the Go process dies (Pdeathsig), but callers should always call Stop,
// which waits until every daemon process has exited and the ports are free.
package mailstack
