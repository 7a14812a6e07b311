package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/** An option cannot expire before the day it is entered. */
public final class OptionExpiryBeforeEntry extends RuleViolation {

    public OptionExpiryBeforeEntry(LocalDate enteredOn, LocalDate expiresOn) {
        super("option-expires-after-entry", Kind.INVALID, "expiresOn", "an option entered on " + enteredOn
                + " cannot expire on " + expiresOn);
    }
}
