package no.ledger.api.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Dates in Norway's calendar: the default effective date of a registration, and "today" for queries. */
@Component
public class EffectiveDates {

    public static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");

    private final Clock clock;

    public EffectiveDates(Clock clock) {
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(NORWAY));
    }

    public LocalDate orToday(LocalDate date) {
        return date != null ? date : today();
    }
}
