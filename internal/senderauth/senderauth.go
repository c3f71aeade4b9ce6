// Package senderauth decides whether a message really comes from the domain of its
// From: address (DMARC-aligned authentication, RFC 7489). A petition that changes a case
// by itself counts only from the party's address on record (004 §14, README "Petitions"),
// and anyone can write any From: over SMTP: the address on record is necessary, not
// sufficient. Two sources of proof are accepted:
//
//   - the verdict of the agency's own receiving server, read from the topmost
//     Authentication-Results header (RFC 8601) whose authserv-id is the trusted one; any
//     other such header is ignored, since a sender can write one. The receiving server
//     must remove headers carrying its own authserv-id from incoming mail (RFC 8601 §5);
//   - a DKIM signature (RFC 6376) verified here, whose signing domain (d=) aligns with
//     the From: domain: the same organizational domain (relaxed, the DMARC default) or
//     the same domain when the From: domain's DMARC record asks for adkim=s.
//
// The DKIM and DMARC code is github.com/emersion/go-msgauth's.
package senderauth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"net/textproto"
	"strings"

	"github.com/emersion/go-msgauth/authres"
	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-msgauth/dmarc"
	"golang.org/x/net/publicsuffix"
)

// Policy is how much proof of the sender a petition needs (PROCON_MAIL_AUTH).
type Policy string

// The policies.
const (
	// PolicyDMARC: the From: address on record and DMARC-aligned authentication. What
	// production runs.
	PolicyDMARC Policy = "dmarc"
	// PolicyFromOnly: the From: address on record is enough. Only for local mail, which
	// nobody signs (`procon-dev dev`, docker-compose's mail server).
	PolicyFromOnly Policy = "from-only"
)

// ParsePolicy reads a policy's name; "" is PolicyDMARC.
func ParsePolicy(s string) (Policy, error) {
	switch p := Policy(strings.TrimSpace(s)); p {
	case "", PolicyDMARC:
		return PolicyDMARC, nil
	case PolicyFromOnly:
		return p, nil
	}
	return "", fmt.Errorf("senderauth: unknown policy %q (dmarc or from-only)", s)
}

// Reasons a message fails, as the timeline shows them.
const (
	// ReasonNoAlignedSignature: no valid DKIM signature of the From: domain, and no
	// trusted verdict.
	ReasonNoAlignedSignature = "no aligned signature"
	// ReasonDKIMFail: a signature of the From: domain does not verify (altered after
	// signing, wrong key).
	ReasonDKIMFail = "dkim=fail"
	// ReasonDKIMTempError: the signing key could not be fetched now; the message is not
	// trusted, staff decide.
	ReasonDKIMTempError = "dkim=temperror"
	// ReasonNoFrom: the message has no single readable From: address.
	ReasonNoFrom = "no from address"
)

// Methods by which a verdict was reached.
const (
	MethodFromOnly              = "from-only"
	MethodAuthenticationResults = "authentication-results"
	MethodDKIM                  = "dkim"
)

// Verdict is what the checker concludes about a message's sender.
type Verdict struct {
	// Pass: the From: domain is authenticated (or the policy asks for no proof).
	Pass bool `json:"autenticado"`
	// Method is how: from-only, authentication-results or dkim; "" when it failed with
	// no method giving an answer.
	Method string `json:"metodo,omitempty"`
	// Reason is the result in the terms of the standards: "dmarc=pass (mx.example)",
	// "dkim=pass header.d=example.com", "dkim=fail", "no aligned signature".
	Reason string `json:"motivo"`
	// From is the From: address checked, lower-cased.
	From string `json:"endereco,omitempty"`
}

// Checker checks messages under a policy. Its zero value is PolicyDMARC with no trusted
// authserv-id and the system's DNS.
type Checker struct {
	Policy Policy
	// AuthservID is the authserv-id of the agency's receiving server whose
	// Authentication-Results are trusted (PROCON_MAIL_AUTHSERV_ID); "" trusts none.
	AuthservID string
	// LookupTXT resolves DNS TXT records (the DKIM keys and DMARC records); nil uses
	// net.LookupTXT. Tests serve their own keys through it.
	LookupTXT func(domain string) ([]string, error)
}

// maxSignatures bounds the DKIM signatures verified in one message: each may cost a DNS
// lookup, and a hostile message could carry hundreds.
const maxSignatures = 5

