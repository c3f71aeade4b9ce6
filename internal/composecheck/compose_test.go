package composecheck_test

import (
	"context"
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	enumspb "go.temporal.io/api/enums/v1"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/workflows"
)

// procon services built from the Dockerfile, with the subcommand each one runs.
var proconServices = map[string][]string{
	"migrate": {"migrate", "up"},
	"worker":  {"worker"},
	"api":     {"api"},
}

// repoRoot is the repository root: the directory of go.mod, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root %s has no go.mod: %v", root, err)
	}
	return root
}

// loadProject loads docker-compose.yml the way `docker compose` does (schema validation,
// interpolation, normalization, consistency checks), with an empty environment so the
// host's variables cannot change the result.
func loadProject(t *testing.T) *types.Project {
	t.Helper()
	root := repoRoot(t)
	opts, err := cli.NewProjectOptions(
		[]string{filepath.Join(root, "docker-compose.yml")},
		cli.WithWorkingDirectory(root),
		cli.WithEnv(nil),
		cli.WithInterpolation(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		t.Fatalf("compose options: %v", err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("docker-compose.yml does not load with compose-go: %v", err)
	}
	return p
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, ok := p.Services[name]
	if !ok {
		t.Fatalf("docker-compose.yml: service %q is missing (services: %v)", name, slices.Sorted(maps.Keys(p.Services)))
	}
	return s
}

// env returns a service's variable, failing the test when it is absent or has no value
// in the file (a bare `- NAME` would take it from the host).
func env(t *testing.T, s types.ServiceConfig, name string) string {
	t.Helper()
	v, ok := s.Environment[name]
	if !ok {
		t.Errorf("service %q: environment variable %s is not set", s.Name, name)
		return ""
	}
	if v == nil {
		t.Errorf("service %q: environment variable %s has no value in docker-compose.yml", s.Name, name)
		return ""
	}
	return *v
}

// containerPorts lists the container ports a service publishes or exposes.
func containerPorts(s types.ServiceConfig) []string {
	var ports []string
	for _, p := range s.Ports {
		ports = append(ports, strconv.FormatUint(uint64(p.Target), 10))
	}
	for _, e := range s.Expose {
		ports = append(ports, e)
	}
	return ports
}

// checkAddr asserts that addr (host:port) names service wantHost on port wantPort, and
// that the service listens there.
func checkAddr(t *testing.T, p *types.Project, from, variable, addr, wantHost, wantPort string) {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Errorf("service %q: %s=%q is not host:port: %v", from, variable, addr, err)
		return
	}
	if host != wantHost || port != wantPort {
		t.Errorf("service %q: %s=%q, want %s:%s (the %q service)", from, variable, addr, wantHost, wantPort, wantHost)
	}
	target, ok := p.Services[host]
	if !ok {
		t.Errorf("service %q: %s=%q names host %q, which is not a service", from, variable, addr, host)
		return
	}
	// Images that expose their port in the image itself (postgres, temporal) need not
	// repeat it; only check services that declare ports.
	if ports := containerPorts(target); len(ports) > 0 && !slices.Contains(ports, port) {
		t.Errorf("service %q: %s=%q, but service %q only publishes/exposes %v", from, variable, addr, host, ports)
	}
}

func checkDependsOn(t *testing.T, s types.ServiceConfig, dep, condition string) {
	t.Helper()
	d, ok := s.DependsOn[dep]
	if !ok {
		t.Errorf("service %q: depends_on lacks %q", s.Name, dep)
		return
	}
	if condition != "" && d.Condition != condition {
		t.Errorf("service %q: depends_on %q has condition %q, want %q", s.Name, dep, d.Condition, condition)
	}
}

func imageTag(t *testing.T, s types.ServiceConfig) string {
	t.Helper()
	_, tag, ok := strings.Cut(s.Image, ":")
	if !ok || tag == "" || tag == "latest" {
		t.Errorf("service %q: image %q should be pinned to a version tag", s.Name, s.Image)
	}
	return tag
}

func TestServicesExist(t *testing.T) {
	p := loadProject(t)
	for _, name := range []string{
		"postgres", "temporal-schema", "temporal", "temporal-setup", "temporal-ui",
		"mail", "migrate", "worker", "api",
	} {
		service(t, p, name)
	}
	for _, s := range p.Services {
		if s.Build == nil {
			imageTag(t, s)
		}
	}
}

func TestMailExposesSMTPAndIMAP(t *testing.T) {
	p := loadProject(t)
	mail := service(t, p, "mail")
	ports := containerPorts(mail)
	for _, port := range []string{"3025", "3143"} {
		if !slices.Contains(ports, port) {
			t.Errorf("service mail: port %s (GreenMail %s) is not published or exposed (have %v)",
				port, map[string]string{"3025": "SMTP", "3143": "IMAP"}[port], ports)
		}
	}
	for _, port := range mail.Ports {
		if port.Target != 3025 && port.Target != 3143 {
			t.Errorf("service mail: publishes host port %s to container port %d, where GreenMail does not listen (SMTP 3025, IMAP 3143)",
				port.Published, port.Target)
		}
	}
	opts := env(t, mail, "GREENMAIL_OPTS")
	for _, want := range []string{
		"-Dgreenmail.setup.test.smtp", "-Dgreenmail.setup.test.imap",
		"-Dgreenmail.hostname=0.0.0.0", "-Dgreenmail.auth.disabled", "-Dgreenmail.users.login=email",
	} {
		if !slices.Contains(strings.Fields(opts), want) {
			t.Errorf("service mail: GREENMAIL_OPTS lacks %s (have %q)", want, opts)
		}
	}
}

// TestMailboxesExist checks that GreenMail creates the agency mailboxes the worker reads,
// with the password the worker logs in with.
func TestMailboxesExist(t *testing.T) {
	p := loadProject(t)
	worker := service(t, p, "worker")
	users := map[string]string{} // address → password
	for _, f := range strings.Fields(env(t, service(t, p, "mail"), "GREENMAIL_OPTS")) {
		list, ok := strings.CutPrefix(f, "-Dgreenmail.users=")
		if !ok {
			continue
		}
		for _, u := range strings.Split(list, ",") {
			local, rest, ok1 := strings.Cut(u, ":")
			pwd, domain, ok2 := strings.Cut(rest, "@")
			if !ok1 || !ok2 {
				t.Errorf("service mail: greenmail.users entry %q is not local:password@domain", u)
				continue
			}
			users[local+"@"+domain] = pwd
		}
	}
	password := env(t, worker, "PROCON_IMAP_PASSWORD")
	for _, v := range []string{"PROCON_MAIL_INTAKE", "PROCON_MAIL_PROTOCOL", "PROCON_MAIL_DEBT"} {
		addr := env(t, worker, v)
		pwd, ok := users[addr]
		switch {
		case !ok:
			t.Errorf("service mail: -Dgreenmail.users does not create %s (worker's %s)", addr, v)
		case pwd != password:
			t.Errorf("service mail: mailbox %s has password %q, worker logs in with PROCON_IMAP_PASSWORD=%q", addr, pwd, password)
		}
	}
}

func TestProconServicesBuildFromRepo(t *testing.T) {
	p := loadProject(t)
	root := repoRoot(t)
	for name, cmd := range proconServices {
		s := service(t, p, name)
		if s.Build == nil {
			t.Errorf("service %q: no build section; it must be built from the repository's Dockerfile", name)
			continue
		}
		if filepath.Clean(s.Build.Context) != root {
			t.Errorf("service %q: build context %q, want the repository root %q", name, s.Build.Context, root)
		}
		if s.Build.Dockerfile != "Dockerfile" {
			t.Errorf("service %q: build dockerfile %q, want Dockerfile", name, s.Build.Dockerfile)
		}
		if len(s.Entrypoint) != 0 {
			t.Errorf("service %q: entrypoint %q overrides the image's ENTRYPOINT [\"procon\"]", name, s.Entrypoint)
		}
		if !slices.Equal([]string(s.Command), cmd) {
			t.Errorf("service %q: command %q, want %q (procon %s)", name, s.Command, cmd, strings.Join(cmd, " "))
		}
	}
}

// TestDockerfile checks the few Dockerfile facts the compose file relies on.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	df := string(b)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^FROM golang:1\.26\S* AS build$`),
		regexp.MustCompile(`CGO_ENABLED=0`),
		regexp.MustCompile(`go build .*-o /out/procon \./cmd/procon`),
		regexp.MustCompile(`(?m)^COPY --from=build /out/procon /usr/local/bin/procon$`),
		regexp.MustCompile(`(?m)^USER nonroot`),
		regexp.MustCompile(`(?m)^ENTRYPOINT \["procon"\]$`),
	} {
		if !want.MatchString(df) {
			t.Errorf("Dockerfile: no line matches %s", want)
		}
	}
	ignore, err := os.ReadFile(filepath.Join(repoRoot(t), ".dockerignore"))
	if err != nil {
		t.Fatalf(".dockerignore: %v", err)
	}
	for _, line := range strings.Split(string(ignore), "\n") {
		switch strings.TrimSpace(line) {
		case "go.mod", "go.sum", "*.go", "**/*.go", "cmd", "internal", "migrations", "*.sql", "*.txt":
			t.Errorf(".dockerignore excludes %q, which the build needs", line)
		}
	}
}

