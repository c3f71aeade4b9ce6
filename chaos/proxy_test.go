package chaos

import (
	"io"
	"net"
	"sync"
	"testing"
)

// gate stands between the system and a server (SMTP, IMAP): while down, each connection
// to it is dropped at once, before any greeting, as a server that is away would fail it,
// while the server itself keeps running. The gate keeps its port all along: a port let go
// could be taken by a server another test starts, which would then answer in its place.
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
	// closed: the gate refuses connections (down). It keeps its port meanwhile, so no
	// server another test starts can take it and answer in its place.
	closed bool
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
	t.Cleanup(g.close)
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
	if g.closed {
		g.mu.Unlock()
		_ = c.Close() // refused: the client sees the connection end before any greeting
		return
	}
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
	g.closed = true
	if cut {
		for c := range g.open {
			_ = c.Close()
		}
	}
}

// up accepts connections again.
func (g *gate) up() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = false
}

// close stops the gate for good, at the end of the test.
func (g *gate) close() {
	g.down(true)
	g.mu.Lock()
	defer g.mu.Unlock()
	_ = g.ln.Close()
}
