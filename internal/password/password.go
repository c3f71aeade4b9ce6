// Package password hashes and verifies staff passwords with argon2id (RFC 9106), kept
// in the PHC string format so the parameters travel with each hash.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters: RFC 9106's second recommended option (64 MiB, 3 passes),
// with 2 lanes for the 2-CPU servers of the agency.
const (
	memoryKiB = 64 * 1024
	passes    = 3
	lanes     = 2
	saltBytes = 16
	keyBytes  = 32
)

// MinLength is the shortest password accepted, in characters.
const MinLength = 12

// MaxLength bounds a password (argon2 takes any length; the form does not need more).
const MaxLength = 256

// ErrMismatch: the password does not match the hash.
var ErrMismatch = errors.New("password: mismatch")

// Check says what is wrong with a new password, in Portuguese, or "" when it is fine.
func Check(p string) string {
	n := utf8.RuneCountInString(p)
	switch {
	case n < MinLength:
		return fmt.Sprintf("A senha precisa ter pelo menos %d caracteres.", MinLength)
	case n > MaxLength:
		return fmt.Sprintf("A senha pode ter no máximo %d caracteres.", MaxLength)
	case strings.TrimSpace(p) == "":
		return "A senha não pode ser só de espaços."
	}
	return ""
}

// Hash returns the argon2id hash of p with a fresh salt.
func Hash(p string) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(p), salt, passes, memoryKiB, lanes, keyBytes)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, passes, lanes,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify checks p against a hash made by Hash (with whatever parameters it records), in
// constant time. It answers ErrMismatch for a wrong password and another error for a
// hash it cannot read.
func Verify(p, hash string) error {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("password: not an argon2id hash")
	}
	var version int
	var m uint32
	var t uint32
	var l uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return errors.New("password: unknown argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &l); err != nil {
		return errors.New("password: bad argon2 parameters")
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return errors.New("password: bad salt")
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return errors.New("password: bad key")
	}
	got := argon2.IDKey([]byte(p), salt, t, m, l, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}
