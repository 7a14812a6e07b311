package no.ledger.core.shared;

import java.util.regex.Pattern;

/** A municipality's four-digit number (kommunenummer), such as {@code 0301} for Oslo; the key everything joins on. */
public record MunicipalityNumber(String value) {

    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");

    public MunicipalityNumber {
        InvalidInput.require(value, "number");
        if (!FOUR_DIGITS.matcher(value).matches()) {
            throw new InvalidInput("municipality-number-four-digits", "number",
                    "a municipality number has exactly four digits, such as 0301; got '" + value + "'");
        }
    }

    public static MunicipalityNumber of(String value) {
        return new MunicipalityNumber(value);
    }

    public static boolean isMunicipalityNumber(String value) {
        return value != null && FOUR_DIGITS.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
