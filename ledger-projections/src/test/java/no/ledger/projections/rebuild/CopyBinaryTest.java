package no.ledger.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyBinaryTest {

    private static ByteBuffer copyOf(Object[]... rows) {
        CopyBinary binary = new CopyBinary();
        binary.reset();
        for (Object[] row : rows) {
            binary.row(row);
        }
        binary.end();
        return ByteBuffer.wrap(Arrays.copyOf(binary.bytes(), binary.length()));
    }

    @Test
    void aCopyHasTheSignatureAndEndsWithTheTrailer() {
        ByteBuffer copy = copyOf();
        byte[] signature = new byte[11];
        copy.get(signature);
        assertThat(signature).isEqualTo("PGCOPY\n\u00ff\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(copy.getInt()).as("flags").isZero();
        assertThat(copy.getInt()).as("header extension").isZero();
        assertThat(copy.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(copy.hasRemaining()).isFalse();
    }

    @Test
    void valuesAreTheirLengthsAndBytesAsPostgresStoresThem() {
        OffsetDateTime recordedAt = OffsetDateTime.of(2020, 7, 1, 12, 0, 0, 123_456_500, ZoneOffset.UTC);
        ByteBuffer copy = copyOf(new Object[] {"Bodø", 42L, true, null, LocalDate.of(2020, 7, 1), recordedAt});
        copy.position(19);
        assertThat(copy.getShort()).as("columns").isEqualTo((short) 6);
        assertThat(copy.getInt()).isEqualTo(5);
        byte[] text = new byte[5];
        copy.get(text);
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("Bodø");
        assertThat(copy.getInt()).isEqualTo(8);
        assertThat(copy.getLong()).isEqualTo(42L);
        assertThat(copy.getInt()).isEqualTo(1);
        assertThat(copy.get()).isEqualTo((byte) 1);
        assertThat(copy.getInt()).as("null").isEqualTo(-1);
        assertThat(copy.getInt()).isEqualTo(4);
        // Days and microseconds since 2000-01-01, PostgreSQL's epoch; half a microsecond rounds up, as the driver does.
        assertThat(copy.getInt()).isEqualTo(7_487);
        assertThat(copy.getInt()).isEqualTo(8);
        assertThat(copy.getLong()).isEqualTo(7_487L * 86_400_000_000L + 12L * 3_600_000_000L + 123_457L);
        assertThat(copy.getShort()).isEqualTo((short) -1);
    }

    @Test
    void stringsAreTheirUtf8BytesWhetherAsciiOrNotAndHoweverLong() {
        String longer = "x".repeat(1 << 21) + "å";
        String[] strings = {"programme-00042", "", "Tromsø", "{\"note\":\"Måsøy\"}", longer, "0301"};
        ByteBuffer copy = copyOf(new Object[] {strings[0], strings[1], strings[2]},
                new Object[] {strings[3], strings[4], strings[5]});
        copy.position(19);
        for (int index = 0; index < strings.length; index++) {
            if (index % 3 == 0) {
                assertThat(copy.getShort()).as("columns").isEqualTo((short) 3);
            }
            byte[] expected = strings[index].getBytes(StandardCharsets.UTF_8);
            assertThat(copy.getInt()).as("length of string %d", index).isEqualTo(expected.length);
            byte[] actual = new byte[expected.length];
            copy.get(actual);
            assertThat(actual).as("string %d", index).isEqualTo(expected);
        }
        assertThat(copy.getShort()).isEqualTo((short) -1);
    }

    @Test
    void instantsOutsideUtcAndTheOpenEndCountFromTheSameEpoch() {
        OffsetDateTime inOslo = OffsetDateTime.of(2000, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2));
        assertThat(CopyBinary.microsSincePostgresEpoch(inOslo)).isZero();
        assertThat(CopyBinary.microsSincePostgresEpoch(OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo((LocalDate.of(9999, 12, 31).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay())
                        * 86_400_000_000L);
    }

    @Test
    void decimalsAndIntegersAreLeftToTheTextFormat() {
        CopyBinary binary = new CopyBinary();
        binary.reset();
        assertThatThrownBy(() -> binary.row(new Object[] {"a", new BigDecimal("0.55")}))
                .isInstanceOf(CopyBinary.Unwritable.class);
        assertThatThrownBy(() -> binary.row(new Object[] {7})).isInstanceOf(CopyBinary.Unwritable.class);
    }
}
