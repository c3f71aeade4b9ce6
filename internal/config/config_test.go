package config

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// Issue 2: "configuration from environment variables with documented defaults (a table
// in README.md)". The README's table and Vars must say the same thing.
func TestReadmeConfigurationTableMatchesVars(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\| (?:`([^`]*)`|\\(empty\\)) \\|")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		documented[m[1]] = m[2]
	}
	for _, v := range Vars {
		def, ok := documented[v.Name]
		if !ok {
			t.Errorf("README.md does not document %s", v.Name)
			continue
		}
		if def != v.Default {
			t.Errorf("README.md gives %s the default %q; the code uses %q", v.Name, def, v.Default)
		}
		delete(documented, v.Name)
	}
	for name := range documented {
		t.Errorf("README.md documents %s, which the code does not read", name)
	}
}

func TestFromEnvAppliesDefaultsAndOverrides(t *testing.T) {
	for _, v := range Vars {
		t.Setenv(v.Name, "")
	}
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if c.TemporalAddress != "127.0.0.1:7233" || c.PollInterval.String() != "10s" || c.DatabaseURL != "" {
		t.Errorf("defaults not applied: %+v", c)
	}
	t.Setenv("PROCON_MAIL_INTAKE", "entrada@procon.es.gov.br")
	t.Setenv("PROCON_POLL_INTERVAL", "3s")
	if c, err = FromEnv(); err != nil {
		t.Fatal(err)
	}
	if c.MailIntake != "entrada@procon.es.gov.br" || c.PollInterval.String() != "3s" {
		t.Errorf("overrides not applied: %+v", c)
	}
	// Env renders every variable back, for child processes.
	if got := len(c.Env()); got != len(Vars) {
		t.Errorf("Env renders %d variables, Vars has %d", got, len(Vars))
	}
	for _, kv := range c.Env() {
		if strings.HasPrefix(kv, "PROCON_MAIL_INTAKE=") && kv != "PROCON_MAIL_INTAKE=entrada@procon.es.gov.br" {
			t.Errorf("Env: %s", kv)
		}
	}
}

func TestFromEnvRejectsBadPollInterval(t *testing.T) {
	for _, bad := range []string{"dez", "-1s", "0s"} {
		t.Setenv("PROCON_POLL_INTERVAL", bad)
		if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "PROCON_POLL_INTERVAL") {
			t.Errorf("PROCON_POLL_INTERVAL=%q: err = %v", bad, err)
		}
	}
}

func TestFromEnvRejectsBadSizeLimits(t *testing.T) {
	for _, name := range []string{"PROCON_MAX_MESSAGE_BYTES", "PROCON_MAX_ATTACHMENT_BYTES"} {
		for _, bad := range []string{"10MB", "0", "-5"} {
			t.Setenv(name, bad)
			if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s=%q: err = %v", name, bad, err)
			}
		}
		t.Setenv(name, "")
	}
}

func TestFromEnvReadsTheWorkerCacheSize(t *testing.T) {
	if c, err := FromEnv(); err != nil || c.WorkerCacheSize != 2000 {
		t.Fatalf("default cache size %d, %v", c.WorkerCacheSize, err)
	}
	for _, bad := range []string{"muitos", "0", "-1"} {
		t.Setenv("PROCON_WORKER_CACHE_SIZE", bad)
		if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "PROCON_WORKER_CACHE_SIZE") {
			t.Errorf("PROCON_WORKER_CACHE_SIZE=%q: err = %v", bad, err)
		}
	}
}
