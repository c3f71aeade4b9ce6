// Package dkimtest signs test messages with DKIM and serves the public keys through a
// fake DNS, so that tests of the sender authentication run without a network. It is
// test support: nothing in the binary imports it.
package dkimtest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"net"
	"strings"
	"sync"

	"github.com/emersion/go-msgauth/dkim"
)

// Selector is the DKIM selector of every test domain.
const Selector = "teste"

// DNS is a fake resolver of TXT records: the DKIM keys of the domains it made and any
// record added by hand (a DMARC policy). The zero value is empty and ready.
type DNS struct {
	mu      sync.Mutex
	records map[string][]string
	keys    map[string]ed25519.PrivateKey
	// TempFail makes every lookup fail as a DNS timeout would.
	TempFail bool
}

// Add publishes a TXT record at name.
func (d *DNS) Add(name, txt string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.records == nil {
		d.records = map[string][]string{}
	}
	d.records[strings.ToLower(name)] = append(d.records[strings.ToLower(name)], txt)
}

// Domain makes a signing key for domain and publishes its public half.
func (d *DNS) Domain(domain string) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		panic(err)
	}
	d.mu.Lock()
	if d.keys == nil {
		d.keys = map[string]ed25519.PrivateKey{}
	}
	d.keys[strings.ToLower(domain)] = priv
	d.mu.Unlock()
	d.Add(Selector+"._domainkey."+domain, "v=DKIM1; k=ed25519; p="+base64.StdEncoding.EncodeToString(pub))
}

// LookupTXT answers like net.LookupTXT: a *net.DNSError marked not found for a name
// with no record.
func (d *DNS) LookupTXT(name string) ([]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.TempFail {
		return nil, &net.DNSError{Err: "i/o timeout", Name: name, IsTimeout: true, IsTemporary: true}
	}
	if txt, ok := d.records[strings.ToLower(name)]; ok {
		return txt, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}

// Sign returns raw with a DKIM-Signature of domain (made by Domain) on top.
func (d *DNS) Sign(raw []byte, domain string) []byte {
	d.mu.Lock()
	key, ok := d.keys[strings.ToLower(domain)]
	d.mu.Unlock()
	if !ok {
		panic(fmt.Sprintf("dkimtest: no key for %s: call Domain first", domain))
	}
	var out bytes.Buffer
	if err := dkim.Sign(&out, bytes.NewReader(raw), &dkim.SignOptions{
		Domain: domain, Selector: Selector, Signer: key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed, BodyCanonicalization: dkim.CanonicalizationRelaxed,
	}); err != nil {
		panic(err)
	}
	return out.Bytes()
}
