package no.ledger.projections.participants;

import java.time.LocalDate;
import java.util.Set;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;

/** A programme as defined: its scope, declaration deadline and thresholds. */
public record ProgrammeInfo(String programmeId, String name, Set<HealthRegion> scope, LocalDate declarationDeadline,
                            Thresholds thresholds) {
}
