package no.ledger.core.company;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/** Shares are issued or transferred on or after the company's founding date. */
public final class ShareDecisionBeforeFounding extends RuleViolation {

    public ShareDecisionBeforeFounding(LocalDate date, LocalDate foundedOn, String field) {
        super("shares-after-founding", Kind.CONFLICT, field, "the company was founded on " + foundedOn
                + "; no shares can move on " + date);
    }
}
