package no.ledger.projections.rebuild;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Rows in the text format of PostgreSQL's {@code COPY}, written straight into UTF-8 bytes: {@code \N} for null, tabs
 * between columns, escapes for the separators, ISO dates and instants. A rebuild formats millions of values, so dates,
 * instants and numbers are written digit by digit rather than through strings of their own.
 */
final class CopyText extends CopyFormat {

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L};

    @Override
    void row(Object[] values) {
        for (int column = 0; column < values.length; column++) {
            if (column > 0) {
                put('\t');
            }
            value(values[column]);
        }
        put('\n');
    }

    private void value(Object value) {
        if (value == null) {
            put('\\');
            put('N');
        } else if (value instanceof String string) {
            text(string);
        } else if (value instanceof Long number) {
            number(number);
        } else if (value instanceof Integer number) {
            number(number);
        } else if (value instanceof Boolean flag) {
            put(flag ? 't' : 'f');
        } else if (value instanceof LocalDate date && date.getYear() >= 0 && date.getYear() <= 9999) {
            date(date);
        } else if (value instanceof OffsetDateTime instant && instant.getOffset().equals(ZoneOffset.UTC)
                && instant.getYear() >= 0 && instant.getYear() <= 9999) {
            utcInstant(instant);
        } else if (value instanceof BigDecimal decimal) {
            ascii(decimal.toPlainString());
        } else {
            // Other numbers, and dates and instants outside the fast paths: their ISO forms, as PostgreSQL reads them.
            text(value.toString());
        }
    }

    /**
     * A string in UTF-8, its separators escaped. The JDK encodes (an intrinsic, far faster than a loop over chars);
     * the runs between escapes are copied whole. A UTF-8 sequence never holds an ASCII byte, so none is taken for a
     * separator.
     */
    private void text(String string) {
        byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length * 2);
        int copiedUpTo = 0;
        for (int index = 0; index < utf8.length; index++) {
            byte escape = switch (utf8[index]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escape != 0) {
                System.arraycopy(utf8, copiedUpTo, bytes, length, index - copiedUpTo);
                length += index - copiedUpTo;
                bytes[length++] = '\\';
                bytes[length++] = escape;
                copiedUpTo = index + 1;
            }
        }
        System.arraycopy(utf8, copiedUpTo, bytes, length, utf8.length - copiedUpTo);
        length += utf8.length - copiedUpTo;
    }

    private void ascii(String string) {
        ensure(string.length());
        for (int index = 0; index < string.length(); index++) {
            bytes[length++] = (byte) string.charAt(index);
        }
    }

    private void number(long number) {
        if (number < 0) {
            if (number == Long.MIN_VALUE) {
                ascii(Long.toString(number));
                return;
            }
            put('-');
            number = -number;
        }
        ensure(20);
        // Digits counted by comparison and written with int division where the number fits: a profile found a
        // rebuild spending a fifth of its fold thread dividing longs by ten.
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && number >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        if (number <= Integer.MAX_VALUE) {
            digits((int) number, digits);
            return;
        }
        for (int at = length + digits - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + number % 10);
            number /= 10;
        }
        length += digits;
    }

    /** yyyy-MM-dd. */
    private void date(LocalDate date) {
        ensure(10);
        digits(date.getYear(), 4);
        bytes[length++] = '-';
        digits(date.getMonthValue(), 2);
        bytes[length++] = '-';
        digits(date.getDayOfMonth(), 2);
    }

    /** yyyy-MM-ddTHH:mm:ss[.fraction]Z, as OffsetDateTime writes it; PostgreSQL rounds nanoseconds to micro. */
    private void utcInstant(OffsetDateTime instant) {
        ensure(30);
        date(instant.toLocalDate());
        bytes[length++] = 'T';
        digits(instant.getHour(), 2);
        bytes[length++] = ':';
        digits(instant.getMinute(), 2);
        bytes[length++] = ':';
        digits(instant.getSecond(), 2);
        int nano = instant.getNano();
        if (nano > 0) {
            // As LocalTime writes them: milli-, micro- or nanoseconds, whichever is exact.
            bytes[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(nano / 1_000, 6);
            } else {
                digits(nano, 9);
            }
        }
        bytes[length++] = 'Z';
    }

    /** The number in exactly {@code width} digits, zeros in front. */
    private void digits(int number, int width) {
        for (int at = length + width - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + number % 10);
            number /= 10;
        }
        length += width;
    }

    private void put(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
