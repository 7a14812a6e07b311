package no.ledger.projections.participants;

import java.time.LocalDate;
import no.ledger.core.shared.HealthRegion;

/**
 * One in-scope municipality of a programme at a point in time: its population in force and its participation.
 * {@code deadline} is the declaration deadline in force for it.
 */
public record ParticipantRow(String number, String name, String county, HealthRegion healthRegion, long population,
                             LocalDate deadline, ParticipantStatus status) {
}
