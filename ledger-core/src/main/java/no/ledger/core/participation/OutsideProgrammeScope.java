package no.ledger.core.participation;

import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.RuleViolation;

/**
 * Only a municipality in one of the programme's health regions takes part in it: Akson covers every municipality
 * outside Midt-Norge, so Trondheim cannot sign Akson's declaration.
 */
public final class OutsideProgrammeScope extends RuleViolation {

    public OutsideProgrammeScope(String number, HealthRegion region, String programmeId) {
        super("municipality-in-programme-scope", Kind.INVALID, "number", "municipality " + number + " (health region "
                + region + ") is outside the scope of programme '" + programmeId + "'");
    }
}
