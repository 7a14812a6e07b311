package no.ledger.api.config;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, but an aggregate is read from its events alone. The ledger takes no snapshots (its
 * aggregates hold a handful of events each), yet Axon asks the snapshot table first on every load: a query that
 * always finds nothing, a round trip to the database on every command.
 */
final class SnapshotlessEventStore extends EmbeddedEventStore {

    SnapshotlessEventStore(Builder builder) {
        super(builder);
    }

    /** The stored events, then those of the current unit of work not yet stored, as Axon reads them. */
    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return DomainEventStream.concat(storageEngine().readEvents(aggregateIdentifier),
                DomainEventStream.of(stagedDomainEventMessages(aggregateIdentifier)));
    }
}
