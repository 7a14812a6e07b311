package no.ledger.core.shared;

import java.time.LocalDate;

/** A command field that is missing or malformed; {@link #rule()} says which rule of the field was broken. */
public final class InvalidInput extends RuleViolation {

    public InvalidInput(String rule, String field, String message) {
        super(rule, Kind.INVALID, field, message);
    }

    public static InvalidInput required(String field) {
        return new InvalidInput("required", field, field + " is required");
    }

    /** The longest text a decision may carry in one field: names, references, reasons, signatories. */
    public static final int MAX_TEXT_LENGTH = 255;

    /** The range of dates the ledger takes: its records reach back and forward far enough for any decision. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

    /**
     * Checks that a required value is present; text must also be non-blank and not too long, a date within
     * {@link #EARLIEST_DATE} and {@link #LATEST_DATE}.
     */
    public static <T> T require(T value, String field) {
        if (value == null || (value instanceof CharSequence text && text.toString().isBlank())) {
            throw required(field);
        }
        if (value instanceof CharSequence text) {
            checkLength(text, field);
        }
        if (value instanceof LocalDate date) {
            checkDate(date, field);
        }
        return value;
    }

    /** Checks an optional text: absent, or not too long. */
    public static String optional(String value, String field) {
        if (value != null) {
            checkLength(value, field);
        }
        return value;
    }

    /** Checks an optional date: absent, or within the ledger's range. */
    public static LocalDate optional(LocalDate value, String field) {
        if (value != null) {
            checkDate(value, field);
        }
        return value;
    }

    public static void checkDate(LocalDate date, String field) {
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            throw new InvalidInput("date-in-range", field, field + " must be between " + EARLIEST_DATE + " and "
                    + LATEST_DATE + "; got " + date);
        }
    }

    private static void checkLength(CharSequence text, String field) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInput("text-length", field, field + " is at most " + MAX_TEXT_LENGTH
                    + " characters long; got " + text.length());
        }
    }
}
