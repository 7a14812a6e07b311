package no.ledger.api.idempotency;

import java.util.List;

/**
 * The {@code Idempotency-Key} header as the IETF httpapi draft defines it: a Structured Field string
 * ({@code "8e03978e-…"}). The bare form that many clients send ({@code 8e03978e-…}) is taken as the same key.
 */
final class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** The key, or a reason why the header is not one: printable ASCII, 1 to 255 characters, one header. */
    sealed interface Parsed {
    }

    record Key(String value) implements Parsed {
    }

    record Invalid(String reason) implements Parsed {
    }

    static Parsed parse(List<String> values) {
        if (values.size() != 1) {
            return new Invalid("must be sent once; it was sent " + values.size() + " times");
        }
        String value = values.get(0).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder unquoted = new StringBuilder();
            for (int index = 1; index < value.length() - 1; index++) {
                char character = value.charAt(index);
                if (character == '\\') {
                    char escaped = index + 1 < value.length() - 1 ? value.charAt(++index) : 0;
                    if (escaped != '"' && escaped != '\\') {
                        return new Invalid("is a quoted string with an escape other than \\\" or \\\\");
                    }
                    character = escaped;
                } else if (character == '"') {
                    return new Invalid("is a quoted string with an unescaped quote inside");
                }
                unquoted.append(character);
            }
            value = unquoted.toString();
        }
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return new Invalid("must be 1 to " + MAX_LENGTH + " characters long; it has " + value.length());
        }
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character < 0x20 || character > 0x7e) {
                return new Invalid("must be printable ASCII; character " + (index + 1) + " is not");
            }
        }
        return new Key(value);
    }
}
