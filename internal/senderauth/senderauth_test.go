package senderauth_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/procon-es/procon/internal/senderauth"
	"github.com/procon-es/procon/internal/senderauth/dkimtest"
)

// message is a supplier's petition as it leaves its mail server, before any signature.
func message(from string, extraHeaders ...string) []byte {
	var b bytes.Buffer
	for _, h := range extraHeaders {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("From: Loja Exemplo <" + from + ">\r\n")
	b.WriteString("To: divida.ativa@procon.test\r\n")
	b.WriteString("Subject: Renuncia ao recurso NA-2026-000123\r\n")
	b.WriteString("Date: Mon, 07 Dec 2026 10:00:00 -0300\r\n")
	b.WriteString("Message-ID: <renuncia-1@loja.example>\r\n")
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString("Renunciamos ao recurso contra a multa do NA-2026-000123 (Anexo XI).\r\n")
	return b.Bytes()
}

// Issue 14: the signed and unsigned corpus. Each message gets the verdict it must under
// the dmarc policy, with the agency's receiving server's authserv-id mx.procon.test.
func TestSenderAuthenticationCorpus(t *testing.T) {
	dns := &dkimtest.DNS{}
	for _, d := range []string{"loja.example", "mail.loja.example", "parceiro.example", "evil.example", "estrita.example", "mail.estrita.example"} {
		dns.Domain(d)
	}
	dns.Add("_dmarc.estrita.example", "v=DMARC1; p=reject; adkim=s")
	checker := senderauth.Checker{Policy: senderauth.PolicyDMARC, AuthservID: "mx.procon.test", LookupTXT: dns.LookupTXT}

	altered := dns.Sign(message("cip@loja.example"), "loja.example")
	altered = bytes.Replace(altered, []byte("Renunciamos ao recurso"), []byte("Recorremos da decisao"), 1)

	for _, tc := range []struct {
		name   string
		raw    []byte
		pass   bool
		method string
		reason string
	}{
		{"signed by the From domain", dns.Sign(message("cip@loja.example"), "loja.example"),
			true, senderauth.MethodDKIM, "dkim=pass header.d=loja.example"},
		{"signed by a subdomain of the From domain (relaxed alignment)", dns.Sign(message("cip@loja.example"), "mail.loja.example"),
			true, senderauth.MethodDKIM, "dkim=pass header.d=mail.loja.example"},
		{"a subdomain's signature where the DMARC record asks adkim=s", dns.Sign(message("cip@estrita.example"), "mail.estrita.example"),
			false, "", senderauth.ReasonNoAlignedSignature},
		{"unsigned", message("cip@loja.example"), false, "", senderauth.ReasonNoAlignedSignature},
		{"a valid signature of another domain", dns.Sign(message("cip@loja.example"), "parceiro.example"),
			false, "", senderauth.ReasonNoAlignedSignature},
		{"From forged, signed by the forger's own domain", dns.Sign(message("cip@loja.example", "Sender: intruso@evil.example"), "evil.example"),
			false, "", senderauth.ReasonNoAlignedSignature},
		{"body altered after signing", altered, false, senderauth.MethodDKIM, senderauth.ReasonDKIMFail},
		{"an untrusted authserv-id claiming dmarc=pass",
			message("cip@loja.example", "Authentication-Results: mx.evil.example; dmarc=pass header.from=loja.example"),
			false, "", senderauth.ReasonNoAlignedSignature},
		{"the trusted server says dmarc=fail",
			dns.Sign(message("cip@loja.example", "Authentication-Results: mx.procon.test; dkim=fail header.d=loja.example; dmarc=fail header.from=loja.example"), "loja.example"),
			false, senderauth.MethodAuthenticationResults, "dmarc=fail (mx.procon.test)"},
		{"the trusted server says dmarc=pass", message("cip@loja.example", "Authentication-Results: mx.procon.test; dmarc=pass header.from=loja.example"),
			true, senderauth.MethodAuthenticationResults, "dmarc=pass (mx.procon.test)"},
		{"a forged trusted header below the server's own", message("cip@loja.example",
			"Authentication-Results: mx.procon.test; dmarc=fail header.from=loja.example",
			"Authentication-Results: mx.procon.test; dmarc=pass header.from=loja.example"),
			false, senderauth.MethodAuthenticationResults, "dmarc=fail (mx.procon.test)"},
		{"two From addresses", []byte("From: a@loja.example, b@loja.example\r\nSubject: x\r\n\r\nx\r\n"),
			false, "", senderauth.ReasonNoFrom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := checker.Check(tc.raw)
			if v.Pass != tc.pass || v.Method != tc.method || v.Reason != tc.reason {
				t.Errorf("verdict %+v; want pass %v, method %q, reason %q", v, tc.pass, tc.method, tc.reason)
			}
		})
	}
}

// A trusted authserv-id of "" trusts no header: a message that brings its own
// Authentication-Results is judged by its signatures only.
func TestNoTrustedServerTrustsNoHeader(t *testing.T) {
	dns := &dkimtest.DNS{}
	v := senderauth.Checker{LookupTXT: dns.LookupTXT}.Check(message("cip@loja.example", "Authentication-Results: ; dmarc=pass"))
	if v.Pass || v.Reason != senderauth.ReasonNoAlignedSignature {
		t.Errorf("verdict %+v", v)
	}
}

// The signing key cannot be fetched: the message is not trusted (staff decide), and the
// reason says so rather than calling it forged.
func TestDNSFailureIsNotTrusted(t *testing.T) {
	dns := &dkimtest.DNS{}
	dns.Domain("loja.example")
	raw := dns.Sign(message("cip@loja.example"), "loja.example")
	dns.TempFail = true
	v := senderauth.Checker{LookupTXT: dns.LookupTXT}.Check(raw)
	if v.Pass || v.Reason != senderauth.ReasonDKIMTempError {
		t.Errorf("verdict %+v", v)
	}
}

// from-only asks for no proof: any From: passes, for local mail that nobody signs.
func TestFromOnlyPolicy(t *testing.T) {
	v := senderauth.Checker{Policy: senderauth.PolicyFromOnly}.Check(message("Cip@Loja.example"))
	if !v.Pass || v.Method != senderauth.MethodFromOnly || v.From != "cip@loja.example" {
		t.Errorf("verdict %+v", v)
	}
}

func TestParsePolicy(t *testing.T) {
	for in, want := range map[string]senderauth.Policy{"": senderauth.PolicyDMARC, "dmarc": senderauth.PolicyDMARC, "from-only": senderauth.PolicyFromOnly} {
		if got, err := senderauth.ParsePolicy(in); err != nil || got != want {
			t.Errorf("ParsePolicy(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := senderauth.ParsePolicy("spf"); err == nil || !strings.Contains(err.Error(), "spf") {
		t.Errorf("spf accepted: %v", err)
	}
}

// FuzzCheck: no message, however malformed, makes the checker panic.
func FuzzCheck(f *testing.F) {
	f.Add(message("cip@loja.example", "Authentication-Results: mx.procon.test; dmarc=pass"))
	f.Add([]byte("DKIM-Signature: v=1; d=x; s=y; b=; bh=; h=from\r\nFrom: a@b\r\n\r\n"))
	dns := &dkimtest.DNS{}
	c := senderauth.Checker{AuthservID: "mx.procon.test", LookupTXT: dns.LookupTXT}
	f.Fuzz(func(t *testing.T, raw []byte) {
		_ = c.Check(raw)
	})
}
