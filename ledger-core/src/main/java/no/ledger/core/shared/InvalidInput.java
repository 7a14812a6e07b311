package no.ledger.core.shared;

import java.time.LocalDate;
import java.util.Locale;

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
     * Checks that a required value is present; text must also be printable, not blank and not too long (see
     * {@link #checkText}), a date within {@link #EARLIEST_DATE} and {@link #LATEST_DATE}.
     */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw required(field);
        }
        if (value instanceof CharSequence text) {
            checkLength(text, field);
            if (isBlank(text)) {
                throw required(field);
            }
            checkPrintable(text, field);
        }
        if (value instanceof LocalDate date) {
            checkDate(date, field);
        }
        return value;
    }

    /** Checks an optional text: absent, or printable, not blank and not too long. */
    public static String optional(String value, String field) {
        if (value != null) {
            checkLength(value, field);
            if (isBlank(value)) {
                throw new InvalidInput("not-blank", field, field + " is either left out or has some text");
            }
            checkPrintable(value, field);
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

    /**
     * The length in UTF-16 code units, as Java and H2 count a VARCHAR's characters: a character outside the Basic
     * Multilingual Plane (most emoji) counts twice, so that every stored text fits the read models' columns.
     */
    private static void checkLength(CharSequence text, String field) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidInput("text-length", field, field + " is at most " + MAX_TEXT_LENGTH
                    + " characters long; got " + text.length());
        }
    }

    /** Blank: nothing but white space, including the no-break and other typographic spaces. */
    private static boolean isBlank(CharSequence text) {
        return text.codePoints().allMatch(point -> Character.isWhitespace(point) || Character.isSpaceChar(point));
    }

    /**
     * Printable text only: letters, marks, digits, punctuation, symbols and spaces of any script. Refused are control
     * characters (NUL, escapes, line breaks, which a terminal or a database may act on), format characters (bidi
     * overrides, zero-width spaces, which make a text read other than it is), private-use, unpaired surrogate and
     * unassigned code points, and the line and paragraph separators. The message names the code point, never
     * echoes it.
     */
    private static void checkPrintable(CharSequence text, String field) {
        int offset = 0;
        while (offset < text.length()) {
            int point = Character.codePointAt(text, offset);
            if (!isPrintable(point)) {
                throw new InvalidInput("printable-text", field, String.format(Locale.ROOT,
                        "%s is printable text only; character %d is U+%04X, which is not", field,
                        text.toString().codePointCount(0, offset) + 1, point));
            }
            offset += Character.charCount(point);
        }
    }

    private static boolean isPrintable(int point) {
        return switch (Character.getType(point)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
