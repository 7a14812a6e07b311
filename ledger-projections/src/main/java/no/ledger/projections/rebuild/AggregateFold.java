package no.ledger.projections.rebuild;

import static no.ledger.projections.rebuild.ReadModelTables.COMPANY_VIEW;
import static no.ledger.projections.rebuild.ReadModelTables.HISTORY_ENTRY;
import static no.ledger.projections.rebuild.ReadModelTables.MUNICIPALITY_VIEW;
import static no.ledger.projections.rebuild.ReadModelTables.OWNERSHIP_TIMELINE;
import static no.ledger.projections.rebuild.ReadModelTables.PARTICIPATION_DECISION;
import static no.ledger.projections.rebuild.ReadModelTables.PARTICIPATION_TIMELINE;
import static no.ledger.projections.rebuild.ReadModelTables.POPULATION_COUNT;
import static no.ledger.projections.rebuild.ReadModelTables.POPULATION_TIMELINE;
import static no.ledger.projections.rebuild.ReadModelTables.PROGRAMME_SCOPE;
import static no.ledger.projections.rebuild.ReadModelTables.PROGRAMME_VIEW;
import static no.ledger.projections.rebuild.ReadModelTables.SHARE_MOVEMENT;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.ledger.core.company.CompanyFounded;
import no.ledger.core.company.OwnerKind;
import no.ledger.core.company.ShareDecision;
import no.ledger.core.company.ShareDecisionRetracted;
import no.ledger.core.company.SharesIssued;
import no.ledger.core.company.SharesTransferred;
import no.ledger.core.municipality.MunicipalityRegistered;
import no.ledger.core.municipality.PopulationCountRetracted;
import no.ledger.core.municipality.PopulationCounted;
import no.ledger.core.participation.ParticipationDecision;
import no.ledger.core.participation.ParticipationDecisionRetracted;
import no.ledger.core.programme.ProgrammeDefined;
import no.ledger.core.shared.DecisionRetraction;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.LedgerEvent;
import no.ledger.projections.EventJson;
import no.ledger.projections.history.HistoryProjection;
import no.ledger.projections.ownership.OwnershipProjection;
import no.ledger.projections.ownership.OwnershipTimeline;
import no.ledger.projections.participants.ParticipantStatus;
import no.ledger.projections.participants.ParticipationKey;
import no.ledger.projections.participants.ParticipationTimeline;
import no.ledger.projections.participants.ParticipationTimelineColumns;
import no.ledger.projections.register.PopulationProjection;
import no.ledger.projections.register.PopulationTimeline;
import no.ledger.projections.timeline.TimeBounds;
import no.ledger.projections.timeline.TimelineRecorder;

/**
 * Folds one aggregate's events, in their order, into the rows that the live projections ({@code RegisterProjection},
 * {@code PopulationProjection}, {@code ParticipationProjection}, {@code OwnershipProjection} and
 * {@code HistoryProjection}) would have written for them, with the same folds and the same
 * {@link TimelineRecorder}, but in memory: a rebuild then writes an aggregate's rows at once instead of reading and
 * changing them event by event. Every rule here mirrors a live handler; {@code RebuildTest} compares the two
 * table by table.
 */
final class AggregateFold {

    private static final List<String> MUNICIPALITY_COLUMNS = List.of("number", "name", "county", "health_region",
            "registered_on", "recorded_at");
    private static final List<String> PROGRAMME_COLUMNS = List.of("programme_id", "name", "declaration_deadline",
            "declaration_threshold", "commitment_threshold", "procurement_threshold", "defined_on", "recorded_at");
    private static final List<String> SCOPE_COLUMNS = List.of("programme_id", "health_region");
    private static final List<String> COUNT_COLUMNS = List.of("event_id", "number", "counted_on", "population",
            "recorded_at", "retracted_at");
    private static final List<String> DECISION_COLUMNS = List.of("event_id", "programme_id", "number",
            "sequence_number", "payload_type", "payload", "recorded_at", "retracted_at");
    private static final List<String> COMPANY_COLUMNS = List.of("company_id", "name", "founded_on", "recorded_at");
    private static final List<String> MOVEMENT_COLUMNS = List.of("event_id", "company_id", "sequence_number",
            "from_owner", "from_kind", "to_owner", "to_kind", "shares", "effective_date", "recorded_at",
            "retracted_at");
    private static final List<String> HISTORY_COLUMNS = List.of("event_id", "number", "global_position",
            "aggregate_id", "event_type", "effective_date", "recorded_at", "recorded_by", "payload", "retracted_by",
            "retracted_at");
    private static final int COUNT_RETRACTED_AT = 5;
    private static final int DECISION_RETRACTED_AT = 7;
    private static final int MOVEMENT_RETRACTED_AT = 10;
    private static final int HISTORY_RETRACTED_BY = 9;
    private static final int HISTORY_RETRACTED_AT = 10;

    private final String aggregateId;
    private final FoldedRows out = new FoldedRows();

