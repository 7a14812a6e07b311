package no.ledger.projections.history;

import java.util.List;
import no.ledger.core.company.OwnerKind;
import no.ledger.core.company.ShareDecision;
import no.ledger.core.municipality.MunicipalityRegistered;
import no.ledger.core.municipality.PopulationCountRetracted;
import no.ledger.core.municipality.PopulationCounted;
import no.ledger.core.participation.ParticipationDecision;
import no.ledger.core.participation.ParticipationDecisionRetracted;
import no.ledger.core.shared.DecisionRetraction;
import no.ledger.core.shared.LedgerEvent;
import no.ledger.projections.EventJson;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.timeline.TimeBounds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every event about a municipality, across programmes and companies, as auditors read it: one row per event and
 * municipality it concerns (a share transfer concerns both sides). A retraction marks the event it retracts.
 */
@Component
@ProcessingGroup(ProcessingGroups.HISTORY)
public class HistoryProjection {

    private final JdbcTemplate jdbc;

    public HistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LedgerEvent event, DomainEventMessage<?> message, @MetaDataValue("recordedBy") String recordedBy) {
        List<String> concerned = municipalitiesConcerned(event);
        if (event instanceof DecisionRetraction retraction) {
            jdbc.update("UPDATE history_entry SET retracted_by = ?, retracted_at = ? WHERE event_id = ?",
                    message.getIdentifier(), TimeBounds.utc(message.getTimestamp()), retraction.retractedEventId());
        }
        String type = event.getClass().getSimpleName();
        String payload = EventJson.write(event);
        for (String number : concerned) {
            // The event's own place in the global order, read in the same statement. The token's position is not it
            // when the event was committed late, after later ones: a gap-aware token then stays at the highest index.
            int written = jdbc.update("INSERT INTO history_entry (event_id, number, global_position, aggregate_id,"
                            + " event_type, effective_date, recorded_at, recorded_by, payload)"
                            + " SELECT ?, ?, global_index, ?, ?, ?, ?, ?, ? FROM domain_event_entry"
                            + " WHERE event_identifier = ?",
                    message.getIdentifier(), number, message.getAggregateIdentifier(), type, event.effectiveDate(),
                    TimeBounds.utc(message.getTimestamp()), recordedBy, payload, message.getIdentifier());
            if (written != 1) {
                throw new IllegalStateException("event " + message.getIdentifier() + " is not in the event store");
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM history_entry");
    }

    /** The municipalities an event is about; a share retraction is about those of the movement it retracts. */
    private List<String> municipalitiesConcerned(LedgerEvent event) {
        List<String> named = municipalitiesNamedBy(event);
        if (named == null) {
            return jdbc.queryForList("SELECT number FROM history_entry WHERE event_id = ?", String.class,
                    ((DecisionRetraction) event).retractedEventId());
        }
        return named;
    }

    /**
     * The municipalities an event names itself, or null for a retraction that names none: it is about the
     * municipalities of the event it retracts.
     */
    public static List<String> municipalitiesNamedBy(LedgerEvent event) {
        if (event instanceof MunicipalityRegistered registered) {
            return List.of(registered.number());
        } else if (event instanceof PopulationCounted counted) {
            return List.of(counted.number());
        } else if (event instanceof PopulationCountRetracted retracted) {
            return List.of(retracted.number());
        } else if (event instanceof ParticipationDecision decision) {
            return List.of(decision.number());
        } else if (event instanceof ParticipationDecisionRetracted retracted) {
            return List.of(retracted.number());
        } else if (event instanceof ShareDecision decision) {
            return decision.owners().stream()
                    .filter(owner -> owner.kind() == OwnerKind.MUNICIPALITY)
                    .map(owner -> owner.id())
                    .distinct()
                    .toList();
        } else if (event instanceof DecisionRetraction) {
            return null;
        }
        return List.of();
    }
}
