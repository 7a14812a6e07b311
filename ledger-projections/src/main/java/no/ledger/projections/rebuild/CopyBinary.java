package no.ledger.projections.rebuild;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Rows in the binary format of PostgreSQL's {@code COPY}: a header, then for each row its number of columns and each
 * value as its length and bytes (-1 for null), then a trailer. PostgreSQL takes values in this format as they are
 * stored, where it would parse text (dates and instants above all) value by value: loading a rebuild's three large
 * tables cost it about half as much as their text did. Only the types of the read model tables are written: text
 * (UTF-8, the client encoding the driver sets), {@code bigint}, {@code boolean}, {@code date} and
 * {@code timestamp with time zone}; a batch with anything else goes as text ({@link Unwritable}).
 */
final class CopyBinary extends CopyFormat {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, // flags: no OIDs
        0, 0, 0, 0}; // no header extension
    /** PostgreSQL counts dates and instants from 2000-01-01, the JDK from 1970-01-01. */
    private static final long POSTGRES_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long POSTGRES_EPOCH_SECOND = POSTGRES_EPOCH_DAY * 86_400;

    /** A value of a type not written here: its rows go in the text format. */
    static final class Unwritable extends RuntimeException {
        Unwritable(Object value) {
            // No stack trace: thrown for every batch of a table with such a column, and caught at once.
            super("no binary COPY form for a " + value.getClass().getName(), null, false, false);
        }
    }

    /** Starts a new copy: its header. */
    @Override
    void reset() {
        super.reset();
        put(HEADER, HEADER.length);
    }

    /** Ends the copy: its trailer. */
    @Override
    void end() {
        ensure(2);
        putShort(-1);
    }

    @Override
    void row(Object[] values) {
        ensure(2);
        putShort(values.length);
        for (Object value : values) {
            value(value);
        }
    }

    private void value(Object value) {
        if (value == null) {
            ensure(4);
            putInt(-1);
        } else if (value instanceof String string) {
            byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
            ensure(4 + utf8.length);
            putInt(utf8.length);
            put(utf8, utf8.length);
        } else if (value instanceof Long number) {
            ensure(12);
            putInt(8);
            putLong(number);
        } else if (value instanceof Boolean flag) {
            ensure(5);
            putInt(1);
            bytes[length++] = (byte) (flag ? 1 : 0);
        } else if (value instanceof LocalDate date) {
            ensure(8);
            putInt(4);
            putInt(Math.toIntExact(date.toEpochDay() - POSTGRES_EPOCH_DAY));
        } else if (value instanceof OffsetDateTime instant) {
            ensure(12);
            putInt(8);
            putLong(microsSincePostgresEpoch(instant));
        } else {
            throw new Unwritable(value);
        }
    }

    /** Microseconds, rounded half up as the driver rounds an instant it sends. */
    static long microsSincePostgresEpoch(OffsetDateTime instant) {
        long seconds = instant.toEpochSecond() - POSTGRES_EPOCH_SECOND;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (instant.getNano() + 500) / 1_000);
    }

    private void putShort(int value) {
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putInt(int value) {
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void put(byte[] from, int count) {
        ensure(count);
        System.arraycopy(from, 0, bytes, length, count);
        length += count;
    }
}
