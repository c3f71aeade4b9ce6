package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Issue 14: `procon petition check < msg.eml` prints the kind, the case number and the
// sender's verdict, with the worker's code and no server. The messages carry no DKIM
// signature, so no DNS is asked: the verdict comes from the policy and from the
// Authentication-Results header of the trusted authserv-id only.
func TestPetitionCheckPrintsKindNumberAndSenderVerdict(t *testing.T) {
	waiver, err := os.ReadFile("../../activities/testdata/petitions/renuncia.eml")
	if err != nil {
		t.Fatal(err)
	}
	trusted := append([]byte("Authentication-Results: mx.procon.test; dmarc=pass header.from=fornecedor.example\r\n"), waiver...)
	forged := append([]byte("Authentication-Results: mx.evil.example; dmarc=pass header.from=fornecedor.example\r\n"), waiver...)
	for _, tc := range []struct {
		name   string
		args   []string
		raw    []byte
		pass   bool
		reason string
	}{
		{"unsigned under dmarc", []string{"check", "--politica", "dmarc"}, waiver, false, "no aligned signature"},
		{"the trusted server's dmarc=pass", []string{"check", "--politica", "dmarc", "--authserv-id", "mx.procon.test"}, trusted, true, "dmarc=pass (mx.procon.test)"},
		{"an untrusted server's dmarc=pass", []string{"check", "--politica", "dmarc", "--authserv-id", "mx.procon.test"}, forged, false, "no aligned signature"},
		{"from-only", []string{"check", "--politica", "from-only"}, waiver, true, "from-only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runPetition(tc.args, bytes.NewReader(tc.raw), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			var got struct {
				Kind         string `json:"tipo"`
				NA           string `json:"na"`
				ActsByItself bool   `json:"age_sozinha"`
				Sender       struct {
					Address string `json:"endereco"`
					Pass    *bool  `json:"autenticado"`
					Reason  string `json:"motivo"`
				} `json:"remetente"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, stdout.String())
			}
			if got.Kind != "renuncia_recurso" || got.NA != "NA-2026-000001" || !got.ActsByItself {
				t.Errorf("reading %s", stdout.String())
			}
			if got.Sender.Pass == nil || *got.Sender.Pass != tc.pass || got.Sender.Reason != tc.reason ||
				got.Sender.Address != "juridico@fornecedor.example" {
				t.Errorf("sender verdict %s; want pass %v, reason %q", stdout.String(), tc.pass, tc.reason)
			}
		})
	}
}

func TestPetitionCheckRefusesAnUnknownPolicy(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runPetition([]string{"check", "--politica", "spf"}, strings.NewReader(""), &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "spf") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
