package no.ledger.projections.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The open ends of bitemporal rows, and the conversion of instants to and from the database. */
public final class TimeBounds {

    /** The valid_to of a state still in force. */
    public static final LocalDate OPEN_DATE = LocalDate.of(9999, 12, 31);
    /** The recorded_to of a row the ledger still holds true. */
    public static final OffsetDateTime OPEN_RECORDING = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private TimeBounds() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * The instant as PostgreSQL compares it once the driver has sent it: rounded half up to the microsecond, as the
     * driver rounds (and as {@code CopyBinary} writes). A comparison made in memory with it agrees with the same one
     * made in the database.
     */
    public static Instant asSent(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1_000 >= 500 ? micros.plus(1, ChronoUnit.MICROS) : micros;
    }

    public static Instant instant(OffsetDateTime dateTime) {
        return dateTime == null ? null : dateTime.toInstant();
    }
}