// TestProconEnvIsKnown fails on any variable that config.Vars does not document: a typo
// in docker-compose.yml would otherwise be silently ignored and the default used.
func TestProconEnvIsKnown(t *testing.T) {
	p := loadProject(t)
	known := map[string]bool{}
	for _, v := range config.Vars {
		known[v.Name] = true
	}
	for name := range proconServices {
		s := service(t, p, name)
		for v := range s.Environment {
			if !known[v] {
				t.Errorf("service %q: environment variable %s is not one of config.Vars (typo?)", name, v)
			}
		}
	}
}

func TestProconEnvPointsAtServices(t *testing.T) {
	p := loadProject(t)
	initSQL := ""
	if c, ok := p.Configs["postgres-init"]; ok {
		initSQL = c.Content
	} else {
		t.Errorf("docker-compose.yml: config postgres-init (roles and database) is missing")
	}
	for name := range proconServices {
		s := service(t, p, name)

		dbURL := env(t, s, "DATABASE_URL")
		u, err := url.Parse(dbURL)
		if err != nil {
			t.Errorf("service %q: DATABASE_URL %q: %v", name, dbURL, err)
		} else {
			if u.Scheme != "postgres" && u.Scheme != "postgresql" {
				t.Errorf("service %q: DATABASE_URL scheme %q, want postgres", name, u.Scheme)
			}
			checkAddr(t, p, name, "DATABASE_URL", u.Host, "postgres", "5432")
			user, db := u.User.Username(), strings.TrimPrefix(u.Path, "/")
			pwd, _ := u.User.Password()
			if want := "CREATE ROLE " + user + " LOGIN PASSWORD '" + pwd + "'"; !strings.Contains(initSQL, want) {
				t.Errorf("service %q: DATABASE_URL user %q/password: postgres-init has no %q", name, user, want)
			}
			if want := "CREATE DATABASE " + db + " OWNER " + user; !strings.Contains(initSQL, want) {
				t.Errorf("service %q: DATABASE_URL database %q: postgres-init has no %q", name, db, want)
			}
		}
		if name == "migrate" {
			continue // migrate needs PostgreSQL only
		}
		checkAddr(t, p, name, "TEMPORAL_ADDRESS", env(t, s, "TEMPORAL_ADDRESS"), "temporal", "7233")
		checkAddr(t, p, name, "PROCON_SMTP_ADDR", env(t, s, "PROCON_SMTP_ADDR"), "mail", "3025")
		checkAddr(t, p, name, "PROCON_IMAP_ADDR", env(t, s, "PROCON_IMAP_ADDR"), "mail", "3143")
	}

	api := service(t, p, "api")
	host, port, err := net.SplitHostPort(env(t, api, "PROCON_API_ADDR"))
	if err != nil {
		t.Errorf("service api: PROCON_API_ADDR: %v", err)
	} else {
		if host != "0.0.0.0" && host != "" {
			t.Errorf("service api: PROCON_API_ADDR listens on %q; inside a container it must listen on all interfaces (0.0.0.0)", host)
		}
		if !slices.Contains(containerPorts(api), port) {
			t.Errorf("service api: listens on port %s but publishes %v", port, containerPorts(api))
		}
	}
	worker := service(t, p, "worker")
	for _, v := range []string{"TEMPORAL_NAMESPACE", "PROCON_TASK_QUEUE"} {
		if a, w := env(t, api, v), env(t, worker, v); a != w {
			t.Errorf("services api and worker disagree on %s: %q vs %q", v, a, w)
		}
	}
}

