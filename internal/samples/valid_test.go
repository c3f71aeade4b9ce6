package samples

import (
	"testing"

	"github.com/procon-es/procon/internal/intake"
)

// The sample complaints that --seed-demo, the end-to-end tests and the benchmarks send
// must pass the intake validation of 004 §3.3.1, or they would test a cancellation.
func TestSampleComplaintPassesIntakeValidation(t *testing.T) {
	for seq := range 5 {
		raw, err := Complaint{From: "maria@example.com", To: "atendimento@procon.test", Seq: seq}.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		r := intake.Check(raw, intake.Options{})
		if !r.Valid {
			t.Fatalf("sample %d is not a valid complaint: %+v", seq, r.Problems)
		}
	}
}
