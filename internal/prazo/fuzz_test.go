package prazo

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

var fuzzEpoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// FuzzCompute checks the invariants of 004 §13 on random deadlines, with
// an oracle that walks days with the time package:
//   - the due date is a business day and not suspended (004 §13.1.2, §13.4);
//   - it is never earlier than the plain count (start + N days, or the
//     date-to-date term for months and years);
//   - the last counted day is the N-th counted day in (start, last]:
//     business, non-suspended days for dias_uteis; non-suspended calendar
//     days otherwise (months/years: the days of the date-to-date term);
//   - every day from the last counted day to the due date is without
//     business or suspended, and the skipped list is exactly the days the
//     count passed over;
//   - a calendar restored from its snapshot, and a result decoded from its
//     JSON, are identical.
func FuzzCompute(f *testing.F) {
	// startOff is days from 2000-01-01; 9569 is 2026-03-14.
	f.Add(uint16(9569), uint16(20), uint8(0), uint16(0), false, uint16(0), uint8(0))   // CIP over Good Friday 2026
	f.Add(uint16(9539), uint16(10), uint8(1), uint16(0), false, uint16(0), uint8(0))   // appeal over Carnaval 2026
	f.Add(uint16(9527), uint16(1), uint8(2), uint16(28), false, uint16(0), uint8(0))   // 31/01 + 1 month, closure
	f.Add(uint16(10286), uint16(1), uint8(3), uint16(0), false, uint16(0), uint8(0))   // 2028-02-29 + 1 year
	f.Add(uint16(9557), uint16(10), uint8(0), uint16(0), false, uint16(53), uint8(2))  // suspension
	f.Add(uint16(9557), uint16(10), uint8(1), uint16(7), true, uint16(53), uint8(5))   // business days, early closing, suspension
	f.Add(uint16(9852), uint16(10), uint8(0), uint16(10), false, uint16(60), uint8(1)) // year end 2026
	f.Add(uint16(9559), uint16(10), uint8(0), uint16(12), false, uint16(62), uint8(1)) // suspension over the extension
	f.Add(uint16(65535), uint16(65535), uint8(255), uint16(65535), true, uint16(65535), uint8(255))
	base := NewVitoriaES()
	f.Fuzz(func(t *testing.T, startOff, qty uint16, unitSel uint8, closureOff uint16, early bool, suspOff uint16, suspLen uint8) {
		startT := fuzzEpoch.AddDate(0, 0, int(startOff)%(365*60))
		start := fromTime(startT)
		unit := [...]Unit{DiasCorridos, DiasUteis, Meses, Anos}[unitSel%4]
		q := 1 + int(qty)%[...]int{400, 200, 60, 10}[unitSel%4]

		c := base
		if closureOff != 0 {
			kind := ClosureFullDay
			if early {
				kind = ClosureEarly
			}
			var err error
			c, err = base.WithClosures(Closure{Date: fromTime(startT.AddDate(0, 0, int(closureOff%400))), Kind: kind, Reason: "fuzz"})
			if err != nil {
				t.Fatal(err)
			}
		}
		var ss []Suspension
		if suspLen != 0 {
			s0 := startT.AddDate(0, 0, int(suspOff%500)-50)
			ss = append(ss, Suspension{Start: fromTime(s0), End: fromTime(s0.AddDate(0, 0, int(suspLen%60))), Reason: "fuzz"})
		}
		req := Request{Start: start, Quantity: q, Unit: unit, Suspensions: ss}
		r, err := c.Compute(req)
		if err != nil {
			t.Fatalf("Compute(%+v): %v", req, err)
		}

		suspended := func(tt time.Time) bool {
			for _, s := range ss {
				if !tt.Before(toTime(s.Start)) && !tt.After(toTime(s.End)) {
					return true
				}
			}
			return false
		}
		business := func(tt time.Time) bool {
			ok, _ := c.IsBusinessDay(fromTime(tt))
			return ok
		}
		dueT, lastT := toTime(r.Due), toTime(r.DueWithoutExtension)

		// The due date is a business day, not suspended.
		if !business(dueT) || suspended(dueT) {
			t.Fatalf("%+v: due %v is not a business day or is suspended", req, r.Due)
		}
		// Never earlier than the plain count.
		var plainT time.Time
		target := q
		switch unit {
		case Meses:
			plainT = toTime(monthsOracle(start, q))
			target = int((plainT.Unix() - startT.Unix()) / 86400)
		case Anos:
			plainT = toTime(monthsOracle(start, 12*q))
			target = int((plainT.Unix() - startT.Unix()) / 86400)
		default:
			plainT = startT.AddDate(0, 0, q)
		}
		if dueT.Before(plainT) || lastT.Before(plainT) {
			t.Fatalf("%+v: due %v / last counted %v before the plain count %v", req, r.Due, r.DueWithoutExtension, fromTime(plainT))
		}
		if unit != DiasUteis && len(ss) == 0 && !lastT.Equal(plainT) {
			t.Fatalf("%+v: last counted day %v, want %v", req, r.DueWithoutExtension, fromTime(plainT))
		}
		// Exactly `target` counted days in (start, last], last one counted.
		var wantSkipped []Date
		count := 0
		for tt := startT.AddDate(0, 0, 1); !tt.After(lastT); tt = tt.AddDate(0, 0, 1) {
			if suspended(tt) || (unit == DiasUteis && !business(tt)) {
				wantSkipped = append(wantSkipped, fromTime(tt))
				if tt.Equal(lastT) {
					t.Fatalf("%+v: last counted day %v is not countable", req, r.DueWithoutExtension)
				}
				continue
			}
			count++
		}
		if count != target {
			t.Fatalf("%+v: %d days counted in (%v, %v], want %d", req, count, start, r.DueWithoutExtension, target)
		}
		if unit == DiasUteis && c.CountBusinessDays(start, r.Due) < q {
			t.Fatalf("%+v: fewer than %d business days up to %v", req, q, r.Due)
		}
		// From the last counted day to the due date, only days without
		// business or suspended.
		for tt := lastT; tt.Before(dueT); tt = tt.AddDate(0, 0, 1) {
			if business(tt) && !suspended(tt) {
				t.Fatalf("%+v: %v is a business day before the due date %v", req, fromTime(tt), r.Due)
			}
			wantSkipped = append(wantSkipped, fromTime(tt))
		}
		if r.Extended != !lastT.Equal(dueT) {
			t.Fatalf("prorrogado = %v with %v → %v", r.Extended, r.DueWithoutExtension, r.Due)
		}
		// The skipped list is exactly those days, in order, with reasons.
		if len(r.Skipped) != len(wantSkipped) {
			t.Fatalf("%+v: %d skipped days, want %d (%v)", req, len(r.Skipped), len(wantSkipped), r.Skipped)
		}
		for i, s := range r.Skipped {
			if s.Date != wantSkipped[i] || s.Reason == "" || s.Kind == "" {
				t.Fatalf("%+v: skipped[%d] = %+v, want date %v", req, i, s, wantSkipped[i])
			}
			if (s.Kind == SkipSuspension) != suspended(toTime(s.Date)) {
				t.Fatalf("%+v: skipped[%d] = %+v: suspension kind mismatch", req, i, s)
			}
		}
		// Determinism across the snapshot and the JSON boundary.
		restored, err := Restore(c.Snapshot())
		if err != nil {
			t.Fatal(err)
		}
		r2, err := restored.Compute(req)
		if err != nil || !reflect.DeepEqual(r, r2) {
			t.Fatalf("%+v: restored calendar gives another result (%v)", req, err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back Result
		if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("JSON round trip differs (%v)", err)
		}
	})
}
