package no.ledger.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBoundsTest {

    @Test
    void anInstantIsComparedAsTheDriverSendsItRoundedHalfUpToTheMicrosecond() {
        assertThat(TimeBounds.asSent(Instant.parse("2020-07-01T10:00:00.000001499Z")))
                .isEqualTo(Instant.parse("2020-07-01T10:00:00.000001Z"));
        assertThat(TimeBounds.asSent(Instant.parse("2020-07-01T10:00:00.000001500Z")))
                .isEqualTo(Instant.parse("2020-07-01T10:00:00.000002Z"));
        assertThat(TimeBounds.asSent(Instant.parse("2020-07-01T10:00:00.999999500Z")))
                .isEqualTo(Instant.parse("2020-07-01T10:00:01Z"));
        assertThat(TimeBounds.asSent(Instant.parse("2020-07-01T10:00:00.123456Z")))
                .isEqualTo(Instant.parse("2020-07-01T10:00:00.123456Z"));
    }
}
