package no.ledger.core.shared;

import java.util.regex.Pattern;

/** The shape of the ledger's own identifiers (programmes, companies, other owners): lower-case words and dashes. */
public final class Slug {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Slug() {
    }

    public static boolean isSlug(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    public static String require(String value, String field) {
        InvalidInput.require(value, field);
        if (!SLUG.matcher(value).matches()) {
            throw new InvalidInput("identifier-format", field, field
                    + " must be 1 to 63 lower-case letters, digits or dashes, starting with a letter or digit; got '"
                    + value + "'");
        }
        return value;
    }
}
