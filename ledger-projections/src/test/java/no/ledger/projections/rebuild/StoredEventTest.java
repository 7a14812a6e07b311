package no.ledger.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredEventTest {

    private static StoredEvent withMetaData(String json) {
        return new StoredEvent(1, "event-1", "participation:akson:0301", 0, Instant.EPOCH, "x", new byte[0],
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whoRecordedAnEventIsReadFromItsMetaDataPastWhateverComesBefore() {
        assertThat(withMetaData("{\"traceId\":\"t\",\"nested\":{\"recordedBy\":\"not this\",\"list\":[1,{\"a\":2}]},"
                + "\"recordedBy\":\"rita\",\"correlationId\":\"c\"}").recordedBy()).isEqualTo("rita");
        assertThat(withMetaData("{\"recordedBy\":\"Øystein Ås\"}").recordedBy()).isEqualTo("Øystein Ås");
    }

    @Test
    void anEventWithoutARecorderHasNone() {
        assertThat(withMetaData("{\"traceId\":\"t\"}").recordedBy()).isNull();
        assertThat(withMetaData("{\"recordedBy\":null}").recordedBy()).isNull();
        assertThat(withMetaData("{}").recordedBy()).isNull();
        assertThat(withMetaData(null).recordedBy()).isNull();
    }
}
