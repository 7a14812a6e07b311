package no.ledger.api.integrity;

import no.ledger.core.shared.RuleViolation;

/** A proof asked for that the tree cannot give: a leaf or a size it does not have (yet). */
public class IntegrityRequestRefused extends RuleViolation {

    public IntegrityRequestRefused(String rule, Kind kind, String field, String message) {
        super(rule, kind, field, message);
    }
}
