package devmail

import (
	"errors"
	"net/url"
	"strings"
	"unicode"
)

// maxNameLen bounds user names (an address is at most 254 octets).
const maxNameLen = 254

// errBadName is returned for user names that cannot be an account.
var errBadName = errors.New("devmail: invalid user name")

// normalizeUser turns an address or login name into an account name:
// trimmed and lower-cased. Any name without control characters is allowed.
func normalizeUser(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" || len(n) > maxNameLen {
		return "", errBadName
	}
	for _, r := range n {
		if unicode.IsControl(r) {
			return "", errBadName
		}
	}
	return n, nil
}

// escapeName maps a user or mailbox name to one path element. A leading dot
// is escaped too, so that names never collide with "." entries or with the
// dot files this package keeps beside them.
func escapeName(name string) string {
	e := url.PathEscape(name)
	if strings.HasPrefix(e, ".") {
		e = "%2E" + e[1:]
	}
	return e
}

// unescapeName reverses escapeName.
func unescapeName(elem string) (string, error) {
	return url.PathUnescape(elem)
}
