package no.ledger.projections.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    private static String row(Object... values) {
        CopyText text = new CopyText();
        text.row(values);
        return new String(text.bytes(), 0, text.length(), StandardCharsets.UTF_8);
    }

    @Test
    void separatorsAreEscapedAndNullIsBackslashN() {
        assertThat(row("a\tb", "c\nd\re", "back\\slash", null)).isEqualTo("a\\tb\tc\\nd\\re\tback\\\\slash\t\\N\n");
    }

    @Test
    void textIsUtf8AsJavaEncodesIt() {
        String norwegian = "Bodø, Tromsø og Ålesund: ordfører";
        String beyondTheBasicPlane = "emoji \uD83D\uDE00, euro \u20AC";
        assertThat(row(norwegian, beyondTheBasicPlane)).isEqualTo(norwegian + "\t" + beyondTheBasicPlane + "\n");
    }

    @Test
    void numbersDatesAndInstantsInTheirIsoForms() {
        OffsetDateTime withMillis = OffsetDateTime.of(2020, 7, 1, 9, 5, 3, 120_000_000, ZoneOffset.UTC);
        OffsetDateTime withMicros = withMillis.plusNanos(456_000);
        OffsetDateTime withNanos = withMicros.plusNanos(789);
        OffsetDateTime wholeSecond = OffsetDateTime.of(2026, 11, 24, 23, 59, 59, 0, ZoneOffset.UTC);
        OffsetDateTime elsewhere = OffsetDateTime.of(2020, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2));
        assertThat(row(0L, -42L, Long.MAX_VALUE, Long.MIN_VALUE, 7, true, false, new BigDecimal("0.550")))
                .isEqualTo("0\t-42\t9223372036854775807\t-9223372036854775808\t7\tt\tf\t0.550\n");
        assertThat(row(LocalDate.of(2020, 7, 1), LocalDate.of(999, 1, 9), withMillis, withMicros, withNanos,
                wholeSecond, elsewhere))
                .isEqualTo("2020-07-01\t0999-01-09\t" + withMillis + "\t" + withMicros + "\t" + withNanos + "\t"
                        + wholeSecond + "\t" + elsewhere + "\n");
        assertThat(row(LocalDate.MAX, LocalDate.MIN)).isEqualTo(LocalDate.MAX + "\t" + LocalDate.MIN + "\n");
    }

    @Test
    void everyLengthOfNumberAsLongWritesIt() {
        for (long number = 1; number > 0 && number <= Long.MAX_VALUE / 10; number *= 10) {
            for (long near : new long[] {number - 1, number, number + 1, number * 9 + 8}) {
                assertThat(row(near, -near)).isEqualTo(near + "\t" + (-near) + "\n");
            }
        }
        for (long edge : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, 1_000_000_000L}) {
            assertThat(row(edge)).isEqualTo(edge + "\n");
        }
    }

    @Test
    void aBufferGrowsForLongRows() {
        String long_ = "x".repeat(3 << 20);
        assertThat(row(long_, 1L)).isEqualTo(long_ + "\t1\n");
    }
}
