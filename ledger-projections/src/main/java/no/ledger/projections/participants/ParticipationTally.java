package no.ledger.projections.participants;

import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.shared.HealthRegion;

/**
 * How many in-scope municipalities of a health region stand at one declaration and agreement, and their population:
 * what coverage is summed from.
 */
public record ParticipationTally(HealthRegion healthRegion, DeclarationStatus declaration, AgreementStatus agreement,
                                 int municipalities, long population) {

    /** One municipality's row as a tally of one. */
    public static ParticipationTally of(ParticipantRow row) {
        return new ParticipationTally(row.healthRegion(), row.status().declaration(), row.status().agreement(), 1,
                row.population());
    }
}