func TestStartOrder(t *testing.T) {
	p := loadProject(t)
	for _, name := range []string{"worker", "api"} {
		s := service(t, p, name)
		checkDependsOn(t, s, "postgres", types.ServiceConditionHealthy)
		checkDependsOn(t, s, "migrate", types.ServiceConditionCompletedSuccessfully)
		checkDependsOn(t, s, "temporal", types.ServiceConditionHealthy)
		checkDependsOn(t, s, "temporal-setup", types.ServiceConditionCompletedSuccessfully)
		checkDependsOn(t, s, "mail", "")
	}
	checkDependsOn(t, service(t, p, "migrate"), "postgres", types.ServiceConditionHealthy)
	checkDependsOn(t, service(t, p, "temporal-schema"), "postgres", types.ServiceConditionHealthy)
	checkDependsOn(t, service(t, p, "temporal"), "temporal-schema", types.ServiceConditionCompletedSuccessfully)
	checkDependsOn(t, service(t, p, "temporal-setup"), "temporal", types.ServiceConditionHealthy)
	checkDependsOn(t, service(t, p, "temporal-ui"), "temporal", types.ServiceConditionHealthy)
	for _, name := range []string{"postgres", "temporal"} {
		if s := service(t, p, name); s.HealthCheck == nil || len(s.HealthCheck.Test) == 0 {
			t.Errorf("service %q: others wait for it to be healthy, but it has no healthcheck", name)
		}
	}
}

