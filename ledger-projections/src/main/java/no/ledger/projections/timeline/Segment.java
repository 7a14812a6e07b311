package no.ledger.projections.timeline;

import java.time.LocalDate;

/**
 * A value in force over the effective dates [validFrom, validTo): at the end of every day d with
 * {@code validFrom <= d < validTo}. {@link TimeBounds#OPEN_DATE} stands for an open end.
 */
public record Segment<V>(LocalDate validFrom, LocalDate validTo, V value) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(validFrom) && day.isBefore(validTo);
    }
}
