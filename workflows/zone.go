package workflows

import "time"

// agencyZone is the agency's civil time (Vitória, UTC-3, no daylight saving since 2019).
// A fixed zone keeps workflow code free of the tz database, so replays agree everywhere.
var agencyZone = time.FixedZone("BRT", -3*60*60)
