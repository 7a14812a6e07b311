package no.ledger.projections;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares as the API writes them: a decimal between 0 and 1 with four places (0.5612). */
public final class Shares {

    private Shares() {
    }

    /** {@code part / whole} to four decimals, half up; zero when the whole is zero. */
    public static BigDecimal of(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
