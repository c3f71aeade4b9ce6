package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/procon-es/procon/internal/config"
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
	if err := runStaff(context.Background(), cfg, []string{"add", "--name", "Ana Atendente", "--role", "atendente"}, &out); err != nil {
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
	} {
		var out bytes.Buffer
		err := runStaff(context.Background(), cfg, args, &out)
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
