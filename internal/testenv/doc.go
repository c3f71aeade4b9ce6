// Package testenv starts the real servers the integration tests run against: a
// throwaway PostgreSQL cluster (one per test binary, one fresh database per test), an
// in-process Temporal server, and the mail servers (the real Dovecot + OpenSMTPD when
// installed, else the in-process ones; PROCON_REQUIRE_REAL_MAIL=1 makes the real ones
// mandatory, as CI does).
package testenv
