package e2e

import (
	"context"
	_ "embed"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 (npm axe-core, MPL-2.0), pinned: the accessibility engine
// the page tests inject into each page (testdata/axe-core, with its licence).
//
//go:embed testdata/axe-core/axe.min.js
var axeSource string

// browserTab is one headless Chromium tab of a test.
type browserTab struct {
	t   *testing.T
	ctx context.Context
	// dialogs counts the JavaScript dialogs a page opened: a script that ran (XSS).
	dialogs chan string
}

// chromium finds Debian's Chromium (scripts/install-deps.sh installs it).
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("PROCON_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	t.Fatal("Chromium not found: run scripts/install-deps.sh (Debian package chromium) or set PROCON_CHROMIUM")
	return ""
}

// newTab starts a headless Chromium at 1366×768 for the test, closed at its end.
func newTab(t *testing.T) *browserTab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium(t)), chromedp.NoSandbox,
		chromedp.WindowSize(1366, 768), chromedp.Flag("lang", "pt-BR"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b := &browserTab{t: t, ctx: ctx, dialogs: make(chan string, 16)}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			b.dialogs <- ev.Message
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return b
}

// do runs browser actions, failing the test on an error.
func (b *browserTab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// follow runs the steps (a click that submits a form or follows a link) and waits
// until the next page has loaded.
func (b *browserTab) follow(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.do(what+": mark the page", chromedp.Evaluate[chromedp.Void](`window.__anterior = true`))
	b.do(what, steps...)
	deadline := time.Now().Add(60 * time.Second)
	for {
		done, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`window.__anterior === undefined && document.readyState === 'complete'`))
		if err == nil && done {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: the next page did not load (%v)", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// text is the visible text of the page's main content.
func (b *browserTab) text() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		b.t.Fatalf("page text: %v", err)
	}
	return s
}

// location is the page's address.
func (b *browserTab) location() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("location: %v", err)
	}
	return s
}

// eval evaluates a JavaScript expression that answers a number.
func (b *browserTab) count(expr string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return n
}

// noScriptRan fails the test if a page opened a JavaScript dialog.
func (b *browserTab) noScriptRan() {
	b.t.Helper()
	select {
	case msg := <-b.dialogs:
		b.t.Errorf("a script ran on the page (dialog %q): something typed was rendered unescaped", msg)
	default:
	}
}

// axeViolation is what axe-core reports of one rule broken.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeResult is what the page tests keep of an axe-core run.
type axeResult struct {
	Passes     int            `json:"passes"`
	Violations []axeViolation `json:"violations"`
}

// accessible runs axe-core on the page: no serious or critical violation is allowed.
func (b *browserTab) accessible(name string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
		b.t.Fatalf("inject axe-core: %v", err)
	}
	res, err := chromedp.Run(b.ctx, chromedp.Evaluate[axeResult](`axe.run(document).then(r => ({passes: r.passes.length,
		violations: r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))}))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe-core on %s: %v", name, err)
	}
	if res.Passes == 0 {
		b.t.Fatalf("axe-core checked nothing on %s", name)
	}
	for _, v := range res.Violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Errorf("axe-core, page %s: %s (%s) %s at %v", name, v.ID, v.Impact, v.Help, v.Nodes)
		}
	}
}

// artifactsDir is where page screenshots go: PROCON_TEST_ARTIFACTS, or .artifacts/ at
// the repository's root.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PROCON_TEST_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", ".artifacts")
	}
	dir = filepath.Join(dir, "console")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screens checks the page at a phone's width (390 px: nothing wider than the screen)
// and writes its screenshots at 1366×768 and 390 px wide.
func (b *browserTab) screens(name string) {
	b.t.Helper()
	dir := artifactsDir(b.t)
	for _, v := range []struct {
		suffix string
		w, h   int64
	}{{"390", 390, 844}, {"1366", 1366, 768}} {
		b.do("viewport", chromedp.EmulateViewport(v.w, v.h))
		if v.w == 390 {
			if over := b.count(`document.documentElement.scrollWidth - window.innerWidth`); over > 1 {
				b.t.Errorf("page %s is %d px wider than a 390 px screen", name, over)
			}
		}
		png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			b.t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+v.suffix+".png"), png, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
}

// wantText fails the test unless the page shows every one of the texts.
func (b *browserTab) wantText(page string, texts ...string) {
	b.t.Helper()
	got := b.text()
	for _, s := range texts {
		if !strings.Contains(got, s) {
			b.t.Errorf("page %s does not show %q:\n%s", page, s, got)
		}
	}
}