    // Rows of the aggregate by event id, kept until the end so that a retraction can still mark them.
    private final Map<String, Object[]> populationCounts = new LinkedHashMap<>();
    private final Map<String, Object[]> decisionRows = new LinkedHashMap<>();
    private final Map<String, ParticipationDecision> decisions = new LinkedHashMap<>();
    private final Map<String, Object[]> movementRows = new LinkedHashMap<>();
    private final Map<String, OwnershipTimeline.Movement> movements = new LinkedHashMap<>();
    private final List<Object[]> historyRows = new ArrayList<>();

    private final InMemoryTimeline<String, Long> populationTimeline =
            new InMemoryTimeline<>(PopulationProjection.TIMELINE);
    private final InMemoryTimeline<ParticipationKey, ParticipantStatus> participationTimeline =
            new InMemoryTimeline<>(ParticipationTimelineColumns.TIMELINE);
    private final InMemoryTimeline<String, OwnershipTimeline.Holding> ownershipTimeline =
            new InMemoryTimeline<>(OwnershipProjection.TIMELINE);

    AggregateFold(String aggregateId) {
        this.aggregateId = aggregateId;
    }

    String aggregateId() {
        return aggregateId;
    }

    /** Folds the aggregate's next event. */
    void apply(StoredEvent stored) {
        if (!stored.isLedgerEvent()) {
            return;
        }
        LedgerEvent event = (LedgerEvent) stored.event();
        OffsetDateTime recordedAt = TimeBounds.utc(stored.recordedAt());
        // The JSON the live projections keep of a decision and in the history: written once for both.
        String json = EventJson.write(event);
        if (event instanceof MunicipalityRegistered registered) {
            out.key(MUNICIPALITY_VIEW, List.of("number"), registered.number());
            out.add(MUNICIPALITY_VIEW, MUNICIPALITY_COLUMNS, new Object[] {registered.number(), registered.name(),
                    registered.county(), registered.healthRegion().name(), registered.registeredOn(), recordedAt});
        } else if (event instanceof ProgrammeDefined defined) {
            programmeDefined(defined, recordedAt);
        } else if (event instanceof PopulationCounted counted) {
            populationCounts.put(stored.eventId(), new Object[] {stored.eventId(), counted.number(),
                    counted.countedOn(), counted.population(), recordedAt, null});
            refoldPopulation(counted.number(), stored);
        } else if (event instanceof PopulationCountRetracted retraction) {
            markRetracted(populationCounts.get(retraction.retractedEventId()), COUNT_RETRACTED_AT, recordedAt);
            refoldPopulation(retraction.number(), stored);
        } else if (event instanceof ParticipationDecision decision) {
            decisionRows.put(stored.eventId(), new Object[] {stored.eventId(), decision.programmeId(),
                    decision.number(), stored.sequenceNumber(), decision.getClass().getName(), json, recordedAt, null});
            decisions.put(stored.eventId(), decision);
            refoldParticipation(new ParticipationKey(decision.programmeId(), decision.number()), stored);
        } else if (event instanceof ParticipationDecisionRetracted retraction) {
            markRetracted(decisionRows.get(retraction.retractedEventId()), DECISION_RETRACTED_AT, recordedAt);
            decisions.remove(retraction.retractedEventId());
            refoldParticipation(new ParticipationKey(retraction.programmeId(), retraction.number()), stored);
        } else if (event instanceof CompanyFounded founded) {
            out.key(COMPANY_VIEW, List.of("company_id"), founded.companyId());
            out.add(COMPANY_VIEW, COMPANY_COLUMNS, new Object[] {founded.companyId(), founded.name(),
                    founded.foundedOn(), recordedAt});
        } else if (event instanceof SharesIssued issued) {
            shareMovement(stored, issued, null, null, issued.owner(), issued.ownerKind(), issued.shares());
        } else if (event instanceof SharesTransferred transfer) {
            shareMovement(stored, transfer, transfer.from(), transfer.fromKind(), transfer.to(), transfer.toKind(),
                    transfer.shares());
        } else if (event instanceof ShareDecisionRetracted retraction) {
            markRetracted(movementRows.get(retraction.retractedEventId()), MOVEMENT_RETRACTED_AT, recordedAt);
            movements.remove(retraction.retractedEventId());
            refoldOwnership(retraction.companyId(), stored);
        }
        history(event, stored, recordedAt, json);
    }

    /** The rows of every event applied, and the keys they are stored under. */
    FoldedRows rows() {
        populationCounts.values().forEach(row -> out.add(POPULATION_COUNT, COUNT_COLUMNS, row));
        populationTimeline.writeTo(out, POPULATION_TIMELINE);
        decisionRows.values().forEach(row -> out.add(PARTICIPATION_DECISION, DECISION_COLUMNS, row));
        participationTimeline.writeTo(out, PARTICIPATION_TIMELINE);
        movementRows.values().forEach(row -> out.add(SHARE_MOVEMENT, MOVEMENT_COLUMNS, row));
        ownershipTimeline.writeTo(out, OWNERSHIP_TIMELINE);
        historyRows.forEach(row -> out.add(HISTORY_ENTRY, HISTORY_COLUMNS, row));
        return out;
    }

