package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/password"
	"github.com/procon-es/procon/internal/pgcluster"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.Cleanup()
	os.Exit(code)
}

// Issue 2: `procon staff add` creates a staff member and prints the token once; only
// its hash is stored, and the token authenticates with the role given.
func TestStaffAddPrintsTokenOnceAndStoresOnlyItsHash(t *testing.T) {
	cfg := config.Config{DatabaseURL: testenv.DatabaseURL(t)}
	st, err := store.Open(context.Background(), cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var out bytes.Buffer
	if err := runStaff(context.Background(), cfg, []string{"add", "--name", "Ana Atendente", "--role", "atendente"}, strings.NewReader(""), &out); err != nil {
		t.Fatal(err)
	}
	var printed struct {
		ID    int64  `json:"id"`
		Role  string `json:"papel"`
		Token string `json:"token"`
	}
	if err := json.Unmarshal(out.Bytes(), &printed); err != nil {
		t.Fatalf("output %q: %v", out.String(), err)
	}
	who, err := st.StaffByToken(context.Background(), printed.Token)
	if err != nil || who.ID != printed.ID || who.Role != "atendente" {
		t.Fatalf("token does not authenticate the new atendente: %+v, %v", who, err)
	}
	var stored []byte
	if err := st.Pool.QueryRow(context.Background(), `SELECT token_hash FROM staff_tokens WHERE staff_id = $1`, printed.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte(printed.Token)) || !bytes.Equal(stored, store.HashToken(printed.Token)) {
		t.Error("the token is not stored as its SHA-256 alone")
	}
}

func TestStaffAddRefusesBadInput(t *testing.T) {
	cfg := config.Config{DatabaseURL: testenv.DatabaseURL(t)}
	for _, args := range [][]string{
		{"add", "--role", "atendente"},
		{"add", "--name", "X", "--role", "chefe"},
		{"remove", "--name", "X"},
		{"add", "--name", "X", "--role", "atendente", "--password-stdin"}, // no e-mail to sign in with
		{"passwd", "--email", "x@procon.es.gov.br"},                       // no --password-stdin
	} {
		var out bytes.Buffer
		err := runStaff(context.Background(), cfg, args, strings.NewReader("uma senha bem comprida\n"), &out)
		if err == nil || out.Len() != 0 {
			t.Errorf("%v: err %v, output %q", args, err, out.String())
		}
	}
}

// Issue 2: `procon migrate up` applies the embedded migrations once; `status` lists them.
func TestMigrateUpThenStatus(t *testing.T) {
	admin := testenv.DatabaseURL(t) // a server where a fresh, empty database can be made
	base, query, _ := strings.Cut(admin, "?")
	url := base[:strings.LastIndex(base, "/")+1] + "migrate_cli_test?" + query
	if err := pgcluster.CreateDatabase(context.Background(), admin, "migrate_cli_test"); err != nil {
		t.Fatal(err)
	}
	cfg := config.Config{DatabaseURL: url}
	for range 2 { // the second run finds nothing to do
		var out bytes.Buffer
		if err := runMigrate(context.Background(), cfg, []string{"up"}, &out); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := runMigrate(context.Background(), cfg, []string{"status"}, &out); err != nil {
		t.Fatal(err)
	}
	var list []struct {
		Name    string `json:"nome"`
		Applied bool   `json:"aplicada"`
	}
	if err := json.Unmarshal(out.Bytes(), &list); err != nil || len(list) < 2 {
		t.Fatalf("status: %q (%v)", out.String(), err)
	}
	for _, m := range list {
		if !m.Applied {
			t.Errorf("migration %s not applied", m.Name)
		}
	}
	if err := runMigrate(context.Background(), cfg, []string{"down"}, &out); err == nil {
		t.Error("migrate down accepted")
	}
}

// Issue 16: `procon staff add --email E --password-stdin` reads the password from
// standard input and keeps only its argon2id hash; without the flag it prints a one-time
// link to set it; `procon staff passwd` resets it. A short password is refused.
func TestStaffPasswordFromStandardInput(t *testing.T) {
	ctx := context.Background()
	cfg := config.Config{DatabaseURL: testenv.DatabaseURL(t), PublicURL: "https://procon.example"}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var out bytes.Buffer
	err = runStaff(ctx, cfg, []string{"add", "--name", "Gil Gerente", "--role", "gerente_atendimento",
		"--email", "gil@procon.es.gov.br", "--password-stdin"}, strings.NewReader("cavalo bateria grampo\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	login, err := st.StaffByEmail(ctx, "GIL@procon.es.gov.br")
	if err != nil {
		t.Fatal(err)
	}
	if err := password.Verify("cavalo bateria grampo", login.PasswordHash); err != nil {
		t.Errorf("the password read from stdin does not verify: %v", err)
	}
	if strings.Contains(login.PasswordHash, "cavalo") || strings.Contains(out.String(), "cavalo") {
		t.Error("the password is kept or printed in clear")
	}

	err = runStaff(ctx, cfg, []string{"passwd", "--email", "gil@procon.es.gov.br", "--password-stdin"}, strings.NewReader("outra senha comprida"), &out)
	if err != nil {
		t.Fatal(err)
	}
	login, _ = st.StaffByEmail(ctx, "gil@procon.es.gov.br")
	if password.Verify("outra senha comprida", login.PasswordHash) != nil || password.Verify("cavalo bateria grampo", login.PasswordHash) == nil {
		t.Error("passwd did not replace the password")
	}
	if err := runStaff(ctx, cfg, []string{"passwd", "--email", "gil@procon.es.gov.br", "--password-stdin"}, strings.NewReader("curta\n"), &out); err == nil {
		t.Error("a 5-character password was accepted")
	}
	if err := runStaff(ctx, cfg, []string{"add", "--name", "Outro", "--role", "atendente", "--email", "Gil@procon.es.gov.br"}, strings.NewReader(""), &out); err == nil {
		t.Error("a second account with the same e-mail was created")
	}

	out.Reset()
	if err := runStaff(ctx, cfg, []string{"add", "--name", "Ana", "--role", "atendente", "--email", "ana@procon.es.gov.br"}, strings.NewReader(""), &out); err != nil {
		t.Fatal(err)
	}
	var printed struct {
		Link string `json:"link_senha"`
	}
	if err := json.Unmarshal(out.Bytes(), &printed); err != nil || !strings.HasPrefix(printed.Link, "https://procon.example/interno/senha/") {
		t.Fatalf("no link to set the password: %s", out.String())
	}
	token := strings.TrimPrefix(printed.Link, "https://procon.example/interno/senha/")
	if _, err := st.UsePasswordLink(ctx, token, "hash"); err != nil {
		t.Fatalf("the link does not work: %v", err)
	}
	if _, err := st.UsePasswordLink(ctx, token, "hash"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the link worked twice: %v", err)
	}
}
