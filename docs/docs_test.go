// Package docs holds the project's documentation; its test keeps the documentation
// honest about the code.
package docs

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoFiles lists the repository's tracked files, from its root.
func repoFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("git", "-C", "..", "ls-files").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	return strings.Fields(string(out))
}

// Issue 15: the repository explains itself; nothing in it points to documents a user of
// the repository does not have.
func TestNothingRefersOutsideTheRepository(t *testing.T) {
	files := repoFiles(t)
	if len(files) < 100 {
		t.Fatalf("git ls-files listed only %d files", len(files))
	}
	outside := "../" + "shared/" // split, so this file does not match itself
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			continue // listed but absent (deleted in the work tree)
		}
		if strings.Contains(string(b), outside) {
			t.Errorf("%s refers to %s, which is not in the repository", f, outside)
		}
	}
}

// statusConst matches a case status declared in the workflows package.
var statusConst = regexp.MustCompile(`(?m)^\s*(?:const\s+)?Status\w+\s*=\s*"([a-z_]+)"`)

// Issue 15: the lifecycle's diagram shows every status a case can be in, so a status
// added to the workflows without its place in docs/lifecycle.md fails here.
func TestLifecycleDiagramShowsEveryStatus(t *testing.T) {
	doc, err := os.ReadFile("lifecycle.md")
	if err != nil {
		t.Fatal(err)
	}
	diagram := string(doc)
	start := strings.Index(diagram, "```mermaid")
	if start < 0 {
		t.Fatal("lifecycle.md has no Mermaid diagram")
	}
	diagram = diagram[start:]
	diagram = diagram[:strings.Index(diagram[3:], "```")+3]
	sources, err := filepath.Glob(filepath.Join("..", "workflows", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, src := range sources {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range statusConst.FindAllStringSubmatch(string(b), -1) {
			seen++
			if !regexp.MustCompile(`\b` + m[1] + `\b`).MatchString(diagram) {
				t.Errorf("status %s (%s) is not in the diagram of docs/lifecycle.md", m[1], filepath.Base(src))
			}
		}
	}
	if seen < 20 {
		t.Fatalf("found only %d statuses in workflows/: the pattern no longer matches the code", seen)
	}
}
