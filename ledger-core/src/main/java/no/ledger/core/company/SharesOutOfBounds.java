package no.ledger.core.company;

import no.ledger.core.shared.RuleViolation;

/**
 * A decision moves at most {@link #MAX_SHARES} shares, and a company has at most that many shares in all: far more
 * than any joint company of the programmes needs, and small enough that every holding and total stays exact.
 */
public final class SharesOutOfBounds extends RuleViolation {

    public static final long MAX_SHARES = 1_000_000_000_000L;

    private SharesOutOfBounds(String message) {
        super("shares-bounds", Kind.INVALID, "shares", message);
    }

    static SharesOutOfBounds inOneDecision(long shares) {
        return new SharesOutOfBounds("a decision moves at most " + MAX_SHARES + " shares; got " + shares);
    }

    static SharesOutOfBounds inAll(long issued, long shares) {
        return new SharesOutOfBounds("a company has at most " + MAX_SHARES + " shares in all; " + issued
                + " are issued, so " + shares + " more would be too many");
    }
}
