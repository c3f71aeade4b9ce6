package devstack

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Baseline names the release baseline of the workflows (README, "Upgrading"): the
// histories this build replays. Cases a pre-release build left running in a data
// folder issue other commands and cannot be replayed, so such a folder is set aside.
const Baseline = "baseline-1"

// baselineFile, in the data folder, holds the Baseline that wrote it.
const baselineFile = "BASELINE"

// checkBaseline makes dataDir a folder of this baseline. A folder with data but no
// baseline, or another one, was written by a pre-release build: its content moves to a
// sibling folder (nothing is deleted), and out says so and where. It returns the
// folder the old data went to, "" when none moved.
func checkBaseline(dataDir string, out io.Writer) (string, error) {
	marker := filepath.Join(dataDir, baselineFile)
	b, err := os.ReadFile(marker)
	switch {
	case err == nil && strings.TrimSpace(string(b)) == Baseline:
		return "", nil
	case err != nil && !os.IsNotExist(err):
		return "", err
	}
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return "", err
	}
	moved := ""
	if len(entries) > 0 {
		moved = dataDir + "-pre-release"
		for i := 2; exists(moved); i++ {
			moved = fmt.Sprintf("%s-pre-release-%d", dataDir, i)
		}
		if err := os.Mkdir(moved, 0o755); err != nil {
			return "", err
		}
		for _, e := range entries {
			if err := os.Rename(filepath.Join(dataDir, e.Name()), filepath.Join(moved, e.Name())); err != nil {
				return "", err
			}
		}
		fmt.Fprintf(out, "Os dados em %s foram gravados por uma versão anterior ao lançamento (%s) e os casos\n"+
			"em andamento nela não podem continuar nesta versão: foram movidos para %s e o sistema\n"+
			"começa vazio. Apague essa pasta quando não precisar mais dela.\n\n", dataDir, Baseline, moved)
	}
	return moved, os.WriteFile(marker, []byte(Baseline+"\n"), 0o644)
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
