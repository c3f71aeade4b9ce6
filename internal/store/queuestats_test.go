package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/procon-es/procon/internal/testenv"
)

func TestQueueStatsCountsSoonAndLapsed(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	today := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	if _, err := st.StatusQueueStats(ctx, []string{"aguardando_registro"}, today, today.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PetitionQueueStats(ctx, today, today.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
}
