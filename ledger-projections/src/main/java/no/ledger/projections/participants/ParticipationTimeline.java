package no.ledger.projections.participants;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import no.ledger.core.participation.ParticipationDecision;
import no.ledger.core.participation.ParticipationState;
import no.ledger.projections.timeline.Segment;
import no.ledger.projections.timeline.TimeBounds;

/**
 * Folds a participation's decisions into its states over effective time, with the core's own fold
 * ({@link ParticipationState#apply}). Decisions are taken in effective-date order (recorded order within a day);
 * an option's expiry starts a segment of its own, since the agreement in force changes the day after it.
 */
public final class ParticipationTimeline {

    private ParticipationTimeline() {
    }

    /** @param decisions the participation's decisions in force, in the order they were recorded */
    public static List<Segment<ParticipantStatus>> of(List<ParticipationDecision> decisions) {
        List<ParticipationDecision> byDate = ParticipationState.inDateOrder(decisions);
        List<Segment<ParticipantStatus>> segments = new ArrayList<>();
        ParticipationState state = ParticipationState.INITIAL;
        int next = 0;
        while (next < byDate.size()) {
            LocalDate from = byDate.get(next).effectiveDate();
            while (next < byDate.size() && byDate.get(next).effectiveDate().equals(from)) {
                state = state.apply(byDate.get(next++));
            }
            LocalDate to = next < byDate.size() ? byDate.get(next).effectiveDate() : TimeBounds.OPEN_DATE;
            LocalDate optionEnds = state.optionEndsOn();
            if (optionEnds != null && optionEnds.isAfter(from) && optionEnds.isBefore(to)) {
                segments.add(new Segment<>(from, optionEnds, ParticipantStatus.of(state, from)));
                segments.add(new Segment<>(optionEnds, to, ParticipantStatus.of(state, optionEnds)));
            } else {
                segments.add(new Segment<>(from, to, ParticipantStatus.of(state, from)));
            }
        }
        return segments;
    }
}
