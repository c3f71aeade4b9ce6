package devstack

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 15: `procon-dev dev` data written before the release baseline is set aside and
// said so; data of this baseline, or an empty folder, is used as it is.
func TestCheckBaselineSetsAsidePreReleaseData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".data")
	if err := os.MkdirAll(filepath.Join(dir, "postgres"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "temporal.db"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	moved, err := checkBaseline(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	if moved != dir+"-pre-release" {
		t.Fatalf("old data moved to %q", moved)
	}
	if b, err := os.ReadFile(filepath.Join(moved, "temporal.db")); err != nil || string(b) != "old" {
		t.Fatalf("old temporal.db not kept aside: %q %v", b, err)
	}
	if !strings.Contains(out.String(), moved) || !strings.Contains(out.String(), "anterior ao lançamento") {
		t.Fatalf("the move is not said: %q", out.String())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != baselineFile {
		t.Fatalf("data folder after the move holds %v", entries)
	}

	// Second start: this baseline's folder stays, silently.
	out.Reset()
	if err := os.WriteFile(filepath.Join(dir, "temporal.db"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if moved, err := checkBaseline(dir, &out); err != nil || moved != "" || out.Len() > 0 {
		t.Fatalf("a folder of this baseline moved: %q %v %q", moved, err, out.String())
	}

	// An empty folder is simply marked.
	empty := t.TempDir()
	if moved, err := checkBaseline(empty, &out); err != nil || moved != "" {
		t.Fatalf("empty folder: %q %v", moved, err)
	}
	if b, _ := os.ReadFile(filepath.Join(empty, baselineFile)); strings.TrimSpace(string(b)) != Baseline {
		t.Fatalf("empty folder not marked: %q", b)
	}
}
