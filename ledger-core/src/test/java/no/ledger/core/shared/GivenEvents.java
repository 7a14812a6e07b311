package no.ledger.core.shared;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;

/** The ids the fixture gave its given events, so that a retraction can name one of them. */
public final class GivenEvents {

    private GivenEvents() {
    }

    public static String idOfGivenEvent(FixtureConfiguration<?> fixture, String aggregateId, int position) {
        List<? extends EventMessage<?>> events = fixture.getEventStore().readEvents(aggregateId).asStream().toList();
        return events.get(position).getIdentifier();
    }
}
