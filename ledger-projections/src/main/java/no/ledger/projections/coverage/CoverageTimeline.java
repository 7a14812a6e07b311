package no.ledger.projections.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.ledger.core.programme.Thresholds;
import no.ledger.projections.coverage.Coverage.Count;
import no.ledger.projections.coverage.Coverage.Scope;

/**
 * A programme's coverage on every date in {@code [from, to]} on which it changed, as known at {@code knownAt}: the
 * first point is {@code from} itself, and each point holds until the next. {@code thresholdsFirstMet} gives the
 * first date in the range on which each threshold was met (null: not met in the range).
 */
public record CoverageTimeline(String programme, LocalDate from, LocalDate to, Instant knownAt,
                               LocalDate declarationDeadline, Thresholds thresholds, List<Point> points,
                               FirstMet thresholdsFirstMet) {

    public record Point(LocalDate date, Scope scope, Count declarations, Count commitments, Count options,
                        Count procurement) {
    }

    public record FirstMet(LocalDate declaration, LocalDate commitment, LocalDate procurement) {
    }
}
