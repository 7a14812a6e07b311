package no.ledger.core.directory;

import no.ledger.core.shared.HealthRegion;

/** What rules need to know of a registered municipality; it does not change once registered. */
public record RegisteredMunicipality(String number, String name, HealthRegion healthRegion) {
}
