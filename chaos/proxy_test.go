package chaos

import (
	"io"
	"net"
	"sync"
	"testing"
)

// smtpGate stands between the system and the SMTP server: while down, connections to it
// are refused, as from an SMTP server that is away, while the server itself keeps
// running and delivering what it already accepted. Sessions already open finish.
type smtpGate struct {
	t      *testing.T
	addr   string // where the system connects
	target string // the real SMTP server
	mu     sync.Mutex
	ln     net.Listener
}

// newSMTPGate opens the gate on a free loopback port.
func newSMTPGate(t *testing.T, target string) *smtpGate {
	g := &smtpGate{t: t, target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g.addr = ln.Addr().String()
	g.serve(ln)
	t.Cleanup(g.down)
	return g
}

func (g *smtpGate) serve(ln net.Listener) {
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

func (g *smtpGate) forward(c net.Conn) {
	defer c.Close()
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

// down refuses new connections from now on.
func (g *smtpGate) down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		_ = g.ln.Close()
		g.ln = nil
	}
}

// up accepts connections again, on the same address.
func (g *smtpGate) up() {
	ln, err := net.Listen("tcp", g.addr)
	if err != nil {
		g.t.Errorf("reopening the SMTP gate: %v", err)
		return
	}
	g.serve(ln)
}
