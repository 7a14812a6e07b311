package no.ledger.projections.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import no.ledger.projections.timeline.Segment;
import no.ledger.projections.timeline.TimeBounds;

/** The population in force on each date: a count holds from its date until the next count. */
public final class PopulationTimeline {

    public record Count(LocalDate countedOn, long population) {
    }

    private PopulationTimeline() {
    }

    public static List<Segment<Long>> of(List<Count> counts) {
        List<Count> byDate = new ArrayList<>(counts);
        byDate.sort(Comparator.comparing(Count::countedOn));
        List<Segment<Long>> segments = new ArrayList<>(byDate.size());
        for (int index = 0; index < byDate.size(); index++) {
            LocalDate to = index + 1 < byDate.size() ? byDate.get(index + 1).countedOn() : TimeBounds.OPEN_DATE;
            segments.add(new Segment<>(byDate.get(index).countedOn(), to, byDate.get(index).population()));
        }
        return segments;
    }
}