// Check decides whether raw (a whole RFC 5322 message) comes from its From: domain.
func (c Checker) Check(raw []byte) Verdict {
	from, err := fromAddress(raw)
	if err != nil {
		return Verdict{Reason: ReasonNoFrom}
	}
	v := Verdict{From: from}
	if c.Policy == PolicyFromOnly {
		v.Pass, v.Method, v.Reason = true, MethodFromOnly, "from-only"
		return v
	}
	domain := strings.ToLower(from[strings.LastIndexByte(from, '@')+1:])
	if res, ok := c.trustedDMARC(raw); ok {
		v.Method, v.Reason = MethodAuthenticationResults, "dmarc="+string(res)+" ("+c.AuthservID+")"
		v.Pass = res == authres.ResultPass
		return v
	}
	verifs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{
		LookupTXT: c.LookupTXT, MaxVerifications: maxSignatures,
	})
	if err != nil && !errors.Is(err, dkim.ErrTooManySignatures) {
		v.Reason = ReasonNoAlignedSignature
		return v
	}
	v.Reason = ReasonNoAlignedSignature
	if len(verifs) == 0 {
		return v
	}
	strict := c.strictAlignment(domain)
	for _, sig := range verifs {
		if !aligned(strings.ToLower(sig.Domain), domain, strict) {
			continue
		}
		switch {
		case sig.Err == nil:
			v.Pass, v.Method, v.Reason = true, MethodDKIM, "dkim=pass header.d="+strings.ToLower(sig.Domain)
			return v
		case dkim.IsTempFail(sig.Err):
			if v.Reason == ReasonNoAlignedSignature {
				v.Method, v.Reason = MethodDKIM, ReasonDKIMTempError
			}
		default:
			v.Method, v.Reason = MethodDKIM, ReasonDKIMFail
		}
	}
	return v
}

// trustedDMARC reads the DMARC result of the topmost Authentication-Results header whose
// authserv-id is the trusted one: the receiving server prepends its own, so a header a
// sender wrote with the same id sits below it. ok is false when there is none, or it
// holds no DMARC result.
func (c Checker) trustedDMARC(raw []byte) (authres.ResultValue, bool) {
	if c.AuthservID == "" {
		return "", false
	}
	h, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw))).ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		return "", false
	}
	for _, value := range h.Values("Authentication-Results") {
		id, results, err := authres.Parse(value)
		if err != nil || !strings.EqualFold(id, c.AuthservID) {
			continue
		}
		for _, r := range results {
			if d, ok := r.(*authres.DMARCResult); ok {
				return d.Value, true
			}
		}
		return "", false
	}
	return "", false
}

// strictAlignment reports whether the From: domain's DMARC record (or its
// organizational domain's) asks for strict DKIM alignment (adkim=s, RFC 7489 §3.1.1).
// Without a record, or when it cannot be read, alignment is relaxed.
func (c Checker) strictAlignment(domain string) bool {
	opts := &dmarc.LookupOptions{LookupTXT: c.LookupTXT}
	rec, err := dmarc.LookupWithOptions(domain, opts)
	if errors.Is(err, dmarc.ErrNoPolicy) {
		if org := orgDomain(domain); org != domain {
			rec, err = dmarc.LookupWithOptions(org, opts)
		}
	}
	return err == nil && rec.DKIMAlignment == dmarc.AlignmentStrict
}

// aligned reports whether a DKIM signing domain aligns with the From: domain (RFC 7489
// §3.1.1): equal under strict alignment, the same organizational domain under relaxed.
func aligned(signing, from string, strict bool) bool {
	if signing == "" {
		return false
	}
	if strict {
		return signing == from
	}
	return orgDomain(signing) == orgDomain(from)
}

// orgDomain is a domain's organizational domain: its registrable part under the public
// suffix list (loja.com.br for cip.loja.com.br).
func orgDomain(domain string) string {
	if org, err := publicsuffix.EffectiveTLDPlusOne(domain); err == nil {
		return org
	}
	return domain
}

// fromAddress is the single address of the message's From: header, lower-cased.
func fromAddress(raw []byte) (string, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	list, err := msg.Header.AddressList("From")
	if err != nil {
		return "", err
	}
	if len(list) != 1 || !strings.Contains(list[0].Address, "@") {
		return "", errors.New("senderauth: not one From: address")
	}
	return strings.ToLower(list[0].Address), nil
}
