package temporalserver

import (
	"context"
	"database/sql"
	"fmt"
)

// sqliteDriver is the database/sql driver the server's SQLite plugin registers.
const sqliteDriver = "sqlite"

// forgetMembership clears the cluster membership a previous run left in the database
// file. The server keeps its hosts there, and on start tries to join the ones that
// heartbeated recently: after a restart those are the dead services of the previous
// process, and the join waits for them for most of a minute, answering nothing. The
// file has one user, this process, so the old hosts are certainly gone.
func forgetMembership(ctx context.Context, file string) error {
	db, err := sql.Open(sqliteDriver, file)
	if err != nil {
		return fmt.Errorf("temporalserver: open %s: %w", file, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DELETE FROM cluster_membership`); err != nil {
		return fmt.Errorf("temporalserver: clear membership: %w", err)
	}
	return nil
}
