package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/procon-es/procon/api"
	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/password"
	"github.com/procon-es/procon/internal/store"
)

// staffUsage is how the staff tools are called.
const staffUsage = `uso:
  procon staff add --name NOME --role PERFIL [--email E-MAIL [--password-stdin]]
  procon staff passwd --email E-MAIL --password-stdin`

// runStaff manages staff members. `add` creates one and prints its bearer token once
// (only its hash is kept); with --email it can sign in to the console: with
// --password-stdin the password is read from standard input, without it a one-time
// link to set it is printed. `passwd` resets a password from standard input (and ends
// the member's sessions).
func runStaff(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, out io.Writer) error {
	if len(args) == 0 {
		return errors.New(staffUsage)
	}
	switch args[0] {
	case "add":
		return staffAdd(ctx, cfg, args[1:], stdin, out)
	case "passwd":
		return staffPasswd(ctx, cfg, args[1:], stdin, out)
	}
	return errors.New(staffUsage)
}

// staffAdd is `procon staff add`.
func staffAdd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, out io.Writer) error {
	fs := flag.NewFlagSet("staff add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	name := fs.String("name", "", "nome do servidor")
	role := fs.String("role", "", "perfil: "+strings.Join(api.AllRoles, ", "))
	email := fs.String("email", "", "e-mail, com o qual entra no console")
	fromStdin := fs.Bool("password-stdin", false, "lê a senha da entrada padrão")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("staff add: %w", err)
	}
	if strings.TrimSpace(*name) == "" {
		return errors.New("staff add: --name é obrigatório")
	}
	if !api.ValidRole(*role) {
		return fmt.Errorf("staff add: perfil %q inválido; use um de: %s", *role, strings.Join(api.AllRoles, ", "))
	}
	if *fromStdin && *email == "" {
		return errors.New("staff add: --password-stdin pede --email (entra-se no console com o e-mail)")
	}
	var hash string
	if *fromStdin {
		var err error
		if hash, err = readPassword(stdin); err != nil {
			return fmt.Errorf("staff add: %w", err)
		}
	}
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if *email != "" {
		if _, err := st.StaffByEmail(ctx, *email); err == nil {
			return fmt.Errorf("staff add: já há um servidor com o e-mail %s", *email)
		}
	}
	member, token, err := st.AddStaff(ctx, *name, *email, *role)
	if err != nil {
		return err
	}
	printed := map[string]any{"id": member.ID, "nome": member.Name, "papel": member.Role, "token": token}
	switch {
	case hash != "":
		if err := st.SetPassword(ctx, member.ID, hash); err != nil {
			return err
		}
	case *email != "":
		link, err := st.NewPasswordLink(ctx, member.ID)
		if err != nil {
			return err
		}
		printed["link_senha"] = cfg.PublicURL + "/interno/senha/" + link
	}
	return json.NewEncoder(out).Encode(printed)
}

// staffPasswd is `procon staff passwd`.
func staffPasswd(ctx context.Context, cfg config.Config, args []string, stdin io.Reader, out io.Writer) error {
	fs := flag.NewFlagSet("staff passwd", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "e-mail do servidor")
	fromStdin := fs.Bool("password-stdin", false, "lê a nova senha da entrada padrão")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("staff passwd: %w", err)
	}
	if *email == "" || !*fromStdin {
		return errors.New("staff passwd: use --email E-MAIL --password-stdin")
	}
	hash, err := readPassword(stdin)
	if err != nil {
		return fmt.Errorf("staff passwd: %w", err)
	}
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	member, err := st.StaffByEmail(ctx, *email)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("staff passwd: nenhum servidor com o e-mail %s", *email)
	}
	if err != nil {
		return err
	}
	if err := st.SetPassword(ctx, member.ID, hash); err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(map[string]any{"id": member.ID, "nome": member.Name, "senha_alterada": true})
}

// readPassword reads a password from the first line of r (without its line end),
// checks it and returns its hash.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	p := strings.TrimRight(line, "\r\n")
	if msg := password.Check(p); msg != "" {
		return "", errors.New(msg)
	}
	return password.Hash(p)
}
