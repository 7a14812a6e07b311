package no.ledger.projections.ownership;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.ledger.core.company.OwnerKind;
import no.ledger.projections.timeline.Segment;
import no.ledger.projections.timeline.TimeBounds;

/** Each owner's holding of a company over effective time, from the share movements in force. */
public final class OwnershipTimeline {

    /** A share issue (no sender) or transfer. */
    public record Movement(String from, OwnerKind fromKind, String to, OwnerKind toKind, long shares,
                           LocalDate on) {
    }

    public record Holding(String owner, OwnerKind kind, long shares) {
    }

    private OwnershipTimeline() {
    }

    /** @param movements the company's movements in force, in the order they were recorded */
    public static List<Segment<Holding>> of(List<Movement> movements) {
        List<Movement> byDate = new ArrayList<>(movements);
        byDate.sort(Comparator.comparing(Movement::on)); // stable: recorded order kept within a day
        Map<String, Long> holdings = new HashMap<>();
        Map<String, OwnerKind> kinds = new HashMap<>();
        Map<String, LocalDate> heldSince = new LinkedHashMap<>();
        List<Segment<Holding>> segments = new ArrayList<>();
        int next = 0;
        while (next < byDate.size()) {
            LocalDate day = byDate.get(next).on();
            Map<String, Long> before = new HashMap<>(holdings);
            while (next < byDate.size() && byDate.get(next).on().equals(day)) {
                Movement movement = byDate.get(next++);
                if (movement.from() != null) {
                    holdings.merge(movement.from(), Math.negateExact(movement.shares()), Math::addExact);
                }
                holdings.merge(movement.to(), movement.shares(), Math::addExact);
                kinds.put(movement.to(), movement.toKind());
            }
            for (Map.Entry<String, Long> holding : holdings.entrySet()) {
                String owner = holding.getKey();
                long previous = before.getOrDefault(owner, 0L);
                if (previous == holding.getValue()) {
                    continue;
                }
                if (previous > 0) {
                    segments.add(new Segment<>(heldSince.get(owner), day,
                            new Holding(owner, kinds.get(owner), previous)));
                }
                heldSince.put(owner, day);
            }
        }
        heldSince.forEach((owner, since) -> {
            long shares = holdings.get(owner);
            if (shares > 0) {
                segments.add(new Segment<>(since, TimeBounds.OPEN_DATE, new Holding(owner, kinds.get(owner), shares)));
            }
        });
        return segments;
    }
}
