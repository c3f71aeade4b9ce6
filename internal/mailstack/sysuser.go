package mailstack

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// sysUser is a resolved system user.
type sysUser struct {
	name     string
	uid, gid uint32
}

// lookupOrCreateUser resolves name, creating it as a system user without
// home directory or login shell when it does not exist.
func lookupOrCreateUser(name string) (sysUser, error) {
	u, err := user.Lookup(name)
	var unknown user.UnknownUserError
	if errors.As(err, &unknown) {
		out, cerr := exec.Command("useradd", "--system", "--no-create-home",
			"--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
			"--user-group", name).CombinedOutput()
		if cerr != nil {
			return sysUser{}, fmt.Errorf("mailstack: create user %s: %v: %s", name, cerr, strings.TrimSpace(string(out)))
		}
		u, err = user.Lookup(name)
	}
	if err != nil {
		return sysUser{}, fmt.Errorf("mailstack: user %s: %w", name, err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return sysUser{}, fmt.Errorf("mailstack: user %s uid: %w", name, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return sysUser{}, fmt.Errorf("mailstack: user %s gid: %w", name, err)
	}
	if uid == 0 {
		return sysUser{}, fmt.Errorf("mailstack: user %s is root; choose an unprivileged user", name)
	}
	return sysUser{name: name, uid: uint32(uid), gid: uint32(gid)}, nil
}

// ensureSearchable makes sure u can traverse every directory from / down to
// dir. Missing search permission is granted (o+x) only to directories below
// os.TempDir(); anywhere else it is an error, to leave the caller's
// permissions alone.
func ensureSearchable(dir string, u sysUser) error {
	tmp, err := filepath.EvalSymlinks(os.TempDir())
	if err != nil {
		tmp = filepath.Clean(os.TempDir())
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	for p := real; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("mailstack: %w", err)
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return fmt.Errorf("mailstack: cannot read owner of %s", p)
		}
		mode := fi.Mode().Perm()
		searchable := mode&0o001 != 0 ||
			(st.Uid == u.uid && mode&0o100 != 0) ||
			(st.Gid == u.gid && mode&0o010 != 0)
		if !searchable {
			if p == tmp || !strings.HasPrefix(p, tmp+string(filepath.Separator)) {
				return fmt.Errorf("mailstack: user %s cannot enter %s (mode %v); choose a base dir it can reach", u.name, p, mode)
			}
			if err := os.Chmod(p, fi.Mode()|0o001); err != nil {
				return fmt.Errorf("mailstack: %w", err)
			}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// mkdirOwned creates dir (and parents) with perm and gives it to uid:gid.
func mkdirOwned(dir string, perm os.FileMode, uid, gid uint32) error {
	if err := os.MkdirAll(dir, perm); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	if err := os.Chmod(dir, perm); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	if err := os.Chown(dir, int(uid), int(gid)); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	return nil
}

// writeFileOwned writes data to name with perm, owned by uid:gid.
func writeFileOwned(name string, data []byte, perm os.FileMode, uid, gid uint32) error {
	if err := os.WriteFile(name, data, perm); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	if err := os.Chmod(name, perm); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	if err := os.Chown(name, int(uid), int(gid)); err != nil {
		return fmt.Errorf("mailstack: %w", err)
	}
	return nil
}

// lookupGroupName returns the name of group gid.
func lookupGroupName(gid uint32) (string, error) {
	g, err := user.LookupGroupId(strconv.FormatUint(uint64(gid), 10))
	if err != nil {
		return "", err
	}
	return g.Name, nil
}
