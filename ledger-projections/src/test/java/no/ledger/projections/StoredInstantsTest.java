package no.ledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredInstantsTest {

    @Test
    void readsEveryInstantAsInstantParseDoesWhateverItsFraction() {
        Random random = new Random(2020);
        for (int draw = 0; draw < 100_000; draw++) {
            // From 1900 to 2100, at any nanosecond; then with 0, 3, 6 and 9 digits of fraction as toString writes.
            Instant instant = Instant.ofEpochSecond(-2_208_988_800L + (long) (random.nextDouble() * 6_311_433_600L),
                    random.nextInt(1_000_000_000));
            for (Instant truncated : List.of(instant, instant.minusNanos(instant.getNano() % 1_000),
                    instant.minusNanos(instant.getNano() % 1_000_000), instant.minusNanos(instant.getNano()))) {
                String text = truncated.toString();
                assertThat(StoredInstants.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(truncated);
            }
        }
    }

    @Test
    void readsTheFormAxonStoresWithItsMilliseconds() {
        Instant recorded = Instant.parse("2020-07-01T09:30:00Z");
        String stored = DateTimeUtils.formatInstant(recorded);
        assertThat(stored).isEqualTo("2020-07-01T09:30:00.000Z");
        assertThat(StoredInstants.parse(stored)).isEqualTo(recorded);
    }

    @Test
    void readsFractionsOfAnyLengthAndLeapDays() {
        for (String text : List.of("2020-02-29T23:59:59.5Z", "2020-07-01T00:00:00.12Z", "2020-07-01T00:00:00.1234Z",
                "2020-07-01T00:00:00.12345678Z", "2000-02-29T12:00:00Z", "1970-01-01T00:00:00Z")) {
            assertThat(StoredInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void leavesOtherFormsToInstantParseWithItsAnswer() {
        // An offset, lower case, a leap second, a fifth digit of year, the end of a day, an empty fraction.
        for (String text : List.of("2020-07-01T02:00:00+02:00", "2020-07-01t00:00:00z", "2016-12-31T23:59:60Z",
                "+12020-07-01T00:00:00Z", "2020-07-01T24:00:00Z", "2020-07-01T00:00:00.Z")) {
            assertThat(StoredInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void refusesWhatInstantParseRefuses() {
        for (String text : List.of("2019-02-29T00:00:00Z", "2020-13-01T00:00:00Z", "2020-07-01T24:00:01Z",
                "2020-07-01T00:60:00Z", "2020-07-01T00:00:00.1234567890Z",
                "2020-07-01T00:0a:00Z", "2020-07-01 00:00:00Z", "2020-07-01T00:00:00", "")) {
            assertThatThrownBy(() -> StoredInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
