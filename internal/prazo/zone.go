package prazo

import "time"

// AgencyZone is the agency's civil time: Vitória, UTC−3, with no daylight saving since
// 2019 (Decreto 9.772/2019). A fixed zone keeps workflow code free of the tz database,
// so replays agree on every machine. Civil dates (the day a message arrived, the NA's
// year, the day a deadline ends) are read in this zone.
var AgencyZone = time.FixedZone("BRT", -3*60*60)

// CivilDate returns the agency's civil date at the instant t.
func CivilDate(t time.Time) Date { return DateOf(t.In(AgencyZone)) }
