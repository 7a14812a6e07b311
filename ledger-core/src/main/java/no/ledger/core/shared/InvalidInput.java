package no.ledger.core.shared;

/** A command field that is missing or malformed; {@link #rule()} says which rule of the field was broken. */
public final class InvalidInput extends RuleViolation {

    public InvalidInput(String rule, String field, String message) {
        super(rule, Kind.INVALID, field, message);
    }

    public static InvalidInput required(String field) {
        return new InvalidInput("required", field, field + " is required");
    }

    /** Checks that a required value is present; text must also be non-blank. */
    public static <T> T require(T value, String field) {
        if (value == null || (value instanceof CharSequence text && text.toString().isBlank())) {
            throw required(field);
        }
        return value;
    }
}
