package no.ledger.core.directory;

import java.time.LocalDate;
import java.util.Set;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;

/** What rules need to know of a defined programme; a programme's definition does not change. */
public record ProgrammeTerms(String programmeId, Set<HealthRegion> scopeRegions, LocalDate declarationDeadline,
                             Thresholds thresholds) {

    public boolean covers(HealthRegion region) {
        return scopeRegions.contains(region);
    }
}
