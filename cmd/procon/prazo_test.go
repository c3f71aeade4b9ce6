package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/procon-es/procon/internal/prazo"
)

// `procon prazo` computes with the built-in calendar (004 §13); --sem-expediente adds
// a full-day closure for one computation.
func TestComputePrazo(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		due     string
		skipped []string // "date motivo" of dias_pulados, in order
	}{
		{
			name:    "004 §13.1.2 issue example: 20 dias corridos from 14/03/2026 end on Sexta-feira Santa",
			args:    []string{"--inicio", "2026-03-14", "--quantidade", "20", "--unidade", "dias_corridos"},
			due:     "2026-04-06",
			skipped: []string{"2026-04-03 Sexta-feira Santa", "2026-04-04 Sábado", "2026-04-05 Domingo"},
		},
		{
			name: "004 §13.1.2 --sem-expediente on the due date moves it to the next business day",
			args: []string{"--inicio", "2026-03-14", "--quantidade", "20", "--unidade", "dias_corridos", "--sem-expediente", "2026-04-06"},
			due:  "2026-04-07",
			skipped: []string{"2026-04-03 Sexta-feira Santa", "2026-04-04 Sábado", "2026-04-05 Domingo",
				"2026-04-06 " + cliClosureReason},
		},
		{
			name: "004 §13.1.2 --sem-expediente is repeatable (a chain of closed days)",
			args: []string{"--inicio=2026-03-14", "--quantidade=20", "--unidade=dias_corridos", "--sem-expediente=2026-04-07", "--sem-expediente=2026-04-06"},
			due:  "2026-04-08",
		},
		{
			name: "004 §13.1 a closure on a day that is not the last one does not move a dias corridos deadline",
			args: []string{"--inicio", "2026-05-04", "--quantidade", "10", "--unidade", "dias_corridos", "--sem-expediente", "2026-05-06"},
			due:  "2026-05-14",
		},
		{
			name: "004 §13.2 dias úteis skip a --sem-expediente day inside the count",
			args: []string{"--inicio", "2026-05-04", "--quantidade", "3", "--unidade", "dias_uteis", "--sem-expediente", "2026-05-06"},
			due:  "2026-05-08",
		},
		{
			name: "004 §13.3 months count date to date; 28/02/2026 is a Saturday",
			args: []string{"--inicio", "2026-01-31", "--quantidade", "1", "--unidade", "meses"},
			due:  "2026-03-02",
		},
		{
			name: "004 §13.3 years from 29/02 end on 28/02 of a common year",
			args: []string{"-inicio", "2024-02-29", "-quantidade", "1", "-unidade", "anos"},
			due:  "2025-02-28",
		},
		{
			name: "004 §13.2 unidade defaults to dias corridos",
			args: []string{"--inicio", "2026-03-14", "--quantidade", "20"},
			due:  "2026-04-06",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := computePrazo(tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if res.Due.String() != tc.due {
				t.Fatalf("vencimento %s, want %s (%s)", res.Due, tc.due, res.Rule)
			}
			if tc.skipped != nil {
				var got []string
				for _, s := range res.Skipped {
					got = append(got, s.Date.String()+" "+s.Reason)
				}
				if strings.Join(got, "|") != strings.Join(tc.skipped, "|") {
					t.Fatalf("dias_pulados %q, want %q", got, tc.skipped)
				}
			}
		})
	}
}

