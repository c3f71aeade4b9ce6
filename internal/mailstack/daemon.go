package mailstack

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// daemon is one foreground daemon process and its process group.
type daemon struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	logFile *os.File
	done    chan struct{} // closed when the leader has been reaped
	waitErr error         // valid after done
}

// startDaemon starts cmd in its own process group with stdout and stderr
// appended to logPath. The daemon gets SIGTERM if this process dies.
func startDaemon(name string, cmd *exec.Cmd, logPath string) (*daemon, error) {
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return nil, fmt.Errorf("mailstack: %s log: %w", name, err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGTERM
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("mailstack: start %s: %w", name, err)
	}
	d := &daemon{name: name, cmd: cmd, logPath: logPath, logFile: f, done: make(chan struct{})}
	go func() {
		d.waitErr = cmd.Wait()
		close(d.done)
	}()
	return d, nil
}

// exited reports whether the daemon's leader process has exited.
func (d *daemon) exited() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// exitError describes an unexpected exit, with the end of the daemon's log.
func (d *daemon) exitError() error {
	return fmt.Errorf("mailstack: %s exited (%v); log %s ends with:\n%s",
		d.name, d.waitErr, d.logPath, logTail(d.logPath, 15))
}

// stop sends SIGTERM, waits for the leader and then for every process of its
// group to exit, escalating to SIGKILL after timeout.
func (d *daemon) stop(timeout time.Duration) error {
	defer d.logFile.Close()
	pgid := d.cmd.Process.Pid
	if !d.exited() {
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-d.done:
		case <-time.After(timeout):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-d.done
		}
	}
	deadline := time.Now().Add(timeout)
	killed := false
	for groupAlive(pgid) {
		if time.Now().After(deadline) {
			if killed {
				return fmt.Errorf("mailstack: %s: processes of group %d still running after SIGKILL", d.name, pgid)
			}
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			killed = true
			deadline = time.Now().Add(timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// groupAlive reports whether a live (non-zombie) process of group pgid
// exists. It reads /proc rather than kill(-pgid, 0), which also counts
// zombies that an init without reaping would keep forever.
func groupAlive(pgid int) bool {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return syscall.Kill(-pgid, 0) == nil
	}
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp ...; comm may contain spaces.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 3 || f[0] == "Z" || f[0] == "X" {
			continue
		}
		if pg, err := strconv.Atoi(f[2]); err == nil && pg == pgid {
			return true
		}
	}
	return false
}

var addressPattern = regexp.MustCompile(`[^\s<>"'()=]+@[^\s<>"'()=]+`)

// logTail returns the last n lines of a log file with e-mail addresses
// masked, for error messages.
func logTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return addressPattern.ReplaceAllString(strings.Join(lines, "\n"), "<address>")
}

var errStopped = errors.New("mailstack: stack stopped")
