package cip

import "testing"

func TestNumberNamesItsCaseAndSupplier(t *testing.T) {
	if got := Number("NA-2026-000123", 2); got != "CIP-2026-000123-2" {
		t.Fatalf("Number = %q", got)
	}
}

// 004 §14.3: an answer naming only its CIP number still reaches the case.
func TestFindReadsTheNumberAsPeopleWriteIt(t *testing.T) {
	for _, tc := range []struct{ text, number, na string }{
		{"RESPOSTA CIP CIP-2026-000123-1", "CIP-2026-000123-1", "NA-2026-000123"},
		{"Ref.: CIP nº 2026/000123-2", "CIP-2026-000123-2", "NA-2026-000123"},
		{"resposta à cip 2026.000007/3 da consumidora", "CIP-2026-000007-3", "NA-2026-000007"},
		{"CIP: 2026-000123", "", ""},        // no supplier position
		{"CIP-2026-000123-0", "", ""},       // positions start at 1
		{"RECIPROCO 2026-000123-1", "", ""}, // not the word CIP
		{"NA-2026-000123", "", ""},
	} {
		number, na := Find(tc.text)
		if number != tc.number || na != tc.na {
			t.Errorf("Find(%q) = %q, %q; want %q, %q", tc.text, number, na, tc.number, tc.na)
		}
	}
}

func TestFindLooksInEachTextInOrder(t *testing.T) {
	number, _ := Find("Resposta", "segue a resposta à CIP-2026-000001-1 e à CIP-2026-000002-1")
	if number != "CIP-2026-000001-1" {
		t.Fatalf("Find = %q, want the first number", number)
	}
}

func TestPositionIsTheSupplierOfTheNumber(t *testing.T) {
	for number, want := range map[string]int{Number("NA-2026-000123", 2): 2, Number("NA-2026-000123", 12): 12, "": 0, "CIP-2026-000123-x": 0} {
		if got := Position(number); got != want {
			t.Errorf("Position(%q) = %d, want %d", number, got, want)
		}
	}
}
