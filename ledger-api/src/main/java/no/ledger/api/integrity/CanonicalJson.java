package no.ledger.api.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 (JSON Canonicalization Scheme) over Jackson's tree: object members sorted by their names' UTF-16 code
 * units, no white space, strings escaped as ECMAScript's JSON.stringify does, and numbers as IEEE 754 doubles
 * written the ECMAScript way (shortest digits that read back to the same double). The leaves of the verifiable
 * log are these bytes, so a client in any language with a JCS library can recompute them.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode json) {
        return text(json).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(JsonNode json) {
        StringBuilder out = new StringBuilder(256);
        write(json, out);
        return out.toString();
    }

    private static void write(JsonNode json, StringBuilder out) {
        switch (json.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                json.fieldNames().forEachRemaining(names::add);
                // String's natural order compares UTF-16 code units, as RFC 8785 section 3.2.3 asks.
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(names.get(i), out);
                    out.append(':');
                    write(json.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> elements = json.elements();
                boolean first = true;
                while (elements.hasNext()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(elements.next(), out);
                }
                out.append(']');
            }
            case STRING -> writeString(json.textValue(), out);
            case NUMBER -> out.append(number(json));
            case BOOLEAN -> out.append(json.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not JSON data: " + json.getNodeType());
        }
    }

    private static String number(JsonNode number) {
        if (number.isIntegralNumber() && number.canConvertToLong()) {
            long value = number.longValue();
            // Integers a double holds exactly are written as they are; larger ones go through the double, as JCS does.
            if (Math.abs(value) <= (1L << 53)) {
                return Long.toString(value);
            }
        }
        return number(number.doubleValue());
    }

    /** ECMAScript's Number::toString (ECMA-262, 7.1.12.1) for a finite double, as RFC 8785 section 3.2.2.3 asks. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        if (value == 0) {
            return "0";
        }
        if (value < 0) {
            return "-" + number(-value);
        }
        BigDecimal shortest = shortestRoundTrip(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        // value = digits × 10^(n − k)
        int n = k - shortest.scale();
        StringBuilder out = new StringBuilder(32);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
        return out.toString();
    }

    /**
     * The fewest significant digits that read back as the same double; of several with that many digits, the one
     * closest to the double's exact value (rounding the exact value gives it). Java 17's Double.toString does not
     * always give the shortest, so it is not used.
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
