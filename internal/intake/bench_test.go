package intake

import (
	"testing"
)

// BenchmarkCheck parses and validates a typical valid complaint: the
// form in a UTF-8 body, four small PDFs, a JPEG selfie and, with the
// procuração, a fifth PDF. It reports messages per second (msgs/s).
func BenchmarkCheck(b *testing.B) {
	raw := readCorpus(b, "valid_procurador.eml")
	if r := Check(raw, Options{Now: corpusNow}); !r.Valid {
		b.Fatalf("benchmark message is not valid: %+v", r.Problems)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Check(raw, Options{Now: corpusNow})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
