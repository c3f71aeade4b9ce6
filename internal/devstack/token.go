package devstack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/procon-es/procon/internal/app"
	"github.com/procon-es/procon/internal/config"
	"github.com/procon-es/procon/internal/store"
)

// devToken returns the local stack's admin token, creating the admin on the first run.
// The token file lives in the data folder with owner-only permissions.
func devToken(ctx context.Context, cfg config.Config, dataDir string) (string, error) {
	path := filepath.Join(dataDir, "dev-admin-token")
	st, err := app.OpenStore(ctx, cfg)
	if err != nil {
		return "", err
	}
	defer st.Close()
	if b, err := os.ReadFile(path); err == nil {
		token := strings.TrimSpace(string(b))
		if _, err := st.StaffByToken(ctx, token); err == nil {
			return token, nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return "", err
		}
	}
	_, token, err := st.AddStaff(ctx, "Administrador (dev)", "", "admin")
	if err != nil {
		return "", err
	}
	return token, os.WriteFile(path, []byte(token+"\n"), 0o600)
}
