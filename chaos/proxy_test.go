package chaos

import (
	"io"
	"net"
	"sync"
	"testing"
)

// gate stands between the system and a server (SMTP, IMAP): while down, connections to
// it are refused, as from a server that is away, while the server itself keeps running.
// Faults go through gates because the mail daemons deliver to each other: stopping
// OpenSMTPD or Dovecot also cuts their own LMTP deliveries, which they may repeat, a
// duplicate of the MTA outside the system.
type gate struct {
	t      *testing.T
	addr   string // where the system connects
	target string // the real server
	mu     sync.Mutex
	ln     net.Listener
	open   map[net.Conn]bool
}

// newGate opens a gate to target on a free loopback port.
func newGate(t *testing.T, target string) *gate {
	g := &gate{t: t, target: target, open: map[net.Conn]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g.addr = ln.Addr().String()
	g.serve(ln)
	t.Cleanup(func() { g.down(true) })
	return g
}

func (g *gate) serve(ln net.Listener) {
	g.mu.Lock()
	g.ln = ln
	g.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go g.forward(c)
		}
	}()
}

func (g *gate) forward(c net.Conn) {
	g.mu.Lock()
	g.open[c] = true
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		delete(g.open, c)
		g.mu.Unlock()
		c.Close()
	}()
	s, err := net.Dial("tcp", g.target)
	if err != nil {
		return
	}
	defer s.Close()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(s, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, s); done <- struct{}{} }()
	<-done
}

// down refuses new connections from now on; with cut it also drops the open ones, as
// a server restart does.
func (g *gate) down(cut bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		_ = g.ln.Close()
		g.ln = nil
	}
	if cut {
		for c := range g.open {
			_ = c.Close()
		}
	}
}

// up accepts connections again, on the same address.
func (g *gate) up() {
	ln, err := net.Listen("tcp", g.addr)
	if err != nil {
		g.t.Errorf("reopening the gate to %s: %v", g.target, err)
		return
	}
	g.serve(ln)
}
