package mailstack

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Binaries the stack runs, by Debian package.
const (
	dovecotBin  = "/usr/sbin/dovecot"                // dovecot-core
	imapBin     = "/usr/lib/dovecot/imap"            // dovecot-imapd
	lmtpBin     = "/usr/lib/dovecot/lmtp"            // dovecot-lmtpd
	smtpdBin    = "/usr/sbin/smtpd"                  // opensmtpd
	smtpctlBin  = "/usr/sbin/smtpctl"                // opensmtpd
	mailLMTPBin = "/usr/libexec/opensmtpd/mail.lmtp" // opensmtpd
)

// Available reports whether a stack can start on this machine: nil when we
// are root, the Dovecot and OpenSMTPD binaries are installed and a private
// mount namespace can be created; otherwise an error naming everything that
// is missing (scripts/install-deps.sh installs the packages).
func Available() error {
	var missing []string
	if os.Geteuid() != 0 {
		missing = append(missing, "root privileges (running as uid "+fmt.Sprint(os.Geteuid())+")")
	}
	bins := []struct{ path, pkg string }{
		{dovecotBin, "dovecot-core"},
		{imapBin, "dovecot-imapd"},
		{lmtpBin, "dovecot-lmtpd"},
		{smtpdBin, "opensmtpd"},
		{smtpctlBin, "opensmtpd"},
		{mailLMTPBin, "opensmtpd"},
	}
	for _, b := range bins {
		if _, err := os.Stat(b.path); err != nil {
			missing = append(missing, b.path+" (package "+b.pkg+")")
		}
	}
	for _, tool := range []string{"unshare", "nsenter", "mount"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" (package util-linux/mount)")
		}
	}
	if len(missing) == 0 {
		// The namespace trick needs CAP_SYS_ADMIN, which containers may lack.
		if out, err := exec.Command("unshare", "--mount", "--", "true").CombinedOutput(); err != nil {
			missing = append(missing, "mount namespaces (unshare --mount: "+strings.TrimSpace(string(out))+")")
		}
	}
	if len(missing) > 0 {
		return errors.New("mailstack: not available, missing: " + strings.Join(missing, "; ") +
			" (install with scripts/install-deps.sh; run as root)")
	}
	return nil
}
