package no.ledger.projections;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * The instants that the event store keeps as text (its {@code time_stamp} column: ISO 8601 in UTC, as Axon writes
 * them, such as {@code 2020-07-01T09:30:00.125Z}), read digit by digit. {@link Instant#parse} goes through the time
 * API's general formatter: a rebuild reads a million of them, and that parse was most of its reader thread's CPU and
 * a good part of the compiler's work while a service's first rebuild ran. Any other form, and any text that is not a
 * valid instant, is left to {@code Instant.parse}, so the answer (or the exception) is always the one it gives.
 */
public final class StoredInstants {

    /** {@code yyyy-MM-ddTHH:mm:ssZ}; a fraction of 1 to 9 digits after the seconds adds 2 to 10 characters. */
    private static final int WITHOUT_FRACTION = 20;
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1};

    private StoredInstants() {
    }

    public static Instant parse(String text) {
        int length = text.length();
        if (length < WITHOUT_FRACTION || length == WITHOUT_FRACTION + 1 || length > WITHOUT_FRACTION + 10
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
                || (length > WITHOUT_FRACTION && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = Math.max(0, length - WITHOUT_FRACTION - 1);
        int fraction = fractionDigits == 0 ? 0 : digits(text, 20, fractionDigits);
        // A leap second (23:59:60) and impossible dates go the long way, and fail or not as Instant.parse does.
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0
                || day > Month.of(month).length(Year.isLeap(year))) {
            return Instant.parse(text);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                (long) fraction * NANOS_PER_DIGIT[fractionDigits]);
    }

    /** The number written in ASCII digits at {@code from}, or -1 if any of them is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int index = from; index < from + count; index++) {
            int digit = text.charAt(index) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
