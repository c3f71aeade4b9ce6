package devstack

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/procon-es/procon/internal/password"
	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/workflows"
)

// demoRoles are the roles of the demo staff, one member each.
var demoRoles = []string{workflows.RoleAtendente, workflows.RoleGerenteAtendimento, workflows.RoleDiretorJuridico,
	workflows.RoleDiretorPresidente, workflows.RoleFinanceiro, workflows.RoleAdmin}

// demoStaff creates (or finds) one staff member per role, `<papel>@procon.local`, gives
// each a fresh password and prints them: development only, so a person can sign in to
// the console at once. It returns each role's bearer token, for the demo's decisions.
func demoStaff(ctx context.Context, st *store.Store, out io.Writer) (map[string]string, error) {
	tokens := map[string]string{}
	fmt.Fprintln(out, "seed-demo: servidores de demonstração (só no ambiente local; senhas novas a cada início):")
	for _, role := range demoRoles {
		email := role + "@procon.local"
		member, err := st.StaffByEmail(ctx, email)
		var id int64
		switch {
		case errors.Is(err, store.ErrNotFound):
			added, token, err := st.AddStaff(ctx, "Demonstração ("+role+")", email, role)
			if err != nil {
				return nil, err
			}
			id, tokens[role] = added.ID, token
		case err != nil:
			return nil, err
		default:
			id = member.ID
			if tokens[role], err = st.NewStaffToken(ctx, id); err != nil {
				return nil, err
			}
		}
		b := make([]byte, 6)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		secret := "demo-" + hex.EncodeToString(b)
		hash, err := password.Hash(secret)
		if err != nil {
			return nil, err
		}
		if err := st.SetPassword(ctx, id, hash); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "  %-36s senha %s\n", email, secret)
	}
	return tokens, nil
}