// Bad input is refused with a Portuguese message (exit code 2 in runPrazo).
func TestComputePrazoRejectsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		is     error // nil: only the message is checked
		inText string
	}{
		{"bad unit", []string{"--inicio", "2026-03-14", "--quantidade", "20", "--unidade", "semanas"}, prazo.ErrInvalidUnit, "dias_uteis"},
		{"empty unit", []string{"--inicio", "2026-03-14", "--quantidade", "20", "--unidade", ""}, prazo.ErrInvalidUnit, "dias_corridos"},
		{"bad date", []string{"--inicio", "14/03/2026", "--quantidade", "20"}, prazo.ErrInvalidDate, "AAAA-MM-DD"},
		{"date that does not exist", []string{"--inicio", "2026-02-29", "--quantidade", "20"}, prazo.ErrInvalidDate, "não existe"},
		{"date out of range", []string{"--inicio", "1800-01-01", "--quantidade", "20"}, prazo.ErrOutOfRange, "intervalo"},
		{"bad --sem-expediente", []string{"--inicio", "2026-03-14", "--quantidade", "20", "--sem-expediente", "amanhã"}, prazo.ErrInvalidDate, "--sem-expediente"},
		{"quantity not a number", []string{"--inicio", "2026-03-14", "--quantidade", "vinte"}, prazo.ErrInvalidQuantity, "número inteiro"},
		{"quantity zero", []string{"--inicio", "2026-03-14", "--quantidade", "0"}, prazo.ErrInvalidQuantity, "mínimo 1"},
		{"quantity negative", []string{"--inicio", "2026-03-14", "--quantidade", "-3"}, prazo.ErrInvalidQuantity, "mínimo 1"},
		{"quantity too large", []string{"--inicio", "2026-03-14", "--quantidade", "200", "--unidade", "anos"}, prazo.ErrInvalidQuantity, "máximo"},
		{"missing start", []string{"--quantidade", "20"}, nil, "--inicio"},
		{"missing quantity", []string{"--inicio", "2026-03-14"}, nil, "--quantidade"},
		{"missing value", []string{"--inicio", "2026-03-14", "--quantidade"}, nil, "precisa de um valor"},
		{"unknown option", []string{"--inicio", "2026-03-14", "--quantidade", "20", "--evento", "x"}, nil, "opção desconhecida"},
		{"stray argument", []string{"2026-03-14", "20"}, nil, "argumento inesperado"},
		{"repeated start", []string{"--inicio", "2026-03-14", "--inicio", "2026-03-15", "--quantidade", "20"}, nil, "mais de uma vez"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := computePrazo(tc.args)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.inText) {
				t.Errorf("message %q does not mention %q", err, tc.inText)
			}
			var stdout, stderr bytes.Buffer
			if code := runPrazo(tc.args, &stdout, &stderr); code != 2 || stdout.Len() != 0 || !strings.Contains(stderr.String(), err.Error()) {
				t.Errorf("runPrazo: exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
			}
		})
	}
}

// runPrazo prints the engine's Result as indented JSON, the same keys as the API.
func TestRunPrazoPrintsResultJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runPrazo([]string{"--inicio", "2026-03-14", "--quantidade", "20", "--unidade", "dias_corridos"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var res map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"vencimento", "regra", "fonte", "dias_pulados", "calendario"} {
		if _, ok := res[k]; !ok {
			t.Errorf("key %q missing in %s", k, stdout.String())
		}
	}
	if res["vencimento"] != "2026-04-06" || !strings.Contains(stdout.String(), "\n  \"vencimento\"") {
		t.Errorf("output:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := runPrazo([]string{"--help"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "--sem-expediente") {
		t.Errorf("--help: exit %d, %q", code, stdout.String())
	}
}

// `procon prazo` runs without any server: main dispatches it before reading the
// configuration, so an unusable environment (no database, no Temporal, even a broken
// variable) does not matter. The test re-runs this test binary as the command.
func TestPrazoCommandRunsWithoutServers(t *testing.T) {
	if args := os.Getenv("PROCON_TEST_RUN_MAIN"); args != "" {
		os.Args = append([]string{"procon"}, strings.Split(args, " ")...)
		main()
		os.Exit(0)
	}
	run := func(args string) (int, string, string) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPrazoCommandRunsWithoutServers$")
		cmd.Env = []string{
			"PROCON_TEST_RUN_MAIN=" + args,
			"DATABASE_URL=postgres://nobody@127.0.0.1:1/none",
			"TEMPORAL_ADDRESS=127.0.0.1:1",
			"PROCON_POLL_INTERVAL=nunca",
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, stdout.String(), stderr.String()
	}
	code, stdout, stderr := run("prazo --inicio 2026-03-14 --quantidade 20 --unidade dias_corridos --sem-expediente 2026-04-06")
	if code != 0 || !strings.Contains(stdout, `"vencimento": "2026-04-07"`) {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	code, stdout, stderr = run("prazo --inicio 2026-03-14 --quantidade 20 --unidade semanas")
	if code != 2 || stdout != "" || !strings.Contains(stderr, "unidade de prazo desconhecida") {
		t.Fatalf("bad unit: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}
