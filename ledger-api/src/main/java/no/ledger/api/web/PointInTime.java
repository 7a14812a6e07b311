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
            InvalidInput.checkDate(LocalDate.ofInstant(knownAt, ZoneOffset.UTC), "knownAt");
        }
        return new AsOf(asOf != null ? asOf : dates.today(), knownAt != null ? knownAt : clock.instant());
    }
}
