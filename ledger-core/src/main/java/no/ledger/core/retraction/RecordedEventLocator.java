package no.ledger.core.retraction;

import java.util.Optional;

/** Finds which aggregate recorded an event, by the event's id. */
public interface RecordedEventLocator {

    Optional<String> aggregateIdOf(String eventId);
}