    private void programmeDefined(ProgrammeDefined defined, OffsetDateTime recordedAt) {
        out.key(PROGRAMME_VIEW, List.of("programme_id"), defined.programmeId());
        out.key(PROGRAMME_SCOPE, List.of("programme_id"), defined.programmeId());
        out.add(PROGRAMME_VIEW, PROGRAMME_COLUMNS, new Object[] {defined.programmeId(), defined.name(),
                defined.declarationDeadline(), defined.thresholds().declaration(),
                defined.thresholds().commitment(), defined.thresholds().procurement(), defined.definedOn(),
                recordedAt});
        for (HealthRegion region : defined.scopeRegions()) {
            out.add(PROGRAMME_SCOPE, SCOPE_COLUMNS, new Object[] {defined.programmeId(), region.name()});
        }
    }

    private void refoldPopulation(String number, StoredEvent stored) {
        out.key(POPULATION_COUNT, List.of("number"), number);
        out.key(POPULATION_TIMELINE, List.of("number"), number);
        List<PopulationTimeline.Count> counts = new ArrayList<>();
        for (Object[] count : populationCounts.values()) {
            if (count[1].equals(number) && count[COUNT_RETRACTED_AT] == null) {
                counts.add(new PopulationTimeline.Count((java.time.LocalDate) count[2], (Long) count[3]));
            }
        }
        TimelineRecorder.record(populationTimeline, number, PopulationTimeline.of(counts), stored.recordedAt());
    }

    private void refoldParticipation(ParticipationKey key, StoredEvent stored) {
        out.key(PARTICIPATION_DECISION, List.of("programme_id", "number"), key.programmeId(), key.number());
        out.key(PARTICIPATION_TIMELINE, List.of("programme_id", "number"), key.programmeId(), key.number());
        List<ParticipationDecision> inForce = decisions.values().stream()
                .filter(decision -> decision.programmeId().equals(key.programmeId())
                        && decision.number().equals(key.number()))
                .toList();
        TimelineRecorder.record(participationTimeline, key, ParticipationTimeline.of(inForce), stored.recordedAt());
    }

    private void shareMovement(StoredEvent stored, ShareDecision decision, String from, OwnerKind fromKind,
                               String to, OwnerKind toKind, long shares) {
        movementRows.put(stored.eventId(), new Object[] {stored.eventId(), decision.companyId(),
                stored.sequenceNumber(), from, fromKind == null ? null : fromKind.name(), to, toKind.name(), shares,
                decision.effectiveDate(), TimeBounds.utc(stored.recordedAt()), null});
        movements.put(stored.eventId(), new OwnershipTimeline.Movement(from, fromKind, to, toKind, shares,
                decision.effectiveDate()));
        refoldOwnership(decision.companyId(), stored);
    }

    private void refoldOwnership(String companyId, StoredEvent stored) {
        out.key(SHARE_MOVEMENT, List.of("company_id"), companyId);
        out.key(OWNERSHIP_TIMELINE, List.of("company_id"), companyId);
        List<OwnershipTimeline.Movement> inForce = new ArrayList<>();
        movementRows.forEach((eventId, row) -> {
            if (row[1].equals(companyId) && movements.containsKey(eventId)) {
                inForce.add(movements.get(eventId));
            }
        });
        TimelineRecorder.record(ownershipTimeline, companyId, OwnershipTimeline.of(inForce), stored.recordedAt());
    }

    /** As {@code HistoryProjection}: a row per municipality the event concerns; a retraction marks what it mends. */
    private void history(LedgerEvent event, StoredEvent stored, OffsetDateTime recordedAt, String payload) {
        out.key(HISTORY_ENTRY, List.of("aggregate_id"), aggregateId);
        List<String> concerned = municipalitiesConcerned(event);
        if (event instanceof DecisionRetraction retraction) {
            for (Object[] row : historyRows) {
                if (row[0].equals(retraction.retractedEventId())) {
                    row[HISTORY_RETRACTED_BY] = stored.eventId();
                    row[HISTORY_RETRACTED_AT] = recordedAt;
                }
            }
        }
        String recordedBy = stored.recordedBy();
        for (String number : concerned) {
            historyRows.add(new Object[] {stored.eventId(), number, stored.globalIndex(), aggregateId,
                    event.getClass().getSimpleName(), event.effectiveDate(), recordedAt, recordedBy, payload, null,
                    null});
        }
    }

    private List<String> municipalitiesConcerned(LedgerEvent event) {
        List<String> named = HistoryProjection.municipalitiesNamedBy(event);
        if (named == null) {
            String retracted = ((DecisionRetraction) event).retractedEventId();
            return historyRows.stream().filter(row -> row[0].equals(retracted)).map(row -> (String) row[1]).toList();
        }
        return named;
    }

    private static void markRetracted(Object[] row, int column, OffsetDateTime recordedAt) {
        if (row != null) {
            row[column] = recordedAt;
        }
    }
}