func TestTemporal(t *testing.T) {
	p := loadProject(t)
	worker := service(t, p, "worker")
	namespace := env(t, worker, "TEMPORAL_NAMESPACE")

	ui := service(t, p, "temporal-ui")
	checkAddr(t, p, "temporal-ui", "TEMPORAL_ADDRESS", env(t, ui, "TEMPORAL_ADDRESS"), "temporal", "7233")
	if ns := env(t, ui, "TEMPORAL_DEFAULT_NAMESPACE"); ns != namespace {
		t.Errorf("service temporal-ui: TEMPORAL_DEFAULT_NAMESPACE=%q, want the worker's namespace %q", ns, namespace)
	}

	server, schema, setup := service(t, p, "temporal"), service(t, p, "temporal-schema"), service(t, p, "temporal-setup")
	st := imageTag(t, server)
	for _, tools := range []types.ServiceConfig{schema, setup} {
		if at := imageTag(t, tools); at != st {
			t.Errorf("temporal server image tag %q and %s (admin-tools) tag %q differ: keep the schema tools and CLI on the server's version", st, tools.Name, at)
		}
	}
	if v := env(t, server, "POSTGRES_SEEDS"); v != "postgres" {
		t.Errorf("service temporal: POSTGRES_SEEDS=%q, want the postgres service", v)
	}
	if v := env(t, schema, "SQL_HOST"); v != "postgres" {
		t.Errorf("service temporal-schema: SQL_HOST=%q, want the postgres service", v)
	}
	if su, ss := env(t, server, "POSTGRES_USER"), env(t, schema, "SQL_USER"); su != ss {
		t.Errorf("temporal's POSTGRES_USER %q differs from temporal-schema's SQL_USER %q", su, ss)
	}
	if sp, ss := env(t, server, "POSTGRES_PWD"), env(t, schema, "SQL_PASSWORD"); sp != ss {
		t.Errorf("temporal's POSTGRES_PWD differs from temporal-schema's SQL_PASSWORD")
	}
	if db := env(t, server, "DB"); db != env(t, schema, "SQL_PLUGIN") {
		t.Errorf("temporal's DB %q differs from temporal-schema's SQL_PLUGIN %q", db, env(t, schema, "SQL_PLUGIN"))
	}

	checkAddr(t, p, "temporal-setup", "TEMPORAL_ADDRESS", env(t, setup, "TEMPORAL_ADDRESS"), "temporal", "7233")
	if ns := env(t, setup, "PROCON_NAMESPACE"); ns != namespace {
		t.Errorf("service temporal-setup: creates namespace %q, but worker and api use TEMPORAL_NAMESPACE=%q", ns, namespace)
	}
	script := strings.Join(setup.Command, "\n")
	cliType := map[enumspb.IndexedValueType]string{
		enumspb.INDEXED_VALUE_TYPE_TEXT:         "Text",
		enumspb.INDEXED_VALUE_TYPE_KEYWORD:      "Keyword",
		enumspb.INDEXED_VALUE_TYPE_INT:          "Int",
		enumspb.INDEXED_VALUE_TYPE_DOUBLE:       "Double",
		enumspb.INDEXED_VALUE_TYPE_BOOL:         "Bool",
		enumspb.INDEXED_VALUE_TYPE_DATETIME:     "Datetime",
		enumspb.INDEXED_VALUE_TYPE_KEYWORD_LIST: "KeywordList",
	}
	for name, typ := range workflows.SearchAttributeTypes {
		want := "add " + name + " " + cliType[typ]
		if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(want) + `\s*$`).MatchString(script) {
			t.Errorf("service temporal-setup: does not register search attribute %s (%s): no line %q", name, typ, want)
		}
	}
}
