package no.ledger.core.shared;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions an aggregate has recorded, by event id, in the order they were recorded, and which of them have
 * been retracted. Aggregates fold their state from {@link #active()} so that a retraction makes the state behave
 * as if the retracted decision had not been taken.
 *
 * @param <D> the aggregate's kind of decision event
 */
public final class DecisionLog<D> {

    private final Map<String, D> active = new LinkedHashMap<>();
    private final Set<String> retracted = new HashSet<>();
    /** Events of the aggregate that are not decisions and cannot be retracted: its creation, retractions. */
    private final Set<String> permanent = new HashSet<>();

    public void recordDecision(String eventId, D decision) {
        active.put(eventId, decision);
    }

    public void recordPermanent(String eventId) {
        permanent.add(eventId);
    }

    public void retract(String eventId) {
        if (active.remove(eventId) != null) {
            retracted.add(eventId);
        }
    }

    public List<D> active() {
        return List.copyOf(active.values());
    }

    /** The active decisions as they would be without the given one, in recorded order. */
    public List<D> activeWithout(String eventId) {
        List<D> remaining = new ArrayList<>(active.size());
        active.forEach((id, decision) -> {
            if (!id.equals(eventId)) {
                remaining.add(decision);
            }
        });
        return remaining;
    }

    /** The active decision with that event id, or the rule it breaks to retract it. */
    public D retractable(String eventId) {
        D decision = active.get(eventId);
        if (decision != null) {
            return decision;
        }
        if (retracted.contains(eventId)) {
            throw new DecisionAlreadyRetracted(eventId);
        }
        if (permanent.contains(eventId)) {
            throw new DecisionNotRetractable(eventId);
        }
        throw new UnknownEvent(eventId);
    }
}
