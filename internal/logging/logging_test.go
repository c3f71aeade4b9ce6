package logging

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// LGPD: personal data never reaches a log line in clear.
func TestLoggerMasksPersonalData(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "debug")
	log.Info("case from maria.silva@example.com cpf 529.982.247-25",
		"from", "maria.silva@example.com",
		"cpf", "52998224725",
		"note", "consumer 52998224725 wrote",
		"err", errors.New("smtp: 550 joao@example.org unknown"),
		"token", "abc123",
		"header", "Bearer s3cr3t-token",
	)
	log.With("to", "ana@example.net").Warn("sent")
	out := buf.String()
	for _, leak := range []string{"maria.silva@", "529.982.247", "52998224725", "joao@", "abc123", "s3cr3t-token", "ana@"} {
		if strings.Contains(out, leak) {
			t.Errorf("log contains %q in clear:\n%s", leak, out)
		}
	}
	for _, kept := range []string{"m***@example.com", "***.***.***-25", "[redacted]"} {
		if !strings.Contains(out, kept) {
			t.Errorf("log lacks masked form %q:\n%s", kept, out)
		}
	}
}

func TestMaskLeavesOrdinaryTextAlone(t *testing.T) {
	for _, s := range []string{"NA-2026-000123", "2026-04-03", "workflow complaint/NA-2026-000001 started", "port 127.0.0.1:7233"} {
		if got := Mask(s); got != s {
			t.Errorf("Mask(%q) = %q, want unchanged", s, got)
		}
	}
}
