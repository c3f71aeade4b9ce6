package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Issue 4: `procon intake check < message.eml` prints the verdict as JSON with the
// stable keys and codes, without any server.
func TestIntakeCheckPrintsTheVerdict(t *testing.T) {
	for _, tc := range []struct {
		file  string
		valid bool
		code  string // a problem code that must appear
		field string // and its field
	}{
		{"valid_self.eml", true, "", ""},
		{"invalid_cpf.eml", false, "invalid_field", "consumer.cpf_cnpj"},
		{"missing_doc_selfie.eml", false, "missing_document", "documents.selfie"},
		{"exe_named_pdf.eml", false, "attachment_not_allowed", ""},
		{"garbage.eml", false, "unreadable_message", "message"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile("../../internal/intake/testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			if code := runIntake([]string{"check"}, bytes.NewReader(raw), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			var got struct {
				Valid     *bool             `json:"valid"`
				Form      map[string]any    `json:"form"`
				Documents []json.RawMessage `json:"documents"`
				Problems  []struct {
					Code, Field, Message string
				} `json:"problems"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatalf("output is not the JSON verdict: %v\n%s", err, stdout.String())
			}
			if got.Valid == nil || *got.Valid != tc.valid || got.Form == nil || got.Documents == nil || got.Problems == nil {
				t.Fatalf("verdict %s", stdout.String())
			}
			if tc.code == "" {
				return
			}
			for _, p := range got.Problems {
				if p.Code == tc.code && (tc.field == "" || p.Field == tc.field) && p.Message != "" {
					return
				}
			}
			t.Errorf("no %s problem on %q in %s", tc.code, tc.field, stdout.String())
		})
	}
}

func TestIntakeCheckUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runIntake([]string{"validar"}, strings.NewReader(""), &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "procon intake check") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
