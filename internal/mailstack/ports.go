package mailstack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
	"time"
)

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("mailstack: free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// loopback returns "127.0.0.1:port".
func loopback(port int) string {
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
}

// waitListening waits until every address accepts TCP connections, failing
// early if d exits.
func waitListening(ctx context.Context, d *daemon, addrs ...string) error {
	for _, addr := range addrs {
		for {
			c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
			if err == nil {
				c.Close()
				break
			}
			if d.exited() {
				return d.exitError()
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("mailstack: %s not listening on %s: %w", d.name, addr, ctx.Err())
			case <-time.After(25 * time.Millisecond):
			}
		}
	}
	return nil
}

// waitRefused waits until addr refuses TCP connections.
func waitRefused(addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil && errors.Is(err, syscall.ECONNREFUSED) {
			return nil
		}
		if c != nil {
			c.Close()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("mailstack: %s still accepts connections", addr)
		}
		time.Sleep(25 * time.Millisecond)
	}
}
