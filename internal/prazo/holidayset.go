package prazo

import (
	"fmt"
	"sort"
	"sync"
)

// HolidaySet is a named, versioned list of holiday providers: the part of
// a calendar computed by code. Its ID goes into every [Snapshot] and
// [Result]; never change the holidays of a registered ID — register a new
// ID (e.g. ".../v2") so that running workflows keep replaying with the old
// one.
type HolidaySet struct {
	ID          string            // versioned identifier, e.g. "procon-es-vitoria/v1"
	Description string            // Portuguese description for staff views
	Providers   []HolidayProvider // national, state, municipal…
}

// VitoriaESSetID identifies the default holiday set of PROCON/ES.
const VitoriaESSetID = "procon-es-vitoria/v1"

// VitoriaES returns the holiday set of PROCON/ES in Vitória: national
// holidays and the Carnaval and Corpus Christi pontos facultativos
// ([NationalBR]), the Espírito Santo state holiday ([EspiritoSanto]) and
// the Vitória municipal holidays ([Vitoria]).
func VitoriaES() HolidaySet {
	return HolidaySet{
		ID:          VitoriaESSetID,
		Description: "PROCON/ES, Vitória (ES): feriados nacionais, Carnaval e Corpus Christi, feriado estadual do ES e feriados municipais de Vitória",
		Providers:   []HolidayProvider{NationalBR(), EspiritoSanto(), Vitoria()},
	}
}

var registry = struct {
	sync.RWMutex
	sets map[string]HolidaySet
}{sets: map[string]HolidaySet{VitoriaESSetID: VitoriaES()}}

// RegisterHolidaySet makes set available to [Restore] and
// [LookupHolidaySet]. It fails with [ErrInvalidHolidaySet] if the ID is
// empty or already registered. Register sets at program start, in the
// worker and in every process that restores snapshots.
func RegisterHolidaySet(set HolidaySet) error {
	if set.ID == "" {
		return fmt.Errorf("%w: identificador vazio", ErrInvalidHolidaySet)
	}
	registry.Lock()
	defer registry.Unlock()
	if _, ok := registry.sets[set.ID]; ok {
		return fmt.Errorf("%w: %q já registrado", ErrInvalidHolidaySet, set.ID)
	}
	registry.sets[set.ID] = set
	return nil
}

// LookupHolidaySet returns the registered holiday set with the given ID.
func LookupHolidaySet(id string) (HolidaySet, bool) {
	registry.RLock()
	defer registry.RUnlock()
	s, ok := registry.sets[id]
	return s, ok
}

// HolidaySetIDs returns the IDs of the registered holiday sets, sorted.
func HolidaySetIDs() []string {
	registry.RLock()
	defer registry.RUnlock()
	ids := make([]string, 0, len(registry.sets))
	for id := range registry.sets {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
