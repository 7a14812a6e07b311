package no.ledger.core.company;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import no.ledger.core.shared.DecisionOutOfOrder;
import no.ledger.core.shared.InvalidInput;

/**
 * A company's share register folded from its share decisions, and the rules a new decision must keep. Share
 * decisions run forward in time, so the register after the last one is also the register on any later date.
 */
public final class ShareRegister {

    private final LocalDate foundedOn;
    private final Map<String, Long> holdings = new LinkedHashMap<>();
    private LocalDate latestDecisionDate;

    public ShareRegister(LocalDate foundedOn) {
        this.foundedOn = foundedOn;
    }

    public long holding(String owner) {
        return holdings.getOrDefault(owner, 0L);
    }

    /** Throws the rule the decision would break in this register. */
    public void check(ShareDecision decision) {
        if (decision instanceof SharesIssued issued) {
            checkDate(issued.issuedOn(), "issuedOn");
            requirePositive(issued.shares());
            long issuedInAll = issuedInAll();
            if (issued.shares() > SharesOutOfBounds.MAX_SHARES - issuedInAll) {
                throw SharesOutOfBounds.inAll(issuedInAll, issued.shares());
            }
        } else if (decision instanceof SharesTransferred transfer) {
            checkDate(transfer.transferredOn(), "transferredOn");
            requirePositive(transfer.shares());
            if (transfer.from().equals(transfer.to())) {
                throw new InvalidInput("transfer-between-different-owners", "to",
                        "shares are transferred to another owner than the sender");
            }
            long held = holding(transfer.from());
            if (held < transfer.shares()) {
                throw new InsufficientShares(transfer.from(), held, transfer.shares());
            }
        }
    }

    public void apply(ShareDecision decision) {
        if (decision instanceof SharesIssued issued) {
            holdings.merge(issued.owner(), issued.shares(), Math::addExact);
        } else if (decision instanceof SharesTransferred transfer) {
            holdings.merge(transfer.from(), Math.negateExact(transfer.shares()), Math::addExact);
            holdings.merge(transfer.to(), transfer.shares(), Math::addExact);
        }
        latestDecisionDate = decision.effectiveDate();
    }

    private void checkDate(LocalDate date, String field) {
        if (date.isBefore(foundedOn)) {
            throw new ShareDecisionBeforeFounding(date, foundedOn, field);
        }
        DecisionOutOfOrder.check("share register", latestDecisionDate, date, field);
    }

    /** Every share issued and not retracted; transfers move shares without changing it. */
    public long issuedInAll() {
        return holdings.values().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact);
    }

    private static void requirePositive(long shares) {
        if (shares <= 0) {
            throw new InvalidInput("shares-positive", "shares", "a number of shares is positive; got " + shares);
        }
        if (shares > SharesOutOfBounds.MAX_SHARES) {
            throw SharesOutOfBounds.inOneDecision(shares);
        }
    }
}
