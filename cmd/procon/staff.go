package main

import (
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
)

// runStaff manages staff members: `procon staff add --name N --role R [--email E]`
// creates one and prints its bearer token once (only its hash is stored).
func runStaff(ctx context.Context, cfg config.Config, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("uso: procon staff add --name NOME --role PERFIL [--email E-MAIL]")
	}
	fs := flag.NewFlagSet("staff add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	name := fs.String("name", "", "nome do servidor")
	role := fs.String("role", "", "perfil: "+strings.Join(api.AllRoles, ", "))
	email := fs.String("email", "", "e-mail (opcional)")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("staff add: %w", err)
	}
	if strings.TrimSpace(*name) == "" {
		return errors.New("staff add: --name é obrigatório")
	}
	if !api.ValidRole(*role) {
		return fmt.Errorf("staff add: perfil %q inválido; use um de: %s", *role, strings.Join(api.AllRoles, ", "))
	}
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	member, token, err := st.AddStaff(ctx, *name, *email, *role)
	if err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(map[string]any{"id": member.ID, "nome": member.Name, "papel": member.Role, "token": token})
}
