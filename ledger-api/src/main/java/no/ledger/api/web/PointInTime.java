package no.ledger.api.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import no.ledger.core.shared.InvalidInput;
import no.ledger.projections.timeline.AsOf;
import org.springframework.stereotype.Component;

/** The {@code asOf} and {@code knownAt} of a query, with their defaults: today in Norway, and now. */
@Component
public class PointInTime {

    private static final Instant EARLIEST = InvalidInput.EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LATEST = InvalidInput.LATEST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant();

    private final Clock clock;
    private final EffectiveDates dates;

    public PointInTime(Clock clock, EffectiveDates dates) {
        this.clock = clock;
        this.dates = dates;
    }

    public AsOf of(LocalDate asOf, Instant knownAt) {
        if (asOf != null) {
            InvalidInput.checkDate(asOf, "asOf");
        }
        if (knownAt != null) {
            // Compared as instants: an instant near Instant.MAX has no LocalDate to check.
            if (knownAt.isBefore(EARLIEST) || !knownAt.isBefore(AFTER_LATEST)) {
                throw new InvalidInput("date-in-range", "knownAt", "knownAt must be between "
                        + InvalidInput.EARLIEST_DATE + " and " + InvalidInput.LATEST_DATE + " (UTC)");
            }
        }
        return new AsOf(asOf != null ? asOf : dates.today(), knownAt != null ? knownAt : clock.instant());
    }
}
